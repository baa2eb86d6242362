import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import {
  forEachChild,
  isFunctionNode,
  memberName,
  propertyKeyName,
  returnedExpressions,
  terminalName,
  unwrap,
} from '../ast';
import { isLoggerName, LEVEL_METHODS } from '../loggers';
import type { ModuleScope } from './module-scope';
import { heldValues } from '../held-values';
import type { MiddlewareRole } from './types';

/** Packages whose middleware (or plugin, hook, module) has a known role; the key is the import specifier. */
interface PackageRoles {
  roles: MiddlewareRole[];
  exports?: Partial<Record<string, MiddlewareRole[]>>;
}
const PACKAGE_ROLES: ReadonlyMap<string, PackageRoles> = new Map<string, PackageRoles>([
  ['morgan', { roles: ['request-logging', 'timing'] }],
  ['pino-http', { roles: ['request-logging', 'timing'] }],
  ['express-pino-logger', { roles: ['request-logging', 'timing'] }],
  ['koa-pino-logger', { roles: ['request-logging', 'timing'] }],
  ['koa-logger', { roles: ['request-logging', 'timing'] }],
  ['koa-morgan', { roles: ['request-logging', 'timing'] }],
  ['koa-bunyan-logger', { roles: ['request-logging', 'timing'] }],
  ['@kasa/koa-logging', { roles: ['request-logging', 'timing'] }],
  ['express-bunyan-logger', { roles: ['request-logging', 'timing'] }],
  ['hono/logger', { roles: ['request-logging', 'timing'] }],
  ['hono/request-id', { roles: ['correlation-id'] }],
  ['hono/timing', { roles: ['timing'] }],
  [
    'express-winston',
    { roles: [], exports: { logger: ['request-logging', 'timing'], errorLogger: ['error-handling'] } },
  ],
  ['express-request-id', { roles: ['correlation-id'] }],
  ['express-correlation-id', { roles: ['correlation-id'] }],
  ['correlation-id', { roles: ['correlation-id'] }],
  ['cls-rtracer', { roles: ['correlation-id'] }],
  ['koa-requestid', { roles: ['correlation-id'] }],
  ['koa-request-id', { roles: ['correlation-id'] }],
  ['@kasa/koa-request-id', { roles: ['correlation-id'] }],
  ['express-prom-bundle', { roles: ['timing', 'metrics'] }],
  ['prometheus-api-metrics', { roles: ['timing', 'metrics'] }],
  ['express-prometheus-middleware', { roles: ['timing', 'metrics'] }],
  ['koa-prometheus-adv', { roles: ['timing', 'metrics'] }],
  ['response-time', { roles: ['timing'] }],
  ['fastify-metrics', { roles: ['timing', 'metrics'] }],
  ['@fastify/request-context', { roles: ['correlation-id'] }],
  ['@fastify/under-pressure', { roles: ['health', 'readiness'] }],
  ['nestjs-pino', { roles: [], exports: { LoggerModule: ['request-logging', 'timing'] } }],
  ['nestjs-cls', { roles: [], exports: { ClsModule: ['correlation-id'], ClsMiddleware: ['correlation-id'] } }],
  ['@godaddy/terminus', { roles: ['health', 'readiness'] }],
  ['lightship', { roles: ['health', 'readiness'] }],
  ['@nestjs/terminus', { roles: ['health', 'readiness'] }],
  ['hapi-pino', { roles: ['request-logging', 'timing'] }],
]);

const REQUEST_ID_HEADER = /^x-(request|correlation)-id$/i;

export interface Classified {
  name: string;
  roles: MiddlewareRole[];
  package?: string;
  /** Paths the middleware answers itself (`if (ctx.path === '/health') ctx.body = …`): probes served without a route. */
  answers?: string[];
}

/**
 * What a middleware expression does: by the package it comes from, or by reading its body (local or imported).
 * `loggingNames` are names the user declared as logging middleware (option), for packages we do not know.
 */
