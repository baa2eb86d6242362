import { routeCoverage, type RouteModel, type ScopeModel, type ServiceModel } from '../analysis/service-model';
import { DEFAULT_EXEMPT_PATHS, endsWithPath, examplesOf, exemptPathsSchema, forEachAppCreatedHere, judgedRoutes, locOf, middlewareNamesSchema, routesOfApp } from '../analysis/service-model/lint';
import { REQUEST_DURATION_METRIC, requestTimingInsertion } from '../fixes/request-timing';
import { serviceInsertionFix } from '../fixes/service-insertion';
import { projectDependencies } from '../analysis/project-scan';
import { createRule } from '../util/createRule';

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

export type MessageIds = 'noRequestMetric' | 'noRequestTiming' | 'addRequestTiming';

const METRICS_LIBRARIES = ['prom-client', '@opentelemetry/api', '@opentelemetry/sdk-metrics', '@opentelemetry/sdk-node'];
/** OpenTelemetry's HTTP instrumentation records `http.server.request.duration` for every request by itself. */
const HTTP_INSTRUMENTATION = ['@opentelemetry/instrumentation-http', '@opentelemetry/auto-instrumentations-node'];

export default createRule<[RequireRequestTimingOptions], MessageIds>({
  name: 'require-request-timing',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require request durations: a latency histogram when the service has a metrics library, a logged duration otherwise',
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      noRequestMetric: '{{count}} route(s) of this app are not timed by a metric ({{examples}}): {{why}}, but no request-duration histogram is recorded (express-prom-bundle, fastify-metrics, a startTimer() middleware or hook).',
      noRequestTiming: '{{count}} route(s) of this app are not timed ({{examples}}): no request log with a duration (pino-http, morgan, Fastify\'s logger) and no middleware measures them.',
      addRequestTiming: 'Time every request: {{what}}, and add timed(operation, fn) for awaited calls.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          exemptPaths: exemptPathsSchema('timing'),
          requireMetric: { type: 'string', enum: ['auto', 'always', 'never'], description: 'When a request-duration metric is required instead of a logged duration.' },
          middleware: middlewareNamesSchema('time requests'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    return forEachAppCreatedHere(context, (model, app) => {
      const timing = untimedRoutes(model, app, options);
      if (!timing) return;
      const { untimed, metricRequired, library, servesMetrics } = timing;
      const fix = serviceInsertionFix(context.sourceCode, context.filename, model, app, (profile) => (metricRequired && !profile.promClient ? undefined : requestTimingInsertion(profile, servesMetrics)));
      const what = metricRequired ? `a ${REQUEST_DURATION_METRIC} histogram${servesMetrics ? '' : ' and GET /metrics'}` : 'the duration of each request in a log line';
      context.report({
        loc: locOf(app.location),
        messageId: metricRequired ? 'noRequestMetric' : 'noRequestTiming',
        data: { count: String(untimed.length), examples: examplesOf(untimed), why: library ? `${library} is a dependency` : "requireMetric is 'always'" },
        suggest: fix ? [{ messageId: 'addRequestTiming', data: { what }, fix }] : [],
      });
    });
  },
});

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
