import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findVariable,
  forEachChild,
  importBindings,
  isFunctionNode,
  memberName,
  propertyKeyName,
  type Scope,
  staticChain,
  terminalName,
  unwrap,
  type Variable,
} from './ast';
import { type ProjectImports, projectImportsOf } from './project-imports';
import { splitWords } from './words';

/**
 * OpenTelemetry spans as the tracing rules see them: which calls start a span on a tracer, where the span is held,
 * and what each use of it does (ends it, hands it on, only annotates it). Facts only; the rules judge.
 */

export type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
export type FunctionNode =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export const OTEL_API = '@opentelemetry/api';

/** Cheap text probe run once per file: files that start no span are not walked. */
export function mentionsSpanStarts(text: string): boolean {
  return text.includes('startSpan') || text.includes('startActiveSpan');
}

/** Tracing libraries whose spans are not OpenTelemetry's (`dd-trace` spans end with `finish()`, Sentry's own `startSpan` ends itself). */
const OTHER_TRACING_MODULES =
  /^(dd-trace|opentracing|jaeger-client|elastic-apm-node|@elastic\/apm|newrelic|@sentry\/|@datadog\/)/;
const OTHER_TRACING_REQUIRE =
  /require\(\s*['"](dd-trace|opentracing|jaeger-client|elastic-apm-node|@elastic\/apm|newrelic|@sentry\/|@datadog\/)/;

/** `tracer`, `otelTracer`, `this.tracer`, `TRACER`, nestjs-otel's `traceService`. */
export function saysTracer(name: string): boolean {
  const words = splitWords(name);
  if (words.includes('tracer')) return true;
  return words.length >= 2 && words[words.length - 2] === 'trace' && words[words.length - 1] === 'service';
}

function isTracerType(annotation: TSESTree.TypeNode | undefined): boolean {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const typeName = annotation.typeName;
  const name =
    typeName.type === AST_NODE_TYPES.Identifier
      ? typeName.name
      : typeName.type === AST_NODE_TYPES.TSQualifiedName
        ? typeName.right.name
        : undefined;
  return name === 'Tracer' || name === 'TraceService';
}

/**
 * Whether `node` holds an OpenTelemetry tracer: `trace.getTracer(…)` (or any `getTracer()` call), a variable or
 * property named like a tracer, a variable initialised from one, a parameter or class member typed `Tracer`
 * (NestJS constructor injection). A tracer bound to another tracing library (dd-trace, opentracing) is not.
 */
export function isTracer(node: TSESTree.Node, context: RuleContext, depth = 0): boolean {
  const value = unwrap(node);
  if (depth > 3) return false;
  if (value.type === AST_NODE_TYPES.CallExpression)
    return terminalName(value.callee) === 'getTracer' && !fromOtherTracingLibrary(value.callee, context);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(value);
    if (name === undefined) return false;
    if (saysTracer(name)) return !fromOtherTracingLibrary(value, context);
    return (
      unwrap(value.object).type === AST_NODE_TYPES.ThisExpression && classMemberIsTracer(value, name, context, depth)
    );
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (fromOtherTracingLibrary(value, context)) return false;
  const def = findVariable(context.sourceCode.getScope(value), value.name)?.defs[0];
  if (def?.name.type === AST_NODE_TYPES.Identifier && isTracerType(def.name.typeAnnotation?.typeAnnotation))
    return true;
  if (isOwnTracerClass(value, def, context)) return false;
  if (saysTracer(value.name)) return true;
  if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id === def.name)
    return isTracer(def.node.init, context, depth + 1);
  return false;
}

/**
 * `const tracer = new TriggerTracer(…)`, here or in the project module it is imported from: a project's own tracer
 * class, whose `startActiveSpan` may end the span itself. OpenTelemetry's tracers come from `getTracer()`, never
 * from `new`, so what ending means is that class's business, not this analysis'.
 */
function isOwnTracerClass(
  identifier: TSESTree.Identifier,
  def: Variable['defs'][number] | undefined,
  context: RuleContext,
): boolean {
  if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init)
    return unwrap(def.node.init).type === AST_NODE_TYPES.NewExpression;
  if (def?.type !== 'ImportBinding') return false;
  const exported = projectImportsOf(context).resolve(identifier.name)?.node;
  return exported !== undefined && unwrap(exported).type === AST_NODE_TYPES.NewExpression;
}

