import { projectDependencies, projectScan } from '../modules';
import { routeCoverage, type Coverage } from './coverage';
import { DEFAULT_EXEMPT_PATHS, endsWithPath, judgedRoutes, routesOfApp, scopesOfApp } from './lint';
import { LIVENESS_PATHS, READINESS_PATHS } from './middleware';
import type { RouteModel, ScopeModel, ServiceModel } from './types';

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

const METRICS_LIBRARIES = ['prom-client', '@opentelemetry/api', '@opentelemetry/sdk-metrics', '@opentelemetry/sdk-node'];
/** OpenTelemetry's HTTP instrumentation records `http.server.request.duration` for every request by itself. */
const HTTP_INSTRUMENTATION = ['@opentelemetry/instrumentation-http', '@opentelemetry/auto-instrumentations-node'];

/** Probes served outside the app's routes: terminus and lightship wire them on the server. Their servers answer probes wherever the app is created (terminus wraps the HTTP server, lightship listens apart). */
const PROBE_PACKAGES = ['@godaddy/terminus', 'lightship'];
const PROBE_METHODS = new Set(['GET', 'ALL', 'HEAD']);

/** The routes of `app` no request-ID middleware, option or handler wrapper covers, judged with the rule's options. */
export function routesWithoutRequestId(model: ServiceModel, app: ScopeModel, options: RequireCorrelationIdOptions): Array<{ route: RouteModel; coverage: Coverage }> {
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
  return routesOfApp(model, app).some((route) => (route.method === 'GET' || route.method === 'ALL') && endsWithPath(route.path, ['/metrics']));
}

/** The routes of `app` whose requests are not timed, judged with the rule's options (undefined: none). */
export function untimedRoutes(model: ServiceModel, app: ScopeModel, options: RequireRequestTimingOptions): UntimedRoutes | undefined {
  const requireMetric = options.requireMetric ?? 'auto';
  const dependencies = projectDependencies(model.root);
  const library = METRICS_LIBRARIES.find((name) => dependencies.has(name));
  const metricRequired = requireMetric === 'always' || (requireMetric === 'auto' && library !== undefined);
  if (metricRequired && HTTP_INSTRUMENTATION.some((name) => dependencies.has(name))) return undefined;
  const untimed = judgedRoutes(model, app, options.exemptPaths ?? DEFAULT_EXEMPT_PATHS, new Set(options.middleware ?? [])).filter(
    (route) => !routeCoverage(model, route, 'metrics').covered && (metricRequired || !routeCoverage(model, route, 'timing').covered),
  );
  if (untimed.length === 0) return undefined;
  return { untimed, metricRequired, library, servesMetrics: servesMetrics(model, app) };
}

/** The probes `app` lacks (undefined: none, or a probe library serves them), judged with the rule's options. */
export function missingProbes(model: ServiceModel, app: ScopeModel, options: RequireHealthEndpointsOptions): MissingProbes | undefined {
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
  const packaged = new Set(scopesOfApp(model, app).flatMap((scope) => scope.middleware.filter((middleware) => middleware.package).flatMap((middleware) => middleware.roles)));
  const missing = {
    liveness: !packaged.has('health') && !answered.some((path) => endsWithPath(path, liveness) && !endsWithPath(path, readiness)),
    readiness: !packaged.has('readiness') && !answered.some((path) => endsWithPath(path, readiness)),
  };
  return missing.liveness || missing.readiness ? missing : undefined;
}

/**
 * terminus or lightship serve the probes: a dependency, or wired in any source file of the project (the server
 * file that wraps the app is often not one the model reads), from the project's scan and the linted file's text.
 */
function wiresProbeLibrary(model: ServiceModel): boolean {
  return PROBE_PACKAGES.some((name) => projectDependencies(model.root).has(name)) || projectScan(model.root).currentFilesMatching('wires-probe-library').length > 0;
}
