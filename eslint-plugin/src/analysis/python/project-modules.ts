import * as path from 'node:path';
import { analysisHostFor } from '../host';
import type { PyNode } from '../../languages/python/nodes';
import { parsePython } from '../../languages/python/nodes';
import { PythonImports } from '../../languages/python/imports';
import { field, statements } from '../../languages/python/query';

/** A module of the project, parsed. */
export interface PyProjectModule {
  file: string;
  module: PyNode;
  imports: PythonImports;
}

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
 * file for relative names, else under the file's folder or one of its ancestors, and parsed once per linted file.
 */
export class PythonProjectModules {
  private readonly parsed = new Map<string, PyProjectModule | undefined>();

  constructor(
    /** Reads a project file (undefined when it does not exist). */
    private readonly readText: (file: string) => string | undefined,
  ) {}

  /** The module `moduleName` as imported from `from`, when it is a file of the project. */
  resolve(moduleName: string, from: string): PyProjectModule | undefined {
    const file = projectModuleFile(moduleName, from, this.readText);
    if (!file) return undefined;
    if (!this.parsed.has(file)) {
      const text = this.readText(file);
      const result = text !== undefined && text.length < 500_000 ? parsePython(text) : undefined;
      this.parsed.set(
        file,
        result && !result.syntaxError
          ? { file, module: result.module, imports: new PythonImports(result.module) }
          : undefined,
      );
    }
    return this.parsed.get(file);
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

/**
 * The file and text of a project module a Python file imports (see `projectModuleFile`), read through the analysis
 * host (the editor's buffers, else the disk).
 */
export function importedModuleText(file: string, dotted: string): { file: string; text: string } | undefined {
  const texts = analysisHostFor(file).texts;
  const found = projectModuleFile(dotted, file, (candidate) => texts.text(candidate));
  const text = found === undefined ? undefined : texts.text(found);
  return found !== undefined && text !== undefined ? { file: found, text } : undefined;
}
