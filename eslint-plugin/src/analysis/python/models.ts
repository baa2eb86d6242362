import type { PyNode } from '../../languages/python/nodes';
import type { PythonImports } from '../../languages/python/imports';
import { decoratorsOf, field, statements } from '../../languages/python/query';
import type { PythonProjectModules } from './project-modules';

interface ClassInfo {
  fields: string[];
  /** Fields typed `SecretStr`/`SecretBytes`: Pydantic prints them as `**********`. */
  masked: string[];
  bases: string[];
  /** Its `str()`/`repr()` lists the fields: a dataclass, attrs class, named tuple or typed dict. */
  printsFields: boolean;
}

/** What a class is known to hold. */
export interface ModelInfo {
  /** The fields that print their value (masked ones left out). */
  fields: readonly string[];
  /** Fields that print masked (`SecretStr`): reading them writes `**********`. */
  masked: readonly string[];
  /** Whether formatting an instance (`%s`, an f-string, structlog's repr) writes its fields out. */
  printsFields: boolean;
}

/** Bases whose instances print their fields: Pydantic (and SQLModel, built on it), named tuples, typed dicts. */
const PRINTING_BASES = /^(BaseModel|BaseSettings|SQLModel|RootModel|NamedTuple|TypedDict|Struct|Schema)$/;
/** Decorators that generate a `__repr__` listing the fields. */
const PRINTING_DECORATORS =
  /^(dataclass|dataclasses\.dataclass|attr\.s|attrs|define|frozen|attr\.define|attrs\.define|attr\.attrs|pydantic\.dataclasses\.dataclass)$/;

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
    const masked: string[] = [];
    for (const member of statements(field(statement, 'body'))) {
      const assignment = member.type === 'expression_statement' ? member.children[0] : undefined;
      if (assignment?.type !== 'assignment') continue;
      const target = field(assignment, 'left');
      if (target?.type !== 'identifier' || target.text.startsWith('_') || target.text === 'model_config') continue;
      const right = field(assignment, 'right');
      const annotation = field(assignment, 'type')?.text ?? '';
      if (/\bClassVar\b/.test(annotation)) continue;
      if (/\bSecret(?:Str|Bytes)?\b/.test(annotation)) {
        masked.push(target.text);
        continue;
      }
      const declared =
        field(assignment, 'type') !== undefined ||
        (right?.type === 'call' && FIELD_DECLARATIONS.test(field(right, 'function')?.text.split('.').pop() ?? ''));
      if (declared) fields.push(target.text);
    }
    const decorators = decoratorsOf(statement).map(
      (decorator) => (decorator.type === 'call' ? field(decorator, 'function') : decorator)?.text ?? '',
    );
    const printsFields =
      bases.some((base) => PRINTING_BASES.test(base)) || decorators.some((each) => PRINTING_DECORATORS.test(each));
    classes.set(name, { fields, masked, bases, printsFields });
  }
  return classes;
}

/**
 * The fields of the classes a file can name: its own, and those imported from the project's other modules
 * (`from app.schemas import SignUp`, `from .models import User`). Inherited fields count (`class Admin(User)`).
 */
export class PythonModels {
  private readonly local: Map<string, ClassInfo>;
  private readonly classesByFile = new Map<string, Map<string, ClassInfo>>();

  constructor(
    module: PyNode,
    private readonly imports: PythonImports,
    private readonly filename: string,
    private readonly projectModules: PythonProjectModules,
  ) {
    this.local = classesOf(module);
  }

  modelOf(className: string): ModelInfo | undefined {
    return this.collect(className, this.local, this.imports, this.filename, 0);
  }

  private collect(
    className: string,
    classes: Map<string, ClassInfo>,
    imports: PythonImports,
    filename: string,
    depth: number,
  ): ModelInfo | undefined {
    if (depth > 4) return undefined;
    const info = classes.get(className);
    if (info) {
      const inherited = info.bases.flatMap((base) => {
        const parent = base === className ? undefined : this.collect(base, classes, imports, filename, depth + 1);
        return parent ? [parent] : [];
      });
      const masked = [...new Set([...inherited.flatMap((parent) => parent.masked), ...info.masked])];
      // A field a subclass declares again with a plain type prints again.
      const fields = [...new Set([...inherited.flatMap((parent) => parent.fields), ...info.fields])].filter(
        (name) => !info.masked.includes(name),
      );
      const printsFields = info.printsFields || inherited.some((parent) => parent.printsFields);
      return fields.length > 0 || masked.length > 0
        ? { fields, masked: masked.filter((name) => !info.fields.includes(name)), printsFields }
        : undefined;
    }
    const qualified = imports.qualify(className);
    const dot = qualified?.lastIndexOf('.') ?? -1;
    if (qualified === undefined || dot <= 0) return undefined;
    const module = this.projectModules.resolve(qualified.slice(0, dot), filename);
    if (!module) return undefined;
    let moduleClasses = this.classesByFile.get(module.file);
    if (!moduleClasses) this.classesByFile.set(module.file, (moduleClasses = classesOf(module.module)));
    return this.collect(qualified.slice(dot + 1), moduleClasses, module.imports, module.file, depth + 1);
  }
}
