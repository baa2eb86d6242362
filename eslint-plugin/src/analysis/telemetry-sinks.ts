import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findVariable,
  importBindings,
  type ImportBinding,
  isFunctionNode,
  isWholeModule,
  memberName,
  propertyKeyName,
  terminalName,
  unwrap,
} from './ast';
import { constantStringOf, type ProjectImports } from './project-imports';
import { type RuleContext, spanStartOf } from './spans';
import { splitWords } from './words';

/**
 * Telemetry that leaves the process like a log line does: OpenTelemetry span attributes and events, baggage
 * entries (propagated to every downstream service), and error-tracker context (Sentry). Which call writes
 * which values where; `no-pii-in-logs` judges the values with the same flow analysis as log arguments.
 */

export type TelemetryFamily = 'spans' | 'baggage' | 'errorTracker';

/** Where a value goes; the rule turns it into words. */
export type Destination =
  | 'spanAttribute'
  | 'spanEvent'
  | 'baggage'
  | 'sentryExtra'
  | 'sentryContext'
  | 'sentryTag'
  | 'sentryUser'
  | 'sentryBreadcrumb'
  | 'sentryMessage';

/** One value a telemetry call writes. */
export interface TelemetryValue {
  value: TSESTree.Node;
  /** The key it is written under (attribute, tag, extra, context or baggage entry name), when static. */
  key: string | undefined;
  destination: Destination;
  /**
   * What to delete to stop sending the value: its property (a baggage entry, a breadcrumb's `data`), an optional
   * argument (`addEvent`'s attributes), or the statement (`span.setAttribute(k, v);`). Undefined: nothing safe.
   */
  removal: TSESTree.Node | undefined;
  /** The parameter takes an object (`setUser(user)`, `setAttributes(attrs)`, `{ extra }`): no `Boolean(x)` or `x.id` there. */
  objectSlot: boolean;
}

export interface TelemetrySink {
  family: TelemetryFamily;
  values: TelemetryValue[];
}

const SPAN_METHODS = new Set(['setAttribute', 'setAttributes', 'addEvent', 'startSpan', 'startActiveSpan']);
const BAGGAGE_METHODS = new Set(['createBaggage', 'setEntry']);
const SENTRY_METHODS = new Set([
  'setExtra',
  'setExtras',
  'setContext',
  'setTag',
  'setTags',
  'setUser',
  'addBreadcrumb',
  'captureException',
  'captureMessage',
]);
/** Span methods that return the span (chains such as `span.setAttribute(a, x).setAttribute(b, y)`). */
const SPAN_CHAINING_METHODS = new Set([
  'setAttribute',
  'setAttributes',
  'addEvent',
  'addLink',
  'addLinks',
  'setStatus',
  'updateName',
]);
/** Scope methods that return the scope. */
const SCOPE_CHAINING_METHODS = new Set([
  'setExtra',
  'setExtras',
  'setContext',
  'setTag',
  'setTags',
  'setUser',
  'addBreadcrumb',
  'setLevel',
  'setFingerprint',
  'clear',
]);
const SCOPE_GETTERS = new Set(['getCurrentScope', 'getIsolationScope', 'getGlobalScope']);
/** Sentry functions whose callback receives a scope. */
const SCOPE_CALLBACK_FUNCTIONS = new Set(['withScope', 'configureScope', 'withIsolationScope']);
/** Baggage methods that return a baggage, and propagation calls that give one. */
const BAGGAGE_RETURNING = new Set(['setEntry', 'removeEntry', 'removeEntries', 'clear']);
const BAGGAGE_GETTERS = new Set(['getBaggage', 'getActiveBaggage', 'createBaggage']);
/** DOM calls: a `span` element's `setAttribute` writes HTML, not a trace. */
const DOM_CALLS = new Set([
  'createElement',
  'createElementNS',
  'querySelector',
  'querySelectorAll',
  'getElementById',
  'getElementsByTagName',
  'getElementsByClassName',
  'closest',
  'cloneNode',
  'item',
]);

/** Keys of `captureException(err, hint)` / `captureMessage(msg, hint)` whose values reach Sentry as event data. */
const CAPTURE_CONTEXT_KEYS = new Map<string, Destination>([
  ['extra', 'sentryExtra'],
  ['contexts', 'sentryContext'],
  ['tags', 'sentryTag'],
  ['user', 'sentryUser'],
]);

