import * as path from 'node:path';
import type { PyNode } from '../../languages/python/nodes';
import {
  calleeMethod,
  dottedName,
  field,
  isFString,
  keywordArgument,
  parameterNames,
  positionalArguments,
  statements,
  stringValue,
  walk,
} from '../../languages/python/query';
import { importSearch, moduleFileIn } from './project-modules';
import type { PythonModule, PythonProjects } from './projects';
import { isInertPackage, isLogCall, packageRoles, rolesOfBody, type HelperBody, type PyRole } from './request-roles';

/**
 * The service model of a Python project: its FastAPI and Starlette apps (module level or made by factory functions,
 * sub-apps mounted with `app.mount`), the routes a request can reach with their full paths (APIRouter prefixes,
 * `include_router` prefixes, mounts, Starlette route lists; routers from other modules of the project), and what
 * runs for every request (HTTP middleware, middleware classes, known packages, router dependencies and route
 * classes). FastAPI and Starlette build their middleware stack when the app starts, so the order in which
 * middleware and routes are registered does not matter.
 */

export type PyFramework = 'fastapi' | 'starlette';

export interface PyMiddleware {
  /** As the code names it: `CorrelationIdMiddleware`, `log_requests`, `Instrumentator`. */
  name: string;
  /** The qualified name, for a package's middleware (`asgi_correlation_id.CorrelationIdMiddleware`). */
  qualified?: string;
  roles: PyRole[];
  /** Probe paths it answers itself. */
  answers: string[];
  file: string;
  node: PyNode;
}

export interface PyApp {
  id: string;
  framework: PyFramework;
  file: string;
  /** The `FastAPI(...)` / `Starlette(...)` call. */
  call: PyNode;
  /** The name it is bound to where it is created (`app`), if it is bound. */
  name?: string;
  /** The statement that binds it (`app = FastAPI(...)`), module level or in its factory. */
  statement?: PyNode;
  middleware: PyMiddleware[];
  /** The app is handed to code the analysis cannot read (a function of an installed package): its name. */
  opaque?: string;
  /** The app that mounts this one (`app.mount("/v1", sub_app)`). */
  mountedIn?: PyApp;
  /** Paths served by a metrics endpoint outside the routes (`Instrumentator().expose(app)`, `make_asgi_app()`). */
  metricsPaths: string[];
  /** Routes come from something the analysis cannot read (a router or ASGI app of an installed package): its text. */
  unresolvedRoutes?: string;
}

export interface PyRoute {
  method: string;
  /** Full path from the root app: mount, include and router prefixes joined. */
  path: string;
  file: string;
  /** Where it is declared: the decorator, or the call that adds it. */
  node: PyNode;
  handlerLogs: boolean;
  /** The apps a request passes through, the root app first (then mounted sub-apps). Empty for a router no app includes. */
  apps: PyApp[];
  /** What runs for this route besides the apps' middleware: router dependencies, route classes. */
  layers: PyMiddleware[];
}

export interface PyServiceModel {
  root: string;
  apps: PyApp[];
  routes: PyRoute[];
  /** Files read, absolute. */
  files: string[];
}

