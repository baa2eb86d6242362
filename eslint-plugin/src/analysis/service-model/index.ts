import * as path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { forgetLintedFile, moduleTextOf } from '../modules';
import { analysisHostFor, defaultAnalysisHost } from '../host';
import type { ProjectModel } from './model-cache';
import { findProjectRoot, projectDependencies, projectScan } from '../modules';
import { isTestOrScriptPath } from '../test-files';
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import { isFunctionNode, returnedExpressions, unwrap } from '../ast';
import { type Entity, RouterGraphBuilder, walkRoutes } from './builder';
import { ModuleScope } from './module-scope';
import { NestBuilder } from './nest';
import { isNextMiddlewareFile, isNextRouteFile, NextBuilder } from './next';
import { SERVICE_MODEL_VERSION, type ServiceModel } from './types';

export * from './types';
export { findProjectRoot, isProjectSpecifier, resolveRelativeModule, type ModuleFileChange } from '../modules';
export {
  AnalysisHost,
  type AnalysisHostOptions,
  analysisHostFor,
  analysisHosts,
  defaultAnalysisHost,
  registerAnalysisHost,
} from '../host';
export { DEFAULT_MODULE_CACHE_BYTES } from '../parsed-modules';
export type { BufferReader } from '../source-texts';
export { routeCoverage, lateMounts, type Coverage } from './coverage';

/** How many times each module was parsed by the default host's analysis (not by ESLint); the benchmark reports repeats. */
export function moduleParseCounts(): ReadonlyMap<string, number> {
  return defaultAnalysisHost().parsed.counts;
}

export interface AnalyzeServiceOptions {
  /** Parser and options for reading sources; defaults to typescript-eslint's parser when installed, else espree. */
  languageOptions?: TSESLint.FlatConfig.LanguageOptions;
  /** Names of middleware that log requests, for packages the analysis does not know. */
  loggingMiddleware?: readonly string[];
}

export function defaultLanguageOptions(): TSESLint.FlatConfig.LanguageOptions {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const parser = require('@typescript-eslint/parser') as TSESLint.FlatConfig.Parser;
    return { parser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
  } catch {
    return { sourceType: 'module', ecmaVersion: 'latest' };
  }
}

function usesNext(root: string, files: readonly string[]): boolean {
  return (
    projectDependencies(root).has('next') || files.some((file) => /(^|[\\/])next\.config\.(js|mjs|ts)$/.test(file))
  );
}

/**
 * The service model of the project at `rootDir`: every app found in its sources (Express, Fastify, Koa, Hono,
 * NestJS, Next.js), with routers, mounts, middleware in registration order and full route paths.
 */
export function analyzeService(rootDir: string, options: AnalyzeServiceOptions = {}): ServiceModel {
  const root = path.resolve(rootDir);
  forgetLintedFile(root);
  return buildModel(
    root,
    options.languageOptions ?? defaultLanguageOptions(),
    new Set(options.loggingMiddleware ?? []),
  );
}

/**
 * The model of the project a linted file belongs to, built once and reused while the files it was built from
 * are unchanged (every module is parsed once per content; the linted file's own AST is reused).
 */
/** Whether the model of a file's project is already built (an editor shows progress while it is not). */
export function hasServiceModel(filename: string): boolean {
  return analysisHostFor(filename).models.has(findProjectRoot(filename));
}

export function serviceModelFor(
  filename: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
  loggingMiddleware: readonly string[],
): ServiceModel | undefined {
  if (!path.isAbsolute(filename)) return undefined;
  return serviceModelOfProject(findProjectRoot(filename), languageOptions, loggingMiddleware);
}

/**
 * The model of the project at `root` (a directory `findProjectRoot` returns), from the same cache the rules use:
 * the route report asks for it by project rather than by linted file.
 */
export function serviceModelOfProject(
  root: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
  loggingMiddleware: readonly string[] = [],
): ServiceModel {
  const project = analysisHostFor(root).models.project(root);
  const roots = rootsOf(root);
  const key = `${loggingMiddleware.join('\0')}\u0001${roots.join('\0')}`;
  const cached = project.model;
  if (cached && cached.key === key && [...cached.texts].every(([file, text]) => moduleTextOf(file) === text))
    return cached.model;
  const model = buildModel(root, languageOptions, new Set(loggingMiddleware), project, roots);
  const texts = new Map(
    model.files.map((file) => {
      const absolute = path.join(root, file);
      return [absolute, moduleTextOf(absolute)] as const;
    }),
  );
  project.model = { model, texts, key };
  return model;
}

/** The files of `filename`'s project that create apps (absolute): where the service templates go. */
export function appFilesOf(
  filename: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions = defaultLanguageOptions(),
): string[] {
  forgetLintedFile(path.resolve(filename));
  const model = serviceModelFor(path.resolve(filename), languageOptions, []);
  if (!model) return [];
  const files = model.scopes
    .filter((scope) => scope.kind === 'app')
    .map((scope) => path.join(model.root, scope.location.file));
  return [...new Set(files)];
}