function fromOtherTracingLibrary(node: TSESTree.Node, context: RuleContext): boolean {
  const root = staticChain(node)?.[0];
  if (root === undefined || root === 'this') return false;
  const binding = importBindings(context.sourceCode.ast).get(root);
  if (binding) return OTHER_TRACING_MODULES.test(binding.module);
  const def = findVariable(context.sourceCode.getScope(node), root)?.defs[0];
  const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : undefined;
  if (!init) return false;
  if (OTHER_TRACING_REQUIRE.test(context.sourceCode.getText(init))) return true;
  // `const tracer = globalTracer()` with `globalTracer` imported from opentracing.
  let source: TSESTree.Node = unwrap(init);
  while (source.type === AST_NODE_TYPES.CallExpression || source.type === AST_NODE_TYPES.MemberExpression)
    source = unwrap(source.type === AST_NODE_TYPES.CallExpression ? source.callee : source.object);
  const sourceBinding =
    source.type === AST_NODE_TYPES.Identifier && source.name !== root
      ? importBindings(context.sourceCode.ast).get(source.name)
      : undefined;
  return sourceBinding !== undefined && OTHER_TRACING_MODULES.test(sourceBinding.module);
}

/** `this.t` where the class declares `t: Tracer`, `t = trace.getTracer(…)`, or `constructor(private t: Tracer)`. */
function classMemberIsTracer(
  member: TSESTree.MemberExpression,
  name: string,
  context: RuleContext,
  depth: number,
): boolean {
  let current: TSESTree.Node | undefined = member.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  if (!current) return false;
  for (const element of current.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && propertyKeyName(element) === name) {
      if (isTracerType(element.typeAnnotation?.typeAnnotation)) return true;
      if (element.value && isTracer(element.value, context, depth + 1)) return true;
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
        if (
          inner?.type === AST_NODE_TYPES.Identifier &&
          inner.name === name &&
          isTracerType(inner.typeAnnotation?.typeAnnotation)
        )
          return true;
      }
    }
  }
  return false;
}

export type SpanMethod = 'startSpan' | 'startActiveSpan';

/** One call that starts a span on a tracer. */
export interface SpanStart {
  method: SpanMethod;
  call: TSESTree.CallExpression;
  /** The span name argument. */
  name: TSESTree.Node | undefined;
  /** The `SpanOptions` argument when given (`startSpan(name, options)`, `startActiveSpan(name, options, fn)`). */
  options: TSESTree.Node | undefined;
  /** startActiveSpan's callback, when it is written in place. */
  callback?: FunctionNode;
  /**
   * Where the span lives: `local` in a variable of this function (or the callback's parameter), `discarded`
   * (never held, so never ended), `endedAtOnce` (`startSpan('x').end()`), or `handedOn` (returned, stored
   * elsewhere, passed on: whoever receives it ends it).
   */
  disposition: 'local' | 'discarded' | 'endedAtOnce' | 'handedOn';
  /** The span's variable, for `local` spans. */
  variable?: Variable;
  /** The function (or the program) the span's life is judged in: the callback for startActiveSpan. */
  owner: FunctionNode | TSESTree.Program;
}

const spanStartCache = new WeakMap<TSESTree.CallExpression, SpanStart | null>();

/** The span a call starts, when it is `startSpan`/`startActiveSpan` on something that is a tracer. */
export function spanStartOf(call: TSESTree.CallExpression, context: RuleContext): SpanStart | undefined {
  const cached = spanStartCache.get(call);
  if (cached !== undefined) return cached ?? undefined;
  const start = readSpanStart(call, context);
  spanStartCache.set(call, start ?? null);
  return start;
}

