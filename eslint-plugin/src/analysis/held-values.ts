import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { isWholeModule, memberName, propertyKeyName, requiredModule, unwrap } from './ast';
import { fileOfProgram, isProjectSpecifier, moduleTextOf, resolveImport } from './modules';
import { ModuleScope } from './service-model/module-scope';

/** An expression that creates a value, in the module where it stands. */
export interface Held {
  node: TSESTree.Node;
  scope: ModuleScope;
}

/** Chains longer than this (`a.b.c.d…` through as many modules) are not followed: real holders are two or three deep. */
const MAX_DEPTH = 8;
/** A value may come from a few places (`a ?? b`, a field set in two methods); more than this is not a holder. */
const MAX_CANDIDATES = 8;

/**
 * The expressions a reference may hold, followed through locals, destructuring, imports and requires of project
 * modules, object-literal properties, class instances (`this.x = …` in any method, fields, statics) and `a || b`
 * fallbacks: `Counters.requests` → the `new Counter(…)` in `export const Counters = { requests: new Counter(…) }`,
 * in this module or another. Expressions that are not references (a `new`, a call, a literal) hold themselves:
 * the caller decides which of them it understands. Module resolution is the project's own (modules.ts and
 * ModuleScope); nothing here resolves a path.
 */
export function heldValues(expression: TSESTree.Node, scope: ModuleScope, depth = 0): Held[] {
  if (depth > MAX_DEPTH) return [];
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return heldByName(node, scope, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const key = memberName(node);
      if (key === undefined) return [];
      if (node.object.type === AST_NODE_TYPES.ThisExpression) {
        const owner = scope.enclosingClassOf(node);
        return owner ? limit(scope.instanceMemberValues(owner, key).flatMap((value) => heldValues(value, scope, depth + 1))) : [];
      }
      return memberOf(node.object, key, scope, depth);
    }
    case AST_NODE_TYPES.CallExpression: {
      // `require('./metrics')` is the module's `module.exports`.
      const required = requiredModule(node);
      if (required !== undefined) {
        const exported = scope.requireDefault(required);
        return exported ? heldValues(exported.node, exported.scope, depth + 1) : [];
      }
      return [{ node, scope }];
    }
    // `register.getSingleMetric('x') || new Gauge(…)`, `cached ?? create()`: either side may be the value.
    case AST_NODE_TYPES.LogicalExpression:
      return limit([...heldValues(node.left, scope, depth + 1), ...heldValues(node.right, scope, depth + 1)]);
    case AST_NODE_TYPES.ConditionalExpression:
      return limit([...heldValues(node.consequent, scope, depth + 1), ...heldValues(node.alternate, scope, depth + 1)]);
    default:
      return [{ node, scope }];
  }
}

function heldByName(identifier: TSESTree.Identifier, scope: ModuleScope, depth: number): Held[] {
  const declaration = scope.declarationOf(identifier);
  // `const { requests } = Counters` (nearer than an import of the same name, were there one).
  const destructured = declaration === undefined ? scope.destructuredFrom(identifier) : undefined;
  if (destructured) return memberOf(destructured.source, destructured.key, scope, depth);
  // The import, unless a parameter or a nearer declaration hides it.
  const binding = declaration === undefined || declaration.type === AST_NODE_TYPES.ImportDeclaration ? scope.importOf(identifier.name) : undefined;
  if (binding) {
    // A namespace has no value of its own: only its members (`metrics.requests`) are followed.
    if (binding.imported === '*') return [];
    const imported = scope.importedValue(identifier.name);
    return imported ? heldValues(imported.node, imported.scope, depth + 1) : [];
  }
  if (declaration?.type === AST_NODE_TYPES.VariableDeclarator) {
    return declaration.init && declaration.id.type === AST_NODE_TYPES.Identifier ? heldValues(declaration.init, scope, depth + 1) : [];
  }
  if (declaration?.type === AST_NODE_TYPES.ClassDeclaration || declaration?.type === AST_NODE_TYPES.FunctionDeclaration) return [{ node: declaration, scope }];
  return [];
}

/** What `object.key` holds. */
function memberOf(object: TSESTree.Node, key: string, scope: ModuleScope, depth: number): Held[] {
  const base = unwrap(object);
  // `const { Counters } = require('./metrics')`: the export itself, ESM or CommonJS.
  const required = requiredModule(base);
  if (required !== undefined && isProjectSpecifier(scope.file, required)) {
    const resolved = resolveImport(scope.file, required, key, scope.languageOptions);
    const target = resolved ? scopeOf(resolved.program, scope) : undefined;
    if (resolved && target) return heldValues(resolved.node, target, depth + 1);
  }
  if (base.type === AST_NODE_TYPES.Identifier) {
    const binding = scope.importOf(base.name);
    // `import * as metrics from './metrics'`, `const metrics = require('./metrics')`: the module's export `key`
    // (ESM exports, `exports.key = …`, `module.exports = { key }`).
    if (binding && isWholeModule(binding)) {
      const resolved = resolveImport(scope.file, binding.module, key, scope.languageOptions);
      const target = resolved ? scopeOf(resolved.program, scope) : undefined;
      if (resolved && target) return heldValues(resolved.node, target, depth + 1);
      if (binding.imported === '*') return [];
    }
  }
  return limit(heldValues(base, scope, depth + 1).flatMap((holder) => propertyOf(holder, key, depth)));
}

/** What a holder stores under `key`: an object literal's property, an instance's field, a class's static. */
function propertyOf(holder: Held, key: string, depth: number): Held[] {
  const node = unwrap(holder.node);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    // The last property of that name wins, as at run time; a spread after it could replace it, but rarely does.
    const property = node.properties.findLast((candidate) => candidate.type === AST_NODE_TYPES.Property && candidate.kind === 'init' && !candidate.method && propertyKeyName(candidate) === key);
    return property?.type === AST_NODE_TYPES.Property ? heldValues(property.value, holder.scope, depth + 1) : [];
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const created = holder.scope.classOf(node.callee);
    return created ? limit(created.scope.instanceMemberValues(created.node, key).flatMap((value) => heldValues(value, created.scope, depth + 1))) : [];
  }
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
    return limit(node.body.body.flatMap((member) => (member.type === AST_NODE_TYPES.PropertyDefinition && member.static && member.value && propertyKeyName(member) === key ? heldValues(member.value, holder.scope, depth + 1) : [])));
  }
  return [];
}

function scopeOf(program: TSESTree.Program, from: ModuleScope): ModuleScope | undefined {
  if (program === from.program) return from;
  const file = fileOfProgram(program);
  const text = file ? moduleTextOf(file) : undefined;
  return file && text !== undefined ? ModuleScope.of(program, file, text, from.languageOptions) : undefined;
}

function limit(values: Held[]): Held[] {
  return values.length > MAX_CANDIDATES ? values.slice(0, MAX_CANDIDATES) : values;
}
