import type { Linter } from 'eslint';
import { isProjectFixRule, serviceProjectFix, type ProjectFix } from 'eslint-plugin-observability/project-fixes';
import { type CodeAction, CodeActionKind, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { overlaps } from './codeActions';
import type { EditableText } from './commands';

/**
 * A project fix (new files and edits of several files, for frameworks like Next.js whose fixes do not fit in one
 * file) as one workspace edit: files created, then filled, then the existing files edited, versioned when open.
 */
export function projectFixEdit(
  fix: ProjectFix,
  read: (filePath: string) => EditableText | undefined,
): WorkspaceEdit | undefined {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of fix.files) {
    const uri = pathToFileURL(file.file).toString();
    if (file.create !== undefined) {
      documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      documentChanges.push({
        textDocument: { uri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.create }],
      });
      continue;
    }
    const target = read(file.file);
    if (!target) return undefined;
    const document = TextDocument.create(target.uri, '', target.version ?? 0, target.text);
    const edits = (file.changes ?? []).map((change) => ({
      range: { start: document.positionAt(change.range[0]), end: document.positionAt(change.range[1]) },
      newText: change.text,
    }));
    documentChanges.push({ textDocument: { uri: target.uri, version: target.version }, edits });
  }
  return { documentChanges };
}

/**
 * Quick fixes for findings an ESLint suggestion cannot fix (their fix creates files): one per finding under
 * `range`, when the client can create files. `optionsOf` gives the options the rule ran with.
 */
export async function projectFixActions(
  filePath: string,
  messages: readonly Linter.LintMessage[],
  range: Range,
  read: (filePath: string) => EditableText | undefined,
  optionsOf: (ruleId: string) => Promise<Record<string, unknown>>,
): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  for (const message of messages) {
    if (
      !message.ruleId ||
      !isProjectFixRule(message.ruleId) ||
      message.suggestions?.length ||
      !overlaps(message, range)
    )
      continue;
    const fix = serviceProjectFix(
      filePath,
      message.ruleId,
      await optionsOf(message.ruleId.replace(/^observability\//, '')),
    );
    const edit = fix ? projectFixEdit(fix, read) : undefined;
    if (fix && edit) actions.push({ title: fix.description, kind: CodeActionKind.QuickFix, isPreferred: true, edit });
  }
  return actions;
}
