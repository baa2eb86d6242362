import { joinPaths } from './builder';
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
  if (role === 'request-logging' && route.handlerLogs && !(route.handlerLogsThroughFramework && frameworkLoggerOff)) return { covered: true, by: 'its handler' };
  if (route.handlerRoles?.includes(role)) return { covered: true, by: 'the wrapper around its handler' };
  if (app?.framework === 'fastify') {
    const options = app.options;
    // Fastify's logger writes `incoming request` and `request completed` (with `responseTime`) for every route.
    if ((role === 'request-logging' || role === 'timing') && options.frameworkRequestLogging && !options.requestLoggingDisabled && !route.silenced) return { covered: true, by: 'the Fastify logger' };
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
      if (ORDER_FREE.has(scope.framework) || middleware.order < step.before) return { covered: true, by: middleware.name };
      late ??= middleware;
    }
  }
  if (late) return { covered: false, late, reason: `${late.name} is registered after this route (${late.location.file}:${late.location.line})` };
  if (app?.framework === 'fastify' && role === 'request-logging') {
    const options = app.options;
    if (route.silenced) return { covered: false, reason: 'its logLevel silences the Fastify request log' };
    if (options.requestLoggingDisabled) return { covered: false, reason: 'Fastify request logging is disabled (disableRequestLogging)' };
    return { covered: false, reason: 'the Fastify logger is off and no hook logs it' };
  }
  return { covered: false, reason: role === 'request-logging' ? 'no request-logging middleware runs before it' : `nothing with the role ${role} covers it` };
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
    return child && child.encapsulated === false ? [...child.middleware, ...sharedByPlugins(child, scopes, depth + 1)] : [];
  });
}

/** Mount sites whose routers miss a middleware registered later in the same scope (`app.use('/api', r)` before the logger). */
export function lateMounts(model: ServiceModel, role: MiddlewareRole): Array<{ scope: ScopeModel; mount: ScopeModel['mounts'][number]; late: MiddlewareModel }> {
  const found: Array<{ scope: ScopeModel; mount: ScopeModel['mounts'][number]; late: MiddlewareModel }> = [];
  for (const scope of model.scopes) {
    if (ORDER_FREE.has(scope.framework)) continue;
    for (const mount of scope.mounts) {
      const late = scope.middleware.find((middleware) => middleware.roles.includes(role) && middleware.order > mount.order && (middleware.path === undefined || mount.path.startsWith(middleware.path)));
      if (late) found.push({ scope, mount, late });
    }
  }
  return found;
}
