import type { PyNode } from '../../languages/python/nodes';
import { field, fieldAll } from '../../languages/python/query';
import { importBinding } from '../../languages/python/imports';

/** A text edit: `text` replaces `range` (an insertion when the range is empty). */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/**
 * The imports a fix needs, resolved against what the module already imports at its top level: a module or a name
 * that is already imported is used under its local name (`prom.Histogram` after `import prometheus_client as prom`),
 * a name from a module the module already imports names from is added to that statement
 * (`from fastapi import FastAPI, Request`), anything else is a new statement at the top of the module, after the
 * docstring, `from __future__` imports and the imports already there. A name the module binds to something else is
 * imported under an alias. Each request answers the expression the inserted code writes.
 */
export class PythonImportPlan {
  /** Local name → what it is bound to at the module's top level (`prometheus_client.Histogram`, `time`). */
  private readonly bindings = new Map<string, string>();
  /** Every name the module binds at its top level (imports, assignments, definitions), and names added here. */
  private readonly taken: Set<string>;
  private readonly fromStatements = new Map<string, PyNode>();
  private readonly addedToStatement = new Map<PyNode, string[]>();
  private readonly newModules = new Map<string, string>();
  private readonly newMembers = new Map<string, string[]>();

  constructor(
    private readonly module: PyNode,
    private readonly text: string,
    topLevelNames: ReadonlySet<string>,
  ) {
    this.taken = new Set(topLevelNames);
    for (const statement of module.children) {
      if (statement.type === 'import_statement') {
        for (const name of fieldAll(statement, 'name')) {
          const binding = importBinding(name);
          if (binding) this.bindings.set(binding.local, binding.origin);
        }
      } else if (statement.type === 'import_from_statement') {
        const from = field(statement, 'module_name');
        if (!from || from.type !== 'dotted_name') continue;
        const names = fieldAll(statement, 'name');
        if (names.length > 0 && !this.fromStatements.has(from.text)) this.fromStatements.set(from.text, statement);
        for (const name of names) {
          if (name.type === 'aliased_import') {
            const target = field(name, 'name')?.text;
            const alias = field(name, 'alias')?.text;
            if (target && alias) this.bindings.set(alias, `${from.text}.${target}`);
          } else {
            this.bindings.set(name.text, `${from.text}.${name.text}`);
          }
        }
      }
    }
  }

  private localFor(origin: string): string | undefined {
    for (const [local, bound] of this.bindings) if (bound === origin) return local;
    return undefined;
  }

  private freeName(wanted: string): string {
    let name = wanted;
    while (this.taken.has(name)) name = `_${name}`;
    this.taken.add(name);
    return name;
  }

  /** `import time`: the expression that names the module here (`time`, or its alias). */
  importModule(name: string): string {
    const existing = this.localFor(name) ?? this.newModules.get(name);
    if (existing) return existing;
    const local = this.freeName(name);
    this.newModules.set(name, local);
    this.bindings.set(local, name);
    return local;
  }

  /**
   * `from module import name`: the expression that names it here. `equivalents` are other qualified names of the same
   * object (`starlette.requests.Request` for `fastapi.Request`), used when the module already imports one of them.
   */
  importName(module: string, name: string, equivalents: readonly string[] = []): string {
    for (const origin of [`${module}.${name}`, ...equivalents]) {
      const local = this.localFor(origin);
      if (local) return local;
    }
    const whole = this.localFor(module);
    if (whole) return `${whole}.${name}`;
    const local = this.freeName(name);
    const spec = local === name ? name : `${name} as ${local}`;
    const statement = this.fromStatements.get(module);
    if (statement) this.addedToStatement.set(statement, [...(this.addedToStatement.get(statement) ?? []), spec]);
    else this.newMembers.set(module, [...(this.newMembers.get(module) ?? []), spec]);
    this.bindings.set(local, `${module}.${name}`);
    return local;
  }

