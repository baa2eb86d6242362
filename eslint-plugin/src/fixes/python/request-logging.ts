import type { PythonServiceProfile } from './service-fixes';
import { PythonRank, UNOBSERVED_ROUTES, type PythonInsertion, type PythonServiceModule } from './service-code';

/** Names the request-logging code defines. */
export const REQUEST_LOGGING_NAMES = ['request_logging_middleware'];

/**
 * One log line per request with the project's logger: method, route template (`/users/{user_id}` from the route
 * FastAPI matched, `unmatched` otherwise, never the concrete path), status and `duration_ms`, and the request id
 * that the correlation-ID middleware keeps in `request.state` (structlog and loguru carry it from their context; the
 * text of a `logging` or loguru line names it too). A request that raises is logged with status 500. Probes and
 * scrapes are not logged. Without a metrics library, this line is also how requests are timed.
 */
export function requestLoggingInsertion(
  service: PythonServiceModule,
  profile: PythonServiceProfile,
): PythonInsertion | undefined {
  if (service.definesAny(REQUEST_LOGGING_NAMES)) return undefined;
  const { imports } = service;
  const time = imports.importModule('time');
  const Request = imports.importName('fastapi', 'Request', ['starlette.requests.Request']);
  const Response = imports.importName('fastapi', 'Response', ['starlette.responses.Response']);
  const declarations: string[] = [];
  let log: string[];
  switch (profile.logger) {
    case 'structlog': {
      const logger = service.moduleLogger('structlog') ?? declareLogger(service, declarations, 'structlog');
      log = [
        `${logger}.info(`,
        '    "request completed", method=request.method, route=route, status=status, duration_ms=duration_ms',
        ')',
      ];
      break;
    }
    case 'loguru': {
      const logger = imports.importName('loguru', 'logger');
      log = [
        `${logger}.bind(method=request.method, route=route, status=status, duration_ms=duration_ms).info(`,
        '    "request completed method={} route={} status={} duration_ms={} request_id={}",',
        '    request.method,',
        '    route,',
        '    status,',
        '    duration_ms,',
        '    getattr(request.state, "request_id", "-"),',
        ')',
      ];
      break;
    }
    default: {
      const logger = service.moduleLogger('logging') ?? declareLogger(service, declarations, 'logging');
      log = [
        `${logger}.info(`,
        '    "request completed method=%s route=%s status=%s duration_ms=%s request_id=%s",',
        '    request.method,',
        '    route,',
        '    status,',
        '    duration_ms,',
        '    getattr(request.state, "request_id", "-"),',
        '    extra={"method": request.method, "route": route, "status": status, "duration_ms": duration_ms},',
        ')',
      ];
    }
  }
  const registration = [
    `@${profile.appName}.middleware("http")`,
    `async def request_logging_middleware(request: ${Request}, call_next) -> ${Response}:`,
    '    """Logs each request once: method, route template, status, duration_ms (and the request id)."""',
    `    started = ${time}.perf_counter()`,
    '    status = 500',
    '    try:',
    '        response = await call_next(request)',
    '        status = response.status_code',
    '        return response',
    '    finally:',
    '        # The route template (`/users/{user_id}`), never the concrete path.',
    '        route = getattr(request.scope.get("route"), "path", "unmatched")',
    `        if route not in ${UNOBSERVED_ROUTES}:`,
    `            duration_ms = round((${time}.perf_counter() - started) * 1000, 1)`,
    ...log.map((line) => `            ${line}`),
  ].join('\n');
  return { rank: PythonRank.RequestLogging, declarations, registrations: [registration] };
}

/** `request_logger = logging.getLogger(__name__)` (or structlog's) when the module has no logger of its own. */
function declareLogger(service: PythonServiceModule, declarations: string[], kind: 'logging' | 'structlog'): string {
  const module = service.imports.importModule(kind);
  let name = 'request_logger';
  while (service.definedNames.has(name)) name = `_${name}`;
  declarations.push(
    kind === 'logging' ? `${name} = ${module}.getLogger(__name__)` : `${name} = ${module}.get_logger(__name__)`,
  );
  return name;
}
