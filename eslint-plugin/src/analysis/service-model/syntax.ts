import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { propertyKeyName, unwrap } from '../ast';

/** Small readings of registration calls shared by the framework adapters. */

export const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);

export function flatten(nodes: readonly TSESTree.Node[]): TSESTree.Node[] {
  return nodes.flatMap((node) => {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.ArrayExpression
      ? flatten(
          inner.elements.filter(
            (element): element is TSESTree.Expression =>
              element !== null && element.type !== AST_NODE_TYPES.SpreadElement,
          ),
        )
      : [node];
  });
}

export function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key) return property.value;
  }
  return undefined;
}

export function isLiteral(node: TSESTree.Node | undefined, value: unknown): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === value;
}
