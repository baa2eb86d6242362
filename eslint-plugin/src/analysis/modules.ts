import * as fs from 'node:fs';
import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { forEachChild } from './ast';
import { remembered } from '../util/memo';
import { type Cache, createPathsMatcher, parseTsconfig } from 'get-tsconfig';
import { clearWorkspaceCaches, workspaceCandidates } from './workspaces';

/**
 * Reads another module's source. The default reads the disk; the language server replaces it to supply
 * unsaved editor buffers. Returns undefined when the file does not exist.
 */
export type ModuleReader = (absolutePath: string) => string | undefined;

interface CachedText {
  mtimeMs: number;
  size: number;
  text: string;
  /** When the stat was last checked: within a lint run a file is re-checked at most once a second. */
  checkedAt: number;
}

const RECHECK_MS = 1000;

/** Disk reads are cached and revalidated with a `stat` (cheap, and no exception for a missing file). */
const diskTexts = new Map<string, CachedText>();

/** The default reader: disk, with stat-validated caching. Editors fall back to it for files not open. */
export const readFromDisk: ModuleReader = (file) => {
  const now = Date.now();
  const recent = diskTexts.get(file);
  if (recent && now - recent.checkedAt < RECHECK_MS) return recent.text;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  const cached = diskTexts.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
    cached.checkedAt = now;
    return cached.text;
  }
  try {
    const text = fs.readFileSync(file, 'utf8');
    diskTexts.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text, checkedAt: now });
    return text;
  } catch {
    return undefined;
  }
};

let reader: ModuleReader = readFromDisk;

let openFiles: () => readonly string[] = () => [];

/** The editor's open files (paths): they can be app roots before they exist on disk. */
export function setOpenFilesProvider(provider: (() => readonly string[]) | undefined): void {
  openFiles = provider ?? (() => []);
}

export function openFilePaths(): readonly string[] {
  return openFiles();
}

/** The language server supplies unsaved buffers this way; `undefined` restores disk reads. */
export function setModuleReader(next: ModuleReader | undefined): void {
  reader = next ?? readFromDisk;
  clearModuleCaches();
}

/** A file created, changed or deleted outside the linted buffer (an editor's watched-files event). */
export interface ModuleFileChange {
  file: string;
  kind: 'created' | 'changed' | 'deleted';
}

/** `undefined`: everything was forgotten; otherwise only these files changed. */
type ClearListener = (changes: readonly ModuleFileChange[] | undefined) => void;
const clearListeners: ClearListener[] = [];

/** Caches built on top of this one (project models, manifests) register here to be cleared with it. */
export function onModuleCachesCleared(listener: ClearListener): void {
  clearListeners.push(listener);
}

/** Forgets resolutions, parsed modules and project models (when nothing is known about what changed). */
export function clearModuleCaches(): void {
  resolutions.clear();
  listings.clear();
  aliasesByDir.clear();
  tsconfigCache.clear();
  clearWorkspaceCaches();
  parsedModules.clear();
  diskTexts.clear();
  for (const listener of clearListeners) listener(undefined);
}

const CONFIG_FILE = /(?:^|[\\/])(?:tsconfig[^\\/]*|jsconfig)\.json$/;

/**
 * Forgets only what `changes` can affect: the changed files' texts and ASTs; every import resolution when a file
 * appeared or disappeared (an import may now resolve elsewhere); path aliases when a tsconfig changed. The
 * modules of unchanged files stay parsed.
 */
export function invalidateModuleFiles(changes: readonly ModuleFileChange[]): void {
  if (changes.length === 0) return;
  for (const { file } of changes) {
    parsedModules.delete(file);
    diskTexts.delete(file);
  }
  if (changes.some(({ kind }) => kind !== 'changed')) resolutions.clear();
  for (const { file, kind } of changes) if (kind !== 'changed') listings.delete(path.dirname(file));
  if (changes.some(({ file }) => CONFIG_FILE.test(file))) {
    aliasesByDir.clear();
    tsconfigCache.clear();
    resolutions.clear();
  }
  // A manifest may add a workspace package, rename one or change its entry.
  if (changes.some(({ file }) => /(?:^|[\\/])(?:package\.json|pnpm-workspace\.yaml)$/.test(file))) {
    clearWorkspaceCaches();
    resolutions.clear();
  }
  for (const listener of clearListeners) listener(changes);
}

