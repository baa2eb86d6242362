import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { findVariable, forEachChild, isFunctionNode, memberName, staticChain, terminalName, unwrap } from './ast';
import { splitWords } from './words';
import {
  answersClientError,
  isBodyRead,
  isClientErrorAnswer,
  isEmptyHandler,
  isEmptyOrConstant,
  isTeardownCall,
  promiseBase,
} from './error-best-effort';

export type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Where a failure arrives: `catch`, `.catch(fn)`, `.then(ok, fn)`, an error-first callback, an `'error'` listener. */
export type HandlerKind = 'catch' | 'promise-catch' | 'rejection' | 'callback' | 'error-listener';

export interface ErrorHandler {
  kind: HandlerKind;
  /** The catch clause, or the handler function. */
  node: TSESTree.CatchClause | FunctionNode;
  /** The code that runs on failure: a block, or an arrow's expression body. */
  body: TSESTree.BlockStatement | TSESTree.Expression;
  /** The error's binding: an identifier, or null when there is none (`catch {}`, `.catch(() => …)`). */
  binding: TSESTree.Identifier | null;
  /** The code whose failure is handled: the try block, the promise the handler is chained on, the call given the callback. */
  guarded: TSESTree.Node;
}

/** First-parameter names that make a callback error-first on their own. */
export const DEFAULT_CALLBACK_ERROR_NAMES: readonly string[] = ['err', 'error', 'er', 'e', 'ex', 'exc', 'exception'];
/** Short names that also name events and elements (`(e) => e.preventDefault()`): they need a second parameter. */
const AMBIGUOUS_ERROR_NAMES = new Set(['e', 'ex', 'exc']);
/** Array and iteration methods: their callbacks' first parameter is an element, never an error. */
const ITERATION_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'then',
  'finally',
  'each',
  'addEventListener',
  'removeEventListener',
  'subscribe',
  'pipe',
]);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const ERROR_TYPE_NAME = /(?:^|\.)(?:[A-Z]\w*)?(?:Error|Exception)$|^ErrnoException$/;

/** The handler a catch clause is, unless its parameter is destructured (`catch ({ message })`: judged unknown). */
export function catchClauseHandler(clause: TSESTree.CatchClause): ErrorHandler | undefined {
  if (clause.param && clause.param.type !== AST_NODE_TYPES.Identifier) return undefined;
  return {
    kind: 'catch',
    node: clause,
    body: clause.body,
    binding: clause.param ?? null,
    guarded: clause.parent.block,
  };
}

/**
 * The error handler a call is given, if any: `p.catch(fn)`, `p.then(ok, fn)`, `emitter.on('error', fn)`, or a
 * function argument whose first parameter is named like an error (`fs.readFile(p, (err, data) => …)`).
 */
export function callHandler(
  call: TSESTree.CallExpression,
  callbackErrorNames: ReadonlySet<string>,
): ErrorHandler | undefined {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  if (method === 'catch' && callee.type === AST_NODE_TYPES.MemberExpression) {
    return functionHandler('promise-catch', call.arguments[0], callee.object);
  }
  if (method === 'then' && callee.type === AST_NODE_TYPES.MemberExpression) {
    return call.arguments.length >= 2 ? functionHandler('rejection', call.arguments[1], callee.object) : undefined;
  }
  if (method !== undefined && LISTENER_METHODS.has(method) && callee.type === AST_NODE_TYPES.MemberExpression) {
    const event = call.arguments[0];
    // What fails is the emitter: `stream.on('error', …)` guards `stream`.
    if (event?.type === AST_NODE_TYPES.Literal && event.value === 'error')
      return functionHandler('error-listener', call.arguments[1], callee.object);
    return undefined;
  }
  if (method !== undefined && ITERATION_METHODS.has(method)) return undefined;
  for (const argument of call.arguments) {
    if (argument.type !== AST_NODE_TYPES.ArrowFunctionExpression && argument.type !== AST_NODE_TYPES.FunctionExpression)
      continue;
    const first = argument.params[0];
    if (first?.type !== AST_NODE_TYPES.Identifier || !callbackErrorNames.has(first.name)) continue;
    if (AMBIGUOUS_ERROR_NAMES.has(first.name) && argument.params.length < 2) continue;
    if (first.typeAnnotation && !isErrorTypeAnnotation(first.typeAnnotation.typeAnnotation)) continue;
    return { kind: 'callback', node: argument, body: argument.body, binding: first, guarded: call };
  }
  return undefined;
}

