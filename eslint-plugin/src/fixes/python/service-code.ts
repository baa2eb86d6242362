import type { PyNode } from '../../languages/python/nodes';
import { definitionOf, dottedName, field, indentationOf, statements } from '../../languages/python/query';
import type { PythonSourceCode } from '../../languages/python/source-code';
import { lineEnd, PythonImportPlan, type TextEdit } from './python-imports';

/**
 * Where the inserted registrations go after the app's creation, lowest first. Starlette runs the middleware added
 * last outermost, so the correlation-ID middleware comes last: the request log and every log line of the request
 * run inside it and see the id.
 */
export enum PythonRank {
  Health = 0,
  Timing = 1,
  RequestLogging = 2,
  CorrelationId = 3,
}

/**
 * The functions each fix defines next to the app, by the rank of the fix that defines them: how a later fix finds
 * where its code goes, whatever order the fixes were applied in.
 */
const RANK_OF_DEFINITION: Record<string, PythonRank> = {
  health_liveness: PythonRank.Health,
  health_readiness: PythonRank.Health,
  request_timing_middleware: PythonRank.Timing,
  metrics_endpoint: PythonRank.Timing,
  request_logging_middleware: PythonRank.RequestLogging,
  correlation_id_middleware: PythonRank.CorrelationId,
};

/** The route templates probes and scrapes answer on: kept out of the request histogram and the request log. */
export const UNOBSERVED_ROUTES = '{"/health", "/health/ready", "/metrics"}';

/** What a fix knows of the module it edits: its text and tree, the app, the names it binds, its imports. */
export class PythonServiceModule {
  readonly text: string;
  readonly module: PyNode;
  /** The statement that creates the app (an expression statement holding the assignment). */
  readonly appStatement: PyNode;
  /** The block holding it: the module, or a factory function's body. */
  readonly block: PyNode;
  /** The module-level statement holding the app's creation (itself, or the factory function). */
  readonly topStatement: PyNode;
  /** Names bound at the module's top level and in the app's block (a factory's locals). */
  readonly definedNames: ReadonlySet<string>;
  readonly imports: PythonImportPlan;

  constructor(sourceCode: PythonSourceCode, appStatement: PyNode) {
    this.text = sourceCode.text;
    this.module = sourceCode.ast;
    this.appStatement =
      appStatement.type === 'assignment' && appStatement.parent?.type === 'expression_statement'
        ? appStatement.parent
        : appStatement;
    const block = this.appStatement.parent;
    this.block = block && (block.type === 'block' || block.type === 'module') ? block : this.module;
    let top = this.appStatement;
    while (top.parent && top.parent !== this.module) top = top.parent;
    this.topStatement = top;
    const topLevel = namesBoundIn(this.module);
    this.definedNames = new Set([...topLevel, ...(this.block === this.module ? [] : namesBoundIn(this.block))]);
    this.imports = new PythonImportPlan(this.module, this.text, topLevel);
  }

  /** Whether any of `names` is already defined where the fixes define them: the fix is then already applied. */
  definesAny(names: readonly string[]): boolean {
    return names.some((name) => this.definedNames.has(name));
  }

  /** The qualified name of the callable that creates the app (`fastapi.FastAPI`), when it is imported. */
  appFactoryName(): string | undefined {
    const assignment = this.appStatement.children.find((child) => child.type === 'assignment');
    let value = field(assignment, 'right');
    if (value?.type === 'await') value = value.children[0];
    if (value?.type !== 'call') return undefined;
    const callee = dottedName(field(value, 'function'));
    if (!callee) return undefined;
    const [first, ...rest] = callee.split('.');
    const origin = this.importOrigin(first);
    return origin ? [origin, ...rest].join('.') : callee;
  }

  /** What a top-level import binds `name` to (`fastapi.FastAPI`, `structlog`), if an import binds it. */
  importOrigin(name: string): string | undefined {
    for (const statement of this.module.children) {
      if (statement.type === 'import_from_statement') {
        const from = field(statement, 'module_name')?.text;
        for (const imported of statement.children.filter((child) => child.field === 'name')) {
          const target = imported.type === 'aliased_import' ? field(imported, 'name')?.text : imported.text;
          const local = imported.type === 'aliased_import' ? field(imported, 'alias')?.text : imported.text;
          if (local === name && from && target) return `${from}.${target}`;
        }
      } else if (statement.type === 'import_statement') {
        for (const imported of statement.children.filter((child) => child.field === 'name')) {
          if (imported.type === 'aliased_import') {
            if (field(imported, 'alias')?.text === name) return field(imported, 'name')?.text;
          } else if (imported.text.split('.')[0] === name) return name;
        }
      }
    }
    return undefined;
  }