export function classifyMiddleware(
  expression: TSESTree.Node,
  scope: ModuleScope,
  loggingNames: ReadonlySet<string>,
  depth = 0,
): Classified {
  const node = unwrap(expression);
  const name = describe(node, scope);
  const fromPackage = packageRoles(node, scope);
  if (fromPackage) return { name, ...fromPackage };
  if (loggingNames.has(name.replace(/\(.*$/, '')) || loggingNames.has(terminalName(node) ?? ''))
    return { name, roles: ['request-logging'] };
  // `morgan.successHandler` or `requestLogger` exported by a module of the project: judge what it exports there.
  const exported = depth < 3 ? (scope.exportedValueOf(node) ?? storedValue(node, scope)) : undefined;
  if (exported) return { ...classifyMiddleware(exported.node, exported.scope, loggingNames, depth + 1), name };
  const fn = depth < 3 ? scope.functionOf(node) : undefined;
  if (!fn) return { name, roles: [] };
  const answers = new Set<string>();
  const roles = rolesOfFunction(fn.node, fn.scope, loggingNames, depth, answers);
  return { name, roles, ...(answers.size > 0 ? { answers: [...answers].sort() } : {}) };
}

/** `morgan('dev')`, `pinoHttp()`, `expressWinston.logger({...})`, `require('pino-http')()`, `logger()` from hono/logger. */
function packageRoles(
  node: TSESTree.Node,
  scope: ModuleScope,
): { roles: MiddlewareRole[]; package: string } | undefined {
  const target = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : node;
  const source = scope.packageOf(target);
  if (!source) return undefined;
  const known = PACKAGE_ROLES.get(source.module);
  if (!known) return undefined;
  if (known.exports) {
    // `expressWinston.logger(…)` names the export by member; `LoggerModule.forRoot()` by the import.
    const exported = [source.member, source.imported].find(
      (name) => name !== undefined && Object.hasOwn(known.exports!, name),
    );
    const roles = exported ? known.exports[exported] : undefined;
    if (!roles) return undefined;
    // nestjs-pino: `LoggerModule.forRoot({ pinoHttp: { genReqId } })`, or returned by `forRootAsync`'s `useFactory`.
    const withId =
      node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument) => setsRequestId(argument))
        ? ['correlation-id' as const]
        : [];
    return { roles: [...roles, ...withId], package: source.module };
  }
  const roles = [...known.roles];
  if (node.type === AST_NODE_TYPES.CallExpression) {
    // pino-http / cls-rtracer options that set the request id.
    if (node.arguments.some((argument) => setsRequestId(argument))) roles.push('correlation-id');
    // morgan's `combined` and `common` formats (and a format string without :response-time) log no duration.
    if (source.module === 'morgan' && !morganLogsDuration(node.arguments[0]))
      return { roles: roles.filter((role) => role !== 'timing'), package: source.module };
    // A callback the package calls for every request records what the package measured:
    // `responseTime((req, res, time) => histogram.observe(time))` is a request-duration metric.
    for (const argument of node.arguments) {
      const callback = unwrap(argument);
      if (!isFunctionNode(callback) || !callback.body) continue;
      if (recordsMetricIn(callback.body)) roles.push('metrics');
    }
  }
  return { roles: [...new Set(roles)], package: source.module };
}

/**
 * `logger.successHandler` where the logger module does `logger.successHandler = morgan(…)`: a middleware made by a
 * call and stored on an object after it was created.
 */
function storedValue(node: TSESTree.Node, scope: ModuleScope): { node: TSESTree.Node; scope: ModuleScope } | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return undefined;
  const held = heldValues(node, scope);
  return held.length === 1 && unwrap(held[0].node).type === AST_NODE_TYPES.CallExpression ? held[0] : undefined;
}

