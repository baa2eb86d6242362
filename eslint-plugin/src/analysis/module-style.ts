import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { requiredModule } from './ast';

/** How a module imports: ES modules or CommonJS. */
export type ModuleStyle = 'esm' | 'commonjs';

/** ESM or CommonJS, from the file extension first, then from what the file already does. */
export function moduleStyleOf(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): ModuleStyle {
  return moduleStyleOfProgram(sourceCode.ast, filename);
}

/** The same for a program parsed outside a lint (a refactoring's own parse). */
export function moduleStyleOfProgram(program: TSESTree.Program, filename: string): ModuleStyle {
  if (/\.(mjs|mts)$/.test(filename)) return 'esm';
  if (/\.(cjs|cts)$/.test(filename)) return 'commonjs';
  const body = program.body;
  if (
    body.some(
      (statement) =>
        statement.type === AST_NODE_TYPES.ImportDeclaration ||
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration,
    )
  )
    return 'esm';
  if (body.some((statement) => isRequireStatement(statement))) return 'commonjs';
  return program.sourceType === 'module' && /\.(ts|tsx|mts)$/.test(filename) ? 'esm' : 'commonjs';
}

export function isRequireStatement(statement: TSESTree.ProgramStatement): boolean {
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.some(
      (declarator) =>
        requiredModule(declarator.init) !== undefined ||
        (declarator.init?.type === AST_NODE_TYPES.MemberExpression &&
          requiredModule(declarator.init.object) !== undefined),
    )
  );
}
