import type { PyNode } from '../../languages/python/nodes';
import type { PythonImports } from '../../languages/python/imports';
import { calleeMethod, dottedName, field, stringValue } from '../../languages/python/query';
import type { Destination, TelemetryFamily } from '../telemetry-sinks';
import { splitWords } from '../words';
import type { PythonBindings } from './bindings';
import { unwrap } from './loggers';

/** One value a Python telemetry call sends. */
export interface PyTelemetryValue {
  value: PyNode;
  /** The key it is sent under (attribute, tag, extra, context or baggage entry), when static. */
  key: string | undefined;
  destination: Destination;
  /** What to delete to stop sending it: the statement, or the argument that holds it. Undefined: nothing safe. */
  removal: PyNode | undefined;
  /** The parameter takes a mapping (`set_user(user)`, `set_attributes(attrs)`): no `bool(x)` or `x.id` there. */
  objectSlot: boolean;
}

/** Sentry's module functions and scope methods, by what they send. */
const SENTRY_KEYED: Readonly<Record<string, Destination>> = {
  set_tag: 'sentryTag',
  set_extra: 'sentryExtra',
  set_context: 'sentryContext',
};
const SENTRY_OBJECT: Readonly<Record<string, Destination>> = {
  set_user: 'sentryUser',
  set_tags: 'sentryTag',
};
const SPAN_STARTERS = new Set(['start_as_current_span', 'start_span']);

/**
 * Python's telemetry sinks, as the JavaScript side knows them: OpenTelemetry span attributes and events (in files
 * that import `opentelemetry`), baggage entries, and Sentry's scope data (`sentry_sdk.set_user`, `set_tag`,
 * `set_extra`, `set_context`, `capture_message`, `add_breadcrumb`, and the same methods of a `scope`).
 */
export class PythonTelemetrySinks {
  private readonly otel: boolean;
  private readonly sentry: boolean;

  constructor(
    private readonly imports: PythonImports,
    private readonly bindings: PythonBindings,
    private readonly on: Readonly<Record<TelemetryFamily, boolean>>,
  ) {
    this.otel = imports.importsFrom('opentelemetry');
    this.sentry = imports.importsFrom('sentry_sdk');
  }

  /** The values a call sends as telemetry, or undefined for any other call. */
  valuesOf(call: PyNode): PyTelemetryValue[] | undefined {
    const callee = field(call, 'function');
    const method = calleeMethod(call);
    if (!callee || !method) return undefined;
    const qualified = this.qualify(callee);
    const args = argumentsOf(call);
    if (this.on.errorTracker && this.sentry) {
      const receiver = callee.type === 'attribute' ? field(callee, 'object') : undefined;
      const onScope = receiver !== undefined && lastWord(receiver) === 'scope';
      if (qualified?.startsWith('sentry_sdk.') || onScope) {
        const found = this.sentryValues(call, method, args, qualified !== undefined && !onScope);
        if (found) return found;
      }
    }
    if (this.on.baggage && qualified === 'opentelemetry.baggage.set_baggage' && args.positional[1]) {
      return [slot(args.positional[1], stringValue(args.positional[0]), 'baggage', undefined, false)];
    }
    if (!this.on.spans || !this.otel || callee.type !== 'attribute') return undefined;
    const receiver = field(callee, 'object');
    if (SPAN_STARTERS.has(method)) {
      const attributes = args.keywords.get('attributes');
      return attributes ? [slot(attributes.value, undefined, 'spanAttribute', attributes.argument, true)] : [];
    }
    if (!receiver || !this.isSpan(receiver)) return undefined;
    const statement = statementOf(call);
    switch (method) {
      case 'set_attribute':
        return args.positional[1]
          ? [slot(args.positional[1], stringValue(args.positional[0]), 'spanAttribute', statement, false)]
          : [];
      case 'set_attributes':
        return args.positional[0] ? [slot(args.positional[0], undefined, 'spanAttribute', statement, true)] : [];
      case 'add_event':
      case 'record_exception': {
        const attributes = args.keywords.get('attributes');
        if (attributes) return [slot(attributes.value, undefined, 'spanEvent', attributes.argument, true)];
        const positional = args.positional[1];
        return positional ? [slot(positional, undefined, 'spanEvent', positional, true)] : [];
      }
      default:
        return undefined;
    }
  }

