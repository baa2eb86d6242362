import { projectDependencies, projectScan } from '../modules';
import { joinPaths } from './builder';
import { DEFAULT_EXEMPT_PATHS, endsWithPath, judgedRoutes, matchesPathList, routesOfApp, scopesOfApp } from './queries';
import { LIVENESS_PATHS, READINESS_PATHS } from './middleware';
import type { MiddlewareModel, MiddlewareRole, RouteModel, ScopeModel, ServiceModel } from './types';

/** Frameworks where registration order does not decide what runs before a route. */
const ORDER_FREE = new Set(['fastify', 'nestjs', 'nextjs']);

export interface Coverage {
  covered: boolean;
  /** What covers it: a middleware name, "its handler", "the Fastify logger". */
  by?: string;
  /** A middleware with the role that would cover it, registered too late. */
  late?: MiddlewareModel;
  /** Why it is not covered, for the message. */
  reason?: string;
}

/** Whether a request to `route` passes through something with `role` (request logging, a request id, timing…). */
export function routeCoverage(model: ServiceModel, route: RouteModel, role: MiddlewareRole): Coverage {
  const scopes = scopesById(model);
  const app = scopes.get(route.chain[0]?.scope ?? route.scope);
  const frameworkLoggerOff = app?.framework === 'fastify' && !app.options.frameworkRequestLogging;
  if (role === 'request-logging' && route.handlerLogs && !(route.handlerLogsThroughFramework && frameworkLoggerOff))
    return { covered: true, by: 'its handler' };
  if (route.handlerRoles?.includes(role)) return { covered: true, by: 'the wrapper around its handler' };
  if (app?.framework === 'fastify') {
    const options = app.options;
    // Fastify's logger writes `incoming request` and `request completed` (with `responseTime`) for every route.
    if (
      (role === 'request-logging' || role === 'timing') &&
      options.frameworkRequestLogging &&
      !options.requestLoggingDisabled &&
      !route.silenced
    )
      return { covered: true, by: 'the Fastify logger' };
    if (role === 'correlation-id' && options.requestId) return { covered: true, by: 'the Fastify request id option' };
  }
  let late: MiddlewareModel | undefined;
  for (const step of route.chain) {
    const scope = scopes.get(step.scope);
    if (!scope) continue;
    for (const middleware of [...scope.middleware, ...sharedByPlugins(scope, scopes)]) {
      if (!middleware.roles.includes(role)) continue;
      const full = middleware.path !== undefined ? joinPaths(step.prefix, middleware.path) : undefined;
      if (full !== undefined && route.path !== full && !route.path.startsWith(`${full.replace(/\/+$/, '')}/`)) continue;
      if (ORDER_FREE.has(scope.framework) || middleware.order < step.before)
        return { covered: true, by: middleware.name };
      late ??= middleware;
    }
  }
  if (late)
    return {
      covered: false,
      late,
      reason: `${late.name} is registered after this route (${late.location.file}:${late.location.line})`,
    };
  if (app?.framework === 'fastify' && role === 'request-logging') {
    const options = app.options;
    if (route.silenced) return { covered: false, reason: 'its logLevel silences the Fastify request log' };
    if (options.requestLoggingDisabled)
      return { covered: false, reason: 'Fastify request logging is disabled (disableRequestLogging)' };
    return { covered: false, reason: 'the Fastify logger is off and no hook logs it' };
  }
  return {
    covered: false,
    reason:
      role === 'request-logging'
        ? 'no request-logging middleware runs before it'
        : `nothing with the role ${role} covers it`,
  };
}

const scopeIndex = new WeakMap<ServiceModel, ReadonlyMap<string, ScopeModel>>();

/** The model's scopes by id, indexed once per model (every route of every rule asks). */
function scopesById(model: ServiceModel): ReadonlyMap<string, ScopeModel> {
  let index = scopeIndex.get(model);
  if (!index) {
    index = new Map(model.scopes.map((scope) => [scope.id, scope]));
    scopeIndex.set(model, index);
  }
  return index;
}

/** Fastify: hooks of plugins wrapped in `fastify-plugin` reach the context that registers them. */
function sharedByPlugins(scope: ScopeModel, scopes: ReadonlyMap<string, ScopeModel>, depth = 0): MiddlewareModel[] {
  if (scope.framework !== 'fastify' || depth > 8) return [];
  return scope.mounts.flatMap((mount) => {
    const child = scopes.get(mount.target);
    return child && child.encapsulated === false
      ? [...child.middleware, ...sharedByPlugins(child, scopes, depth + 1)]
      : [];
  });
}