/** Roles of a function used as middleware, a hook or an interceptor, from what its body does; the paths it answers itself go to `answers`. */
export function rolesOfFunction(
  fn: TSESTree.FunctionLike,
  scope: ModuleScope,
  loggingNames: ReadonlySet<string>,
  depth = 0,
  answers?: Set<string>,
): MiddlewareRole[] {
  const roles = new Set<MiddlewareRole>();
  // A factory (`requestLogger()` returning the middleware): judge what it returns.
  for (const returned of isFunctionNode(fn) ? returnedExpressions(fn) : []) {
    const inner = unwrap(returned);
    if (isFunctionNode(inner))
      rolesOfFunction(inner, scope, loggingNames, depth + 1, answers).forEach((role) => roles.add(role));
    else if (inner.type === AST_NODE_TYPES.CallExpression)
      classifyMiddleware(inner, scope, loggingNames, depth + 1).roles.forEach((role) => roles.add(role));
  }
  if (isFunctionNode(fn) && fn.params.length === 4) roles.add('error-handling');
  if (!fn.body) return [...roles];
  let logs = false;
  const visit = (node: TSESTree.Node): void => {
    if (
      node.type === AST_NODE_TYPES.Literal &&
      typeof node.value === 'string' &&
      REQUEST_ID_HEADER.test(node.value) &&
      !readsResponseHeader(node)
    )
      roles.add('correlation-id');
    const answered = node.type === AST_NODE_TYPES.BinaryExpression ? answeredPath(node) : undefined;
    if (answered !== undefined) {
      answers?.add(answered);
      if (LIVENESS_PATHS.includes(answered)) roles.add('health');
      if (READINESS_PATHS.includes(answered)) roles.add('readiness');
    }
    // `Date.now() - started`, `reply.elapsedTime`: a duration.
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '-' && isDateNow(unwrap(node.left)))
      roles.add('timing');
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      ['elapsedTime', 'getResponseTime'].includes(memberName(node) ?? '')
    )
      roles.add('timing');
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `res.on('finish', () => logger.info(...))`, `next.handle().pipe(tap(() => this.logger.log(...)))` included.
      logs ||= callLogs(node, scope, depth, fn);
      const method = node.callee.type === AST_NODE_TYPES.MemberExpression ? memberName(node.callee) : undefined;
      const receiver = node.callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(node.callee.object) : undefined;
      const hrtimeBigint =
        method === 'bigint' && receiver?.type === AST_NODE_TYPES.MemberExpression && memberName(receiver) === 'hrtime';
      if (
        method === 'startTimer' ||
        method === 'hrtime' ||
        hrtimeBigint ||
        (method === 'now' && receiver && terminalName(receiver) === 'performance')
      )
        roles.add('timing');
      if (
        method &&
        node.callee.type === AST_NODE_TYPES.MemberExpression &&
        recordsDuration(method, node.callee.object, node.arguments)
      )
        roles.add('metrics').add('timing');
      // Running a request logger from inside: `morgan('dev')(req, res, next)`, `const m = pinoHttp(); m(req, res)`.
      const callee = unwrap(node.callee);
      const invoked =
        callee.type === AST_NODE_TYPES.CallExpression
          ? callee
          : callee.type === AST_NODE_TYPES.Identifier
            ? scope.localInit(callee)
            : undefined;
      if (invoked && packageRoles(unwrap(invoked), scope)?.roles.includes('request-logging'))
        roles.add('request-logging');
    }
    // Callbacks count too: `res.on('finish', () => hist.observe(…))`.
    forEachChild(node, visit);
  };
  visit(fn.body);
  if (logs) roles.add(roles.has('error-handling') ? 'error-handling' : 'request-logging');
  // Sorted: the model (and its snapshots) must not depend on the order the body was walked in.
  return [...roles].sort();
}

/**
 * Whether code logs: a call to a logger (`logger.info`, `req.log.info`, `console.log`, `this.logger.log`), or to a
 * same-file helper that does, two levels deep. Attaching a logger (`req.logger = …`) is not logging.
 */
export function bodyLogs(body: TSESTree.Node, scope: ModuleScope, depth = 0, withoutFrameworkLogger = false): boolean {
  let logs = false;
  const visit = (node: TSESTree.Node): void => {
    if (logs) return;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      callLogs(node, scope, depth, body.parent, withoutFrameworkLogger)
    ) {
      logs = true;
      return;
    }
    forEachChild(node, visit);
  };
  visit(body);
  return logs;
}

/** A call that logs: a logger call, or a call to a same-file helper (not `owner` itself) whose body logs. */
function callLogs(
  call: TSESTree.CallExpression,
  scope: ModuleScope,
  depth: number,
  owner: TSESTree.Node | undefined,
  withoutFrameworkLogger = false,
): boolean {
  if (isLogCall(call, scope) && !(withoutFrameworkLogger && callsFrameworkLogger(call, scope))) return true;
  if (depth >= 2) return false;
  const helper = scope.functionOf(unwrap(call.callee));
  return (
    helper !== undefined &&
    helper.scope === scope &&
    helper.node.body !== undefined &&
    helper.node.body !== null &&
    helper.node !== owner &&
    bodyLogs(helper.node.body, scope, depth + 1, withoutFrameworkLogger)
  );
}

