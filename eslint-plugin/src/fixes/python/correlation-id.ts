import type { PythonServiceProfile } from './service-fixes';
import { PythonRank, type PythonInsertion, type PythonServiceModule } from './service-code';

/** Names the correlation-ID code defines: one of them in the module means it is there already. */
export const CORRELATION_ID_NAMES = [
  'correlation_id_middleware',
  'get_request_id',
  'request_id_var',
  'REQUEST_ID_PATTERN',
  '_previous_record_factory',
  '_record_with_request_id',
];

/**
 * A request ID for every request, as the JavaScript fix does it: an incoming `X-Request-ID` is kept only when it is a
 * safe token (1 to 128 of `A-Z a-z 0-9 . _ -`; anything else could inject into headers and log lines), otherwise
 * `uuid.uuid4()`. The id is echoed in the `X-Request-ID` response header, kept in a `ContextVar` for the rest of the
 * request (`get_request_id()` anywhere below it) and in `request.state.request_id` (read by the request log), and
 * bound to the log records: structlog's contextvars (bound for the request, unbound after it), loguru's `contextualize`, or a log record factory that gives
 * every `logging` record a `request_id` attribute (`%(request_id)s` in a format; `-` outside a request).
 */
export function correlationIdInsertion(
  service: PythonServiceModule,
  profile: PythonServiceProfile,
): PythonInsertion | undefined {
  if (service.definesAny(CORRELATION_ID_NAMES)) return undefined;
  const { imports } = service;
  const contextvars = imports.importModule('contextvars');
  const re = imports.importModule('re');
  const uuid = imports.importModule('uuid');
  const Request = imports.importName('fastapi', 'Request', ['starlette.requests.Request']);
  const Response = imports.importName('fastapi', 'Response', ['starlette.responses.Response']);

  const declarations = [
    [
      `request_id_var = ${contextvars}.ContextVar("request_id", default=None)`,
      `REQUEST_ID_PATTERN = ${re}.compile(r"[A-Za-z0-9._-]{1,128}")`,
      '',
      '',
      'def get_request_id() -> "str | None":',
      '    """The id of the request being handled (None outside a request): for log lines and outgoing calls."""',
      '    return request_id_var.get()',
    ].join('\n'),
  ];
  let call = ['    response = await call_next(request)'];
  switch (profile.logger) {
    case 'logging': {
      const logging = imports.importModule('logging');
      declarations.push(
        [
          `_previous_record_factory = ${logging}.getLogRecordFactory()`,
          '',
          '',
          `def _record_with_request_id(*args, **kwargs) -> ${logging}.LogRecord:`,
          '    """Every log record carries the request id: `%(request_id)s` in a format ("-" outside a request)."""',
          '    record = _previous_record_factory(*args, **kwargs)',
          '    record.request_id = request_id_var.get() or "-"',
          '    return record',
          '',
          '',
          `${logging}.setLogRecordFactory(_record_with_request_id)`,
        ].join('\n'),
      );
      break;
    }
    case 'structlog': {
      const structlog = imports.importModule('structlog');
      // Bound for this request and unbound after it; bindings of middleware around this one stay.
      call = [
        `    ${structlog}.contextvars.bind_contextvars(request_id=request_id)`,
        '    response = await call_next(request)',
      ];
      break;
    }
    case 'loguru': {
      const logger = imports.importName('loguru', 'logger');
      call = [
        `    with ${logger}.contextualize(request_id=request_id):`,
        '        response = await call_next(request)',
      ];
      break;
    }
  }
  const registration = [
    `@${profile.appName}.middleware("http")`,
    `async def correlation_id_middleware(request: ${Request}, call_next) -> ${Response}:`,
    '    """Keeps a safe incoming X-Request-ID (else a new UUID), echoes it, and binds it to the log lines of the request."""',
    '    incoming = request.headers.get("x-request-id", "")',
    `    request_id = incoming if REQUEST_ID_PATTERN.fullmatch(incoming) else str(${uuid}.uuid4())`,
    '    request.state.request_id = request_id',
    '    token = request_id_var.set(request_id)',
    '    try:',
    ...call.map((line) => `    ${line}`),
    '    finally:',
    ...(profile.logger === 'structlog'
      ? [`        ${imports.importModule('structlog')}.contextvars.unbind_contextvars("request_id")`]
      : []),
    '        request_id_var.reset(token)',
    '    response.headers["X-Request-ID"] = request_id',
    '    return response',
  ].join('\n');
  return { rank: PythonRank.CorrelationId, declarations, registrations: [registration] };
}
