import type { PyNode } from '../../languages/python/nodes';
import type { PythonFix, PythonFixer, PythonSuggestion } from '../../languages/python/rule';
import { field, statements, stringValue } from '../../languages/python/query';
import { truncate } from '../../analysis/ast';
import type { Category } from '../../analysis/sensitive-names';
import { type PySinkCall, unwrap } from '../../analysis/python/loggers';
import { placeholderCount, type PyFinding } from '../../analysis/python/sensitive-flow';
import type { PyTelemetryValue } from '../../analysis/python/telemetry';

/** The suggestions the Python half of `no-pii-in-logs` offers (`removeKeyword` is Python's own). */
export type PythonPiiFixId =
  | 'removeProperty'
  | 'removeKeyword'
  | 'removeArgument'
  | 'wrapInRedactor'
  | 'logPresence'
  | 'logId'
  | 'stopSending'
  | 'sendPresence'
  | 'sendId';

/** Secrets whose presence is the useful fact: `bool(token)` keeps the signal without the secret (as in JavaScript). */
const PRESENCE_CATEGORIES: ReadonlySet<Category> = new Set(['credential', 'session', 'financial', 'government-id']);

/** Nodes a value passes through on its way into the call without changing what is written. */
const TRANSPARENT = new Set([
  'argument_list',
  'dictionary',
  'list',
  'tuple',
  'set',
  'interpolation',
  'string',
  'concatenated_string',
  'conditional_expression',
  'boolean_operator',
  'parenthesized_expression',
  'await',
  'list_splat',
]);
/** Calls that format their argument into the message: replacing the argument keeps the call meaningful. */
const FORMATTING_CALLS = /^(str|repr|format|dumps|pformat)$/;

/** The edits that take sensitive data out of a Python log call, in the call's idiom. */
export class PythonPiiFixes {
  constructor(
    private readonly text: string,
    private readonly module: PyNode,
    private readonly redactor: { name: string; import?: string } | undefined,
  ) {}

  suggestionsFor(call: PyNode, sink: PySinkCall, finding: PyFinding): PythonSuggestion<PythonPiiFixId>[] {
    const suggestions: PythonSuggestion<PythonPiiFixId>[] = [];
    const node = finding.node.parent?.type === 'await' ? finding.node.parent : finding.node;
    const subject = truncate(node.text, 40);
    const parent = node.parent;
    const list = field(call, 'arguments');

    if (
      parent?.type === 'pair' &&
      field(parent, 'value') === node &&
      insideCall(parent, call) &&
      !fillsNamedPlaceholders(parent, sink, list)
    ) {
      const key = field(parent, 'key');
      suggestions.push({
        messageId: 'removeProperty',
        data: { key: stringValue(key) ?? key?.text ?? subject },
        fix: (fixer) => removeListItem(fixer, this.text, parent),
      });
    } else if (
      parent?.type === 'dictionary_splat' &&
      parent.parent?.type === 'dictionary' &&
      insideCall(parent, call)
    ) {
      suggestions.push({
        messageId: 'removeProperty',
        data: { key: `**${subject}` },
        fix: (fixer) => removeListItem(fixer, this.text, parent),
      });
    } else if (sink.library === 'wrapper') {
      // The wrapper's own parameters: removing an argument would shift or drop one it needs.
    } else if (parent?.type === 'keyword_argument' && parent.parent === list) {
      const key = field(parent, 'name')?.text ?? subject;
      suggestions.push({
        messageId: 'removeKeyword',
        data: { key },
        fix: (fixer) => removeListItem(fixer, this.text, parent),
      });
    } else if ((parent?.type === 'dictionary_splat' || parent?.type === 'list_splat') && parent.parent === list) {
      const splat = parent;
      suggestions.push({
        messageId: 'removeArgument',
        data: { subject: truncate(splat.text, 40) },
        fix: (fixer) => removeListItem(fixer, this.text, splat),
      });
    } else if (parent === list && this.argumentCanGo(node, sink)) {
      suggestions.push({
        messageId: 'removeArgument',
        data: { subject },
        fix: (fixer) => removeListItem(fixer, this.text, node),
      });
    }

    if (!isDirectlyLogged(node, call) || parent?.type === 'list_splat' || parent?.type === 'dictionary_splat')
      return suggestions;
    if ((finding.kind === 'fields' || finding.kind === 'record') && finding.idOf) {
      const base = finding.idOf.text;
      suggestions.push({
        messageId: 'logId',
        data: { subject: truncate(base, 40) },
        fix: (fixer) => fixer.replaceTextRange(node.range, `${base}.id`),
      });
    }
    if (finding.kind === 'value' && PRESENCE_CATEGORIES.has(finding.category)) {
      suggestions.push({
        messageId: 'logPresence',
        data: { subject },
        // `"token: " + token` needs text: `bool()` is printed with `str()` there.
        fix: (fixer) =>
          fixer.replaceTextRange(
            node.range,
            concatenated(node, call) ? `str(bool(${node.text}))` : `bool(${node.text})`,
          ),
      });
    }
    const wrap = this.wrapInRedactor(node, subject);
    if (wrap) suggestions.push(wrap);
    return suggestions;
  }

