import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GrafanaDashboard } from 'eslint-plugin-observability/alerts';
import { repoRoot } from '../helpers';
import { cli, fixedCheckoutService, metricNamesIn, request, startService, writeFile } from './support';

/** Every PromQL text of the dashboard: panel targets and query variables. */
function queriesOf(dashboard: GrafanaDashboard): string[] {
  const targets = dashboard.panels.flatMap((panel) =>
    panel.type === 'row' ? [] : panel.targets.map((target) => target.expr),
  );
  const variables = dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => String(variable.query));
  return [...targets, ...variables];
}

/**
 * Type-checks `json` against `@grafana/schema`'s Dashboard (Grafana's published dashboard model) by compiling a
 * module that assigns it, as an object literal, to a `Dashboard`: unknown keys, wrong types and missing required
 * fields fail. Returns tsc's output (empty when it passes).
 */
function typeCheckDashboard(name: string, json: string): { status: number | null; output: string } {
  // Inside the repository, so that the compile resolves the pinned @grafana/schema from its node_modules.
  const dir = path.join(repoRoot(), 'out', 'test', 'alerts', 'grafana-check', name);
  fs.rmSync(dir, { recursive: true, force: true });
  writeFile(
    path.join(dir, 'dashboard.ts'),
    `import type { Dashboard } from '@grafana/schema';\n\nexport const dashboard: Dashboard = ${json.trimEnd()};\n`,
  );
  writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        types: [],
        skipLibCheck: false,
      },
      files: ['dashboard.ts'],
    }),
  );
  const tsc = path.join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the generated Grafana dashboard: Grafana's schema, and queries over series the service exports", function () {
  this.timeout(180_000);
  let dir: string;
  let json: string;
  let dashboard: GrafanaDashboard;

  before(() => {
    dir = fixedCheckoutService();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'observability-alerts-grafana-'));
    const result = cli('alerts', dir, '--output', out);
    assert.equal(result.status, 0, result.stderr);
    json = fs.readFileSync(path.join(out, 'checkout.dashboard.json'), 'utf8');
    dashboard = JSON.parse(json) as GrafanaDashboard;
  });

  it('type-checks as a Dashboard of @grafana/schema, and a misspelt or mistyped field does not (the check is not vacuous)', () => {
    const checked = typeCheckDashboard('generated', json);
    assert.equal(checked.status, 0, checked.output);
    const misspelt = typeCheckDashboard('misspelt', json.replace('"gridPos"', '"gridPosition"'));
    assert.notEqual(misspelt.status, 0);
    assert.match(misspelt.output, /gridPosition/);
    const mistyped = typeCheckDashboard('mistyped', json.replace('"schemaVersion": 39', '"schemaVersion": "39"'));
    assert.notEqual(mistyped.status, 0);
    assert.match(mistyped.output, /Type 'string' is not assignable to type 'number'/);
  });

  it('has RED panels for the service and per route, a route variable, and the units of the metric', () => {
    const titles = dashboard.panels.map((panel) => panel.title);
    for (const title of [
      'Service',
      'Requests per second',
      '5xx ratio',
      'p99 latency',
      'Request rate',
      'Latency',
      'Routes',
      'Request rate by route',
      '5xx ratio by route',
      'p95 latency by route',
      'p99 latency by route',
      'p50 latency by route',
    ]) {
      assert.ok(titles.includes(title), `panel ${title} in ${titles.join(', ')}`);
    }
    const route = dashboard.templating.list.find((variable) => variable.name === 'route');
    assert.ok(route, 'a route variable');
    assert.equal(route.query, 'label_values(http_request_duration_seconds_count{job="$job"}, route)');
    assert.equal(route.includeAll, true);
    const byRoute = dashboard.panels.filter((panel) => panel.type !== 'row' && panel.title.endsWith('by route'));
    assert.equal(byRoute.length, 5);
    for (const panel of byRoute)
      if (panel.type !== 'row') for (const target of panel.targets) assert.match(target.expr, /route=~"\$route"/);
    const latency = dashboard.panels.find((panel) => panel.title === 'Latency');
    assert.ok(latency && latency.type !== 'row');
    assert.equal(latency.fieldConfig.defaults.unit, 's');
    assert.deepEqual(
      latency.targets.map((target) => target.expr.slice(0, 23)),
      ['histogram_quantile(0.5,', 'histogram_quantile(0.95', 'histogram_quantile(0.99'],
    );
  });

  it('every query names only series the fixed service really exposes on GET /metrics, with the labels it groups by', async () => {
    const failFile = path.join(os.tmpdir(), `observability-alerts-grafana-${process.pid}`);
    const service = await startService(dir, { PAYMENTS_DOWN_FILE: failFile });
    let exposition: string;
    try {
      // Series with labels appear once a request is recorded: one success and one failure.
      assert.equal((await request(service.port, 'GET', '/orders/7')).status, 200);
      fs.writeFileSync(failFile, 'down');
      assert.equal((await request(service.port, 'POST', '/orders/7/pay')).status, 502);
      fs.rmSync(failFile, { force: true });
      const metrics = await request(service.port, 'GET', '/metrics');
      assert.equal(metrics.status, 200);
      exposition = metrics.body;
    } finally {
      fs.rmSync(failFile, { force: true });
      await service.stop();
    }
    const exposed = new Set(
      exposition
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line)![0]),
    );
    const queries = queriesOf(dashboard);
    assert.ok(queries.length >= 12, `${queries.length} queries`);
    for (const query of queries) {
      const names = metricNamesIn(query);
      assert.ok(names.length > 0, `a metric named in ${query}`);
      for (const name of names)
        assert.ok(
          exposed.has(name),
          `${name} (in ${query}) is exposed by the service; it exposes ${[...exposed].filter((metric) => metric.startsWith('http_')).join(', ')}`,
        );
    }
    // The labels the queries group and filter by are on the exposed series.
    const counted = exposition
      .split('\n')
      .find((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('status_code="502"'));
    assert.ok(counted, `a 502 recorded:\n${exposition}`);
    assert.match(counted, /route="\/orders\/:id\/pay"/);
    assert.match(counted, /method="POST"/);
  });
});
