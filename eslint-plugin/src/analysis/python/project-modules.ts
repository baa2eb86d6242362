import * as path from 'node:path';
import { type AnalysisHost, analysisHostFor } from '../host';
import type { PyNode } from '../../languages/python/nodes';
import { field, statements } from '../../languages/python/query';
import type { PythonModule } from './projects';

/** A module of the project, parsed (once per text, by the analysis host). */
export type PyProjectModule = PythonModule;

/** Packages that are never project modules: looking for them on disk would only cost reads. */
const THIRD_PARTY = new Set([
  'typing',
  'typing_extensions',
  'logging',
  'os',
  'sys',
  'json',
  'datetime',
  'fastapi',
  'starlette',
  'pydantic',
  'sqlalchemy',
  'structlog',
  'loguru',
  'flask',
  'django',
  'uuid',
  'enum',
  'dataclasses',
]);

/**
 * The project's other Python modules as a linted file names them (`app.schemas`, `.models`): found next to the
 * file for relative names, else under the file's folder or one of its ancestors. Texts and parsed modules come from
 * the analysis host, which parses a module again only when its text changed.
 */
export class PythonProjectModules {
  /** `undefined` for a file that is not on disk (a stdin lint): it has no project to read. */
  constructor(private readonly host: AnalysisHost | undefined) {}

  /** The module `moduleName` as imported from `from`, when it is a file of the project. */
  resolve(moduleName: string, from: string): PyProjectModule | undefined {
    const host = this.host;
    if (!host) return undefined;
    const file = projectModuleFile(moduleName, from, (candidate) => host.texts.text(candidate));
    return file ? host.python.module(file) : undefined;
  }

  /** The value a module assigns to `name` at its top level (`audit = logging.getLogger("audit")`). */
  static topLevelValue(module: PyNode, name: string): PyNode | undefined {
    let found: PyNode | undefined;
    for (const statement of statements(module)) {
      const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (assignment?.type !== 'assignment') continue;
      const left = field(assignment, 'left');
      if (left?.type === 'identifier' && left.text === name) found = field(assignment, 'right') ?? found;
    }
    return found;
  }
}

/**
 * Where a dotted import is looked for. A relative name (`.models`, `..core.metrics`) is looked for in the importing
 * file's package, one folder up per extra dot. An absolute one (`app.schemas`) in the importing file's folder and
 * its ancestors: `levels` of them, or up to the project `root` and then `<root>/src` (the src layout).
 */
export function importSearch(
  dotted: string,
  from: string,
  stop: { levels: number } | { root: string },
): { parts: string[]; bases: string[]; relative: boolean } {
  const dots = /^\.*/.exec(dotted)?.[0].length ?? 0;
  const parts = dotted.slice(dots).split('.').filter(Boolean);
  const bases: string[] = [];
  let directory = path.dirname(from);
  if (dots > 0) {
    for (let up = 1; up < dots; up++) directory = path.dirname(directory);
    return { parts, bases: [directory], relative: true };
  }
  for (let level = 0; ; level++) {
    bases.push(directory);
    const parent = path.dirname(directory);
    const done =
      'levels' in stop ? level + 1 >= stop.levels : directory === stop.root || !directory.startsWith(stop.root);
    if (done || parent === directory) break;
    directory = parent;
  }
  if ('root' in stop) bases.push(path.join(stop.root, 'src'));
  return { parts, bases, relative: false };
}

/** The module file `parts` name under `base`: `<base>/a/b.py` or the package `<base>/a/b/__init__.py`. */
export function moduleFileIn(
  base: string,
  parts: readonly string[],
  exists: (file: string) => boolean,
): string | undefined {
  const stem = path.join(base, ...parts);
  return [`${stem}.py`, path.join(stem, '__init__.py')].find(exists);
}

/**
 * The file of the project module `moduleName` as `from` imports it (see `importSearch`, six folders up).
 * Undefined for the standard library, installed packages and missing files.
 */
export function projectModuleFile(
  moduleName: string,
  from: string,
  readText: (file: string) => string | undefined,
): string | undefined {
  if (!path.isAbsolute(from)) return undefined;
  const { parts, bases, relative } = importSearch(moduleName, from, { levels: 6 });
  if (!relative && (parts.length === 0 || THIRD_PARTY.has(parts[0]))) return undefined;
  const exists = (file: string): boolean => file !== from && readText(file) !== undefined;
  for (const base of bases) {
    const found = moduleFileIn(base, parts, exists);
    if (found) return found;
  }
  return undefined;
}

/** The project module a Python file imports (see `projectModuleFile`), parsed by the analysis host. */
export function importedModule(file: string, dotted: string): PyProjectModule | undefined {
  return new PythonProjectModules(analysisHostFor(file)).resolve(dotted, file);
}
