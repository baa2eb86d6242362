import * as path from 'node:path';
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { memberName, unwrap } from '../ast';
import type { Entity, RegistrationHost } from './entity';
import type { ModuleScope } from './module-scope';
import { joinPaths, pathsIn, pathsOf } from './route-paths';
import { HTTP_VERBS, isLiteral, propertyValue } from './syntax';
import { heldValues, isElementBound } from '../held-values';
import { projectScan } from '../modules';
import { isTestOrScriptPath } from '../test-files';

const FASTIFY_HOOKS = new Set([
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
  'onTimeout',
]);
/** Plugins that register every module of a folder as a Fastify plugin. */
const AUTOLOAD_PACKAGES = new Set(['@fastify/autoload', 'fastify-autoload']);

/** Fastify: routes (shorthand and `route()`), hooks, `register()` of plugins (local, packages, autoload folders). */
export function fastifyCall(
  host: RegistrationHost,
  entity: Entity,
  scope: ModuleScope,
  call: TSESTree.CallExpression,
  method: string,
): void {
  const args = call.arguments;
  if (HTTP_VERBS.has(method)) {
    const options = args.length >= 3 ? unwrap(args[1]) : undefined;
    const routeOptions = options?.type === AST_NODE_TYPES.ObjectExpression ? options : undefined;
    const handlers = args.length >= 3 ? args.slice(2) : args.slice(1);
    const inOptions = routeOptions ? propertyValue(routeOptions, 'handler') : undefined;
    for (const path of pathsIn(args[0], scope))
      host.addRoute(entity, scope, call, method, path, inOptions ? [inOptions] : handlers, routeOptions);
    return;
  }
  if (method === 'route') {
    // `fastify.route({ method, url, handler })`, or route options held in a constant (`server.route(createTag)`).
    const held = args[0] ? host.valueOf(args[0], scope) : undefined;
    const declared = held?.node.type === AST_NODE_TYPES.Identifier ? held.scope.localInit(held.node) : held?.node;
    // `routes.forEach((route) => fastify.route(route))`: every row of the table.
    const rows =
      declared || !args[0] || !isElementBound(args[0], scope)
        ? [{ node: declared, scope: held?.scope ?? scope }]
        : heldValues(args[0], scope, 0, true);
    for (const row of rows) {
      const options = row.node ? unwrap(row.node) : undefined;
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const methods = pathsOf(propertyValue(options, 'method'));
      const url = pathsIn(propertyValue(options, 'url') ?? propertyValue(options, 'path'), row.scope);
      const handler = propertyValue(options, 'handler');
      for (const verb of methods)
        for (const path of url)
          host.addRoute(entity, scope, call, verb.toLowerCase(), path, handler ? [handler] : [], options);
    }
    return;
  }
  if (method === 'addHook') {
    const name = args[0]?.type === AST_NODE_TYPES.Literal ? String(args[0].value) : undefined;
    if (name && FASTIFY_HOOKS.has(name) && args[1]) {
      const added = host.addMiddleware(entity, scope, args[1], undefined, call);
      if (name === 'onError')
        added.roles = added.roles.map((role) => (role === 'request-logging' ? 'error-handling' : role));
    }
    return;
  }
  if (method !== 'register' || !args[0]) return;
  const options = args[1] ? unwrap(args[1]) : undefined;
  const prefixValue = options?.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(options, 'prefix') : undefined;
  const prefix = prefixValue?.type === AST_NODE_TYPES.Literal ? String(prefixValue.value) : '';
  const { plugin, encapsulated } = unwrapFastifyPlugin(args[0], scope);
  const autoloadOptions =
    AUTOLOAD_PACKAGES.has(scope.packageOf(plugin)?.module ?? '') && options?.type === AST_NODE_TYPES.ObjectExpression
      ? options
      : undefined;
  if (autoloadOptions) {
    autoload(host, entity, scope, call, autoloadOptions);
    return;
  }
  const source = scope.packageOf(plugin);
  if (
    source?.module === 'fastify-decorators' &&
    (source.imported === 'bootstrap' || source.member === 'bootstrap') &&
    options?.type === AST_NODE_TYPES.ObjectExpression
  ) {
    decoratedControllers(host, entity, scope, call, options, prefix);
    return;
  }
  const fn = scope.functionOf(plugin);
  if (!fn || scope.packageOf(plugin)) {
    // A known plugin package (`fastify-metrics`, `@fastify/under-pressure`): a middleware of this context.
    const added = host.addMiddleware(entity, scope, plugin, undefined, call);
    added.global = true;
    return;
  }
  host.registerPlugin(entity, scope, call, fn, encapsulated, prefix);
}

/**
 * `fastify.register(autoload, { dir: path.join(__dirname, 'routes') })`: every module under the folder is a plugin
 * registered here, its folders a route prefix (`routes/api/users/index.ts` serves `/api/users`). With `autoHooks`, a
 * folder's `autohooks` module wraps the plugins of that folder (and of its subfolders with `cascadeHooks`).
 */
