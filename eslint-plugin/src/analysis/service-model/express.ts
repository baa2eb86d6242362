import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { isFunctionNode, memberName, unwrap } from '../ast';
import type { Entity, RegistrationHost } from './entity';
import type { ModuleScope } from './module-scope';
import { joinPaths, pathsIn, pathsOf } from './route-paths';
import { flatten, HTTP_VERBS } from './syntax';

/** Express: routes, `app.use(path, …)` middleware and mounts, `app.route('/x').get(h)` chains. */
export function expressCall(
  host: RegistrationHost,
  entity: Entity,
  prefix: string,
  scope: ModuleScope,
  call: TSESTree.CallExpression,
  method: string,
): void {
  const args = call.arguments;
  if (HTTP_VERBS.has(method)) {
    // `app.get('env')` reads a setting.
    if (method === 'get' && args.length === 1) return;
    for (const path of pathsIn(args[0], scope))
      host.addRoute(entity, scope, call, method, joinPaths(prefix, path), args.slice(1));
    return;
  }
  if (method !== 'use') return;
  const usePaths =
    args[0] !== undefined && args.length > 1 && !isFunctionNode(unwrap(args[0])) ? pathsIn(args[0], scope) : [];
  const hasPath = usePaths.length > 0;
  const path = usePaths[0];
  for (const handler of flatten(hasPath ? args.slice(1) : args))
    host.useOrMount(
      entity,
      scope,
      call,
      handler,
      path !== undefined ? joinPaths(prefix, path) : prefix || undefined,
      hasPath && usePaths.length > 1 ? args[0] : undefined,
    );
}

export /** `app.route('/users')` in `app.route('/users').get(h)`: the owner and the path. */
function expressRouteChain(receiver: TSESTree.Node): { owner: TSESTree.Node; path: string } | undefined {
  let node = unwrap(receiver);
  while (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(node.callee);
    if (method === 'route' && node.arguments.length === 1) {
      const path = pathsOf(node.arguments[0])[0];
      return path !== undefined ? { owner: node.callee.object, path } : undefined;
    }
    if (!method || !HTTP_VERBS.has(method)) return undefined;
    node = unwrap(node.callee.object);
  }
  return undefined;
}
