import type { PythonImports } from '../../languages/python/imports';
import type { PyNode } from '../../languages/python/nodes';
import {
  ancestors,
  calleeMethod,
  dottedName,
  field,
  keywordArguments,
  statements,
  stringValue,
  walk,
} from '../../languages/python/query';
import { LIVENESS_PATHS, READINESS_PATHS } from '../service-model/middleware';
import type { MiddlewareRole } from '../service-model/types';

/** What Python code does for every request it sees: the roles of the JavaScript service model. */
export type PyRole = MiddlewareRole;

/** Methods that record a measured value into a metric. */
const RECORDING_METHODS = new Set(['observe', 'record', 'timing', 'timer', 'histogram', 'distribution']);

/** Level methods of `logging`, structlog and loguru loggers. */
const LEVELS = new Set([
  'debug',
  'info',
  'warning',
  'warn',
  'error',
  'exception',
  'critical',
  'fatal',
  'log',
  'msg',
  'trace',
  'success',
]);
/** Calls that return a logger: `logging.getLogger(__name__).info(...)`, `structlog.get_logger().info(...)`. */
const LOGGER_FACTORIES = new Set([
  'logging.getLogger',
  'structlog.get_logger',
  'structlog.getLogger',
  'structlog.stdlib.get_logger',
  'loguru.logger.bind',
]);
/** Receivers named as loggers: `logger`, `log`, `_logger`, `self.log`, `access_logger`, `audit_log`. */
const LOGGER_NAME = /^_*(log|logger|logging|[a-z0-9_]*_log|[a-z0-9_]*_?logger)$/i;

/** Clocks a request duration is measured with. */
const CLOCKS = new Set([
  'time.perf_counter',
  'time.perf_counter_ns',
  'time.time',
  'time.time_ns',
  'time.monotonic',
  'time.monotonic_ns',
  'timeit.default_timer',
  'datetime.datetime.now',
  'datetime.datetime.utcnow',
]);

const REQUEST_ID_HEADER = /^x-(request|correlation)-id$/i;
/** A context variable or field that holds the request ID: `request_id_var.set(...)`, `correlation_id.set(...)`. */
const REQUEST_ID_NAME = /(request|correlation)_?id/i;

/** Whether `call` writes a log line: a level method on a logger (`logging`, structlog, loguru, a named logger). */
export function isLogCall(call: PyNode, imports: PythonImports, module?: PyNode): boolean {
  if (call.type !== 'call') return false;
  const callee = field(call, 'function');
  if (callee?.type !== 'attribute') return false;
  const method = field(callee, 'attribute')?.text;
  if (!method || !LEVELS.has(method)) return false;
  const receiver = field(callee, 'object');
  if (!receiver) return false;
  // `logging.getLogger(__name__).info(...)`, `structlog.get_logger().bind(...).info(...)`.
  if (receiver.type === 'call') {
    const made = imports.qualifiedName(field(receiver, 'function'));
    if (made && LOGGER_FACTORIES.has(made)) return true;
    return calleeMethod(receiver) === 'bind' && isLoggerExpression(field(field(receiver, 'function'), 'object'));
  }
  return isLoggerExpression(receiver);

  function isLoggerExpression(node: PyNode | undefined): boolean {
    const name = dottedName(node);
    if (!name) return node?.type === 'call' ? isLogFactoryCall(node) : false;
    const qualified = imports.qualify(name);
    if (qualified === 'logging' || qualified === 'loguru.logger' || qualified === 'structlog') return true;
    if (qualified?.startsWith('logging.') && qualified !== 'logging.getLogger') return false;
    const last = name.split('.').pop() ?? '';
    if (LOGGER_NAME.test(last) && !(method === 'log' && /^(math|numpy|np|torch)$/.test(name.split('.')[0] ?? '')))
      return true;
    // `audit = logging.getLogger("audit")` at module level: a logger by what it holds.
    if (module && !name.includes('.')) return boundToLogger(name);
    return false;
  }

  function isLogFactoryCall(node: PyNode): boolean {
    const made = imports.qualifiedName(field(node, 'function'));
    return made !== undefined && LOGGER_FACTORIES.has(made);
  }

  function boundToLogger(name: string): boolean {
    for (const statement of statements(module)) {
      const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (assignment?.type !== 'assignment' || field(assignment, 'left')?.text !== name) continue;
      const value = field(assignment, 'right');
      if (value?.type === 'call' && isLogFactoryCall(value)) return true;
    }
    return false;
  }
}

