import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { requiredModule } from '../analysis/ast';

export type ModuleStyle = 'esm' | 'commonjs';

/** ESM or CommonJS, from the file extension first, then from what the file already does. */
export function moduleStyleOf(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): ModuleStyle {
  if (/\.(mjs|mts)$/.test(filename)) return 'esm';
  if (/\.(cjs|cts)$/.test(filename)) return 'commonjs';
  const body = sourceCode.ast.body;
  if (body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration)) return 'esm';
  if (body.some((statement) => isRequireStatement(statement))) return 'commonjs';
  return sourceCode.ast.sourceType === 'module' && /\.(ts|tsx|mts)$/.test(filename) ? 'esm' : 'commonjs';
}

function isRequireStatement(statement: TSESTree.ProgramStatement): boolean {
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.some((declarator) => requiredModule(declarator.init) !== undefined || (declarator.init?.type === AST_NODE_TYPES.MemberExpression && requiredModule(declarator.init.object) !== undefined))
  );
}

/** The fix that adds `import { name } from 'module'` (or its `require`) after the file's last import, unless present. */
export function addNamedImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  name: string,
  module: string,
): TSESLint.RuleFix | undefined {
  const body = sourceCode.ast.body;
  const already = body.some(
    (statement) =>
      (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.specifiers.some((specifier) => specifier.local.name === name)) ||
      (statement.type === AST_NODE_TYPES.VariableDeclaration &&
        statement.declarations.some((declarator) => declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.id.properties.some((p) => p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier && p.value.name === name))),
  );
  if (already) return undefined;
  const style = moduleStyleOf(sourceCode, filename);
  const statement = style === 'esm' ? `import { ${name} } from '${module}';` : `const { ${name} } = require('${module}');`;
  const imports = body.filter((candidate) => candidate.type === AST_NODE_TYPES.ImportDeclaration || isRequireStatement(candidate));
  const anchor = imports[imports.length - 1];
  if (anchor) return fixer.insertTextAfter(anchor, `\n${statement}`);
  const first = body[0];
  const directive = first?.type === AST_NODE_TYPES.ExpressionStatement && first.directive ? first : undefined;
  if (directive) return fixer.insertTextAfter(directive, `\n${statement}`);
  return fixer.insertTextBeforeRange([0, 0], `${statement}\n`);
}

/**
 * Fixes that make `names` importable from `module` (ESM): merged into an existing `import { … } from module`,
 * or a new import after the last one. Names already imported are skipped.
 */
export function addNamedImports(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, module: string, names: readonly string[]): TSESLint.RuleFix[] {
  const body = sourceCode.ast.body;
  const imported = new Set(body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ImportDeclaration ? statement.specifiers.map((specifier) => specifier.local.name) : [])));
  const missing = names.filter((name) => !imported.has(name));
  if (missing.length === 0) return [];
  const existing = body.find(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === module && statement.importKind !== 'type' && statement.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
  if (existing) {
    const last = existing.specifiers[existing.specifiers.length - 1]!;
    return [fixer.insertTextAfter(last, `, ${missing.join(', ')}`)];
  }
  const imports = body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const statement = `import { ${missing.join(', ')} } from '${module}';`;
  const anchor = imports[imports.length - 1];
  return [anchor ? fixer.insertTextAfter(anchor, `\n${statement}`) : fixer.insertTextBeforeRange([0, 0], `${statement}\n`)];
}