function functionHandler(
  kind: HandlerKind,
  argument: TSESTree.Node | undefined,
  guarded: TSESTree.Node,
): ErrorHandler | undefined {
  if (argument?.type !== AST_NODE_TYPES.ArrowFunctionExpression && argument?.type !== AST_NODE_TYPES.FunctionExpression)
    return undefined;
  const first = argument.params[0];
  if (first && first.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { kind, node: argument, body: argument.body, binding: first ?? null, guarded };
}

/** `Error`, `HttpError`, `NodeJS.ErrnoException`, `any`, `unknown`, and unions of them with null. */
function isErrorTypeAnnotation(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSAnyKeyword:
    case AST_NODE_TYPES.TSUnknownKeyword:
    case AST_NODE_TYPES.TSNullKeyword:
    case AST_NODE_TYPES.TSUndefinedKeyword:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every(isErrorTypeAnnotation);
    case AST_NODE_TYPES.TSTypeReference:
      return ERROR_TYPE_NAME.test(typeName(type.typeName));
    default:
      return false;
  }
}

function typeName(name: TSESTree.EntityName): string {
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return `${typeName(name.left)}.${name.right.name}`;
  return 'this';
}

/** A type annotation that names an Error (`Error`, `HttpException`, `Error | null`), not `any`/`unknown` alone. */
function namesErrorType(type: TSESTree.TypeNode): boolean {
  if (type.type === AST_NODE_TYPES.TSUnionType)
    return type.types.some(namesErrorType) && type.types.every(isErrorTypeAnnotation);
  return type.type === AST_NODE_TYPES.TSTypeReference && ERROR_TYPE_NAME.test(typeName(type.typeName));
}

/** The handler a function node is, when it is an argument of a call that makes it one. */
export function handlerOfFunction(
  fn: TSESTree.Node,
  callbackErrorNames: ReadonlySet<string>,
): ErrorHandler | undefined {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)
    return undefined;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn)) return undefined;
  const handler = callHandler(call, callbackErrorNames);
  return handler?.node === fn ? handler : undefined;
}

/** The innermost error handler whose failure code contains `node`, stopping at the enclosing function boundary of a handler. */
export function enclosingHandler(
  node: TSESTree.Node,
  callbackErrorNames: ReadonlySet<string>,
): ErrorHandler | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return catchClauseHandler(current);
    if (isFunctionNode(current)) {
      const handler = handlerOfFunction(current, callbackErrorNames);
      if (handler) return handler;
    }
  }
  return undefined;
}

/**
 * Whether an expression holds an Error: a catch parameter, the error parameter of a handler, a variable
 * initialised with `new …Error(…)`, or one typed `Error` (or a subclass named `…Error`/`…Exception`).
 */
export function errorVariableOf(
  node: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  callbackErrorNames: ReadonlySet<string>,
): TSESLint.Scope.Variable | undefined {
  const inner = unwrap(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(scope, inner.name);
  const def = variable?.defs[0];
  if (!variable || !def) return undefined;
  if (def.type === 'CatchClause') return def.name.type === AST_NODE_TYPES.Identifier ? variable : undefined;
  const annotation = def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
  if (annotation && namesErrorType(annotation)) return variable;
  if (def.type === 'Parameter') {
    const fn = def.node;
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)
      return undefined;
    if (fn.params[0] !== def.name) return undefined;
    return handlerOfFunction(fn, callbackErrorNames) ? variable : undefined;
  }
  if (
    def.type === 'Variable' &&
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.id === def.name &&
    def.node.init
  ) {
    const init = unwrap(def.node.init);
    if (init.type === AST_NODE_TYPES.NewExpression) {
      const name = terminalName(init.callee);
      if (name !== undefined && ERROR_TYPE_NAME.test(name)) return variable;
    }
  }
  return undefined;
}

