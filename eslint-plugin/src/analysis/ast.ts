import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type Scope = TSESLint.Scope.Scope;
export type Variable = TSESLint.Scope.Variable;

/** Strips TypeScript-only wrappers and parentheses-equivalents that do not change the value. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        current = current.argument;
        break;
      default:
        return current;
    }
  }
}

/** The static name of a member's property: `a.b` → b, `a['b']` → b, `a[b]` → undefined. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  // `this.#logger`, `this.#password`: judged like their public counterparts.
  if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return node.property.name;
  if (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string')
    return node.property.value;
  if (node.property.type === AST_NODE_TYPES.TemplateLiteral && node.property.expressions.length === 0) {
    return node.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The static key of an object property (`{ a: 1 }`, `{ 'a-b': 1 }`, `{ ['a']: 1 }`). */
export function propertyKeyName(property: TSESTree.Property | TSESTree.PropertyDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number'))
    return String(key.value);
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0)
    return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name an expression is known by for judging it: `password`, `user.password` → password, `getToken()` → getToken. */
export function terminalName(node: TSESTree.Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(inner);
  if (inner.type === AST_NODE_TYPES.CallExpression) return terminalName(inner.callee);
  return undefined;
}

/** `a.b.c` → ['a', 'b', 'c'] for static chains rooted in an identifier or `this`; undefined otherwise. */
export function staticChain(node: TSESTree.Node): string[] | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return [inner.name];
  if (inner.type === AST_NODE_TYPES.ThisExpression) return ['this'];
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(inner);
    const base = staticChain(inner.object);
    return name !== undefined && base ? [...base, name] : undefined;
  }
  return undefined;
}

/** Bound once: `ASTUtils.x` is a re-export getter on every call. */
const findVariableInScope = ASTUtils.findVariable;

export function findVariable(scope: Scope, name: string): Variable | undefined {
  return findVariableInScope(scope, name) ?? undefined;
}

/** True when `name` refers to the global (nothing in scope declares it). */
export function isGlobalReference(scope: Scope, name: string): boolean {
  const variable = findVariable(scope, name);
  return variable === undefined || variable.defs.length === 0;
}

export function isFunctionNode(
  node: TSESTree.Node | undefined | null,
): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** `require('x')` → 'x'. */
export function requiredModule(node: TSESTree.Node | null | undefined): string | undefined {
  if (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}

export function truncate(text: string, max = 48): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

const NOT_CHILDREN = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

/**
 * The keys of `node` that hold child nodes: typescript-eslint's visitor keys (ESTree and TS-ESTree), else, for a
 * node type they do not know (another parser's), every key but the parent link, positions, tokens and comments.
 */
export function childKeys(node: TSESTree.Node): readonly string[] {
  return visitorKeys[node.type] ?? Object.keys(node).filter((key) => !NOT_CHILDREN.has(key));
}

/** Calls `visit` on each child node (not the parent link), with `node` as the second argument. */
export function forEachChild(node: TSESTree.Node, visit: (child: TSESTree.Node, parent: TSESTree.Node) => void): void {
  const keys = childKeys(node);
  for (let index = 0; index < keys.length; index++) {
    const child = (node as unknown as Record<string, unknown>)[keys[index]];
    if (!child) continue;
    if (Array.isArray(child)) {
      for (const item of child)
        if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node, node);
    } else if (typeof (child as TSESTree.Node).type === 'string') {
      visit(child as TSESTree.Node, node);
    }
  }
}

/** The expressions a function can return: an arrow's body, or every `return` not nested in another function. */
export function returnedExpressions(
  fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      return;
    }
    if (!isFunctionNode(node)) forEachChild(node, visit);
  };
  for (const statement of fn.body.body) visit(statement);
  return found;
}

/** How a module is bound: an ES import (`default`, `*`, a named export), or `require` of the whole module. */
export interface ImportBinding {
  module: string;
  /** 'default', '*', 'require' (`const x = require('m')`), or the export's name (`{ Router }`, `require('m').Router`). */
  imported: string;
}

const importBindingsCache = new WeakMap<TSESTree.Program, Map<string, ImportBinding>>();

/** The top-level imports and requires of a module, by local name (computed once per AST). */
export function importBindings(program: TSESTree.Program): ReadonlyMap<string, ImportBinding> {
  const cached = importBindingsCache.get(program);
  if (cached) return cached;
  const names = new Map<string, ImportBinding>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of statement.specifiers) {
        const imported =
          specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
            ? 'default'
            : specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier
              ? '*'
              : specifier.imported.type === AST_NODE_TYPES.Identifier
                ? specifier.imported.name
                : String(specifier.imported.value);
        names.set(specifier.local.name, { module: statement.source.value, imported });
      }
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      // `import pino = require('pino')`
      const reference = statement.moduleReference;
      if (
        reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
        reference.expression.type === AST_NODE_TYPES.Literal
      ) {
        names.set(statement.id.name, { module: String(reference.expression.value), imported: 'require' });
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? unwrap(declarator.init) : undefined;
        const module =
          requiredModule(init) ??
          (init?.type === AST_NODE_TYPES.MemberExpression ? requiredModule(unwrap(init.object)) : undefined);
        if (!module || !init) continue;
        const member = init.type === AST_NODE_TYPES.MemberExpression ? memberName(init) : undefined;
        if (declarator.id.type === AST_NODE_TYPES.Identifier)
          names.set(declarator.id.name, { module, imported: member ?? 'require' });
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && !member) {
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) {
              names.set(property.value.name, { module, imported: propertyKeyName(property) ?? '' });
            }
          }
        }
      }
    }
  }
  importBindingsCache.set(program, names);
  return names;
}

/** Whether a binding is a whole module (a namespace import or `require`), whose members are its exports. */
export function isWholeModule(binding: ImportBinding): boolean {
  return binding.imported === '*' || binding.imported === 'require';
}

/**
 * `LABELS.password` where `const LABELS = { password: 'Password' }` (or an enum member): a constant, whatever
 * its key says. `scope` is where `object` is used.
 */
export function isConstantMember(scope: Scope, object: TSESTree.Node, key: string | undefined): boolean {
  const base = unwrap(object);
  if (base.type !== AST_NODE_TYPES.Identifier || key === undefined) return false;
  const def = findVariable(scope, base.name)?.defs[0];
  if (!def) return false;
  if (def.node.type === AST_NODE_TYPES.TSEnumDeclaration) return true;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent?.kind !== 'const' || !def.node.init)
    return false;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const property = init.properties.find(
    (candidate) => candidate.type === AST_NODE_TYPES.Property && propertyKeyName(candidate) === key,
  );
  return property?.type === AST_NODE_TYPES.Property && unwrap(property.value).type === AST_NODE_TYPES.Literal;
}

/** The statement directly in a block or the program that holds `node`: where code is inserted around it. */
export function enclosingStatement(node: TSESTree.Node): TSESTree.Statement | undefined {
  let current: TSESTree.Node = node;
  while (
    current.parent &&
    current.parent.type !== AST_NODE_TYPES.Program &&
    current.parent.type !== AST_NODE_TYPES.BlockStatement
  )
    current = current.parent;
  return current.type !== AST_NODE_TYPES.Program && current.parent ? (current as TSESTree.Statement) : undefined;
}

/** The statement directly in the program that contains `node`. */
export function topLevelStatementOf(node: TSESTree.Node): TSESTree.ProgramStatement | undefined {
  let current: TSESTree.Node | undefined = node;
  while (current?.parent && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current?.parent ? (current as TSESTree.ProgramStatement) : undefined;
}