/** Mount sites whose routers miss a middleware registered later in the same scope (`app.use('/api', r)` before the logger). */
export function lateMounts(
  model: ServiceModel,
  role: MiddlewareRole,
): Array<{ scope: ScopeModel; mount: ScopeModel['mounts'][number]; late: MiddlewareModel }> {
  const found: Array<{ scope: ScopeModel; mount: ScopeModel['mounts'][number]; late: MiddlewareModel }> = [];
  for (const scope of model.scopes) {
    if (ORDER_FREE.has(scope.framework)) continue;
    for (const mount of scope.mounts) {
      const late = scope.middleware.find(
        (middleware) =>
          middleware.roles.includes(role) &&
          middleware.order > mount.order &&
          (middleware.path === undefined || mount.path.startsWith(middleware.path)),
      );
      if (late) found.push({ scope, mount, late });
    }
  }
  return found;
}

/** The probes an app lacks. */
export interface MissingProbes {
  liveness: boolean;
  readiness: boolean;
}

/**
 * What a service lacks, judged on the model with a rule's options: routes without a request ID, routes without
 * timing, missing probes. The service rules report these; project fixes (Next.js) answer them.
 */

export interface RequireCorrelationIdOptions {
  /** Paths that need no request ID (probes, the metrics scrape): each matches itself and everything below it. */
  exemptPaths?: string[];
  /** Names of middleware that set request IDs, for packages and helpers the rule does not know. */
  middleware?: string[];
}

export interface RequireRequestTimingOptions {
  /** Paths that need no timing (probes, the metrics scrape): each matches itself and everything below it. */
  exemptPaths?: string[];
  /**
   * `auto` (default): a request-duration metric when prom-client or OpenTelemetry metrics is a dependency, a logged
   * duration otherwise. `always`: a metric is required. `never`: a logged duration always suffices.
   */
  requireMetric?: 'auto' | 'always' | 'never';
  /** Names of middleware that time requests, for packages and helpers the rule does not know. */
  middleware?: string[];
}

export interface RequireHealthEndpointsOptions {
  /** Paths that answer a liveness probe (also under a prefix: `/api/health`). */
  livenessPaths?: string[];
  /** Paths that answer a readiness probe. */
  readinessPaths?: string[];
}

const METRICS_LIBRARIES = [
  'prom-client',
  '@opentelemetry/api',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/sdk-node',
];
/** OpenTelemetry's HTTP instrumentation records `http.server.request.duration` for every request by itself. */
const HTTP_INSTRUMENTATION = ['@opentelemetry/instrumentation-http', '@opentelemetry/auto-instrumentations-node'];

/** Probes served outside the app's routes: terminus and lightship wire them on the server. Their servers answer probes wherever the app is created (terminus wraps the HTTP server, lightship listens apart). */
const PROBE_PACKAGES = ['@godaddy/terminus', 'lightship'];
const PROBE_METHODS = new Set(['GET', 'ALL', 'HEAD']);

/** The routes of `app` no request-ID middleware, option or handler wrapper covers, judged with the rule's options. */
export function routesWithoutRequestId(
  model: ServiceModel,
  app: ScopeModel,
  options: RequireCorrelationIdOptions,
): Array<{ route: RouteModel; coverage: Coverage }> {
  return judgedRoutes(model, app, options.exemptPaths ?? DEFAULT_EXEMPT_PATHS, new Set(options.middleware ?? []))
    .map((route) => ({ route, coverage: routeCoverage(model, route, 'correlation-id') }))
    .filter(({ coverage }) => !coverage.covered);
}

export interface UntimedRoutes {
  untimed: RouteModel[];
  /** A request-duration metric is required (a metrics library is a dependency, or requireMetric is 'always'). */
  metricRequired: boolean;
  library: string | undefined;
  /** Some route already serves GET /metrics. */
  servesMetrics: boolean;
}

/** Some GET route of the app serves `/metrics` (also under a prefix). */
export function servesMetrics(model: ServiceModel, app: ScopeModel): boolean {
  return routesOfApp(model, app).some(
    (route) => (route.method === 'GET' || route.method === 'ALL') && endsWithPath(route.path, ['/metrics']),
  );
}

/** The routes of `app` whose requests are not timed, judged with the rule's options (undefined: none). */
export function untimedRoutes(
  model: ServiceModel,
  app: ScopeModel,
  options: RequireRequestTimingOptions,
): UntimedRoutes | undefined {
  const requireMetric = options.requireMetric ?? 'auto';
  const dependencies = projectDependencies(model.root);
  const library = METRICS_LIBRARIES.find((name) => dependencies.has(name));
  const metricRequired = requireMetric === 'always' || (requireMetric === 'auto' && library !== undefined);
  if (metricRequired && HTTP_INSTRUMENTATION.some((name) => dependencies.has(name))) return undefined;
  const untimed = judgedRoutes(
    model,
    app,
    options.exemptPaths ?? DEFAULT_EXEMPT_PATHS,
    new Set(options.middleware ?? []),
  ).filter(
    (route) =>
      !routeCoverage(model, route, 'metrics').covered &&
      (metricRequired || !routeCoverage(model, route, 'timing').covered),
  );
  if (untimed.length === 0) return undefined;
  return { untimed, metricRequired, library, servesMetrics: servesMetrics(model, app) };
}