/** Probe calls whose failure is the answer: parsing, validation, existence checks, optional modules, best-effort cleanup. */
export const DEFAULT_PROBE_CALLS: readonly string[] = [
  'JSON.parse',
  'JSON.stringify',
  'stringify',
  'parse',
  'safeParse',
  'parseInt',
  'parseFloat',
  'BigInt',
  'URL',
  'URL.parse',
  'URL.canParse',
  'RegExp',
  'fileURLToPath',
  'decodeURIComponent',
  'decodeURI',
  'atob',
  'decode',
  'verify',
  'validate',
  'validateSync',
  'access',
  'accessSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'exists',
  'existsSync',
  'readlink',
  'readlinkSync',
  'require',
  'require.resolve',
  'import',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
];
/** Words that make a call a probe in any name (`secureJsonParse`, `validateSignature`, `decodeToken`). */
export const PROBE_VERBS: readonly string[] = ['parse', 'validate', 'verify', 'decode'];

/** Calls that transform a value without I/O: they do not make a try block more than a probe. */
const PURE_CALLS = new Set([
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'Date',
  'Set',
  'Map',
  'WeakMap',
  'WeakSet',
  'TextDecoder',
  'TextEncoder',
  'Uint8Array',
  'DataView',
  'trim',
  'trimStart',
  'trimEnd',
  'toString',
  'toLowerCase',
  'toUpperCase',
  'split',
  'slice',
  'substring',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'charAt',
  'charCodeAt',
  'codePointAt',
  'repeat',
  'localeCompare',
  'toFixed',
  'getTime',
  'valueOf',
  'startsWith',
  'endsWith',
  'includes',
  'indexOf',
  'lastIndexOf',
  'at',
  'concat',
  'join',
  'keys',
  'values',
  'entries',
  'isArray',
  'from',
  'map',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'reduce',
  'reduceRight',
  'flatMap',
  'flat',
  'forEach',
  'isFile',
  'isDirectory',
  'isSymbolicLink',
  'test',
  'exec',
  'match',
  'matchAll',
  'pathToFileURL',
  'dirname',
  'basename',
  'extname',
  'normalize',
  'push',
  'has',
  'flatten',
  'isNaN',
  'isFinite',
  'isInteger',
  'isSafeInteger',
  'deepEqual',
  'isEqual',
  'isDeepStrictEqual',
]);
/** Receivers whose every method is pure: `Math.max`, `Object.entries`, `url.searchParams.get`. */
const PURE_RECEIVERS = new Set(['Math', 'Object', 'Array', 'Number', 'searchParams']);
/** Array methods whose callbacks run inside the guarded code: their bodies are judged too. */
const CALLBACK_METHODS = new Set([
  'map',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'reduce',
  'reduceRight',
  'flatMap',
  'forEach',
  'from',
]);

/**
 * Built-in probes that no name list says: `process.kill(pid, 0)` (is it alive?), `new Intl.DateTimeFormat(…, { timeZone })`
 * (a valid time zone?), `date.toISOString()` (a valid date?), `response.clone()`, `localStorage` (blocked in private
 * browsing), and id decoders (`fromFriendlyId`, `BatchId.toId`).
 */
