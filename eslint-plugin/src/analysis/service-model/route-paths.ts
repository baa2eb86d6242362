import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { memberName, unwrap } from '../ast';
import { heldValues, isElementBound, isParameterBound } from '../held-values';
import type { ModuleScope } from './module-scope';

/** Paths built from parts (`${this.path}/:id`) are combined up to this many ways; more is not a route table. */
const MAX_PATHS = 16;

/**
 * The paths an argument can be: literals as `pathsOf` reads them, and what real route classes write —
 * `` `${this.path}/:id` `` with `public path = '/users'` or a base class's `constructor(public path: string)` given by
 * `super('/auth')`, a constant, the `basePath` of each element a route list's callback walks.
 */
export function pathsIn(argument: TSESTree.Node | undefined, scope: ModuleScope): string[] {
  if (!argument) return [];
  const literal = pathsOf(argument);
  return literal.length > 0 ? literal : stringsOf(argument, scope, 0);
}

function stringsOf(expression: TSESTree.Node, scope: ModuleScope, depth: number): string[] {
  if (depth > 6) return [];
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? [node.value] : [];
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    let combined = [node.quasis[0]?.value.cooked ?? ''];
    for (const [index, part] of node.expressions.entries()) {
      const values = stringsOf(part, scope, depth + 1);
      if (values.length === 0) return [];
      const tail = node.quasis[index + 1]?.value.cooked ?? '';
      combined = combined.flatMap((head) => values.map((value) => head + value + tail)).slice(0, MAX_PATHS);
    }
    return combined;
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    const left = stringsOf(node.left, scope, depth + 1);
    const right = stringsOf(node.right, scope, depth + 1);
    return left.flatMap((head) => right.map((tail) => head + tail)).slice(0, MAX_PATHS);
  }
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return [];
  const held = heldValues(node, scope, 0, isElementBound(node, scope) || isParameterBound(node, scope)).filter(
    (value) => unwrap(value.node) !== node,
  );
  const strings = [...new Set(held.flatMap((value) => stringsOf(value.node, value.scope, depth + 1)))];
  if (
    strings.length > 0 ||
    node.type !== AST_NODE_TYPES.MemberExpression ||
    node.object.type !== AST_NODE_TYPES.ThisExpression
  )
    return strings.slice(0, MAX_PATHS);
  return superArguments(node, scope)
    .flatMap((value) => stringsOf(value.node, value.scope, depth + 1))
    .slice(0, MAX_PATHS);
}

/**
 * `this.path` where a base class declares `constructor(public path: string)`: what the class below it passes to
 * `super(…)` at that position (`class AuthController extends AController { constructor() { super('/auth') } }`).
 */
function superArguments(
  member: TSESTree.MemberExpression,
  scope: ModuleScope,
): Array<{ node: TSESTree.Node; scope: ModuleScope }> {
  const name = memberName(member);
  const start = scope.enclosingClassOf(member);
  if (!name || !start) return [];
  let below: { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope } = {
    node: start,
    scope,
  };
  for (let level = 0; level < 5 && below.node.superClass; level++) {
    const base = below.scope.classOf(below.node.superClass);
    if (!base) return [];
    const index =
      constructorOf(base.node)?.params.findIndex(
        (param) =>
          param.type === AST_NODE_TYPES.TSParameterProperty &&
          param.parameter.type === AST_NODE_TYPES.Identifier &&
          param.parameter.name === name,
      ) ?? -1;
    if (index >= 0) {
      const argument = superCallOf(below.node)?.arguments[index];
      return argument ? [{ node: argument, scope: below.scope }] : [];
    }
    below = base;
  }
  return [];
}

function constructorOf(
  owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): TSESTree.FunctionExpression | undefined {
  const method = owner.body.body.find(
    (element) => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor',
  );
  return method?.type === AST_NODE_TYPES.MethodDefinition && method.value.type === AST_NODE_TYPES.FunctionExpression
    ? method.value
    : undefined;
}

function superCallOf(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.CallExpression | undefined {
  for (const statement of constructorOf(owner)?.body?.body ?? []) {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? unwrap(statement.expression) : undefined;
    if (expression?.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.Super)
      return expression;
  }
  return undefined;
}

/** Literal paths of an argument: a string, a template without expressions, an array of those, a regex's source. */
export function pathsOf(argument: TSESTree.Node | undefined): string[] {
  if (!argument) return [];
  const node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.Literal) {
    if (typeof node.value === 'string') return [node.value];
    if ('regex' in node && node.regex) return [`/${node.regex.pattern}/`];
    return [];
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0)
    return [node.quasis[0]?.value.cooked ?? ''];
  if (node.type === AST_NODE_TYPES.ArrayExpression)
    return node.elements.flatMap((element) =>
      element && element.type !== AST_NODE_TYPES.SpreadElement ? pathsOf(element) : [],
    );
  return [];
}

export function joinPaths(prefix: string, path: string): string {
  if (!prefix) return path || '';
  if (!path || path === '/') return prefix;
  if (path.startsWith('/') && path.endsWith('/') && path.length > 2 && path.includes('\\')) return path;
  return `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
