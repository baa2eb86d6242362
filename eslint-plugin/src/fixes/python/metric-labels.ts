import type { PyNode } from '../../languages/python/nodes';
import type { PythonFix, PythonFixer, PythonSuggestion } from '../../languages/python/rule';
import { ancestors, field } from '../../languages/python/query';
import type { PythonUnbounded } from '../../analysis/python/cardinality';
import type { PythonLabelUse, PythonMetricDeclaration } from '../../analysis/python/prometheus';
import type { LabelFixId } from '../metric-labels';

export type PythonLabelSuggestion = PythonSuggestion<LabelFixId>;

/** The quote a string literal written at `node` must use: the other one inside an f-string (before Python 3.12). */
export function quoteAt(node: PyNode): string {
  const enclosing = ancestors(node).find((ancestor) => ancestor.type === 'string');
  const start = enclosing ? (field(enclosing, 'string_start') ?? enclosing.children[0]) : undefined;
  return start?.text.includes('"') ? "'" : '"';
}

/** Rewrites the text of a plain string literal, keeping its prefix and quotes. */
export function replaceStringContent(fixer: PythonFixer, node: PyNode, value: string): PythonFix | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.children.find((child) => child.type === 'string_start');
  const end = node.children.find((child) => child.type === 'string_end');
  if (!start || !end) return undefined;
  return fixer.replaceTextRange([start.range[1], end.range[0]], value);
}

/** Parents in which a conditional expression needs no parentheses. */
const OPEN_CONTEXTS = new Set([
  'argument_list',
  'keyword_argument',
  'pair',
  'list',
  'tuple',
  'set',
  'interpolation',
  'parenthesized_expression',
  'assignment',
  'return_statement',
  'expression_statement',
]);

/**
 * Removes one element of a list, tuple or argument list with its comma. A tuple left with one element keeps a
 * trailing comma (`("a")` would be a string, whose characters prometheus_client would take as label names).
 */
export function removeElement(fixer: PythonFixer, container: PyNode, element: PyNode): PythonFix {
  const items = container.children.filter((child) => child.type !== 'comment');
  const index = items.indexOf(element);
  if (container.type === 'tuple' && items.length === 2) {
    const remaining = items[1 - index];
    return fixer.replaceTextRange(container.range, `(${remaining.text},)`);
  }
  if (items.length === 1) {
    if (container.type === 'list' || container.type === 'tuple')
      return fixer.replaceTextRange(container.range, container.type === 'list' ? '[]' : '()');
    return fixer.removeRange(element.range);
  }
  if (index < items.length - 1) return fixer.removeRange([element.range[0], items[index + 1].range[0]]);
  // The last element goes with the comma before it; a trailing comma after it stays (`[\n  "a",\n  "b",\n]`).
  return fixer.removeRange([items[index - 1].range[1], element.range[1]]);
}

/**
 * Drops a label from a declaration's `labelnames` and from every `.labels(...)` call of the metric in this file;
 * a metric left without labels loses its `.labels(...)` calls too (prometheus_client refuses `.labels()` then).
 */
export function dropLabelFix(
  metric: PythonMetricDeclaration,
  label: string | undefined,
  uses: readonly PythonLabelUse[],
): PythonLabelSuggestion[] {
  const list = metric.labelNamesNode;
  const names = metric.labelNames;
  if (
    !list ||
    !names ||
    label === undefined ||
    metric.opaque ||
    metric.sharedLabelNames ||
    metric.foreign ||
    names.some((name) => name === undefined)
  )
    return [];
  const index = names.indexOf(label);
  const element = list.children.filter((child) => child.type !== 'comment')[index];
  if (index < 0 || !element || uses.some((use) => use.opaque)) return [];
  const last = names.length === 1;
  return [
    {
      messageId: 'dropLabel',
      data: { label, metric: metric.name?.value ?? metric.binding?.name ?? 'the metric', count: String(uses.length) },
      fix: (fixer) => {
        const fixes = [removeElement(fixer, list, element)];
        for (const use of uses) {
          if (last) {
            const receiver = field(field(use.call, 'function'), 'object');
            if (receiver) fixes.push(fixer.removeRange([receiver.range[1], use.call.range[1]]));
            continue;
          }
          const entry = use.entries.find((candidate) =>
            candidate.index !== undefined ? candidate.index === index : candidate.name === label,
          );
          const argumentList = field(use.call, 'arguments');
          if (entry && argumentList) fixes.push(removeElement(fixer, argumentList, entry.argument));
        }
        return fixes;
      },
    },
  ];
}

/** Replacements for an unbounded label value: the route template, "unmatched", the exception's class name. */
export function unboundedValueFixes(verdict: PythonUnbounded): PythonLabelSuggestion[] {
  const node = verdict.node;
  const q = quoteAt(node);
  const replaceWith = (replacement: string) => (fixer: PythonFixer) =>
    fixer.replaceTextRange(
      node.range,
      / if /.test(replacement) && !OPEN_CONTEXTS.has(node.parent?.type ?? '') ? `(${replacement})` : replacement,
    );
  if (verdict.reason === 'fallback') return [{ messageId: 'useUnmatched', fix: replaceWith(`${q}unmatched${q}`) }];
  if (verdict.reason === 'url' && verdict.requestBase && verdict.framework) {
    const base = verdict.requestBase.text;
    const unmatched = `${q}unmatched${q}`;
    let replacement: string;
    switch (verdict.framework) {
      case 'starlette':
        replacement = verdict.viaScope
          ? `getattr(${base}.get(${q}route${q}), ${q}path${q}, ${unmatched})`
          : `getattr(${base}.scope.get(${q}route${q}), ${q}path${q}, ${unmatched})`;
        break;
      case 'flask':
        replacement = `${base}.url_rule.rule if ${base}.url_rule else ${unmatched}`;
        break;
      case 'django':
        replacement = `${base}.resolver_match.route if ${base}.resolver_match else ${unmatched}`;
        break;
    }
    return [{ messageId: 'useRouteTemplate', data: { replacement }, fix: replaceWith(replacement) }];
  }
  if (verdict.reason === 'error-message' && verdict.exception) {
    const replacement = `type(${verdict.exception.text}).__name__`;
    return [{ messageId: 'useErrorName', data: { replacement }, fix: replaceWith(replacement) }];
  }
  return [];
}