function isBuiltInProbe(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const chain = staticChain(unwrap(call.callee));
  const joined = chain?.join('.');
  if (joined === 'process.kill' && call.arguments.length === 2) {
    const signal = unwrap(call.arguments[1]);
    return signal.type === AST_NODE_TYPES.Literal && signal.value === 0;
  }
  if (chain && (chain[0] === 'Intl' || chain.includes('localStorage') || chain.includes('sessionStorage'))) return true;
  if (chain && chain[0] === 'Date' && (chain.length === 1 || chain[1] === 'parse' || chain[1] === 'UTC')) return true;
  const callee = unwrap(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? memberName(callee)
        : undefined;
  if (name === undefined) return false;
  if ((name === 'toISOString' || name === 'clone') && call.arguments.length === 0) return true;
  const words = splitWords(name);
  return words.length >= 2 && (words[0] === 'from' || words[0] === 'to') && words[words.length - 1] === 'id';
}

function isPureCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  const chain = staticChain(callee);
  const name = chain?.join('.') ?? terminalName(call.callee);
  const last = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : name?.split('.').pop();
  if (chain && chain.slice(0, -1).some((part) => PURE_RECEIVERS.has(part))) return true;
  // `new URL(raw).searchParams.get('id')`: a read of a parsed value.
  for (let object = callee; object.type === AST_NODE_TYPES.MemberExpression; object = unwrap(object.object)) {
    if (object !== callee && PURE_RECEIVERS.has(memberName(object) ?? '')) return true;
  }
  // `items.find((x) => …)`, `parts.filter(Boolean)` are an array's; `db.users.find({ … })` is a query.
  if (
    last !== undefined &&
    CALLBACK_METHODS.has(last) &&
    last !== 'from' &&
    (!call.arguments[0] || unwrap(call.arguments[0]).type === AST_NODE_TYPES.ObjectExpression)
  )
    return false;
  return (name !== undefined && PURE_CALLS.has(name)) || (last !== undefined && PURE_CALLS.has(last));
}

/** Matches calls against names: `a.b` against the callee's static chain, a bare name against its last segment. */
export class CallNames {
  private readonly chains = new Set<string>();
  private readonly names = new Set<string>();
  private readonly verbs: ReadonlySet<string>;

  /** `verbs`: words that make a longer name match too (`parse` for `secureJsonParse`, `parseBody`). */
  constructor(entries: readonly string[], verbs: readonly string[] = []) {
    for (const entry of entries) (entry.includes('.') ? this.chains : this.names).add(entry);
    this.verbs = new Set(verbs);
  }

  matches(call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ImportExpression): boolean {
    if (call.type === AST_NODE_TYPES.ImportExpression) return this.names.has('import');
    const callee = unwrap(call.callee);
    const chain = staticChain(callee);
    if (chain && this.chains.has(chain.join('.'))) return true;
    // `Sentry.captureException`: a configured receiver matches every method of it.
    if (chain && chain.length > 1 && this.names.has(chain[0])) return true;
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? memberName(callee)
          : undefined;
    if (name === undefined) return false;
    if (this.names.has(name)) return true;
    // `secureJsonParse`, `validateOrder`: a configured verb as the name's first or last word.
    const words = splitWords(name);
    if (words.length < 2) return false;
    return this.verbs.has(words[words.length - 1]) || this.verbs.has(words[0]);
  }
}

/**
 * Whether the code a handler guards is only a probe: every call in it (outside the arguments of probe calls) is a
 * probe or a pure transformation, e.g. `JSON.parse(raw)`, `new URL(input)`, `fs.promises.access(p).then(() => true)`,
 * `fs.stat(p, (err) => …)`. Callbacks of array methods and functions declared in the file are judged by their bodies.
 * Also accepted: best-effort teardown (`client.quit().catch(() => {})`, `try { controller.close() } catch {}`), and
 * a body read (`await request.json()`, `res.text()`) answered with a 4xx or a constant fallback.
 */