/**
 * `res.getHeader('x-request-id')`, `ctx.response.get(…)`, `c.res.headers.get(…)`: reading back the id another
 * middleware set (a request logger does) is not handling request IDs.
 */
function readsResponseHeader(literal: TSESTree.Literal): boolean {
  const call = literal.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression)
    return false;
  const method = memberName(call.callee);
  if (method === 'getHeader') return true;
  if (method !== 'get') return false;
  const receiver = unwrap(call.callee.object);
  if (receiver.type !== AST_NODE_TYPES.MemberExpression) return false;
  const property = memberName(receiver);
  const owner = terminalName(unwrap(receiver.object));
  return (
    property === 'response' ||
    (property === 'headers' && (owner === 'res' || owner === 'response' || owner === 'reply'))
  );
}

/** prom-client `startTimer()`/`observe()` on a metric, OpenTelemetry `histogram.record()` on a duration instrument. */
/**
 * A metric call that records a request's duration: `startTimer()`, or `observe`/`record` on a metric named for it
 * (`httpDuration.observe(…)`), or of a value that is one — `observe(Date.now() - start)`, `observe(elapsed)`, the
 * `time` response-time hands its callback (`reqResTime.labels(…).observe(time)`).
 */
function recordsDuration(method: string, receiver: TSESTree.Node, args: readonly TSESTree.Node[]): boolean {
  if (method === 'startTimer') return true;
  if (method !== 'observe' && method !== 'record') return false;
  if (/duration|latency|histogram|hist|timer|summary|seconds/i.test(terminalName(unwrap(receiver)) ?? '')) return true;
  // prom-client: observe(value) or observe(labels, value); OpenTelemetry: record(value, attributes).
  const value = method === 'observe' ? args[args.length - 1] : args[0];
  return value !== undefined && isDurationValue(unwrap(value));
}

/**
 * An options argument that sets how request ids are made: a `genReqId` property, in place or nested (nestjs-pino's
 * `pinoHttp`, the object a `useFactory` returns). Object literals and arrow bodies only, a few levels deep.
 */
function setsRequestId(argument: TSESTree.Node, depth = 0): boolean {
  const node = unwrap(argument);
  if (depth > 4) return false;
  if (isFunctionNode(node)) return returnedExpressions(node).some((returned) => setsRequestId(returned, depth + 1));
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      (propertyKeyName(property) === 'genReqId' || setsRequestId(property.value, depth + 1)),
  );
}

/** morgan's predefined formats that write the response time. */
const MORGAN_TIMED_FORMATS = new Set(['dev', 'tiny', 'short']);

/** Whether a morgan format writes the duration: a timed predefined format, a format string with one, or unknown. */
function morganLogsDuration(format: TSESTree.Node | undefined): boolean {
  const node = format ? unwrap(format) : undefined;
  if (node?.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'string') return true;
  return MORGAN_TIMED_FORMATS.has(node.value) || /:(?:response|total)-time/.test(node.value);
}

/** Whether a body records a duration on a metric (see `recordsDuration`). */
function recordsMetricIn(body: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(node.callee);
      if (method && recordsDuration(method, node.callee.object, node.arguments)) found = true;
    }
    forEachChild(node, visit);
  };
  visit(body);
  return found;
}

const DURATION_NAME =
  /^(?:elapsed|duration|latency|time|responseTime|elapsedMs|durationMs|ms|seconds|took)$|(?:Duration|Elapsed|Latency|Time|Ms|Seconds)$/;

function isDurationValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.BinaryExpression)
    return (
      node.operator === '-' || ((node.operator === '/' || node.operator === '*') && isDurationValue(unwrap(node.left)))
    );
  if (node.type === AST_NODE_TYPES.Identifier) return DURATION_NAME.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return DURATION_NAME.test(memberName(node) ?? '');
  return false;
}

function isDateNow(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(node.callee) === 'now' &&
    terminalName(node.callee.object) === 'Date'
  );
}

export const LIVENESS_PATHS = [
  '/health',
  '/healthz',
  '/livez',
  '/live',
  '/liveness',
  '/health/live',
  '/health/liveness',
  '/ping',
  // Spelled as one word or with a separator: Django's and many FastAPI templates' health checks.
  '/healthcheck',
  '/health-check',
  '/health_check',
];
export const READINESS_PATHS = ['/health/ready', '/health/readiness', '/readyz', '/ready', '/readiness'];

