import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { findVariable, memberName, propertyKeyName, unwrap } from './ast';
import { labelProperties } from './label-helpers';
import type { LabelUse, MetricDeclaration } from './metric-types';

/**
 * How a recording call passes label values: prom-client's label object or positional values, OpenTelemetry
 * attributes, StatsD tags; and where an express-prom-bundle's options and a helper's call sites are.
 */

export function promUse(
  call: TSESTree.CallExpression,
  method: string,
  metric: MetricDeclaration,
): LabelUse | undefined {
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!first) return undefined;
  if (
    method === 'labels' &&
    first.type !== AST_NODE_TYPES.ObjectExpression &&
    first.type !== AST_NODE_TYPES.Identifier
  ) {
    return {
      metric,
      call,
      source: 'prom-client',
      labels: call.arguments.map((value, index) => ({ name: metric.labelNames?.[index], value, index })),
    };
  }
  if (method === 'labels' && first.type === AST_NODE_TYPES.Identifier && call.arguments.length > 1) {
    return {
      metric,
      call,
      source: 'prom-client',
      labels: call.arguments.map((value, index) => ({ name: metric.labelNames?.[index], value, index })),
    };
  }
  if (first.type === AST_NODE_TYPES.ObjectExpression) {
    // `inc({ value, labels, exemplarLabels })`: only `labels` are series labels.
    const labelsProperty = first.properties.find(
      (property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'labels',
    );
    const isValueForm = first.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        ['value', 'exemplarLabels'].includes(propertyKeyName(property) ?? ''),
    );
    if (labelsProperty?.type === AST_NODE_TYPES.Property && isValueForm)
      return objectUse(call, labelsProperty.value, metric, 'prom-client');
  }
  return objectUse(call, call.arguments[0], metric, 'prom-client');
}

export function objectUse(
  call: TSESTree.CallExpression,
  argument: TSESTree.Node | undefined,
  metric: MetricDeclaration | undefined,
  source: LabelUse['source'],
): LabelUse | undefined {
  const object = argument ? unwrap(argument) : undefined;
  if (!object) return undefined;
  if (object.type === AST_NODE_TYPES.ObjectExpression) {
    return {
      metric,
      call,
      object,
      source,
      labels: labelProperties(object).map(({ property, spread }) => ({
        name: keyName(property),
        value: property.value,
        key: property.key,
        ...(spread ? { spread } : {}),
      })),
    };
  }
  if (object.type === AST_NODE_TYPES.Identifier) {
    // `const labels = { path: req.path }; hist.observe(labels, s)`: the object literal assigned before use.
    return { metric, call, source, labels: [{ name: undefined, value: object }] };
  }
  return undefined;
}

function keyName(property: TSESTree.Property): string | undefined {
  const name = propertyKeyName(property);
  if (name !== undefined) return name;
  // Computed semantic-convention keys: `[ATTR_URL_FULL]`, `[SEMATTRS_HTTP_TARGET]`, or a local `const ATTR_HTTP_ROUTE = 'http.route'`.
  if (property.computed && property.key.type === AST_NODE_TYPES.Identifier)
    return semconvKey(property.key.name) ?? constantString(property.key);
  if (property.computed && property.key.type === AST_NODE_TYPES.MemberExpression) {
    const member = memberName(property.key);
    return member ? semconvKey(member) : undefined;
  }
  return undefined;
}

/** The semantic-convention constants whose values are unbounded attribute names (and a few bounded ones). */
export const SEMCONV_KEYS: Readonly<Record<string, string>> = {
  ATTR_URL_FULL: 'url.full',
  ATTR_URL_PATH: 'url.path',
  ATTR_URL_QUERY: 'url.query',
  ATTR_CLIENT_ADDRESS: 'client.address',
  ATTR_USER_AGENT_ORIGINAL: 'user_agent.original',
  ATTR_HTTP_ROUTE: 'http.route',
  ATTR_HTTP_REQUEST_METHOD: 'http.request.method',
  ATTR_HTTP_RESPONSE_STATUS_CODE: 'http.response.status_code',
  ATTR_SERVER_ADDRESS: 'server.address',
  ATTR_USER_ID: 'user.id',
  ATTR_SESSION_ID: 'session.id',
  SEMATTRS_HTTP_TARGET: 'http.target',
  SEMATTRS_HTTP_URL: 'http.url',
  SEMATTRS_HTTP_ROUTE: 'http.route',
  SEMATTRS_HTTP_METHOD: 'http.method',
  SEMATTRS_HTTP_STATUS_CODE: 'http.status_code',
  SEMATTRS_HTTP_CLIENT_IP: 'http.client_ip',
  SEMATTRS_NET_PEER_IP: 'net.peer.ip',
  SEMATTRS_ENDUSER_ID: 'enduser.id',
  SEMATTRS_HTTP_USER_AGENT: 'http.user_agent',
};

