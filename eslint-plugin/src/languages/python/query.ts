import type { PyNode } from './nodes';

/** The child that fills `field` (tree-sitter's field names: `function`, `arguments`, `name`, `value`, `body`, …). */
export function field(node: PyNode | null | undefined, name: string): PyNode | undefined {
  return node?.children.find((child) => child.field === name);
}

/** Every child that fills `field`, for fields that repeat (`name` in `from x import a, b`). */
export function fieldAll(node: PyNode | null | undefined, name: string): PyNode[] {
  return node ? node.children.filter((child) => child.field === name) : [];
}

export function childOfType(node: PyNode | null | undefined, type: string): PyNode | undefined {
  return node?.children.find((child) => child.type === type);
}

/** Every node under `node` (itself included), depth first in source order; `enter` returning false skips a subtree. */
export function walk(node: PyNode, enter: (node: PyNode) => boolean | void): void {
  if (enter(node) === false) return;
  for (const child of node.children) walk(child, enter);
}

export function descendantsOfType(node: PyNode, types: string | ReadonlySet<string>): PyNode[] {
  const found: PyNode[] = [];
  walk(node, (each) => {
    if (typeof types === 'string' ? each.type === types : types.has(each.type)) found.push(each);
  });
  return found;
}

export function ancestors(node: PyNode): PyNode[] {
  const found: PyNode[] = [];
  for (let current = node.parent; current; current = current.parent) found.push(current);
  return found;
}

/** The innermost enclosing function definition, or undefined at module level. */
export function enclosingFunction(node: PyNode): PyNode | undefined {
  return ancestors(node).find((each) => each.type === 'function_definition' || each.type === 'lambda');
}

/**
 * The dotted name an expression spells: `log`, `logging.getLogger`, `self.logger.info`, `app.state.db`.
 * Undefined for anything else (calls, subscripts, literals).
 */
export function dottedName(node: PyNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(field(node, 'object'));
    const attribute = field(node, 'attribute');
    return object && attribute ? `${object}.${attribute.text}` : undefined;
  }
  return undefined;
}

/** The callee of a call: its dotted name when it has one (`logger.info`, `Counter`). */
export function calleeName(call: PyNode): string | undefined {
  return dottedName(field(call, 'function'));
}

/** The last part of a callee: `info` for `self.log.info(...)`, `Counter` for `prometheus_client.Counter(...)`. */
export function calleeMethod(call: PyNode): string | undefined {
  const callee = field(call, 'function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'attribute') return field(callee, 'attribute')?.text;
  return undefined;
}

/** A call's positional arguments (no keywords, no `*args`/`**kwargs`). */
export function positionalArguments(call: PyNode): PyNode[] {
  const list = field(call, 'arguments');
  if (!list || list.type !== 'argument_list') return [];
  return list.children.filter(
    (child) =>
      child.type !== 'keyword_argument' &&
      child.type !== 'list_splat' &&
      child.type !== 'dictionary_splat' &&
      child.type !== 'comment',
  );
}

/** A call's keyword arguments by name (`extra=`, `labelnames=`). */
export function keywordArguments(call: PyNode): Map<string, PyNode> {
  const found = new Map<string, PyNode>();
  const list = field(call, 'arguments');
  for (const child of list?.children ?? []) {
    if (child.type !== 'keyword_argument') continue;
    const name = field(child, 'name');
    const value = field(child, 'value');
    if (name && value) found.set(name.text, value);
  }
  return found;
}

export function keywordArgument(call: PyNode, name: string): PyNode | undefined {
  return keywordArguments(call).get(name);
}

/** The keyword_argument nodes themselves, for fixes that remove or rewrite one. */
export function keywordArgumentNodes(call: PyNode): PyNode[] {
  return field(call, 'arguments')?.children.filter((child) => child.type === 'keyword_argument') ?? [];
}

/** `**kwargs` and `*args` passed to a call. */
export function splatArguments(call: PyNode): PyNode[] {
  return (
    field(call, 'arguments')?.children.filter(
      (child) => child.type === 'list_splat' || child.type === 'dictionary_splat',
    ) ?? []
  );
}

export function isFString(node: PyNode): boolean {
  return node.type === 'string' && /^[a-zA-Z]*[fF][a-zA-Z]*["']/.test(node.text);
}

/** The expressions interpolated in an f-string, in order. */
export function interpolations(node: PyNode): PyNode[] {
  if (node.type !== 'string') return [];
  return node.children
    .filter((child) => child.type === 'interpolation')
    .flatMap((child) => {
      const expression = field(child, 'expression');
      return expression ? [expression] : [];
    });
}

/**
 * The value of a plain string literal (no interpolation; adjacent literals concatenated), or undefined. Escapes are
 * left as written: names and paths, which is what rules compare, have none.
 */
export function stringValue(node: PyNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.children.map(stringValue);
    return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string' || node.children.some((child) => child.type === 'interpolation')) return undefined;
  return node.children
    .filter((child) => child.type === 'string_content' || child.type === 'escape_sequence')
    .map((child) => child.text)
    .join('');
}

/** The decorators of a decorated function or class, outermost first. */
export function decoratorsOf(definition: PyNode): PyNode[] {
  const decorated = definition.parent?.type === 'decorated_definition' ? definition.parent : undefined;
  return decorated
    ? decorated.children.flatMap((child) => {
        if (child.type !== 'decorator') return [];
        const expression = child.children[0];
        return expression ? [expression] : [];
      })
    : [];
}

/** The definition a `decorated_definition` wraps, or the node itself. */
export function definitionOf(node: PyNode): PyNode {
  return node.type === 'decorated_definition' ? (field(node, 'definition') ?? node) : node;
}

/** The statements of a module or block, with decorated definitions unwrapped. */
export function statements(body: PyNode | undefined): PyNode[] {
  return body ? body.children.map(definitionOf) : [];
}

/**
 * The parameters of a function definition: each parameter node, the node naming it (`self`, `request`, `args` of
 * `*args`, `kwargs` of `**kwargs`) and its type annotation.
 */
export function parametersOf(
  definition: PyNode,
): Array<{ name: string; nameNode: PyNode; node: PyNode; annotation: PyNode | undefined }> {
  const parameters = field(definition, 'parameters');
  return (parameters?.children ?? []).flatMap((parameter) => {
    if (parameter.type === 'identifier')
      return [{ name: parameter.text, nameNode: parameter, node: parameter, annotation: undefined }];
    const name =
      field(parameter, 'name') ??
      parameter.children.find((child) => child.type === 'identifier') ??
      parameter.children.find(
        (child) => child.type === 'list_splat_pattern' || child.type === 'dictionary_splat_pattern',
      )?.children[0];
    return name ? [{ name: name.text, nameNode: name, node: parameter, annotation: field(parameter, 'type') }] : [];
  });
}

/** The parameter names of a function definition (`self`, `request`, `*args`, `**kwargs` as `args`, `kwargs`). */
export function parameterNames(definition: PyNode): string[] {
  return parametersOf(definition).map(({ name }) => name);
}

/** The indentation of the line `node` starts on. */
export function indentationOf(text: string, node: PyNode): string {
  const lineStart = text.lastIndexOf('\n', node.range[0] - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}
