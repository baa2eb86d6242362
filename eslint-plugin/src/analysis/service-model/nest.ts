import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { forEachChild, memberName, propertyKeyName, terminalName, unwrap } from '../ast';
import { type BuilderOptions, type Entity, joinPaths, pathsOf } from './builder';
import { bodyLogs, classifyMiddleware, handlerLogs, rolesOfFunction } from './middleware';
import { ModuleScope } from './module-scope';
import type { MiddlewareModel, MiddlewareRole, ScopeModel } from './types';

const ROUTE_DECORATORS = new Map([
  ['Get', 'GET'],
  ['Post', 'POST'],
  ['Put', 'PUT'],
  ['Patch', 'PATCH'],
  ['Delete', 'DELETE'],
  ['Options', 'OPTIONS'],
  ['Head', 'HEAD'],
  ['All', 'ALL'],
]);

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * NestJS: the app from `NestFactory.create(AppModule)`, its module graph (`@Module` imports, controllers,
 * providers), controllers' routes, and what covers them: global interceptors (`useGlobalInterceptors`,
 * `APP_INTERCEPTOR`), `@UseInterceptors`, `consumer.apply(M).forRoutes(…)`, nestjs-pino's `LoggerModule`.
 * `app.useLogger()` only replaces Nest's own logger and does not log requests.
 */
export class NestBuilder {
  private readonly visitedModules = new Set<TSESTree.Node>();
  readonly entities: Entity[] = [];
  readonly files = new Set<string>();

  constructor(private readonly options: BuilderOptions) {}

  /** Finds `NestFactory.create(AppModule)` calls in a module and builds their apps. */
  analyzeModule(scope: ModuleScope): void {
    // Most modules bootstrap no NestJS app: a look at the text spares walking their trees.
    if (!scope.text(scope.program).includes('NestFactory')) return;
    const visit = (node: TSESTree.Node): void => {
      if (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(node.callee) === 'create' &&
        terminalName(node.callee.object) === 'NestFactory'
      ) {
        this.bootstrap(node, scope);
      }
      forEachChild(node, visit);
    };
    visit(scope.program);
  }

