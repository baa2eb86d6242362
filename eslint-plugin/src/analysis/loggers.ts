import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { type ProjectImports, projectImportsOf } from './project-imports';
import {
  forEachChild,
  findVariable,
  importBindings,
  returnedExpressions,
  isFunctionNode,
  isGlobalReference,
  isWholeModule,
  memberName,
  propertyKeyName,
  requiredModule,
  staticChain,
  terminalName,
  unwrap,
} from './ast';
import { splitWords } from './words';

export type LoggerLibrary =
  | 'console'
  | 'pino'
  | 'winston'
  | 'bunyan'
  | 'log4js'
  | 'nestjs'
  | 'debug'
  | 'loglevel'
  | 'consola'
  | 'signale'
  | 'tslog'
  | 'npmlog'
  | 'fancy-log'
  | 'powertools'
  | 'stdio'
  | 'hapi'
  | 'configured'
  | 'named';

/** A value recognised as a logger, with what its creation tells (pino `redact`, custom levels). */
export interface LoggerRef {
  library: LoggerLibrary;
  /** The `pino({...})` options object this logger (or its parent) was created with, when in this file. */
  pinoOptions?: TSESTree.ObjectExpression;
  /** The `pino()` call when it has no options object yet (a redact suggestion adds one). */
  pinoCall?: TSESTree.CallExpression;
  customLevels?: ReadonlySet<string>;
  /**
   * Whether a merging object's `req` key is written through a serializer that keeps no headers: Fastify's own
   * (method, url, host, remote address and port), or the project's (`serializers: { req: (r) => ({ method, url }) }`,
   * or `redact` covering `req.headers.authorization` and `req.headers.cookie`). pino without one, and pino-http's
   * default, write the headers.
   */
  requestWithoutHeaders?: boolean;
}

export interface SinkCall {
  logger: LoggerRef;
  /** Arguments whose values end up in the log. */
  loggedArguments: TSESTree.CallExpressionArgument[];
  /** Whether argument 0 is pino's merging object, the one `redact` paths apply to. */
  firstArgumentIsMergingObject: boolean;
}

interface ModuleBinding {
  module: string;
  /** As `importBindings` says ('default', '*', 'require', an export), or 'instance' for `require('debug')('ns')`. */
  imported: string;
  instanceCall?: TSESTree.CallExpression;
}

/** Method names that write a log line at some level, across logging libraries. */
export const LEVEL_METHODS: ReadonlySet<string> = new Set([
  'trace',
  'debug',
  'info',
  'warn',
  'warning',
  'error',
  'fatal',
  'log',
  'verbose',
  'silly',
  'http',
  'notice',
  'critical',
  'crit',
  'alert',
  'emerg',
  'emergency',
  'success',
  'fail',
  'mark',
  'silent',
]);
/** Console methods, with the number of leading arguments that are not logged (`assert(cond, …)`, `timeLog(label, …)`). */
const CONSOLE_METHODS = new Map<string, number>([
  ['log', 0],
  ['info', 0],
  ['warn', 0],
  ['error', 0],
  ['debug', 0],
  ['trace', 0],
  ['dir', 0],
  ['dirxml', 0],
  ['table', 0],
  ['group', 0],
  ['groupCollapsed', 0],
  ['assert', 1],
  ['timeLog', 1],
]);
const SIGNALE_METHODS = ['await', 'complete', 'note', 'pending', 'pause', 'star', 'start', 'wait', 'watch', 'fav'];
/** Methods whose argument is attached to every later line: pino/bunyan/winston `child`, log4js `addContext`. */
const BINDING_METHODS = new Map<string, number>([
  ['child', 0],
  ['setBindings', 0],
  ['addContext', 1],
  ['appendKeys', 0],
  ['addPersistentLogAttributes', 0],
]);
/** Receivers that are pino loggers attached by pino-http, Fastify, Koa, hapi-pino. */
const PINO_CARRIERS = new Set([
  'req',
  'res',
  'request',
  'reply',
  'fastify',
  'app',
  'server',
  'ctx',
  'instance',
  'context',
]);
const LOGGER_TYPE_NAMES = new Set([
  'Logger',
  'PinoLogger',
  'LoggerService',
  'ConsoleLogger',
  'FastifyBaseLogger',
  'BaseLogger',
  'FastifyLoggerInstance',
  'Bunyan',
  'LogFn',
]);