/**
 * The path a middleware answers itself: `ctx.path === '/health'` whose branch responds (`ctx.body = …`,
 * `res.json(…)`). A logger that merely skips `/health` answers nothing.
 */
function answeredPath(node: TSESTree.BinaryExpression): string | undefined {
  if (node.operator !== '===' && node.operator !== '==') return undefined;
  const literal = [node.left, node.right].find(
    (side): side is TSESTree.StringLiteral =>
      side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string' && side.value.startsWith('/'),
  );
  if (!literal) return undefined;
  for (
    let current: TSESTree.Node | undefined = node.parent;
    current && !isFunctionNode(current);
    current = current.parent
  ) {
    if (current.type === AST_NODE_TYPES.IfStatement) return responds(current.consequent) ? literal.value : undefined;
  }
  return undefined;
}

function responds(node: TSESTree.Node): boolean {
  let found = false;
  const visit = (child: TSESTree.Node): void => {
    if (found) return;
    if (
      child.type === AST_NODE_TYPES.AssignmentExpression &&
      child.left.type === AST_NODE_TYPES.MemberExpression &&
      ['body', 'status'].includes(memberName(child.left) ?? '')
    )
      found = true;
    if (
      child.type === AST_NODE_TYPES.CallExpression &&
      child.callee.type === AST_NODE_TYPES.MemberExpression &&
      ['json', 'send', 'end', 'reply', 'text', 'body'].includes(memberName(child.callee) ?? '')
    )
      found = true;
    forEachChild(child, visit);
  };
  visit(node);
  return found;
}

function isLogCall(call: TSESTree.CallExpression, scope: ModuleScope): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(callee);
    // `this._logger[level](info, '%s %s', req.method, url)`: a level chosen at run time.
    const dynamicLevel =
      method === undefined && callee.computed && unwrap(callee.property).type !== AST_NODE_TYPES.Literal;
    if (!dynamicLevel && (!method || !LEVEL_METHODS.has(method))) return false;
    const receiver = unwrap(callee.object);
    const name = terminalName(receiver);
    if (name === undefined) return false;
    if (name === 'console') return true;
    if (name === 'Math') return false;
    return isLoggerName(name) || scope.isLoggerBinding(receiver);
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return scope.isLoggerBinding(callee);
  return false;
}

/** How a middleware reads in a report: `pinoHttp()`, `morgan('dev')`, `requestLogger`. */
export function describe(node: TSESTree.Node, scope: ModuleScope): string {
  const text = scope.text(node).replace(/\s+/g, ' ');
  if (isFunctionNode(node)) return 'an inline middleware';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * A route handler that logs: its body (with same-file helpers two levels deep), or a wrapper around it whose
 * body logs (`withLogging(h)`, `catchErrors(tracing(h))`), local or imported.
 */
export function handlerLogs(
  handler: TSESTree.Node,
  scope: ModuleScope,
  depth = 0,
  withoutFrameworkLogger = false,
): boolean {
  if (depth > 3) return false;
  const node = unwrap(handler);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const wrapper = scope.functionOf(node.callee);
    if (wrapper?.node.body && bodyLogs(wrapper.node.body, wrapper.scope, 0, withoutFrameworkLogger)) return true;
    return node.arguments.some((argument) => handlerLogs(argument, scope, depth + 1, withoutFrameworkLogger));
  }
  const fn = scope.functionOf(node);
  return fn?.node.body ? bodyLogs(fn.node.body, fn.scope, 0, withoutFrameworkLogger) : false;
}

/**
 * `fastify.log.error(…)`, `request.log.info(…)`, `this.log.warn(…)`: Fastify's own logger, which writes nothing when
 * the app is created without `logger` (it is then a no-op). A logger the module imports or creates is not it.
 */
function callsFrameworkLogger(call: TSESTree.CallExpression, scope: ModuleScope): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = unwrap(callee.object);
  return (
    receiver.type === AST_NODE_TYPES.MemberExpression &&
    memberName(receiver) === 'log' &&
    !scope.isLoggerBinding(unwrap(receiver.object))
  );
}