function exists(file: string): boolean {
  if (linted?.file === file) return true;
  if (reader === readFromDisk) return existsOnDisk(file);
  return reader(file) !== undefined;
}

/** Whether names on disk differ by case only in spelling (macOS and Windows volumes, by default). */
const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';

interface Listing {
  files: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

/**
 * Directory listings, read once per run: resolving one import tries up to twenty candidate paths (extensions,
 * `.js` for `.ts`, `index` files), and a listing answers them all where each `stat` took a system call.
 */
const listings = new Map<string, Listing | null>();

function existsOnDisk(file: string): boolean {
  const dir = path.dirname(file);
  let listing = listings.get(dir);
  if (listing === undefined) {
    listing = readListing(dir);
    listings.set(dir, listing);
  }
  if (!listing) return false;
  const name = CASE_INSENSITIVE ? path.basename(file).toLowerCase() : path.basename(file);
  if (listing.files.has(name)) return true;
  // A link may point at a file or a directory: only a stat tells.
  return listing.links.has(name) && fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

function readListing(dir: string): Listing | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const files = new Set<string>();
  const links = new Set<string>();
  for (const entry of entries) {
    const name = CASE_INSENSITIVE ? entry.name.toLowerCase() : entry.name;
    if (entry.isFile()) files.add(name);
    else if (entry.isSymbolicLink()) links.add(name);
  }
  return { files, links };
}

/** `dir\0specifier` → the file it resolves to (null: none), shared by every file of a run. */
const resolutions = new Map<string, string | null>();

interface ParsedModule {
  /** The text it was parsed from: an unchanged file returns the very same string, so comparing is cheap. */
  text: string;
  ast: TSESTree.Program | undefined;
}

/**
 * Parsed modules by path, reused while their text is unchanged, least recently used first. An AST takes ~80× its
 * source in memory, and a model is kept by the texts it was built from (not by its ASTs): once it is built, only
 * the modules other analyses look into again (metric declarations, middleware bodies) need to stay parsed.
 * Holding every module of a large service made garbage collection, not analysis, the plugin's main cost.
 */
class ParsedModuleCache {
  private readonly entries = new Map<string, ParsedModule>();
  private bytes = 0;

  constructor(public budgetBytes: number) {}

  get(file: string): ParsedModule | undefined {
    const entry = this.entries.get(file);
    if (entry) {
      this.entries.delete(file);
      this.entries.set(file, entry);
    }
    return entry;
  }

  set(file: string, entry: ParsedModule): void {
    this.delete(file);
    this.entries.set(file, entry);
    this.bytes += entry.text.length;
    for (const [oldest, { text }] of this.entries) {
      if (this.bytes <= this.budgetBytes || oldest === file) break;
      this.entries.delete(oldest);
      this.bytes -= text.length;
    }
  }