export const LOGGER_MODULES: ReadonlySet<string> = new Set([
  'pino',
  'winston',
  'bunyan',
  'log4js',
  '@nestjs/common',
  'nestjs-pino',
  'debug',
  'loglevel',
  'consola',
  'signale',
  'tslog',
  'npmlog',
  'fancy-log',
  'electron-log',
  '@aws-lambda-powertools/logger',
  'firebase-functions/logger',
  'firebase-functions',
  'roarr',
  'node:util',
  'util',
]);

export interface LoggerResolverOptions {
  /** Extra logger names from the rule options: receivers (`audit` in `audit.info()`) or functions (`track`). */
  configuredLoggers: readonly string[];
  /** Other modules of the project: a logger imported from one is followed to its creation there. */
  imports?: ProjectImports;
}

/** Recognises log calls in one file: by imports and instances first, by receiver names second. */
export class LoggerResolver {
  private readonly bindings = new Map<string, ModuleBinding>();
  private readonly configured: ReadonlySet<string>;
  /** Whether any import makes a plain function call a logger (`debug`, `util.debuglog`, `fancy-log`). */
  private callableLoggerImported = false;
  /** Whether any method name, not only a level, can log here (pino custom levels, configured loggers). */
  private anyMethodMayLog = false;
  /** Fastify's logger serializes `req` without headers: the file imports Fastify or names its types, and no pino-http. */
  private readonly fastifyFile: boolean;
  private readonly imports: ProjectImports | undefined;

  constructor(
    program: TSESTree.Program,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    options: LoggerResolverOptions,
  ) {
    this.configured = new Set(options.configuredLoggers);
    this.imports = options.imports;
    this.collectModuleBindings(program);
    const modules = [...importBindings(program).values()].map((binding) => binding.module);
    this.fastifyFile =
      !modules.some((module) =>
        /^(pino-http|express-pino-logger|koa-pino-logger|hapi-pino|pino-pretty-express)$/.test(module),
      ) &&
      (modules.some(
        (module) => module === 'fastify' || module === 'fastify-plugin' || module.startsWith('@fastify/'),
      ) ||
        /\bFastify(?:Request|Reply|Instance|PluginAsync|PluginCallback|Plugin)\b/.test(sourceCode.text));
    for (const binding of this.bindings.values()) {
      if (['debug', 'util', 'node:util', 'fancy-log'].includes(binding.module)) this.callableLoggerImported = true;
      if (binding.module === 'pino') this.anyMethodMayLog = true;
    }
    if (this.configured.size > 0) this.anyMethodMayLog = true;
  }

