import {
  coverageCounts,
  percent,
  type RouteReport,
  type RouteReportEntry,
  type ServiceReport,
} from '../analysis/service-model/report';

/** Terminal styling: identity functions when colour is off (not a TTY, NO_COLOR, an output file). */
export interface Style {
  good(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi =
  (code: number) =>
  (text: string): string =>
    `\u001b[${code}m${text}\u001b[0m`;
export const COLOURS: Style = { good: ansi(32), bad: ansi(31), dim: ansi(2), bold: ansi(1) };
export const PLAIN: Style = { good: (text) => text, bad: (text) => text, dim: (text) => text, bold: (text) => text };

const mark = (ok: boolean, style: Style): string => (ok ? style.good('✓') : style.bad('✗'));

/** Columns padded to their widest cell; `width` measures without escape codes. */
function columns(rows: readonly string[][], indent: string): string[] {
  // eslint-disable-next-line no-control-regex -- terminal colour codes
  const width = (cell: string): number => [...cell.replace(/\u001b\[\d+m/g, '')].length;
  const widths = rows[0].map((_, index) => Math.max(...rows.map((row) => width(row[index] ?? ''))));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, index) => (index === row.length - 1 ? cell : cell + ' '.repeat(widths[index] - width(cell))))
        .join('  ')
        .trimEnd(),
  );
}

/** The summary line: judged routes and their coverage, and how many services answer probes and /metrics. */
export function summaryLine(report: RouteReport): string {
  const counts = coverageCounts(report.services);
  const total = report.services.reduce((sum, service) => sum + service.routes.length, 0);
  const exempt = total - counts.routes;
  const services = report.services.length;
  const count = (predicate: (service: ServiceReport) => boolean): string =>
    `${report.services.filter(predicate).length}/${services}`;
  return [
    `${services} service(s), ${total} route(s)${exempt ? ` (${exempt} exempt: probes, /metrics)` : ''}`,
    `logged ${percent(counts.logged, counts.routes)}%, request ID ${percent(counts.requestId, counts.routes)}%, timed ${percent(counts.timed, counts.routes)}%`,
    `health ${count((service) => service.health.liveness)}, readiness ${count((service) => service.health.readiness)}, /metrics ${count((service) => service.metricsEndpoint)}`,
  ].join(' · ');
}

/** The terminal table: per service its probes, then one line per route. */
export function formatTable(report: RouteReport, style: Style = PLAIN): string {
  const lines: string[] = [];
  for (const service of report.services) {
    lines.push(
      `${style.bold(`${service.framework} ${service.file}:${service.line}`)} ${style.dim(`(${service.name})`)}`,
    );
    lines.push(
      `  health ${mark(service.health.liveness, style)}  readiness ${mark(service.health.readiness, style)}  /metrics ${mark(service.metricsEndpoint, style)}`,
    );
    if (service.routes.length === 0) {
      lines.push(style.dim('  no routes'), '');
      continue;
    }
    const header = ['METHOD', 'PATH', 'LOCATION', 'LOGGED', 'REQUEST ID', 'TIMED', ''].map((cell) => style.dim(cell));
    const rows = service.routes.map((route) => [
      route.method,
      route.path,
      `${route.file}:${route.line}`,
      mark(route.logged, style),
      mark(route.requestId, style),
      mark(route.timed, style),
      route.exempt ? style.dim('exempt') : '',
    ]);
    lines.push(...columns([header, ...rows], '  '), '');
  }
  lines.push(...problemLines(report, (file, message) => `${file}: ${message}`));
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function problemLines(report: RouteReport, line: (file: string, message: string) => string): string[] {
  if (report.problems.length === 0) return [];
  return [
    `Files left out (${report.problems.length}):`,
    ...report.problems.map((problem) => line(problem.file, problem.message)),
    '',
  ];
}

export function formatJson(report: RouteReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const yes = (ok: boolean): string => (ok ? '✅' : '❌');
/** Markdown table cells: a pipe would end the cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${cell(text).replace(/`/g, "'")}\``;

/** A compact summary for a pull-request comment: one row per service, the routes missing something folded. */
export function formatMarkdown(report: RouteReport): string {
  const lines = ['### Observability route report', ''];
  if (report.services.length === 0) lines.push('No service found.', '');
  else {
    lines.push(
      '| Service | Health | Readiness | `/metrics` | Routes | Logged | Request ID | Timed |',
      '| --- | :-: | :-: | :-: | --: | --: | --: | --: |',
    );
    for (const service of report.services) {
      const counts = coverageCounts([service]);
      lines.push(
        `| ${service.framework} ${code(`${service.file}:${service.line}`)} | ${yes(service.health.liveness)} | ${yes(service.health.readiness)} | ${yes(service.metricsEndpoint)} | ${counts.routes} | ${percent(counts.logged, counts.routes)}% | ${percent(counts.requestId, counts.routes)}% | ${percent(counts.timed, counts.routes)}% |`,
      );
    }
    lines.push('');
    const gaps = report.services.flatMap((service) =>
      service.routes.filter((route) => !route.exempt && !(route.logged && route.requestId && route.timed)),
    );
    if (gaps.length > 0) {
      lines.push(
        `<details><summary>Routes missing something (${gaps.length})</summary>`,
        '',
        '| Route | Location | Logged | Request ID | Timed |',
        '| --- | --- | :-: | :-: | :-: |',
      );
      lines.push(
        ...gaps.map(
          (route) =>
            `| ${routeCell(route)} | ${code(`${route.file}:${route.line}`)} | ${yes(route.logged)} | ${yes(route.requestId)} | ${yes(route.timed)} |`,
        ),
      );
      lines.push('', '</details>', '');
    }
  }
  lines.push(...problemLines(report, (file, message) => `- ${code(file)}: ${cell(message)}`));
  lines.push(`_${summaryLine(report)}_`);
  return `${lines.join('\n')}\n`;
}

export const routeCell = (route: Pick<RouteReportEntry, 'method' | 'path'>): string =>
  code(`${route.method} ${route.path}`);
