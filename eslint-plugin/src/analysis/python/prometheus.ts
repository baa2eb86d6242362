import type { PyNode } from '../../languages/python/nodes';
import { PythonImports } from '../../languages/python/imports';
import { importedModule } from './project-modules';
import {
  ancestors,
  calleeMethod,
  dottedName,
  field,
  keywordArgument,
  keywordArgumentNodes,
  positionalArguments,
  splatArguments,
  stringValue,
  walk,
} from '../../languages/python/query';

/** prometheus_client's metric classes, by the type each declares. */
export type PythonMetricKind = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'enum';

const PROM_CLASSES = new Map<string, PythonMetricKind>([
  ['Counter', 'counter'],
  ['Gauge', 'gauge'],
  ['Histogram', 'histogram'],
  ['Summary', 'summary'],
  ['Info', 'info'],
  ['Enum', 'enum'],
]);

/** A string argument of a declaration: its node, and its value when it is a plain literal. */
export interface PythonMetricPart {
  node: PyNode;
  value: string | undefined;
}

/**
 * `Counter(name, documentation, labelnames=(), namespace='', subsystem='', unit='', registry=REGISTRY)`, as
 * prometheus_client takes it (positionally or by keyword), with where the metric is bound.
 */
export interface PythonMetricDeclaration {
  call: PyNode;
  kind: PythonMetricKind;
  name?: PythonMetricPart;
  documentation?: PythonMetricPart;
  namespace?: PythonMetricPart;
  subsystem?: PythonMetricPart;
  unit?: PythonMetricPart;
  /** The `labelnames` list or tuple literal, when written as one. */
  labelNamesNode?: PyNode;
  /** Each element's value (undefined for a non-literal element); undefined when the label names cannot be read. */
  labelNames?: Array<string | undefined>;
  /** The list is a module constant (`labelnames=LABELS`) other metrics may share: reported, not edited. */
  sharedLabelNames: boolean;
  /** `labelnames="route"` or `("route")`: one string, whose characters prometheus_client takes as label names. */
  labelNamesString?: PyNode;
  /** Arguments the declaration cannot be read through (`*args`, `**kwargs`). */
  opaque: boolean;
  /** Declared in another module (its file): its nodes are not this file's, so nothing there is edited from here. */
  foreign?: string;
  /** What the metric is assigned to: `REQUESTS`, `self.requests`, a class attribute `requests` of class `Metrics`. */
  binding?: { name: string; scope: PyNode; className?: string };
}

/** One label value at a `.labels(...)` call: by position (in `labelnames` order) or by keyword. */
export interface PythonLabelEntry {
  name: string | undefined;
  index?: number;
  value: PyNode;
  /** The `keyword_argument` node of a keyword entry; the value itself for a positional one. */
  argument: PyNode;
}

export interface PythonLabelUse {
  call: PyNode;
  metric: PythonMetricDeclaration;
  entries: PythonLabelEntry[];
  /** `.labels(*values)` / `.labels(**labels)`: label values the call passes but that cannot be listed here. */
  opaque: boolean;
}

export interface PythonMetrics {
  declarations: PythonMetricDeclaration[];
  uses: PythonLabelUse[];
}

/** The metric class a call instantiates, when it is prometheus_client's (`Counter`, `prom.Counter`, `prometheus_client.metrics.Counter`). */
export function metricKindOf(call: PyNode, imports: PythonImports): PythonMetricKind | undefined {
  if (call.type !== 'call') return undefined;
  const qualified = imports.qualifiedName(field(call, 'function'));
  if (!qualified) return undefined;
  const match = /^prometheus_client(?:\.metrics)?\.(\w+)$/.exec(qualified);
  return match ? PROM_CLASSES.get(match[1]) : undefined;
}

function part(node: PyNode | undefined): PythonMetricPart | undefined {
  return node ? { node, value: stringValue(node) } : undefined;
}

