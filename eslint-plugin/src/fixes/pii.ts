import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findVariable, truncate } from '../analysis/ast';
import { formatRedactPath, type SinkCall } from '../analysis/loggers';
import type { Finding } from '../analysis/sensitive-flow';
import type { Category } from '../analysis/sensitive-names';
import type { TelemetryValue } from '../analysis/telemetry-sinks';
import { importFixes, importTargetOf } from './imports';
import { removeListItem } from './list-items';
import { addPinoRedactPaths } from './pino-redact';

/** The suggestions `no-pii-in-logs` offers, by message id. */
export type PiiFixId =
  | 'removeProperty'
  | 'removeArgument'
  | 'wrapInRedactor'
  | 'logPresence'
  | 'logId'
  | 'logRequestLine'
  | 'addRedactPath'
  | 'stopSending'
  | 'sendPresence'
  | 'sendId';
export type PiiSuggestion = TSESLint.SuggestionReportDescriptor<PiiFixId>;

/** Secrets whose presence is the useful fact: logging `Boolean(token)` keeps the signal without the secret. */
const PRESENCE_CATEGORIES: ReadonlySet<Category> = new Set(['credential', 'session', 'financial', 'government-id']);

/** The edits that take sensitive data out of a log call, in the idiom of the call and of its logger. */
export class PiiFixes {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly filename: string,
    /** The project's redaction helper (`redact` when none is configured and one is in scope). */
    private readonly redactor: { name: string; import?: string } | undefined,
  ) {}

  /** The edits for `finding` in `call`: drop it, log its id or presence, redact it, or add a pino redact path. */
  suggestionsFor(
    call: TSESTree.CallExpression,
    sink: SinkCall | undefined,
    finding: Finding,
    mergingObject: boolean,
  ): PiiSuggestion[] {
    const suggestions: PiiSuggestion[] = [];
    // `await getToken()`, `user!`: edits apply to the whole expression as written.
    const node = outermostWrapper(finding.node);
    const text = this.sourceCode.getText(node);
    // Inside `_.omit(user, …)` or `user.slice()`, replacing `user` would change what the call receives.
    const replaceable = isDirectlyLogged(node, call);
    const subject = truncate(text, 40);
    const container = containerInCall(node, call);

    if (container?.type === AST_NODE_TYPES.Property) {
      const keyText = container.computed
        ? this.sourceCode.getText(container.key)
        : this.sourceCode.getText(container.key).replace(/^['"]|['"]$/g, '');
      suggestions.push({
        messageId: 'removeProperty',
        data: { key: keyText },
        fix: (fixer) => removeListItem(fixer, this.sourceCode, container),
      });
    } else if (container?.type === AST_NODE_TYPES.SpreadElement) {
      suggestions.push({
        messageId: 'removeProperty',
        data: { key: `...${subject}` },
        fix: (fixer) => removeListItem(fixer, this.sourceCode, container),
      });
    } else if (node.parent === call && call.arguments.length > 1) {
      suggestions.push({
        messageId: 'removeArgument',
        data: { subject },
        fix: (fixer) => removeListItem(fixer, this.sourceCode, node),
      });
    }

    if (!replaceable) return suggestions;
    if (
      (finding.kind === 'fields' || finding.kind === 'record') &&
      finding.hasId &&
      (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression)
    ) {
      suggestions.push({
        messageId: 'logId',
        data: { subject },
        fix: (fixer) => this.replaceValue(fixer, node, `${text}.id`, `${idKeyFor(node, text)}`),
      });
    }
    if (finding.kind === 'request' && node.type === AST_NODE_TYPES.Identifier && /^(req|request)$/.test(node.name)) {
      suggestions.push({
        messageId: 'logRequestLine',
        fix: (fixer) => this.replaceValue(fixer, node, `{ method: ${text}.method, url: ${text}.url }`),
      });
    }
    if (finding.kind === 'value' && PRESENCE_CATEGORIES.has(finding.category) && !isSpreadArgument(node)) {
      suggestions.push({
        messageId: 'logPresence',
        data: { subject },
        fix: (fixer) => this.replaceValue(fixer, node, `Boolean(${text})`),
      });
    }
    const wrap = this.wrapInRedactor(node, text, subject);
    if (wrap) suggestions.push(wrap);
    const pinoCall = sink?.logger.library === 'pino' ? sink.logger.pinoCall : undefined;
    if (pinoCall && mergingObject && finding.keys && finding.keys.length + (finding.fields ? 1 : 0) > 0) {
      const keys = finding.keys;
      const paths = finding.fields
        ? finding.fields.map((field) => formatRedactPath([...keys, field.name]))
        : [formatRedactPath(keys)];
      const fixable = paths.length > 0;
      if (fixable) {
        const listed = paths.map((path) => `'${path}'`).join(', ');
        // Only offered when the edit is one we can make safely; `addPinoRedactPaths` returns undefined otherwise.
        const probe = addPinoRedactPaths(probeFixer, this.sourceCode, pinoCall, paths);
        if (probe)
          suggestions.push({
            messageId: 'addRedactPath',
            data: { paths: listed },
            fix: (fixer) => addPinoRedactPaths(fixer, this.sourceCode, pinoCall, paths) ?? [],
          });
      }
    }
    return suggestions;
  }

  /**
   * The edits that take sensitive data out of a span, baggage or Sentry call: stop sending it (its property, an
   * optional argument, or the whole statement), send its presence or its id, or redact it. No pino redact paths.
   * `slot` is the value of the call the finding is in; undefined when it was passed through a local wrapper.
   */
  telemetrySuggestionsFor(
    call: TSESTree.CallExpression,
    finding: Finding,
    slot: TelemetryValue | undefined,
    target: string,
  ): PiiSuggestion[] {
    const suggestions: PiiSuggestion[] = [];
    const node = outermostWrapper(finding.node);
    const text = this.sourceCode.getText(node);
    const subject = truncate(text, 40);
    const wholeSlot = slot !== undefined && outermostWrapper(slot.value) === node;
    const container = containerInCall(node, call);
    const removal = wholeSlot ? slot.removal : container;
    if (removal) {
      const named =
        removal.type === AST_NODE_TYPES.Property
          ? this.keyText(removal)
          : removal.type === AST_NODE_TYPES.SpreadElement
            ? `...${subject}`
            : subject;
      suggestions.push({
        messageId: 'stopSending',
        data: { subject: named, target },
        fix: (fixer) =>
          removal.type === AST_NODE_TYPES.ExpressionStatement
            ? removeStatement(fixer, this.sourceCode, removal)
            : removeListItem(fixer, this.sourceCode, removal),
      });
    }
    if (!isDirectlyLogged(node, call)) return suggestions;
    // `setUser(user)`, `setContext('user', user)` take an object: `{ id: user.id }`, never `Boolean(user)`.
    const objectSlot = slot?.objectSlot === true && fillsSlot(node, slot.value);
    if (
      (finding.kind === 'fields' || finding.kind === 'record') &&
      finding.hasId &&
      (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression)
    ) {
      const replacement = objectSlot ? `{ id: ${text}.id }` : `${text}.id`;
      suggestions.push({
        messageId: 'sendId',
        data: { subject },
        fix: (fixer) => this.replaceValue(fixer, node, replacement, idKeyFor(node, text)),
      });
    }
    if (
      !objectSlot &&
      finding.kind === 'value' &&
      PRESENCE_CATEGORIES.has(finding.category) &&
      !isSpreadArgument(node)
    ) {
      suggestions.push({
        messageId: 'sendPresence',
        data: { subject },
        fix: (fixer) => this.replaceValue(fixer, node, `Boolean(${text})`),
      });
    }
    const wrap = this.wrapInRedactor(node, text, subject);
    if (wrap) suggestions.push(wrap);
    return suggestions;
  }

  /** `redact(x)` when the `redactor` option names a helper to import, or a `redact` function is in scope. */
  private wrapInRedactor(node: TSESTree.Node, text: string, subject: string): PiiSuggestion | undefined {
    const redactor = this.redactor;
    if (isSpreadArgument(node) || !(redactor?.import !== undefined || this.isInScope(node, redactor?.name ?? 'redact')))
      return undefined;
    const name = redactor?.name ?? 'redact';
    return {
      messageId: 'wrapInRedactor',
      data: { subject, redactor: name },
      fix: (fixer) => {
        const imports = redactor?.import !== undefined ? [{ module: redactor.import, named: [name] }] : [];
        return [
          this.replaceValue(fixer, node, `${name}(${text})`),
          ...importFixes(fixer, this.sourceCode, importTargetOf(this.sourceCode, this.filename), imports),
        ];
      },
    };
  }

  private keyText(property: TSESTree.Property): string {
    return property.computed
      ? this.sourceCode.getText(property.key)
      : this.sourceCode.getText(property.key).replace(/^['"]|['"]$/g, '');
  }

  private isInScope(node: TSESTree.Node, name: string): boolean {
    const variable = findVariable(this.sourceCode.getScope(node), name);
    return variable !== undefined && variable.defs.length > 0;
  }

  private replaceValue(
    fixer: TSESLint.RuleFixer,
    node: TSESTree.Node,
    replacement: string,
    shorthandKey?: string,
  ): TSESLint.RuleFix {
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
      return fixer.replaceText(parent, `${shorthandKey ?? this.sourceCode.getText(parent.key)}: ${replacement}`);
    }
    return fixer.replaceText(node, replacement);
  }
}

/** The property, spread or argument of the log call that directly holds `node`, when there is one. */
function containerInCall(
  node: TSESTree.Node,
  call: TSESTree.CallExpression,
): TSESTree.Property | TSESTree.SpreadElement | undefined {
  const parent = node.parent;
  if (!parent || parent.range[0] < call.range[0] || parent.range[1] > call.range[1]) return undefined;
  if (
    parent.type === AST_NODE_TYPES.Property &&
    parent.value === node &&
    parent.parent.type === AST_NODE_TYPES.ObjectExpression
  )
    return parent;
  if (parent.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression)
    return parent;
  return undefined;
}

const WRAPPERS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);

function outermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** Calls that format their arguments into the message: replacing an argument keeps the call meaningful. */
const FORMATTING_CALLS = new Set(['format', 'formatWithOptions', 'stringify', 'String', 'inspect']);

/** True when `node` reaches the log call only through literals, templates, `+` and formatting calls. */
function isDirectlyLogged(node: TSESTree.Node, call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.parent && current !== call) {
    const parent: TSESTree.Node = current.parent;
    if (parent === call) return true;
    switch (parent.type) {
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        break;
      case AST_NODE_TYPES.Property:
        if (parent.value !== current) return false;
        break;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== '+') return false;
        break;
      case AST_NODE_TYPES.CallExpression: {
        const callee = parent.callee.type === AST_NODE_TYPES.MemberExpression ? parent.callee.property : parent.callee;
        if (
          parent.callee === current ||
          callee.type !== AST_NODE_TYPES.Identifier ||
          !FORMATTING_CALLS.has(callee.name)
        )
          return false;
        break;
      }
      default:
        if (!WRAPPERS.has(parent.type)) return false;
    }
    current = parent;
  }
  return current === call;
}

