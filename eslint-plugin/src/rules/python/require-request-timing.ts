import {
  judgedPythonRoutes,
  pythonAppsCreatedIn,
  pythonExamples,
  pythonProjectFacts,
  pythonRouteCoverage,
  pythonServiceModel,
  PYTHON_DEFAULT_EXEMPT_PATHS,
} from '../../analysis/python/service-lint';
import type { RequireRequestTimingOptions } from '../../analysis/service-model/coverage';
import { PYTHON_REQUEST_DURATION_METRIC } from '../../fixes/python/request-timing';
import type { PythonServiceProfile } from '../../fixes/python/service-fixes';
import type { PythonRuleContext, PythonRuleHalf } from '../../languages/python/rule';
import { pythonAppFix } from './service';

/**
 * require-request-timing on FastAPI and Starlette: with a metrics library in the project (prometheus_client or
 * OpenTelemetry metrics, imported or declared), every route needs a request-duration histogram
 * (prometheus-fastapi-instrumentator, starlette-exporter, a middleware that observes a histogram); without one, a
 * middleware that measures the request and logs the duration suffices. uvicorn's access log has no duration.
 */
export const requestTimingPython: PythonRuleHalf<RequireRequestTimingOptions> = {
  messages: {
    noRequestMetricPython:
      '{{count}} route(s) of this app are not timed by a metric ({{examples}}): {{why}}, but no request-duration histogram is recorded (prometheus-fastapi-instrumentator, starlette-exporter, or a middleware that observes a Histogram around call_next).',
    noRequestTimingPython:
      "{{count}} route(s) of this app are not timed ({{examples}}): no middleware measures them and logs or records the duration (uvicorn's access log has none).",
    addRequestTimingPython: 'Time each request of this app: {{what}}.',
  },
  create(context: PythonRuleContext, options: RequireRequestTimingOptions) {
    const exempt = options.exemptPaths ?? PYTHON_DEFAULT_EXEMPT_PATHS;
    const declared = new Set(options.middleware ?? []);
    const requireMetric = options.requireMetric ?? 'auto';
    return {
      'module:exit'() {
        const model = pythonServiceModel(context);
        if (!model) return;
        const apps = pythonAppsCreatedIn(model, context.filename);
        if (apps.length === 0) return;
        const facts = pythonProjectFacts(model, context.filename, context.sourceCode.text);
        const library = facts.metricsLibrary;
        const metricRequired = requireMetric === 'always' || (requireMetric === 'auto' && library !== undefined);
        // OpenTelemetry's FastAPI/ASGI instrumentation records http.server.duration for every request by itself.
        if ((metricRequired && facts.httpInstrumentation) || facts.everyAppInstrumented) return;
        for (const app of apps) {
          const untimed = judgedPythonRoutes(model, app, exempt, declared).filter(
            (route) =>
              !pythonRouteCoverage(route, 'metrics', declared).covered &&
              (metricRequired || !pythonRouteCoverage(route, 'timing', declared).covered),
          );
          if (untimed.length === 0) continue;
          const fixed = pythonAppFix(
            'requestTiming',
            context,
            model,
            app,
            (profile) => !metricRequired || profile.metrics !== 'none',
          );
          context.report({
            loc: app.call.loc,
            messageId: metricRequired ? 'noRequestMetricPython' : 'noRequestTimingPython',
            data: {
              count: String(untimed.length),
              examples: pythonExamples(untimed),
              why: library
                ? `${library} is ${library === 'prometheus_client' ? 'in the project' : 'used'}`
                : "requireMetric is 'always'",
            },
            suggest: fixed
              ? [{ messageId: 'addRequestTimingPython', data: { what: timingAdded(fixed.profile) }, fix: fixed.fix }]
              : [],
          });
        }
      },
    };
  },
};

/** What the timing fix inserts for the profile: a histogram with prometheus_client, else the request log's duration. */
function timingAdded(profile: PythonServiceProfile): string {
  if (profile.metrics === 'prometheus_client') {
    const endpoint = profile.servedPaths.has('/metrics') ? '' : ', served on GET /metrics';
    return `an ${PYTHON_REQUEST_DURATION_METRIC} histogram by method, route template and status${endpoint}`;
  }
  return 'a middleware that logs each request once with its duration_ms (the request log)';
}