  /** The logger a call writes to and which of its arguments are logged; undefined for any other call. */
  sinkOf(call: TSESTree.CallExpression): SinkCall | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return this.callableSink(call, callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    const receiver = unwrap(callee.object);
    const all = (skip = 0): SinkCall['loggedArguments'] => call.arguments.slice(skip);

    if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'console') {
      const skip = CONSOLE_METHODS.get(method);
      if (skip === undefined || !isGlobalReference(this.sourceCode.getScope(call), 'console')) return undefined;
      return { logger: { library: 'console' }, loggedArguments: all(skip), firstArgumentIsMergingObject: false };
    }
    if (method === 'write') {
      const chain = staticChain(receiver);
      if (chain?.length === 2 && chain[0] === 'process' && (chain[1] === 'stdout' || chain[1] === 'stderr')) {
        return { logger: { library: 'stdio' }, loggedArguments: all(), firstArgumentIsMergingObject: false };
      }
      return undefined;
    }
    if (!this.mayBeLogMethod(method, receiver)) return undefined;
    const logger = this.resolveLogger(receiver, 0);
    if (!logger) {
      // hapi: `request.log(tags, data)` and `server.log(tags, data)` are the logger itself.
      const owner = terminalName(receiver);
      if (method === 'log' && (owner === 'request' || owner === 'server') && call.arguments.length > 0) {
        return { logger: { library: 'hapi' }, loggedArguments: all(), firstArgumentIsMergingObject: false };
      }
      return undefined;
    }
    const binding = BINDING_METHODS.get(method);
    if (binding !== undefined) {
      return {
        logger,
        loggedArguments: call.arguments.slice(binding, binding + 1),
        firstArgumentIsMergingObject: false,
      };
    }
    if (!this.isLogMethod(logger, method)) return undefined;
    if (logger.library === 'pino')
      return { logger, loggedArguments: pinoLoggedArguments(call.arguments), firstArgumentIsMergingObject: true };
    return { logger, loggedArguments: all(), firstArgumentIsMergingObject: false };
  }

  private mayBeLogMethod(method: string, receiver: TSESTree.Node): boolean {
    if (LEVEL_METHODS.has(method) || BINDING_METHODS.has(method) || SIGNALE_METHODS.includes(method)) return true;
    // Custom pino levels and configured loggers: only then is any method name possible.
    if (!this.anyMethodMayLog) return false;
    const name = terminalName(receiver);
    if (name === undefined) return false;
    if (
      this.configured.size > 0 &&
      (this.configured.has(name) || this.configured.has(this.sourceCode.getText(receiver)))
    )
      return true;
    return isLoggerName(name);
  }

  private isLogMethod(logger: LoggerRef, method: string): boolean {
    if (logger.library === 'configured') return true;
    if (logger.customLevels?.has(method)) return true;
    if (logger.library === 'signale' && SIGNALE_METHODS.includes(method)) return true;
    if (logger.library === 'debug' || logger.library === 'fancy-log')
      return method === 'log' || method === 'error' || method === 'warn' || method === 'info';
    return LEVEL_METHODS.has(method);
  }

  private callableSink(call: TSESTree.CallExpression, callee: TSESTree.Identifier): SinkCall | undefined {
    const sink = (logger: LoggerRef): SinkCall => ({
      logger,
      loggedArguments: call.arguments.slice(),
      firstArgumentIsMergingObject: false,
    });
    if (this.configured.has(callee.name)) return sink({ library: 'configured' });
    if (!this.callableLoggerImported) return undefined;
    const binding = this.bindings.get(callee.name);
    if (binding && !this.isShadowed(call, callee.name)) {
      if (binding.module === 'fancy-log' && (binding.imported === 'default' || isWholeModule(binding)))
        return sink({ library: 'fancy-log' });
      if (binding.imported === 'instance' && binding.module === 'debug') return sink({ library: 'debug' });
    }
    const variable = findVariable(this.sourceCode.getScope(call), callee.name);
    const def = variable?.defs[0];
    if (
      def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.id.type === AST_NODE_TYPES.Identifier &&
      def.node.init
    ) {
      const created = this.loggerCreatedBy(def.node.init, 0);
      if (created && (created.library === 'debug' || created.library === 'fancy-log')) return sink(created);
    }
    return undefined;
  }

  private isShadowed(node: TSESTree.Node, name: string): boolean {
    const variable = findVariable(this.sourceCode.getScope(node), name);
    const def = variable?.defs[0];
    if (!def) return false;
    return !(
      def.type === 'ImportBinding' ||
      (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent?.parent?.type === AST_NODE_TYPES.Program)
    );
  }

  /** What logger an expression used as a receiver is. */
  resolveLogger(expression: TSESTree.Node, depth: number): LoggerRef | undefined {
    if (depth > 6) return undefined;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      return this.loggerCreatedBy(node, depth + 1);
    }
    if (
      this.configured.size > 0 &&
      (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) &&
      this.configured.has(this.sourceCode.getText(node))
    ) {
      return { library: 'configured' };
    }
    if (node.type === AST_NODE_TYPES.Identifier) return this.resolveLoggerIdentifier(node, depth);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(node);
      if (name === undefined) return undefined;
      if (name === 'log' || name === 'logger') {
        const owner = terminalName(node.object);
        if (
          name === 'log' &&
          this.fastifyFile &&
          (FASTIFY_CARRIERS.has(owner ?? '') || (owner === 'this' && !insideClass(node)))
        ) {
          return { library: 'pino', requestWithoutHeaders: true };
        }
        return { library: owner !== undefined && PINO_CARRIERS.has(owner) ? 'pino' : 'named' };
      }
      if (isLoggerName(name)) return { library: 'named' };
      const base = unwrap(node.object);
      // `winston.loggers` is a container, not a logger; namespaces expose default loggers (`log4js` has none).
      if (base.type === AST_NODE_TYPES.Identifier && (name === 'logger' || name === 'default')) {
        const binding = this.bindingOf(base);
        if (binding && LOGGER_MODULES.has(binding.module)) return { library: libraryOfModule(binding.module) };
      }
    }
    return undefined;
  }

  private resolveLoggerIdentifier(node: TSESTree.Identifier, depth: number): LoggerRef | undefined {
    const variable = findVariable(this.sourceCode.getScope(node), node.name);
    const def = variable?.defs[0];
    if (variable && def) {
      const binding = this.bindings.get(node.name);
      if (binding && (def.type === 'ImportBinding' || def.node.parent?.parent?.type === AST_NODE_TYPES.Program)) {
        const logger = defaultLoggerOfBinding(binding);
        if (logger) return logger;
        if (binding.imported === 'instance' && binding.instanceCall)
          return this.loggerCreatedBy(binding.instanceCall, depth + 1);
      }
      if (
        def.node.type === AST_NODE_TYPES.VariableDeclarator &&
        def.node.id.type === AST_NODE_TYPES.Identifier &&
        def.node.init
      ) {
        const created = this.loggerCreatedBy(def.node.init, depth + 1);
        if (created) return created;
        // `const log = this.logger`, `const logger = req.log`
        const aliased = this.resolveLogger(def.node.init, depth + 1);
        if (aliased) return aliased;
      }
      if (def.type === 'Parameter' && hasLoggerTypeAnnotation(def.name)) return { library: 'named' };
      const imported = this.importedPinoLogger(node, def);
      if (imported) return imported;
    }
    return isLoggerName(node.name) ? { library: 'named' } : undefined;
  }

  /**
   * `import { logger } from './logger'` where that module exports `pino({…})` (or `require('pino')({…})`): its
   * options tell how `req` is serialized and what is redacted. No fix is offered there (`pinoCall` stays unset).
   */
  private importedPinoLogger(node: TSESTree.Identifier, def: TSESLint.Scope.Definition): LoggerRef | undefined {
    const moduleLevel =
      def.type === 'ImportBinding' ||
      (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent?.parent?.type === AST_NODE_TYPES.Program);
    if (!moduleLevel || !this.imports) return undefined;
    const resolved = this.imports.resolve(node.name);
    const created = resolved ? unwrap(resolved.node) : undefined;
    if (!resolved || created?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(created.callee);
    const binding =
      callee.type === AST_NODE_TYPES.Identifier ? importBindings(resolved.program).get(callee.name) : undefined;
    const isPino =
      requiredModule(callee) === 'pino' ||
      (binding?.module === 'pino' && ['default', 'pino', 'require'].includes(binding.imported));
    if (!isPino) return undefined;
    const { pinoCall: _call, ...logger } = pinoRef(created);
    return logger;
  }

  private bindingOf(node: TSESTree.Identifier): ModuleBinding | undefined {
    const binding = this.bindings.get(node.name);
    if (!binding || this.isShadowed(node, node.name)) return undefined;
    return binding;
  }

  /** The logger an initialiser creates: `pino(opts)`, `winston.createLogger()`, `parent.child({})`, `new Logger()`. */
  loggerCreatedBy(expression: TSESTree.Node, depth: number): LoggerRef | undefined {
    if (depth > 6) return undefined;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(node.callee);
      const binding = callee.type === AST_NODE_TYPES.Identifier ? this.bindingOf(callee) : undefined;
      if (binding && ['Logger', 'ConsoleLogger', 'PinoLogger', 'Signale'].includes(binding.imported)) {
        return { library: libraryOfModule(binding.module) };
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'Logger') {
        const base = unwrap(callee.object);
        const owner = base.type === AST_NODE_TYPES.Identifier ? this.bindingOf(base) : undefined;
        if (owner && LOGGER_MODULES.has(owner.module)) return { library: libraryOfModule(owner.module) };
      }
      return undefined;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    const factoryModule = requiredModule(callee);
    if (factoryModule === 'debug') return { library: 'debug' };
    if (factoryModule === 'pino') return pinoRef(node);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const binding = this.bindingOf(callee);
      if (!binding) return undefined;
      if (
        binding.module === 'pino' &&
        (binding.imported === 'default' || binding.imported === 'pino' || isWholeModule(binding))
      )
        return pinoRef(node);
      if (binding.module === 'debug' && (binding.imported === 'default' || isWholeModule(binding)))
        return { library: 'debug' };
      if ((binding.module === 'util' || binding.module === 'node:util') && binding.imported === 'debuglog')
        return { library: 'debug' };
      if (
        binding.imported === 'createLogger' ||
        binding.imported === 'getLogger' ||
        binding.imported === 'createConsola'
      ) {
        if (LOGGER_MODULES.has(binding.module)) return { library: libraryOfModule(binding.module) };
      }
      return undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    if (
      method === 'child' ||
      method === 'getChild' ||
      method === 'withTag' ||
      method === 'extend' ||
      method === 'forContext'
    ) {
      const parent = this.resolveLogger(callee.object, depth + 1);
      return parent && parent.library !== 'console' ? parent : undefined;
    }
    const base = unwrap(callee.object);
    if (base.type === AST_NODE_TYPES.Identifier) {
      const binding = this.bindingOf(base);
      if (!binding || !LOGGER_MODULES.has(binding.module)) return undefined;
      if (binding.module === 'pino' && (method === 'pino' || method === 'default')) return pinoRef(node);
      if ((binding.module === 'util' || binding.module === 'node:util') && method === 'debuglog')
        return { library: 'debug' };
      if (['createLogger', 'getLogger', 'create', 'createConsola', 'getChildLogger'].includes(method))
        return { library: libraryOfModule(binding.module) };
      return undefined;
    }
    // winston.loggers.get('name') / winston.loggers.add('name', {...})
    if (
      base.type === AST_NODE_TYPES.MemberExpression &&
      memberName(base) === 'loggers' &&
      (method === 'get' || method === 'add')
    ) {
      const owner = unwrap(base.object);
      if (owner.type === AST_NODE_TYPES.Identifier && this.bindingOf(owner)?.module === 'winston')
        return { library: 'winston' };
    }
    return undefined;
  }

  /** Logging modules the file imports (shared `importBindings`), plus `const log = require('debug')('ns')` instances. */
  private collectModuleBindings(program: TSESTree.Program): void {
    for (const [name, binding] of importBindings(program)) {
      if (LOGGER_MODULES.has(binding.module)) this.bindings.set(name, binding);
    }
    for (const statement of program.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        const init = declarator.init ? unwrap(declarator.init) : undefined;
        const module = init?.type === AST_NODE_TYPES.CallExpression ? requiredModule(unwrap(init.callee)) : undefined;
        if (
          init?.type === AST_NODE_TYPES.CallExpression &&
          module &&
          LOGGER_MODULES.has(module) &&
          declarator.id.type === AST_NODE_TYPES.Identifier
        ) {
          this.bindings.set(declarator.id.name, { module, imported: 'instance', instanceCall: init });
        }
      }
    }
  }
}

