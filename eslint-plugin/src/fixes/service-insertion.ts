import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { enclosingStatement, propertyKeyName, topLevelStatementOf, unwrap } from '../analysis/ast';
import { endsWithPath } from '../analysis/service-model/lint';
import { LIVENESS_PATHS, READINESS_PATHS } from '../analysis/service-model/middleware';
import type { MiddlewareRole, ScopeModel, ServiceModel } from '../analysis/service-model/types';
import { importFixes, importStatement, topLevelNames, type ImportRequest } from './imports';
import { serviceProfile, type ServiceProfile } from './service-profile';

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
  /** Properties added to the options of the pino logger this file creates (the profile's `logger.pinoCall`). */
  loggerOptions?: Array<{ key: string; value: string }>;
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
  const statement = node ? enclosingStatement(node) : undefined;
  return node && statement ? { node, statement } : undefined;
}

/** `const app = express()` → `app`; `const app = await NestFactory.create(M)` → `app`. */
export function appVariableOf(creation: AppCreation): string | undefined {
  for (
    let current: TSESTree.Node | undefined = creation.node;
    current && current !== creation.statement.parent;
    current = current.parent
  ) {
    if (current.type === AST_NODE_TYPES.VariableDeclarator)
      return current.id.type === AST_NODE_TYPES.Identifier ? current.id.name : undefined;
  }
  return undefined;
}

/**
 * The statement after which an insertion of `rank` goes: right after the app's creation, past the statements that
 * earlier insertions of a lower rank (or the project) put there, so the order is the same whatever the order the
 * fixes are applied in.
 */
function registrationAnchor(
  creation: AppCreation,
  app: ScopeModel,
  model: ServiceModel,
  rank: InsertionRank,
): TSESTree.Statement {
  const before = RANK_ROLES[rank];
  const lines = new Set<number>();
  for (const middleware of app.middleware)
    if (middleware.roles.some((role) => before.includes(role))) lines.add(middleware.location.line);
  if (before.includes('health')) {
    for (const route of model.routes) {
      if (
        route.scope === app.id &&
        (endsWithPath(route.path, LIVENESS_PATHS) || endsWithPath(route.path, READINESS_PATHS))
      )
        lines.add(route.location.line);
    }
  }
  const siblings =
    creation.statement.parent && 'body' in creation.statement.parent && Array.isArray(creation.statement.parent.body)
      ? (creation.statement.parent.body as TSESTree.Statement[])
      : [];
  let anchor = creation.statement;
  for (let index = siblings.indexOf(creation.statement) + 1; index < siblings.length; index++) {
    const next = siblings[index];
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
  fixes.push(...importFixes(fixer, sourceCode, profile, insertion.imports, declarationsAnchor));
  if (insertion.declarations.length > 0) {
    fixes.push(fixer.insertTextBefore(declarationsAnchor, `${insertion.declarations.join('\n\n')}\n\n`));
  }
  if (insertion.registrations.length > 0) {
    const anchor = registrationAnchor(creation, app, model, insertion.rank);
    const indent = ' '.repeat(anchor.loc.start.column);
    const text = insertion.registrations
      .join('\n')
      .split('\n')
      .map((line) => (line ? indent + line : line))
      .join('\n');
    fixes.push(fixer.insertTextAfter(anchor, `\n${text}`));
  }
  const factory = insertion.factoryOptions?.length ? factoryCall(creation.node) : undefined;
  if (factory) fixes.push(...optionFixes(fixer, sourceCode, factory, insertion.factoryOptions!));
  const logger = insertion.loggerOptions?.length ? profile.logger?.pinoCall : undefined;
  if (logger) fixes.push(...optionFixes(fixer, sourceCode, logger, insertion.loggerOptions!));
  if (profile.style === 'commonjs' && insertion.exported.length > 0) {
    const end = sourceCode.text.length;
    const separator = sourceCode.text.endsWith('\n') ? '' : '\n';
    fixes.push(
      fixer.insertTextAfterRange(
        [end, end],
        `${separator}${insertion.exported.map((name) => `module.exports.${name} = ${name};`).join('\n')}\n`,
      ),
    );
  }
  return fixes;
}

/** Options of a call (`Fastify()`, `pino()`): no argument gets an options object; an object literal gets the missing keys. */
function optionFixes(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  options: Array<{ key: string; value: string }>,
): TSESLint.RuleFix[] {
  const argument = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!argument) {
    const close = sourceCode.getLastToken(call);
    return close
      ? [fixer.insertTextBefore(close, `{ ${options.map(({ key, value }) => `${key}: ${value}`).join(', ')} }`)]
      : [];
  }
  if (argument.type === AST_NODE_TYPES.Identifier) {
    // Options handed through a factory (`function buildApp(opts) { Fastify(opts) }`): ours first, the caller's win.
    return [
      fixer.replaceText(
        argument,
        `{ ${options.map(({ key, value }) => `${key}: ${value}`).join(', ')}, ...${argument.name} }`,
      ),
    ];
  }
  if (argument.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const present = new Set(
    argument.properties.map((property) =>
      property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined,
    ),
  );
  const missing = options.filter(({ key }) => !present.has(key));
  if (missing.length === 0) return [];
  const text = missing.map(({ key, value }) => `${key}: ${value}`).join(', ');
  const last = argument.properties[argument.properties.length - 1];
  if (!last) return [fixer.replaceText(argument, `{ ${text} }`)];
  const after = sourceCode.getTokenAfter(last);
  return [after?.value === ',' ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`)];
}

/** Whether the factory call's options can take new keys (absent, an object literal, or a variable to spread). */
export function factoryAcceptsOptions(creation: AppCreation): boolean {
  const call = factoryCall(creation.node);
  if (!call) return false;
  const argument = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  return !argument || argument.type === AST_NODE_TYPES.ObjectExpression || argument.type === AST_NODE_TYPES.Identifier;
}

/** The call that creates the app (`Fastify({ … })`, `express()`): its options are editable. */
export function factoryCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) return current;
    if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclarator) return undefined;
  }
  return undefined;
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

/**
 * The insertion as one block of code for a new file or a snippet: imports, declarations, the app's registrations
 * (Fastify factory options as the app's creation with `factory`), and CommonJS exports.
 */
export function insertionText(insertion: ServiceInsertion, profile: ServiceProfile, factory?: string): string {
  const imports = insertion.imports.flatMap((request) => importStatement(request, profile) ?? []);
  const creation =
    insertion.factoryOptions?.length && factory
      ? [
          `const ${profile.app} = ${factory}({ ${insertion.factoryOptions.map(({ key, value }) => `${key}: ${value}`).join(', ')} });`,
        ]
      : [];
  const exports =
    profile.style === 'commonjs' ? insertion.exported.map((name) => `module.exports.${name} = ${name};`) : [];
  return (
    [
      imports.join('\n'),
      ...insertion.declarations,
      [...creation, ...insertion.registrations].join('\n'),
      exports.join('\n'),
    ]
      .filter((part) => part.length > 0)
      .join('\n\n') + '\n'
  );
}