function readSpanStart(call: TSESTree.CallExpression, context: RuleContext): SpanStart | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(callee);
  if (method !== 'startSpan' && method !== 'startActiveSpan') return undefined;
  if (!isTracer(callee.object, context)) return undefined;
  const [name, second] = call.arguments;
  if (method === 'startActiveSpan') {
    const last = call.arguments[call.arguments.length - 1];
    const options = call.arguments.length >= 3 ? second : undefined;
    const callback = last && call.arguments.length >= 2 && isFunctionNode(last) ? last : undefined;
    if (!callback) return { method, call, name, options, disposition: 'handedOn', owner: enclosingFunction(call) };
    const param = callback.params[0];
    if (!param) {
      // Without a parameter the span can only be ended through `trace.getActiveSpan()`.
      const disposition = context.sourceCode.getText(callback).includes('getActiveSpan') ? 'handedOn' : 'discarded';
      return { method, call, name, options, callback, disposition, owner: callback };
    }
    if (param.type !== AST_NODE_TYPES.Identifier)
      return { method, call, name, options, callback, disposition: 'handedOn', owner: callback };
    const variable = context.sourceCode
      .getDeclaredVariables(callback)
      .find((candidate) => candidate.name === param.name);
    return {
      method,
      call,
      name,
      options,
      callback,
      disposition: variable ? 'local' : 'handedOn',
      variable,
      owner: callback,
    };
  }
  const owner = enclosingFunction(call);
  const base = { method, call, name, options: second, owner } as const;
  let child: TSESTree.Node = call;
  let parent = call.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return { ...base, disposition: 'discarded' };
  if (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === child &&
    memberName(parent) === 'end' &&
    parent.parent?.type === AST_NODE_TYPES.CallExpression
  ) {
    return { ...base, disposition: 'endedAtOnce' };
  }
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === child &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = context.sourceCode.getDeclaredVariables(parent)[0];
    return { ...base, disposition: variable ? 'local' : 'handedOn', variable };
  }
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.operator === '=' &&
    parent.right === child &&
    parent.left.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = findVariable(context.sourceCode.getScope(parent), parent.left.name);
    // A variable of an outer function (or the module) keeps the span beyond this call: its owner ends it.
    const declaredHere = variable?.defs[0] && enclosingFunction(variable.defs[0].node) === owner;
    return declaredHere ? { ...base, disposition: 'local', variable } : { ...base, disposition: 'handedOn' };
  }
  return { ...base, disposition: 'handedOn' };
}

export function enclosingFunction(node: TSESTree.Node): FunctionNode | TSESTree.Program {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current) || current.type === AST_NODE_TYPES.Program) return current;
    current = current.parent;
  }
  throw new Error('node outside a program');
}

/** Span methods that annotate a span and never throw in the OpenTelemetry API. */
const ANNOTATING_METHODS = new Set([
  'setAttribute',
  'setAttributes',
  'addEvent',
  'addLink',
  'addLinks',
  'setStatus',
  'recordException',
  'updateName',
  'spanContext',
  'isRecording',
]);
/** OpenTelemetry context calls that read or wrap a span without taking it over. */
const CONTEXT_CALLS = new Set([
  'setSpan',
  'setSpanContext',
  'getSpan',
  'getActiveSpan',
  'getSpanContext',
  'active',
  'now',
]);

/** What one use of a span does. */
export type SpanUse =
  | { kind: 'end'; call: TSESTree.CallExpression }
  /** `recording`: a call of a helper that only records on the span (`recordSpanException(span, err)`): no hand-off, and as safe as `span.recordException()`. */
  | { kind: 'annotate'; recording?: TSESTree.CallExpression }
  | { kind: 'handedOn' };

export interface SpanUseOptions {
  /** Functions (by name) that end the span they are given. */
  endingFunctions: ReadonlySet<string>;
}

/**
 * Judges how a span held in `owner` is used. A use is an end (`span.end()`, a call of a helper that ends its
 * span argument on every path), an annotation (other span methods, `trace.setSpan(ctx, span)`, a helper that never
 * ends or passes on its span), or a hand-off (returned, stored, passed to a function the rule cannot read, ended
 * in a callback): then the span is someone else's to end.
 */
export class SpanUses {
  private readonly imports: ProjectImports;

  constructor(
    private readonly context: RuleContext,
    private readonly options: SpanUseOptions,
  ) {
    this.imports = projectImportsOf(context);
  }

  /** The uses of the span named by these identifiers (references in `owner`'s body). */
  usesOf(identifiers: readonly TSESTree.Identifier[], owner: FunctionNode | TSESTree.Program, depth = 0): SpanUse[] {
    return identifiers.map((identifier) => this.useOf(identifier, owner, depth));
  }

