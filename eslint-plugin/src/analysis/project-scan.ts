import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSourceFile, type ModuleResolver } from './module-resolution';
import type { ModuleFileChange, SourceTexts } from './source-texts';
import { TEXT_PROBES, type TextProbe } from './text-probes';
import { remembered } from '../util/memo';

/**
 * Facts about a whole project, read once per run: its dependencies (package.json) and, from one read of every
 * source file, where apps are created (the service model's roots), which modules lead to a metrics library through
 * their imports, and where a probe library is wired. Answering those per linted file read the same modules again
 * for every file that asked (hundreds of reads per file in a large service). The scan reads the disk: an editor's
 * unsaved buffers count once they are saved (the linted file itself is always judged by its own text).
 */

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.git',
  '.next',
  '.turbo',
  '.cache',
  'vendor',
  '__tests__',
  'test',
  'tests',
  'e2e',
]);
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;
/** Relative or aliased module specifiers in a text: `from './x'`, `require('./x')`, `import('./x')`, `export … from`. */
const SPECIFIERS = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"\n]+)['"]/g;

const PROBES = Object.entries(TEXT_PROBES) as Array<[TextProbe, RegExp]>;

interface ScannedFile {
  /** Names of the probes whose pattern the text matches. */
  matches: ReadonlySet<TextProbe>;
  /** Module specifiers as written (packages too); project ones are resolved when the import graph is first needed. */
  specifiers: string[];
  /** Names the text calls or constructs (`name(`, `.name(`, `new Name(`): where to look for a function's callers. */
  calls: ReadonlySet<string>;
}

