import { SERVICE_MISSING } from 'observability-lint-server/protocol';

/**
 * The Observability view's tree as plain data, built from `observability/serviceReport` answers: no `vscode` import,
 * so it is unit-tested with mocha. The view (routesView.ts) turns each node into a TreeItem.
 */

/** The report JSON (version 1) as far as the view reads it; see eslint-plugin's `service-model/report.ts`. */
export interface ReportRoute {
  method: string;
  path: string;
  file: string;
  line: number;
  logged: boolean;
  requestId: boolean;
  timed: boolean;
  exempt: boolean;
}
export interface ReportService {
  framework: string;
  name: string;
  file: string;
  line: number;
  health: { liveness: boolean; readiness: boolean };
  metricsEndpoint: boolean;
  routes: ReportRoute[];
}
export interface FolderReport {
  /** The workspace folder as a URI. */
  folder: string;
  report: { version: number; services: ReportService[]; problems: Array<{ file: string; message: string }> };
}

/** A place to open: a file relative to its folder, 1-based line. */
export interface NodeLocation {
  folder: string;
  file: string;
  line: number;
}

/** A codicon id and an optional theme color id. */
export interface NodeIcon {
  id: string;
  color?: string;
}

export interface TreeNode {
  kind: 'folder' | 'service' | 'route';
  /** Stable across refreshes (keeps expansion state). */
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: NodeIcon;
  /** Service nodes: `service` plus a `service-missing-*` token per piece an insert command can add. */
  contextValue: string;
  location?: NodeLocation;
  children: TreeNode[];
}

const OK: NodeIcon = { id: 'pass', color: 'testing.iconPassed' };
const MISSING: NodeIcon = { id: 'warning', color: 'list.warningForeground' };
const EXEMPT: NodeIcon = { id: 'circle-outline' };

const mark = (ok: boolean): string => (ok ? '✓' : '✗');

/** Logged, request ID and timed: what a route needs to count as covered. */
export function routeCovered(route: ReportRoute): boolean {
  return route.logged && route.requestId && route.timed;
}

function routeNode(folder: string, service: string, route: ReportRoute, index: number): TreeNode {
  const covered = routeCovered(route);
  const tooltip = route.exempt
    ? `${route.method} ${route.path} is a probe or the metrics scrape: the rules require nothing of it.\n${route.file}:${route.line}`
    : [
        `${route.method} ${route.path} — ${route.file}:${route.line}`,
        `${mark(route.logged)} logged: ${route.logged ? 'request logging covers it' : 'no request logging covers it (require-route-logging)'}`,
        `${mark(route.requestId)} request ID: ${route.requestId ? 'set for it' : 'none set for it (require-correlation-id)'}`,
        `${mark(route.timed)} timed: ${route.timed ? 'its requests are timed' : 'its requests are not timed (require-request-timing)'}`,
      ].join('\n');
  return {
    kind: 'route',
    id: `${service}#${index}:${route.method} ${route.path}`,
    label: `${route.method} ${route.path}`,
    description: route.exempt
      ? 'exempt'
      : `${mark(route.logged)} logged  ${mark(route.requestId)} request ID  ${mark(route.timed)} timed`,
    tooltip,
    icon: route.exempt ? EXEMPT : covered ? OK : MISSING,
    contextValue: route.exempt ? 'route-exempt' : covered ? 'route-covered' : 'route-uncovered',
    location: { folder, file: route.file, line: route.line },
    children: [],
  };
}

/** The `service-missing-*` tokens of a service: pieces some judged route or the probes lack. */
export function missingPieces(service: ReportService): string[] {
  const judged = service.routes.filter((route) => !route.exempt);
  const missing: string[] = [];
  if (judged.some((route) => !route.requestId)) missing.push(SERVICE_MISSING.requestId);
  if (!service.health.liveness || !service.health.readiness) missing.push(SERVICE_MISSING.health);
  if (judged.some((route) => !route.timed)) missing.push(SERVICE_MISSING.timing);
  return missing;
}

/** `express app`, or `express()` alone when the code names the app by its call. */
function serviceName(service: ReportService): string {
  return service.name.startsWith(service.framework) ? service.name : `${service.framework} ${service.name}`;
}

function serviceNode(folder: string, service: ReportService): TreeNode {
  const id = `${folder}|${service.file}:${service.line}`;
  const judged = service.routes.filter((route) => !route.exempt);
  const covered = judged.filter(routeCovered).length;
  const probes =
    service.health.liveness && service.health.readiness
      ? 'probes ✓'
      : `probes ✗ (${[service.health.liveness ? '' : 'liveness', service.health.readiness ? '' : 'readiness'].filter(Boolean).join(', ')})`;
  const metrics = `metrics ${mark(service.metricsEndpoint)}`;
  const missing = missingPieces(service);
  return {
    kind: 'service',
    id,
    label: `${serviceName(service)} ${service.file}:${service.line}`,
    description: `${covered}/${judged.length} covered · ${probes} · ${metrics}`,
    tooltip: [
      `${service.framework} app \`${service.name}\` created in ${service.file}:${service.line}`,
      `${covered} of ${judged.length} routes logged, with a request ID and timed (probes and /metrics excluded)`,
      `${mark(service.health.liveness)} liveness endpoint  ${mark(service.health.readiness)} readiness endpoint`,
      `${mark(service.metricsEndpoint)} /metrics endpoint`,
      ...(missing.length ? ['Right-click to insert what is missing.'] : []),
    ].join('\n'),
    icon:
      missing.length === 0 && covered === judged.length && service.metricsEndpoint
        ? { id: 'server', color: OK.color }
        : { id: 'server', color: MISSING.color },
    contextValue: ['service', ...missing].join(' '),
    location: { folder, file: service.file, line: service.line },
    children: service.routes.map((route, index) => routeNode(folder, id, route, index)),
  };
}

function folderName(uri: string): string {
  const last = uri.replace(/\/+$/, '').split('/').pop() ?? uri;
  return decodeURIComponent(last);
}

/** The tree's roots: the services of the one folder, or a node per folder (with services) when there are several. */
export function buildServiceTree(folders: readonly FolderReport[]): TreeNode[] {
  const perFolder = folders.map((entry) => ({
    entry,
    services: entry.report.services.map((service) => serviceNode(entry.folder, service)),
  }));
  if (perFolder.length === 1) return perFolder[0].services;
  return perFolder
    .filter(({ services }) => services.length > 0)
    .map(({ entry, services }) => {
      const counts = coverage([entry]);
      return {
        kind: 'folder' as const,
        id: entry.folder,
        label: folderName(entry.folder),
        description: `${counts.covered}/${counts.total} routes covered`,
        tooltip: `${services.length} service${services.length === 1 ? '' : 's'} in ${folderName(entry.folder)}`,
        icon: { id: 'root-folder' },
        contextValue: 'folder',
        children: services,
      };
    });
}

/** Covered routes (logged, request ID and timed) of all judged routes: exempt routes are left out. */
export function coverage(folders: readonly FolderReport[]): { covered: number; total: number } {
  const judged = folders.flatMap((entry) =>
    entry.report.services.flatMap((service) => service.routes.filter((route) => !route.exempt)),
  );
  return { covered: judged.filter(routeCovered).length, total: judged.length };
}

/** The status bar text of the summary. */
export function coverageText(counts: { covered: number; total: number }): string {
  return `${counts.covered}/${counts.total} routes covered`;
}