function autoload(
  host: RegistrationHost,
  entity: Entity,
  scope: ModuleScope,
  call: TSESTree.CallExpression,
  options: TSESTree.ObjectExpression,
): void {
  const dir = moduleRelativeDirectory(propertyValue(options, 'dir'), scope);
  if (!dir) return;
  const folderPrefixes = !isLiteral(propertyValue(options, 'dirNameRoutePrefix'), false);
  const autoHooks = isLiteral(propertyValue(options, 'autoHooks'), true);
  const cascade = isLiteral(propertyValue(options, 'cascadeHooks'), true);
  const pluginOptions = propertyValue(options, 'options');
  const basePrefix =
    pluginOptions?.type === AST_NODE_TYPES.ObjectExpression
      ? (pathsOf(propertyValue(pluginOptions, 'prefix'))[0] ?? '')
      : '';
  const ignore = propertyValue(options, 'ignorePattern');
  const ignored =
    ignore && 'regex' in ignore && ignore.regex ? new RegExp(ignore.regex.pattern, ignore.regex.flags) : undefined;
  const isHooks = (file: string): boolean => autoHooks && /^autohooks\.[cm]?[jt]s$/.test(path.basename(file));
  const files = projectScan(host.root)
    .files.filter(
      (file) =>
        file.startsWith(dir + path.sep) &&
        !/\.d\.[cm]?ts$/.test(file) &&
        !isTestOrScriptPath(path.relative(host.root, file)) &&
        !ignored?.test(path.basename(file)),
    )
    // Hooks first, shallow folders first: a folder's hooks exist before the plugins they wrap.
    .sort(
      (a, b) =>
        Number(isHooks(b)) - Number(isHooks(a)) ||
        a.split(path.sep).length - b.split(path.sep).length ||
        a.localeCompare(b),
    );
  const hooksByFolder = new Map<string, Entity>();
  for (const file of files) {
    const plugin = defaultPlugin(scope, file);
    if (!plugin) continue;
    const folder = path.dirname(file);
    const relativeFolder = path.relative(dir, folder).split(path.sep).join('/');
    let parent = entity;
    for (let current = folder; current.startsWith(dir); current = path.dirname(current)) {
      const hooks = hooksByFolder.get(current);
      if (hooks && (current === folder || cascade)) {
        parent = hooks;
        break;
      }
      if (current === dir) break;
    }
    if (isHooks(file)) {
      hooksByFolder.set(folder, host.registerPlugin(parent, scope, call, plugin.fn, true, ''));
      continue;
    }
    host.registerPlugin(
      parent,
      scope,
      call,
      plugin.fn,
      plugin.encapsulated,
      joinPaths(basePrefix, folderPrefixes && relativeFolder ? `/${relativeFolder}` : ''),
    );
  }
}

/** The plugin a module exports by default (`export default`, `module.exports`), unwrapped from `fp()`. */
function defaultPlugin(
  scope: ModuleScope,
  file: string,
): { fn: { node: TSESTree.FunctionLike; scope: ModuleScope }; encapsulated: boolean } | undefined {
  const exported = scope.requireDefault(`./${path.relative(path.dirname(scope.file), file).split(path.sep).join('/')}`);
  if (!exported) return undefined;
  const value = unwrap(exported.node);
  const wrapped =
    value.type === AST_NODE_TYPES.CallExpression &&
    value.arguments[0] !== undefined &&
    exported.scope.packageOf(value.callee)?.module === 'fastify-plugin';
  const fn = exported.scope.functionOf(wrapped ? value.arguments[0] : value);
  return fn ? { fn, encapsulated: !wrapped } : undefined;
}

export /** `fp(plugin)` / `fastifyPlugin(plugin)` from fastify-plugin: not encapsulated; its hooks reach the parent. */
function unwrapFastifyPlugin(
  argument: TSESTree.Node,
  scope: ModuleScope,
): { plugin: TSESTree.Node; encapsulated: boolean } {
  const node = unwrap(argument);
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.arguments[0] &&
    scope.packageOf(node.callee)?.module === 'fastify-plugin'
  ) {
    return { plugin: node.arguments[0], encapsulated: false };
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = scope.localInit(node);
    if (init) {
      const inner = unwrap(init);
      if (
        inner.type === AST_NODE_TYPES.CallExpression &&
        inner.arguments[0] &&
        scope.packageOf(inner.callee)?.module === 'fastify-plugin'
      )
        return { plugin: inner.arguments[0], encapsulated: false };
    }
    const imported = scope.resolveImported(node.name);
    if (imported) {
      const value = unwrap(imported.node);
      if (
        value.type === AST_NODE_TYPES.CallExpression &&
        value.arguments[0] &&
        imported.scope.packageOf(value.callee)?.module === 'fastify-plugin'
      ) {
        const fn = imported.scope.functionOf(value.arguments[0]);
        if (fn) return { plugin: fn.node, encapsulated: false };
      }
    }
  }
  return { plugin: argument, encapsulated: true };
}

