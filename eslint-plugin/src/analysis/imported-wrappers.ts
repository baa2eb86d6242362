import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { forEachChild, isFunctionNode, memberName, propertyKeyName, terminalName, unwrap } from './ast';
import { isLoggerName, LEVEL_METHODS, LOGGER_MODULES, pinoLoggedArguments } from './loggers';
import { isSanitizerName } from './sensitive-flow';
import { type ModuleScope } from './service-model/module-scope';
import { functionName } from './held-values';
import { splitWords } from './words';

/**
 * Logging wrappers exported by other modules of the project: `customLogger('info', 'login', { email })` where
 * `helpers/logger.ts` exports a function (or an object of functions) that hands its parameters to winston, pino or
 * console. The wrapper is read once, syntactically, through the project's module scope (`ModuleScope`); which of
 * its parameters reach a log call is remembered, and the values given for them are judged at the call site.
 * A function that does not log (`logEvent` writing to a database) forwards nothing, and neither does a parameter
 * the wrapper passes through a sanitizer (`redact(meta)`, `omit(meta, …)`) before logging.
 */
export interface ForwardedParameter {
  index: number;
  /** `...args`: every argument from `index` on. */
  rest: boolean;
  /** The top-level keys of an object argument that reach the log (`log.data`, `({ message, meta })`); undefined: all of it. */
  keys?: ReadonlySet<string>;
}

export interface ImportedWrapper {
  /** As the call site names it: `customLogger`, `log.info`. */
  name: string;
  forwarded: readonly ForwardedParameter[];
}

/** Calls that make a value safe or drop keys from it, besides the sanitizer words. */
const REDUCING_CALLS = new Set(['omit', 'pick', 'without', 'mask', 'filterSensitive']);
/**
 * A wrapper says it logs: `customLogger`, `log.info`, `logger(…)`, `auditTrail`, `writeLog`. Functions that log
 * their argument on the way to doing something else (`handleExternalApiError(…, error)` logs and throws,
 * `sendPasswordResetEmail` prints the mail in development) are judged where they log, in their own module.
 */
const LOGGING_WORDS = new Set(['log', 'logs', 'logger', 'logging', 'audit']);
const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);

const forwardedByFunction = new WeakMap<TSESTree.Node, readonly ForwardedParameter[]>();

/** The imported wrapper a call goes through, when the callee is a project module's logging function. */
export function importedWrapperOf(
  call: TSESTree.CallExpression,
  scope: ModuleScope,
  configuredSanitizers: ReadonlySet<string>,
): ImportedWrapper | undefined {
  const callee = unwrap(call.callee);
  // Most calls to imported functions are not logging: judge by the names at hand (the call, the import, its
  // module's path) before parsing the other module, which is what costs.
  const local =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier
        ? callee.object
        : undefined;
  const binding = local ? scope.importOf(local.name) : undefined;
  if (!binding || ![textOfCallee(callee), binding.imported, binding.module].some(saysItLogs)) return undefined;
  let target: { node: TSESTree.FunctionLike; scope: ModuleScope } | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (!isProjectImport(scope, callee.name)) return undefined;
    target = scope.functionOf(callee);
  } else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    const method = memberName(callee);
    if (method === undefined || !isProjectImport(scope, callee.object.name)) return undefined;
    // `import { log } from './log'` holding `{ info: (msg, meta) => … }`, or `logging.audit` of a whole module.
    const holder = scope.importedValue(callee.object.name);
    const object = holder ? unwrap(holder.node) : undefined;
    const property =
      object?.type === AST_NODE_TYPES.ObjectExpression
        ? object.properties.find(
            (candidate): candidate is TSESTree.Property =>
              candidate.type === AST_NODE_TYPES.Property && propertyKeyName(candidate) === method,
          )
        : undefined;
    if (property && holder) target = holder.scope.functionOf(property.value);
    else {
      const exported = scope.exportedValueOf(callee);
      target = exported ? exported.scope.functionOf(exported.node) : undefined;
    }
  }
  if (!target) return undefined;
  if (![textOfCallee(callee), functionName(target.node) ?? ''].some(saysItLogs)) return undefined;
  const forwarded = forwardedParameters(target.node, target.scope, configuredSanitizers, 0);
  return forwarded.length > 0 ? { name: textOfCallee(callee), forwarded } : undefined;
}

