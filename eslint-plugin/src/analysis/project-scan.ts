import * as fs from 'node:fs';
import * as path from 'node:path';
import { isProjectSpecifier, onModuleCachesCleared, resolveRelativeModule } from './modules';

/**
 * One read of every source file of a project per run, for the few facts that need the whole project: where apps
 * are created (the service model's roots) and which modules lead to a metrics library through their imports.
 * Answering those per linted file read the same modules again for every file that asked (hundreds of reads per
 * file in a large service). The scan reads the disk: an editor's unsaved buffers count once they are saved (the
 * linted file itself is always judged by its own text by the callers).
 */

const SOURCE = /\.(?:js|jsx|ts|tsx|mjs|cjs|mts|cts)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.git', '.next', '.turbo', '.cache', 'vendor', '__tests__', 'test', 'tests', 'e2e']);
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;
/** Relative or aliased module specifiers in a text: `from './x'`, `require('./x')`, `import('./x')`, `export … from`. */
const SPECIFIERS = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"\n]+)['"]/g;

/** A named test on a module's text, run on every file of the scan (registered by the analyses that need one). */
const probes = new Map<string, RegExp>();

export function defineTextProbe(name: string, pattern: RegExp): void {
  if (pattern.global || pattern.sticky) throw new Error(`text probe ${name}: a global or sticky pattern keeps state between files`);
  probes.set(name, pattern);
}

interface ScannedFile {
  /** Names of the probes whose pattern the text matches. */
  matches: ReadonlySet<string>;
  /** Module specifiers as written (packages too); project ones are resolved when the import graph is first needed. */
  specifiers: string[];
}

export class ProjectScan {
  private readonly scanned = new Map<string, ScannedFile>();
  private readonly levels = new Map<string, Map<string, number>>();
  private readonly matching = new Map<string, string[]>();
  private probed: ReadonlySet<string> = new Set(probes.keys());

  constructor(
    readonly root: string,
    /** The project's source files (absolute, sorted); test and build directories are left out. */
    readonly files: readonly string[],
  ) {
    for (const file of files) this.scanned.set(file, scanFile(file));
  }

  /** Whether `file` belongs to the scan (a project source file outside test and build directories). */
  has(file: string): boolean {
    return this.scanned.has(file);
  }

  /** The files whose text matches the probe `name`. */
  filesMatching(name: string): readonly string[] {
    this.ensureProbed(name);
    let matching = this.matching.get(name);
    if (!matching) this.matching.set(name, (matching = this.files.filter((file) => this.scanned.get(file)?.matches.has(name))));
    return matching;
  }

  /**
   * How many imports away from a file matching the probe `name` each file is, up to `maxDepth` (0: the file
   * matches itself). Files farther away, or not leading there at all, are absent.
   */
  importDistances(name: string, maxDepth: number): ReadonlyMap<string, number> {
    const key = `${name}\0${maxDepth}`;
    const known = this.levels.get(key);
    if (known) return known;
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
    this.levels.set(key, distances);
    return distances;
  }

  /** A file was changed on disk: scan it again and forget what was derived from the old text. */
  rescan(file: string): void {
    if (!this.scanned.has(file)) return;
    this.scanned.set(file, scanFile(file));
    this.levels.clear();
    this.matching.clear();
  }

  private importersByFile(): Map<string, string[]> {
    const importers = new Map<string, string[]>();
    for (const [file, { specifiers }] of this.scanned) {
      for (const specifier of specifiers) {
        const target = isProjectSpecifier(file, specifier) ? resolveRelativeModule(file, specifier) : undefined;
        if (!target || target === file) continue;
        const list = importers.get(target);
        if (list) list.push(file);
        else importers.set(target, [file]);
      }
    }
    return importers;
  }

  /** A probe defined after the scan (its module loaded later): run it over the files now. */
  private ensureProbed(name: string): void {
    if (this.probed.has(name)) return;
    const pattern = probes.get(name);
    if (!pattern) throw new Error(`unknown text probe ${name}`);
    for (const file of this.files) {
      const entry = this.scanned.get(file);
      if (entry && pattern.test(scannableText(file))) this.scanned.set(file, { ...entry, matches: new Set([...entry.matches, name]) });
    }
    this.probed = new Set([...this.probed, name]);
    this.levels.clear();
    this.matching.clear();
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
  const matches = new Set<string>();
  for (const [name, pattern] of probes) if (pattern.test(text)) matches.add(name);
  // Package specifiers are told apart when the graph is built: most projects never need it.
  return { matches, specifiers: Array.from(text.matchAll(SPECIFIERS), (match) => match[1]!) };
}

/** The project modules (relative or aliased specifiers, as written) a module's text imports, requires or re-exports. */
export function projectSpecifiersIn(file: string, text: string): string[] {
  const specifiers: string[] = [];
  for (const [, specifier] of text.matchAll(SPECIFIERS)) if (isProjectSpecifier(file, specifier!)) specifiers.push(specifier!);
  return specifiers;
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
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name), depth + 1);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') && !/\.(test|spec|min)\./.test(entry.name)) {
        found.push(path.join(dir, entry.name));
      }
    }
  };
  walk(root, 0);
  return found.sort();
}

const scans = new Map<string, ProjectScan>();
const projectRoots = new Map<string, string>();

/** The scan of the project at `root` (a directory with a package.json, or a file's own directory), once per run. */
export function projectScan(root: string): ProjectScan {
  let scan = scans.get(root);
  if (!scan) scans.set(root, (scan = new ProjectScan(root, projectSourceFiles(root))));
  return scan;
}

/** The nearest directory above `file` with a package.json (the file's own directory when there is none). */
export function findProjectRoot(file: string): string {
  const start = path.dirname(path.resolve(file));
  const cached = projectRoots.get(start);
  if (cached) return cached;
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) {
      dir = start;
      break;
    }
    dir = parent;
  }
  projectRoots.set(start, dir);
  return dir;
}

onModuleCachesCleared((changes) => {
  if (!changes) {
    scans.clear();
    projectRoots.clear();
    return;
  }
  for (const { file, kind } of changes) {
    const manifest = path.basename(file) === 'package.json';
    // A new or removed package.json moves project boundaries: find them again.
    if (manifest && kind !== 'changed') projectRoots.clear();
    const root = findProjectRoot(file);
    // A file that appeared or disappeared changes the file list; a changed one is read again on its own.
    if (kind !== 'changed' || manifest) scans.delete(root);
    else if (SOURCE.test(file)) scans.get(root)?.rescan(file);
  }
});