  /**
   * The edits that take sensitive data out of a span, baggage or Sentry call: stop sending it (the statement, the
   * argument or the dict entry), send its presence or its id, or redact it. `slot` is the value it was found in.
   */
  telemetrySuggestionsFor(
    call: PyNode,
    finding: PyFinding,
    slot: PyTelemetryValue,
    target: string,
  ): PythonSuggestion<PythonPiiFixId>[] {
    const suggestions: PythonSuggestion<PythonPiiFixId>[] = [];
    const node = finding.node.parent?.type === 'await' ? finding.node.parent : finding.node;
    const subject = truncate(node.text, 40);
    const wholeSlot = unwrap(slot.value) === unwrap(node);
    const parent = node.parent;
    const removal = slot.removal;
    if (wholeSlot && removal) {
      const named = removal.type === 'keyword_argument' ? (field(removal, 'name')?.text ?? subject) : subject;
      suggestions.push({
        messageId: 'stopSending',
        data: { subject: named, target },
        fix: (fixer) =>
          removal.type === 'expression_statement'
            ? removeStatement(fixer, this.text, removal)
            : removeListItem(fixer, this.text, removal),
      });
    } else if (parent?.type === 'pair' && field(parent, 'value') === node && insideCall(parent, call)) {
      const key = field(parent, 'key');
      suggestions.push({
        messageId: 'stopSending',
        data: { subject: stringValue(key) ?? key?.text ?? subject, target },
        fix: (fixer) => removeListItem(fixer, this.text, parent),
      });
    }
    if (!isDirectlyLogged(node, call)) return suggestions;
    const objectSlot = slot.objectSlot && wholeSlot;
    if ((finding.kind === 'fields' || finding.kind === 'record') && finding.idOf) {
      const base = finding.idOf.text;
      suggestions.push({
        messageId: 'sendId',
        data: { subject: truncate(base, 40) },
        fix: (fixer) => fixer.replaceTextRange(node.range, objectSlot ? `{"id": ${base}.id}` : `${base}.id`),
      });
    }
    if (!objectSlot && finding.kind === 'value' && PRESENCE_CATEGORIES.has(finding.category)) {
      suggestions.push({
        messageId: 'sendPresence',
        data: { subject },
        fix: (fixer) =>
          fixer.replaceTextRange(
            node.range,
            concatenated(node, call) ? `str(bool(${node.text}))` : `bool(${node.text})`,
          ),
      });
    }
    const wrap = this.wrapInRedactor(node, subject);
    if (wrap) suggestions.push(wrap);
    return suggestions;
  }

  /**
   * A positional argument can go when nothing formats it: every argument of `print`, and arguments beyond the
   * message's placeholders (`log.info("done", token)`); never the message, never one a `%s` takes.
   */
  private argumentCanGo(node: PyNode, sink: PySinkCall): boolean {
    if (sink.library === 'print' || sink.library === 'stdio') return sink.positional.length > 1;
    if (!sink.message || node === sink.message) return false;
    const index = sink.positional.indexOf(node) - sink.positional.indexOf(sink.message) - 1;
    const placeholders = placeholderCount(sink.message, sink.style);
    return placeholders !== undefined && index >= placeholders;
  }

  /** `redact(x)` when the `redactor` option names a module to import it from, or the module has one. */
  private wrapInRedactor(node: PyNode, subject: string): PythonSuggestion<PythonPiiFixId> | undefined {
    const name = this.redactor?.name ?? 'redact';
    const from = this.redactor?.import;
    const importable = from !== undefined && /^\.*[A-Za-z_][\w.]*$/.test(from);
    const present = this.definesOrImports(name);
    if (!importable && !present) return undefined;
    return {
      messageId: 'wrapInRedactor',
      data: { subject, redactor: name },
      fix: (fixer) => {
        const fixes: PythonFix[] = [fixer.replaceTextRange(node.range, `${name}(${node.text})`)];
        if (!present && importable) fixes.push(this.insertImport(fixer, `from ${from} import ${name}`));
        return fixes;
      },
    };
  }

