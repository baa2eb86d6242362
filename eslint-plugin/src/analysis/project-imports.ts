import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { findVariable, importBindings, memberName, propertyKeyName, type Scope, unwrap } from './ast';
import { fileOfProgram, isProjectSpecifier, resolveImport } from './modules';

/**
 * What names imported from other modules of the project hold, read syntactically through the project's module
 * resolver (`modules.ts`): nothing is resolved until a caller asks about an imported name.
 */
export class ProjectImports {
  constructor(
    private readonly program: TSESTree.Program,
    /** The linted file; undefined when ESLint lints text without a file (then nothing is resolved). */
    private readonly file: string | undefined,
    private readonly languageOptions: TSESLint.FlatConfig.LanguageOptions,
  ) {}

  /** The string an imported `export const NAME = '…'` holds (`import { REQUEST_ID_HEADER } from './headers'`). */
  constantString(localName: string): string | undefined {
    const resolved = this.resolve(localName);
    if (!resolved) return undefined;
    const value = unwrap(resolved.node);
    return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' ? value.value : undefined;
  }

  /** The same view from another parsed module of the project (its own imports resolve from its own file). */
  forModule(program: TSESTree.Program): ProjectImports | undefined {
    const file = fileOfProgram(program);
    return file ? new ProjectImports(program, file, this.languageOptions) : undefined;
  }

  /** The declaration an imported name refers to in its project module, following re-exports. */
  resolve(
    localName: string,
    find?: (program: TSESTree.Program, name: string) => TSESTree.Node | undefined,
  ): { program: TSESTree.Program; node: TSESTree.Node } | undefined {
    const binding = importBindings(this.program).get(localName);
    if (!this.file || !binding || binding.imported === '*') return undefined;
    if (!isProjectSpecifier(this.file, binding.module)) return undefined;
    // `const x = require('./m')` is what `./m` assigns to `module.exports` (or its default export).
    return resolveImport(
      this.file,
      binding.module,
      binding.imported === 'require' ? 'default' : binding.imported,
      this.languageOptions,
      0,
      find,
    );
  }
}

/**
 * The string a key expression stands for: `'x-request-id'`, `` `user-agent` ``, `const HEADER = 'x-request-id'`,
 * `HEADERS.REQUEST_ID` of a `const HEADERS = { REQUEST_ID: '…' }`, or an imported constant. `scope` is where
 * `node` is used.
 */
export function constantStringOf(
  node: TSESTree.Node,
  scope: Scope,
  imports: ProjectImports | undefined,
  depth = 0,
): string | undefined {
  if (depth > 4) return undefined;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' ? value.value : undefined;
  if (value.type === AST_NODE_TYPES.TemplateLiteral)
    return value.expressions.length === 0 ? (value.quasis[0]?.value.cooked ?? undefined) : undefined;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(scope, value.name);
    if (init) return constantStringOf(init, scope, undefined, depth + 1);
    return imports?.constantString(value.name);
  }
  if (value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.Identifier) {
    const key = memberName(value);
    const init = constInitializer(scope, value.object.name);
    if (key === undefined || init?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const property = init.properties.find(
      (candidate) => candidate.type === AST_NODE_TYPES.Property && propertyKeyName(candidate) === key,
    );
    const held = property?.type === AST_NODE_TYPES.Property ? unwrap(property.value) : undefined;
    return held && (held.type === AST_NODE_TYPES.Literal || held.type === AST_NODE_TYPES.TemplateLiteral)
      ? constantStringOf(held, scope, undefined, depth + 1)
      : undefined;
  }
  return undefined;
}

/** The initialiser of a `const` in scope (`as const` and other wrappers removed). */
function constInitializer(scope: Scope, name: string): TSESTree.Node | undefined {
  const def = findVariable(scope, name)?.defs[0];
  if (
    def?.node.type !== AST_NODE_TYPES.VariableDeclarator ||
    def.node.parent?.kind !== 'const' ||
    !def.node.init ||
    def.node.id !== def.name
  )
    return undefined;
  return unwrap(def.node.init);
}

/** One reader of the linted file's project imports per lint, shared by every rule that follows imports. */
const projectImportsByFile = new WeakMap<TSESLint.SourceCode, ProjectImports>();

export function projectImportsOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ProjectImports {
  let imports = projectImportsByFile.get(context.sourceCode);
  if (!imports) {
    const file = path.isAbsolute(context.filename) ? context.filename : undefined;
    imports = new ProjectImports(context.sourceCode.ast, file, context.languageOptions);
    projectImportsByFile.set(context.sourceCode, imports);
  }
  return imports;
}