function libraryOfModule(module: string): LoggerLibrary {
  switch (module) {
    case '@nestjs/common':
    case 'nestjs-pino':
      return 'nestjs';
    case '@aws-lambda-powertools/logger':
      return 'powertools';
    case 'firebase-functions':
    case 'firebase-functions/logger':
    case 'electron-log':
    case 'roarr':
      return 'named';
    case 'util':
    case 'node:util':
      return 'debug';
    default:
      return module as LoggerLibrary;
  }
}

/** Module objects that are loggers themselves: `winston.info()`, `log.warn()` (loglevel), `consola.info()`, `Logger.log()` (NestJS static). */
function defaultLoggerOfBinding(binding: ModuleBinding): LoggerRef | undefined {
  const { module, imported } = binding;
  const wholeModule = imported === 'default' || isWholeModule(binding);
  if (
    wholeModule &&
    [
      'winston',
      'loglevel',
      'consola',
      'signale',
      'npmlog',
      'electron-log',
      'firebase-functions/logger',
      'log4js',
    ].includes(module)
  ) {
    return module === 'log4js' ? undefined : { library: libraryOfModule(module) };
  }
  if (module === 'consola' && imported === 'consola') return { library: 'consola' };
  if (module === 'firebase-functions' && imported === 'logger') return { library: 'named' };
  if (module === '@nestjs/common' && (imported === 'Logger' || imported === 'ConsoleLogger'))
    return { library: 'nestjs' };
  return undefined;
}