  private useOf(identifier: TSESTree.Identifier, owner: FunctionNode | TSESTree.Program, depth: number): SpanUse {
    let child: TSESTree.Node = identifier;
    let parent = identifier.parent;
    while (parent?.type === AST_NODE_TYPES.TSNonNullExpression || parent?.type === AST_NODE_TYPES.TSAsExpression) {
      child = parent;
      parent = parent.parent;
    }
    const nested = enclosingFunction(identifier) !== owner;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
      const method = memberName(parent);
      const call =
        parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent
          ? parent.parent
          : undefined;
      if (method === 'end') return call && !nested ? { kind: 'end', call } : { kind: 'handedOn' };
      return { kind: 'annotate' };
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child)) {
      const callee = terminalName(parent.callee);
      if (callee !== undefined && CONTEXT_CALLS.has(callee)) return { kind: 'annotate' };
      if (callee !== undefined && this.options.endingFunctions.has(callee))
        return nested ? { kind: 'handedOn' } : { kind: 'end', call: parent };
      const helper = this.functionCalled(parent);
      if (!helper || depth >= 3) return { kind: 'handedOn' };
      const index = parent.arguments.indexOf(child);
      const param = helper.node.params[index];
      if (param?.type !== AST_NODE_TYPES.Identifier) return { kind: 'handedOn' };
      const verdict = this.helperVerdict(helper.node, param.name, depth + 1);
      if (verdict === 'ends') return nested ? { kind: 'handedOn' } : { kind: 'end', call: parent };
      if (verdict !== 'untouched') return { kind: 'handedOn' };
      return isRecordingHelper(helper.node, param.name) && !nested
        ? { kind: 'annotate', recording: parent }
        : { kind: 'annotate' };
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child) return { kind: 'annotate' };
    if (parent?.type === AST_NODE_TYPES.IfStatement || parent?.type === AST_NODE_TYPES.UnaryExpression)
      return { kind: 'annotate' };
    if (parent?.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(parent.operator))
      return { kind: 'annotate' };
    return { kind: 'handedOn' };
  }

  /** What a helper does with its parameter `name`: ends it on every path, never ends or passes it, or anything else. */
  private helperVerdict(fn: FunctionNode, name: string, depth: number): 'ends' | 'untouched' | 'other' {
    const identifiers = identifiersNamed(fn, name);
    const uses = this.usesOf(identifiers, fn, depth);
    if (uses.some((use) => use.kind === 'handedOn')) return 'other';
    const ends = uses.filter((use): use is Extract<SpanUse, { kind: 'end' }> => use.kind === 'end');
    if (ends.length === 0) return 'untouched';
    const endCalls = new Set(ends.map((use) => use.call));
    return functionEndsOnEveryPath(fn, endCalls, new Set(identifiers)) ? 'ends' : 'other';
  }

  /**
   * The function a call runs, when the rule can read it: a function of this file (declared, or held in a
   * `const`), a method of the enclosing class (`this.finish(span)`), or a function exported by a project module.
   */
  functionCalled(call: TSESTree.CallExpression): { node: FunctionNode } | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.context.sourceCode.getScope(callee), callee.name);
      const def = variable?.defs[0];
      if (def?.node.type === AST_NODE_TYPES.FunctionDeclaration) return { node: def.node };
      if (
        def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
        def.node.init &&
        isFunctionNode(unwrap(def.node.init))
      )
        return { node: unwrap(def.node.init) as FunctionNode };
      // `import { f } from './m'`, `const { f } = require('./m')`.
      if (
        def?.type === 'ImportBinding' ||
        (def && variable?.scope.type !== 'function' && importBindings(this.context.sourceCode.ast).has(callee.name))
      ) {
        const resolved = this.imports.resolve(callee.name);
        const node = resolved ? unwrap(resolved.node) : undefined;
        return node && isFunctionNode(node) ? { node } : undefined;
      }
      return undefined;
    }
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression
    ) {
      const name = memberName(callee);
      let current: TSESTree.Node | undefined = callee.parent;
      while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
      const method = current?.body.find(
        (element): element is TSESTree.MethodDefinition =>
          element.type === AST_NODE_TYPES.MethodDefinition &&
          element.kind === 'method' &&
          propertyKeyName(element as unknown as TSESTree.PropertyDefinition) === name,
      );
      return method && method.value.type === AST_NODE_TYPES.FunctionExpression ? { node: method.value } : undefined;
    }
    return undefined;
  }
}

/**
 * Whether `fn` only records on its span parameter `name`: every statement is a span annotation (`name.recordException(…)`,
 * `name.setStatus(…)`, `name.setAttribute(…)`), possibly under `if`/`else`, and nothing is awaited. Such a helper
 * (`recordSpanException(span, err)`) neither ends the span nor keeps it, and does no work of its own that could fail:
 * calling it before `span.end()` is as safe as calling `span.recordException()` there.
 */