  /**
   * A logger the module already creates at its top level for `kind` (`logger = logging.getLogger(__name__)`,
   * `log = structlog.get_logger()`), so that the inserted code logs through it.
   */
  moduleLogger(kind: 'logging' | 'structlog'): string | undefined {
    const factories =
      kind === 'logging'
        ? new Set(['logging.getLogger'])
        : new Set(['structlog.get_logger', 'structlog.getLogger', 'structlog.stdlib.get_logger']);
    for (const statement of this.module.children) {
      if (statement.type !== 'expression_statement') continue;
      const assignment = statement.children[0];
      if (assignment?.type !== 'assignment') continue;
      const target = field(assignment, 'left');
      let value = field(assignment, 'right');
      if (target?.type !== 'identifier' || value?.type !== 'call') continue;
      // `structlog.get_logger().bind(service=…)`: the logger the chain starts from.
      while (value?.type === 'call' && !this.isCallTo(value, factories)) {
        const callee = field(value, 'function');
        value = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
      }
      if (value?.type === 'call') return target.text;
    }
    return undefined;
  }

  private isCallTo(call: PyNode, qualified: ReadonlySet<string>): boolean {
    const callee = dottedName(field(call, 'function'));
    if (!callee) return false;
    const [first, ...rest] = callee.split('.');
    const origin = this.importOrigin(first);
    return origin !== undefined && qualified.has([origin, ...rest].join('.'));
  }
}

/** The names a module or block binds directly: imports, assignments, `def` and `class` (not nested blocks). */
function namesBoundIn(block: PyNode): Set<string> {
  const names = new Set<string>();
  const bindTarget = (target: PyNode | undefined): void => {
    if (!target) return;
    if (target.type === 'identifier') names.add(target.text);
    else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern')
      for (const child of target.children) bindTarget(child);
  };
  for (const statement of statements(block)) {
    if (statement.type === 'function_definition' || statement.type === 'class_definition') {
      const name = field(statement, 'name');
      if (name) names.add(name.text);
    } else if (statement.type === 'expression_statement') {
      for (let assignment = statement.children[0]; assignment?.type === 'assignment';) {
        bindTarget(field(assignment, 'left'));
        assignment = field(assignment, 'right')!;
      }
    } else if (statement.type === 'import_statement' || statement.type === 'import_from_statement') {
      for (const imported of statement.children.filter((child) => child.field === 'name')) {
        if (imported.type === 'aliased_import') {
          const alias = field(imported, 'alias');
          if (alias) names.add(alias.text);
        } else {
          // `import a.b` binds `a`; `from m import b` binds `b`.
          names.add(imported.text.split('.')[0]);
        }
      }
    }
  }
  return names;
}

/** What one fix adds: module-level declarations (before the app's module-level statement), registrations on the app. */
export interface PythonInsertion {
  rank: PythonRank;
  /** Module-level code, each entry a statement or a group of statements. */
  declarations: string[];
  /** Code run right after the app is created (unindented: indented here to the app's block). */
  registrations: string[];
}

/**
 * The statement after which code of `rank` goes: right after the app's creation, past the functions that fixes of a
 * lower rank put there, so that the result is the same whatever the order the fixes are applied in.
 */
function registrationAnchor(service: PythonServiceModule, rank: PythonRank): PyNode {
  const siblings = service.block.children;
  let anchor = service.appStatement;
  for (let index = siblings.indexOf(service.appStatement) + 1; index < siblings.length; index++) {
    const name = field(definitionOf(siblings[index]), 'name')?.text;
    const definedBy = name === undefined ? undefined : RANK_OF_DEFINITION[name];
    if (definedBy === undefined || definedBy >= rank) break;
    anchor = siblings[index];
  }
  return anchor;
}