/**
 * Whether `call` writes a line for the request it runs in: a log call at INFO or above (a debug line is off in
 * production, where logging's default level is WARNING) that runs whether or not the request fails (not only in an
 * `except` clause below `boundary`).
 */
export function logsTheRequest(call: PyNode, imports: PythonImports, module: PyNode, boundary: PyNode): boolean {
  return isLogCall(call, imports, module) && calleeMethod(call) !== 'debug' && !onlyOnFailure(call, boundary);
}

/** Whether `node` sits in an `except` clause below `boundary`: it runs only when something failed. */
function onlyOnFailure(node: PyNode, boundary: PyNode): boolean {
  for (const each of ancestors(node)) {
    if (each === boundary) return false;
    if (each.type === 'except_clause' || each.type === 'except_group_clause') return true;
  }
  return false;
}

/** The body of a function a role reader looks into, with the module it is read in. */
export interface HelperBody {
  body: PyNode;
  imports: PythonImports;
  module: PyNode;
  /** How calls in that body are followed (its own module's functions). */
  helper?: (call: PyNode) => HelperBody | undefined;
}

export interface BodyRoles {
  roles: Set<PyRole>;
  /** Probe paths the code answers itself (`if request.url.path == "/health": return JSONResponse(...)`). */
  answers: string[];
}

/**
 * What a middleware (function, `dispatch`, ASGI `__call__`, a route class's handler) does for each request, from
 * its body: logs (outside `except`), reads or sets X-Request-ID or a request-ID context variable, measures the
 * request with a clock and records it (a log line or a metric), answers a probe path itself. `helper` returns the
 * body of a project function the code calls (looked into two levels deep).
 */
export function rolesOfBody(
  body: PyNode,
  imports: PythonImports,
  module: PyNode,
  helper?: (call: PyNode) => HelperBody | undefined,
  depth = 0,
): BodyRoles {
  const roles = new Set<PyRole>();
  const answers = new Set<string>();
  let logs = false;
  let clock = false;
  let records = false;
  walk(body, (node) => {
    if (node.type === 'string') {
      const value = stringValue(node);
      if (value !== undefined && REQUEST_ID_HEADER.test(value)) roles.add('correlation-id');
    }
    if (node.type === 'comparison_operator') {
      const answered = answeredPath(node);
      if (answered) {
        answers.add(answered);
        if (LIVENESS_PATHS.includes(answered)) roles.add('health');
        if (READINESS_PATHS.includes(answered)) roles.add('readiness');
      }
    }
    if (node.type === 'with_item' || node.type === 'decorator') {
      // `with REQUEST_LATENCY.time():`, `with hist.labels(...).time():`: a prometheus_client timer.
      const value = node.type === 'with_item' ? field(node, 'value') : node.children[0];
      if (
        value?.type === 'call' &&
        calleeMethod(value) === 'time' &&
        !CLOCKS.has(imports.qualifiedName(field(value, 'function')) ?? '')
      ) {
        roles.add('timing');
        roles.add('metrics');
      }
    }
    if (node.type !== 'call') return undefined;
    const qualified = imports.qualifiedName(field(node, 'function'));
    if (qualified && CLOCKS.has(qualified)) clock = true;
    if (logsTheRequest(node, imports, module, body)) logs = true;
    const method = calleeMethod(node);
    // prometheus_client's and OpenTelemetry's `observe`/`record`; statsd and Datadog clients' and in-house metric
    // providers' `timing`, `timer`, `histogram`, `distribution` (`metric_provider.timer("server.call.elapsed", …)`).
    if (method !== undefined && RECORDING_METHODS.has(method)) records = true;
    // `request_id_var.set(rid)`, `correlation_id.set(...)`: a request-ID context variable.
    if (method === 'set') {
      const receiver = dottedName(field(field(node, 'function'), 'object'));
      if (receiver && REQUEST_ID_NAME.test(receiver.split('.').pop() ?? '')) roles.add('correlation-id');
    }
    // structlog's `bind_contextvars(request_id=...)`.
    if (method === 'bind_contextvars' || method === 'bind') {
      if ([...keywordArguments(node).keys()].some((name) => REQUEST_ID_NAME.test(name))) roles.add('correlation-id');
    }
    if (helper && depth < 2) {
      const inner = helper(node);
      if (inner) {
        const found = rolesOfBody(inner.body, inner.imports, inner.module, inner.helper ?? helper, depth + 1);
        if (found.roles.has('request-logging') && !onlyOnFailure(node, body)) logs = true;
        for (const role of found.roles) if (role !== 'request-logging') roles.add(role);
        if (found.roles.has('timing')) clock = true;
      }
    }
    return undefined;
  });
  if (logs) roles.add('request-logging');
  if (clock && (logs || records)) roles.add('timing');
  if (clock && records) roles.add('metrics');
  return { roles, answers: [...answers].sort() };
}

