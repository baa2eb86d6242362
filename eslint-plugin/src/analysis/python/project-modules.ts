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
 * The file of the project module `moduleName` as `from` imports it: `.models` / `..core.metrics` relative to the
 * importing file; `app.schemas` from the nearest folder above it that holds `app/schemas.py` or
 * `app/schemas/__init__.py`. Undefined for the standard library, installed packages and missing files.
 */
export function projectModuleFile(
  moduleName: string,
  from: string,
  readText: (file: string) => string | undefined,
): string | undefined {
  if (!path.isAbsolute(from)) return undefined;
  const leadingDots = /^\.*/.exec(moduleName)?.[0].length ?? 0;
  const parts = moduleName.slice(leadingDots).split('.').filter(Boolean);
  if (leadingDots === 0 && (parts.length === 0 || THIRD_PARTY.has(parts[0]))) return undefined;
  const candidates = (directory: string): string[] => [
    path.join(directory, ...parts) + '.py',
    path.join(directory, ...parts, '__init__.py'),
  ];
  let directory = path.dirname(from);
  if (leadingDots > 0) {
    for (let up = 1; up < leadingDots; up++) directory = path.dirname(directory);
    return candidates(directory).find((file) => file !== from && readText(file) !== undefined);
  }
  for (let level = 0; level < 6; level++) {
    const found = candidates(directory).find((file) => file !== from && readText(file) !== undefined);
    if (found) return found;
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return undefined;
}

/** The project module a Python file imports (see `projectModuleFile`), parsed by the analysis host. */
export function importedModule(file: string, dotted: string): PyProjectModule | undefined {
  return new PythonProjectModules(analysisHostFor(file)).resolve(dotted, file);
}
