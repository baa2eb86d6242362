import type { PythonServiceProfile } from './service-fixes';
import { REQUEST_LOGGING_NAMES, requestLoggingInsertion } from './request-logging';
import { PythonRank, UNOBSERVED_ROUTES, type PythonInsertion, type PythonServiceModule } from './service-code';

/** The histogram's name, the same as the JavaScript fix's (the alert rules and dashboards read it). */
export const PYTHON_REQUEST_DURATION_METRIC = 'http_request_duration_seconds';

/** Names the histogram code defines. */
export const REQUEST_TIMING_NAMES = ['request_timing_middleware', 'HTTP_REQUEST_DURATION'];

const BUCKETS = '(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)';

/**
 * Request timing idiomatic to the project. With prometheus_client: a histogram `http_request_duration_seconds{method,
 * route, status_code}` (the labels of the JavaScript fix's histogram; route = the template of the route FastAPI
 * matched, `unmatched` for every request no route matched), recorded by a middleware once the response is made (500
 * when the request raised), and `GET /metrics` serving the default registry unless the service serves it already.
 * Probes and scrapes are not recorded. Without it: the request-logging middleware, whose line carries `duration_ms`.
 */
export function requestTimingInsertion(
  service: PythonServiceModule,
  profile: PythonServiceProfile,
): PythonInsertion | undefined {
  if (profile.metrics !== 'prometheus_client') {
    return service.definesAny(REQUEST_LOGGING_NAMES) ? undefined : requestLoggingInsertion(service, profile);
  }
  if (service.definesAny(REQUEST_TIMING_NAMES)) return undefined;
  const { imports } = service;
  const time = imports.importModule('time');
  const Histogram = imports.importName('prometheus_client', 'Histogram');
  const Request = imports.importName('fastapi', 'Request', ['starlette.requests.Request']);
  const Response = imports.importName('fastapi', 'Response', ['starlette.responses.Response']);
  const declarations = [
    [
      `HTTP_REQUEST_DURATION = ${Histogram}(`,
      `    "${PYTHON_REQUEST_DURATION_METRIC}",`,
      '    "Duration of HTTP requests in seconds, by method, route template and status code.",',
      '    ["method", "route", "status_code"],',
      `    buckets=${BUCKETS},`,
      ')',
    ].join('\n'),
  ];
  const registrations = [
    [
      `@${profile.appName}.middleware("http")`,
      `async def request_timing_middleware(request: ${Request}, call_next) -> ${Response}:`,
      '    """Records each request in HTTP_REQUEST_DURATION by route template; unmatched requests share one series."""',
      `    started = ${time}.perf_counter()`,
      '    status = 500',
      '    try:',
      '        response = await call_next(request)',
      '        status = response.status_code',
      '        return response',
      '    finally:',
      '        # The route template (`/users/{user_id}`), never the concrete path: one series per route.',
      '        route = getattr(request.scope.get("route"), "path", "unmatched")',
      `        if route not in ${UNOBSERVED_ROUTES}:`,
      '            HTTP_REQUEST_DURATION.labels(request.method, route, str(status)).observe(',
      `                ${time}.perf_counter() - started`,
      '            )',
    ].join('\n'),
  ];
  if (!profile.servedPaths.has('/metrics') && !service.definesAny(['metrics_endpoint'])) {
    const generateLatest = imports.importName('prometheus_client', 'generate_latest');
    const contentType = imports.importName('prometheus_client', 'CONTENT_TYPE_LATEST');
    registrations.push(
      [
        `@${profile.appName}.get("/metrics", include_in_schema=False)`,
        `def metrics_endpoint() -> ${Response}:`,
        '    """The default registry, for Prometheus to scrape."""',
        `    return ${Response}(${generateLatest}(), media_type=${contentType})`,
      ].join('\n'),
    );
  }
  return { rank: PythonRank.Timing, declarations, registrations };
}