// Starts at a name's first character only (no re-matching inside it); a type argument list stays on its line.
const CALLED_NAMES = /(?<![\w$])([A-Za-z_$][\w$]*)\s*(?:<[^<>()\n]{0,120}>\s*)?\(/g;

export class ProjectScan {
  private readonly scanned = new Map<string, ScannedFile>();
  /** Files outside the scan (a tests directory, another package) read because a linted file imports them. */
  private readonly outside = new Map<string, ScannedFile>();
  private readonly distances = new Map<string, Map<string, number> | null>();
  private readonly matching = new Map<string, string[] | null>();

  constructor(
    readonly root: string,
    /** The project's source files (absolute, sorted); test and build directories are left out. */
    readonly files: readonly string[],
    private readonly texts: SourceTexts,
    private readonly resolver: ModuleResolver,
  ) {
    for (const file of files) this.scanned.set(file, scanFile(file));
  }

  /** The files whose text matches the probe `name`. */
  filesMatching(name: TextProbe): readonly string[] {
    return remembered(this.matching, name, () =>
      this.files.filter((file) => this.scanned.get(file)?.matches.has(name)),
    )!;
  }

  /**
   * The files matching the probe `name` now: the scan's, with the linted file and the editor's open files judged
   * by their current text instead (they may have started, or stopped, matching since the scan read the disk).
   */
  currentFilesMatching(name: TextProbe): string[] {
    const pattern = TEXT_PROBES[name];
    const linted = this.texts.lintedFile();
    const live = new Set(
      [...this.texts.openFiles(), ...(linted ? [linted] : [])].filter((file) => file.startsWith(this.root + path.sep)),
    );
    const matchingNow = [...live].filter((file) => pattern.test(this.texts.text(file) ?? ''));
    return [...this.filesMatching(name).filter((file) => !live.has(file)), ...matchingNow].sort();
  }

  /**
   * Whether `file`, or a module it imports up to `maxDepth` imports away, matches the probe `name`. Files of the
   * scan are answered from the project's import graph, built once; others are read when asked and followed
   * through their imports into the graph.
   */
  reaches(file: string, name: TextProbe, maxDepth: number): boolean {
    const distances = this.importDistances(name, maxDepth);
    const seen = new Set([file]);
    let level = [file];
    for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const current of level) {
        if (this.scanned.has(current)) {
          if ((distances.get(current) ?? Infinity) <= maxDepth - depth) return true;
          continue;
        }
        const entry = remembered(this.outside, current, () => scanFile(current))!;
        if (entry.matches.has(name)) return true;
        for (const imported of this.projectImports(current, entry)) {
          if (seen.has(imported)) continue;
          seen.add(imported);
          next.push(imported);
        }
      }
      level = next;
    }
    return false;
  }

  /**
   * How many imports away from a file matching the probe `name` each file of the scan is, up to `maxDepth` (0: the
   * file matches itself). Files farther away, or not leading there at all, are absent.
   */
  private importDistances(name: TextProbe, maxDepth: number): ReadonlyMap<string, number> {
    return remembered(this.distances, `${name}\0${maxDepth}`, () => {
      const distances = new Map<string, number>();
      let level = [...this.filesMatching(name)];
      for (const file of level) distances.set(file, 0);
      // Imported-by edges, built only when some file matches (most projects have no metrics module at all).
      const importers = level.length > 0 ? this.importersByFile() : new Map<string, string[]>();
      for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
        const next: string[] = [];
        for (const file of level) {
          for (const importer of importers.get(file) ?? []) {
            if (distances.has(importer)) continue;
            distances.set(importer, depth);
            next.push(importer);
          }
        }
        level = next;
      }
      return distances;
    })!;
  }

  /** A file was changed on disk: read it again and forget what was derived from the old text. */
  rescan(file: string): void {
    this.outside.delete(file);
    if (!this.scanned.has(file)) return;
    this.scanned.set(file, scanFile(file));
    this.distances.clear();
    this.matching.clear();
    this.callers.clear();
    this.importers = undefined;
  }

  /**
   * The files of the scan whose text calls `name` (as a function, a method or a constructor): where the callers of a
   * function are, without reading the project again for every function asked about.
   */
  filesCalling(name: string): readonly string[] {
    return remembered(this.callers, name, () => this.files.filter((file) => this.scanned.get(file)?.calls.has(name)))!;
  }

  private readonly callers = new Map<string, string[] | null>();

  /** Whether some module of the scan imports `file` (tests and build output are not in the scan). */
  isImported(file: string): boolean {
    return this.importersByFile().has(file);
  }

  /** The modules of the scan that import `file`. */
  importersOf(file: string): readonly string[] {
    return this.importersByFile().get(file) ?? [];
  }

  private importers?: Map<string, string[]>;

  private importersByFile(): Map<string, string[]> {
    if (this.importers) return this.importers;
    const importers = new Map<string, string[]>();
    this.importers = importers;
    for (const [file, entry] of this.scanned) {
      for (const target of this.projectImports(file, entry)) {
        const list = importers.get(target);
        if (list) list.push(file);
        else importers.set(target, [file]);
      }
    }
    return importers;
  }

  /** The project modules a scanned file imports, resolved (itself excluded). */
  private projectImports(file: string, { specifiers }: ScannedFile): string[] {
    const targets: string[] = [];
    for (const specifier of specifiers) {
      const target = this.resolver.isProjectSpecifier(file, specifier)
        ? this.resolver.resolve(file, specifier)
        : undefined;
      if (target && target !== file) targets.push(target);
    }
    return targets;
  }
}

function readQuietly(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Larger files are bundles and generated code (a built admin UI next to the server, vendored libraries): no app is
 * created and no metric imported there, and reading them was most of a scan's time on a real service.
 */
const MAX_SCANNED_BYTES = 512 * 1024;

/** A file's text for the scan: empty when it cannot be read or is too large to be service source. */
function scannableText(file: string): string {
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  return size <= MAX_SCANNED_BYTES ? (readQuietly(file) ?? '') : '';
}

function scanFile(file: string): ScannedFile {
  const text = scannableText(file);
  const matches = new Set<TextProbe>();
  for (const [name, pattern] of PROBES) if (pattern.test(text)) matches.add(name);
  // Package specifiers are told apart when the graph is built: most projects never need it.
  return {
    matches,
    specifiers: Array.from(text.matchAll(SPECIFIERS), (match) => match[1]),
    calls: new Set(Array.from(text.matchAll(CALLED_NAMES), (match) => match[1])),
  };
}

/** Source files under `root`, sorted; test, build and dependency directories and declaration files are left out. */
export function projectSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || found.length > MAX_FILES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.'))
          walk(path.join(dir, entry.name), depth + 1);
      } else if (isSourceFile(entry.name) && !entry.name.endsWith('.d.ts') && !/\.(test|spec|min)\./.test(entry.name)) {
        found.push(path.join(dir, entry.name));
      }
    }
  };
  walk(root, 0);
  return found.sort();
}