  /** The edits that add what was requested and is not imported yet. */
  edits(): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const [statement, specs] of this.addedToStatement) {
      const names = fieldAll(statement, 'name');
      const last = names[names.length - 1];
      const rest = this.text.slice(last.range[1], statement.range[1]);
      const oneALine =
        /\bimport\s*\(/.test(statement.text) &&
        (/\n/.test(rest) || /\n/.test(this.text.slice(names[0].range[0], last.range[0])));
      if (!oneALine) {
        // On one line, or continued with backslashes: after the last name, on its line.
        edits.push({ range: [last.range[1], last.range[1]], text: specs.map((spec) => `, ${spec}`).join('') });
        continue;
      }
      // One name a line (`from x import (\n    a,\n    b,\n)`): each new name on a line of its own, as the others.
      const lineStart = this.text.lastIndexOf('\n', last.range[0] - 1) + 1;
      const indent = /^[ \t]*/.exec(this.text.slice(lineStart))?.[0] ?? '    ';
      const trailingComma = /^[ \t]*,/.exec(rest)?.[0];
      const at = last.range[1] + (trailingComma?.length ?? 0);
      edits.push({
        range: [at, at],
        text: trailingComma
          ? specs.map((spec) => `\n${indent}${spec},`).join('')
          : specs.map((spec) => `,\n${indent}${spec}`).join(''),
      });
    }
    type NewLine = { key: string; text: string; standard: boolean };
    const lines: NewLine[] = [
      ...[...this.newModules].map(([name, local]) => ({
        key: importKey('import', name),
        text: local === name ? `import ${name}` : `import ${name} as ${local}`,
        standard: isStandardLibrary(name),
      })),
      ...[...this.newMembers].map(([module, specs]) => ({
        key: importKey('from', module),
        text: `from ${module} import ${[...specs].sort().join(', ')}`,
        standard: isStandardLibrary(module),
      })),
    ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (lines.length === 0) return edits;
    const points = importInsertionPoints(this.module, this.text);
    const loose: NewLine[][] = [[], []];
    const sorted: TextEdit[] = [];
    for (const line of lines) {
      const group = line.standard ? points.standardGroup : points.othersGroup;
      if (!group) {
        loose[line.standard ? 0 : 1].push(line);
        continue;
      }
      // In its group, in sorted order (as isort keeps it): before the first import that sorts after it.
      const next = group.find((statement) => statementKey(statement) > line.key);
      sorted.push(
        next
          ? { range: lineStartRange(this.text, next), text: `${line.text}\n` }
          : insertLines({ offset: lineEnd(this.text, group[group.length - 1].range[1]), kind: 'after-line' }, [
              line.text,
            ]),
      );
    }
    // At one offset, edits apply in the order made: a new standard-library group before a group's first import, the
    // imports sorted into groups, then new third-party imports after the standard library's.
    const [standard, others] = loose.map((section) => section.map((line) => line.text));
    if (points.standard.offset === points.others.offset && points.standard.kind === points.others.kind) {
      if (standard.length + others.length > 0) edits.push(insertLines(points.standard, [...standard, ...others]));
      edits.push(...sorted);
    } else {
      if (standard.length > 0) edits.push(insertLines(points.standard, standard));
      edits.push(...sorted);
      if (others.length > 0) edits.push(insertLines(points.others, others));
    }
    return edits;
  }
}

/** The end of the line `offset` is on (the offset of its line break, `\r\n` or `\n`, or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return newline > offset && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** isort's order in a section: `import x` lines first, then `from x import y`, each by module. */
function importKey(kind: 'import' | 'from', module: string): string {
  return `${kind === 'import' ? 0 : 1} ${module.toLowerCase()}`;
}

function statementKey(statement: PyNode): string {
  return importKey(statement.type === 'import_statement' ? 'import' : 'from', importedModule(statement) ?? '');
}

function lineStartRange(text: string, node: PyNode): [number, number] {
  const start = text.lastIndexOf('\n', node.range[0] - 1) + 1;
  return [start, start];
}

/** Where lines of imports go: after a statement's line, or before a line (then followed by a blank line). */
interface ImportPoint {
  offset: number;
  kind: 'after-line' | 'before-group' | 'top';
}

