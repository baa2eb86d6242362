import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import {
  forEachChild,
  isFunctionNode,
  memberName,
  propertyKeyName,
  requiredModule,
  returnedExpressions,
  unwrap,
} from '../ast';
import * as path from 'node:path';
import { isProjectSpecifier } from '../modules';
import { projectScan } from '../modules';
import { isTestOrScriptPath } from '../test-files';
import { classifyMiddleware, handlerLogs } from './middleware';
import { ModuleScope } from './module-scope';
import type { Entity, RegistrationHost, Target } from './entity';
import { expressCall, expressRouteChain } from './express';
import { fastifyCall } from './fastify';
import { honoCall } from './hono';
import { koaCall } from './koa';
import { joinPaths, pathsIn, pathsOf } from './route-paths';
import { flatten, HTTP_VERBS, propertyValue } from './syntax';

import {
  argumentsPassedTo,
  elementHolders,
  functionName,
  heldValues,
  isElementBound,
  isParameterBound,
} from '../held-values';

export { joinPaths, pathsOf };
export type { Entity } from './entity';
import type { Framework, MiddlewareModel, RouteModel, ScopeModel, SourceLocation } from './types';

/** Registration methods that return the app or router they are called on, so calls chain. */
const CHAINING_METHODS = new Set([
  'use',
  'on',
  'route',
  'register',
  'addHook',
  'prefix',
  // Hono
  'openapi',
  'doc',
  'doc31',
  'onError',
  'notFound',
  // Fastify: `Fastify({ … }).withTypeProvider<TypeBoxTypeProvider>()` and the setters that return the instance
  'withTypeProvider',
  'setValidatorCompiler',
  'setSerializerCompiler',
  'setErrorHandler',
  'setNotFoundHandler',
  'decorate',
  'decorateRequest',
  'decorateReply',
  'addSchema',
  'addContentTypeParser',
  'setReplySerializer',
  'setSchemaErrorFormatter',
  // Express settings
  'enable',
  'disable',
  'engine',
]);
/** Fastify route log levels that silence the framework's `incoming request` / `request completed` lines (info). */
const SILENT_LEVELS = new Set(['warn', 'error', 'fatal', 'silent']);

/**
 * Template registrations run inside the factory, before anything its caller registers: their orders are moved below
 * every source offset so that order comparisons across the two files stay true.
 */
const FACTORY_ORDER_SHIFT = 1e9;

export interface BuilderOptions {
  root: string;
  languageOptions: TSESLint.FlatConfig.LanguageOptions;
  /** Middleware names the user declared as request logging (for packages we do not know). */
  loggingMiddleware: ReadonlySet<string>;
}

/** Builds the scopes and raw routes of Express, Fastify, Koa and Hono services from their root files. */
export class RouterGraphBuilder implements RegistrationHost {
  readonly entities = new Map<TSESTree.Node, Entity>();
  /** Parameters bound to an entity: Fastify plugin contexts, `registerRoutes(app)` installers. */
  private readonly aliases = new Map<TSESTree.Node, Target>();
  private readonly processed = new Set<TSESTree.Node>();
  private readonly visitedModules = new Set<TSESTree.Program>();
  readonly files = new Set<string>();

  /** Registration order across modules: calls are numbered as the analysis meets them, which follows execution. */
  private sequence = 0;
  private readonly orders = new Map<TSESTree.Node, number>();

  constructor(private readonly options: BuilderOptions) {}

  get root(): string {
    return this.options.root;
  }

  /**
   * The order of a registration call. Calls are visited children first (in `app.use(logger()).get('/x', h)` the inner
   * call registers first) and an installer's body when it is called (`registerRoutes(app)` registers its routes
   * there, whatever file they are written in), so the numbering follows execution where source offsets cannot:
   * they compare only within one file.
   */
  private orderOf(call: TSESTree.CallExpression): number {
    let order = this.orders.get(call);
    if (order === undefined) {
      order = ++this.sequence;
      this.orders.set(call, order);
    }
    return order;
  }

  analyzeModule(scope: ModuleScope): void {
    if (this.visitedModules.has(scope.program)) return;
    this.visitedModules.add(scope.program);
    this.files.add(scope.relative(this.options.root));
    this.visitCalls(scope.program, scope);
  }