/** The string a `const X = '…'` identifier holds, found by walking up the enclosing blocks. */
function constantString(identifier: TSESTree.Identifier): string | undefined {
  for (let scope: TSESTree.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    const body =
      scope.type === AST_NODE_TYPES.Program || scope.type === AST_NODE_TYPES.BlockStatement ? scope.body : undefined;
    for (const statement of body ?? []) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') continue;
      for (const declarator of declaration.declarations) {
        if (
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          declarator.id.name === identifier.name &&
          declarator.init?.type === AST_NODE_TYPES.Literal &&
          typeof declarator.init.value === 'string'
        ) {
          return declarator.init.value;
        }
      }
    }
  }
  return undefined;
}

function semconvKey(name: string): string | undefined {
  return Object.hasOwn(SEMCONV_KEYS, name) ? SEMCONV_KEYS[name] : undefined;
}

/** StatsD tags: `{ route: x }` or `['route:' + x]`. */
export function statsdTagsUse(call: TSESTree.CallExpression, tags: TSESTree.Node): LabelUse | undefined {
  const value = unwrap(tags);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return objectUse(call, value, undefined, 'statsd');
  if (value.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const labels: LabelUse['labels'] = [];
  for (const element of value.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    const tag = unwrap(element);
    if (tag.type === AST_NODE_TYPES.TemplateLiteral && tag.expressions.length > 0) {
      const name = /^([^:]+):$/.exec(tag.quasis[0]?.value.cooked ?? '')?.[1];
      labels.push({ name, value: tag.expressions[0] });
    } else if (
      tag.type === AST_NODE_TYPES.BinaryExpression &&
      tag.operator === '+' &&
      tag.left.type === AST_NODE_TYPES.Literal
    ) {
      const name = /^([^:]+):$/.exec(String(tag.left.value))?.[1];
      labels.push({ name, value: tag.right });
    }
  }
  return { metric: undefined, call, source: 'statsd', labels };
}

/** Calls of a named local function (`function f(){}` or `const f = () => {}`) in this file. */
export function callSitesOf(
  fn: TSESTree.FunctionLike,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): TSESTree.CallExpression[] {
  let name: TSESTree.Identifier | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) name = fn.id;
  else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    name = fn.parent.id;
  if (!name) return [];
  const variable = findVariable(context.sourceCode.getScope(name), name.name);
  return (variable?.references ?? []).flatMap((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier ? [parent] : [];
  });
}

/** A call of express-prom-bundle's default export (`promBundle({...})`, `promBundle()`), with its options object when it has one. */
export function promBundleCall(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { options?: TSESTree.ObjectExpression } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = findVariable(sourceCode.getScope(call), callee.name)?.defs[0];
  const source =
    def?.type === 'ImportBinding' && def.parent?.type === AST_NODE_TYPES.ImportDeclaration
      ? def.parent.source.value
      : def?.node.type === AST_NODE_TYPES.VariableDeclarator &&
          def.node.init?.type === AST_NODE_TYPES.CallExpression &&
          def.node.init.arguments[0]?.type === AST_NODE_TYPES.Literal
        ? String(def.node.init.arguments[0].value)
        : undefined;
  if (source !== 'express-prom-bundle') return undefined;
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  return options?.type === AST_NODE_TYPES.ObjectExpression ? { options } : {};
}

/** The options of `promBundle({...})` (express-prom-bundle's default export). */
export function promBundleOptions(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.ObjectExpression | undefined {
  return promBundleCall(call, sourceCode)?.options;
}