  delete(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.entries.delete(file);
    this.bytes -= entry.text.length;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** One-shot lint runs: 256 kB of sources (~30 MB of ASTs) holds the modules looked into again after a model is built. */
export const DEFAULT_MODULE_CACHE_BYTES = 256 * 1024;

const parsedModules = new ParsedModuleCache(DEFAULT_MODULE_CACHE_BYTES);

/**
 * How many bytes of source the parsed-module cache may hold. A long-lived editor process sets more: rebuilding a
 * model after a keystroke then re-parses only the edited file.
 */
export function setModuleCacheBudget(bytes: number): void {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`module cache budget must be a non-negative number of bytes, got ${bytes}`);
  parsedModules.budgetBytes = bytes;
}
/** Which file a parsed module came from, so its own relative imports can be resolved. */
const programFiles = new WeakMap<TSESTree.Program, string>();

export function fileOfProgram(program: TSESTree.Program): string | undefined {
  return linted?.ast === program ? linted.file : programFiles.get(program);
}

/** How often a module was parsed, by path; the benchmark reports files parsed more than once. */
export const parseCounts = new Map<string, number>();

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SOURCE_FILE = new RegExp(`(?:${EXTENSIONS.map((extension) => extension.replace('.', '\\.')).join('|')})$`);

/** Whether a path names a JavaScript or TypeScript source (by extension, the ones imports resolve to). */
export function isSourceFile(file: string): boolean {
  return SOURCE_FILE.test(file);
}

/** The nearest tsconfig/jsconfig's `paths` and `baseUrl`: the candidate files of a bare specifier, or none. */
type PathsMatcher = (specifier: string) => string[];

/** Matchers by directory (the nearest config up from a file), read once per run. */
const aliasesByDir = new Map<string, PathsMatcher | null>();
/** get-tsconfig's own cache of parsed configs (an `extends` chain is read once). */
const tsconfigCache: Cache<string> = new Map();

/**
 * get-tsconfig reads the config as TypeScript does: JSON with comments, `extends` chains (relative or from a
 * package such as `@tsconfig/node20`), `paths` relative to `baseUrl` or to the config, `baseUrl` on its own.
 */
function aliasesFor(fromFile: string): PathsMatcher | undefined {
  const visited: string[] = [];
  let dir = path.dirname(fromFile);
  let found: PathsMatcher | null | undefined;
  // The nearest config up from the file, within its package: a package without one is not mapped by its parent's.
  for (;;) {
    found = aliasesByDir.get(dir);
    if (found !== undefined) break;
    visited.push(dir);
    const config = ['tsconfig.json', 'jsconfig.json'].map((name) => path.join(dir, name)).find((file) => exists(file));
    if (config) {
      found = pathsMatcherOf(config);
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir || fs.existsSync(path.join(dir, 'package.json'))) {
      found = null;
      break;
    }
    dir = parent;
  }
  for (const seen of visited) aliasesByDir.set(seen, found);
  return found ?? undefined;
}

function pathsMatcherOf(configFile: string): PathsMatcher | null {
  try {
    return createPathsMatcher({ path: configFile, config: parseTsconfig(configFile, tsconfigCache) });
  } catch {
    // A config that does not parse maps nothing, as in an editor that reports it and goes on.
    return null;
  }
}

/** Whether an import refers to a module of the project: relative, or mapped by tsconfig `paths`. */
export function isProjectSpecifier(fromFile: string | undefined, specifier: string): boolean {
  if (specifier.startsWith('.')) return true;
  if (!fromFile || (!matchesAlias(fromFile, specifier) && !workspaceCandidates(fromFile, specifier))) return false;
  // `"paths": { "*": ["./*"] }` matches every specifier, packages included: like TypeScript, a mapping that finds
  // no file falls back to node_modules, so only a specifier that resolves into the project (or into a package of
  // its workspace) is the project's.
  return resolveRelativeModule(fromFile, specifier) !== undefined;
}

function matchesAlias(fromFile: string, specifier: string): boolean {
  return (aliasesFor(fromFile)?.(specifier).length ?? 0) > 0;
}

/**
 * Resolves an import of a project module to a file: relative or through tsconfig `paths`; exact, with an
 * extension, `.js` written for a `.ts` source, or `index.*`.
 */
export function resolveRelativeModule(fromFile: string, specifier: string): string | undefined {
  const relative = specifier.startsWith('.');
  const aliased = !relative && matchesAlias(fromFile, specifier);
  const workspace = relative ? undefined : workspaceCandidates(fromFile, specifier);
  if (!relative && !aliased && !workspace) return undefined;
  const key = `${path.dirname(fromFile)}\0${specifier}`;
  const known = resolutions.get(key);
  if (known !== undefined && (known === null || known !== fromFile)) return known ?? undefined;
  // tsconfig mappings first, as TypeScript resolves; then a package of the workspace (a `baseUrl` maps every bare
  // specifier, so a miss there is not the end).
  const resolved = relative
    ? resolveUncached(fromFile, path.resolve(path.dirname(fromFile), specifier))
    : ((aliased ? resolveAlias(fromFile, specifier) : undefined) ?? workspace?.map((candidate) => resolveUncached(fromFile, candidate)).find((file) => file !== undefined && isSourceFile(file)));
  resolutions.set(key, resolved ?? null);
  return resolved;
}

function resolveAlias(fromFile: string, specifier: string): string | undefined {
  for (const candidate of aliasesFor(fromFile)?.(specifier) ?? []) {
    const resolved = resolveUncached(fromFile, path.resolve(candidate));
    if (resolved) return resolved;
  }
  return undefined;
}

function resolveUncached(fromFile: string, base: string): string | undefined {
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext)];
  const jsToTs = /\.(m|c)?js$/.exec(base);
  if (jsToTs) {
    const stem = base.slice(0, -jsToTs[0].length);
    candidates.push(`${stem}.${jsToTs[1] ?? ''}ts`, `${stem}.tsx`);
  }
  candidates.push(...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)));
  for (const candidate of candidates) {
    if (candidate === fromFile) continue;
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The file ESLint is linting right now: its text is what ESLint sees (an editor buffer, a test's code), not
 * the disk, and its AST is ESLint's own (the model reads it instead of parsing the file again). One slot: the
 * previous file reverts to its reader's text when the next one is linted, and its AST, with ESLint's tokens and
 * locations, is not kept.
 */
let linted: { file: string; text: string; ast?: TSESTree.Program } | undefined;

/** The file ESLint is linting now, if any: analyses judge it by its own text, never by the disk's. */
export function lintedFilePath(): string | undefined {
  return linted?.file;
}

/** Outside a lint (the `analyzeService` API), every file is read through the reader. */
export function forgetLintedFile(): void {
  linted = undefined;
}

function readText(file: string): string | undefined {
  return linted?.file === file ? linted.text : reader(file);
}

/** The current text of a module (the linted file's own text, else through the reader: disk or editor buffer). */
export function moduleTextOf(file: string): string | undefined {
  return readText(file);
}

/**
 * Runs `analyze` with the AST ESLint parsed for the linted file standing in for the file's own parse (the model
 * reads it instead of parsing the file again). The AST is released when `analyze` returns: held until the next
 * file, ESLint's trees (tokens, locations) would outlive their lint and slow every garbage collection down.
 */
export function withLintedModule<T>(file: string, text: string, ast: TSESTree.Program, analyze: () => T): T {
  linted = { file, text, ast };
  try {
    return analyze();
  } finally {
    linted = { file, text };
  }
}

/** The AST of another module, parsed with the linted file's own parser; undefined when it cannot be read or parsed. */
export function parseModule(file: string, languageOptions: TSESLint.FlatConfig.LanguageOptions): TSESTree.Program | undefined {
  const text = readText(file);
  if (text === undefined || text.length > 1_000_000) return undefined;
  if (linted?.file === file && linted.ast) return linted.ast;
  const cached = parsedModules.get(file);
  if (cached && cached.text === text) return cached.ast;
  parseCounts.set(file, (parseCounts.get(file) ?? 0) + 1);
  const ast = parseWith(text, file, languageOptions);
  if (ast) {
    setParents(ast, undefined);
    programFiles.set(ast, file);
  }
  parsedModules.set(file, { text, ast });
  return ast;
}

/** A text parsed on its own (an editor buffer a refactoring reads), with parents set; not cached. */
export function parseSource(file: string, text: string, languageOptions: TSESLint.FlatConfig.LanguageOptions): TSESTree.Program | undefined {
  const ast = parseWith(text, file, languageOptions);
  if (ast) setParents(ast, undefined);
  return ast;
}

/**
 * Parsers leave `parent` to ESLint; modules we parse ourselves need it for walking up to declarations. `loc`
 * objects, where a parser adds them anyway, are dropped (positions come from ranges): cached modules then take
 * about half the memory.
 */
function setParents(node: TSESTree.Node, parent: TSESTree.Node | undefined): void {
  (node as { parent?: TSESTree.Node }).parent = parent;
  if ((node as { loc?: unknown }).loc !== undefined) (node as { loc?: unknown }).loc = undefined;
  forEachChild(node, setParents);
}

interface ParserLike {
  meta?: { name?: string };
  parse?: (code: string, options?: unknown) => unknown;
  parseForESLint?: (code: string, options?: unknown) => { ast: unknown };
}

type TreeParser = (code: string, options: Record<string, unknown>) => unknown;
let typescriptTreeParser: TreeParser | null | undefined;

/**
 * typescript-eslint's `parse` is `parseForESLint(…).ast`: it runs the scope analysis, about two thirds of the cost
 * of a parse, and the model never reads scopes. typescript-estree (the same converter, without the analysis) is
 * called instead; undefined when it cannot be loaded.
 */
function treeParserFor(parser: ParserLike | undefined): TreeParser | undefined {
  if (parser?.meta?.name !== 'typescript-eslint/parser') return undefined;
  if (typescriptTreeParser === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      typescriptTreeParser = (require('@typescript-eslint/typescript-estree') as { parse: TreeParser }).parse;
    } catch {
      typescriptTreeParser = null;
    }
  }
  return typescriptTreeParser ?? undefined;
}

function parseWith(text: string, file: string, languageOptions: TSESLint.FlatConfig.LanguageOptions): TSESTree.Program | undefined {
  const parser = languageOptions.parser as ParserLike | undefined;
  // Type information is not needed for declarations, and building a program per module would cost seconds.
  const { project: _project, projectService: _service, programs: _programs, ...parserOptions } = (languageOptions.parserOptions ?? {}) as Record<string, unknown>;
  const options = {
    ...parserOptions,
    ecmaVersion: languageOptions.ecmaVersion ?? 'latest',
    sourceType: languageOptions.sourceType === 'commonjs' ? 'script' : (languageOptions.sourceType ?? 'module'),
    filePath: file,
    range: true,
    // Locations are computed from ranges when needed: `loc` objects on every node would double the memory
    // the cached modules hold.
    loc: false,
    tokens: false,
    comment: false,
  };
  try {
    const treeParser = treeParserFor(parser);
    if (treeParser) {
      const jsx = (parserOptions.ecmaFeatures as { jsx?: boolean } | undefined)?.jsx;
      // JSDoc is never read by the model; TypeScript skips parsing it. `loc: true`: typescript-estree builds the
      // locations anyway, and without them it walks the tree again to `delete` them, which leaves every node a
      // slow dictionary-mode object (setParents drops them instead).
      return treeParser(text, { ...options, jsx, loc: true, jsDocParsingMode: 'none' }) as TSESTree.Program;
    }
    // Other parsers' `parse`, where offered, returns the tree alone (espree's does).
    if (parser?.parse) return parser.parse(text, options) as TSESTree.Program;
    if (parser?.parseForESLint) return parser.parseForESLint(text, options).ast as TSESTree.Program;
    // ESLint's default parser is espree; it is a dependency of ESLint itself.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const espree = require('espree') as ParserLike;
    return espree.parse!(text, options) as TSESTree.Program;
  } catch {
    return undefined;
  }
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
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) locals.set(declarator.id.name, declarator.init);
      }
    } else if ((declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id) {
      locals.set(declaration.id.name, declaration);
    }
  }
  definitionsByProgram.set(program, locals);
  return locals;
}

