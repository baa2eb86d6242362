import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName, requiredModule, unwrap } from '../analysis/ast';
import { endsWithPath } from '../analysis/service-model/lint';
import { LIVENESS_PATHS, READINESS_PATHS } from '../analysis/service-model/middleware';
import type { MiddlewareRole, ScopeModel, ServiceModel } from '../analysis/service-model/types';
import { serviceProfile, topLevelNames, topLevelStatementOf, type ServiceProfile } from './service-profile';

export interface ImportRequest {
  module: string;
  /** Named imports (`import { a, b }`, `const { a, b } = require()`). */
  named?: string[];
  /** A whole-module binding (`import * as x`, `const x = require()`). */
  namespace?: string;
  /** The default export (`import x from`, `const x = require()`). */
  defaultName?: string;
  /** Types only: `import type { … }` in TypeScript, nothing in JavaScript. */
  typeOnly?: boolean;
}

/**
 * Code one service fix adds to the file that creates the app: imports, top-level declarations (placed just before
 * the statement that creates the app, so they exist before it runs), and registrations on the app (placed after
 * its creation, before routes and auth).
 */
export interface ServiceInsertion {
  imports: ImportRequest[];
  declarations: string[];
  registrations: string[];
  /** Top-level names the declarations introduce: a file that already uses one gets no insertion. */
  declares: string[];
  /** Declared names other modules need (`getRequestId`); CommonJS files export them at the end. */
  exported: string[];
  /** Fastify: properties added to the factory's options object. */
  factoryOptions?: Array<{ key: string; value: string }>;
  /** Order after the app's creation when several are inserted: lower first. */
  rank: InsertionRank;
}

/** Correlation IDs run first (every later log line has the id), then probes (not timed), then timing. */
export enum InsertionRank {
  CorrelationId = 0,
  Health = 1,
  Timing = 2,
}

const RANK_ROLES: Record<InsertionRank, MiddlewareRole[]> = {
  [InsertionRank.CorrelationId]: [],
  [InsertionRank.Health]: ['correlation-id'],
  [InsertionRank.Timing]: ['correlation-id', 'health', 'readiness'],
};

/** `export ` on an exported declaration in an ES module; CommonJS files get `module.exports.x = x` instead. */
export function exportKeyword(profile: ServiceProfile): string {
  return profile.style === 'esm' ? 'export ' : '';
}

/** TypeScript text or JavaScript text. */
export function typed(profile: ServiceProfile, ts: string, js = ''): string {
  return profile.typescript ? ts : js;
}

/** Where an app is created in this file: the expression, and the statement holding it. */
export interface AppCreation {
  node: TSESTree.Node;
  statement: TSESTree.Statement;
}

export function appCreation(sourceCode: Readonly<TSESLint.SourceCode>, app: ScopeModel): AppCreation | undefined {
  const { line, column } = app.location;
  if (line > sourceCode.lines.length) return undefined;
  const node = sourceCode.getNodeByRangeIndex(sourceCode.getIndexFromLoc({ line, column: column - 1 }));
  if (!node) return undefined;
  let statement: TSESTree.Node | undefined = node;
  while (statement?.parent && statement.parent.type !== AST_NODE_TYPES.Program && statement.parent.type !== AST_NODE_TYPES.BlockStatement) statement = statement.parent;
  if (!statement || statement.type === AST_NODE_TYPES.Program || !statement.parent) return undefined;
  return { node, statement: statement as TSESTree.Statement };
}

/** `const app = express()` → `app`; `const app = await NestFactory.create(M)` → `app`. */
export function appVariableOf(creation: AppCreation): string | undefined {
  for (let current: TSESTree.Node | undefined = creation.node; current && current !== creation.statement.parent; current = current.parent) {
    if (current.type === AST_NODE_TYPES.VariableDeclarator) return current.id.type === AST_NODE_TYPES.Identifier ? current.id.name : undefined;
  }
  return undefined;
}

/**
 * The statement after which an insertion of `rank` goes: right after the app's creation, past the statements that
 * earlier insertions of a lower rank (or the project) put there, so the order is the same whatever the order the
 * fixes are applied in.
 */
