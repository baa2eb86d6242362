import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { forEachChild, memberName, propertyKeyName, unwrap } from './ast';
import { type ModuleScope } from './service-model/module-scope';

/**
 * How a helper records labels on a metric it is handed: `function newMeter(h, path) { return h.startTimer({ route:
 * path }) }`, `function record(metric, labels) { metric.labels(labels).inc() }`. The helper's own code says nothing
 * about the values (they are parameters); its callers do, so each call is judged with the metric and values it
 * passes. Read syntactically, in any module: parameters are told apart from other names by ModuleScope.
 */
export interface HelperSink {
  library: 'prom-client' | 'opentelemetry';
  /** The parameter that receives the metric, or else the helper's own receiver (a metric of its module). */
  metricParameter?: number;
  receiver: TSESTree.Node;
  /** Label values taken from parameters: by label name (`{ route: path }`) or by position (`labels(a, b)`). */
  values: Array<{ label?: string; position?: number; parameter: number }>;
  /** The parameter that is the whole label set (`metric.inc(labels)`). */
  objectParameter?: number;
  /** `metric.labels(x)`: `x` may be the label set or the first label's value. */
  firstPositional?: boolean;
}

/** prom-client methods that take a label set first (`startTimer()`'s `end` is followed separately). */
const PROM_METHODS = new Set(['inc', 'dec', 'set', 'observe', 'startTimer', 'labels']);
const OTEL_METHODS = new Set(['add', 'record']);

const sinksByFunction = new WeakMap<TSESTree.Node, HelperSink[]>();

export function helperSinks(fn: TSESTree.FunctionLike, scope: ModuleScope): HelperSink[] {
  let sinks = sinksByFunction.get(fn);
  if (!sinks) sinksByFunction.set(fn, (sinks = findSinks(fn, scope)));
  return sinks;
}

function findSinks(fn: TSESTree.FunctionLike, scope: ModuleScope): HelperSink[] {
  if (!fn.body || fn.params.length === 0) return [];
  const parameterOf = (node: TSESTree.Node | undefined): number | undefined => {
    const target = node ? unwrap(node) : undefined;
    if (target?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declaration = scope.declarationOf(target);
    const index = fn.params.findIndex((param) => {
      const bound =
        param.type === AST_NODE_TYPES.AssignmentPattern
          ? param.left
          : param.type === AST_NODE_TYPES.TSParameterProperty
            ? param.parameter
            : param;
      return bound === declaration;
    });
    return index >= 0 ? index : undefined;
  };
  const sinks: HelperSink[] = [];
  const add = (
    library: HelperSink['library'],
    receiver: TSESTree.Node,
    labels: readonly TSESTree.CallExpressionArgument[],
    positional: boolean,
  ): void => {
    // `recordRequest(path) { Counters.requests.inc({ path }) }`: the metric is the helper's; the caller passes values.
    const sink: HelperSink = { library, metricParameter: parameterOf(receiver), receiver, values: [] };
    const first = labels[0] ? unwrap(labels[0]) : undefined;
    if (
      positional &&
      (labels.length > 1 ||
        (first && first.type !== AST_NODE_TYPES.ObjectExpression && first.type !== AST_NODE_TYPES.Identifier))
    ) {
      labels.forEach((argument, position) => {
        const parameter = parameterOf(argument);
        if (parameter !== undefined) sink.values.push({ position, parameter });
      });
    } else if (first?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const { property } of labelProperties(first)) {
        const parameter = parameterOf(property.value);
        const label = propertyKeyName(property);
        if (parameter !== undefined && label !== undefined) sink.values.push({ label, parameter });
      }
    } else if (first) {
      sink.objectParameter = parameterOf(first);
      sink.firstPositional = positional;
    }
    if (sink.values.length > 0 || sink.objectParameter !== undefined) sinks.push(sink);
  };
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      if (callee.type === AST_NODE_TYPES.MemberExpression && method !== undefined) {
        if (PROM_METHODS.has(method))
          add(
            'prom-client',
            callee.object,
            node.arguments.slice(0, method === 'labels' ? undefined : 1),
            method === 'labels',
          );
        if (OTEL_METHODS.has(method)) add('opentelemetry', callee.object, node.arguments.slice(1, 2), false);
      }
      // `const end = h.startTimer(); … end({ route: path })`
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const declaration = scope.declarationOf(callee);
        const init =
          declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init
            ? unwrap(declaration.init)
            : undefined;
        if (
          init?.type === AST_NODE_TYPES.CallExpression &&
          init.callee.type === AST_NODE_TYPES.MemberExpression &&
          memberName(init.callee) === 'startTimer'
        ) {
          add('prom-client', init.callee.object, node.arguments.slice(0, 1), false);
        }
      }
    }
    forEachChild(node, visit);
  };
  visit(fn.body);
  return sinks;
}

/**
 * The properties a label object literal sets, with those of the object literals it spreads: `{ vendor,
 * ...(error.config && { name: error.config.url }) }` sets `name` when the condition holds (`cond ? { a } : { b }`
 * either). A spread of anything else (a variable, a call) adds labels that cannot be read here.
 */
export function labelProperties(
  object: TSESTree.ObjectExpression,
  depth = 0,
): Array<{ property: TSESTree.Property; spread: boolean }> {
  const found: Array<{ property: TSESTree.Property; spread: boolean }> = [];
  const spreadObjects = (expression: TSESTree.Node): TSESTree.ObjectExpression[] => {
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.ObjectExpression) return [node];
    if (node.type === AST_NODE_TYPES.LogicalExpression)
      return node.operator === '&&'
        ? spreadObjects(node.right)
        : [...spreadObjects(node.left), ...spreadObjects(node.right)];
    if (node.type === AST_NODE_TYPES.ConditionalExpression)
      return [...spreadObjects(node.consequent), ...spreadObjects(node.alternate)];
    return [];
  };
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property) found.push({ property, spread: depth > 0 });
    else if (depth < 3)
      for (const inner of spreadObjects(property.argument)) found.push(...labelProperties(inner, depth + 1));
  }
  return found;
}