/** The expression (or function) a module exports under `name` (ESM `export const`/`function`, `export { x }`, CommonJS `exports.x`, `module.exports = { x }`). */
export function findExport(program: TSESTree.Program, name: string): Definition | undefined {
  let found = exportsByProgram.get(program);
  if (!found) exportsByProgram.set(program, (found = new Map()));
  return remembered(found, name, () => findExportUncached(program, name));
}

function findExportUncached(program: TSESTree.Program, name: string): Definition | undefined {
  const locals = topLevelDefinitions(program);
  for (const statement of program.body) {
    const declared = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : undefined;
    if ((declared?.type === AST_NODE_TYPES.FunctionDeclaration || declared?.type === AST_NODE_TYPES.ClassDeclaration) && declared.id?.name === name) {
      return declared;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) return declarator.init;
        }
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        if (exported === name && !statement.source) return locals.get(local);
      }
    }
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.property.type !== AST_NODE_TYPES.Identifier) continue;
      const target = left.object;
      // exports.x = …, module.exports.x = …
      const isExports = (target.type === AST_NODE_TYPES.Identifier && target.name === 'exports') ||
        (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'module' && target.property.type === AST_NODE_TYPES.Identifier && target.property.name === 'exports');
      if (isExports && left.property.name === name) return right.type === AST_NODE_TYPES.Identifier ? locals.get(right.name) ?? right : right;
      // module.exports = { x, y: z }
      if (target.type === AST_NODE_TYPES.Identifier && target.name === 'module' && left.property.name === 'exports' && right.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of right.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== name) continue;
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
        const exported = exportSpecifier.exported.type === AST_NODE_TYPES.Identifier ? exportSpecifier.exported.name : exportSpecifier.exported.value;
        const local = exportSpecifier.local.type === AST_NODE_TYPES.Identifier ? exportSpecifier.local.name : exportSpecifier.local.value;
        if (exported === name) return resolveImport(file, statement.source.value, local, languageOptions, depth + 1, find);
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
