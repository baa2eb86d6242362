import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';

/**
 * Removes an argument, property, spread or array element with the comma that separates it from its
 * neighbours; the last item of an object or array leaves `{}` / `[]`, not `{  }`.
 */
export function removeListItem(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  item: TSESTree.Node,
): TSESLint.RuleFix {
  const parent = item.parent;
  if (parent?.type === AST_NODE_TYPES.ObjectExpression && parent.properties.length === 1)
    return fixer.replaceText(parent, '{}');
  if (parent?.type === AST_NODE_TYPES.ArrayExpression && parent.elements.length === 1)
    return fixer.replaceText(parent, '[]');
  const after = sourceCode.getTokenAfter(item);
  if (after?.value === ',') {
    const next = sourceCode.getTokenAfter(after, { includeComments: true });
    const closesList = next !== null && (next.value === '}' || next.value === ')' || next.value === ']');
    return fixer.removeRange([item.range[0], closesList ? after.range[1] : next!.range[0]]);
  }
  const before = sourceCode.getTokenBefore(item);
  if (before?.value === ',') return fixer.removeRange([before.range[0], item.range[1]]);
  return fixer.remove(item);
}