function isRecordingHelper(fn: FunctionNode, name: string): boolean {
  const annotation = (expression: TSESTree.Node): boolean => {
    const call = unwrap(expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !isNamed(callee.object, name)) return false;
    const method = memberName(callee);
    return method !== undefined && ANNOTATING_METHODS.has(method) && !containsAwait(call);
  };
  const statementOnly = (statement: TSESTree.Node): boolean => {
    switch (statement.type) {
      case AST_NODE_TYPES.ExpressionStatement:
        return annotation(statement.expression);
      case AST_NODE_TYPES.BlockStatement:
        return statement.body.every(statementOnly);
      case AST_NODE_TYPES.IfStatement:
        return (
          !containsAwait(statement.test) &&
          statementOnly(statement.consequent) &&
          (!statement.alternate || statementOnly(statement.alternate))
        );
      case AST_NODE_TYPES.ReturnStatement:
        return !statement.argument;
      case AST_NODE_TYPES.EmptyStatement:
        return true;
      default:
        return false;
    }
  };
  return fn.body.type === AST_NODE_TYPES.BlockStatement ? statementOnly(fn.body) : annotation(fn.body);
}

function containsAwait(node: TSESTree.Node): boolean {
  let found = false;
  const visit = (child: TSESTree.Node): void => {
    if (found || isFunctionNode(child)) return;
    if (child.type === AST_NODE_TYPES.AwaitExpression || child.type === AST_NODE_TYPES.YieldExpression) found = true;
    else forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** The identifiers named `name` in expression position in `fn`'s parameters and body (parsed without a scope manager). */
export function identifiersNamed(fn: FunctionNode, name: string): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  const visit = (node: TSESTree.Node, parent: TSESTree.Node | undefined): void => {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const isKey =
        (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) ||
        (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && parent.value !== node);
      if (node.name === name && !isKey) found.push(node);
      return;
    }
    forEachChild(node, visit);
  };
  visit(fn.body, fn);
  return found;
}

/** The identifiers of a variable's references (its declaration excluded). */
export function referenceIdentifiers(variable: Variable): TSESTree.Identifier[] {
  return variable.references
    .filter((reference) => !reference.init)
    .map((reference) => reference.identifier as TSESTree.Identifier);
}

/* ----------------------------------------------------------------------------------------------------------------
 * Ending on every path, judged structurally: after the start, either a `finally` that ends the span covers
 * everything that follows, or every statement up to an end provably neither throws nor leaves early.
 * -------------------------------------------------------------------------------------------------------------- */

type Outcome = 'ends' | 'fallsThrough' | 'fails';

interface PathFacts {
  /** Calls that end the span (`span.end()`, an ending helper). */
  endCalls: ReadonlySet<TSESTree.CallExpression>;
  /** Identifiers that name the span: calls on them that only annotate are safe. */
  spanIdentifiers: ReadonlySet<TSESTree.Node>;
  /** Calls of helpers that only record on the span (`recordSpanException(span, err)`): safe like the annotations they make. */
  recordingCalls: ReadonlySet<TSESTree.CallExpression>;
}

/** Whether the span started by `start` is ended on every path, thrown exceptions and early returns included. */
export function spanEndedOnEveryPath(
  start: SpanStart,
  endCalls: ReadonlySet<TSESTree.CallExpression>,
  spanIdentifiers: ReadonlySet<TSESTree.Node>,
  recordingCalls: ReadonlySet<TSESTree.CallExpression> = new Set(),
): boolean {
  const facts: PathFacts = { endCalls, spanIdentifiers, recordingCalls };
  // The start inside a `try` whose `finally` ends the span: whatever follows, the finally runs.
  for (let node: TSESTree.Node = start.call; node.parent && node !== start.owner; node = node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (
      parent.type === AST_NODE_TYPES.TryStatement &&
      parent.block === node &&
      parent.finalizer &&
      sequence(parent.finalizer.body, 0, false, facts) === 'ends'
    )
      return true;
    if (isFunctionNode(node)) break;
  }
  if (start.callback) {
    const body = start.callback.body;
    if (body.type !== AST_NODE_TYPES.BlockStatement) return endsAsStatement(body, facts);
    return sequence(body.body, 0, false, facts) === 'ends';
  }
  let statement: TSESTree.Node = start.call;
  while (
    statement.parent &&
    statement.parent.type !== AST_NODE_TYPES.BlockStatement &&
    statement.parent.type !== AST_NODE_TYPES.Program &&
    !isFunctionNode(statement.parent)
  )
    statement = statement.parent;
  for (;;) {
    const block: TSESTree.Node | undefined = statement.parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return false;
    const statements = block.body as TSESTree.Node[];
    const outcome = sequence(statements, statements.indexOf(statement) + 1, false, facts);
    if (outcome !== 'fallsThrough') return outcome === 'ends';
    // The rest of a plain block or an `if` branch ran without throwing: control continues after it.
    const holder: TSESTree.Node | undefined = block.parent;
    if (holder?.type === AST_NODE_TYPES.BlockStatement) statement = block;
    else if (holder?.type === AST_NODE_TYPES.IfStatement) statement = holder;
    else return false;
  }
}