/** Reads a prometheus_client declaration's arguments the way its `__init__` binds them. */
export function readDeclaration(call: PyNode, kind: PythonMetricKind): PythonMetricDeclaration {
  const positional = positionalArguments(call);
  const argument = (index: number, keyword: string): PyNode | undefined =>
    keywordArgument(call, keyword) ?? positional[index];
  const labelNamesNode = argument(2, 'labelnames');
  let labelNames: Array<string | undefined> | undefined;
  let listNode: PyNode | undefined;
  let shared = false;
  let labelNamesString: PyNode | undefined;
  // `LABELS = ["method", "route"]` at module level, passed as `labelnames=LABELS` (perhaps to several metrics).
  const constant = labelNamesNode?.type === 'identifier' ? moduleConstant(call, labelNamesNode.text) : undefined;
  const list = constant ?? labelNamesNode;
  if (list && (list.type === 'list' || list.type === 'tuple')) {
    listNode = list;
    shared = constant !== undefined;
    labelNames = list.children.some((child) => child.type === 'list_splat')
      ? undefined
      : list.children.filter((child) => child.type !== 'comment').map((child) => stringValue(child));
  } else if (
    labelNamesNode &&
    (stringValue(labelNamesNode) !== undefined ||
      (labelNamesNode.type === 'parenthesized_expression' && stringValue(labelNamesNode.children[0]) !== undefined))
  ) {
    // `("route")` is a string, not a tuple: prometheus_client takes each of its characters as a label name.
    labelNamesString = labelNamesNode;
  } else if (!labelNamesNode) {
    labelNames = [];
  }
  const declaration: PythonMetricDeclaration = {
    call,
    kind,
    name: part(argument(0, 'name')),
    documentation: part(argument(1, 'documentation')),
    namespace: part(argument(3, 'namespace')),
    subsystem: part(argument(4, 'subsystem')),
    unit: part(argument(5, 'unit')),
    labelNamesNode: listNode,
    labelNames,
    sharedLabelNames: shared,
    labelNamesString,
    opaque: splatArguments(call).length > 0,
  };
  if (declaration.opaque && !labelNamesNode) declaration.labelNames = undefined;
  declaration.binding = bindingOf(call);
  return declaration;
}

/** The list or tuple a module-level name is assigned, when it is assigned exactly once, at the top of the module. */
function moduleConstant(from: PyNode, name: string): PyNode | undefined {
  const module = ancestors(from).find((node) => node.type === 'module');
  if (!module || rebound(module, name)) return undefined;
  for (const statement of module.children) {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = field(assignment, 'left');
    const right = field(assignment, 'right');
    if (left?.type === 'identifier' && left.text === name && (right?.type === 'list' || right?.type === 'tuple'))
      return right;
  }
  return undefined;
}

/** `X = Counter(...)`, `X: Counter = Counter(...)`, `self.x = Counter(...)`, or a class attribute `x = Counter(...)`. */
function bindingOf(call: PyNode): PythonMetricDeclaration['binding'] {
  const assignment = call.parent;
  if (assignment?.type !== 'assignment' || field(assignment, 'right') !== call) return undefined;
  const left = field(assignment, 'left');
  const name = dottedName(left);
  if (!left || !name) return undefined;
  const scope = scopeOf(assignment);
  if (left.type === 'identifier') {
    const owner = scope.type === 'class_definition' ? field(scope, 'name')?.text : undefined;
    return { name, scope, className: owner };
  }
  // `self.requests = Counter(...)` in a method: an attribute of the instances of the enclosing class.
  const parts = name.split('.');
  if (parts.length === 2 && (parts[0] === 'self' || parts[0] === 'cls')) {
    const owner = ancestors(call).find((node) => node.type === 'class_definition');
    if (owner) return { name: parts[1], scope: owner, className: field(owner, 'name')?.text };
  }
  return undefined;
}

/** The innermost function, lambda or class whose body holds `node`, or the module. */
export function scopeOf(node: PyNode): PyNode {
  for (const ancestor of ancestors(node)) {
    if (
      ancestor.type === 'function_definition' ||
      ancestor.type === 'lambda' ||
      ancestor.type === 'class_definition' ||
      ancestor.type === 'module'
    )
      return ancestor;
  }
  return node;
}

