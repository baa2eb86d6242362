import * as path from 'node:path';
import type { PyNode } from '../../languages/python/nodes';
import { parsePython } from '../../languages/python/nodes';
import { PythonImports } from '../../languages/python/imports';
import { field, statements } from '../../languages/python/query';

interface ClassInfo {
  fields: string[];
  bases: string[];
}

/** Calls that declare a field on a class body: SQLAlchemy `Column`/`mapped_column`, Pydantic `Field`, `relationship`. */
const FIELD_DECLARATIONS =
  /^(Column|mapped_column|Field|field|CharField|EmailField|TextField|StringField|attr\.ib|ib)$/;

/** The fields each class of a module declares: annotated names (`email: str`) and declared columns. */
function classesOf(module: PyNode): Map<string, ClassInfo> {
  const classes = new Map<string, ClassInfo>();
  for (const statement of statements(module)) {
    if (statement.type !== 'class_definition') continue;
    const name = field(statement, 'name')?.text;
    if (!name) continue;
    const bases = (field(statement, 'superclasses')?.children ?? []).flatMap((base) =>
      base.type === 'identifier' || base.type === 'attribute' ? [base.text.split('.').pop() ?? base.text] : [],
    );
    const fields: string[] = [];
    for (const member of statements(field(statement, 'body'))) {
      const assignment = member.type === 'expression_statement' ? member.children[0] : undefined;
      if (assignment?.type !== 'assignment') continue;
      const target = field(assignment, 'left');
      if (target?.type !== 'identifier' || target.text.startsWith('_') || target.text === 'model_config') continue;
      const right = field(assignment, 'right');
      const declared =
        field(assignment, 'type') !== undefined ||
        (right?.type === 'call' && FIELD_DECLARATIONS.test(field(right, 'function')?.text.split('.').pop() ?? ''));
      if (declared) fields.push(target.text);
    }
    classes.set(name, { fields, bases });
  }
  return classes;
}

/**
 * The fields of the classes a file can name: its own, and those imported from the project's other modules
 * (`from app.schemas import SignUp`, `from .models import User`), found next to the file or under an ancestor
 * folder and read once per linted file. Inherited fields count (`class Admin(User)`).
 */
export class PythonModels {
  private readonly local: Map<string, ClassInfo>;
  private readonly imported = new Map<string, Map<string, ClassInfo> | undefined>();

  constructor(
    module: PyNode,
    private readonly imports: PythonImports,
    private readonly filename: string,
    /** Reads a project file (undefined when it does not exist). */
    private readonly readText: (file: string) => string | undefined,
  ) {
    this.local = classesOf(module);
  }

  fieldsOf(className: string): readonly string[] | undefined {
    return this.collect(className, this.local, this.imports, this.filename, 0);
  }

  private collect(
    className: string,
    classes: Map<string, ClassInfo>,
    imports: PythonImports | undefined,
    filename: string,
    depth: number,
  ): string[] | undefined {
    if (depth > 4) return undefined;
    const info = classes.get(className);
    if (info) {
      const inherited = info.bases.flatMap((base) =>
        base === className ? [] : (this.collect(base, classes, imports, filename, depth + 1) ?? []),
      );
      const fields = [...new Set([...inherited, ...info.fields])];
      return fields.length > 0 ? fields : undefined;
    }
    const qualified = imports?.qualify(className);
    if (qualified === undefined || qualified === className) return undefined;
    const dot = qualified.lastIndexOf('.');
    const file = this.moduleFile(qualified.slice(0, dot), filename);
    const module = file ? this.moduleClasses(file) : undefined;
    if (!file || !module) return undefined;
    return this.collect(qualified.slice(dot + 1), module.classes, module.imports, file, depth + 1);
  }

  private readonly moduleImports = new Map<string, PythonImports>();

  private moduleClasses(file: string): { classes: Map<string, ClassInfo>; imports: PythonImports } | undefined {
    if (!this.imported.has(file)) {
      const text = this.readText(file);
      const parsed = text !== undefined && text.length < 500_000 ? parsePython(text) : undefined;
      this.imported.set(file, parsed ? classesOf(parsed.module) : undefined);
      if (parsed) this.moduleImports.set(file, new PythonImports(parsed.module));
    }
    const classes = this.imported.get(file);
    const imports = this.moduleImports.get(file);
    return classes && imports ? { classes, imports } : undefined;
  }

  /** `app.schemas` or `.schemas` as a file of the project: a sibling for relative names, else under an ancestor. */
  private moduleFile(moduleName: string, from: string): string | undefined {
    if (!path.isAbsolute(from)) return undefined;
    const leadingDots = /^\.*/.exec(moduleName)?.[0].length ?? 0;
    const parts = moduleName.slice(leadingDots).split('.').filter(Boolean);
    const candidates = (directory: string): string[] => [
      path.join(directory, ...parts) + '.py',
      path.join(directory, ...parts, '__init__.py'),
    ];
    if (leadingDots > 0) {
      let directory = path.dirname(from);
      for (let up = 1; up < leadingDots; up++) directory = path.dirname(directory);
      return candidates(directory).find((file) => this.readText(file) !== undefined);
    }
    if (parts.length === 0) return undefined;
    let directory = path.dirname(from);
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