/** Receivers whose `.log` is Fastify's logger in a Fastify file (`request.log`, `reply.log`, `fastify.log`…). */
const FASTIFY_CARRIERS = new Set(['request', 'req', 'reply', 'res', 'fastify', 'app', 'server', 'instance']);

/** `this.log` in a class is the class's own logger; in a plugin or handler function, Fastify's. */
function insideClass(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return true;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) {
      if (current.parent?.type !== AST_NODE_TYPES.MethodDefinition) return false;
    }
  }
  return false;
}

/**
 * Whether pino options write `req` without its headers: a `serializers.req` function whose returned objects
 * name their fields (no spread of the request, no whole `headers`) or that deletes `headers`, or `redact` paths
 * covering both `req.headers.authorization` and `req.headers.cookie`. `pino.stdSerializers.req` keeps them.
 */
function requestWithoutHeaders(options: TSESTree.ObjectExpression): boolean {
  const paths = pinoRedactPaths(options);
  if (redactCovers(paths, ['req', 'headers', 'authorization']) && redactCovers(paths, ['req', 'headers', 'cookie']))
    return true;
  const serializers = findProperty(options, 'serializers');
  const list = serializers ? unwrap(serializers.value) : undefined;
  const req = list?.type === AST_NODE_TYPES.ObjectExpression ? findProperty(list, 'req') : undefined;
  const serializer = req ? unwrap(req.value) : undefined;
  if (!isFunctionNode(serializer)) return false;
  let deletesHeaders = false;
  const findDelete = (node: TSESTree.Node): void => {
    if (
      node.type === AST_NODE_TYPES.UnaryExpression &&
      node.operator === 'delete' &&
      node.argument.type === AST_NODE_TYPES.MemberExpression &&
      memberName(node.argument) === 'headers'
    )
      deletesHeaders = true;
    forEachChild(node, findDelete);
  };
  findDelete(serializer.body);
  if (deletesHeaders) return true;
  const returned = returnedExpressions(serializer).map((expression) => unwrap(expression));
  return (
    returned.length > 0 &&
    returned.every(
      (value) =>
        value.type === AST_NODE_TYPES.ObjectExpression &&
        value.properties.every((property) => {
          if (property.type === AST_NODE_TYPES.SpreadElement) return false;
          if (propertyKeyName(property) !== 'headers') return true;
          const headers = unwrap(property.value);
          return (
            headers.type === AST_NODE_TYPES.ObjectExpression &&
            headers.properties.every((header) => header.type === AST_NODE_TYPES.Property)
          );
        }),
    )
  );
}