  private bootstrap(create: TSESTree.CallExpression, scope: ModuleScope): void {
    this.files.add(scope.relative(this.options.root));
    const location = scope.location(create, this.options.root);
    const app: Entity = {
      model: {
        id: `${location.file}#${location.line}:${location.column}`,
        kind: 'app',
        framework: 'nestjs',
        name: 'NestFactory.create',
        options: {},
        middleware: [],
        mounts: [],
        location,
      },
      framework: 'nestjs',
      routes: [],
      module: scope,
    };
    this.entities.push(app);
    // `const app = await NestFactory.create(AppModule)`: calls on `app` configure it.
    const declarator = findAncestor(create, AST_NODE_TYPES.VariableDeclarator);
    const appName = declarator?.id.type === AST_NODE_TYPES.Identifier ? declarator.id.name : undefined;
    const body = findAncestor(create, AST_NODE_TYPES.BlockStatement) ?? scope.program;
    if (appName) {
      // `app.getHttpAdapter()` (or a variable holding it) registers plain routes beside the controllers: probes, /metrics.
      const adapters = new Set<string>();
      forEachDeep(body, (node) => {
        if (
          node.type === AST_NODE_TYPES.VariableDeclarator &&
          node.id.type === AST_NODE_TYPES.Identifier &&
          node.init &&
          isAdapterOf(unwrap(node.init), appName)
        )
          adapters.add(node.id.name);
      });
      forEachDeep(body, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const receiver = unwrap(node.callee.object);
        const verb = memberName(node.callee);
        if (
          verb &&
          ADAPTER_VERBS.has(verb) &&
          (isAdapterOf(receiver, appName) ||
            (receiver.type === AST_NODE_TYPES.Identifier && adapters.has(receiver.name)))
        ) {
          for (const path of node.arguments[0] ? pathsOf(node.arguments[0]) : []) {
            app.routes.push({
              method: verb.toUpperCase(),
              path: `/${path.replace(/^\/+/, '')}`,
              order: node.range[0],
              handlers: node.arguments.slice(1).map((handler) => scope.text(handler).replace(/\s+/g, ' ').slice(0, 40)),
              handlerLogs: node.arguments.slice(1).some((handler) => handlerLogs(handler, scope)),
              location: scope.location(node, this.options.root),
            });
          }
        }
      });
      forEachDeep(body, (node) => {
        if (
          node.type !== AST_NODE_TYPES.CallExpression ||
          node.callee.type !== AST_NODE_TYPES.MemberExpression ||
          terminalName(node.callee.object) !== appName
        )
          return;
        const method = memberName(node.callee);
        if (method === 'useGlobalInterceptors' || method === 'use') {
          for (const argument of node.arguments)
            this.addGlobal(app, scope, argument, method === 'use' ? 'middleware' : 'interceptor');
        }
        if (method === 'setGlobalPrefix' && node.arguments[0]?.type === AST_NODE_TYPES.Literal)
          app.model.prefix = `/${String(node.arguments[0].value).replace(/^\/+/, '')}`;
      });
    }
    const rootModule = create.arguments[0];
    if (rootModule) this.nestModule(rootModule, scope, app);
  }

  private nestModule(reference: TSESTree.Node, scope: ModuleScope, app: Entity): void {
    const found = this.classOf(reference, scope);
    if (!found || this.visitedModules.has(found.node)) return;
    this.visitedModules.add(found.node);
    this.files.add(found.scope.relative(this.options.root));
    const metadata = decoratorArgument(found.node, 'Module');
    if (metadata?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of metadata.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(property);
        const list = unwrap(property.value);
        const elements =
          list.type === AST_NODE_TYPES.ArrayExpression
            ? list.elements.filter(
                (e): e is TSESTree.Expression => e !== null && e.type !== AST_NODE_TYPES.SpreadElement,
              )
            : [];
        for (const element of elements) {
          if (key === 'imports') this.moduleImport(element, found.scope, app);
          if (key === 'controllers') this.controller(element, found.scope, app);
          if (key === 'providers') this.provider(element, found.scope, app);
        }
      }
    }
    // `configure(consumer) { consumer.apply(LoggerMiddleware).forRoutes('*') }`
    for (const member of found.node.body.body) {
      if (
        member.type !== AST_NODE_TYPES.MethodDefinition ||
        memberNameOfKey(member.key) !== 'configure' ||
        !member.value.body
      )
        continue;
      forEachDeep(member.value.body, (node) => {
        if (
          node.type !== AST_NODE_TYPES.CallExpression ||
          node.callee.type !== AST_NODE_TYPES.MemberExpression ||
          memberName(node.callee) !== 'forRoutes'
        )
          return;
        const apply = applyCall(node.callee.object);
        if (!apply) return;
        const routes = node.arguments.flatMap((argument) =>
          pathsOf(argument).map((path) =>
            path === '*' || path === '(.*)' ? undefined : `/${path.replace(/^\/+/, '')}`,
          ),
        );
        for (const middleware of apply.arguments) {
          const added = this.addGlobal(app, found.scope, middleware, 'middleware');
          // `forRoutes('users')` narrows it; `forRoutes('*')` or a controller class covers what it names.
          if (routes.length > 0 && routes.every((route) => route !== undefined)) added.path = routes[0];
        }
      });
    }
  }

  private moduleImport(element: TSESTree.Node, scope: ModuleScope, app: Entity): void {
    const node = unwrap(element);
    // `LoggerModule.forRoot()` (nestjs-pino), `ClsModule.forRoot()`, `TerminusModule`
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // The call, not only its callee: its options say more (`pinoHttp: { genReqId }` sets request ids).
      const classified = classifyMiddleware(node, scope, this.options.loggingMiddleware);
      if (classified.roles.length > 0)
        this.push(app, scope, node, classified.name, classified.roles, classified.package);
      if (node.callee.type === AST_NODE_TYPES.MemberExpression) this.nestModule(node.callee.object, scope, app);
      return;
    }
    const classified = classifyMiddleware(node, scope, this.options.loggingMiddleware);
    if (classified.roles.length > 0) this.push(app, scope, node, classified.name, classified.roles, classified.package);
    this.nestModule(node, scope, app);
  }

  /** `{ provide: APP_INTERCEPTOR, useClass: LoggingInterceptor }` registers a global interceptor. */
  private provider(element: TSESTree.Node, scope: ModuleScope, app: Entity): void {
    const node = unwrap(element);
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return;
    let provide: string | undefined;
    let useClass: TSESTree.Node | undefined;
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(property);
      if (key === 'provide') provide = terminalName(property.value);
      if (key === 'useClass') useClass = property.value;
    }
    if ((provide === 'APP_INTERCEPTOR' || provide === 'APP_FILTER' || provide === 'APP_GUARD') && useClass)
      this.addGlobal(app, scope, useClass, provide === 'APP_INTERCEPTOR' ? 'interceptor' : 'filter');
  }

  private controller(reference: TSESTree.Node, scope: ModuleScope, app: Entity): void {
    const found = this.classOf(reference, scope);
    if (!found) return;
    this.files.add(found.scope.relative(this.options.root));
    const location = found.scope.location(found.node, this.options.root);
    const controllerArgument = decoratorArgument(found.node, 'Controller');
    const prefix = controllerPrefix(controllerArgument);
    const entity: Entity = {
      model: {
        id: `${location.file}#${location.line}:${location.column}`,
        kind: 'controller',
        framework: 'nestjs',
        name: found.node.id?.name ?? 'controller',
        prefix,
        options: {},
        middleware: [],
        mounts: [],
        location,
      },
      framework: 'nestjs',
      routes: [],
      module: found.scope,
    };
    for (const interceptor of decoratorArguments(found.node, 'UseInterceptors'))
      this.addInterceptor(entity, found.scope, interceptor);
    for (const member of found.node.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition) continue;
      const decorators = member.decorators ?? [];
      for (const decorator of decorators) {
        const expression = unwrap(decorator.expression);
        const name = expression.type === AST_NODE_TYPES.CallExpression ? terminalName(expression.callee) : undefined;
        const method = name ? ROUTE_DECORATORS.get(name) : undefined;
        if (!method || expression.type !== AST_NODE_TYPES.CallExpression) continue;
        const paths = expression.arguments[0] ? pathsOf(expression.arguments[0]) : [''];
        const methodInterceptors = decoratorArgumentsOfMember(member, 'UseInterceptors');
        const logs =
          (member.value.body !== null && member.value.body !== undefined && bodyLogs(member.value.body, found.scope)) ||
          methodInterceptors.some((interceptor) =>
            this.interceptorRoles(interceptor, found.scope).includes('request-logging'),
          );
        for (const path of paths.length > 0 ? paths : ['']) {
          entity.routes.push({
            method,
            path: path ? `/${path.replace(/^\/+/, '')}` : '',
            order: member.range[0],
            handlers: [`${entity.model.name}.${memberNameOfKey(member.key) ?? 'handler'}`],
            handlerLogs: logs,
            location: found.scope.location(member, this.options.root),
          });
        }
      }
    }
    this.entities.push(entity);
    app.model.mounts.push({ path: '', target: entity.model.id, order: 0, location });
  }

  private addInterceptor(entity: Entity, scope: ModuleScope, reference: TSESTree.Node): void {
    const roles = this.interceptorRoles(reference, scope);
    this.push(entity, scope, reference, scope.text(reference), roles, undefined);
  }

  private addGlobal(
    app: Entity,
    scope: ModuleScope,
    reference: TSESTree.Node,
    kind: 'interceptor' | 'middleware' | 'filter',
  ): MiddlewareModel {
    if (kind === 'middleware') {
      const classified = classifyMiddleware(reference, scope, this.options.loggingMiddleware);
      const cls = this.classOf(unwrap(reference), scope);
      const roles = cls ? this.classRoles(cls.node, cls.scope, 'use') : classified.roles;
      return this.push(app, scope, reference, classified.name, roles, classified.package);
    }
    const roles = kind === 'filter' ? ['error-handling' as const] : this.interceptorRoles(reference, scope);
    return this.push(app, scope, reference, scope.text(reference).replace(/^new\s+/, ''), roles, undefined);
  }

  /** An interceptor's roles, from its `intercept` method (a class) or its body (a function). */
  private interceptorRoles(reference: TSESTree.Node, scope: ModuleScope): MiddlewareRole[] {
    const node = unwrap(reference);
    const target = node.type === AST_NODE_TYPES.NewExpression ? node.callee : node;
    const cls = this.classOf(target, scope);
    if (cls) return this.classRoles(cls.node, cls.scope, 'intercept');
    return classifyMiddleware(reference, scope, this.options.loggingMiddleware).roles;
  }

  private classRoles(cls: ClassNode, scope: ModuleScope, methodName: string): MiddlewareRole[] {
    for (const member of cls.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && memberNameOfKey(member.key) === methodName) {
        return rolesOfFunction(member.value, scope, this.options.loggingMiddleware);
      }
    }
    return [];
  }

  private push(
    entity: Entity,
    scope: ModuleScope,
    node: TSESTree.Node,
    name: string,
    roles: MiddlewareRole[],
    pkg: string | undefined,
  ): MiddlewareModel {
    const middleware: MiddlewareModel = {
      name,
      roles,
      ...(pkg ? { package: pkg } : {}),
      order: 0,
      location: scope.location(node, this.options.root),
    };
    entity.model.middleware.push(middleware);
    return middleware;
  }

  private classOf(reference: TSESTree.Node, scope: ModuleScope): { node: ClassNode; scope: ModuleScope } | undefined {
    const node = unwrap(reference);
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression)
      return { node, scope };
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declaration = scope.declarationOf(node);
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration) return { node: declaration, scope };
    const imported = scope.resolveImported(node.name);
    if (!imported) return undefined;
    const value = unwrap(imported.node);
    return value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression
      ? { node: value, scope: imported.scope }
      : undefined;
  }
}