/** The same question for a helper's parameter: does `fn` end it on every path once called? */
function functionEndsOnEveryPath(
  fn: FunctionNode,
  endCalls: ReadonlySet<TSESTree.CallExpression>,
  spanIdentifiers: ReadonlySet<TSESTree.Node>,
): boolean {
  const facts: PathFacts = { endCalls, spanIdentifiers, recordingCalls: new Set() };
  return fn.body.type === AST_NODE_TYPES.BlockStatement
    ? sequence(fn.body.body, 0, false, facts) === 'ends'
    : endsAsStatement(fn.body, facts);
}

/** `covered`: thrown exceptions are caught by a handler that ends the span, so only early exits matter. */
function sequence(statements: readonly TSESTree.Node[], from: number, covered: boolean, facts: PathFacts): Outcome {
  for (let index = from; index < statements.length; index++) {
    const outcome = statementOutcome(statements[index], covered, facts);
    if (outcome !== 'fallsThrough') return outcome;
  }
  return 'fallsThrough';
}

function statementOutcome(statement: TSESTree.Node, covered: boolean, facts: PathFacts): Outcome {
  switch (statement.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      if (endsAsStatement(statement.expression, facts)) return 'ends';
      break;
    case AST_NODE_TYPES.ReturnStatement:
      return statement.argument && endsAsStatement(statement.argument, facts) ? 'ends' : 'fails';
    case AST_NODE_TYPES.VariableDeclaration:
      if (
        statement.declarations.length === 1 &&
        statement.declarations[0].init &&
        endsAsStatement(statement.declarations[0].init, facts)
      )
        return 'ends';
      break;
    case AST_NODE_TYPES.BlockStatement:
      return sequence(statement.body, 0, covered, facts);
    case AST_NODE_TYPES.IfStatement: {
      if (!covered && !isSafeExpression(statement.test, facts)) return 'fails';
      const outcomes = [
        statementOutcome(statement.consequent, covered, facts),
        statement.alternate ? statementOutcome(statement.alternate, covered, facts) : 'fallsThrough',
      ];
      if (outcomes.includes('fails')) return 'fails';
      return outcomes.every((outcome) => outcome === 'ends') ? 'ends' : 'fallsThrough';
    }
    case AST_NODE_TYPES.TryStatement:
      return tryOutcome(statement, covered, facts);
    default:
      break;
  }
  if (containsEnd(statement, facts) || hasEarlyExit(statement)) return 'fails';
  if (covered) return 'fallsThrough';
  return isSafeStatement(statement, facts) ? 'fallsThrough' : 'fails';
}

function tryOutcome(statement: TSESTree.TryStatement, covered: boolean, facts: PathFacts): Outcome {
  if (statement.finalizer && sequence(statement.finalizer.body, 0, covered, facts) === 'ends') return 'ends';
  const handlerEnds = statement.handler ? sequence(statement.handler.body.body, 0, covered, facts) === 'ends' : false;
  const finalizerSafe =
    !statement.finalizer || sequence(statement.finalizer.body, 0, covered, facts) === 'fallsThrough';
  if (!finalizerSafe) return 'fails';
  if (handlerEnds) {
    // Whatever the try block throws is ended in the catch; its normal paths must end or fall through.
    return sequence(statement.block.body, 0, true, facts);
  }
  // A catch that does not end the span: the try block must not end it (an end there is skipped by a throw) and the
  // catch must fall through without throwing.
  if (containsEnd(statement.block, facts) || hasEarlyExit(statement.block)) return 'fails';
  if (!statement.handler) return covered ? 'fallsThrough' : 'fails';
  return sequence(statement.handler.body.body, 0, covered, facts) === 'fallsThrough' ? 'fallsThrough' : 'fails';
}

