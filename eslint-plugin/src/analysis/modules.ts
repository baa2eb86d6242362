import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { remembered } from '../util/memo';
import { analysisHostFor } from './host';
import { recordProgramFile } from './parsed-modules';
import type { ProjectDependencies, ProjectScan } from './project-scan';
export type { ProjectDependencies, ProjectScan } from './project-scan';

/**
 * The analysis reads other modules through the host that owns the file asked about (see host.ts): these functions
 * are its entry points for code that has a file in hand.
 */

export { isSourceFile } from './module-resolution';
export { fileOfProgram } from './parsed-modules';
export type { ModuleFileChange } from './source-texts';

/** The current text of a module (the linted file's own text, else an editor buffer or the disk). */
export function moduleTextOf(file: string): string | undefined {
  return analysisHostFor(file).texts.text(file);
}

/** The AST of another module, parsed with the linted file's own parser; undefined when it cannot be read or parsed. */
export function parseModule(
  file: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): TSESTree.Program | undefined {
  return analysisHostFor(file).parse(file, languageOptions);
}

/** An editor buffer a refactoring reads (not the file's saved text), parsed with parents set. */
export function parseBuffer(
  file: string,
  text: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): TSESTree.Program | undefined {
  return analysisHostFor(file).parsed.parseBuffer(file, text, languageOptions);
}

/** Whether an import refers to a module of the project: relative, or mapped by tsconfig `paths` or a workspace. */
export function isProjectSpecifier(fromFile: string | undefined, specifier: string): boolean {
  if (specifier.startsWith('.')) return true;
  return fromFile !== undefined && analysisHostFor(fromFile).resolver.isProjectSpecifier(fromFile, specifier);
}

/**
 * Resolves an import of a project module to a file: relative or through tsconfig `paths`; exact, with an
 * extension, `.js` written for a `.ts` source, or `index.*`.
 */
export function resolveRelativeModule(fromFile: string, specifier: string): string | undefined {
  return analysisHostFor(fromFile).resolver.resolve(fromFile, specifier);
}

/**
 * Runs `analyze` with the AST ESLint parsed for the linted file standing in for the file's own parse (the model
 * reads it instead of parsing the file again).
 */
export function withLintedModule<T>(file: string, text: string, ast: TSESTree.Program, analyze: () => T): T {
  recordProgramFile(ast, file);
  return analysisHostFor(file).texts.withLinted(file, text, ast, analyze);
}

/** Outside a lint (the `analyzeService` API), every file of `root`'s host is read from the buffers or the disk. */
export function forgetLintedFile(root: string): void {
  analysisHostFor(root).texts.forgetLinted();
}

/** The nearest directory above `file` with a package.json (the file's own directory when there is none). */
export function findProjectRoot(file: string): string {
  const absolute = path.resolve(file);
  return analysisHostFor(absolute).projects.rootOf(absolute);
}

/** The scan of the project at `root`: every source file read once, for the questions asked of all of them. */
export function projectScan(root: string): ProjectScan {
  return analysisHostFor(root).projects.scan(root);
}

/** What the project at `root` depends on, from its package.json. */
export function projectDependencies(root: string): ProjectDependencies {
  return analysisHostFor(root).projects.dependencies(root);
}

type Definition = TSESTree.Expression | TSESTree.FunctionDeclaration | TSESTree.ClassDeclaration;

/** Per tree: a module's definitions and exports are looked up for every use of an imported name in every file. */
const definitionsByProgram = new WeakMap<TSESTree.Program, ReadonlyMap<string, Definition>>();
const exportsByProgram = new WeakMap<TSESTree.Program, Map<string, Definition | null>>();

/** Top-level `const x = …` initialisers and `function x() {}` declarations of a module, by name. */
export function topLevelDefinitions(program: TSESTree.Program): ReadonlyMap<string, Definition> {
  const known = definitionsByProgram.get(program);
  if (known) return known;
  const locals = new Map<string, Definition>();
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init)
          locals.set(declarator.id.name, declarator.init);
      }
    } else if (
      (declaration?.type === AST_NODE_TYPES.FunctionDeclaration ||
        declaration?.type === AST_NODE_TYPES.ClassDeclaration) &&
      declaration.id
    ) {
      locals.set(declaration.id.name, declaration);
    }
  }
  definitionsByProgram.set(program, locals);
  return locals;
}

/** The expression (or function) a module exports under `name` (ESM `export const`/`function`, `export { x }`, CommonJS `exports.x`, `module.exports = { x }`). */
export function findExport(program: TSESTree.Program, name: string): Definition | undefined {
  let found = exportsByProgram.get(program);
  if (!found) exportsByProgram.set(program, (found = new Map<string, Definition | null>()));
  return remembered(found, name, () => findExportUncached(program, name));
}