/**
 * A model of one file on its own, its routers taken as roots: for `assumeNoGlobalLogging`, when no app that
 * mounts them is visible.
 */
export function fileAloneModel(
  filename: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
  loggingMiddleware: readonly string[],
): ServiceModel | undefined {
  const root = findProjectRoot(filename);
  const scope = ModuleScope.forFile(filename, languageOptions);
  if (!scope) return undefined;
  const graph = new RouterGraphBuilder({ root, languageOptions, loggingMiddleware: new Set(loggingMiddleware) });
  graph.analyzeModule(scope);
  const { scopes, routes } = walkRoutes(graph.resolvedEntities(), true);
  return { version: SERVICE_MODEL_VERSION, root, scopes, routes, files: [...graph.files].sort() };
}

/** Where apps are created: the scan's files, the linted and open files judged by their current text. */
function rootsOf(root: string): string[] {
  // An app a test builds is a fixture of the service, not a second service (its routes are the real ones, reached
  // from the real app when it is mounted there).
  return projectScan(root)
    .currentFilesMatching('app-root')
    .filter((file) => !isTestOrScriptPath(path.relative(root, file)));
}

function buildModel(
  root: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
  loggingMiddleware: ReadonlySet<string>,
  project: ProjectModel = {},
  roots = rootsOf(root),
): ServiceModel {
  const files = projectScan(root).files;
  const options = { root, languageOptions, loggingMiddleware };
  const graph = new RouterGraphBuilder(options);
  const nest = new NestBuilder(options);
  for (const file of roots) {
    const scope = ModuleScope.forFile(file, languageOptions);
    if (!scope) continue;
    graph.analyzeModule(scope);
    nest.analyzeModule(scope);
  }
  graph.analyzeFactoryCallers();
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  project.next ??= usesNext(root, files);
  const next = project.next
    ? new NextBuilder(
        options,
        files.filter((file) => isNextRouteFile(relative(file))),
        files.find((file) => isNextMiddlewareFile(relative(file))),
      )
    : undefined;
  const entities = [
    ...withoutHandedOffApps(withoutDeadApps(graph.resolvedEntities(), root), root),
    ...nest.entities,
    ...(next?.entity ? [next.entity] : []),
  ];
  const { scopes, routes } = walkRoutes(entities);
  return {
    version: SERVICE_MODEL_VERSION,
    root,
    scopes,
    routes,
    files: [...new Set([...graph.files, ...nest.files, ...(next?.files ?? [])])].sort(),
  };
}