  private definesOrImports(name: string): boolean {
    for (const statement of statements(this.module)) {
      if (
        (statement.type === 'function_definition' || statement.type === 'class_definition') &&
        field(statement, 'name')?.text === name
      )
        return true;
      if (statement.type === 'import_from_statement' || statement.type === 'import_statement') {
        for (const imported of statement.children) {
          if (imported.field !== 'name') continue;
          const bound = imported.type === 'aliased_import' ? field(imported, 'alias')?.text : imported.text;
          if (bound === name) return true;
        }
      }
    }
    return false;
  }

  /** After the last top-level import, else after the docstring and `from __future__` imports, else at the top. */
  private insertImport(fixer: PythonFixer, line: string): PythonFix {
    const top = this.module.children;
    let anchor: PyNode | undefined;
    for (const statement of top) {
      const isDocstring =
        statement === top[0] && statement.type === 'expression_statement' && statement.children[0]?.type === 'string';
      if (
        isDocstring ||
        statement.type === 'import_statement' ||
        statement.type === 'import_from_statement' ||
        statement.type === 'future_import_statement'
      )
        anchor = statement;
      else if (anchor) break;
    }
    if (anchor) return fixer.insertTextAfterRange(anchor.range, `\n${line}`);
    return fixer.insertTextBeforeRange([0, 0], `${line}\n`);
  }
}

/** Whether `node` is an operand of `+` on its way into the call (string concatenation). */
function concatenated(node: PyNode, call: PyNode): boolean {
  for (let current = node.parent; current && current !== call; current = current.parent) {
    if (current.type === 'binary_operator' && current.operator === '+') return true;
    if (current.type !== 'parenthesized_expression') return false;
  }
  return false;
}

/** `log.info("to %(email)s", {"email": e})`: the message needs every key of the mapping it formats with. */
function fillsNamedPlaceholders(pair: PyNode, sink: PySinkCall, list: PyNode | undefined): boolean {
  const mapping = pair.parent;
  return (
    mapping?.type === 'dictionary' &&
    mapping.parent === list &&
    sink.style === 'percent' &&
    /%\(/.test(stringValue(sink.message) ?? '')
  );
}

function insideCall(node: PyNode, call: PyNode): boolean {
  return node.range[0] >= call.range[0] && node.range[1] <= call.range[1];
}

/** Whether `node` reaches the call only through containers, f-strings, `+`/`%` formatting and formatting calls. */
function isDirectlyLogged(node: PyNode, call: PyNode): boolean {
  let current = node;
  while (current.parent && current !== call) {
    const parent: PyNode = current.parent;
    if (parent === call) return true;
    if (TRANSPARENT.has(parent.type)) {
      current = parent;
      continue;
    }
    switch (parent.type) {
      case 'keyword_argument':
      case 'pair':
        if (field(parent, 'value') !== current) return false;
        break;
      case 'binary_operator':
        if (parent.operator !== '+' && parent.operator !== '%') return false;
        break;
      case 'call': {
        const callee = field(parent, 'function');
        const name = callee?.type === 'attribute' ? field(callee, 'attribute')?.text : callee?.text;
        if (callee === current || !FORMATTING_CALLS.test(name ?? '')) return false;
        break;
      }
      default:
        return false;
    }
    current = parent;
  }
  return current === call;
}

/** Deletes a statement with its line; the only statement of a block becomes `pass`, so the block stays valid. */
function removeStatement(fixer: PythonFixer, text: string, statement: PyNode): PythonFix {
  const block = statement.parent;
  if (block?.type === 'block' && block.children.length === 1) return fixer.replaceTextRange(statement.range, 'pass');
  let start = statement.range[0];
  let after = statement.range[1];
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const aloneOnLine =
    (start === 0 || text[start - 1] === '\n') &&
    (after === text.length || text[after] === '\n' || text[after] === '\r');
  if (!aloneOnLine) {
    // `span.set_attribute(k, v); x = 1`: its `;` goes with it.
    const separator = /^\s*;[ \t]*/.exec(text.slice(statement.range[1]));
    return fixer.removeRange([statement.range[0], statement.range[1] + (separator?.[0].length ?? 0)]);
  }
  if (text[after] === '\r') after++;
  if (text[after] === '\n') after++;
  else if (start > 0) start--;
  return fixer.removeRange([start, after]);
}

/** Removes an item of an argument list or dict with its separator, so the rest stays valid Python. */
function removeListItem(fixer: PythonFixer, text: string, item: PyNode): PythonFix {
  const siblings = (item.parent?.children ?? []).filter((child) => child.type !== 'comment');
  const index = siblings.indexOf(item);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return fixer.removeRange([item.range[0], next.range[0]]);
  if (previous) return fixer.removeRange([previous.range[1], item.range[1]]);
  // The only item: its trailing comma goes with it.
  let end = item.range[1];
  const after = /^\s*,/.exec(text.slice(end));
  if (after) end += after[0].length;
  return fixer.removeRange([item.range[0], end]);
}