const ADAPTER_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

/** `app.getHttpAdapter()` */
function isAdapterOf(node: TSESTree.Node, appName: string): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(node.callee) === 'getHttpAdapter' &&
    terminalName(node.callee.object) === appName
  );
}

/** Scope models of NestJS apps and controllers, for the same walk as the other frameworks. */
export function nestScopes(builder: NestBuilder): ScopeModel[] {
  return builder.entities.map((entity) => entity.model);
}

function decoratorArgument(node: ClassNode, name: string): TSESTree.Node | undefined {
  return decoratorArguments(node, name)[0];
}

function decoratorArguments(node: ClassNode, name: string): TSESTree.Node[] {
  return (node.decorators ?? []).flatMap((decorator) => {
    const expression = unwrap(decorator.expression);
    return expression.type === AST_NODE_TYPES.CallExpression && terminalName(expression.callee) === name
      ? expression.arguments
      : [];
  });
}

function decoratorArgumentsOfMember(member: TSESTree.MethodDefinition, name: string): TSESTree.Node[] {
  return (member.decorators ?? []).flatMap((decorator) => {
    const expression = unwrap(decorator.expression);
    return expression.type === AST_NODE_TYPES.CallExpression && terminalName(expression.callee) === name
      ? expression.arguments
      : [];
  });
}