const APP_CLASSES = new Map<string, PyFramework>([
  ['fastapi.FastAPI', 'fastapi'],
  ['fastapi.applications.FastAPI', 'fastapi'],
  ['starlette.applications.Starlette', 'starlette'],
]);
const ROUTER_CLASSES = new Set(['fastapi.APIRouter', 'fastapi.routing.APIRouter', 'starlette.routing.Router']);
const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);
const HARMLESS_CALLS = new Set([
  'print',
  'isinstance',
  'len',
  'id',
  'repr',
  'str',
  'type',
  'getattr',
  'hasattr',
  'setattr',
  'vars',
  'dir',
]);
/** App and router methods that register something: an app handed to one is mounted, not configured. */
const REGISTRATIONS = new Set(['mount', 'include_router', 'add_api_route', 'add_route', 'add_websocket_route', 'host']);
const MAX_DEPTH = 12;
/** Text that creates an app: the files read first. */
const APP_CREATION = /\b(FastAPI|Starlette)\s*\(/;

interface Scope {
  mod: PythonModule;
  /** The function the name lives in; undefined at module level. */
  fn?: PyNode;
}

type Value = { kind: 'node'; node: PyNode; scope: Scope } | { kind: 'module'; mod: PythonModule };

interface LocalRoute {
  methods: string[];
  path: string;
  file: string;
  node: PyNode;
  handlerLogs: boolean;
  layers: PyMiddleware[];
}

interface Container {
  kind: 'app' | 'router' | 'mount';
  framework: PyFramework;
  call: PyNode;
  mod: PythonModule;
  prefix: string;
  app?: PyApp;
  /** For a Starlette `Mount` in an app's route list: that app. */
  owner?: PyApp;
  routes: LocalRoute[];
  includes: Array<{ target: Container; prefix: string; layers: PyMiddleware[] }>;
  mounts: Array<{ target: Container; prefix: string }>;
  layers: PyMiddleware[];
  collected: boolean;
  /** It includes or mounts something the analysis cannot read: its text. */
  unresolved?: string;
}

/** The path prefix joined to a path as FastAPI and Starlette do (`/v1` + `/users` = `/v1/users`). */
export function joinPyPaths(prefix: string, routePath: string): string {
  if (!prefix) return routePath;
  if (!routePath) return prefix;
  return prefix.endsWith('/') && routePath.startsWith('/') ? prefix + routePath.slice(1) : prefix + routePath;
}

export class PythonServiceModelBuilder {
  private readonly containers = new Map<PyNode, Container>();
  private readonly read = new Set<string>();
  private readonly apps: PyApp[] = [];
  /** Functions whose parameters are being followed: a function that passes the app to itself stops there. */
  private readonly following = new Set<PyNode>();

  constructor(
    private readonly projects: PythonProjects,
    readonly root: string,
    private readonly linted: PythonModule,
  ) {}

  moduleAt(file: string): PythonModule | undefined {
    if (file === this.linted.file) return this.linted;
    const mod = this.projects.module(file);
    if (mod) this.read.add(file);
    return mod;
  }

  private exists(file: string): boolean {
    return file === this.linted.file || this.projects.exists(file);
  }

  /**
   * The project files whose text matches `probe`, in order, the linted file judged by its own text (it may be an
   * unsaved buffer, and it may not exist on disk).
   */
  private filesMatching(probe: RegExp): string[] {
    const files = this.projects.filesMatching(this.root, probe).filter((file) => file !== this.linted.file);
    if (probe.test(this.linted.text)) files.push(this.linted.file);
    return files.sort();
  }

  build(options: { routersOfLintedFile?: boolean } = {}): PyServiceModel {
    this.read.add(this.linted.file);
    for (const file of this.filesMatching(APP_CREATION)) {
      const mod = this.moduleAt(file);
      if (!mod) continue;
      walk(mod.module, (node) => {
        if (node.type === 'call' && this.kindOf(node, mod)?.kind === 'app') this.container(node, mod);
      });
    }
    // Collect every app first: mounts mark sub-apps before the roots are expanded.
    for (const container of [...this.containers.values()]) if (container.kind === 'app') this.collect(container);
    const routes: PyRoute[] = [];
    for (const app of this.apps) {
      if (app.mountedIn) continue;
      const container = this.containers.get(app.call);
      if (container) this.expand(container, '', [app], [], routes, 0);
    }
    if (options.routersOfLintedFile) {
      // Routers of the linted file no app includes: judged alone (their own routes, dependencies, route classes).
      const reached = new Set(routes.map((route) => route.node));
      walk(this.linted.module, (node) => {
        if (node.type !== 'call' || this.kindOf(node, this.linted)?.kind !== 'router') return undefined;
        const container = this.container(node, this.linted);
        if (!container) return undefined;
        const alone: PyRoute[] = [];
        this.expand(container, '', [], [], alone, 0);
        routes.push(...alone.filter((route) => !reached.has(route.node)));
        return undefined;
      });
    }
    return { root: this.root, apps: this.apps, routes, files: [...this.read].sort() };
  }

  // ---- Containers: apps, routers, Starlette mounts ----

  private kindOf(call: PyNode, mod: PythonModule): { kind: Container['kind']; framework: PyFramework } | undefined {
    const callee = field(call, 'function');
    const written = dottedName(callee);
    if (!written) return undefined;
    const qualified = mod.imports.qualify(written) ?? (mod.imports.bindings.has(written) ? undefined : written);
    if (!qualified) return undefined;
    const framework =
      APP_CLASSES.get(qualified) ??
      (qualified === 'FastAPI' ? 'fastapi' : qualified === 'Starlette' ? 'starlette' : undefined);
    if (framework) return { kind: 'app', framework };
    if (ROUTER_CLASSES.has(qualified) || qualified === 'APIRouter')
      return { kind: 'router', framework: qualified.startsWith('starlette') ? 'starlette' : 'fastapi' };
    if (qualified === 'starlette.routing.Mount' || qualified === 'fastapi.routing.Mount')
      return { kind: 'mount', framework: 'starlette' };
    return undefined;
  }

  private container(call: PyNode, mod: PythonModule): Container | undefined {
    const known = this.containers.get(call);
    if (known) return known;
    const kind = this.kindOf(call, mod);
    if (!kind) return undefined;
    const prefixNode = kind.kind === 'mount' ? this.argument(call, 0, 'path') : keywordArgument(call, 'prefix');
    const container: Container = {
      ...kind,
      call,
      mod,
      prefix: prefixNode ? this.pathOf(prefixNode, { mod, fn: enclosingDefinition(call) }) : '',
      routes: [],
      includes: [],
      mounts: [],
      layers: [],
      collected: false,
    };
    this.containers.set(call, container);
    if (kind.kind === 'app') {
      const binding = bindingOf(call);
      const app: PyApp = {
        id: `${path.relative(this.root, mod.file).split(path.sep).join('/')}#${call.loc.start.line}:${call.loc.start.column}`,
        framework: kind.framework,
        file: mod.file,
        call,
        ...(binding ? { name: binding.name, statement: binding.statement } : {}),
        middleware: [],
        metricsPaths: [],
      };
      container.app = app;
      this.apps.push(app);
    }
    return container;
  }

  /** Reads what the code does with a container: its constructor's arguments, then every use of the names bound to it. */
  private collect(container: Container): void {
    if (container.collected) return;
    container.collected = true;
    const scope: Scope = { mod: container.mod, fn: enclosingDefinition(container.call) };
    const call = container.call;
    if (container.kind === 'mount') {
      const routes = keywordArgument(call, 'routes');
      if (routes) this.routeList(routes, scope, container);
      const app = keywordArgument(call, 'app') ?? this.argument(call, 1, 'app');
      if (app) this.mountTarget(container, '', app, scope);
      return;
    }
    const routes = keywordArgument(call, 'routes');
    if (routes) this.routeList(routes, scope, container);
    const middleware = keywordArgument(call, 'middleware');
    if (middleware && container.app) this.middlewareList(middleware, scope, container.app);
    container.layers.push(...this.dependencies(call, scope));
    const routeClass = keywordArgument(call, 'route_class');
    if (routeClass) container.layers.push(...this.routeClass(routeClass, scope));
    for (const alias of this.aliasesOf(call, scope, 0)) this.usesOf(container, alias.name, alias.scope, 0);
  }

  /** The (scope, name) pairs bound to what `call` creates: its assignment, and what factories that return it bind. */
  private aliasesOf(
    value: PyNode,
    scope: Scope,
    depth: number,
    created: PyNode = value,
  ): Array<{ name: string; scope: Scope }> {
    if (depth > 3) return [];
    const found: Array<{ name: string; scope: Scope }> = [];
    const binding = bindingOf(value);
    if (binding) found.push({ name: binding.name, scope });
    // Bound at module level: other modules that import it (`from .main import app`, then `@app.get(...)` there).
    if (binding && !scope.fn) found.push(...this.importersOf(binding.name, scope.mod, created));
    // A factory: `def create_app(): app = FastAPI(); ...; return app` (or `return FastAPI(...)`).
    const fn = scope.fn;
    if (fn && returns(fn, binding?.name, value)) {
      for (const site of this.callSitesOf(fn, scope.mod))
        found.push(...this.aliasesOf(site.call, site.scope, depth + 1, created));
    }
    return found;
  }

  /** The names other project modules import `name` of `mod` as, when they stand for what `created` creates. */
  private importersOf(name: string, mod: PythonModule, created: PyNode): Array<{ name: string; scope: Scope }> {
    const word = new RegExp(`\\bimport\\b[^\\n]*\\b${name}\\b|\\b${name}\\b[^\\n]*\\bimport\\b`);
    const found: Array<{ name: string; scope: Scope }> = [];
    for (const file of this.filesMatching(word)) {
      if (file === mod.file) continue;
      const other = this.moduleAt(file);
      if (!other) continue;
      for (const [local, origin] of other.imports.bindings) {
        if (origin.split('.').pop() !== name) continue;
        const value = this.resolveName(local, { mod: other }, 0);
        if (value?.kind === 'node' && value.node === created) found.push({ name: local, scope: { mod: other } });
      }
    }
    return found;
  }

  /** Calls of the project function `fn` (same module, or any project module that names it). */
  private callSitesOf(fn: PyNode, mod: PythonModule): Array<{ call: PyNode; scope: Scope }> {
    const name = field(fn, 'name')?.text;
    if (!name) return [];
    const word = new RegExp(`\\b${name}\\b`);
    const sites: Array<{ call: PyNode; scope: Scope }> = [];
    for (const file of this.filesMatching(word)) {
      const other = file === mod.file ? mod : this.moduleAt(file);
      if (!other) continue;
      walk(other.module, (node) => {
        if (node.type !== 'call' || !dottedName(field(node, 'function'))?.endsWith(name)) return undefined;
        const scope: Scope = { mod: other, fn: enclosingDefinition(node) };
        const target = this.resolve(field(node, 'function'), scope, 0);
        if (target?.kind === 'node' && target.node === fn) sites.push({ call: node, scope });
        return undefined;
      });
    }
    return sites;
  }

  /** Every use of `name` in `scope`: decorators, method calls, the app handed to functions. */
  private usesOf(container: Container, name: string, scope: Scope, depth: number): void {
    const body = scope.fn ? field(scope.fn, 'body') : scope.mod.module;
    if (!body) return;
    walk(body, (node) => {
      if (node !== body && (node.type === 'function_definition' || node.type === 'lambda') && shadows(node, name))
        return false;
      if (node.type === 'decorator') {
        const expression = node.children[0];
        if (expression?.type === 'call' && receiverOf(expression) === name)
          this.decorated(container, expression, node, scope);
        return undefined;
      }
      // `app.router.route_class = TimedRoute`: the route class of the routes the app declares.
      if (node.type === 'assignment' && dottedName(field(node, 'left')) === `${name}.router.route_class`) {
        const routeClass = field(node, 'right');
        if (routeClass) container.layers.push(...this.routeClass(routeClass, scope));
        return undefined;
      }
      if (node.type !== 'call') return undefined;
      if (node.parent?.type === 'decorator') return undefined;
      if (receiverOf(node) === name) {
        this.methodCall(container, node, scope);
        return undefined;
      }
      if (container.app && passes(node, name)) this.handedTo(container, node, name, scope, depth);
      return undefined;
    });
  }

  /** `@app.get("/x")`, `@router.api_route(...)`, `@app.middleware("http")`, `@app.route("/x")` (Starlette). */
  private decorated(container: Container, expression: PyNode, decorator: PyNode, scope: Scope): void {
    const method = calleeMethod(expression) ?? '';
    const definition = decorator.parent ? field(decorator.parent, 'definition') : undefined;
    if (!definition || definition.type !== 'function_definition') return;
    if (method === 'middleware') {
      if (!container.app) return;
      const kind = stringValue(this.argument(expression, 0, 'middleware_type'));
      if (kind !== 'http') return;
      container.app.middleware.push(
        this.functionMiddleware(definition, scope.mod, field(definition, 'name')?.text ?? 'middleware', decorator),
      );
      return;
    }
    const methods = routeMethods(method, expression);
    if (!methods) return;
    const routePath = this.optionalPath(this.argument(expression, 0, 'path'), scope);
    if (routePath === undefined) return;
    container.routes.push({
      methods,
      path: routePath,
      file: scope.mod.file,
      node: decorator,
      handlerLogs: this.handlerLogs(definition, scope.mod),
      layers: this.dependencies(expression, scope),
    });
  }

  /** `app.include_router(...)`, `app.add_api_route(...)`, `app.add_route(...)`, `app.mount(...)`, `app.add_middleware(...)`. */
  private methodCall(container: Container, call: PyNode, scope: Scope): void {
    const method = calleeMethod(call);
    switch (method) {
      case 'include_router': {
        const prefix = keywordArgument(call, 'prefix');
        for (const router of loopedOver(this.argument(call, 0, 'router'))) {
          const target = this.containerOf(router, scope);
          if (target?.kind !== 'router') {
            container.unresolved ??= router.text;
            continue;
          }
          container.includes.push({
            target,
            prefix: prefix ? this.pathOf(prefix, scope) : '',
            layers: this.dependencies(call, scope),
          });
        }
        return;
      }
      case 'add_api_route':
      case 'add_route': {
        const routePath = this.optionalPath(this.argument(call, 0, 'path'), scope);
        const endpoint = this.argument(call, 1, method === 'add_route' ? 'route' : 'endpoint');
        if (routePath === undefined || !endpoint) return;
        this.endpointRoute(
          container,
          call,
          routePath,
          endpoint,
          keywordArgument(call, 'methods'),
          scope,
          this.dependencies(call, scope),
        );
        return;
      }
      case 'mount': {
        const prefix = this.optionalPath(this.argument(call, 0, 'path'), scope);
        const target = this.argument(call, 1, 'app');
        if (prefix !== undefined && target) this.mountTarget(container, prefix, target, scope);
        return;
      }
      case 'add_middleware': {
        const cls = this.argument(call, 0, 'middleware_class');
        if (cls && container.app) container.app.middleware.push(this.classMiddleware(cls, call, scope));
        return;
      }
      case 'middleware': {
        // `app.middleware("http")(log_requests)`.
        const outer = call.parent?.type === 'call' && call.field === 'function' ? call.parent : undefined;
        const fn = outer ? positionalArguments(outer)[0] : undefined;
        const value = fn ? this.resolve(fn, scope, 0) : undefined;
        if (container.app && value?.kind === 'node' && value.node.type === 'function_definition' && outer)
          container.app.middleware.push(
            this.functionMiddleware(value.node, value.scope.mod, fn?.text ?? 'middleware', outer),
          );
        return;
      }
      default:
        return;
    }
  }

  /** The app handed to a function: instrumentation (`Instrumentator().instrument(app)`), a project function, or code we cannot read. */
  private handedTo(container: Container, call: PyNode, name: string, scope: Scope, depth: number): void {
    const app = container.app!;
    const callee = field(call, 'function');
    const written = dottedName(callee);
    if (written && HARMLESS_CALLS.has(written)) return;
    if (isLogCall(call, scope.mod.imports, scope.mod.module)) return;
    const method = calleeMethod(call) ?? '';
    // Mounted on, or registered with, another app: read from that app's side.
    if (REGISTRATIONS.has(method)) return;
    // A chain such as `Instrumentator().instrument(app).expose(app)`: the package is the chain's root.
    const qualified = this.qualifiedRoot(callee, scope);
    const roles = packageRoles(qualified, call);
    if (method === 'expose' && qualified?.startsWith('prometheus_fastapi_instrumentator')) {
      app.metricsPaths.push(this.stringOf(keywordArgument(call, 'endpoint'), scope) ?? '/metrics');
      return;
    }
    if (roles) {
      if (roles.length > 0)
        app.middleware.push({
          name: rootName(callee) ?? method,
          ...(qualified ? { qualified } : {}),
          roles,
          answers: [],
          file: scope.mod.file,
          node: call,
        });
      return;
    }
    const target = this.resolve(callee, scope, 0);
    if (target?.kind === 'node' && target.node.type === 'function_definition') {
      if (this.following.has(target.node) || depth > 3) return;
      const parameter = parameterFor(call, name, target.node);
      if (!parameter) return;
      this.following.add(target.node);
      try {
        this.usesOf(container, parameter, { mod: target.scope.mod, fn: target.node }, depth + 1);
      } finally {
        this.following.delete(target.node);
      }
      return;
    }
    if (target?.kind === 'node' && target.node.type === 'class_definition') return;
    if (isInertPackage(qualified)) return;
    app.opaque ??= written ?? method ?? 'a call';
  }

  private qualifiedRoot(callee: PyNode | undefined, scope: Scope): string | undefined {
    let node = callee;
    for (let i = 0; node && i < 8; i++) {
      const written = dottedName(node);
      if (written) {
        const direct = scope.mod.imports.qualify(written);
        if (direct) return direct;
        // `instrumentator.instrument(app)` with `instrumentator = Instrumentator()`.
        const value = this.resolveName(written.split('.')[0], scope, 0);
        if (value?.kind === 'node' && value.node.type === 'call')
          return this.qualifiedRoot(field(value.node, 'function'), value.scope);
        return undefined;
      }
      node =
        node.type === 'call' ? field(node, 'function') : node.type === 'attribute' ? field(node, 'object') : undefined;
    }
    return undefined;
  }

  private mountTarget(container: Container, prefix: string, target: PyNode, scope: Scope): void {
    const value = this.resolve(target, scope, 0);
    if (value?.kind !== 'node') {
      container.unresolved ??= target.text;
      return;
    }
    if (value.node.type === 'call') {
      const qualified = value.scope.mod.imports.qualifiedName(field(value.node, 'function'));
      if (qualified === 'prometheus_client.make_asgi_app' || qualified === 'starlette_exporter.handle_metrics') {
        const app = this.appOf(container);
        if (app) app.metricsPaths.push(prefix || '/');
        return;
      }
      const mounted = this.container(value.node, value.scope.mod);
      if (!mounted) {
        if (!/^(starlette|fastapi)\.staticfiles\./.test(qualified ?? '')) container.unresolved ??= target.text;
        return;
      }
      this.collect(mounted);
      if (mounted.app) {
        const parent = this.appOf(container);
        if (parent && mounted.app !== parent) mounted.app.mountedIn ??= parent;
      }
      container.mounts.push({ target: mounted, prefix });
    } else {
      container.unresolved ??= target.text;
    }
  }

  private appOf(container: Container): PyApp | undefined {
    return container.app ?? container.owner;
  }

  /** `routes=[Route("/", home), Mount("/api", routes=[...]), WebSocketRoute(...)]`, or a name bound to such a list. */
  private routeList(list: PyNode, scope: Scope, container: Container, depth = 0): void {
    if (depth > 4) return;
    if (list.type === 'identifier' || list.type === 'attribute') {
      const value = this.resolve(list, scope, 0);
      if (value?.kind === 'node' && value.node !== list) this.routeList(value.node, value.scope, container, depth + 1);
      return;
    }
    if (list.type === 'binary_operator') {
      for (const side of list.children) this.routeList(side, scope, container, depth + 1);
      return;
    }
    if (list.type !== 'list' && list.type !== 'tuple') return;
    for (const element of list.children) {
      if (element.type !== 'call') continue;
      const qualified =
        scope.mod.imports.qualifiedName(field(element, 'function')) ?? dottedName(field(element, 'function'));
      const last = qualified?.split('.').pop();
      if (last === 'Route' || last === 'APIRoute') {
        const routePath = this.optionalPath(this.argument(element, 0, 'path'), scope);
        const endpoint = this.argument(element, 1, 'endpoint');
        if (routePath !== undefined && endpoint)
          this.endpointRoute(container, element, routePath, endpoint, keywordArgument(element, 'methods'), scope, []);
      } else if (last === 'Mount') {
        const mounted = this.container(element, scope.mod);
        if (mounted) {
          const owner = this.appOf(container);
          if (owner) mounted.owner ??= owner;
          this.collect(mounted);
          container.mounts.push({ target: mounted, prefix: '' });
        }
      }
    }
  }

  /** A route added with an endpoint: a function, or an HTTPEndpoint class whose methods are its verbs. */
  private endpointRoute(
    container: Container,
    node: PyNode,
    routePath: string,
    endpoint: PyNode,
    methodsNode: PyNode | undefined,
    scope: Scope,
    layers: PyMiddleware[],
  ): void {
    const value = this.resolve(endpoint, scope, 0);
    let methods = methodsNode ? stringList(methodsNode) : undefined;
    let handlerLogs = false;
    if (value?.kind === 'node' && value.node.type === 'class_definition') {
      const verbs = statements(field(value.node, 'body')).filter(
        (statement) => statement.type === 'function_definition' && HTTP_VERBS.has(field(statement, 'name')?.text ?? ''),
      );
      methods ??= verbs.map((verb) => field(verb, 'name')!.text.toUpperCase());
      handlerLogs = verbs.length > 0 && verbs.every((verb) => this.handlerLogs(verb, value.scope.mod));
    } else if (value?.kind === 'node' && value.node.type === 'function_definition') {
      handlerLogs = this.handlerLogs(value.node, value.scope.mod);
    }
    if (!methods || methods.length === 0) methods = ['GET'];
    container.routes.push({ methods, path: routePath, file: scope.mod.file, node, handlerLogs, layers });
  }

  // ---- Middleware ----

  private functionMiddleware(fn: PyNode, mod: PythonModule, name: string, node: PyNode): PyMiddleware {
    const body = field(fn, 'body');
    const found = body
      ? rolesOfBody(body, mod.imports, mod.module, this.helper(mod))
      : { roles: new Set<PyRole>(), answers: [] };
    return { name, roles: [...found.roles], answers: found.answers, file: mod.file, node };
  }

  /** `add_middleware(Cls, ...)` / `Middleware(Cls, ...)`: a known package, a project class (its body), or unknown. */
  private classMiddleware(cls: PyNode, call: PyNode, scope: Scope): PyMiddleware {
    const written = dottedName(cls) ?? cls.text;
    const qualified = scope.mod.imports.qualify(written);
    const dispatch = keywordArgument(call, 'dispatch');
    if (dispatch) {
      const fn = this.resolve(dispatch, scope, 0);
      if (fn?.kind === 'node' && fn.node.type === 'function_definition')
        return { ...this.functionMiddleware(fn.node, fn.scope.mod, dottedName(dispatch) ?? written, call) };
    }
    const known = packageRoles(qualified, call);
    if (known)
      return {
        name: written,
        ...(qualified ? { qualified } : {}),
        roles: known,
        answers: [],
        file: scope.mod.file,
        node: call,
      };
    const value = this.resolve(cls, scope, 0);
    if (value?.kind === 'node' && value.node.type === 'class_definition') {
      const roles = new Set<PyRole>();
      const answers = new Set<string>();
      for (const method of this.methodsOf(value.node, value.scope.mod, 0)) {
        if (field(method.node, 'name')?.text === '__init__') continue;
        const methodBody = field(method.node, 'body');
        if (!methodBody) continue;
        const found = rolesOfBody(
          methodBody,
          method.mod.imports,
          method.mod.module,
          this.helper(method.mod, value.node),
        );
        found.roles.forEach((role) => roles.add(role));
        found.answers.forEach((answer) => answers.add(answer));
      }
      return { name: written, roles: [...roles], answers: [...answers].sort(), file: scope.mod.file, node: call };
    }
    return {
      name: written,
      ...(qualified ? { qualified } : {}),
      roles: [],
      answers: [],
      file: scope.mod.file,
      node: call,
    };
  }

  private middlewareList(list: PyNode, scope: Scope, app: PyApp): void {
    const value =
      list.type === 'identifier' ? this.resolve(list, scope, 0) : { kind: 'node' as const, node: list, scope };
    if (value?.kind !== 'node' || (value.node.type !== 'list' && value.node.type !== 'tuple')) return;
    for (const element of value.node.children) {
      if (element.type !== 'call') continue;
      const cls = positionalArguments(element)[0] ?? keywordArgument(element, 'cls');
      if (cls) app.middleware.push(this.classMiddleware(cls, element, value.scope));
    }
  }

  /** `dependencies=[Depends(log_request)]`: functions FastAPI runs for every request of the app, router or route. */
  private dependencies(call: PyNode, scope: Scope): PyMiddleware[] {
    const list = keywordArgument(call, 'dependencies');
    if (!list || (list.type !== 'list' && list.type !== 'tuple')) return [];
    return list.children.flatMap((element) => {
      if (element.type !== 'call' || calleeMethod(element) !== 'Depends') return [];
      const dependency = positionalArguments(element)[0] ?? keywordArgument(element, 'dependency');
      const value = dependency ? this.resolve(dependency, scope, 0) : undefined;
      if (value?.kind !== 'node' || value.node.type !== 'function_definition') return [];
      const found = this.functionMiddleware(value.node, value.scope.mod, dependency?.text ?? 'dependency', element);
      // A dependency runs before the handler and never sees the response: it cannot time a request.
      return [
        { ...found, roles: found.roles.filter((role) => role === 'request-logging' || role === 'correlation-id') },
      ];
    });
  }

  /** `APIRouter(route_class=TimedRoute)`: an APIRoute subclass whose route handler wraps every request. */
  private routeClass(node: PyNode, scope: Scope): PyMiddleware[] {
    const value = this.resolve(node, scope, 0);
    if (value?.kind !== 'node' || value.node.type !== 'class_definition') return [];
    const body = field(value.node, 'body');
    if (!body) return [];
    const found = rolesOfBody(
      body,
      value.scope.mod.imports,
      value.scope.mod.module,
      this.helper(value.scope.mod, value.node),
    );
    return [{ name: dottedName(node) ?? node.text, roles: [...found.roles], answers: [], file: scope.mod.file, node }];
  }

  /** Same-module functions (and methods of `cls`) a body calls, looked into by the role readers. */
  private helper(mod: PythonModule, cls?: PyNode): (call: PyNode) => HelperBody | undefined {
    return (call) => {
      const callee = field(call, 'function');
      const name = dottedName(callee);
      if (!name) return undefined;
      if (cls && name.startsWith('self.') && name.split('.').length === 2) {
        const method = this.methodsOf(cls, mod, 0).find((each) => field(each.node, 'name')?.text === name.slice(5));
        const body = method ? field(method.node, 'body') : undefined;
        return body && method ? this.helperBody(body, method.mod, cls) : undefined;
      }
      // A project function, in this module or imported (`from .logs import log_request`).
      const value = this.resolve(callee, { mod }, 0);
      if (value?.kind !== 'node' || value.node.type !== 'function_definition') return undefined;
      const body = field(value.node, 'body');
      return body ? this.helperBody(body, value.scope.mod) : undefined;
    };
  }

  private helperBody(body: PyNode, mod: PythonModule, cls?: PyNode): HelperBody {
    return { body, imports: mod.imports, module: mod.module, helper: this.helper(mod, cls) };
  }

  /** The methods of a project class and of its project base classes (`class Timed(BaseLogging)`), nearest first. */
  private methodsOf(cls: PyNode, mod: PythonModule, depth: number): Array<{ node: PyNode; mod: PythonModule }> {
    const own = statements(field(cls, 'body'))
      .filter((statement) => statement.type === 'function_definition')
      .map((node) => ({ node, mod }));
    if (depth > 3) return own;
    const bases = field(cls, 'superclasses')?.children ?? [];
    const inherited = bases.flatMap((base) => {
      const value = this.resolve(base, { mod }, 0);
      return value?.kind === 'node' && value.node.type === 'class_definition' && value.node !== cls
        ? this.methodsOf(value.node, value.scope.mod, depth + 1)
        : [];
    });
    const names = new Set(own.map((method) => field(method.node, 'name')?.text));
    return [...own, ...inherited.filter((method) => !names.has(field(method.node, 'name')?.text))];
  }

  /** A handler logs: a log call in its body, or in a same-module function it calls (two levels deep). */
  private handlerLogs(fn: PyNode, mod: PythonModule, depth = 0): boolean {
    const body = field(fn, 'body');
    if (!body) return false;
    let logs = false;
    walk(body, (node) => {
      if (logs) return false;
      if (node.type !== 'call') return undefined;
      // As in the JavaScript rule, any log call in the handler counts, also one in an `except` clause.
      if (isLogCall(node, mod.imports, mod.module)) {
        logs = true;
        return false;
      }
      if (depth < 2) {
        const name = dottedName(field(node, 'function'));
        if (name && !name.includes('.')) {
          const definition = statements(mod.module).find(
            (statement) => statement.type === 'function_definition' && field(statement, 'name')?.text === name,
          );
          if (definition && definition !== fn && this.handlerLogs(definition, mod, depth + 1)) logs = true;
        }
      }
      return undefined;
    });
    return logs;
  }

  // ---- Expansion: full paths and the apps a request passes through ----

  private expand(
    container: Container,
    prefix: string,
    apps: PyApp[],
    layers: PyMiddleware[],
    into: PyRoute[],
    depth: number,
  ): void {
    if (depth > MAX_DEPTH) return;
    this.collect(container);
    const base = joinPyPaths(prefix, container.prefix);
    if (container.unresolved && apps[0]) apps[0].unresolvedRoutes ??= container.unresolved;
    const here = [...layers, ...container.layers];
    for (const route of container.routes) {
      for (const method of route.methods) {
        into.push({
          method: method.toUpperCase(),
          path: joinPyPaths(base, route.path),
          file: route.file,
          node: route.node,
          handlerLogs: route.handlerLogs,
          apps,
          layers: [...here, ...route.layers],
        });
      }
    }
    for (const include of container.includes)
      this.expand(
        include.target,
        joinPyPaths(base, include.prefix),
        apps,
        [...here, ...include.layers],
        into,
        depth + 1,
      );
    for (const mount of container.mounts) {
      const mountedApp = mount.target.app;
      if (mountedApp && apps.includes(mountedApp)) continue;
      this.expand(
        mount.target,
        joinPyPaths(base, mount.prefix),
        mountedApp ? [...apps, mountedApp] : apps,
        mountedApp ? [] : here,
        into,
        depth + 1,
      );
    }
  }

  // ---- Values ----

  private containerOf(node: PyNode | undefined, scope: Scope): Container | undefined {
    if (!node) return undefined;
    const value = this.resolve(node, scope, 0);
    if (value?.kind !== 'node' || value.node.type !== 'call') return undefined;
    return this.container(value.node, value.scope.mod);
  }

  /** The positional argument at `index`, or the keyword argument `name`. */
  private argument(call: PyNode, index: number, name: string): PyNode | undefined {
    return positionalArguments(call)[index] ?? keywordArgument(call, name);
  }

  /**
   * A path or prefix as far as it is known: a string (`stringOf`), else the expression in braces, as a path
   * parameter reads (`{settings.API_V1_STR}/users`), so that messages name what the code names.
   */
  private pathOf(node: PyNode, scope: Scope): string {
    const known = this.stringOf(node, scope);
    if (known !== undefined) return known;
    if (isFString(node)) return node.text.replace(/^[a-zA-Z]*(['"]{1,3})/, '').replace(/(['"]{1,3})$/, '');
    return `{${node.text}}`;
  }

  private optionalPath(node: PyNode | undefined, scope: Scope): string | undefined {
    return node ? this.pathOf(node, scope) : undefined;
  }

  /** A string literal, or a name bound to one (`PREFIX = "/api/v1"`, `settings.API_PREFIX` stays unknown). */
  private stringOf(node: PyNode | undefined, scope: Scope): string | undefined {
    if (!node) return undefined;
    const literal = stringValue(node);
    if (literal !== undefined) return literal;
    if (node.type === 'binary_operator' && node.operator === '+') {
      const [left, right] = node.children;
      const a = this.stringOf(left, scope);
      const b = a === undefined ? undefined : this.stringOf(right, scope);
      return a !== undefined && b !== undefined ? a + b : undefined;
    }
    if (node.type !== 'identifier' && node.type !== 'attribute') return undefined;
    const value = this.resolve(node, scope, 0);
    return value?.kind === 'node' && value.node !== node && value.node.type !== 'identifier'
      ? this.stringOf(value.node, value.scope)
      : undefined;
  }

  /**
   * What an expression stands for: a name's assignment (function scope, then module, then import), a module, a
   * function or class definition, what a project function returns when called, else the expression itself.
   */
  resolve(node: PyNode | undefined, scope: Scope, depth: number): Value | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (node.type === 'identifier') return this.resolveName(node.text, scope, depth);
    if (node.type === 'attribute') {
      const object = this.resolve(field(node, 'object'), scope, depth + 1);
      const attribute = field(node, 'attribute')?.text;
      if (!attribute || !object) return { kind: 'node', node, scope };
      if (object.kind === 'module')
        return this.memberOf(object.mod, attribute, depth + 1) ?? { kind: 'node', node, scope };
      // `settings.API_V1_STR` with `settings = Settings()` and `API_V1_STR: str = "/api/v1"` in the class body.
      const cls = this.classOf(object, depth + 1);
      const declared = cls ? definitionIn(field(cls.node, 'body'), attribute) : undefined;
      if (cls && declared?.type === 'assignment')
        return this.definitionValue(declared, { mod: cls.scope.mod }, depth + 1);
      return { kind: 'node', node, scope };
    }
    if (node.type === 'call') {
      const callee = this.resolve(field(node, 'function'), scope, depth + 1);
      if (callee?.kind === 'node' && callee.node.type === 'function_definition') {
        const returned = returnedExpression(callee.node);
        if (returned) return this.resolve(returned, { mod: callee.scope.mod, fn: callee.node }, depth + 1);
      }
      return { kind: 'node', node, scope };
    }
    return { kind: 'node', node, scope };
  }

  /**
   * What the callers of `fn` pass for its parameter `name` (`create_application(router=api_router)` in another
   * module): the value when every call site in the project passes the same one, else unknown. Methods are left
   * alone (their first argument is the object they are called on).
   */
  private passedFor(fn: PyNode, name: string, mod: PythonModule, depth: number): Value | undefined {
    if (depth > MAX_DEPTH || fn.type !== 'function_definition' || fn.parent?.parent?.type === 'class_definition')
      return undefined;
    const index = parameterNames(fn).indexOf(name);
    let found: Value | undefined;
    for (const { call, scope } of this.callSitesOf(fn, mod)) {
      const argument = keywordArgument(call, name) ?? positionalArguments(call)[index];
      const value = argument ? this.resolve(argument, scope, depth + 1) : undefined;
      if (value?.kind !== 'node' || value.node.type === 'identifier') return undefined;
      if (found && (found.kind !== 'node' || found.node !== value.node)) return undefined;
      found = value;
    }
    return found;
  }

  /** The project class a value is, or is an instance of (`Settings`, `Settings()`). */
  private classOf(value: Value, depth: number): { node: PyNode; scope: Scope } | undefined {
    if (value.kind !== 'node') return undefined;
    if (value.node.type === 'class_definition') return value;
    if (value.node.type !== 'call') return undefined;
    const callee = this.resolve(field(value.node, 'function'), value.scope, depth + 1);
    return callee?.kind === 'node' && callee.node.type === 'class_definition' ? callee : undefined;
  }

  private resolveName(name: string, scope: Scope, depth: number): Value | undefined {
    if (scope.fn) {
      if (parameterNames(scope.fn).includes(name)) return this.passedFor(scope.fn, name, scope.mod, depth + 1);
      const local = definitionIn(field(scope.fn, 'body'), name);
      if (local) return this.definitionValue(local, { mod: scope.mod, fn: scope.fn }, depth);
      const outer = enclosingDefinition(scope.fn);
      return this.resolveName(name, { mod: scope.mod, ...(outer ? { fn: outer } : {}) }, depth + 1);
    }
    const global = definitionIn(scope.mod.module, name);
    if (global) return this.definitionValue(global, { mod: scope.mod }, depth);
    const origin = scope.mod.imports.bindings.get(name);
    return origin ? this.resolveImport(origin, scope.mod.file, depth + 1) : undefined;
  }

  private definitionValue(definition: PyNode, scope: Scope, depth: number): Value | undefined {
    if (definition.type === 'function_definition' || definition.type === 'class_definition')
      return { kind: 'node', node: definition, scope };
    // An assignment: what its right side stands for (creation calls stay calls).
    const right = field(definition, 'right');
    if (!right) return undefined;
    if (right.type === 'call' && this.kindOf(right, scope.mod)) return { kind: 'node', node: right, scope };
    if (right.type === 'identifier' || right.type === 'attribute' || right.type === 'call')
      return this.resolve(right, scope, depth + 1) ?? { kind: 'node', node: right, scope };
    return { kind: 'node', node: right, scope };
  }

  /** A module-level name of `mod`, or its submodule (`from app.api import routes` with `app/api/routes.py`). */
  private memberOf(mod: PythonModule, name: string, depth: number): Value | undefined {
    const definition = definitionIn(mod.module, name);
    if (definition) return this.definitionValue(definition, { mod }, depth);
    const origin = mod.imports.bindings.get(name);
    if (origin) return this.resolveImport(origin, mod.file, depth + 1);
    if (path.basename(mod.file) === '__init__.py') {
      const sub = moduleFileIn(path.dirname(mod.file), [name], (candidate) => this.exists(candidate));
      const subMod = sub ? this.moduleAt(sub) : undefined;
      if (subMod) return { kind: 'module', mod: subMod };
    }
    return undefined;
  }

  /** `.routers.users`, `app.api.routes.items`, `.routes.router`: the project module or a name in it. */
  private resolveImport(origin: string, fromFile: string, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const { parts, bases } = importSearch(origin, fromFile, { root: this.root });
    for (const base of bases) {
      if (parts.length === 0) {
        const init = path.join(base, '__init__.py');
        const mod = this.exists(init) ? this.moduleAt(init) : undefined;
        if (mod) return { kind: 'module', mod };
        continue;
      }
      for (let split = parts.length; split >= 1; split--) {
        const file = moduleFileIn(base, parts.slice(0, split), (candidate) => this.exists(candidate));
        if (!file) continue;
        const mod = this.moduleAt(file);
        if (!mod) continue;
        let value: Value | undefined = { kind: 'module', mod };
        for (const member of parts.slice(split)) {
          value = value?.kind === 'module' ? this.memberOf(value.mod, member, depth + 1) : undefined;
        }
        return value;
      }
    }
    return undefined;
  }
}

// ---- Syntax helpers ----

/** The name and statement binding a value: `app = FastAPI()` (also annotated: `app: FastAPI = FastAPI()`). */
function bindingOf(value: PyNode): { name: string; statement: PyNode } | undefined {
  const assignment = value.parent;
  if (assignment?.type !== 'assignment' || value.field !== 'right') return undefined;
  const left = field(assignment, 'left');
  if (left?.type !== 'identifier') return undefined;
  const statement = assignment.parent?.type === 'expression_statement' ? assignment.parent : assignment;
  return { name: left.text, statement };
}

/** The innermost function definition around `node` (a class body is not a scope names are looked up in). */
function enclosingDefinition(node: PyNode): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent)
    if (current.type === 'function_definition') return current;
  return undefined;
}

/** Per body: each name's first assignment (or def/class) directly in it, found by one walk. */
const definitionsOfBody = new WeakMap<PyNode, Map<string, PyNode>>();

/** The first assignment to `name` (or its def/class) directly in `body` (blocks such as `if`/`try` included, nested functions not). */
function definitionIn(body: PyNode | undefined, name: string): PyNode | undefined {
  if (!body) return undefined;
  let definitions = definitionsOfBody.get(body);
  if (!definitions) {
    const found = new Map<string, PyNode>();
    walk(body, (node) => {
      if (
        node !== body &&
        (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda')
      ) {
        const defined = field(node, 'name')?.text;
        if (defined !== undefined && !found.has(defined)) found.set(defined, node);
        return false;
      }
      const left = node.type === 'assignment' ? field(node, 'left') : undefined;
      if (left?.type === 'identifier' && !found.has(left.text)) found.set(left.text, node);
      return undefined;
    });
    definitionsOfBody.set(body, (definitions = found));
  }
  return definitions.get(name);
}

/** Whether a nested function rebinds `name` (a parameter or a local assignment): its uses are not the outer name's. */
function shadows(fn: PyNode, name: string): boolean {
  if (fn.type === 'lambda') return true;
  return parameterNames(fn).includes(name) || definitionIn(field(fn, 'body'), name) !== undefined;
}

/** `name` in `name.method(...)`. */
function receiverOf(call: PyNode): string | undefined {
  const callee = field(call, 'function');
  return callee?.type === 'attribute' ? dottedName(field(callee, 'object')) : undefined;
}

/** The root name of a call chain: `Instrumentator` in `Instrumentator().instrument(app).expose(app)`. */
function rootName(callee: PyNode | undefined): string | undefined {
  let node = callee;
  while (node && (node.type === 'call' || node.type === 'attribute'))
    node = node.type === 'call' ? field(node, 'function') : field(node, 'object');
  return node?.type === 'identifier' ? node.text : undefined;
}

/** `name` is passed to the call as an argument (positional or keyword). */
function passes(call: PyNode, name: string): boolean {
  const list = field(call, 'arguments');
  return (list?.children ?? []).some(
    (argument) =>
      (argument.type === 'identifier' && argument.text === name) ||
      (argument.type === 'keyword_argument' &&
        field(argument, 'value')?.type === 'identifier' &&
        field(argument, 'value')?.text === name),
  );
}

/** The parameter of `fn` that receives `name` at `call`. */
function parameterFor(call: PyNode, name: string, fn: PyNode): string | undefined {
  const parameters = parameterNames(fn).filter((parameter) => parameter !== 'self' && parameter !== 'cls');
  const positional = positionalArguments(call);
  const index = positional.findIndex((argument) => argument.type === 'identifier' && argument.text === name);
  if (index >= 0) return parameters[index];
  for (const argument of field(call, 'arguments')?.children ?? []) {
    if (argument.type === 'keyword_argument' && field(argument, 'value')?.text === name)
      return field(argument, 'name')?.text;
  }
  return undefined;
}

/** Whether `fn` returns `name` (or `value` itself). */
function returns(fn: PyNode, name: string | undefined, value: PyNode): boolean {
  let found = false;
  walk(field(fn, 'body') ?? fn, (node) => {
    if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') return false;
    if (node.type === 'return_statement') {
      const returned = node.children[0];
      if (returned === value || (name !== undefined && returned?.type === 'identifier' && returned.text === name))
        found = true;
    }
    return undefined;
  });
  return found;
}

/** The expression of the first `return` of a function (nested functions skipped). */
function returnedExpression(fn: PyNode): PyNode | undefined {
  let found: PyNode | undefined;
  walk(field(fn, 'body') ?? fn, (node) => {
    if (found) return false;
    if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') return false;
    if (node.type === 'return_statement' && node.children[0]) found = node.children[0];
    return undefined;
  });
  return found;
}

/** The HTTP methods of a route decorator (undefined: not a route; websockets are not HTTP requests). */
function routeMethods(method: string, expression: PyNode): string[] | undefined {
  if (HTTP_VERBS.has(method)) return [method.toUpperCase()];
  if (method === 'api_route' || method === 'route') {
    const listed = keywordArgument(expression, 'methods');
    const methods = listed ? stringList(listed) : undefined;
    return methods && methods.length > 0 ? methods.map((each) => each.toUpperCase()) : ['GET'];
  }
  return undefined;
}

/**
 * The values a name takes in the `for` loop around it (`for router in (users.router, items.router):`), or the
 * expression itself.
 */
function loopedOver(node: PyNode | undefined): PyNode[] {
  if (!node) return [];
  if (node.type !== 'identifier') return [node];
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition') break;
    if (current.type !== 'for_statement') continue;
    const left = field(current, 'left');
    const right = field(current, 'right');
    if (
      left?.type === 'identifier' &&
      left.text === node.text &&
      right &&
      (right.type === 'list' || right.type === 'tuple')
    )
      return right.children;
  }
  return [node];
}

function stringList(node: PyNode): string[] | undefined {
  if (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set') return undefined;
  const values = node.children.map(stringValue);
  return values.every((value) => value !== undefined) ? values : undefined;
}
