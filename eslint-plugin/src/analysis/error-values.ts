import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { findVariable, forEachChild, isFunctionNode, memberName, propertyKeyName, staticChain, unwrap } from './ast';
import { errorVariableOf } from './error-handlers';
import { findProperty, type LoggerRef } from './loggers';

/** How a logged argument carries an error: whole (type, message, stack survive) or turned into text. */
export type ErrorUse =
  | { kind: 'whole'; node: TSESTree.Node; variable: TSESLint.Scope.Variable }
  | {
      kind: 'text';
      node: TSESTree.Node;
      variable: TSESLint.Scope.Variable;
      how: string;
      reference: TSESTree.Identifier;
    };

/** What stays of an error turned into text: `err.message` keeps the message only; `JSON.stringify(err)` nothing. */
const TEXT_MEMBERS = new Set(['message', 'toString']);

/**
 * Every use of an Error in an expression: `err` whole, or `err.message`, `` `${err}` ``, `'x' + err`, `String(err)`,
 * `err.toString()`, `JSON.stringify(err)` as text. `err.stack` counts as whole (the text keeps type and stack).
 */
export function errorUsesIn(
  expression: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  callbackErrorNames: ReadonlySet<string>,
  sourceCode: Readonly<TSESLint.SourceCode>,
): ErrorUse[] {
  const uses: ErrorUse[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.Identifier && isValueReference(node)) {
      const variable = errorVariableOf(node, scope, callbackErrorNames);
      if (variable) uses.push(classify(node, variable, sourceCode));
      return;
    }
    forEachChild(node, visit);
  };
  visit(expression);
  return uses;
}

function isValueReference(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return false;
  if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand)
    return false;
  return true;
}

const TRANSPARENT: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

function classify(
  reference: TSESTree.Identifier,
  variable: TSESLint.Scope.Variable,
  sourceCode: Readonly<TSESLint.SourceCode>,
): ErrorUse {
  let node: TSESTree.Node = reference;
  // `(err as Error)`, `err!`, `err?.message`.
  while (node.parent && TRANSPARENT.has(node.parent.type)) node = node.parent;
  const parent = node.parent;
  const text = (how: string, at: TSESTree.Node): ErrorUse => ({ kind: 'text', node: at, variable, how, reference });
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    const name = memberName(parent);
    const outer = parent.parent?.type === AST_NODE_TYPES.ChainExpression ? parent.parent : parent;
    if (name === 'toString' && outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.callee === outer)
      return text(sourceCode.getText(outer.parent), outer.parent);
    if (name !== undefined && TEXT_MEMBERS.has(name)) return text(sourceCode.getText(outer), outer);
    return { kind: 'whole', node: outer, variable };
  }
  if (parent?.type === AST_NODE_TYPES.TemplateLiteral) return text(`\`\${${reference.name}}\``, node);
  if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+')
    return text(`'…' + ${reference.name}`, node);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
    const callee = staticChain(unwrap(parent.callee))?.join('.');
    // `JSON.stringify(err, Object.getOwnPropertyNames(err))` writes the error's own properties, stack included.
    if (callee === 'String' || (callee === 'JSON.stringify' && parent.arguments.length === 1))
      return text(sourceCode.getText(parent), parent);
  }
  return { kind: 'whole', node, variable };
}

/**
 * The keys under which a pino logger writes an Error with its type, message and stack: `err` (pino's default
 * serializer), the `errorKey` option, and every key with a serializer of its own. Undefined when the options are
 * not plain to read (a spread, a variable): then no key is judged.
 */
export function pinoErrorKeys(logger: LoggerRef): ReadonlySet<string> | undefined {
  const keys = new Set(['err']);
  const options = logger.pinoOptions;
  if (!options) return keys;
  if (options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const errorKey = findProperty(options, 'errorKey');
  if (errorKey) {
    const value = unwrap(errorKey.value);
    if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'string') return undefined;
    keys.add(value.value);
  }
  const serializers = findProperty(options, 'serializers');
  if (serializers) {
    const value = unwrap(serializers.value);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    for (const property of value.properties) {
      if (property.type !== AST_NODE_TYPES.Property) return undefined;
      const name = propertyKeyName(property);
      if (name !== undefined) keys.add(name);
    }
  }
  return keys;
}

/**
 * Whether a winston logger writes an Error given alone (`logger.error(err)`) without its message and stack: its
 * creation in this file (`winston.createLogger({ … })`) has no `format.errors()`. Undefined when the creation is
 * not visible or its format is not written out.
 */
export function winstonDropsLoneErrors(
  receiver: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean | undefined {
  const node = unwrap(receiver);
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = findVariable(scope, node.name)?.defs[0];
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const options = init.arguments[0] ? unwrap(init.arguments[0]) : undefined;
  if (
    options?.type !== AST_NODE_TYPES.ObjectExpression ||
    options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)
  )
    return undefined;
  const format = findProperty(options, 'format');
  if (!format) return true;
  const formatValue = unwrap(format.value);
  if (formatValue.type === AST_NODE_TYPES.Identifier) return undefined;
  let hasErrors = false;
  const visit = (child: TSESTree.Node): void => {
    if (child.type === AST_NODE_TYPES.CallExpression && staticChain(unwrap(child.callee))?.pop() === 'errors')
      hasErrors = true;
    forEachChild(child, visit);
  };
  visit(formatValue);
  return hasErrors ? false : /\berrors\b/.test(sourceCode.getText(formatValue)) ? undefined : true;
}