/** The probes `app` lacks (undefined: none, or a probe library serves them), judged with the rule's options. */
export function missingProbes(
  model: ServiceModel,
  app: ScopeModel,
  options: RequireHealthEndpointsOptions,
): MissingProbes | undefined {
  const liveness = options.livenessPaths ?? LIVENESS_PATHS;
  const readiness = options.readinessPaths ?? READINESS_PATHS;
  const routes = routesOfApp(model, app);
  if (routes.length === 0 || wiresProbeLibrary(model)) return undefined;
  // Probe paths the app answers: GET routes, and middleware that answers a path itself (Koa, plain Node).
  const answered = [
    ...routes.filter((route) => PROBE_METHODS.has(route.method)).map((route) => route.path),
    ...scopesOfApp(model, app).flatMap((scope) => scope.middleware.flatMap((middleware) => middleware.answers ?? [])),
  ];
  // Packages that serve probes themselves (under-pressure, @nestjs/terminus) say so by their roles.
  const packaged = new Set(
    scopesOfApp(model, app).flatMap((scope) =>
      scope.middleware.filter((middleware) => middleware.package).flatMap((middleware) => middleware.roles),
    ),
  );
  const missing = {
    liveness:
      !packaged.has('health') &&
      !answered.some((path) => endsWithPath(path, liveness) && !endsWithPath(path, readiness)),
    readiness: !packaged.has('readiness') && !answered.some((path) => endsWithPath(path, readiness)),
  };
  return missing.liveness || missing.readiness ? missing : undefined;
}

/**
 * terminus or lightship serve the probes: a dependency, or wired in any source file of the project (the server
 * file that wraps the app is often not one the model reads), from the project's scan and the linted file's text.
 */
function wiresProbeLibrary(model: ServiceModel): boolean {
  return (
    PROBE_PACKAGES.some((name) => projectDependencies(model.root).has(name)) ||
    projectScan(model.root).currentFilesMatching('wires-probe-library').length > 0
  );
}

/** Unlogged routes registered at one place (a route table in a loop, `router.on(['GET', 'POST'], …)`): one finding. */
export interface UnloggedRegistration {
  route: RouteModel;
  routes: RouteModel[];
  reason: string;
}

/** The routes among `routes` (one file's) that no request logging covers, grouped by where they are registered. */
export function unloggedRegistrations(
  model: ServiceModel,
  routes: readonly RouteModel[],
  exempt: readonly string[],
): UnloggedRegistration[] {
  const byPlace = new Map<string, UnloggedRegistration>();
  for (const route of routes) {
    if (matchesPathList(route.path, exempt)) continue;
    const coverage = routeCoverage(model, route, 'request-logging');
    if (coverage.covered) continue;
    const at = `${route.location.line}:${route.location.column}`;
    const group = byPlace.get(at);
    if (!group) byPlace.set(at, { route, reason: coverage.reason ?? 'nothing logs it', routes: [route] });
    else if (!group.routes.some((other) => other.method === route.method && other.path === route.path))
      group.routes.push(route);
  }
  return [...byPlace.values()];
}

/**
 * The routes of `app` declared in other files (routers, plugins; every controller route for NestJS) that nothing
 * logs — not counting those a logger registered too late would cover (the mount is reported for that).
 */
export function unloggedRoutesElsewhere(model: ServiceModel, app: ScopeModel, exempt: readonly string[]): RouteModel[] {
  return model.routes.filter((route) => {
    if (
      route.chain[0]?.scope !== app.id ||
      (app.framework !== 'nestjs' && route.location.file === app.location.file) ||
      matchesPathList(route.path, exempt)
    )
      return false;
    const coverage = routeCoverage(model, route, 'request-logging');
    return !coverage.covered && !coverage.late;
  });
}

/** Mounts in `file` registered before the logger that would cover them, where some route below is then unlogged. */
export function mountsBeforeLogger(
  model: ServiceModel,
  file: string,
  exempt: readonly string[],
): ReturnType<typeof lateMounts> {
  return lateMounts(model, 'request-logging').filter(
    ({ scope, mount }) =>
      mount.location.file === file &&
      model.routes.some(
        (route) =>
          route.chain.some((step) => step.scope === scope.id && step.before === mount.order) &&
          !matchesPathList(route.path, exempt) &&
          !routeCoverage(model, route, 'request-logging').covered,
      ),
  );
}
