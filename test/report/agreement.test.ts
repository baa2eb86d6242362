import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { buildRouteReport, type RouteReport } from 'eslint-plugin-observability/report';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { fixturePath, observabilityConfig, repoRoot } from '../helpers';

/**
 * The report is a view of what the four service rules decide: on every fixture service, real ESLint runs the rules
 * (default options) over every file, and each verdict of the report must match a finding, and each finding a
 * verdict. A route is unlogged in the report exactly when require-route-logging reports it; an app has routes
 * without a request ID, untimed routes or missing probes exactly when the other three rules report it there, with
 * the same counts.
 */
const SERVICE_RULES = [
  'require-route-logging',
  'require-correlation-id',
  'require-request-timing',
  'require-health-endpoints',
];

const services = fs
  .readdirSync(fixturePath('services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => fixturePath('services', entry.name));
const examples = [path.join(repoRoot(), 'examples', 'express-service')];

interface Finding {
  rule: string;
  messageId: string;
  at: string;
  message: string;
}

async function findings(dir: string): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: observabilityConfig(
      Object.fromEntries(SERVICE_RULES.map((rule) => [`observability/${rule}`, 'warn'])),
    ),
  });
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((result) =>
    result.messages.map((message) => {
      assert.ok(message.ruleId, `no fatal errors linting ${result.filePath}: ${message.message}`);
      const file = path.relative(dir, result.filePath).split(path.sep).join('/');
      return {
        rule: message.ruleId.replace('observability/', ''),
        messageId: message.messageId ?? '',
        at: `${file}:${message.line}`,
        message: message.message,
      };
    }),
  );
}

const countIn = (message: string): number => Number(/^(\d+) route/.exec(message)?.[1]);

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

describe('the route report agrees with the service rules (real ESLint on each fixture service)', function () {
  before(() => defaultAnalysisHost().invalidate());

  for (const dir of [...services, ...examples]) {
    it(path.relative(repoRoot(), dir), async () => {
      const found = await findings(dir);
      const report: RouteReport = buildRouteReport(dir);
      const routes = report.services.flatMap((service) => service.routes);
      const byRule = (rule: string, ...messageIds: string[]): Finding[] =>
        found.filter((finding) => finding.rule === rule && messageIds.includes(finding.messageId));

      // require-route-logging: each unlogged route is reported where it is registered.
      assert.deepEqual(
        sorted(byRule('require-route-logging', 'routeNotLogged', 'routesHereNotLogged').map((finding) => finding.at)),
        sorted(routes.filter((route) => !route.logged && !route.exempt).map((route) => `${route.file}:${route.line}`)),
        'unlogged routes',
      );
      // Its app-wide findings stand for unlogged routes the report lists.
      for (const finding of byRule('require-route-logging', 'appRoutesNotLogged')) {
        const service = report.services.find((candidate) => `${candidate.file}:${candidate.line}` === finding.at);
        assert.ok(service, `an app at ${finding.at}`);
        assert.ok(
          service.routes.some((route) => !route.logged && !route.exempt && route.file !== service.file),
          `unlogged routes of ${finding.at} in other files`,
        );
      }

      const perApp = (rule: string, messageIds: string[]): Map<string, Finding> =>
        new Map(byRule(rule, ...messageIds).map((finding) => [finding.at, finding]));
      const requestId = perApp('require-correlation-id', ['noCorrelationId']);
      const timing = perApp('require-request-timing', ['noRequestMetric', 'noRequestTiming']);
      const probes = perApp('require-health-endpoints', ['missingProbes']);
      for (const service of report.services) {
        const at = `${service.file}:${service.line}`;
        const judged = service.routes.filter((route) => !route.exempt);
        const withoutId = judged.filter((route) => !route.requestId).length;
        assert.equal(
          requestId.has(at) ? countIn(requestId.get(at)!.message) : 0,
          withoutId,
          `routes without a request ID at ${at}`,
        );
        const untimed = judged.filter((route) => !route.timed).length;
        assert.equal(timing.has(at) ? countIn(timing.get(at)!.message) : 0, untimed, `untimed routes at ${at}`);
        const probe = probes.get(at)?.message ?? '';
        assert.equal(probe.includes('liveness endpoint'), !service.health.liveness, `liveness at ${at}: ${probe}`);
        assert.equal(probe.includes('readiness endpoint'), !service.health.readiness, `readiness at ${at}: ${probe}`);
      }
      // And no app-level finding without a service in the report.
      const apps = new Set(report.services.map((service) => `${service.file}:${service.line}`));
      for (const at of [...requestId.keys(), ...timing.keys(), ...probes.keys()])
        assert.ok(apps.has(at), `the report lists the app at ${at}`);
    });
  }

  it('is not vacuous: the fixtures have unlogged, logged, untimed and probe-less services', () => {
    const reports = services.map((dir) => buildRouteReport(dir));
    const routes = reports.flatMap((report) => report.services.flatMap((service) => service.routes));
    assert.ok(routes.some((route) => route.logged) && routes.some((route) => !route.logged && !route.exempt));
    assert.ok(routes.some((route) => route.requestId) && routes.some((route) => !route.requestId));
    assert.ok(routes.some((route) => route.timed) && routes.some((route) => !route.timed));
    const health = reports.flatMap((report) => report.services.map((service) => service.health));
    assert.ok(health.some((probe) => probe.readiness) && health.some((probe) => !probe.liveness));
    assert.ok(reports.filter((report) => report.services.length > 0).length >= 25);
  });
});
