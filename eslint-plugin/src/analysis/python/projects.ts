import * as fs from 'node:fs';
import * as path from 'node:path';
import { importsOf, type PythonImports } from '../../languages/python/imports';
import { parsePython, type PyNode } from '../../languages/python/nodes';
import type { ModuleFileChange, SourceTexts } from '../source-texts';

/** A Python module read for the analysis: its text, tree and import bindings. */
export interface PythonModule {
  file: string;
  text: string;
  module: PyNode;
  imports: PythonImports;
}

/** What marks the root of a Python project (the directory absolute imports start from, or its `src/`). */
const ROOT_FILES = ['pyproject.toml', 'setup.py', 'setup.cfg'];
const ROOT_DIRECTORIES = ['.git'];
/** Directories that hold no project source: virtual environments, caches, builds, dependencies, tests. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '__pycache__',
  'site-packages',
  'venv',
  'env',
  'build',
  'dist',
  'test',
  'tests',
  'migrations',
  'alembic',
  'scripts',
  'fixtures',
  'e2e',
]);
const MAX_FILES = 5000;
const MAX_PARSED_MODULES = 5000;
const MAX_DEPTH = 10;
/** Files that declare a Python project's dependencies. */
const MANIFEST = /^(requirements[\w.-]*\.txt|pyproject\.toml|setup\.py|setup\.cfg|Pipfile)$/;

/**
 * The Python projects one analysis host has looked at: their roots, source files, manifests and parsed modules,
 * kept until the files they were read from change. Texts come from the host's `SourceTexts` (editor buffers, then
 * the disk); a module is parsed again only when its text changed.
 */
export class PythonProjects {
  private readonly parsed = new Map<string, PythonModule | null>();
  private readonly roots = new Map<string, string>();
  private readonly listings = new Map<string, string[]>();
  private readonly manifests = new Map<string, string>();
  /** Per project root, per probe (a regular expression's source): the project files whose text matches it. */
  private readonly probes = new Map<string, Map<string, readonly string[]>>();

  constructor(private readonly texts: SourceTexts) {}

  /** The module at `file`, parsed once per text; undefined when the file does not exist. */
  module(file: string): PythonModule | undefined {
    const text = this.texts.text(file);
    if (text === undefined) return undefined;
    const known = this.parsed.get(file);
    if (known && known.text === text) return known;
    const { module } = parsePython(text);
    const parsed: PythonModule = { file, text, module, imports: importsOf(module) };
    // Bounded: a very large tree of projects is parsed again rather than kept whole.
    if (this.parsed.size >= MAX_PARSED_MODULES) this.parsed.clear();
    this.parsed.set(file, parsed);
    return parsed;
  }

  /** The text of `file` (buffers, then disk), for quick probes before parsing. */
  text(file: string): string | undefined {
    return this.texts.text(file);
  }

  exists(file: string): boolean {
    return this.texts.exists(file);
  }