/** Whether any call of this file can be a telemetry sink at all, by method name: the first, cheapest test. */
export function mayBeTelemetryMethod(name: string): boolean {
  return SPAN_METHODS.has(name) || BAGGAGE_METHODS.has(name) || SENTRY_METHODS.has(name);
}

/** Recognises telemetry sinks in one file. Built on the first call whose method name could be one. */
export class TelemetrySinks {
  /** Text probes, once per file: no receiver is resolved in a file that mentions neither OpenTelemetry nor Sentry. */
  private readonly mentionsOtel: boolean;
  private readonly mentionsSentry: boolean;
  private readonly bindings: ReadonlyMap<string, ImportBinding>;
  private readonly importsOtel: boolean;

  constructor(
    private readonly context: RuleContext,
    private readonly enabled: Readonly<Record<TelemetryFamily, boolean>>,
    private readonly imports: ProjectImports | undefined,
  ) {
    const text = context.sourceCode.text;
    this.mentionsOtel =
      (enabled.spans || enabled.baggage) &&
      (text.includes('opentelemetry') || text.includes('Span') || text.includes('Baggage'));
    this.mentionsSentry = enabled.errorTracker && text.includes('@sentry/');
    this.bindings = importBindings(context.sourceCode.ast);
    this.importsOtel = [...this.bindings.values()].some((binding) => binding.module.startsWith('@opentelemetry/'));
  }

  /** The telemetry a call writes, or undefined for any other call. */
  sinkOf(call: TSESTree.CallExpression): TelemetrySink | undefined {
    if (!this.mentionsOtel && !this.mentionsSentry) return undefined;
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // `import { setExtra } from '@sentry/node'`
      if (!this.mentionsSentry) return undefined;
      const binding = this.sentryBinding(callee);
      return binding && SENTRY_METHODS.has(binding.imported) ? this.sentrySink(call, binding.imported) : undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    if (this.mentionsOtel && this.enabled.spans && SPAN_METHODS.has(method)) {
      const sink = this.spanSink(call, callee, method);
      if (sink) return sink;
    }
    if (this.mentionsOtel && this.enabled.baggage && BAGGAGE_METHODS.has(method)) {
      const sink = this.baggageSink(call, callee, method);
      if (sink) return sink;
    }
    if (
      this.mentionsSentry &&
      SENTRY_METHODS.has(method) &&
      (this.isSentryNamespace(callee.object) || this.isSentryScope(callee.object, 0))
    ) {
      return this.sentrySink(call, method);
    }
    return undefined;
  }

  /* ---------------------------------------------------------------- spans ------------------------------------ */

  private spanSink(
    call: TSESTree.CallExpression,
    callee: TSESTree.MemberExpression,
    method: string,
  ): TelemetrySink | undefined {
    const args = call.arguments;
    if (method === 'startSpan' || method === 'startActiveSpan') {
      // `tracer.startSpan(name, { attributes })`: the tracer as the span rules recognise it.
      const start = spanStartOf(call, this.context);
      const options = start?.options ? unwrap(start.options) : undefined;
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const attributes = findProperty(options, 'attributes');
      if (!attributes) return undefined;
      return { family: 'spans', values: [this.objectValue(attributes.value, 'spanAttribute', attributes)] };
    }
    if (!this.isSpan(callee.object, 0)) return undefined;
    const statement = removableStatement(call);
    if (method === 'setAttribute') {
      const [key, value] = args;
      if (!key || !value) return undefined;
      return { family: 'spans', values: [this.value(value, this.keyOf(key), 'spanAttribute', statement)] };
    }
    if (method === 'setAttributes') {
      return args[0] ? { family: 'spans', values: [this.objectValue(args[0], 'spanAttribute', statement)] } : undefined;
    }
    // addEvent(name, attributesOrStartTime?, startTime?): the name and the attributes.
    const values: TelemetryValue[] = [];
    if (args[0]) values.push(this.value(args[0], undefined, 'spanEvent', undefined));
    if (args[1]) values.push(this.objectValue(args[1], 'spanEvent', args.length === 2 ? args[1] : undefined));
    return { family: 'spans', values };
  }