export function guardsOnlyProbes(
  handler: ErrorHandler,
  probes: CallNames,
  sourceCode?: Readonly<TSESLint.SourceCode>,
): boolean {
  const quiet = isEmptyOrConstant(handler);
  const empty = isEmptyHandler(handler);
  if (handler.kind === 'catch') {
    let probeOnly = true;
    let teardown = false;
    let bodyRead = false;
    const judgedFunctions = new Set<TSESTree.Node>();
    const visitFunction = (fn: TSESTree.Node): void => {
      if (judgedFunctions.has(fn) || judgedFunctions.size > 20) {
        if (!judgedFunctions.has(fn)) probeOnly = false;
        return;
      }
      judgedFunctions.add(fn);
      // A declaration without a body (`declare function save(): Promise<void>`) says nothing of what it does.
      if (!isFunctionNode(fn) || !fn.body || fn.async || fn.generator) {
        probeOnly = false;
        return;
      }
      forEachChild(fn.body, visit);
    };
    const localFunction = (call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node | undefined => {
      const callee = unwrap(call.callee);
      if (!sourceCode || callee.type !== AST_NODE_TYPES.Identifier || call.type !== AST_NODE_TYPES.CallExpression)
        return undefined;
      const def = findVariable(sourceCode.getScope(callee), callee.name)?.defs[0];
      if (def?.type === 'FunctionName') return def.node;
      if (
        def?.type === 'Variable' &&
        def.node.type === AST_NODE_TYPES.VariableDeclarator &&
        def.node.init &&
        isFunctionNode(def.node.init)
      )
        return def.node.init;
      return undefined;
    };
    const visit = (node: TSESTree.Node): void => {
      if (!probeOnly || node.type === AST_NODE_TYPES.ClassBody) return;
      if (isFunctionNode(node)) {
        // A callback of an array method runs here; other functions run later, elsewhere.
        const parent = node.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) {
          const callee = unwrap(parent.callee);
          const method =
            callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : staticChain(callee)?.pop();
          if (method !== undefined && CALLBACK_METHODS.has(method)) visitFunction(node);
        }
        return;
      }
      if (
        node.type === AST_NODE_TYPES.CallExpression ||
        node.type === AST_NODE_TYPES.NewExpression ||
        node.type === AST_NODE_TYPES.ImportExpression
      ) {
        if (node.type === AST_NODE_TYPES.ImportExpression) {
          if (probes.matches(node)) return;
          probeOnly = false;
          return;
        }
        if (probes.matches(node) || isBuiltInProbe(node)) return;
        if (node.type === AST_NODE_TYPES.CallExpression && isTeardownCall(node)) teardown = true;
        else if (node.type === AST_NODE_TYPES.CallExpression && isBodyRead(node)) bodyRead = true;
        else if (isClientErrorAnswer(node)) {
          // `return json({ error }, { status: 400 })` inside the try: an answer, not an operation.
        } else if (!isPureCall(node)) {
          const fn = localFunction(node);
          if (!fn) {
            probeOnly = false;
            return;
          }
          visitFunction(fn);
        }
      }
      forEachChild(node, visit);
    };
    visit(handler.guarded);
    if (!probeOnly) return false;
    if (teardown && !empty) return false;
    if (bodyRead && !(quiet || answersClientError(handler))) return false;
    return true;
  }
  // A promise chain: follow `.then()`/`.finally()` back to the call that made the promise.
  const base = promiseBase(handler.guarded);
  if (base.type === AST_NODE_TYPES.ImportExpression) return probes.matches(base);
  if (base.type !== AST_NODE_TYPES.CallExpression && base.type !== AST_NODE_TYPES.NewExpression) return false;
  if (probes.matches(base) || isBuiltInProbe(base)) return true;
  // `res.text().catch(() => "")`, `client.quit().catch(() => {})`: a fallback body, a best-effort release.
  return (
    base.type === AST_NODE_TYPES.CallExpression && ((quiet && isBodyRead(base)) || (empty && isTeardownCall(base)))
  );
}

/** The name of what was attempted, for a log message: the first call in the guarded code (`saveOrder`, `readFile`). */
export function attemptedOperation(
  handler: ErrorHandler,
  ignore: (call: TSESTree.CallExpression) => boolean,
): string | undefined {
  let found: string | undefined;
  const visit = (node: TSESTree.Node): void => {
    if (found !== undefined || isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.CallExpression && !ignore(node)) {
      const callee = unwrap(node.callee);
      // `a.then(…)`: the promise's own call names the operation.
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        (method === 'then' || method === 'catch' || method === 'finally')
      ) {
        visit(callee.object);
        return;
      }
      // The innermost call names the operation: `res.json(await listOrders())` attempted listOrders.
      for (const argument of node.arguments) visit(argument);
      if (found !== undefined) return;
      const name = terminalName(callee);
      if (name !== undefined && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'this') {
        found = name;
        return;
      }
    }
    forEachChild(node, visit);
  };
  visit(handler.guarded);
  // An emitter that failed: `stream.on('error', …)` → stream.
  if (found === undefined && handler.kind === 'error-listener') found = terminalName(handler.guarded);
  return found;
}
