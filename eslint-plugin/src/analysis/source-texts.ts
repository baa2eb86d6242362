import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Unsaved editor buffers: the text of an open file, or undefined to read the disk. A one-shot lint run has none;
 * the language server supplies its open documents.
 */
export type BufferReader = (absolutePath: string) => string | undefined;

/** A file created, changed or deleted outside the linted buffer (an editor's watched-files event). */
export interface ModuleFileChange {
  file: string;
  kind: 'created' | 'changed' | 'deleted';
}

interface DiskText {
  mtimeMs: number;
  size: number;
  text: string;
  /** When the stat was last checked: within a lint run a file is re-checked at most once a second. */
  checkedAt: number;
}

interface Listing {
  files: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

/** The file ESLint is linting now: its text is ESLint's (an editor buffer, a test's code), not the disk's. */
interface LintedFile {
  file: string;
  text: string;
  ast?: TSESTree.Program;
}

const RECHECK_MS = 1000;

/** Whether names on disk differ by case only in spelling (macOS and Windows volumes, by default). */
const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';

/**
 * Where every source text the analysis reads comes from, in this order: the file being linted (ESLint's text),
 * an editor buffer, the disk (stat-validated). Also answers whether a file exists, from directory listings.
 */
export class SourceTexts {
  private readonly disk = new Map<string, DiskText>();
  /**
   * Directory listings, read once per run: resolving one import tries up to twenty candidate paths (extensions,
   * `.js` for `.ts`, `index` files), and a listing answers them all where each `stat` took a system call.
   */
  private readonly listings = new Map<string, Listing | null>();
  private linted: LintedFile | undefined;

  constructor(
    private readonly buffers: BufferReader = () => undefined,
    private readonly openFilesProvider: () => readonly string[] = () => [],
  ) {}

  /** The current text of a file, or undefined when it does not exist. */
  text(file: string): string | undefined {
    if (this.linted?.file === file) return this.linted.text;
    return this.buffers(file) ?? this.fromDisk(file);
  }

  exists(file: string): boolean {
    return this.linted?.file === file || this.buffers(file) !== undefined || this.existsOnDisk(file);
  }

  /** The editor's open files (paths): they can be app roots before they exist on disk. */
  openFiles(): readonly string[] {
    return this.openFilesProvider();
  }

  lintedFile(): string | undefined {
    return this.linted?.file;
  }

  /** ESLint's own AST of `file` while `withLinted` runs: the analysis reads it instead of parsing the file again. */
  lintedAst(file: string): TSESTree.Program | undefined {
    return this.linted?.file === file ? this.linted.ast : undefined;
  }

  /**
   * Runs `analyze` with `file` read as ESLint sees it. The AST is released when `analyze` returns: held until the
   * next file, ESLint's trees (tokens, locations) would outlive their lint and slow every garbage collection down.
   * The text stays until the next file is linted (one slot).
   */
  withLinted<T>(file: string, text: string, ast: TSESTree.Program, analyze: () => T): T {
    this.linted = { file, text, ast };
    try {
      return analyze();
    } finally {
      this.linted = { file, text };
    }
  }

  /** Outside a lint (the `analyzeService` API), every file is read from the buffers or the disk. */
  forgetLinted(): void {
    this.linted = undefined;
  }

  /** Forgets the texts of `changes` (all texts and listings when undefined). */
  invalidate(changes: readonly ModuleFileChange[] | undefined): void {
    if (!changes) {
      this.disk.clear();
      this.listings.clear();
      return;
    }
    for (const { file, kind } of changes) {
      this.disk.delete(file);
      if (kind !== 'changed') this.listings.delete(path.dirname(file));
    }
  }

  private fromDisk(file: string): string | undefined {
    const now = Date.now();
    const recent = this.disk.get(file);
    if (recent && now - recent.checkedAt < RECHECK_MS) return recent.text;
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) return undefined;
    if (recent && recent.mtimeMs === stat.mtimeMs && recent.size === stat.size) {
      recent.checkedAt = now;
      return recent.text;
    }
    try {
      const text = fs.readFileSync(file, 'utf8');
      this.disk.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text, checkedAt: now });
      return text;
    } catch {
      return undefined;
    }
  }

  private existsOnDisk(file: string): boolean {
    const dir = path.dirname(file);
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = readListing(dir);
      this.listings.set(dir, listing);
    }
    if (!listing) return false;
    const name = CASE_INSENSITIVE ? path.basename(file).toLowerCase() : path.basename(file);
    if (listing.files.has(name)) return true;
    // A link may point at a file or a directory: only a stat tells.
    return listing.links.has(name) && fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  }
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