function saysItLogs(name: string): boolean {
  return splitWords(name.replace(/[./@-]/g, '_')).some((word) => LOGGING_WORDS.has(word));
}

function isProjectImport(scope: ModuleScope, name: string): boolean {
  const binding = scope.importOf(name);
  return (
    binding !== undefined &&
    binding.imported !== '*' &&
    (binding.module.startsWith('.') || scope.importedValue(name) !== undefined)
  );
}

function textOfCallee(callee: TSESTree.Node): string {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier)
    return `${callee.object.name}.${memberName(callee) ?? ''}`;
  return terminalName(callee) ?? 'wrapper';
}

/** Which parameters of `fn` reach a log call in its body (directly, or through a wrapper it calls in turn). */
export function forwardedParameters(
  fn: TSESTree.FunctionLike,
  scope: ModuleScope,
  sanitizers: ReadonlySet<string>,
  depth: number,
): readonly ForwardedParameter[] {
  const known = forwardedByFunction.get(fn);
  if (known) return known;
  if (!fn.body) return [];
  forwardedByFunction.set(fn, []);
  const uses = new Map<number, Set<string> | 'whole'>();
  const sanitized = new Set<number>();
  const isReducing = (name: string | undefined): boolean =>
    name !== undefined && (isSanitizerName(name) || REDUCING_CALLS.has(name) || sanitizers.has(name));

  const note = (index: number, key: string | undefined): void => {
    const current = uses.get(index);
    if (current === 'whole') return;
    if (key === undefined) uses.set(index, 'whole');
    else uses.set(index, (current ?? new Set()).add(key));
  };

  /** Parameters of `fn` a logged expression carries; values that went through a sanitizer do not count. */
  const collect = (expression: TSESTree.Node, level: number): void => {
    if (level > 6 || isFunctionNode(expression)) return;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.CallExpression && isReducing(terminalName(node.callee))) return;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const binding = scope.parameterBinding(node) ?? restParameterBinding(fn, node);
      if (binding?.kind === 'parameter' && binding.fn === fn) {
        const parent = node.parent;
        const member =
          parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && !parent.computed
            ? memberName(parent)
            : undefined;
        if (member === 'length') return;
        note(binding.index, binding.keys[0] ?? member);
        return;
      }
      // A local of the wrapper: `const entry = { ...meta, at: Date.now() }`, `const { data } = log`.
      const declaration = binding ? undefined : scope.declarationOf(node);
      if (declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init && within(declaration, fn)) {
        const init = unwrap(declaration.init);
        if (declaration.id.type === AST_NODE_TYPES.ObjectPattern && init.type === AST_NODE_TYPES.Identifier) {
          const source = scope.parameterBinding(init);
          const key = patternKeyOf(declaration.id, node.name);
          if (source?.kind === 'parameter' && source.fn === fn && source.keys.length === 0 && key !== undefined) {
            note(source.index, key);
            return;
          }
        }
        collect(init, level + 1);
      }
      return;
    }
    forEachChild(node, (child) => {
      // `log.level` as a computed method name is the level, not a logged value.
      if (node.type === AST_NODE_TYPES.MemberExpression && child === node.property && !node.computed) return;
      // `{ meta: x }`: the key is a name, not a reference to a parameter called `meta`.
      if (node.type === AST_NODE_TYPES.Property && child === node.key && !node.computed) return;
      collect(child, level);
    });
  };

  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (isReducing(terminalName(callee))) {
        // `meta = redact(meta)`, `const safe = sanitize(meta)`: the wrapper cleans that parameter before logging.
        for (const argument of node.arguments) {
          const value = unwrap(argument);
          const binding = value.type === AST_NODE_TYPES.Identifier ? scope.parameterBinding(value) : undefined;
          if (binding?.kind === 'parameter' && binding.fn === fn) sanitized.add(binding.index);
        }
      }
      const logged = loggedArgumentsOf(node, scope);
      if (logged) for (const argument of logged) collect(argument, 0);
      else if (depth < 3) {
        // A wrapper calling another wrapper of its module (or of a module it imports).
        const inner = callee.type === AST_NODE_TYPES.Identifier ? scope.functionOf(callee) : undefined;
        if (inner && inner.node !== fn) {
          for (const parameter of forwardedParameters(inner.node, inner.scope, sanitizers, depth + 1)) {
            const passed = parameter.rest
              ? node.arguments.slice(parameter.index)
              : node.arguments.slice(parameter.index, parameter.index + 1);
            for (const argument of passed) collect(argument, 0);
          }
        }
      }
    }
    forEachChild(node, visit);
  };
  // An arrow's expression body is itself the call: `(msg, meta) => logger.info(msg, meta)`.
  visit(fn.body);

  const forwarded: ForwardedParameter[] = [];
  for (const [index, keys] of uses) {
    if (sanitized.has(index)) continue;
    const param = fn.params[index];
    forwarded.push({ index, rest: param?.type === AST_NODE_TYPES.RestElement, ...(keys === 'whole' ? {} : { keys }) });
  }
  forwardedByFunction.set(fn, forwarded);
  return forwarded;
}