/**
 * The folder a `dir` option names: `path.join(__dirname, 'routes')`, `join(import.meta.dirname, 'routes')`,
 * `path.resolve(__dirname, 'plugins', 'app')`, `` `${__dirname}/routes` `` — the module's own folder and literals.
 */
function moduleRelativeDirectory(node: TSESTree.Node | undefined, scope: ModuleScope): string | undefined {
  const value = node ? unwrap(node) : undefined;
  const here = path.dirname(scope.file);
  const isModuleDir = (part: TSESTree.Node): boolean => {
    const text = scope.text(part).replace(/\s+/g, '');
    return (
      /^(__dirname|import\.meta\.dirname|import\.meta\.dir)$/.test(text) ||
      /dirname\(fileURLToPath\(import\.meta\.url\)\)$/.test(text) ||
      /^(__dirname|dirname|moduleDir)$/i.test(text)
    );
  };
  if (
    value?.type === AST_NODE_TYPES.CallExpression &&
    value.arguments.length >= 2 &&
    ['join', 'resolve'].includes(
      value.callee.type === AST_NODE_TYPES.MemberExpression
        ? (memberName(value.callee) ?? '')
        : value.callee.type === AST_NODE_TYPES.Identifier
          ? value.callee.name
          : '',
    )
  ) {
    const [first, ...rest] = value.arguments;
    const parts = rest.map((part) => pathsOf(part)[0]);
    if (!first || !isModuleDir(first) || parts.some((part) => part === undefined)) return undefined;
    return path.resolve(here, ...parts);
  }
  if (
    value?.type === AST_NODE_TYPES.TemplateLiteral &&
    value.expressions.length === 1 &&
    isModuleDir(value.expressions[0]) &&
    value.quasis[0]?.value.cooked === ''
  ) {
    return path.resolve(here, `.${value.quasis[1]?.value.cooked ?? ''}`);
  }
  return undefined;
}

/** fastify-decorators' method decorators and the HTTP method each registers. */
const DECORATOR_METHODS = new Map([
  ['GET', 'get'],
  ['POST', 'post'],
  ['PUT', 'put'],
  ['PATCH', 'patch'],
  ['DELETE', 'delete'],
  ['HEAD', 'head'],
  ['OPTIONS', 'options'],
  ['ALL', 'all'],
]);

/**
 * `app.register(bootstrap, { controllers: [UsersController, …] })` from fastify-decorators: each class is a controller
 * (`@Controller({ route: '/users' })` or `@Controller('/users')`), each method decorated `@GET('/:id')` or
 * `@POST({ url: '/' })` a route under it.
 */
function decoratedControllers(
  host: RegistrationHost,
  entity: Entity,
  scope: ModuleScope,
  call: TSESTree.CallExpression,
  options: TSESTree.ObjectExpression,
  prefix: string,
): void {
  const listed = propertyValue(options, 'controllers');
  if (!listed) return;
  const classes = heldValues(listed, scope, 0, true).flatMap((held) => {
    const value = unwrap(held.node);
    return value.type === AST_NODE_TYPES.ArrayExpression
      ? value.elements.flatMap((element) =>
          element && element.type !== AST_NODE_TYPES.SpreadElement ? heldValues(element, held.scope, 0, true) : [],
        )
      : [held];
  });
  for (const held of classes) {
    const node = unwrap(held.node);
    if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) continue;
    const controller = decoratorCall(node.decorators, 'Controller');
    if (!controller) continue;
    const route = controller.arguments[0] ? unwrap(controller.arguments[0]) : undefined;
    const base =
      route?.type === AST_NODE_TYPES.ObjectExpression
        ? pathsIn(propertyValue(route, 'route'), held.scope)[0]
        : pathsIn(route, held.scope)[0];
    const child = host.controllerEntity(
      entity,
      scope,
      call,
      { node, scope: held.scope },
      joinPaths(prefix, base ?? ''),
    );
    for (const member of node.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition)
        continue;
      for (const [decorator, method] of DECORATOR_METHODS) {
        const registered = decoratorCall(member.decorators, decorator);
        if (!registered) continue;
        const first = registered.arguments[0] ? unwrap(registered.arguments[0]) : undefined;
        const paths =
          first?.type === AST_NODE_TYPES.ObjectExpression
            ? pathsIn(propertyValue(first, 'url'), held.scope)
            : first
              ? pathsIn(first, held.scope)
              : ['/'];
        const handler = member.value;
        for (const path of paths) host.addRoute(child, held.scope, registered, method, path, handler ? [handler] : []);
      }
    }
  }
}

function decoratorCall(
  decorators: readonly TSESTree.Decorator[] | undefined,
  name: string,
): TSESTree.CallExpression | undefined {
  for (const decorator of decorators ?? []) {
    const expression = unwrap(decorator.expression);
    if (
      expression.type === AST_NODE_TYPES.CallExpression &&
      unwrap(expression.callee).type === AST_NODE_TYPES.Identifier &&
      (unwrap(expression.callee) as TSESTree.Identifier).name === name
    )
      return expression;
  }
  return undefined;
}