/** Whether `name` is bound in the function `scope` (a parameter, an assignment, a loop or `with` target, an import). */
export function bindsName(scope: PyNode, name: string): boolean {
  if (scope.type !== 'function_definition' && scope.type !== 'lambda') return false;
  const parameters = field(scope, 'parameters');
  let found = false;
  if (parameters)
    walk(parameters, (node) => {
      if (found) return false;
      if (
        node.type === 'identifier' &&
        node.text === name &&
        node.field !== 'type' &&
        !isDefaultValue(node, parameters)
      )
        found = true;
      return undefined;
    });
  if (found) return true;
  const body = field(scope, 'body');
  if (!body) return false;
  let global = false;
  walk(body, (node) => {
    if (
      node !== body &&
      (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition')
    )
      return false;
    if (
      (node.type === 'global_statement' || node.type === 'nonlocal_statement') &&
      node.children.some((child) => child.text === name)
    )
      global = true;
    return undefined;
  });
  if (global) return false;
  walk(body, (node) => {
    if (found) return false;
    if (
      node !== body &&
      (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition')
    )
      return false;
    if (
      (node.type === 'assignment' || node.type === 'augmented_assignment' || node.type === 'for_statement') &&
      targetNames(field(node, 'left')).includes(name)
    )
      found = true;
    if (node.type === 'as_pattern_target' && node.text === name) found = true;
    if ((node.type === 'import_statement' || node.type === 'import_from_statement') && importsName(node, name))
      found = true;
    return undefined;
  });
  return found;
}

function isDefaultValue(node: PyNode, parameters: PyNode): boolean {
  for (let current: PyNode | null = node; current && current !== parameters; current = current.parent) {
    if (current.field === 'value' || current.field === 'type') return true;
  }
  return false;
}

function importsName(statement: PyNode, name: string): boolean {
  return statement.children.some(
    (child) =>
      child.field === 'name' &&
      (child.type === 'aliased_import' ? field(child, 'alias')?.text === name : child.text.split('.')[0] === name),
  );
}

/** The names an assignment target binds: `a`, `a, b`, `(a, b)`, `[a, *b]`. */
export function targetNames(target: PyNode | undefined): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern')
    return target.children.flatMap(targetNames);
  if (target.type === 'list_splat_pattern') return target.children.flatMap(targetNames);
  return [];
}

/** The declaration a receiver expression names: a module or function variable, `self.x`, `Metrics.x`. */
function resolveReceiver(
  receiver: PyNode | undefined,
  declarations: readonly PythonMetricDeclaration[],
): PythonMetricDeclaration | undefined {
  if (!receiver) return undefined;
  if (receiver.type === 'call') {
    // `Counter("x", "doc", ["a"]).labels("b")`: declared in place.
    return declarations.find((declaration) => declaration.call === receiver);
  }
  const name = dottedName(receiver);
  if (!name) return undefined;
  const parts = name.split('.');
  if (parts.length === 1) {
    // The innermost enclosing scope that binds the name decides, as Python looks names up.
    for (const scope of [...ancestors(receiver)].filter(
      (node) => node.type === 'function_definition' || node.type === 'lambda' || node.type === 'module',
    )) {
      const local = declarations.filter(
        (declaration) => declaration.binding?.scope === scope && declaration.binding.name === name,
      );
      if (scope.type === 'module') return local.length === 1 && !rebound(scope, name) ? local[0] : undefined;
      if (bindsName(scope, name)) return local.length === 1 && !rebound(scope, name) ? local[0] : undefined;
    }
    return undefined;
  }
  if (parts.length === 2) {
    const [owner, attribute] = parts;
    const candidates = declarations.filter(
      (declaration) => declaration.binding?.name === attribute && declaration.binding.className !== undefined,
    );
    if (owner === 'self' || owner === 'cls') {
      const enclosing = ancestors(receiver).find((node) => node.type === 'class_definition');
      const inClass = candidates.filter((declaration) => declaration.binding?.scope === enclosing);
      return inClass.length === 1 ? inClass[0] : undefined;
    }
    const ofClass = candidates.filter((declaration) => declaration.binding?.className === owner);
    return ofClass.length === 1 ? ofClass[0] : undefined;
  }
  return undefined;
}

/** Whether a module-level name is assigned more than once (the metric it names cannot be told statically). */
function rebound(scope: PyNode, name: string): boolean {
  let count = 0;
  const body = scope.type === 'module' ? scope : field(scope, 'body');
  if (!body) return false;
  walk(body, (node) => {
    if (
      node !== body &&
      (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition')
    )
      return false;
    if (
      (node.type === 'assignment' || node.type === 'for_statement') &&
      targetNames(field(node, 'left')).includes(name)
    )
      count++;
    return undefined;
  });
  return count > 1;
}

/** Every prometheus_client declaration of a module, and the `.labels(...)` calls made on them in it. */
/**
 * Every prometheus_client declaration of a module, and the `.labels(...)` calls made in it on those and, when
 * `file` is given, on metrics the module imports from a project module (`from .metrics import REQUESTS`,
 * `from app import metrics` … `metrics.REQUESTS`), which are marked `foreign`.
 */
export function pythonMetrics(module: PyNode, imports: PythonImports, file?: string): PythonMetrics {
  const declarations: PythonMetricDeclaration[] = [];
  const labelCalls: PyNode[] = [];
  const importedCache = new Map<string, PythonMetricDeclaration | null>();
  const imported = (receiver: PyNode | undefined): PythonMetricDeclaration | undefined => {
    const dotted = dottedName(receiver);
    if (!file || !receiver || !dotted) return undefined;
    const first = dotted.split('.')[0];
    const shadowed = ancestors(receiver).some(
      (scope) => (scope.type === 'function_definition' || scope.type === 'lambda') && bindsName(scope, first),
    );
    const qualified = shadowed ? undefined : imports.qualify(dotted);
    const cut = qualified?.lastIndexOf('.') ?? -1;
    if (!qualified || cut <= 0 || qualified.startsWith('prometheus_client')) return undefined;
    let found = importedCache.get(qualified);
    if (found === undefined) {
      found = importedDeclaration(file, qualified.slice(0, cut), qualified.slice(cut + 1)) ?? null;
      importedCache.set(qualified, found);
    }
    return found ?? undefined;
  };
  walk(module, (node) => {
    if (node.type !== 'call') return;
    const kind = metricKindOf(node, imports);
    if (kind) declarations.push(readDeclaration(node, kind));
    else if (calleeMethod(node) === 'labels' && field(node, 'function')?.type === 'attribute') labelCalls.push(node);
  });
  const uses: PythonLabelUse[] = [];
  for (const call of labelCalls) {
    const receiver = field(field(call, 'function'), 'object');
    const metric = resolveReceiver(receiver, declarations) ?? imported(receiver);
    if (!metric) continue;
    const entries: PythonLabelEntry[] = [];
    positionalArguments(call).forEach((value, index) =>
      entries.push({ name: metric.labelNames?.[index], index, value, argument: value }),
    );
    for (const argument of keywordArgumentNodes(call)) {
      const value = field(argument, 'value');
      const name = field(argument, 'name')?.text;
      if (value && name) entries.push({ name, value, argument });
    }
    // `.labels(**{"path": p})`, `.labels(**labels)` with `labels = {...}` assigned once in the function.
    for (const splat of splatArguments(call)) {
      const dictionary = splat.type === 'dictionary_splat' ? splattedDictionary(splat.children[0]) : undefined;
      for (const pair of dictionary?.children ?? []) {
        const name = stringValue(field(pair, 'key'));
        const value = field(pair, 'value');
        if (pair.type === 'pair' && name !== undefined && value) entries.push({ name, value, argument: pair });
      }
    }
    uses.push({ call, metric, entries, opaque: splatArguments(call).length > 0 });
  }
  return { declarations, uses };
}

/** The dictionary literal a `**` argument spreads: written in place, or assigned once to the name in its scope. */
function splattedDictionary(expression: PyNode | undefined): PyNode | undefined {
  if (expression?.type === 'dictionary') return expression;
  if (expression?.type !== 'identifier') return undefined;
  const scope =
    ancestors(expression).find(
      (node) => (node.type === 'function_definition' || node.type === 'lambda') && bindsName(node, expression.text),
    ) ?? ancestors(expression).find((node) => node.type === 'module');
  const body = scope?.type === 'module' ? scope : field(scope, 'body');
  if (!body) return undefined;
  const values: PyNode[] = [];
  let other = false;
  walk(body, (node) => {
    if (
      node !== body &&
      (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition')
    )
      return false;
    if (
      (node.type === 'assignment' || node.type === 'augmented_assignment' || node.type === 'for_statement') &&
      targetNames(field(node, 'left')).includes(expression.text)
    ) {
      const right = field(node, 'right');
      if (node.type === 'assignment' && field(node, 'left')?.type === 'identifier' && right?.type === 'dictionary')
        values.push(right);
      else other = true;
    }
    return undefined;
  });
  return values.length === 1 && !other ? values[0] : undefined;
}

/** The module-level metric `name` of the project module `dotted` imported by `file`, if it is one. */
function importedDeclaration(file: string, dotted: string, name: string): PythonMetricDeclaration | undefined {
  const source = importedModule(file, dotted);
  if (!source?.text.includes('prometheus_client')) return undefined;
  const { module, imports } = source;
  const found: PythonMetricDeclaration[] = [];
  walk(module, (node) => {
    if (node.type !== 'call') return;
    const kind = metricKindOf(node, imports);
    if (!kind) return;
    const declaration = readDeclaration(node, kind);
    if (declaration.binding?.scope === module && declaration.binding.name === name) found.push(declaration);
  });
  return found.length === 1 && !rebound(module, name) ? { ...found[0], foreign: source.file } : undefined;
}

/** Whether the module imports prometheus_client (anything from it): the precondition of both metrics rules. */
export function importsPrometheus(imports: PythonImports): boolean {
  return imports.importsFrom('prometheus_client');
}