/** `span.end()`, `await endSpan(span)`, `return withSpan(span, () => work())`: the statement's own call ends the span. */
function endsAsStatement(expression: TSESTree.Node, facts: PathFacts): boolean {
  const value = unwrap(expression);
  if (value.type !== AST_NODE_TYPES.CallExpression || !facts.endCalls.has(value)) return false;
  return value.arguments.every((argument) => isSafeExpression(argument, facts));
}

function containsEnd(node: TSESTree.Node, facts: PathFacts): boolean {
  let found = false;
  const visit = (child: TSESTree.Node): void => {
    if (found) return;
    if (child.type === AST_NODE_TYPES.CallExpression && facts.endCalls.has(child)) found = true;
    else if (!isFunctionNode(child)) forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** A `return`, or a `break`/`continue` that leaves the statement. */
function hasEarlyExit(node: TSESTree.Node): boolean {
  let found = false;
  const visit = (child: TSESTree.Node, loops: number): void => {
    if (found || isFunctionNode(child)) return;
    if (child.type === AST_NODE_TYPES.ReturnStatement) found = true;
    else if (
      (child.type === AST_NODE_TYPES.BreakStatement || child.type === AST_NODE_TYPES.ContinueStatement) &&
      (loops === 0 || child.label)
    )
      found = true;
    else {
      const isLoop =
        /^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(child.type) || child.type === AST_NODE_TYPES.SwitchStatement;
      forEachChild(child, (grandchild) => visit(grandchild, loops + (isLoop ? 1 : 0)));
    }
  };
  visit(node, 0);
  return found;
}

function isSafeStatement(statement: TSESTree.Node, facts: PathFacts): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.EmptyStatement:
    case AST_NODE_TYPES.TSTypeAliasDeclaration:
    case AST_NODE_TYPES.TSInterfaceDeclaration:
      return true;
    case AST_NODE_TYPES.ExpressionStatement:
      return isSafeExpression(statement.expression, facts);
    case AST_NODE_TYPES.VariableDeclaration:
      return statement.declarations.every(
        (declarator) =>
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          (!declarator.init || isSafeExpression(declarator.init, facts)),
      );
    default:
      return false;
  }
}

/**
 * Expressions that cannot throw in practice: values, property reads, functions being created, operators over them,
 * annotations of the span itself (`span.setAttribute(…)`), OpenTelemetry context calls and clocks. Any other
 * call, `await`, `new` or `yield` may throw.
 */
function isSafeExpression(expression: TSESTree.Node, facts: PathFacts): boolean {
  const value = expression.type === AST_NODE_TYPES.AwaitExpression ? expression : unwrap(expression);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.every((part) => isSafeExpression(part, facts));
    case AST_NODE_TYPES.MemberExpression:
      return isSafeExpression(value.object, facts) && (!value.computed || isSafeExpression(value.property, facts));
    case AST_NODE_TYPES.ObjectExpression:
      return value.properties.every((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? isSafeExpression(property.argument, facts)
          : (!property.computed || isSafeExpression(property.key, facts)) && isSafeExpression(property.value, facts),
      );
    case AST_NODE_TYPES.ArrayExpression:
      return value.elements.every(
        (element) =>
          !element ||
          isSafeExpression(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, facts),
      );
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator !== 'delete' && isSafeExpression(value.argument, facts);
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return isSafeExpression(value.left, facts) && isSafeExpression(value.right, facts);
    case AST_NODE_TYPES.ConditionalExpression:
      return (
        isSafeExpression(value.test, facts) &&
        isSafeExpression(value.consequent, facts) &&
        isSafeExpression(value.alternate, facts)
      );
    case AST_NODE_TYPES.AssignmentExpression:
      return (
        (value.left.type === AST_NODE_TYPES.Identifier || value.left.type === AST_NODE_TYPES.MemberExpression) &&
        isSafeExpression(value.right, facts)
      );
    case AST_NODE_TYPES.NewExpression:
      return (
        terminalName(value.callee) === 'Date' && value.arguments.every((argument) => isSafeExpression(argument, facts))
      );
    case AST_NODE_TYPES.CallExpression:
      return isSafeCall(value, facts);
    default:
      return false;
  }
}

function isSafeCall(call: TSESTree.CallExpression, facts: PathFacts): boolean {
  const callee = unwrap(call.callee);
  const arguments_ = call.arguments.every((argument) => isSafeExpression(argument, facts));
  if (facts.recordingCalls.has(call)) return arguments_;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  const receiver = unwrap(callee.object);
  if (
    method !== undefined &&
    ANNOTATING_METHODS.has(method) &&
    (facts.spanIdentifiers.has(receiver) ||
      (receiver.type === AST_NODE_TYPES.CallExpression && isSafeCall(receiver, facts)))
  )
    return arguments_;
  if (method !== undefined && CONTEXT_CALLS.has(method)) return arguments_;
  return false;
}