  /** Visits registration calls in source order (that order is the registration order within a module). */
  private visitCalls(root: TSESTree.Node, scope: ModuleScope): void {
    const visit = (node: TSESTree.Node): void => {
      // Children first for chains: in `app.use(a).get('/x', h)` the inner call registers first.
      forEachChild(node, visit);
      if (node.type === AST_NODE_TYPES.CallExpression) this.registration(node, scope);
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression)
        this.creation(node, scope);
    };
    visit(root);
  }

  /** `express()`, `Router()`, `new Koa()`, `new Router()`, `new Hono()`, `Fastify()`: an entity is born. */
  private creation(node: TSESTree.CallExpression | TSESTree.NewExpression, scope: ModuleScope): Entity | undefined {
    const existing = this.entities.get(node);
    if (existing) return existing;
    const kind = creationKind(node, scope);
    if (!kind) return undefined;
    const options = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    const model: ScopeModel = {
      id: idOf(scope.location(node, this.options.root)),
      kind: kind.kind,
      framework: kind.framework,
      name: scope.text(node).replace(/\s+/g, ' ').slice(0, 60),
      options: {},
      middleware: [],
      mounts: [],
      location: scope.location(node, this.options.root),
    };
    for (const optionsObject of options ? this.optionObjects(options, scope) : []) {
      for (const property of optionsObject.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(property);
        const value = unwrap(property.value);
        if (key === 'prefix' && value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string')
          model.prefix = value.value;
        if (kind.framework !== 'fastify') continue;
        if (key === 'logger' || key === 'loggerInstance')
          model.options.frameworkRequestLogging = !(
            value.type === AST_NODE_TYPES.Literal &&
            (value.value === false || value.value === null)
          );
        if (key === 'disableRequestLogging')
          model.options.requestLoggingDisabled = !(value.type === AST_NODE_TYPES.Literal && value.value === false);
        if (
          key === 'genReqId' ||
          (key === 'requestIdHeader' && !(value.type === AST_NODE_TYPES.Literal && value.value === false))
        )
          model.options.requestId = true;
      }
    }
    const entity: Entity = { model, framework: kind.framework, routes: [], module: scope, created: node };
    this.entities.set(node, entity);
    return entity;
  }

  /**
   * `createApp()` where the factory builds a new app on each call: each call site is an app of its own (health,
   * metrics and GraphQL routers made by one `createRouter()` are three routers), shaped first by the factory's body.
   * A factory that returns an app made elsewhere (a singleton) yields that app itself.
   */
  private instanceOf(
    call: TSESTree.CallExpression,
    scope: ModuleScope,
    target: Target,
    factory: TSESTree.FunctionLike,
    factoryScope: ModuleScope,
  ): Target {
    const template = target.entity;
    const created = template.created;
    const madeInside =
      created !== undefined &&
      template.module === factoryScope &&
      created.range[0] >= factory.range[0] &&
      created.range[1] <= factory.range[1];
    return madeInside ? { entity: this.instance(call, scope, template, false), prefix: target.prefix } : target;
  }

  /** The app made at `site` from `template`; located at the site for a class, at the factory's own creation otherwise. */
  private instance(
    site: TSESTree.CallExpression | TSESTree.NewExpression,
    scope: ModuleScope,
    template: Entity,
    locatedAtSite: boolean,
  ): Entity {
    let instance = this.entities.get(site);
    if (!instance) {
      const location = scope.location(site, this.options.root);
      instance = {
        model: {
          ...template.model,
          id: `${template.model.id}@${idOf(location)}`,
          options: {},
          middleware: [],
          mounts: [],
          ...(locatedAtSite ? { location, name: scope.text(site).replace(/\s+/g, ' ').slice(0, 60) } : {}),
        },
        framework: template.framework,
        routes: [],
        module: scope,
        created: site,
        template,
      };
      this.entities.set(site, instance);
    }
    return instance;
  }

  /**
   * `class App extends Koa { constructor() { super(); this.use(logger()) } }`: the class is the app's template, and
   * `this` in its methods the app. One entity per class; each `new App()` is an app of its own.
   */
  private subclassEntity(
    owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    scope: ModuleScope,
  ): Entity | undefined {
    const existing = this.entities.get(owner);
    if (existing) return existing;
    const base = owner.superClass ? scope.packageOf(owner.superClass) : undefined;
    const exported = base?.member ?? base?.imported;
    const framework: Framework | undefined =
      base?.module === 'koa'
        ? 'koa'
        : (base?.module === 'hono' && exported === 'Hono') ||
            (base?.module === '@hono/zod-openapi' && exported === 'OpenAPIHono')
          ? 'hono'
          : undefined;
    if (!framework) return undefined;
    const location = scope.location(owner, this.options.root);
    const entity: Entity = {
      model: {
        id: idOf(location),
        kind: 'app',
        framework,
        name: owner.id?.name ?? 'an app class',
        options: {},
        middleware: [],
        mounts: [],
        location,
      },
      framework,
      routes: [],
      module: scope,
      created: owner,
    };
    this.entities.set(owner, entity);
    this.analyzeModule(scope);
    return entity;
  }

  /**
   * Every entity, factory-built apps completed with what their factory registered; a factory's own app is left out
   * once a caller builds one (it is the callers' apps that serve requests).
   */
  resolvedEntities(): Entity[] {
    const entities = [...this.entities.values()];
    const instantiated = new Set(entities.flatMap((entity) => (entity.template ? [entity.template] : [])));
    const complete = (entity: Entity, depth = 0): Entity => {
      if (!entity.template || depth > 8) return entity;
      const template = complete(entity.template, depth + 1);
      const shift = <T extends { order: number }>(item: T): T => ({ ...item, order: item.order - FACTORY_ORDER_SHIFT });
      return {
        ...entity,
        model: {
          ...entity.model,
          kind: entity.model.kind === 'router' || template.model.kind === 'router' ? 'router' : entity.model.kind,
          options: { ...template.model.options, ...entity.model.options },
          ...((entity.model.prefix ?? template.model.prefix)
            ? { prefix: entity.model.prefix ?? template.model.prefix }
            : {}),
          middleware: [...template.model.middleware.map(shift), ...entity.model.middleware],
          mounts: [...template.model.mounts.map(shift), ...entity.model.mounts],
        },
        routes: [...template.routes.map(shift), ...entity.routes],
      };
    };
    return entities.filter((entity) => !instantiated.has(entity)).map((entity) => complete(entity));
  }

  /**
   * Modules that call a factory of a root module: `app.ts` that does `const app = createApp()` and mounts routers
   * holds no `express()`/`new Hono()` of its own, so no text probe finds it.
   */
  analyzeFactoryCallers(): void {
    const factories = new Map<string, Set<string>>();
    for (const entity of [...this.entities.values()]) {
      const created = entity.template ? undefined : entity.created;
      if (created?.type === AST_NODE_TYPES.ClassDeclaration && created.id) {
        factories.set(
          entity.module.file,
          (factories.get(entity.module.file) ?? new Set<string>()).add(created.id.name),
        );
        continue;
      }
      const fn = created ? enclosingFunction(created) : undefined;
      const name = fn ? functionName(fn) : undefined;
      if (!fn || !name || !returnedExpressions(fn as TSESTree.FunctionDeclaration).length) continue;
      const names = factories.get(entity.module.file) ?? new Set<string>();
      factories.set(entity.module.file, names.add(name));
    }
    if (factories.size === 0) return;
    // Called by name, or importing the factory's module (a default export may be renamed by its importer): both
    // answered by the project scan's indexes, without reading the project again.
    const scan = projectScan(this.options.root);
    const callers = new Set(
      [...factories].flatMap(([file, names]) => [
        ...scan.importersOf(file),
        ...[...names].flatMap((name) => scan.filesCalling(name)),
      ]),
    );
    for (const file of callers) {
      if (factories.has(file) || isTestOrScriptPath(path.relative(this.options.root, file))) continue;
      const scope = ModuleScope.forFile(file, this.options.languageOptions);
      if (scope) this.analyzeModule(scope);
    }
  }

  /**
   * The object literals an app's options can be: written in place, held in a constant, or — in a factory such as
   * `function buildApp(opts) { const app = Fastify(opts) }` — passed by the factory's callers elsewhere in the
   * project (tests left out: they build the app their own way).
   */
  private optionObjects(options: TSESTree.Node, scope: ModuleScope): TSESTree.ObjectExpression[] {
    if (options.type === AST_NODE_TYPES.ObjectExpression) return [options];
    if (options.type !== AST_NODE_TYPES.Identifier) return [];
    const declaration = scope.declarationOf(options);
    if (declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init) {
      const init = unwrap(declaration.init);
      return init.type === AST_NODE_TYPES.ObjectExpression ? [init] : [];
    }
    // `opts` or `opts = {}`: a parameter of the function that creates the app.
    const param = declaration?.parent?.type === AST_NODE_TYPES.AssignmentPattern ? declaration.parent : declaration;
    const fn = param?.parent && isFunctionNode(param.parent) ? param.parent : undefined;
    const index = fn ? fn.params.indexOf(param as TSESTree.Parameter) : -1;
    if (!fn || index === -1) return [];
    return argumentsPassedTo(fn, index, scope).flatMap((argument) => {
      const value = unwrap(argument.node);
      return value.type === AST_NODE_TYPES.ObjectExpression ? [value] : [];
    });
  }

  /** The entity an expression refers to, following locals, parameters, imports, factories and chains. */
  targetOf(expression: TSESTree.Node, scope: ModuleScope, depth = 0): Target | undefined {
    if (depth > 8) return undefined;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const entity = this.creation(node, scope);
      if (entity) return { entity, prefix: '' };
      // `new App()` where `class App extends Koa`: an app made where it is instantiated, shaped by its class.
      const owner = scope.classOf(node.callee);
      const template = owner ? this.subclassEntity(owner.node, owner.scope) : undefined;
      return template ? { entity: this.instance(node, scope, template, true), prefix: '' } : undefined;
    }
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      const owner = scope.enclosingClassOf(node);
      const entity = owner ? this.subclassEntity(owner, scope) : undefined;
      return entity ? { entity, prefix: '' } : undefined;
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const created = this.creation(node, scope);
      if (created) return { entity: created, prefix: '' };
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = memberName(callee);
        // A chain (`app.use(a).use(b)…`, often a dozen long) walks down the tree: it need not count against the depth.
        const chained =
          method !== undefined && (HTTP_VERBS.has(method) || CHAINING_METHODS.has(method) || method === 'basePath');
        const base = this.targetOf(callee.object, scope, chained ? depth : depth + 1);
        if (!base) return undefined;
        // Hono `basePath('/v1')` is a view of the same app under a prefix; most registration methods chain.
        if (method === 'basePath' && node.arguments[0]?.type === AST_NODE_TYPES.Literal)
          return { entity: base.entity, prefix: joinPaths(base.prefix, String(node.arguments[0].value)) };
        if (method && (HTTP_VERBS.has(method) || CHAINING_METHODS.has(method))) {
          return method === 'route' && base.entity.framework === 'express' ? undefined : base;
        }
        return undefined;
      }
      // `require('./routes/users')`, `createUsersRouter()`
      const required = requiredModule(node);
      if (required) return this.targetOfModule(scope, required);
      const factory = scope.functionOf(callee);
      if (factory) {
        for (const returned of returnedExpressions(factory.node as TSESTree.FunctionDeclaration)) {
          const target = this.targetOf(returned, factory.scope, depth + 1);
          if (target) {
            this.analyzeModule(factory.scope);
            return this.instanceOf(node, scope, target, factory.node, factory.scope);
          }
        }
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) return this.memberTarget(node, scope, depth);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declaration = scope.declarationOf(node);
    if (!declaration) return undefined;
    const alias = this.aliases.get(declaration);
    if (alias) return alias;
    if (declaration.type === AST_NODE_TYPES.VariableDeclarator && declaration.init)
      return this.targetOf(declaration.init, scope, depth + 1);
    if (declaration.type === AST_NODE_TYPES.VariableDeclarator) {
      // `let fastify` at module level, `fastify = Fastify()` in a start function.
      for (const assigned of scope.assignedValues(declaration)) {
        const target = this.targetOf(assigned, scope, depth + 1);
        if (target) return target;
      }
      return undefined;
    }
    const imported = scope.importOf(node.name);
    if (imported && isProjectSpecifier(scope.file, imported.module))
      return this.targetOfModule(scope, imported.module, node.name);
    return undefined;
  }

  /**
   * An app or router held by an object: `this.app` in a class that assigns `this.app = express()`, `new App().server`,
   * `server.app` where `const server = new Server()`.
   */
  private memberTarget(node: TSESTree.MemberExpression, scope: ModuleScope, depth: number): Target | undefined {
    const name = memberName(node);
    const owner = name ? this.instanceClassOf(node.object, scope, depth) : undefined;
    return owner && name ? this.classMemberTarget(owner, name, depth) : undefined;
  }

  /**
   * What `name` holds on an instance of `owner`, its own or inherited. A router a base class creates in a field
   * (`abstract class Controller { router = new Hono() }`) is one router per subclass, as each instance has its own.
   */
  private classMemberTarget(
    owner: { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope },
    name: string,
    depth: number,
  ): Target | undefined {
    for (const value of owner.scope.inheritedMemberValues(owner.node, name)) {
      // `this.app = app` in a constructor whose caller passes the app: the value is a parameter, not followed.
      const target = this.targetOf(value.node, value.scope, depth + 1);
      if (!target) continue;
      this.analyzeModule(owner.scope);
      this.analyzeModule(value.scope);
      const inherited =
        value.scope.enclosingClassOf(value.node) !== owner.node &&
        target.entity.created !== undefined &&
        !target.entity.template;
      return inherited
        ? { entity: this.perClassInstance(owner.node, owner.scope, target.entity), prefix: target.prefix }
        : target;
    }
    return undefined;
  }

  private readonly perClass = new Map<TSESTree.Node, Map<Entity, Entity>>();

  /** The router of `template`'s base-class field as one subclass's instances hold it. */
  private perClassInstance(
    owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    scope: ModuleScope,
    template: Entity,
  ): Entity {
    const byTemplate = this.perClass.get(owner) ?? new Map<Entity, Entity>();
    this.perClass.set(owner, byTemplate);
    let instance = byTemplate.get(template);
    if (!instance) {
      const location = scope.location(owner, this.options.root);
      instance = {
        model: {
          ...template.model,
          id: `${template.model.id}@${idOf(location)}`,
          name: `${owner.id?.name ?? 'a class'}'s ${template.model.name}`.slice(0, 60),
          options: {},
          middleware: [],
          mounts: [],
        },
        framework: template.framework,
        routes: [],
        module: scope,
        template,
      };
      byTemplate.set(template, instance);
      // Keyed by the class body: the class node itself is an app class's key (subclassEntity).
      this.entities.set(owner.body, instance);
    }
    return instance;
  }

  /** The class of the instance an expression is: `this` in a method, `new C()`, a variable or import holding one. */
  private instanceClassOf(
    expression: TSESTree.Node,
    scope: ModuleScope,
    depth: number,
  ): ReturnType<ModuleScope['classOf']> {
    if (depth > 8) return undefined;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      const owner = scope.enclosingClassOf(node);
      return owner ? { node: owner, scope } : undefined;
    }
    if (node.type === AST_NODE_TYPES.NewExpression) return scope.classOf(node.callee);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const init = scope.localInit(node);
    if (init) return this.instanceClassOf(init, scope, depth + 1);
    const resolved = scope.importedValue(node.name);
    return resolved ? this.instanceClassOf(resolved.node, resolved.scope, depth + 1) : undefined;
  }

  /** A router exported by a relative module: `import { router } from './users'`, `require('./users')`. */
  private targetOfModule(scope: ModuleScope, specifier: string, localName?: string): Target | undefined {
    const resolved = localName ? scope.resolveImported(localName) : scope.requireDefault(specifier);
    if (!resolved) return undefined;
    this.analyzeModule(resolved.scope);
    const value = unwrap(resolved.node);
    return isFunctionNode(value) ? undefined : this.targetOf(value, resolved.scope);
  }

  /** What an expression holds when it comes from another module of the project (`require('./x')`, an import). */
  valueOf(expression: TSESTree.Node, scope: ModuleScope): { node: TSESTree.Node; scope: ModuleScope } {
    const node = unwrap(expression);
    const required = node.type === AST_NODE_TYPES.CallExpression ? requiredModule(node) : undefined;
    const resolved = required
      ? scope.requireDefault(required)
      : node.type === AST_NODE_TYPES.Identifier
        ? scope.resolveImported(node.name)
        : undefined;
    if (!resolved) return { node, scope };
    this.analyzeModule(resolved.scope);
    return { node: unwrap(resolved.node), scope: resolved.scope };
  }

  /** One call on an app or router: a route, a middleware, a mount, a hook, a plugin. */
  private registration(call: TSESTree.CallExpression, scope: ModuleScope): void {
    if (this.processed.has(call)) return;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) {
      this.installer(call, scope);
      return;
    }
    const method = memberName(callee);
    if (!method) {
      if (callee.computed) this.tableRoutes(call, callee, scope);
      return;
    }
    // Express `app.route('/x').get(h).post(h)`
    const routeChain = expressRouteChain(callee.object);
    const target = routeChain ? this.targetOf(routeChain.owner, scope) : this.targetOf(callee.object, scope);
    if (!target) {
      this.installer(call, scope);
      return;
    }
    this.processed.add(call);
    const { entity, prefix } = target;
    if (routeChain) {
      if (HTTP_VERBS.has(method))
        this.addRoute(entity, scope, call, method, joinPaths(prefix, routeChain.path), call.arguments);
      return;
    }
    switch (entity.framework) {
      case 'express':
        return expressCall(this, entity, prefix, scope, call, method);
      case 'koa':
        return koaCall(this, entity, scope, call, method);
      case 'hono':
        return honoCall(this, entity, prefix, scope, call, method);
      case 'fastify':
        return fastifyCall(this, entity, scope, call, method);
      default:
        return undefined;
    }
  }

  /**
   * A route table registered in a loop with a computed method:
   * `routes.forEach((route) => fastify[route.method.toLowerCase()](route.path, { schema: route.schema }, route.handler))`.
   * Each row of the table (object literals, in this module) is a route; the call's arguments read from the row.
   */
  private tableRoutes(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, scope: ModuleScope): void {
    let property = unwrap(callee.property);
    while (
      property.type === AST_NODE_TYPES.CallExpression &&
      property.callee.type === AST_NODE_TYPES.MemberExpression &&
      ['toLowerCase', 'toUpperCase'].includes(memberName(property.callee) ?? '')
    )
      property = unwrap(property.callee.object);
    const row = property.type === AST_NODE_TYPES.MemberExpression ? unwrap(property.object) : undefined;
    const key = property.type === AST_NODE_TYPES.MemberExpression ? memberName(property) : undefined;
    if (row?.type !== AST_NODE_TYPES.Identifier || key === undefined || !isElementBound(row, scope)) return;
    const target = this.targetOf(callee.object, scope);
    if (!target) return;
    this.processed.add(call);
    for (const held of heldValues(row, scope, 0, true)) {
      const object = unwrap(held.node);
      if (object.type !== AST_NODE_TYPES.ObjectExpression || held.scope !== scope) continue;
      const verb = pathsOf(propertyValue(object, key))[0]?.toLowerCase();
      if (!verb || !HTTP_VERBS.has(verb)) continue;
      // `route.path` reads the row's `path`; anything else stands as written.
      const fromRow = (argument: TSESTree.Node): TSESTree.Node | undefined => {
        const value = unwrap(argument);
        const rowKey =
          value.type === AST_NODE_TYPES.MemberExpression &&
          unwrap(value.object).type === AST_NODE_TYPES.Identifier &&
          (unwrap(value.object) as TSESTree.Identifier).name === row.name
            ? memberName(value)
            : undefined;
        return rowKey === undefined ? argument : propertyValue(object, rowKey);
      };
      const args = call.arguments.map(fromRow);
      const handlers = (
        target.entity.framework === 'fastify' && args.length >= 3 ? args.slice(2) : args.slice(1)
      ).filter((node): node is TSESTree.Node => node !== undefined);
      for (const path of pathsIn(args[0], scope))
        this.addRoute(target.entity, scope, call, verb, joinPaths(target.prefix, path), handlers);
    }
  }

  /** `registerRoutes(app)` / `require('./routes')(app)`: the function's parameter is the app from here on. */
  private installer(call: TSESTree.CallExpression, scope: ModuleScope): void {
    // `registerRoutes(app)`, `setupRoutes(this.server)`, `loadRoutes(this)` in an app class.
    const passesApp = (argument: TSESTree.Node): boolean =>
      argument.type === AST_NODE_TYPES.Identifier ||
      argument.type === AST_NODE_TYPES.ThisExpression ||
      (argument.type === AST_NODE_TYPES.MemberExpression && !argument.computed);
    const targets = call.arguments.map((argument) =>
      passesApp(argument) ? this.targetOf(argument, scope) : undefined,
    );
    const inObject = call.arguments.some(
      (argument) =>
        argument.type === AST_NODE_TYPES.ObjectExpression &&
        argument.properties.some(
          (property) =>
            property.type === AST_NODE_TYPES.Property &&
            passesApp(property.value) &&
            this.targetOf(property.value, scope) !== undefined,
        ),
    );
    if (!targets.some(Boolean) && !inObject) return;
    const callee = unwrap(call.callee);
    const fn = scope.functionOf(callee);
    if (!fn) return;
    this.processed.add(call);
    targets.forEach((target, index) => {
      const param = fn.node.params[index];
      if (target && param?.type === AST_NODE_TYPES.Identifier) this.aliases.set(param, target);
    });
    // `Routes({ fastify, usersController })` into `({ fastify, usersController }) => { … }`.
    call.arguments.forEach((argument, index) => {
      const param = fn.node.params[index];
      if (argument.type !== AST_NODE_TYPES.ObjectExpression || param?.type !== AST_NODE_TYPES.ObjectPattern) return;
      for (const property of param.properties) {
        const key =
          property.type === AST_NODE_TYPES.Property && !property.computed ? propertyKeyName(property) : undefined;
        const bound =
          property.type === AST_NODE_TYPES.Property
            ? property.value.type === AST_NODE_TYPES.AssignmentPattern
              ? property.value.left
              : property.value
            : undefined;
        const passed = key !== undefined ? propertyValue(argument, key) : undefined;
        const target = passed && bound?.type === AST_NODE_TYPES.Identifier ? this.targetOf(passed, scope) : undefined;
        if (target && bound) this.aliases.set(bound, target);
      }
    });
    this.files.add(fn.scope.relative(this.options.root));
    if (fn.node.body) this.visitCalls(fn.node.body, fn.scope);
  }

  registerPlugin(
    entity: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    fn: { node: TSESTree.FunctionLike; scope: ModuleScope },
    encapsulated: boolean,
    prefix: string,
  ): Entity {
    const child = this.pluginEntity(fn.node, fn.scope, entity, encapsulated);
    this.mount(entity, scope, call, child, prefix);
    const param = fn.node.params[0];
    if (param?.type === AST_NODE_TYPES.Identifier) this.aliases.set(param, { entity: child, prefix: '' });
    this.files.add(fn.scope.relative(this.options.root));
    if (fn.node.body) this.visitCalls(fn.node.body, fn.scope);
    return child;
  }

  private pluginEntity(
    fn: TSESTree.FunctionLike | TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    scope: ModuleScope,
    parent: Entity,
    encapsulated: boolean,
  ): Entity {
    const existing = this.entities.get(fn);
    if (existing) return existing;
    const location = scope.location(fn, this.options.root);
    const name =
      fn.type === AST_NODE_TYPES.ClassDeclaration || fn.type === AST_NODE_TYPES.ClassExpression
        ? (fn.id?.name ?? 'a controller class')
        : pluginName(fn, scope);
    const entity: Entity = {
      model: {
        id: idOf(location),
        kind: 'plugin',
        framework: 'fastify',
        name,
        encapsulated,
        options: {},
        middleware: [],
        mounts: [],
        location,
      },
      framework: parent.framework,
      routes: [],
      module: scope,
    };
    this.entities.set(fn, entity);
    return entity;
  }

  /** A class whose decorated methods are routes (fastify-decorators' `@Controller`), mounted like a plugin. */
  controllerEntity(
    parent: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    owner: { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope },
    prefix: string,
  ): Entity {
    const child = this.pluginEntity(owner.node, owner.scope, parent, true);
    this.mount(parent, scope, call, child, prefix);
    this.files.add(owner.scope.relative(this.options.root));
    return child;
  }

  /** `use(handler)`: a router (mount) or a middleware. */
  useOrMount(
    entity: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    handler: TSESTree.Node,
    path: string | undefined,
    pathArgument?: TSESTree.Node,
  ): void {
    const child = isFunctionNode(unwrap(handler)) ? undefined : this.targetOf(handler, scope);
    if (child && child.entity !== entity) return this.mount(entity, scope, call, child.entity, path ?? '');
    const listed = child ? [] : this.elementTargets(handler, scope).filter((target) => target.entity !== entity);
    if (listed.length > 0) {
      const paths = pathArgument ? this.elementPaths(pathArgument, scope, listed.length) : [];
      listed.forEach((target, index) =>
        this.mount(entity, scope, call, target.entity, paths[index] ?? path ?? '', target.prefix),
      );
      return;
    }
    // `registerMiddleware(middleware) { this.app.use(middleware) }`: what the callers pass is the middleware.
    const passed =
      !child && isParameterBound(handler, scope)
        ? heldValues(handler, scope, 0, true).filter((held) => !this.targetOf(held.node, held.scope))
        : [];
    if (passed.length === 0) return void this.addMiddleware(entity, scope, handler, path, call);
    for (const held of passed) this.addMiddleware(entity, held.scope, held.node, path, call);
  }

  /**
   * The routers a list holds, where a callback or loop walks it: `routes.forEach((route) => app.use('/', route.router))`
   * with `new App([new UserRoute(), new AuthRoute()])` in another file, `for (const { path, router } of routers)`.
   * Each router's module is analysed (its class registers its routes on `this.router`).
   */
  elementTargets(expression: TSESTree.Node, scope: ModuleScope): Target[] {
    if (!isElementBound(expression, scope) && !isParameterBound(expression, scope)) return [];
    const key = lastKeyOf(expression, scope);
    const holders = key === undefined ? [] : elementHolders(expression, scope);
    const owners = holders.map((holder) => {
      const value = unwrap(holder.node);
      return value.type === AST_NODE_TYPES.NewExpression ? holder.scope.classOf(value.callee) : undefined;
    });
    // Instances of route classes: each class's router, its routes registered in the class.
    if (key !== undefined && owners.length > 0 && owners.every(Boolean)) {
      return owners.flatMap((owner) => {
        const target = this.classMemberTarget(owner!, key, 0);
        return target ? [target] : [];
      });
    }
    return heldValues(expression, scope, 0, true).flatMap((held) => {
      const target = this.targetOf(held.node, held.scope);
      if (!target) return [];
      this.analyzeModule(held.scope);
      return [target];
    });
  }

  /** The mount path of each of `count` routers a list holds: one path for all, or one per element, else none. */
  elementPaths(argument: TSESTree.Node | undefined, scope: ModuleScope, count: number): Array<string | undefined> {
    const paths = pathsIn(argument, scope);
    return Array.from({ length: count }, (_, index) =>
      paths.length === 1 ? paths[0] : paths.length === count ? paths[index] : undefined,
    );
  }

  mount(
    parent: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    child: Entity,
    path: string,
    childPrefix = '',
  ): void {
    if (child.model.kind === 'app' && child.framework === 'hono') child.model.kind = 'router';
    if (child.model.kind === 'app' && child.framework === 'express') child.model.kind = 'router';
    // Controllers sharing a base class share its router: mounted once per path, not once per controller.
    const fullPath = joinPaths(path, childPrefix);
    if (parent.model.mounts.some((mount) => mount.target === child.model.id && mount.path === fullPath)) return;
    parent.model.mounts.push({
      path: fullPath,
      target: child.model.id,
      order: this.orderOf(call),
      location: scope.location(call, this.options.root),
    });
  }

  addMiddleware(
    entity: Entity,
    scope: ModuleScope,
    handler: TSESTree.Node,
    path: string | undefined,
    call: TSESTree.CallExpression,
  ): MiddlewareModel {
    const classified = classifyMiddleware(handler, scope, this.options.loggingMiddleware);
    const middleware: MiddlewareModel = {
      name: classified.name,
      roles: classified.roles,
      ...(classified.package ? { package: classified.package } : {}),
      ...(classified.answers ? { answers: classified.answers } : {}),
      ...(path !== undefined && path !== '' && path !== '/' ? { path } : {}),
      order: this.orderOf(call),
      location: scope.location(handler, this.options.root),
    };
    entity.model.middleware.push(middleware);
    return middleware;
  }

  addRoute(
    entity: Entity,
    scope: ModuleScope,
    call: TSESTree.CallExpression,
    method: string,
    path: string,
    handlers: readonly TSESTree.Node[],
    routeOptions?: TSESTree.ObjectExpression,
  ): void {
    const chain = flatten(handlers);
    const logs = chain.some((handler) => handlerLogs(handler, scope));
    const logLevel = routeOptions ? propertyValue(routeOptions, 'logLevel') : undefined;
    entity.routes.push({
      method: method.toUpperCase(),
      path,
      order: this.orderOf(call),
      handlers: chain.map((handler) =>
        isFunctionNode(unwrap(handler)) ? 'an inline handler' : scope.text(handler).replace(/\s+/g, ' ').slice(0, 40),
      ),
      handlerLogs: logs,
      // Fastify's logger is off unless the app turns it on: logs written only through it may write nothing.
      ...(logs && entity.framework === 'fastify' && !chain.some((handler) => handlerLogs(handler, scope, 0, true))
        ? { handlerLogsThroughFramework: true }
        : {}),
      ...(logLevel?.type === AST_NODE_TYPES.Literal && SILENT_LEVELS.has(String(logLevel.value))
        ? { silenced: true }
        : {}),
      location: scope.location(call, this.options.root),
    });
  }

  /** Scope models and full route paths, walking mounts from the apps no one mounts. */
  finish(): { scopes: ScopeModel[]; routes: RouteModel[] } {
    return walkRoutes(this.resolvedEntities());
  }
}

