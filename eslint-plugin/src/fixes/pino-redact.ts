import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findProperty } from '../analysis/loggers';
import { unwrap } from '../analysis/ast';

/**
 * Adds exact paths to the `redact` option of a `pino()` call: appends to `redact: [...]` or `redact: { paths }`,
 * adds the option to an options object, or gives `pino()` an options object. Undefined when the shape is not
 * one we can edit safely (options held in a variable, `redact` computed).
 */
export function addPinoRedactPaths(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  pinoCall: TSESTree.CallExpression,
  paths: readonly string[],
): TSESLint.RuleFix | undefined {
  const quoted = paths.map((path) => `'${path.replace(/'/g, "\\'")}'`);
  const first = pinoCall.arguments[0] ? unwrap(pinoCall.arguments[0]) : undefined;
  if (!first) {
    const open = sourceCode.getTokenAfter(pinoCall.callee, { filter: (token) => token.value === '(' });
    return open ? fixer.insertTextAfter(open, `{ redact: [${quoted.join(', ')}] }`) : undefined;
  }
  if (first.type !== AST_NODE_TYPES.ObjectExpression) {
    // `pino(destination)`: options go first. An identifier might already be the options object: leave it.
    if (first.type === AST_NODE_TYPES.Identifier) return undefined;
    return fixer.insertTextBefore(first, `{ redact: [${quoted.join(', ')}] }, `);
  }
  const redact = findProperty(first, 'redact');
  if (!redact) {
    if (first.properties.length === 0) return fixer.replaceText(first, `{ redact: [${quoted.join(', ')}] }`);
    return fixer.insertTextBefore(first.properties[0], `redact: [${quoted.join(', ')}], `);
  }
  let list = unwrap(redact.value);
  if (list.type === AST_NODE_TYPES.ObjectExpression) {
    const inner = findProperty(list, 'paths');
    if (!inner) return undefined;
    list = unwrap(inner.value);
  }
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const last = list.elements[list.elements.length - 1];
  if (!last) return fixer.replaceText(list, `[${quoted.join(', ')}]`);
  return fixer.insertTextAfter(last, `, ${quoted.join(', ')}`);
}
