import { coverageCounts, percent, type RouteReport, type ServiceReport } from '../analysis/service-model/report';
import { routeCell } from './text';

/**
 * What got worse between a base report and the current one: new routes missing logging, a request ID or timing;
 * routes that lost one; probes or `/metrics` a service lost (or a new service lacks); coverage that dropped.
 * Routes are matched by method and path within a service, services by framework and app file (a line moving is
 * no change).
 */
export interface Regression {
  kind: 'new-route' | 'route' | 'service' | 'coverage';
  /** `express src/app.ts:8` */
  service: string;
  route?: { method: string; path: string; file: string; line: number };
  /** What is missing now: `logging`, `request ID`, `timing`, `liveness endpoint`, … or a coverage figure. */
  missing: string[];
  /** In words, for the table and markdown. */
  detail: string;
}

export interface ReportDiff {
  version: 1;
  base: string;
  regressions: Regression[];
}

const ROUTE_ASPECTS = [
  ['logged', 'logging'],
  ['requestId', 'request ID'],
  ['timed', 'timing'],
] as const;

const SERVICE_ASPECTS: Array<[string, (service: ServiceReport) => boolean]> = [
  ['liveness endpoint', (service) => service.health.liveness],
  ['readiness endpoint', (service) => service.health.readiness],
  ['/metrics endpoint', (service) => service.metricsEndpoint],
];

/** Services keyed by framework and file; a second app in one file gets `#2`. */
function keyed(report: RouteReport): Map<string, ServiceReport> {
  const services = new Map<string, ServiceReport>();
  for (const service of report.services) {
    const key = `${service.framework} ${service.file}`;
    let unique = key;
    for (let n = 2; services.has(unique); n++) unique = `${key}#${n}`;
    services.set(unique, service);
  }
  return services;
}

export function diffReports(base: RouteReport, current: RouteReport, baseRef: string): ReportDiff {
  const before = keyed(base);
  const regressions: Regression[] = [];
  for (const [key, service] of keyed(current)) {
    const name = `${service.framework} ${service.file}:${service.line}`;
    const old = before.get(key);
    for (const [what, present] of SERVICE_ASPECTS) {
      if (present(service) || (old && !present(old))) continue;
      regressions.push({
        kind: 'service',
        service: name,
        missing: [what],
        detail: old ? `lost its ${what}` : `new service without a ${what}`,
      });
    }
    const oldRoutes = new Map((old?.routes ?? []).map((route) => [`${route.method} ${route.path}`, route]));
    for (const route of service.routes) {
      if (route.exempt) continue;
      const was = oldRoutes.get(`${route.method} ${route.path}`);
      const lost = ROUTE_ASPECTS.filter(([field]) => !route[field] && (!was || was[field])).map(([, words]) => words);
      if (lost.length === 0) continue;
      const where = { method: route.method, path: route.path, file: route.file, line: route.line };
      regressions.push(
        was
          ? { kind: 'route', service: name, route: where, missing: lost, detail: `lost ${lost.join(', ')}` }
          : {
              kind: 'new-route',
              service: name,
              route: where,
              missing: lost,
              detail: `new route without ${lost.join(', ')}`,
            },
      );
    }
    if (!old) continue;
    const [now, then] = [coverageCounts([service]), coverageCounts([old])];
    for (const [field, words] of ROUTE_ASPECTS) {
      const [nowPercent, thenPercent] = [percent(now[field], now.routes), percent(then[field], then.routes)];
      if (nowPercent < thenPercent)
        regressions.push({
          kind: 'coverage',
          service: name,
          missing: [`${words} ${nowPercent}%`],
          detail: `${words} coverage dropped from ${thenPercent}% to ${nowPercent}%`,
        });
    }
  }
  return { version: 1, base: baseRef, regressions };
}

export function formatDiffMarkdown(diff: ReportDiff): string {
  const title = `### Observability: what got worse since \`${diff.base}\``;
  if (diff.regressions.length === 0) return `${title}\n\nNothing: no new uncovered routes, no coverage dropped. ✅\n`;
  const lines = [title, '', '| Change | Service | Route | Location |', '| --- | --- | --- | --- |'];
  for (const regression of diff.regressions) {
    const route = regression.route;
    lines.push(
      `| ${regression.detail} | \`${regression.service}\` | ${route ? routeCell(route) : ''} | ${route ? `\`${route.file}:${route.line}\`` : ''} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatDiffText(diff: ReportDiff): string {
  if (diff.regressions.length === 0) return `Nothing got worse since ${diff.base}.\n`;
  const lines = [`What got worse since ${diff.base} (${diff.regressions.length}):`];
  for (const regression of diff.regressions) {
    const route = regression.route
      ? ` ${regression.route.method} ${regression.route.path} (${regression.route.file}:${regression.route.line})`
      : '';
    lines.push(`  ${regression.service}${route}: ${regression.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
