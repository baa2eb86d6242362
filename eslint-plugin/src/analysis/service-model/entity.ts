import { type TSESTree } from '@typescript-eslint/utils';
import type { ModuleScope } from './module-scope';
import type { Framework, MiddlewareModel, RouteModel, ScopeModel } from './types';

/** A route as registered in its scope, before mount prefixes are known. */
export type RawRoute = Omit<RouteModel, 'scope' | 'chain'>;

/** An app, router or plugin being built. */
export interface Entity {
  model: ScopeModel;
  framework: Framework;
  routes: RawRoute[];
  module: ModuleScope;
  /** The node that makes it: `express()`, `new Hono()`, or the factory call of an instance. */
  created?: TSESTree.Node;
  /** For an app a factory builds: the app as the factory's body shapes it, before the caller adds to it. */
  template?: Entity;
}

/** Where registrations go: an entity, plus the prefix of a Hono `basePath()` view of it. */
export interface Target {
  entity: Entity;
  prefix: string;
}

/**
 * What a framework adapter (express.ts, koa.ts, hono.ts, fastify.ts) asks of the graph builder while it reads one
 * registration call: resolve what an expression holds, and record routes, middleware and mounts in order.
 */
export interface RegistrationHost {
  readonly root: string;
  targetOf(expression: TSESTree.Node, scope: ModuleScope, depth?: number): Target | undefined;
  valueOf(expression: TSESTree.Node, scope: ModuleScope): { node: TSESTree.Node; scope: ModuleScope };
  addRoute(
    entity: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    method: string,
    path: string,
    handlers: readonly TSESTree.Node[],
    routeOptions?: TSESTree.ObjectExpression,
  ): void;
  addMiddleware(
    entity: Entity,
    scope: ModuleScope,
    handler: TSESTree.Node,
    path: string | undefined,
    call: TSESTree.CallExpression,
  ): MiddlewareModel;
  mount(
    parent: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    child: Entity,
    path: string,
    childPrefix?: string,
  ): void;
  useOrMount(
    entity: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    handler: TSESTree.Node,
    path: string | undefined,
    pathArgument?: TSESTree.Node,
  ): void;
  elementTargets(expression: TSESTree.Node, scope: ModuleScope): Target[];
  elementPaths(argument: TSESTree.Node | undefined, scope: ModuleScope, count: number): Array<string | undefined>;
  registerPlugin(
    entity: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    fn: { node: TSESTree.FunctionLike; scope: ModuleScope },
    encapsulated: boolean,
    prefix: string,
  ): Entity;
  controllerEntity(
    parent: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    owner: { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope },
    prefix: string,
  ): Entity;
}