function controllerPrefix(argument: TSESTree.Node | undefined): string | undefined {
  if (!argument) return undefined;
  const node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    const path = node.properties.find(
      (property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'path',
    );
    return path?.type === AST_NODE_TYPES.Property ? controllerPrefix(path.value) : undefined;
  }
  const path = pathsOf(node)[0];
  return path !== undefined ? joinPaths('/', path) : undefined;
}

function memberNameOfKey(key: TSESTree.Node): string | undefined {
  return key.type === AST_NODE_TYPES.Identifier
    ? key.name
    : key.type === AST_NODE_TYPES.Literal
      ? String(key.value)
      : undefined;
}

/** `consumer.apply(A, B)` at the root of `consumer.apply(A).exclude(…).forRoutes(…)`. */
function applyCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    if (memberName(current.callee) === 'apply') return current;
    current = unwrap(current.callee.object);
  }
  return undefined;
}

function findAncestor<T extends AST_NODE_TYPES>(
  node: TSESTree.Node,
  type: T,
): Extract<TSESTree.Node, { type: T }> | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === type) return current as Extract<TSESTree.Node, { type: T }>;
  }
  return undefined;
}

function forEachDeep(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const walk = (node: TSESTree.Node): void => {
    visit(node);
    forEachChild(node, walk);
  };
  walk(root);
}
