import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { repoRoot } from '../helpers';

/**
 * Everything the analysis remembers between calls belongs to an analysis host (analysis/host.ts), so that two
 * workspace folders never share a cache and invalidation is one method call. This test reads every module of the
 * plugin and lists the module-level state it finds anywhere else:
 * - a top-level `let` or `var`;
 * - a top-level `const` (or static class field) holding a Map, Set, array or object that a function mutates
 *   (`set`, `add`, `push`, `delete`, `clear`, assignment to a member). Filling a table while the module loads is
 *   a constant, not state.
 * Allowed: WeakMaps and WeakSets keyed by trees and nodes. They are attachments to a tree, like its `parent` links:
 * a tree is owned by the one host (or ESLint run) that parsed it, so no two hosts can share an entry, and the entry
 * goes when the tree goes. And `PureMemo` (util/memo.ts): answers of pure functions of a string (how a name splits
 * into words), the same for every host.
 */
const SOURCE = path.join(repoRoot(), 'eslint-plugin', 'src');
/** The registry of hosts: the one place that decides which host serves a file. */
const HOST_MODULE = path.join('analysis', 'host.ts');

const MUTATORS = new Set([
  'set',
  'add',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'delete',
  'clear',
  'sort',
  'reverse',
  'fill',
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function isWeakCollection(init: TSESTree.Expression | null | undefined): boolean {
  return (
    init?.type === 'NewExpression' &&
    init.callee.type === 'Identifier' &&
    (init.callee.name === 'WeakMap' || init.callee.name === 'WeakSet')
  );
}

function isCollection(init: TSESTree.Expression | null | undefined): boolean {
  if (!init) return false;
  if (init.type === 'ArrayExpression' || init.type === 'ObjectExpression') return true;
  return (
    init.type === 'NewExpression' &&
    init.callee.type === 'Identifier' &&
    ['Map', 'Set', 'Array', 'Object'].includes(init.callee.name)
  );
}

function children(node: TSESTree.Node): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string')
        found.push(item as TSESTree.Node);
    }
  }
  return found;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** `name.member(…)` with a mutating member, or `name.x = …` / `name[x] = …`, inside a function. */
function mutationsInFunctions(
  program: TSESTree.Program,
  names: ReadonlySet<string>,
): Array<{ name: string; line: number }> {
  const found: Array<{ name: string; line: number }> = [];
  const rootOf = (node: TSESTree.Node): string | undefined => {
    let current: TSESTree.Node = node;
    while (current.type === 'MemberExpression') current = current.object;
    if (current.type === 'Identifier') return current.name;
    // `Class.cache` for a static field.
    return undefined;
  };
  const staticName = (node: TSESTree.MemberExpression): string | undefined =>
    node.object.type === 'Identifier' && node.property.type === 'Identifier'
      ? `${node.object.name}.${node.property.name}`
      : undefined;
  const visit = (node: TSESTree.Node, inFunction: boolean): void => {
    const nested =
      inFunction || FUNCTIONS.has(node.type) || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition';
    if (inFunction) {
      if (
        node.type === 'CallExpression' &&
        node.callee.type === 'MemberExpression' &&
        node.callee.property.type === 'Identifier' &&
        MUTATORS.has(node.callee.property.name)
      ) {
        const target = node.callee.object;
        const name = target.type === 'MemberExpression' ? (staticName(target) ?? rootOf(target)) : rootOf(target);
        if (name && names.has(name)) found.push({ name, line: node.loc.start.line });
      }
      if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
        const name = rootOf(node.left);
        if (name && names.has(name)) found.push({ name, line: node.loc.start.line });
      }
    }
    for (const child of children(node)) visit(child, nested);
  };
  visit(program, false);
  return found;
}

function moduleStateOf(file: string): string[] {
  const program = parse(fs.readFileSync(file, 'utf8'), { loc: true, range: true });
  const relative = path.relative(SOURCE, file);
  const problems: string[] = [];
  const collections = new Set<string>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'VariableDeclaration') {
      if (declaration.kind !== 'const')
        problems.push(`${relative}:${declaration.loc.start.line}: top-level \`${declaration.kind}\``);
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && isCollection(declarator.init) && !isWeakCollection(declarator.init))
          collections.add(declarator.id.name);
      }
    }
    if (declaration?.type === 'ClassDeclaration' && declaration.id) {
      for (const member of declaration.body.body) {
        if (member.type !== 'PropertyDefinition' || !member.static || member.key.type !== 'Identifier') continue;
        if (isCollection(member.value) && !isWeakCollection(member.value))
          collections.add(`${declaration.id.name}.${member.key.name}`);
        if (!member.readonly && !isWeakCollection(member.value))
          problems.push(
            `${relative}:${member.loc.start.line}: mutable static field ${declaration.id.name}.${member.key.name}`,
          );
      }
    }
  }
  for (const { name, line } of mutationsInFunctions(program, collections))
    problems.push(`${relative}:${line}: module-level \`${name}\` changed by a function`);
  return problems;
}

describe('no module-level mutable state outside the analysis host', () => {
  const files = sourceFiles(SOURCE);

  it('reads the whole plugin, the host included', () => {
    assert.ok(files.length > 50, `expected the plugin's modules, found ${files.length}`);
    assert.ok(files.some((file) => path.relative(SOURCE, file) === HOST_MODULE));
  });

  it('finds the shapes it looks for (a check that finds nothing anywhere proves nothing)', () => {
    const dir = fs.mkdtempSync(path.join(repoRoot(), 'out', 'module-state-'));
    try {
      const sample = path.join(dir, 'sample.ts');
      fs.writeFileSync(
        sample,
        'let count = 0;\nconst seen = new Map<string, number>();\nconst table = new Map([["a", 1]]);\nconst byNode = new WeakMap<object, number>();\nexport function remember(key: string): void {\n  seen.set(key, 1);\n  byNode.set({}, 1);\n  table.get(key);\n}\nclass C {\n  static cache = new Map<string, string>();\n  static readonly frozen = new Map<string, string>();\n  f(): void { C.frozen.set("x", "y"); }\n}\nexport { C };\n',
      );
      const problems = moduleStateOf(sample).map((problem) => problem.replace(/^.*sample\.ts:/, ''));
      assert.deepEqual(
        problems.sort(),
        [
          '1: top-level `let`',
          '11: mutable static field C.cache',
          '13: module-level `C.frozen` changed by a function',
          '6: module-level `seen` changed by a function',
        ].sort(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every module but the host keeps no state between calls', () => {
    const problems = files.filter((file) => path.relative(SOURCE, file) !== HOST_MODULE).flatMap(moduleStateOf);
    assert.deepEqual(problems, [], `module-level state outside analysis/host.ts:\n${problems.join('\n')}`);
  });
});
