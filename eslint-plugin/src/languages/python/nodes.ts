import type { Tree, TreeCursor } from 'web-tree-sitter';
import { withPythonTree } from './grammar';

export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

/**
 * A node of tree-sitter's Python grammar, copied out of WebAssembly memory into plain objects so that rules can
 * keep and revisit it. `type` is tree-sitter's node type (`call`, `decorated_definition`, `keyword_argument`, …);
 * only named nodes are kept, in order, and each remembers the grammar field it fills in its parent (`function`,
 * `arguments`, `name`, `value`, …). Comments are not children: they are the source code's `comments`.
 */
export interface PyNode {
  type: string;
  /** The grammar field this node fills in its parent, such as `function` in a `call`. */
  field: string | null;
  text: string;
  range: [number, number];
  loc: SourceLocation;
  parent: PyNode | null;
  children: PyNode[];
  /** The operator token of binary, comparison, boolean and augmented-assignment nodes (`%`, `+`, `==`, `and`). */
  operator?: string;
  /** `async def`, `async with`, `async for`. */
  isAsync?: boolean;
}

export interface PyComment {
  type: 'Comment';
  /** The text after `#`. */
  value: string;
  range: [number, number];
  loc: SourceLocation;
}

export interface PySyntaxError {
  message: string;
  line: number;
  column: number;
}

export interface PyParseResult {
  module: PyNode;
  comments: PyComment[];
  syntaxError: PySyntaxError | null;
}

function position(point: { row: number; column: number }): Position {
  return { line: point.row + 1, column: point.column };
}

/** Parse errors count columns from 1, as JavaScript parsers report them. */
function errorPosition(point: { row: number; column: number }): Position {
  return { line: point.row + 1, column: point.column + 1 };
}

/** The first ERROR or MISSING node, in source order: what a Python compiler would stop at. */
function firstSyntaxError(tree: Tree): PySyntaxError | null {
  if (!tree.rootNode.hasError) return null;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isMissing) {
        return { message: `Syntax error: missing "${node.type}"`, ...errorPosition(node.startPosition) };
      }
      if (node.isError) {
        const found = node.text.split('\n')[0].trim().slice(0, 40);
        return { message: `Syntax error: unexpected "${found}"`, ...errorPosition(node.startPosition) };
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { message: 'Syntax error', line: 1, column: 0 };
      }
    }
  } finally {
    cursor.delete();
  }
}

const OPERATOR_PARENTS = new Set([
  'binary_operator',
  'boolean_operator',
  'comparison_operator',
  'augmented_assignment',
  'unary_operator',
  'not_operator',
]);

function copyTree(tree: Tree, text: string): { module: PyNode; comments: PyComment[] } {
  const comments: PyComment[] = [];
  const cursor: TreeCursor = tree.walk();
  const nodeAt = (parent: PyNode | null): PyNode => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    return {
      type: cursor.nodeType,
      field: cursor.currentFieldName,
      text: text.slice(start, end),
      range: [start, end],
      loc: { start: position(cursor.startPosition), end: position(cursor.endPosition) },
      parent,
      children: [],
    };
  };
  try {
    const module = nodeAt(null);
    module.field = null;
    const stack: PyNode[] = [module];
    if (!cursor.gotoFirstChild()) return { module, comments };
    for (;;) {
      const parent = stack[stack.length - 1];
      let descended = false;
      if (cursor.nodeIsNamed) {
        if (cursor.nodeType === 'comment') {
          const node = nodeAt(null);
          comments.push({ type: 'Comment', value: node.text.slice(1), range: node.range, loc: node.loc });
        } else {
          const node = nodeAt(parent);
          parent.children.push(node);
          if (cursor.gotoFirstChild()) {
            stack.push(node);
            descended = true;
          }
        }
      } else if (cursor.nodeType === 'async') {
        parent.isAsync = true;
      } else if (OPERATOR_PARENTS.has(parent.type) && parent.operator === undefined) {
        parent.operator = cursor.nodeType;
      } else if (parent.type === 'comparison_operator' && (parent.operator === 'not' || parent.operator === 'is')) {
        parent.operator = `not ${cursor.nodeType}`;
      }
      if (descended) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) return { module, comments };
        stack.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Parses Python source into plain nodes, its comments, and the first syntax error if there is one. */
export function parsePython(text: string): PyParseResult {
  return withPythonTree(text, (tree) => ({ ...copyTree(tree, text), syntaxError: firstSyntaxError(tree) }));
}