function pinoRef(call: TSESTree.CallExpression): LoggerRef {
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return { library: 'pino', pinoCall: call };
  const customLevels = new Set<string>();
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== 'customLevels') continue;
    const value = unwrap(property.value);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const level of value.properties) {
      if (level.type !== AST_NODE_TYPES.Property) continue;
      const name = propertyKeyName(level);
      if (name !== undefined) customLevels.add(name);
    }
  }
  return {
    library: 'pino',
    pinoOptions: options,
    pinoCall: call,
    customLevels,
    requestWithoutHeaders: requestWithoutHeaders(options),
  };
}

/**
 * What a pino call writes: after a message string only the values its printf placeholders (`%s`, `%d`, `%o`,
 * `%j`…) take; pino drops the rest (`log.error('failed', err)` writes "failed" alone), unlike `console`.
 * A message that is not a literal keeps every argument.
 */
export function pinoLoggedArguments(
  args: readonly TSESTree.CallExpressionArgument[],
): TSESTree.CallExpressionArgument[] {
  const messageIndex = args[0] && !isStaticText(args[0]) && args[1] && isStaticText(args[1]) ? 1 : 0;
  const message = args[messageIndex];
  if (!message || !isStaticText(message) || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement))
    return args.slice();
  const text =
    message.type === AST_NODE_TYPES.Literal
      ? String(message.value)
      : message.quasis.map((quasi) => quasi.value.cooked ?? '').join('');
  const placeholders = (text.match(/%[sdifjoO]/g) ?? []).length;
  return args.slice(0, messageIndex + 1 + placeholders);
}