function registrationAnchor(creation: AppCreation, app: ScopeModel, model: ServiceModel, rank: InsertionRank): TSESTree.Statement {
  const before = RANK_ROLES[rank];
  const lines = new Set<number>();
  for (const middleware of app.middleware) if (middleware.roles.some((role) => before.includes(role))) lines.add(middleware.location.line);
  if (before.includes('health')) {
    for (const route of model.routes) {
      if (route.scope === app.id && (endsWithPath(route.path, LIVENESS_PATHS) || endsWithPath(route.path, READINESS_PATHS))) lines.add(route.location.line);
    }
  }
  const siblings = creation.statement.parent && 'body' in creation.statement.parent && Array.isArray(creation.statement.parent.body) ? (creation.statement.parent.body as TSESTree.Statement[]) : [];
  let anchor = creation.statement;
  for (let index = siblings.indexOf(creation.statement) + 1; index < siblings.length; index++) {
    const next = siblings[index]!;
    const covers = [...lines].some((line) => line >= next.loc.start.line && line <= next.loc.end.line);
    if (!covers) break;
    anchor = next;
  }
  return anchor;
}

/** Whether the insertion can go in without clashing with a name the file already declares. */
export function canInsert(sourceCode: Readonly<TSESLint.SourceCode>, insertion: ServiceInsertion): boolean {
  const names = topLevelNames(sourceCode);
  return insertion.declares.every((name) => !names.has(name));
}

/** The fixes that add `insertion` to the file (imports, declarations, registrations, exports, factory options). */
export function applyServiceInsertion(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  profile: ServiceProfile,
  creation: AppCreation,
  app: ScopeModel,
  model: ServiceModel,
  insertion: ServiceInsertion,
): TSESLint.RuleFix[] {
  const fixes: TSESLint.RuleFix[] = [];
  const declarationsAnchor = topLevelStatementOf(creation.statement) ?? creation.statement;
  const importFixes = importInsertions(fixer, sourceCode, profile, insertion.imports, declarationsAnchor);
  fixes.push(...importFixes);
  if (insertion.declarations.length > 0) {
    fixes.push(fixer.insertTextBefore(declarationsAnchor, `${insertion.declarations.join('\n\n')}\n\n`));
  }
  if (insertion.registrations.length > 0) {
    const anchor = registrationAnchor(creation, app, model, insertion.rank);
    const indent = ' '.repeat(anchor.loc.start.column);
    const text = insertion.registrations.join('\n').split('\n').map((line) => (line ? indent + line : line)).join('\n');
    fixes.push(fixer.insertTextAfter(anchor, `\n${text}`));
  }
  if (insertion.factoryOptions?.length) fixes.push(...factoryOptionFixes(fixer, sourceCode, creation, insertion.factoryOptions));
  if (profile.style === 'commonjs' && insertion.exported.length > 0) {
    const end = sourceCode.text.length;
    const separator = sourceCode.text.endsWith('\n') ? '' : '\n';
    fixes.push(fixer.insertTextAfterRange([end, end], `${separator}${insertion.exported.map((name) => `module.exports.${name} = ${name};`).join('\n')}\n`));
  }
  return fixes;
}

