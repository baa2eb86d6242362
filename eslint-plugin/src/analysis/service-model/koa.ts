import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { memberName, unwrap } from '../ast';
import type { Entity, RegistrationHost } from './entity';
import type { ModuleScope } from './module-scope';
import { pathsIn, pathsOf } from './route-paths';
import { flatten, HTTP_VERBS } from './syntax';

/** Koa and @koa/router: router routes (named or not), `prefix()`, `use()` of middleware and `router.routes()`. */
export function koaCall(
  host: RegistrationHost,
  entity: Entity,
  scope: ModuleScope,
  call: TSESTree.CallExpression,
  method: string,
): void {
  const args = call.arguments;
  if (method === 'prefix' && args[0]?.type === AST_NODE_TYPES.Literal) {
    entity.model.prefix = String(args[0].value);
    return;
  }
  if (HTTP_VERBS.has(method) && entity.model.kind === 'router') {
    // `router.get('name', '/path', …)` has a route name first.
    const named = args.length >= 2 && pathsOf(args[0]).length > 0 && pathsOf(args[1]).length > 0;
    const pathArgument = named ? args[1] : args[0];
    for (const path of pathsIn(pathArgument, scope))
      host.addRoute(entity, scope, call, method === 'del' ? 'delete' : method, path, args.slice(named ? 2 : 1));
    return;
  }
  if (method !== 'use') return;
  const hasPath = args[0] !== undefined && pathsOf(args[0]).length > 0;
  for (const handler of flatten(hasPath ? args.slice(1) : args)) {
    // `router.routes()`, or a module that exports it: `app.use(require('./routes'))`.
    const value = host.valueOf(handler, scope);
    const routes = routesCall(value.node);
    const child = routes ? host.targetOf(routes, value.scope) : undefined;
    if (child) host.mount(entity, scope, call, child.entity, hasPath ? pathsOf(args[0])[0] : '');
    else if (!isAllowedMethods(handler))
      host.addMiddleware(entity, scope, handler, hasPath ? pathsOf(args[0])[0] : undefined, call);
  }
}

/** `router.routes()` / `router.middleware()` → the router expression. */
function routesCall(handler: TSESTree.Node): TSESTree.Node | undefined {
  const node = unwrap(handler);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression)
    return undefined;
  const method = memberName(node.callee);
  return method === 'routes' || method === 'middleware' ? node.callee.object : undefined;
}

function isAllowedMethods(handler: TSESTree.Node): boolean {
  const node = unwrap(handler);
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(node.callee) === 'allowedMethods'
  );
}