/**
 * The projects one analysis host has looked at: their roots, scans and manifests, read once and kept until the
 * files they were read from change.
 */
export class ProjectScans {
  private readonly scans = new Map<string, ProjectScan>();
  private readonly roots = new Map<string, string | null>();
  private readonly manifests = new Map<string, ManifestFacts | null>();

  constructor(
    private readonly texts: SourceTexts,
    private readonly resolver: ModuleResolver,
  ) {}

  /** The scan of the project at `root` (a directory with a package.json, or a file's own directory), once per run. */
  scan(root: string): ProjectScan {
    let scan = this.scans.get(root);
    if (!scan)
      this.scans.set(root, (scan = new ProjectScan(root, projectSourceFiles(root), this.texts, this.resolver)));
    return scan;
  }

  /** The nearest directory above `file` with a package.json (the file's own directory when there is none). */
  rootOf(file: string): string {
    const start = path.dirname(path.resolve(file));
    return remembered(this.roots, start, () => {
      for (let dir = start; ;) {
        if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
        const parent = path.dirname(dir);
        if (parent === dir) return start;
        dir = parent;
      }
    })!;
  }

  dependencies(root: string): ProjectDependencies {
    const found = remembered(this.manifests, root, () => readManifestFacts(root))!;
    return { has: (name) => found.names.has(name), name: found.name, entryStems: found.entryStems };
  }

  invalidate(changes: readonly ModuleFileChange[] | undefined): void {
    if (!changes) {
      this.scans.clear();
      this.roots.clear();
      this.manifests.clear();
      return;
    }
    for (const { file, kind } of changes) {
      const manifest = path.basename(file) === 'package.json';
      if (manifest) this.manifests.delete(path.dirname(file));
      // A new or removed package.json moves project boundaries: find them again.
      if (manifest && kind !== 'changed') this.roots.clear();
      const root = this.rootOf(file);
      // A file that appeared or disappeared changes the file list; a changed one is read again on its own.
      if (kind !== 'changed' || manifest) this.scans.delete(root);
      // Every scan: a file outside a project's sources may have been read for another project's question.
      else if (isSourceFile(file)) for (const scan of this.scans.values()) scan.rescan(file);
    }
  }
}

/** What the project already depends on, read from its package.json (cached per root). */
export interface ProjectDependencies {
  has(name: string): boolean;
  /** The project's package name, for metric prefixes. */
  readonly name: string | undefined;
  /**
   * Names (without extension) of the files the project starts from, by its manifest (`main`, `bin`, scripts such as
   * `tsx watch src/server.ts`) and wrangler's `main`: empty when it names none.
   */
  readonly entryStems: ReadonlySet<string>;
}

interface ManifestFacts {
  names: Set<string>;
  name: string | undefined;
  entryStems: Set<string>;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readManifestFacts(root: string): ManifestFacts {
  const entry: ManifestFacts = { names: new Set<string>(), name: undefined, entryStems: new Set<string>() };
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const deps = manifest[field];
      if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) entry.names.add(name);
    }
    if (typeof manifest.name === 'string') entry.name = manifest.name;
    // The files a service starts from: `"main": "dist/server.js"`, `"dev": "tsx watch src/index.ts"`.
    const starts = [
      manifest.main,
      manifest.module,
      ...(typeof manifest.bin === 'object' && manifest.bin
        ? Object.values(manifest.bin as Record<string, unknown>)
        : [manifest.bin]),
      ...Object.values((manifest.scripts as Record<string, unknown> | undefined) ?? {}),
    ];
    for (const start of starts) {
      if (typeof start !== 'string') continue;
      for (const token of start.split(/[\s"'=]+/)) {
        const stem = /(?:^|\/)([\w.-]+?)\.(?:[cm]?[jt]sx?)$/.exec(token)?.[1];
        if (stem) entry.entryStems.add(stem);
      }
    }
  } catch {
    // no manifest: nothing is a dependency
  }
  for (const name of ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc']) {
    const text = readIfExists(path.join(root, name));
    const main = text ? /^\s*"?main"?\s*[=:]\s*["']([^"']+)["']/m.exec(text)?.[1] : undefined;
    const stem = main ? /([\w.-]+?)\.(?:[cm]?[jt]sx?)$/.exec(main)?.[1] : undefined;
    if (stem) entry.entryStems.add(stem);
  }
  return entry;
}