/** Fastify factory options: `Fastify()` gets an options object; an object literal gets the missing keys. */
function factoryOptionFixes(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, creation: AppCreation, options: Array<{ key: string; value: string }>): TSESLint.RuleFix[] {
  const call = factoryCall(creation.node);
  if (!call) return [];
  const argument = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!argument) {
    const close = sourceCode.getLastToken(call);
    return close ? [fixer.insertTextBefore(close, `{ ${options.map(({ key, value }) => `${key}: ${value}`).join(', ')} }`)] : [];
  }
  if (argument.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const present = new Set(argument.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined)));
  const missing = options.filter(({ key }) => !present.has(key));
  if (missing.length === 0) return [];
  const text = missing.map(({ key, value }) => `${key}: ${value}`).join(', ');
  const last = argument.properties[argument.properties.length - 1];
  if (!last) return [fixer.replaceText(argument, `{ ${text} }`)];
  const after = sourceCode.getTokenAfter(last);
  return [after?.value === ',' ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`)];
}

/** Whether the factory call's options can take new keys (absent, or an object literal). */
export function factoryAcceptsOptions(creation: AppCreation): boolean {
  const call = factoryCall(creation.node);
  if (!call) return false;
  const argument = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  return !argument || argument.type === AST_NODE_TYPES.ObjectExpression;
}

function factoryCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) return current;
    if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclarator) return undefined;
  }
  return undefined;
}

/**
 * Imports the insertion needs, in the file's module style: names merged into an existing `import { … }` of the same
 * module, new lines after the last import that precedes the declarations (a `require` after them would run too late).
 */
function importInsertions(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, profile: ServiceProfile, requests: readonly ImportRequest[], declarationsAnchor: TSESTree.Node): TSESLint.RuleFix[] {
  const body = sourceCode.ast.body;
  const declared = topLevelNames(sourceCode);
  const fixes: TSESLint.RuleFix[] = [];
  const lines: string[] = [];
  for (const request of requests) {
    if (request.typeOnly && !profile.typescript) continue;
    if (request.namespace) {
      if (declared.has(request.namespace)) continue;
      lines.push(profile.style === 'esm' ? `import * as ${request.namespace} from '${request.module}';` : `const ${request.namespace} = require('${request.module}');`);
      continue;
    }
    if (request.defaultName) {
      if (declared.has(request.defaultName)) continue;
      lines.push(profile.style === 'esm' ? `import ${request.defaultName} from '${request.module}';` : `const ${request.defaultName} = require('${request.module}');`);
      continue;
    }
    const missing = (request.named ?? []).filter((name) => !declared.has(name));
    if (missing.length === 0) continue;
    const existing = profile.style === 'esm' && !request.typeOnly ? mergeableImport(body, request.module) : undefined;
    if (existing) {
      fixes.push(fixer.insertTextAfter(existing.specifiers[existing.specifiers.length - 1]!, `, ${missing.join(', ')}`));
      continue;
    }
    if (request.typeOnly) lines.push(`import type { ${missing.join(', ')} } from '${request.module}';`);
    else lines.push(profile.style === 'esm' ? `import { ${missing.join(', ')} } from '${request.module}';` : `const { ${missing.join(', ')} } = require('${request.module}');`);
  }
  if (lines.length === 0) return fixes;
  const imports = body.filter((statement) => statement.range[1] <= declarationsAnchor.range[0] && isImportStatement(statement));
  const anchor = imports[imports.length - 1];
  if (anchor) {
    fixes.push(fixer.insertTextAfter(anchor, `\n${lines.join('\n')}`));
    return fixes;
  }
  const directive = body[0]?.type === AST_NODE_TYPES.ExpressionStatement && body[0].directive ? body[0] : undefined;
  if (directive) fixes.push(fixer.insertTextAfter(directive, `\n${lines.join('\n')}`));
  else if (sourceCode.text.startsWith('#!')) {
    const lineEnd = sourceCode.text.indexOf('\n') + 1;
    fixes.push(fixer.insertTextAfterRange([lineEnd, lineEnd], `${lines.join('\n')}\n`));
  } else fixes.push(fixer.insertTextBeforeRange([0, 0], `${lines.join('\n')}\n`));
  return fixes;
}

function mergeableImport(body: readonly TSESTree.ProgramStatement[], module: string): TSESTree.ImportDeclaration | undefined {
  return body.find(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === module && statement.importKind !== 'type' && statement.specifiers.length > 0 && statement.specifiers.every((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier),
  );
}

function isImportStatement(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) return true;
  return statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.some((declarator) => requiredModule(declarator.init) !== undefined || (declarator.init?.type === AST_NODE_TYPES.MemberExpression && requiredModule(declarator.init.object) !== undefined));
}

/**
 * The fix of a service rule's suggestion for `app`, when the file can take it: the app is created here under a
 * name, the template exists for its framework, no declared name clashes, and Fastify options are editable.
 */
export function serviceInsertionFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  model: ServiceModel,
  app: ScopeModel,
  build: (profile: ServiceProfile) => ServiceInsertion | undefined,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  const creation = appCreation(sourceCode, app);
  const appName = creation ? appVariableOf(creation) : undefined;
  if (!creation || !appName) return undefined;
  const profile = serviceProfile(sourceCode, filename, app.framework, appName, model.root);
  const insertion = build(profile);
  if (!insertion || !canInsert(sourceCode, insertion)) return undefined;
  if (insertion.factoryOptions?.length && !factoryAcceptsOptions(creation)) return undefined;
  return (fixer) => applyServiceInsertion(fixer, sourceCode, profile, creation, app, model, insertion);
}