/**
 * The arguments a call in another module writes to a log, judged without that module's scope manager: `console`
 * methods, level methods (or a computed level, `logger[log.level](…)`) on a logger created from a logging
 * package there (`winston.createLogger()`, `pino()`, `.child()`), on the package itself (`winston.log`), or on a
 * receiver named as a logger (`logger`, `this.logger`).
 */
function loggedArgumentsOf(
  call: TSESTree.CallExpression,
  scope: ModuleScope,
): TSESTree.CallExpressionArgument[] | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(callee);
  const receiver = unwrap(callee.object);
  if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'console') {
    return method !== undefined && CONSOLE_METHODS.has(method) && scope.declarationOf(receiver) === undefined
      ? call.arguments.slice()
      : undefined;
  }
  const dynamicLevel = method === undefined && callee.computed;
  if (!dynamicLevel && (method === undefined || !LEVEL_METHODS.has(method))) return undefined;
  const library = loggerLibraryOf(receiver, scope, 0);
  if (!library) return undefined;
  return library === 'pino' ? pinoLoggedArguments(call.arguments) : call.arguments.slice();
}

function loggerLibraryOf(receiver: TSESTree.Node, scope: ModuleScope, depth: number): string | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(receiver);
  const origin = scope.packageOf(node);
  if (origin && LOGGER_MODULES.has(origin.module)) return origin.module;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = scope.localInit(node);
    const created = init ? unwrap(init) : undefined;
    if (created?.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(created.callee);
      const factory = scope.packageOf(callee);
      if (factory && LOGGER_MODULES.has(factory.module)) return factory.module;
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'child')
        return loggerLibraryOf(callee.object, scope, depth + 1);
    }
    return isLoggerName(node.name) ? 'named' : undefined;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(node);
    return name !== undefined && isLoggerName(name) ? 'named' : undefined;
  }
  return undefined;
}

/** `...details`: `parameterBinding` reads patterns, not rest elements. */
function restParameterBinding(
  fn: TSESTree.FunctionLike,
  node: TSESTree.Identifier,
): { kind: 'parameter'; fn: TSESTree.FunctionLike; index: number; keys: string[] } | undefined {
  const index = fn.params.findIndex(
    (param) =>
      param.type === AST_NODE_TYPES.RestElement &&
      param.argument.type === AST_NODE_TYPES.Identifier &&
      param.argument.name === node.name,
  );
  if (index < 0 || !within(node, fn)) return undefined;
  // A nearer declaration of the same name hides the parameter.
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; current = current.parent) {
    if (
      isFunctionNode(current) &&
      current.params.some((param) =>
        bindsName(param.type === AST_NODE_TYPES.RestElement ? param.argument : param, node.name),
      )
    )
      return undefined;
  }
  return { kind: 'parameter', fn, index, keys: [] };
}

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The top-level key under which a destructuring pattern binds `name`: `{ data }` → data, `{ meta: { a } }` → meta. */
function patternKeyOf(pattern: TSESTree.ObjectPattern, name: string): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    if (bindsName(property.value, name)) return propertyKeyName(property);
  }
  return undefined;
}

function bindsName(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name;
  if (node.type === AST_NODE_TYPES.AssignmentPattern) return bindsName(node.left, name);
  if (node.type === AST_NODE_TYPES.ObjectPattern)
    return node.properties.some((property) =>
      bindsName(property.type === AST_NODE_TYPES.Property ? property.value : property.argument, name),
    );
  return false;
}