/**
 * Full route paths and the chain of scopes each route passes through, from every app no one mounts.
 * A router mounted twice yields its routes twice, once per path.
 */
export function walkRoutes(
  entities: readonly Entity[],
  unmountedRoutersAreRoots = false,
): { scopes: ScopeModel[]; routes: RouteModel[] } {
  const byId = new Map(entities.map((entity) => [entity.model.id, entity]));
  const mounted = new Set(entities.flatMap((entity) => entity.model.mounts.map((mount) => mount.target)));
  const roots = entities.filter(
    (entity) =>
      !mounted.has(entity.model.id) &&
      (unmountedRoutersAreRoots || entity.model.kind === 'app' || entity.framework === 'hono'),
  );
  const routes: RouteModel[] = [];
  const walk = (entity: Entity, prefix: string, chain: RouteModel['chain'], seen: ReadonlySet<string>): void => {
    if (seen.has(entity.model.id)) return;
    const path = joinPaths(prefix, entity.model.prefix ?? '');
    for (const route of entity.routes) {
      routes.push({
        ...route,
        path: joinPaths(path, route.path) || '/',
        scope: entity.model.id,
        chain: [...chain, { scope: entity.model.id, before: route.order, prefix: path }],
      });
    }
    for (const mount of entity.model.mounts) {
      const child = byId.get(mount.target);
      if (child)
        walk(
          child,
          joinPaths(path, mount.path),
          [...chain, { scope: entity.model.id, before: mount.order, prefix: path }],
          new Set([...seen, entity.model.id]),
        );
    }
  };
  for (const root of roots) walk(root, '', [], new Set());
  return { scopes: entities.map((entity) => entity.model), routes };
}