/** A Hono app is served where it is made (`serve({ fetch: app.fetch })`, `Bun.serve`, `app.listen`, `handle(app)`). */
const SERVED_HERE = /\bserve\s*\(|\.fetch\b|\.listen\s*\(|\bhandle\s*\(|\.fire\s*\(/;

/**
 * Leaves out Hono apps in modules nothing reaches: no module imports them, nothing serves them there, and the project
 * names its entry files (manifest scripts, `main`, wrangler) without them — a leftover copy such as
 * `routes/users-clean.ts` is not a second service. Without named entries, or with no other app, every app is kept.
 */
function withoutDeadApps(entities: Entity[], root: string): Entity[] {
  const entryStems = projectDependencies(root).entryStems;
  if (entryStems.size === 0) return entities;
  const mounted = new Set(entities.flatMap((entity) => entity.model.mounts.map((mount) => mount.target)));
  const scan = projectScan(root);
  const dead = (entity: Entity): boolean => {
    if (entity.framework !== 'hono' || mounted.has(entity.model.id) || entity.template) return false;
    const file = entity.module.file;
    if (entryStems.has(path.basename(file).replace(/\.[cm]?[jt]sx?$/, '')) || scan.isImported(file)) return false;
    return !SERVED_HERE.test(moduleTextOf(file) ?? '');
  };
  const kept = entities.filter((entity) => !dead(entity));
  const roots = kept.filter(
    (entity) => !mounted.has(entity.model.id) && (entity.model.kind === 'app' || entity.framework === 'hono'),
  );
  return roots.length > 0 ? kept : entities;
}

/** Calls that serve an app (rather than mount it somewhere we cannot see). */
const SERVING_CALLS = new Set(['createServer', 'serverless', 'handle', 'serve', 'listen', 'createSecureServer']);

/**
 * An app a function builds and returns (`function setupMembersApp() { const app = express(); …; return app }`) is a
 * service only where a caller serves it. When no visible call serves it — the function is handed to a loader
 * (`frontendApp.lazyUse('/members', require('../members'))`) or its result passed on (`app.use(vhost(host,
 * backendApp()))`) — it is mounted in a way the model cannot follow, and its routes go through whatever the
 * parent runs first: no finding is better than one about a parent we do not see. A caller the model follows
 * (`const app = buildApp(); app.listen()`) makes an app of its own, and the builder's app is then not a root anyway.
 */
function withoutHandedOffApps(entities: Entity[], root: string): Entity[] {
  const mounted = new Set(entities.flatMap((entity) => entity.model.mounts.map((mount) => mount.target)));
  const scan = projectScan(root);
  const handedOff = (entity: Entity): boolean => {
    const site = entity.created;
    if (!site || entity.model.kind !== 'app' || mounted.has(entity.model.id)) return false;
    const fn = enclosingFunctionOf(site);
    if (!fn || !returnsSite(fn, site)) return false;
    const name = nameOfFunction(fn);
    if (!name) return false;
    const files = [entity.module.file, ...scan.filesCalling(name).filter((file) => file !== entity.module.file)].filter(
      (file) => !isTestOrScriptPath(path.relative(root, file)),
    );
    const textOf = (file: string): string =>
      file === entity.module.file ? entity.module.text(entity.module.program) : (moduleTextOf(file) ?? '');
    const uses = files.map((file) => callUses(textOf(file), name));
    if (uses.includes('served')) return false;
    // Evidence it is mounted elsewhere: its result passed to another call, or its module required as an argument
    // (`frontendApp.lazyUse('/members', require('../members'))`). Without evidence the app stays a service.
    return (
      uses.includes('passed') ||
      moduleRequiredAsArgument(entity.module.file, importersThroughIndexes(scan, entity.module.file), textOf)
    );
  };
  const kept = entities.filter((entity) => !handedOff(entity));
  return kept.length === entities.length ? entities : kept;
}

function enclosingFunctionOf(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

/** The function returns the app made at `site`: the expression itself, or the variable it initialises. */
function returnsSite(fn: TSESTree.FunctionLike, site: TSESTree.Node): boolean {
  const declarator =
    site.parent?.type === AST_NODE_TYPES.VariableDeclarator && site.parent.id.type === AST_NODE_TYPES.Identifier
      ? site.parent.id.name
      : undefined;
  return returnedExpressions(fn as TSESTree.FunctionDeclaration).some((returned) => {
    const value = unwrap(returned);
    return (
      value === site ||
      (declarator !== undefined && value.type === AST_NODE_TYPES.Identifier && value.name === declarator)
    );
  });
}

function nameOfFunction(fn: TSESTree.FunctionLike): string | undefined {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id)
    return fn.id.name;
  if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    return fn.parent.id.name;
  if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.key.type === AST_NODE_TYPES.Identifier)
    return fn.parent.key.name;
  return undefined;
}

/**
 * How the calls of `name` in a text use its result: `served` (`.listen(`, passed to `createServer`/`serverless`/
 * `serve`/`handle`, held, exported or returned), `passed` (an argument of another call), or `none` (no call).
 */
function callUses(text: string, name: string): 'served' | 'passed' | 'none' {
  const escaped = name.replace(/[$]/g, '\\$&');
  const call = new RegExp(`(^|[^\\w$.])${escaped}\\s*\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)`, 'g');
  let passed = false;
  for (const match of text.matchAll(call)) {
    const start = match.index + match[1].length;
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 20);
    // The function's own declaration (`function setupApp()`, a method `setupApp() {`) is no call.
    if (/\bfunction\s*\*?\s*$/.test(text.slice(Math.max(0, start - 20), start)) || /^\s*(?::[^={;]*)?\{/.test(after))
      continue;
    if (/^\s*\.\s*listen\s*\(/.test(after)) return 'served';
    const callee = /([\w$]+)\s*\(\s*(?:[^(),]*,\s*)?$/.exec(text.slice(Math.max(0, start - 80), start))?.[1];
    if (callee === undefined || SERVING_CALLS.has(callee)) return 'served';
    passed = true;
  }
  return passed ? 'passed' : 'none';
}

/** The modules importing `file`, and those importing an `index` module that re-exports it (`require('../members')`). */
function importersThroughIndexes(scan: ReturnType<typeof projectScan>, file: string): string[] {
  const direct = scan.importersOf(file);
  return [
    ...direct,
    ...direct
      .filter((importer) => /^index\.[cm]?[jt]sx?$/.test(path.basename(importer)))
      .flatMap((index) => scan.importersOf(index)),
  ];
}

/** Whether a module importing `file` requires it (by its name, or its folder's for an index/app module) as a call's argument. */
function moduleRequiredAsArgument(
  file: string,
  candidates: readonly string[],
  textOf: (file: string) => string,
): boolean {
  const stem = path.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  const names = [stem, path.basename(path.dirname(file))].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`[(,]\\s*require\\(\\s*['"][^'"]*/(?:${names.join('|')})['"]\\s*\\)\\s*[,)]`);
  return candidates.some((candidate) => candidate !== file && pattern.test(textOf(candidate)));
}