/** The scope a node is in (for looking names up). */
export function scopeOf(context: RuleContext, node: TSESTree.Node): Scope {
  return context.sourceCode.getScope(node);
}

/** What a catch body does about the error for one span. */
export interface ErrorRecording {
  /** `span.recordException(…)`. */
  exception: boolean;
  /** `span.setStatus({ code: SpanStatusCode.ERROR })` (or a status the rule cannot read). */
  status: boolean;
  /** The `code` of a `span.setStatus({ code: SpanStatusCode.OK })` in the catch: an error status must replace it. */
  nonErrorCode?: TSESTree.Node;
}

/**
 * Whether `body` records the caught error on the span named `span`: directly, through a configured recorder, or
 * through a helper of this file or the project given the span (`recordError(span, err)` whose body does both).
 */
export function caughtErrorRecording(
  body: TSESTree.Node,
  span: string,
  uses: SpanUses,
  recorders: ReadonlySet<string>,
  depth = 0,
): ErrorRecording {
  const recording: ErrorRecording = { exception: false, status: false };
  const visit = (node: TSESTree.Node): void => {
    if (recording.exception && recording.status) return;
    if (isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && isNamed(callee.object, span)) {
        const method = memberName(callee);
        if (method === 'recordException') recording.exception = true;
        if (method === 'setStatus' && isErrorStatus(node.arguments[0])) recording.status = true;
        else if (method === 'setStatus' && depth === 0) recording.nonErrorCode ??= statusCodeOf(node.arguments[0]);
      }
      const index = node.arguments.findIndex((argument) => isNamed(argument, span));
      if (index >= 0) {
        const name = terminalName(callee);
        if (name !== undefined && recorders.has(name)) recording.exception = recording.status = true;
        else if (depth < 3) {
          const helper = uses.functionCalled(node);
          const param = helper?.node.params[index];
          if (helper && param?.type === AST_NODE_TYPES.Identifier) {
            const inner = caughtErrorRecording(helper.node.body, param.name, uses, recorders, depth + 1);
            recording.exception ||= inner.exception;
            recording.status ||= inner.status;
          }
        }
      }
    }
    forEachChild(node, visit);
  };
  visit(body);
  return recording;
}

function isNamed(node: TSESTree.Node, name: string): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Identifier && value.name === name;
}

function statusCodeOf(argument: TSESTree.Node | undefined): TSESTree.Node | undefined {
  const value = argument ? unwrap(argument) : undefined;
  if (value?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const code = value.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'code',
  );
  return code?.value;
}

/** `{ code: SpanStatusCode.ERROR }`, `{ code: 2 }`, or a status the rule cannot read; not OK or UNSET. */
function isErrorStatus(argument: TSESTree.Node | undefined): boolean {
  if (!argument) return false;
  const value = unwrap(argument);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return true;
  const code = value.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'code',
  );
  if (!code) return value.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
  const held = unwrap(code.value);
  if (held.type === AST_NODE_TYPES.Literal) return held.value === 2;
  if (held.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(held);
    return name !== 'OK' && name !== 'UNSET';
  }
  return true;
}

/** Whether `node` holds a span: a span start's variable, startActiveSpan's parameter, a name that says span, `trace.getActiveSpan()`. */
export function isSpanExpression(node: TSESTree.Node, context: RuleContext): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const name = terminalName(value.callee);
    return name === 'getActiveSpan' || name === 'getSpan';
  }
  const name =
    value.type === AST_NODE_TYPES.Identifier
      ? value.name
      : value.type === AST_NODE_TYPES.MemberExpression
        ? memberName(value)
        : undefined;
  if (name === undefined) return false;
  if (splitWords(name).includes('span')) return true;
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(context.sourceCode.getScope(value), value.name)?.defs[0];
  if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = unwrap(def.node.init);
    return init.type === AST_NODE_TYPES.CallExpression && spanStartOf(init, context) !== undefined;
  }
  if (
    def?.type === 'Parameter' &&
    isFunctionNode(def.node) &&
    def.node.parent?.type === AST_NODE_TYPES.CallExpression
  ) {
    return spanStartOf(def.node.parent, context)?.callback === def.node;
  }
  return false;
}
