import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { forEachChild } from './ast';
import type { ModuleFileChange } from './source-texts';

/** One-shot lint runs: 256 kB of sources (~30 MB of ASTs) holds the modules looked into again after a model is built. */
export const DEFAULT_MODULE_CACHE_BYTES = 256 * 1024;

/** Larger texts are bundles or generated code, never read as service source. */
const MAX_PARSED_CHARS = 1_000_000;

interface ParsedModule {
  /** The text it was parsed from: an unchanged file returns the very same string, so comparing is cheap. */
  text: string;
  ast: TSESTree.Program | undefined;
}

/**
 * Which file a tree came from, so its own relative imports can be resolved. Attached to the tree like its `parent`
 * links: a tree belongs to the one host (or the one ESLint run) that parsed it, so no two hosts share an entry.
 */
const programFiles = new WeakMap<TSESTree.Program, string>();

export function fileOfProgram(program: TSESTree.Program): string | undefined {
  return programFiles.get(program);
}

/** Records the file of a tree the analysis did not parse itself (ESLint's AST of the linted file). */
export function recordProgramFile(program: TSESTree.Program, file: string): void {
  programFiles.set(program, file);
}

/**
 * Parsed modules by path, reused while their text is unchanged, least recently used first. An AST takes ~80× its
 * source in memory, and a model is kept by the texts it was built from (not by its ASTs): once it is built, only
 * the modules other analyses look into again (metric declarations, middleware bodies) need to stay parsed.
 * Holding every module of a large service made garbage collection, not analysis, the plugin's main cost.
 */
export class ParsedModules {
  private readonly entries = new Map<string, ParsedModule>();
  private bytes = 0;
  /** How often each module was parsed; the benchmark reports files parsed more than once. */
  readonly counts = new Map<string, number>();
  /** Editors ask for code actions on every cursor move: one buffer's parse is kept while its text is the same. */
  private lastBuffer: { file: string; text: string; program: TSESTree.Program | undefined } | undefined;

  constructor(
    /**
     * How many bytes of source may stay parsed. A long-lived editor process sets more: rebuilding a model after a
     * keystroke then re-parses only the edited file.
     */
    readonly budgetBytes: number = DEFAULT_MODULE_CACHE_BYTES,
  ) {
    if (!Number.isFinite(budgetBytes) || budgetBytes < 0)
      throw new RangeError(`module cache budget must be a non-negative number of bytes, got ${budgetBytes}`);
  }

  /** The AST of `file` as `text`, parsed with the linted file's own parser; undefined when it does not parse. */
  parse(
    file: string,
    text: string,
    languageOptions: TSESLint.FlatConfig.LanguageOptions,
  ): TSESTree.Program | undefined {
    if (text.length > MAX_PARSED_CHARS) return undefined;
    const cached = this.entries.get(file);
    if (cached && cached.text === text) {
      this.entries.delete(file);
      this.entries.set(file, cached);
      return cached.ast;
    }
    this.counts.set(file, (this.counts.get(file) ?? 0) + 1);
    const ast = parseDetached(file, text, languageOptions);
    if (ast) programFiles.set(ast, file);
    this.remember(file, { text, ast });
    return ast;
  }

  /** An editor buffer a refactoring reads, parsed on its own (one slot, not counted against the budget). */
  parseBuffer(
    file: string,
    text: string,
    languageOptions: TSESLint.FlatConfig.LanguageOptions,
  ): TSESTree.Program | undefined {
    if (this.lastBuffer?.file !== file || this.lastBuffer.text !== text)
      this.lastBuffer = { file, text, program: parseDetached(file, text, languageOptions) };
    return this.lastBuffer.program;
  }

  invalidate(changes: readonly ModuleFileChange[] | undefined): void {
    if (!changes) {
      this.entries.clear();
      this.bytes = 0;
      this.lastBuffer = undefined;
      return;
    }
    for (const { file } of changes) this.forget(file);
  }

  private remember(file: string, entry: ParsedModule): void {
    this.forget(file);
    this.entries.set(file, entry);
    this.bytes += entry.text.length;
    for (const [oldest, { text }] of this.entries) {
      if (this.bytes <= this.budgetBytes || oldest === file) break;
      this.entries.delete(oldest);
      this.bytes -= text.length;
    }
  }

  private forget(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.entries.delete(file);
    this.bytes -= entry.text.length;
  }
}

/** A text parsed on its own, with parents set; undefined when it does not parse. */
export function parseDetached(
  file: string,
  text: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): TSESTree.Program | undefined {
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

/**
 * typescript-eslint's `parse` is `parseForESLint(…).ast`: it runs the scope analysis, about two thirds of the cost
 * of a parse, and the model never reads scopes. typescript-estree (the same converter, without the analysis) is
 * called instead; undefined when it cannot be loaded. Node keeps loaded modules, so asking again costs a lookup.
 */
function treeParserFor(parser: ParserLike | undefined): TreeParser | undefined {
  if (parser?.meta?.name !== 'typescript-eslint/parser') return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@typescript-eslint/typescript-estree') as { parse: TreeParser }).parse;
  } catch {
    return undefined;
  }
}

function parseWith(
  text: string,
  file: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): TSESTree.Program | undefined {
  try {
    return parseOrThrow(text, file, languageOptions);
  } catch {
    return undefined;
  }
}

/**
 * Why `text` does not parse as the analysis parses it (undefined when it does): the route report lists such files
 * instead of leaving a service's routes out silently. Asked only of files whose parse already failed.
 */
export function parseErrorOf(
  file: string,
  text: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): string | undefined {
  if (text.length > MAX_PARSED_CHARS)
    return `larger than ${MAX_PARSED_CHARS.toLocaleString('en')} characters: read as a bundle, not as service source`;
  try {
    return parseOrThrow(text, file, languageOptions) ? undefined : 'the parser returned no tree';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = error as { lineNumber?: number; line?: number; location?: { start?: { line?: number } } };
    const line = where.lineNumber ?? where.location?.start?.line ?? where.line;
    return line !== undefined && !message.includes(`${line}`) ? `line ${line}: ${message}` : message;
  }
}

function parseOrThrow(
  text: string,
  file: string,
  languageOptions: TSESLint.FlatConfig.LanguageOptions,
): TSESTree.Program | undefined {
  const parser = languageOptions.parser as ParserLike | undefined;
  // Type information is not needed for declarations, and building a program per module would cost seconds.
  const {
    project: _project,
    projectService: _service,
    programs: _programs,
    ...parserOptions
  } = (languageOptions.parserOptions ?? {}) as Record<string, unknown>;
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
}