function findExportUncached(program: TSESTree.Program, name: string): Definition | undefined {
  const locals = topLevelDefinitions(program);
  for (const statement of program.body) {
    const declared = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : undefined;
    if (
      (declared?.type === AST_NODE_TYPES.FunctionDeclaration || declared?.type === AST_NODE_TYPES.ClassDeclaration) &&
      declared.id?.name === name
    ) {
      return declared;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init)
            return declarator.init;
        }
      }
      for (const specifier of statement.specifiers) {
        const exported =
          specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        if (exported === name && !statement.source) return locals.get(local);
      }
    }
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression
    ) {
      const { left, right } = statement.expression;
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.property.type !== AST_NODE_TYPES.Identifier) continue;
      const target = left.object;
      // exports.x = …, module.exports.x = …
      const isExports =
        (target.type === AST_NODE_TYPES.Identifier && target.name === 'exports') ||
        (target.type === AST_NODE_TYPES.MemberExpression &&
          target.object.type === AST_NODE_TYPES.Identifier &&
          target.object.name === 'module' &&
          target.property.type === AST_NODE_TYPES.Identifier &&
          target.property.name === 'exports');
      if (isExports && left.property.name === name)
        return right.type === AST_NODE_TYPES.Identifier ? (locals.get(right.name) ?? right) : right;
      // module.exports = { x, y: z }
      if (
        target.type === AST_NODE_TYPES.Identifier &&
        target.name === 'module' &&
        left.property.name === 'exports' &&
        right.type === AST_NODE_TYPES.ObjectExpression
      ) {
        for (const property of right.properties) {
          if (
            property.type !== AST_NODE_TYPES.Property ||
            property.key.type !== AST_NODE_TYPES.Identifier ||
            property.key.name !== name
          )
            continue;
          const value = property.value;
          return value.type === AST_NODE_TYPES.Identifier ? locals.get(value.name) : (value as TSESTree.Expression);
        }
      }
    }
  }
  return undefined;
}

export interface ResolvedExport {
  program: TSESTree.Program;
  node: TSESTree.Node;
}

/**
 * What `import { name } from specifier` (or the default export) refers to, following re-exports
 * (`export * from`, `export { x as name } from`) through relative modules.
 */
export function resolveImport(
  fromFile: string,
  specifier: string,
  name: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
  depth = 0,
  /** What counts as the export in a module: values by default; declarations of types for type imports. */
  find: (program: TSESTree.Program, name: string) => TSESTree.Node | undefined = findValueExport,
): ResolvedExport | undefined {
  if (depth > 8) return undefined;
  const file = resolveRelativeModule(fromFile, specifier);
  const program = file ? parseModule(file, languageOptions) : undefined;
  if (!file || !program) return undefined;
  const direct = find(program, name);
  if (direct) return { program, node: direct };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported && name !== 'default') {
      const found = resolveImport(file, statement.source.value, name, languageOptions, depth + 1, find);
      if (found) return found;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
      for (const exportSpecifier of statement.specifiers) {
        const exported =
          exportSpecifier.exported.type === AST_NODE_TYPES.Identifier
            ? exportSpecifier.exported.name
            : exportSpecifier.exported.value;
        const local =
          exportSpecifier.local.type === AST_NODE_TYPES.Identifier
            ? exportSpecifier.local.name
            : exportSpecifier.local.value;
        if (exported === name)
          return resolveImport(file, statement.source.value, local, languageOptions, depth + 1, find);
      }
    }
  }
  return undefined;
}

function findValueExport(program: TSESTree.Program, name: string): TSESTree.Node | undefined {
  return name === 'default' ? defaultExportOf(program) : findExport(program, name);
}

/** `export default <expression>`, or CommonJS `module.exports = <expression>`. */
function defaultExportOf(program: TSESTree.Program): TSESTree.Node | undefined {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) return statement.declaration;
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      statement.expression.left.type === AST_NODE_TYPES.MemberExpression &&
      statement.expression.left.object.type === AST_NODE_TYPES.Identifier &&
      statement.expression.left.object.name === 'module' &&
      statement.expression.left.property.type === AST_NODE_TYPES.Identifier &&
      statement.expression.left.property.name === 'exports'
    ) {
      const value = statement.expression.right;
      return value.type === AST_NODE_TYPES.Identifier ? (topLevelDefinitions(program).get(value.name) ?? value) : value;
    }
  }
  return undefined;
}