/** The module-level names each fix declares, by the rank of the fix: how declarations keep one order too. */
const RANK_OF_DECLARATION: Record<string, PythonRank> = {
  READINESS_TIMEOUT_SECONDS: PythonRank.Health,
  readiness_checks: PythonRank.Health,
  register_readiness_check: PythonRank.Health,
  _run_readiness_check: PythonRank.Health,
  check_readiness: PythonRank.Health,
  HTTP_REQUEST_DURATION: PythonRank.Timing,
  request_logger: PythonRank.RequestLogging,
  request_id_var: PythonRank.CorrelationId,
  REQUEST_ID_PATTERN: PythonRank.CorrelationId,
  get_request_id: PythonRank.CorrelationId,
  _previous_record_factory: PythonRank.CorrelationId,
  _record_with_request_id: PythonRank.CorrelationId,
};

/** The rank of the fix that declared a module-level statement, or undefined for the project's own code. */
function declarationRank(statement: PyNode): PythonRank | undefined {
  const definition = definitionOf(statement);
  if (definition.type === 'function_definition') return RANK_OF_DECLARATION[field(definition, 'name')?.text ?? ''];
  const expression = statement.type === 'expression_statement' ? statement.children[0] : undefined;
  if (expression?.type === 'assignment') return RANK_OF_DECLARATION[field(expression, 'left')?.text ?? ''];
  // `logging.setLogRecordFactory(_record_with_request_id)`
  if (expression?.type === 'call' && /\(_record_with_request_id\)$/.test(expression.text))
    return PythonRank.CorrelationId;
  return undefined;
}

/**
 * Where module-level declarations of `rank` go: before the app's module-level statement (and the comment lines just
 * above it), among the declarations fixes put there before, in rank order.
 */
function declarationOffset(service: PythonServiceModule, rank: PythonRank): number {
  const { text } = service;
  const siblings = service.module.children;
  let before = service.topStatement;
  for (let index = siblings.indexOf(service.topStatement) - 1; index >= 0; index--) {
    const declaredBy = declarationRank(siblings[index]);
    if (declaredBy === undefined) break;
    if (declaredBy > rank) before = siblings[index];
  }
  let offset = text.lastIndexOf('\n', before.range[0] - 1) + 1;
  if (before !== service.topStatement) return offset;
  while (offset > 0) {
    const previousStart = text.lastIndexOf('\n', offset - 2) + 1;
    if (!/^[ \t]*#/.test(text.slice(previousStart, offset - 1))) break;
    offset = previousStart;
  }
  return offset;
}

function indent(code: string, prefix: string): string {
  return code
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}

/** The edits that add `insertion` and the imports it asked for. */
export function insertionEdits(service: PythonServiceModule, insertion: PythonInsertion): TextEdit[] {
  const edits = service.imports.edits();
  if (insertion.declarations.length > 0) {
    const at = declarationOffset(service, insertion.rank);
    const blankBefore = at === 0 || /(^|\n)[ \t]*\r?\n$/.test(service.text.slice(0, at)) ? '' : '\n\n';
    edits.push({ range: [at, at], text: `${blankBefore}${insertion.declarations.join('\n\n\n')}\n\n\n` });
  }
  if (insertion.registrations.length > 0) {
    const anchor = registrationAnchor(service, insertion.rank);
    const topLevel = service.block === service.module;
    const prefix = indentationOf(service.text, service.appStatement);
    const separator = topLevel ? '\n\n\n' : '\n\n';
    const code = insertion.registrations.map((registration) => indent(registration, prefix)).join(separator);
    const at = lineEnd(service.text, anchor.range[1]);
    // Code right below gets its blank lines too (PEP 8: two around top-level definitions, one in a function).
    const nextStart = service.text.indexOf('\n', at) + 1;
    const next = nextStart > 0 ? service.text.slice(nextStart, lineEnd(service.text, nextStart)) : '';
    const after = next.trim() !== '' ? separator.slice(1) : '';
    edits.push({ range: [at, at], text: `${separator}${code}${after}` });
  }
  // A module written with CRLF line breaks gets CRLF in what is inserted too.
  const eol = /\r\n/.test(service.text) ? '\r\n' : '\n';
  return mergeEdits(edits).map((edit) => (eol === '\n' ? edit : { ...edit, text: edit.text.replace(/\n/g, eol) }));
}

/** Sorted, with insertions at the same offset joined in the order they were made (imports first). */
function mergeEdits(edits: TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.order - b.order);
  const merged: TextEdit[] = [];
  for (const { edit } of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.range[0] === edit.range[0] && last.range[1] === last.range[0] && edit.range[1] === edit.range[0])
      last.text += edit.text;
    else merged.push({ range: [...edit.range], text: edit.text });
  }
  return merged;
}
