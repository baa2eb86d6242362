import * as path from 'node:path';
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
    const file = this.moduleFile(moduleName, from);
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

  private moduleFile(moduleName: string, from: string): string | undefined {
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
      return candidates(directory).find((file) => this.readText(file) !== undefined);
    }
    for (let level = 0; level < 6; level++) {
      const found = candidates(directory).find((file) => this.readText(file) !== undefined);
      if (found) return found;
      const parent = path.dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
    return undefined;
  }
}
