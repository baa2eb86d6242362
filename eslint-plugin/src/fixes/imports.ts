import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { requiredModule } from '../analysis/ast';

export { moduleStyleOf, moduleStyleOfProgram, type ModuleStyle } from '../analysis/module-style';
import { isRequireStatement, moduleStyleOf, type ModuleStyle } from '../analysis/module-style';

/** One import a fix needs. */
export interface ImportRequest {
  module: string;
  /** Named imports (`import { a, b }`, `const { a, b } = require()`). */
  named?: string[];
  /** A whole-module binding (`import * as x`, `const x = require()`). */
  namespace?: string;
  /** The default export (`import x from`, `const x = require()`). */
  defaultName?: string;
  /** With one `named`: CommonJS takes the whole module under that name (pino-http is the function itself). */
  requireWhole?: boolean;
  /** Types only: `import type { … }` in TypeScript, nothing in JavaScript. */
  typeOnly?: boolean;
}

/** How imports are written in a file. */
export interface ImportTarget {
  style: ModuleStyle;
  typescript: boolean;
}

export function importTargetOf(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): ImportTarget {
  return { style: moduleStyleOf(sourceCode, filename), typescript: /\.(ts|tsx|mts|cts)$/.test(filename) };
}

/** Names declared at the file's top level (imports included): an import or insertion must not declare them again. */
export function topLevelNames(sourceCode: Readonly<TSESLint.SourceCode>): Set<string> {
  const global = sourceCode.scopeManager?.globalScope;
  const names = new Set<string>();
  if (!global) return names;
  for (const scope of [global, ...global.childScopes.filter((child) => child.type === 'module')])
    for (const variable of scope.variables) names.add(variable.name);
  return names;
}

/** Where imports go: the file's statements, its text, and the names it already declares. */
export interface ImportSite {
  body: readonly TSESTree.ProgramStatement[];
  text: string;
  declared: ReadonlySet<string>;
}

/** A text edit (an insertion when the range is empty). */
export interface TextChange {
  range: [number, number];
  text: string;
}

/**
 * The fixes that make `requests` available in the file, in its module style (see importEdits).
 */
export function importFixes(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  target: ImportTarget,
  requests: readonly ImportRequest[],
  before?: TSESTree.Node,
): TSESLint.RuleFix[] {
  const site = { body: sourceCode.ast.body, text: sourceCode.text, declared: topLevelNames(sourceCode) };
  return importEdits(site, target, requests, before?.range[0]).map((change) =>
    fixer.replaceTextRange(change.range, change.text),
  );
}

/**
 * The edits that make `requests` available. Names already declared are skipped; ESM named imports merge into an
 * existing `import { … }` of the module; new lines go after the last import that precedes offset `before` (a
 * `require` placed after the code that uses it would run too late), else after a directive or shebang, else at
 * the top. Lint fixes and refactorings outside a lint share it.
 */
export function importEdits(
  site: ImportSite,
  target: ImportTarget,
  requests: readonly ImportRequest[],
  before?: number,
): TextChange[] {
  const { body, declared } = site;
  const esm = target.style === 'esm';
  const changes: TextChange[] = [];
  const lines: string[] = [];
  for (const request of requests) {
    if (request.typeOnly && !target.typescript) continue;
    const whole = wholeBinding(request, esm);
    if (whole !== undefined) {
      if (!declared.has(whole)) lines.push(importStatement(request, target)!);
      continue;
    }
    const missing = (request.named ?? []).filter((name) => !declared.has(name));
    if (missing.length === 0) continue;
    const existing = esm && !request.typeOnly ? mergeableImport(body, request.module) : undefined;
    const last = existing?.specifiers[existing.specifiers.length - 1];
    if (last) changes.push({ range: [last.range[1], last.range[1]], text: `, ${missing.join(', ')}` });
    else lines.push(importStatement({ ...request, named: missing }, target)!);
  }
  if (lines.length === 0) return changes;
  const text = lines.join('\n');
  const imports = body.filter(
    (statement) =>
      (before === undefined || statement.range[1] <= before) &&
      (statement.type === AST_NODE_TYPES.ImportDeclaration || isRequireStatement(statement)),
  );
  const anchor =
    imports[imports.length - 1] ??
    (body[0]?.type === AST_NODE_TYPES.ExpressionStatement && body[0].directive ? body[0] : undefined);
  if (anchor) changes.push({ range: [anchor.range[1], anchor.range[1]], text: `\n${text}` });
  else if (site.text.startsWith('#!')) {
    const lineEnd = site.text.indexOf('\n') + 1;
    changes.push({ range: [lineEnd, lineEnd], text: `${text}\n` });
  } else changes.push({ range: [0, 0], text: `${text}\n` });
  return changes;
}

function wholeBinding(request: ImportRequest, esm: boolean): string | undefined {
  return request.namespace ?? request.defaultName ?? (request.requireWhole && !esm ? request.named?.[0] : undefined);
}

/** The statement that imports `request` in the target's module style (undefined: a type import in JavaScript). */
export function importStatement(request: ImportRequest, target: ImportTarget): string | undefined {
  if (request.typeOnly && !target.typescript) return undefined;
  const esm = target.style === 'esm';
  const whole = wholeBinding(request, esm);
  if (whole !== undefined) {
    if (!esm) return `const ${whole} = require('${request.module}');`;
    return request.namespace
      ? `import * as ${whole} from '${request.module}';`
      : `import ${whole} from '${request.module}';`;
  }
  const names = (request.named ?? []).join(', ');
  if (request.typeOnly) return `import type { ${names} } from '${request.module}';`;
  return esm ? `import { ${names} } from '${request.module}';` : `const { ${names} } = require('${request.module}');`;
}

function mergeableImport(
  body: readonly TSESTree.ProgramStatement[],
  module: string,
): TSESTree.ImportDeclaration | undefined {
  return body.find(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.source.value === module &&
      statement.importKind !== 'type' &&
      statement.specifiers.length > 0 &&
      statement.specifiers.every((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
}

/** The local name a module is already imported under in this file (`''` for a bare import), if it is. */
export function importedAs(sourceCode: Readonly<TSESLint.SourceCode>, module: string): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === module)
      return statement.specifiers[0]?.local.name ?? '';
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (requiredModule(declarator.init) === module && declarator.id.type === AST_NODE_TYPES.Identifier)
          return declarator.id.name;
      }
    }
  }
  return undefined;
}