  /**
   * Whether `node` holds an OpenTelemetry span: a span start (`tracer.startSpan()`), startActiveSpan's callback
   * parameter, `trace.getActiveSpan()`, `trace.getSpan(ctx)`, a variable initialised from one, a variable or
   * parameter typed `Span`, or a name whose last word is `span` (`span`, `rootSpan`, `this.span`). A DOM element
   * (`document.createElement('span')`, typed `HTMLSpanElement`) is not.
   */
  private isSpan(node: TSESTree.Node, depth: number): boolean {
    if (depth > 4) return false;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      const name = terminalName(callee);
      if (name === 'getActiveSpan') return true;
      if (name === 'getSpan')
        return callee.type === AST_NODE_TYPES.MemberExpression && terminalName(callee.object) === 'trace';
      if (spanStartOf(value, this.context)) return true;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        name !== undefined &&
        SPAN_CHAINING_METHODS.has(name) &&
        this.isSpan(callee.object, depth + 1)
      );
    }
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(value);
      return name !== undefined && lastWordIs(name, 'span');
    }
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(this.context.sourceCode.getScope(value), value.name)?.defs[0];
    const annotation =
      def?.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
    const typeName = typeNameOf(annotation);
    if (typeName !== undefined) {
      if (typeName === 'Span') return true;
      if (isDomTypeName(typeName)) return false;
    }
    if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) {
      const init = unwrap(def.node.init);
      if (init.type === AST_NODE_TYPES.CallExpression) {
        if (DOM_CALLS.has(terminalName(init.callee) ?? '')) return false;
        if (this.isSpan(init, depth + 1)) return true;
      }
    }
    if (
      def?.type === 'Parameter' &&
      isFunctionNode(def.node) &&
      def.node.parent?.type === AST_NODE_TYPES.CallExpression
    ) {
      if (spanStartOf(def.node.parent, this.context)?.callback === def.node) return true;
    }
    return lastWordIs(value.name, 'span');
  }

  /* ---------------------------------------------------------------- baggage ---------------------------------- */

  private baggageSink(
    call: TSESTree.CallExpression,
    callee: TSESTree.MemberExpression,
    method: string,
  ): TelemetrySink | undefined {
    if (method === 'createBaggage') {
      if (!this.isPropagation(callee.object)) return undefined;
      const entries = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
      if (!entries) return undefined;
      if (entries.type !== AST_NODE_TYPES.ObjectExpression)
        return { family: 'baggage', values: [this.value(entries, undefined, 'baggage', undefined)] };
      const values = entries.properties.map((property) => {
        if (property.type === AST_NODE_TYPES.SpreadElement)
          return this.value(property.argument, undefined, 'baggage', property);
        return this.value(entryValue(property.value), propertyKeyName(property), 'baggage', property);
      });
      return { family: 'baggage', values };
    }
    // bag.setEntry(key, { value, metadata? })
    const [key, entry] = call.arguments;
    if (!key || !entry || !this.isBaggage(callee.object, 0)) return undefined;
    return {
      family: 'baggage',
      values: [this.value(entryValue(entry), this.keyOf(key), 'baggage', removableStatement(call))],
    };
  }

  /** `propagation` imported from `@opentelemetry/api`, or `api.propagation` on the module. */
  private isPropagation(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const binding = this.moduleBinding(value);
      return (
        binding !== undefined && binding.module.startsWith('@opentelemetry/') && binding.imported === 'propagation'
      );
    }
    if (value.type !== AST_NODE_TYPES.MemberExpression || memberName(value) !== 'propagation') return false;
    const base = unwrap(value.object);
    const binding = base.type === AST_NODE_TYPES.Identifier ? this.moduleBinding(base) : undefined;
    return (
      binding !== undefined &&
      binding.module.startsWith('@opentelemetry/') &&
      (isWholeModule(binding) || binding.imported === 'default')
    );
  }

  /** A baggage: from `propagation.getBaggage/getActiveBaggage/createBaggage`, a `setEntry` on one, typed `Baggage`, or named `baggage` in a file importing OpenTelemetry. */
  private isBaggage(node: TSESTree.Node, depth: number): boolean {
    if (depth > 4) return false;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const name = memberName(callee) ?? '';
      if (BAGGAGE_GETTERS.has(name)) return this.isPropagation(callee.object);
      return BAGGAGE_RETURNING.has(name) && this.isBaggage(callee.object, depth + 1);
    }
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(this.context.sourceCode.getScope(value), value.name)?.defs[0];
    const annotation =
      def?.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
    if (typeNameOf(annotation) === 'Baggage') return true;
    if (
      def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.id === def.name &&
      def.node.init &&
      this.isBaggage(def.node.init, depth + 1)
    )
      return true;
    return this.importsOtel && lastWordIs(value.name, 'baggage');
  }

  /* ---------------------------------------------------------------- Sentry ----------------------------------- */

  private sentrySink(call: TSESTree.CallExpression, method: string): TelemetrySink | undefined {
    const args = call.arguments;
    const statement = removableStatement(call);
    const sink = (values: TelemetryValue[]): TelemetrySink => ({ family: 'errorTracker', values });
    switch (method) {
      case 'setExtra':
      case 'setTag': {
        const [key, value] = args;
        return key && value
          ? sink([this.value(value, this.keyOf(key), method === 'setExtra' ? 'sentryExtra' : 'sentryTag', statement)])
          : undefined;
      }
      case 'setExtras':
      case 'setTags':
        return args[0]
          ? sink([this.objectValue(args[0], method === 'setExtras' ? 'sentryExtra' : 'sentryTag', statement)])
          : undefined;
      case 'setContext': {
        const [name, value] = args;
        return name && value
          ? sink([{ ...this.objectValue(value, 'sentryContext', statement), key: this.keyOf(name) }])
          : undefined;
      }
      case 'setUser':
        return args[0] ? sink([this.objectValue(args[0], 'sentryUser', statement)]) : undefined;
      case 'addBreadcrumb': {
        const crumb = args[0] ? unwrap(args[0]) : undefined;
        if (!crumb) return undefined;
        if (crumb.type !== AST_NODE_TYPES.ObjectExpression)
          return sink([this.objectValue(crumb, 'sentryBreadcrumb', undefined)]);
        const message = findProperty(crumb, 'message');
        const data = findProperty(crumb, 'data');
        const values = [
          ...(message ? [this.value(message.value, undefined, 'sentryBreadcrumb', message)] : []),
          ...(data ? [this.objectValue(data.value, 'sentryBreadcrumb', data)] : []),
        ];
        return sink(values);
      }
      case 'captureException':
      case 'captureMessage': {
        // The exception itself is not judged (like `span.recordException`); a message and the capture context are.
        const values =
          method === 'captureMessage' && args[0] ? [this.value(args[0], undefined, 'sentryMessage', undefined)] : [];
        const hint = args[1] ? unwrap(args[1]) : undefined;
        if (hint?.type === AST_NODE_TYPES.ObjectExpression) {
          for (const [key, destination] of CAPTURE_CONTEXT_KEYS) {
            const property = findProperty(hint, key);
            if (property) values.push(this.objectValue(property.value, destination, property));
          }
        }
        return sink(values);
      }
      default:
        return undefined;
    }
  }

  /** A binding of a `@sentry/*` module that is not shadowed where `node` is. */
  private sentryBinding(node: TSESTree.Identifier): ImportBinding | undefined {
    const binding = this.moduleBinding(node);
    return binding?.module.startsWith('@sentry/') ? binding : undefined;
  }

  /** `Sentry` in `import * as Sentry from '@sentry/node'`, `const Sentry = require('@sentry/node')`. */
  private isSentryNamespace(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const binding = this.sentryBinding(value);
    return binding !== undefined && (isWholeModule(binding) || binding.imported === 'default');
  }

  /** A function of a `@sentry/*` module: `Sentry.withScope`, or `withScope` imported by name. */
  private sentryFunctionName(callee: TSESTree.Node): string | undefined {
    const value = unwrap(callee);
    if (value.type === AST_NODE_TYPES.Identifier) return this.sentryBinding(value)?.imported;
    if (value.type === AST_NODE_TYPES.MemberExpression && this.isSentryNamespace(value.object))
      return memberName(value);
    return undefined;
  }

  /**
   * A Sentry scope: the callback parameter of `withScope`/`configureScope`/`withIsolationScope`,
   * `getCurrentScope()`/`getIsolationScope()`/`getGlobalScope()`, `new Scope()`, a variable holding one, a parameter
   * typed with Sentry's `Scope`, or a scope method's result (they return the scope).
   */
  private isSentryScope(node: TSESTree.Node, depth: number): boolean {
    if (depth > 4) return false;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const name = this.sentryFunctionName(value.callee);
      if (name !== undefined) return SCOPE_GETTERS.has(name);
      const callee = unwrap(value.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        SCOPE_CHAINING_METHODS.has(memberName(callee) ?? '') &&
        this.isSentryScope(callee.object, depth + 1)
      );
    }
    if (value.type === AST_NODE_TYPES.NewExpression) return this.sentryFunctionName(value.callee) === 'Scope';
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(this.context.sourceCode.getScope(value), value.name)?.defs[0];
    if (!def) return false;
    if (def.type === 'Parameter' && isFunctionNode(def.node)) {
      const annotation =
        def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
      if (annotation?.type === AST_NODE_TYPES.TSTypeReference && this.sentryTypeName(annotation.typeName) === 'Scope')
        return true;
      const owner = def.node.parent;
      if (
        owner?.type !== AST_NODE_TYPES.CallExpression ||
        !owner.arguments.some((argument) => argument === def.node) ||
        def.node.params[0] !== def.name
      )
        return false;
      const name = this.sentryFunctionName(owner.callee);
      return name !== undefined && SCOPE_CALLBACK_FUNCTIONS.has(name);
    }
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init)
      return this.isSentryScope(def.node.init, depth + 1);
    return false;
  }

  /** `Scope` imported from Sentry, or `Sentry.Scope`. */
  private sentryTypeName(typeName: TSESTree.EntityName): string | undefined {
    if (typeName.type === AST_NODE_TYPES.Identifier) return this.sentryBinding(typeName)?.imported;
    if (
      typeName.type === AST_NODE_TYPES.TSQualifiedName &&
      typeName.left.type === AST_NODE_TYPES.Identifier &&
      this.isSentryNamespace(typeName.left)
    )
      return typeName.right.name;
    return undefined;
  }

  /* ---------------------------------------------------------------- shared ----------------------------------- */

  /** The module binding a name refers to at this point: an import or top-level require, not a local of the same name. */
  private moduleBinding(node: TSESTree.Identifier): ImportBinding | undefined {
    const binding = this.bindings.get(node.name);
    if (!binding) return undefined;
    const def = findVariable(this.context.sourceCode.getScope(node), node.name)?.defs[0];
    const moduleLevel =
      def?.type === 'ImportBinding' ||
      (def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
        def.node.parent?.parent?.type === AST_NODE_TYPES.Program);
    return moduleLevel ? binding : undefined;
  }

  private keyOf(key: TSESTree.Node): string | undefined {
    return constantStringOf(key, this.context.sourceCode.getScope(key), this.imports);
  }

  private value(
    value: TSESTree.Node,
    key: string | undefined,
    destination: Destination,
    removal: TSESTree.Node | undefined,
  ): TelemetryValue {
    return { value, key, destination, removal, objectSlot: false };
  }

  /** A parameter that takes an object of attributes, tags, extras or user fields. */
  private objectValue(
    value: TSESTree.Node,
    destination: Destination,
    removal: TSESTree.Node | undefined,
  ): TelemetryValue {
    return { value, key: undefined, destination, removal, objectSlot: true };
  }
}