function creationKind(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  scope: ModuleScope,
): { framework: Framework; kind: ScopeModel['kind'] } | undefined {
  const callee = unwrap(node.callee);
  const source = scope.packageOf(callee);
  if (!source) {
    // `require('fastify')({ logger: true })`
    if (callee.type === AST_NODE_TYPES.CallExpression && requiredModule(callee) === 'fastify')
      return { framework: 'fastify', kind: 'app' };
    return undefined;
  }
  const exported = source.member ?? source.imported;
  switch (source.module) {
    case 'express':
      // `new Router()` where `Router` is express's default export still calls `express()`: an app (a sub-app once mounted).
      if (
        (exported === undefined || exported === 'default' || exported === '*' || exported === 'require') &&
        !source.member
      )
        return { framework: 'express', kind: 'app' };
      if (exported === 'Router') return { framework: 'express', kind: 'router' };
      return undefined;
    case 'fastify':
      return node.type === AST_NODE_TYPES.CallExpression &&
        (exported === undefined ||
          exported === 'default' ||
          exported === 'fastify' ||
          exported === '*' ||
          exported === 'require')
        ? { framework: 'fastify', kind: 'app' }
        : undefined;
    case 'koa':
      return node.type === AST_NODE_TYPES.NewExpression ? { framework: 'koa', kind: 'app' } : undefined;
    case '@koa/router':
    case 'koa-router':
      return node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression
        ? { framework: 'koa', kind: 'router' }
        : undefined;
    case 'hono':
      return node.type === AST_NODE_TYPES.NewExpression && (exported === 'Hono' || source.member === 'Hono')
        ? { framework: 'hono', kind: 'app' }
        : undefined;
    case '@hono/zod-openapi':
      // `OpenAPIHono` is a Hono app whose routes can also be declared with `app.openapi(createRoute({...}), h)`.
      return node.type === AST_NODE_TYPES.NewExpression &&
        (exported === 'OpenAPIHono' || source.member === 'OpenAPIHono')
        ? { framework: 'hono', kind: 'app' }
        : undefined;
    default:
      return undefined;
  }
}

/** The last key an element-bound expression reads: `router` in `route.router` or in `({ controller: { router } })`. */
function lastKeyOf(expression: TSESTree.Node, scope: ModuleScope): string | undefined {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node);
  return node.type === AST_NODE_TYPES.Identifier ? scope.parameterBinding(node)?.keys.at(-1) : undefined;
}

function enclosingFunction(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

function pluginName(fn: TSESTree.FunctionLike, scope: ModuleScope): string {
  return functionName(fn) ?? `plugin at line ${scope.position(fn.range[0]).line} of ${scope.file.split(/[\\/]/).pop()}`;
}

function idOf(location: SourceLocation): string {
  return `${location.file}#${location.line}:${location.column}`;
}