  /**
   * The nearest directory above `file` with pyproject.toml, setup.py, setup.cfg, a requirements*.txt or .git; the
   * file's own directory when there is none.
   */
  rootOf(file: string): string {
    const start = path.dirname(path.resolve(file));
    const known = this.roots.get(start);
    if (known !== undefined) return known;
    let found = start;
    for (let dir = start; ;) {
      if (isProjectRoot(dir)) {
        found = dir;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    this.roots.set(start, found);
    return found;
  }

  /** The Python source files under `root` (virtual environments, caches, builds and tests left out), sorted. */
  files(root: string): readonly string[] {
    let files = this.listings.get(root);
    if (!files) {
      files = pythonSourceFiles(root);
      this.listings.set(root, files);
    }
    return files;
  }

  /**
   * The project's files whose text matches `probe`, found once per root and probe until something changes: a model
   * is built for every linted file, and scanning every text of a large project for each would cost more than the
   * lint itself. The linted file's own text (it may be an unsaved buffer) is for the caller to test.
   */
  filesMatching(root: string, probe: RegExp): readonly string[] {
    let byProbe = this.probes.get(root);
    if (!byProbe) this.probes.set(root, (byProbe = new Map<string, readonly string[]>()));
    const key = `${probe.flags}/${probe.source}`;
    let files = byProbe.get(key);
    if (!files) {
      files = this.files(root).filter((file) => {
        const text = this.texts.text(file);
        return text !== undefined && probe.test(text);
      });
      byProbe.set(key, files);
    }
    // Files open in the editor count by their current text (an unsaved edit changes no file on disk, so nothing
    // invalidates the probes); an open module that is not on disk yet counts too.
    const inside = root.endsWith(path.sep) ? root : root + path.sep;
    const open = this.texts.openFiles().filter((file) => file.startsWith(inside) && file.endsWith('.py'));
    if (open.length === 0) return files;
    const openSet = new Set(open);
    const matching = files.filter((file) => !openSet.has(file));
    for (const file of open) {
      const text = this.texts.text(file);
      if (text !== undefined && probe.test(text)) matching.push(file);
    }
    return matching.sort();
  }

  /** The dependency manifests of `root`, concatenated (requirements*.txt, pyproject.toml, setup.py, setup.cfg, Pipfile). */
  manifestText(root: string): string {
    let text = this.manifests.get(root);
    if (text === undefined) {
      let names: string[];
      try {
        names = fs.readdirSync(root).filter((name) => MANIFEST.test(name));
      } catch {
        names = [];
      }
      text = names
        .sort()
        .map((name) => this.texts.text(path.join(root, name)) ?? '')
        .join('\n');
      this.manifests.set(root, text);
    }
    return text;
  }

  /** Whether the project at `root` declares `name` as a dependency (`prometheus-client` matches `prometheus_client`). */
  declares(root: string, name: string): boolean {
    const spelled = name.replace(/[-_.]/g, '[-_.]');
    return new RegExp(`(^|[\\s"'\\[,(])${spelled}(?![\\w-])`, 'im').test(this.manifestText(root));
  }

  /** Forgets what `changes` can affect (everything when undefined); modules whose text is unchanged stay parsed. */
  invalidate(changes?: readonly ModuleFileChange[]): void {
    // Any change may change what a probe finds: probes are cheap to find again, once.
    this.probes.clear();
    if (!changes) {
      this.roots.clear();
      this.listings.clear();
      this.manifests.clear();
      return;
    }
    for (const { file, kind } of changes) {
      const name = path.basename(file);
      if (MANIFEST.test(name)) this.manifests.delete(path.dirname(file));
      if (kind !== 'changed') {
        this.listings.clear();
        if (MANIFEST.test(name) || ROOT_FILES.includes(name)) this.roots.clear();
      }
      if (kind === 'deleted') this.parsed.delete(file);
    }
  }
}

function isProjectRoot(dir: string): boolean {
  // A package (a directory with `__init__.py`) is inside a project: its module named `setup.py` (an app's setup
  // code) or a requirements file of its own does not make it the root; a pyproject.toml or a repository does.
  if (fs.existsSync(path.join(dir, '__init__.py')))
    return (
      fs.existsSync(path.join(dir, 'pyproject.toml')) ||
      ROOT_DIRECTORIES.some((name) => fs.existsSync(path.join(dir, name)))
    );
  if (ROOT_FILES.some((name) => fs.existsSync(path.join(dir, name)))) return true;
  if (ROOT_DIRECTORIES.some((name) => fs.existsSync(path.join(dir, name)))) return true;
  try {
    return fs.readdirSync(dir).some((name) => /^requirements[\w.-]*\.txt$/.test(name));
  } catch {
    return false;
  }
}

function pythonSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
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
      } else if (entry.name.endsWith('.py') && !/^(test_.*|.*_test|conftest)\.py$/.test(entry.name)) {
        found.push(path.join(dir, entry.name));
      }
    }
  };
  walk(root, 0);
  return found.sort();
}