function isStaticText(node: TSESTree.Node): node is TSESTree.StringLiteral | TSESTree.TemplateLiteral {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral
  );
}

/** `log`, `logger`, `LOGGER`, `_logger`, `auditLogger`, `this.logger` — the last word is the evidence. */
export function isLoggerName(name: string): boolean {
  const words = splitWords(name);
  const last = words[words.length - 1];
  return last === 'logger' || (words.length === 1 && (last === 'log' || last === 'logging'));
}

function hasLoggerTypeAnnotation(name: TSESTree.Node): boolean {
  if (name.type !== AST_NODE_TYPES.Identifier || !name.typeAnnotation) return false;
  const type = name.typeAnnotation.typeAnnotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const typeName =
    type.typeName.type === AST_NODE_TYPES.Identifier
      ? type.typeName.name
      : type.typeName.type === AST_NODE_TYPES.TSQualifiedName
        ? type.typeName.right.name
        : undefined;
  return typeName !== undefined && LOGGER_TYPE_NAMES.has(typeName);
}

/** Per options object: every log call through the same pino instance asks for its redact paths. */
const redactPathsByOptions = new WeakMap<TSESTree.ObjectExpression, readonly string[][]>();

/** Paths from a pino `redact` option (`['a.b']` or `{ paths: [...] }`), split into segments. */
export function pinoRedactPaths(options: TSESTree.ObjectExpression | undefined): readonly string[][] {
  if (!options) return [];
  let paths = redactPathsByOptions.get(options);
  if (!paths) redactPathsByOptions.set(options, (paths = redactPathsOf(options)));
  return paths;
}

function redactPathsOf(options: TSESTree.ObjectExpression): string[][] {
  const paths: string[][] = [];
  const redact = findProperty(options, 'redact');
  if (!redact) return paths;
  let list = unwrap(redact.value);
  if (list.type === AST_NODE_TYPES.ObjectExpression) {
    const inner = findProperty(list, 'paths');
    if (!inner) return paths;
    list = unwrap(inner.value);
  }
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return paths;
  for (const element of list.elements) {
    if (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string')
      paths.push(parseRedactPath(element.value));
  }
  return paths;
}

export function findProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key) return property;
  }
  return undefined;
}

/** `a.b["c-d"].*` → ['a', 'b', 'c-d', '*'] (pino's fast-redact path syntax). */
export function parseRedactPath(path: string): string[] {
  const segments: string[] = [];
  const pattern = /([^.[\]]+)|\[\s*(?:"([^"]*)"|'([^']*)'|(\*|\d+))\s*\]/g;
  for (const match of path.matchAll(pattern)) segments.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  return segments;
}

/** A redact pattern covers a logged path when it matches it or one of its ancestors (`*` matches one segment). */
export function redactCovers(patterns: readonly string[][], path: readonly string[]): boolean {
  return patterns.some(
    (pattern) =>
      pattern.length <= path.length && pattern.every((segment, index) => segment === '*' || segment === path[index]),
  );
}

/** Formats a path for pino's `redact` option: `user.password`, `req.headers["x-api-key"]`. */
export function formatRedactPath(path: readonly string[]): string {
  return path
    .map((segment, index) =>
      /^[A-Za-z_$][\w$]*$/.test(segment) ? (index === 0 ? segment : `.${segment}`) : `["${segment}"]`,
    )
    .join('');
}

/**
 * The linted file's logger resolver for a set of configured logger names, shared by the rules that read log calls
 * (no-pii-in-logs and the error rules ask the same questions of the same file in one lint).
 */
const resolversByFile = new WeakMap<TSESLint.SourceCode, Map<string, LoggerResolver>>();

export function loggerResolverOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  configuredLoggers: readonly string[] = [],
): LoggerResolver {
  let byNames = resolversByFile.get(context.sourceCode);
  if (!byNames) resolversByFile.set(context.sourceCode, (byNames = new Map<string, LoggerResolver>()));
  const key = configuredLoggers.join('\0');
  let resolver = byNames.get(key);
  if (!resolver) {
    resolver = new LoggerResolver(context.sourceCode.ast, context.sourceCode, {
      configuredLoggers,
      imports: projectImportsOf(context),
    });
    byNames.set(key, resolver);
  }
  return resolver;
}