function insertLines(point: ImportPoint, lines: string[]): TextEdit {
  const text = lines.join('\n');
  return {
    range: [point.offset, point.offset],
    text: point.kind === 'after-line' ? `\n${text}` : point.kind === 'before-group' ? `${text}\n\n` : `${text}\n\n`,
  };
}

/** The standard library's modules that fixes import (and the common others a module may already import). */
const STANDARD_LIBRARY = new Set([
  'asyncio',
  'collections',
  'contextlib',
  'contextvars',
  'dataclasses',
  'datetime',
  'enum',
  'functools',
  'inspect',
  'json',
  'logging',
  'os',
  'pathlib',
  're',
  'sqlite3',
  'sys',
  'threading',
  'time',
  'typing',
  'uuid',
]);

function isStandardLibrary(module: string): boolean {
  return STANDARD_LIBRARY.has(module.split('.')[0]);
}

/** The module an import statement imports from (`from a.b import c` → `a.b`; `import a.b, c` → `a.b`). */
function importedModule(statement: PyNode): string | undefined {
  if (statement.type === 'import_from_statement') {
    const from = field(statement, 'module_name');
    return from?.type === 'dotted_name' ? from.text : undefined;
  }
  const name = fieldAll(statement, 'name')[0];
  return name?.type === 'aliased_import' ? field(name, 'name')?.text : name?.text;
}

/**
 * Where new imports go, as PEP 8 groups them: the standard library's after the last import of the first group (a run
 * of imports without blank lines between them) that imports from it, else before the first group; the others after
 * the last import of the first group that imports something else (the third-party group, before local imports), else
 * after the standard library's. With no import, after the docstring and `from __future__` imports; in a module that
 * starts with code, at the top, below a shebang or encoding line.
 */
interface ImportPoints {
  standard: ImportPoint;
  others: ImportPoint;
  /** The group of imports new standard-library imports join, in sorted order. */
  standardGroup?: PyNode[];
  /** The group new third-party imports join. */
  othersGroup?: PyNode[];
}

function importInsertionPoints(module: PyNode, text: string): ImportPoints {
  const groups: PyNode[][] = [];
  let header: PyNode | undefined;
  for (const [index, statement] of module.children.entries()) {
    const docstring =
      index === 0 &&
      statement.type === 'expression_statement' &&
      statement.children.length === 1 &&
      (statement.children[0].type === 'string' || statement.children[0].type === 'concatenated_string');
    if (docstring || statement.type === 'future_import_statement') {
      header = statement;
      continue;
    }
    if (statement.type !== 'import_statement' && statement.type !== 'import_from_statement') break;
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (previous && !/\n[ \t\r]*\n/.test(text.slice(previous.range[1], statement.range[0]))) group.push(statement);
    else groups.push([statement]);
  }
  const after = (statement: PyNode): ImportPoint => ({ offset: lineEnd(text, statement.range[1]), kind: 'after-line' });
  if (groups.length === 0) {
    if (header) return { standard: after(header), others: after(header) };
    let offset = 0;
    while (/^#!|^#.*coding[:=]/.test(text.slice(offset, lineEnd(text, offset)))) {
      const end = lineEnd(text, offset);
      if (end >= text.length)
        return { standard: { offset: end, kind: 'after-line' }, others: { offset: end, kind: 'after-line' } };
      offset = end + 1;
    }
    return { standard: { offset, kind: 'top' }, others: { offset, kind: 'top' } };
  }
  const isStandard = (statement: PyNode): boolean => {
    const from = importedModule(statement);
    return from !== undefined && isStandardLibrary(from);
  };
  const standardGroup = groups.find((group) => group.some(isStandard));
  const othersGroup = groups.find((group) => group.some((statement) => !isStandard(statement)));
  const standard: ImportPoint = standardGroup
    ? after(standardGroup.filter(isStandard).pop()!)
    : { offset: text.lastIndexOf('\n', groups[0][0].range[0] - 1) + 1, kind: 'before-group' };
  const others: ImportPoint = othersGroup
    ? after(othersGroup[othersGroup.length - 1])
    : standardGroup
      ? after(standardGroup[standardGroup.length - 1])
      : standard;
  return {
    standard,
    others,
    standardGroup,
    othersGroup,
  };
}