/** `request.url.path == "/health"` whose branch returns a response: a probe answered by the middleware. */
function answeredPath(node: PyNode): string | undefined {
  if (node.operator !== '==') return undefined;
  const literal = node.children.map(stringValue).find((value) => value?.startsWith('/'));
  const other = node.children.find((child) => stringValue(child) === undefined);
  if (!literal || !other || !/\.path$/.test(dottedName(other) ?? '')) return undefined;
  const branch = node.parent?.type === 'if_statement' ? field(node.parent, 'consequence') : undefined;
  return branch && statements(branch).some((statement) => statement.type === 'return_statement') ? literal : undefined;
}

/** Roles of known middleware and instrumentation packages, by the qualified name of the class or function. */
const PACKAGE_ROLES: ReadonlyArray<[RegExp, PyRole[]]> = [
  [/^asgi_correlation_id(\.|$)/, ['correlation-id']],
  [/^starlette_exporter(\.|$)/, ['timing', 'metrics']],
  [/^starlette_prometheus(\.|$)/, ['timing', 'metrics']],
  [/^prometheus_fastapi_instrumentator(\.|$)/, ['timing', 'metrics']],
  [/^opentelemetry\.instrumentation\.(fastapi|asgi|starlette)(\.|$)/, ['timing', 'metrics']],
  [/^timing_asgi(\.|$)/, ['timing', 'metrics']],
  [/^fastapi_utils\.timing(\.|$)/, ['timing']],
  [/^asgi_logger(\.|$)/, ['request-logging']],
];

/** Packages whose middleware or wrappers do nothing for these concerns (CORS, compression, sessions, test clients). */
const INERT_PACKAGES =
  /^(starlette|fastapi|uvicorn|hypercorn|gunicorn|mangum|sentry_sdk|httpx|asgiref|brotli_asgi)(\.|$)/;

/** The roles of a known package's middleware, or undefined for a name no known package exports. */
export function packageRoles(qualified: string | undefined, call?: PyNode): PyRole[] | undefined {
  if (!qualified) return undefined;
  // starlette-context: request IDs only with its RequestId or CorrelationId plugin.
  if (/^starlette_context(\.|$)/.test(qualified))
    return call && /\b(RequestIdPlugin|CorrelationIdPlugin)\b/.test(call.text) ? ['correlation-id'] : [];
  for (const [pattern, roles] of PACKAGE_ROLES) if (pattern.test(qualified)) return roles;
  return INERT_PACKAGES.test(qualified) ? [] : undefined;
}

/** A qualified name from a package known to do nothing for request logging, IDs, timing or probes. */
export function isInertPackage(qualified: string | undefined): boolean {
  return qualified !== undefined && INERT_PACKAGES.test(qualified);
}
