import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { unwrap } from '../ast';
import type { Entity, RegistrationHost } from './entity';
import type { ModuleScope } from './module-scope';
import { joinPaths, pathsIn, pathsOf } from './route-paths';
import { HTTP_VERBS, propertyValue } from './syntax';

/** Hono: routes, `on()`, OpenAPIHono's `openapi(createRoute(…))`, `route()` mounts and `use()`. */
export function honoCall(
  host: RegistrationHost,
  entity: Entity,
  prefix: string,
  scope: ModuleScope,
  call: TSESTree.CallExpression,
  method: string,
): void {
  const args = call.arguments;
  if (HTTP_VERBS.has(method)) {
    for (const path of pathsIn(args[0], scope))
      host.addRoute(entity, scope, call, method, joinPaths(prefix, path), args.slice(1));
    return;
  }
  if (method === 'on') {
    const methods = pathsOf(args[0]).map((verb) => verb.toLowerCase());
    for (const verb of methods)
      for (const path of pathsIn(args[1], scope))
        host.addRoute(entity, scope, call, verb, joinPaths(prefix, path), args.slice(2));
    return;
  }
  if (method === 'openapi' && args[0]) {
    const route = host.valueOf(args[0], scope);
    const declared = openApiRoute(route.node, route.scope);
    if (declared) host.addRoute(entity, scope, call, declared.method, joinPaths(prefix, declared.path), args.slice(1));
    return;
  }
  if (method === 'route') {
    const child = args[1] ? host.targetOf(args[1], scope) : undefined;
    if (child && args[0])
      host.mount(entity, scope, call, child.entity, joinPaths(prefix, pathsIn(args[0], scope)[0] ?? ''), child.prefix);
    if (child || !args[1]) return;
    // `controllers.forEach(({ basePath, controller: { router } }) => server.route(basePath, router))`
    const listed = host.elementTargets(args[1], scope);
    const paths = host.elementPaths(args[0], scope, listed.length);
    listed.forEach((target, index) =>
      host.mount(entity, scope, call, target.entity, joinPaths(prefix, paths[index] ?? ''), target.prefix),
    );
    return;
  }
  if (method === 'use') {
    const usePaths = args[0] !== undefined && args.length > 1 ? pathsIn(args[0], scope) : [];
    const hasPath = usePaths.length > 0;
    const path = hasPath ? joinPaths(prefix, usePaths[0].replace(/\/?\*$/, '')) : prefix || undefined;
    for (const handler of hasPath ? args.slice(1) : args) host.addMiddleware(entity, scope, handler, path, call);
  }
}

/**
 * `createRoute({ method: 'get', path: '/users/{id}', … })` from @hono/zod-openapi, inline or held in a constant:
 * the method and the path template (OpenAPI's `{id}` kept as written).
 */
function openApiRoute(node: TSESTree.Node, scope: ModuleScope): { method: string; path: string } | undefined {
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = scope.localInit(value);
    if (!init) return undefined;
    value = unwrap(init);
  }
  if (value.type === AST_NODE_TYPES.CallExpression && value.arguments[0]) value = unwrap(value.arguments[0]);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const method = pathsOf(propertyValue(value, 'method'))[0];
  const path = pathsIn(propertyValue(value, 'path'), scope)[0];
  return method && path !== undefined ? { method: method.toLowerCase(), path } : undefined;
}