/** Whether `node` is what a call's parameter receives: the value itself, or a branch of `a ?? b`, `c ? a : b`. */
function fillsSlot(node: TSESTree.Node, slotValue: TSESTree.Node): boolean {
  const target = outermostWrapper(slotValue);
  let current = node;
  while (current !== target) {
    const parent = current.parent;
    const branch =
      parent?.type === AST_NODE_TYPES.LogicalExpression ||
      (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current);
    if (!parent || !(branch || WRAPPERS.has(parent.type))) return false;
    current = parent;
  }
  return true;
}

/** Deletes a statement with its line when it stands alone on it, so no blank line is left behind. */
function removeStatement(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: TSESTree.Node,
): TSESLint.RuleFix {
  const text = sourceCode.text;
  let start = statement.range[0];
  let end = statement.range[1];
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const aloneOnLine =
    (start === 0 || text[start - 1] === '\n') &&
    (after === text.length || text[after] === '\n' || text[after] === '\r');
  if (!aloneOnLine) return fixer.remove(statement);
  if (text[after] === '\r') after++;
  if (text[after] === '\n') after++;
  else if (start > 0) start--; // the last line: take the newline before it instead
  end = after;
  return fixer.removeRange([start, end]);
}

function isSpreadArgument(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.SpreadElement;
}

function idKeyFor(node: TSESTree.Node, text: string): string {
  return node.type === AST_NODE_TYPES.Identifier ? `${node.name}Id` : `${text.split('.').pop()}Id`;
}

/** A fixer whose results are thrown away: used to ask whether a fix can be built before offering it. */
const probeFixer: TSESLint.RuleFixer = {
  insertTextAfter: (_n, text) => ({ range: [0, 0], text }),
  insertTextAfterRange: (range, text) => ({ range, text }),
  insertTextBefore: (_n, text) => ({ range: [0, 0], text }),
  insertTextBeforeRange: (range, text) => ({ range, text }),
  remove: () => ({ range: [0, 0], text: '' }),
  removeRange: (range) => ({ range, text: '' }),
  replaceText: (_n, text) => ({ range: [0, 0], text }),
  replaceTextRange: (range, text) => ({ range, text }),
};
