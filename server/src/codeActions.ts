import type { Linter } from 'eslint';
import { type CodeAction, CodeActionKind, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrlOf } from './diagnostics';
import { SERVER_COMMANDS } from './protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.observability`;
export const SHOW_DOCUMENTATION = SERVER_COMMANDS.showDocumentation;

function edit(document: TextDocument, edits: TextEdit[], version: number | null = document.version): WorkspaceEdit {
  // Versioned, so a client applies it only to the text it was computed for (null: a file that is not open).
  return { documentChanges: [{ textDocument: { uri: document.uri, version }, edits }] };
}

/** A workspace edit from offset edits (ESLint fixes, the plugin's refactorings). */
export function offsetEdit(
  document: TextDocument,
  changes: ReadonlyArray<{ range: readonly [number, number]; text: string }>,
  version: number | null = document.version,
): WorkspaceEdit {
  return edit(
    document,
    changes.map((change) => ({
      range: { start: document.positionAt(change.range[0]), end: document.positionAt(change.range[1]) },
      newText: change.text,
    })),
    version,
  );
}

/**
 * Whether a request's `only` filter admits actions of `kind` (kinds are dot-separated hierarchies). Without a
 * filter every kind but `source.*` is given: source actions (fix-all) run only when asked for.
 */
export function admits(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return !kind.startsWith(CodeActionKind.Source);
  return only.some((asked) =>
    asked === '' ? !kind.startsWith(CodeActionKind.Source) : kind === asked || kind.startsWith(`${asked}.`),
  );
}

/** Whether a message's lines meet the requested range. */
export function overlaps(message: Linter.LintMessage, range: Range): boolean {
  const start = message.line - 1;
  const end = (message.endLine ?? message.line) - 1;
  return start <= range.end.line && end >= range.start.line;
}

/** Quick fixes for the messages under `range`: each fix, each suggestion, disable for line / file, documentation. */
export function quickFixes(
  document: TextDocument,
  messages: readonly Linter.LintMessage[],
  range: Range,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const seenRules = new Set<string>();
  for (const message of messages) {
    if (message.fatal || !message.ruleId?.startsWith('observability/') || !overlaps(message, range)) continue;
    const rule = message.ruleId;
    if (message.fix) {
      actions.push({
        title: `Fix: ${message.message}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        edit: offsetEdit(document, [message.fix]),
      });
    }
    for (const suggestion of message.suggestions ?? []) {
      actions.push({
        title: suggestion.desc,
        kind: CodeActionKind.QuickFix,
        edit: offsetEdit(document, [suggestion.fix]),
      });
    }
    if (seenRules.has(rule)) continue;
    seenRules.add(rule);
    const line = message.line - 1;
    const indent =
      /^\s*/
        .exec(document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }))?.[0]
        .replace(/\r?\n$/, '') ?? '';
    actions.push({
      title: `Disable ${rule} for this line`,
      kind: CodeActionKind.QuickFix,
      edit: edit(document, [
        {
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          newText: `${indent}// eslint-disable-next-line ${rule}\n`,
        },
      ]),
    });
    const firstLine = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
    const top = firstLine.startsWith('#!') ? 1 : 0;
    actions.push({
      title: `Disable ${rule} for the entire file`,
      kind: CodeActionKind.QuickFix,
      edit: edit(document, [
        {
          range: { start: { line: top, character: 0 }, end: { line: top, character: 0 } },
          newText: `/* eslint-disable ${rule} */\n`,
        },
      ]),
    });
    const url = docsUrlOf(rule);
    if (url)
      actions.push({
        title: `Show documentation for ${rule}`,
        kind: CodeActionKind.QuickFix,
        command: { title: 'Show documentation', command: SHOW_DOCUMENTATION, arguments: [url] },
      });
  }
  return actions;
}

/** `source.fixAll.observability`: every autofix at once (suggestions are never applied without a choice). */
export function fixAllAction(document: TextDocument, fixed: string): CodeAction | undefined {
  const original = document.getText();
  if (fixed === original) return undefined;
  return {
    title: 'Fix all auto-fixable Observability Lint problems',
    kind: FIX_ALL_KIND,
    edit: edit(document, [
      { range: { start: document.positionAt(0), end: document.positionAt(original.length) }, newText: fixed },
    ]),
  };
}