/** `{ value: v, metadata }` → v; anything else is the entry as written. */
function entryValue(entry: TSESTree.Node): TSESTree.Node {
  const value = unwrap(entry);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return entry;
  return findProperty(value, 'value')?.value ?? entry;
}

function findProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  return object.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key,
  );
}

/** The call's statement when deleting it leaves valid code: an expression statement directly in a block or the program. */
function removableStatement(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | undefined {
  let node: TSESTree.Node = call;
  while (node.parent?.type === AST_NODE_TYPES.AwaitExpression || node.parent?.type === AST_NODE_TYPES.ChainExpression)
    node = node.parent;
  const statement = node.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const holder = statement.parent;
  const inList =
    holder?.type === AST_NODE_TYPES.BlockStatement ||
    holder?.type === AST_NODE_TYPES.Program ||
    holder?.type === AST_NODE_TYPES.SwitchCase;
  return inList ? statement : undefined;
}

function lastWordIs(name: string, word: string): boolean {
  const words = splitWords(name);
  return words[words.length - 1] === word;
}

function typeNameOf(annotation: TSESTree.TypeNode | undefined): string | undefined {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const typeName = annotation.typeName;
  return typeName.type === AST_NODE_TYPES.Identifier
    ? typeName.name
    : typeName.type === AST_NODE_TYPES.TSQualifiedName
      ? typeName.right.name
      : undefined;
}

function isDomTypeName(name: string): boolean {
  return /^(HTML|SVG)\w*Element$/.test(name) || name === 'Element';
}