  private sentryValues(
    call: PyNode,
    method: string,
    args: CallArguments,
    moduleFunction: boolean,
  ): PyTelemetryValue[] | undefined {
    const statement = statementOf(call);
    const keyed = SENTRY_KEYED[method];
    if (keyed) {
      const value = args.positional[1];
      return value ? [slot(value, stringValue(args.positional[0]), keyed, statement, keyed === 'sentryContext')] : [];
    }
    const object = SENTRY_OBJECT[method];
    if (object) return args.positional[0] ? [slot(args.positional[0], undefined, object, statement, true)] : [];
    if (!moduleFunction) return undefined;
    if (method === 'capture_message') {
      return args.positional[0] ? [slot(args.positional[0], undefined, 'sentryMessage', undefined, false)] : [];
    }
    if (method === 'add_breadcrumb') {
      const values: PyTelemetryValue[] = [];
      const message = args.keywords.get('message');
      const data = args.keywords.get('data');
      if (message) values.push(slot(message.value, 'message', 'sentryBreadcrumb', undefined, false));
      if (data) values.push(slot(data.value, undefined, 'sentryBreadcrumb', data.argument, true));
      if (args.positional[0]) values.push(slot(args.positional[0], undefined, 'sentryBreadcrumb', undefined, true));
      return values;
    }
    return undefined;
  }

  /** `span`, `root_span`, `self.span`, `trace.get_current_span()`: a span by its creation or its name. */
  private isSpan(receiver: PyNode): boolean {
    const value = unwrap(receiver);
    if (value.type === 'call') {
      const qualified = this.qualify(field(value, 'function'));
      return qualified === 'opentelemetry.trace.get_current_span';
    }
    return lastWord(value) === 'span';
  }

  private qualify(node: PyNode | undefined): string | undefined {
    let base = node;
    while (base?.type === 'attribute') base = field(base, 'object');
    if (!base || base.type !== 'identifier' || !this.bindings.isImported(base)) return undefined;
    return this.imports.qualify(dottedName(node));
  }
}

interface CallArguments {
  positional: PyNode[];
  keywords: Map<string, { argument: PyNode; value: PyNode }>;
}

function argumentsOf(call: PyNode): CallArguments {
  const list = field(call, 'arguments');
  const children = list?.type === 'argument_list' ? list.children.filter((child) => child.type !== 'comment') : [];
  const keywords = new Map<string, { argument: PyNode; value: PyNode }>();
  for (const child of children) {
    const name = child.type === 'keyword_argument' ? field(child, 'name')?.text : undefined;
    const value = child.type === 'keyword_argument' ? field(child, 'value') : undefined;
    if (name !== undefined && value) keywords.set(name, { argument: child, value });
  }
  return {
    positional: children.filter(
      (child) => child.type !== 'keyword_argument' && child.type !== 'dictionary_splat' && child.type !== 'list_splat',
    ),
    keywords,
  };
}

function slot(
  value: PyNode,
  key: string | undefined,
  destination: Destination,
  removal: PyNode | undefined,
  objectSlot: boolean,
): PyTelemetryValue {
  return { value, key, destination, removal, objectSlot };
}

/** The expression statement a call is, when it is one on its own (`span.set_attribute(k, v)`). */
function statementOf(call: PyNode): PyNode | undefined {
  return call.parent?.type === 'expression_statement' && call.parent.children.length === 1 ? call.parent : undefined;
}

function lastWord(node: PyNode): string | undefined {
  const value = unwrap(node);
  const name =
    value.type === 'identifier' ? value.text : value.type === 'attribute' ? field(value, 'attribute')?.text : undefined;
  const words = name === undefined ? [] : splitWords(name);
  return words[words.length - 1];
}
