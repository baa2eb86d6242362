import * as path from 'node:path';
import type { Linter } from 'eslint';
import { appFilesOf } from 'eslint-plugin-observability/service-model';
import { wrapInTiming, type SourceEdit } from 'eslint-plugin-observability/refactors';
import { type CodeAction, CodeActionKind, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { serviceProjectFix } from 'eslint-plugin-observability/project-fixes';
import { offsetEdit } from './codeActions';
import { projectFixEdit } from './projectFixes';
import { INSERT_COMMAND_RULES, SERVER_COMMANDS } from './protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** How the server speaks of what each insert command adds; the command ids and their rules come from protocol.ts. */
const INSERTED: Readonly<Record<string, { what: string; present: string }>> = {
  [SERVER_COMMANDS.insertCorrelationId]: {
    what: 'request-ID middleware',
    present: 'already gets a request ID on every route',
  },
  [SERVER_COMMANDS.insertHealthEndpoints]: {
    what: 'health endpoints',
    present: 'already has liveness and readiness endpoints',
  },
  [SERVER_COMMANDS.insertRequestTiming]: { what: 'request timing', present: 'already times its requests' },
};

/** The service templates, inserted by the rule that asks for them (its first suggestion): one source for both. */
export const INSERT_COMMANDS: Readonly<Record<string, { rule: string; what: string; present: string }>> =
  Object.fromEntries(
    Object.entries(INSERT_COMMAND_RULES).map(([command, rule]) => {
      const wording = INSERTED[command];
      if (!wording) throw new Error(`commands.ts says nothing about ${command}: add its wording to INSERTED`);
      return [command, { rule, ...wording }];
    }),
  );
export const WRAP_IN_TIMING = SERVER_COMMANDS.wrapInTiming;

/** A text the server can edit: an open document (edits are versioned) or a file on disk. */
export interface EditableText {
  uri: string;
  filePath: string;
  text: string;
  /** The open document's version; null for a file that is not open. */
  version: number | null;
}

export type CommandOutcome =
  { edit: WorkspaceEdit; file: string; title: string } | { message: string; level: 'info' | 'warning' };

function workspaceEdit(target: EditableText, edits: readonly SourceEdit[]): WorkspaceEdit {
  return offsetEdit(TextDocument.create(target.uri, '', target.version ?? 0, target.text), edits, target.version);
}

/**
 * Insert correlation IDs, health endpoints or request timing: the file the command was run from when it creates an
 * app, else the files of its project that do. The edit is the rule's own first suggestion, so the command and the
 * quick fix insert the same code.
 */
export function planInsertion(
  command: string,
  from: string,
  read: (filePath: string) => EditableText | undefined,
  lint: (text: string, filePath: string, ruleId: string) => Linter.LintMessage[],
  canCreateFiles = true,
  ruleOptions: Record<string, unknown> = {},
): CommandOutcome {
  const spec = INSERT_COMMANDS[command];
  if (!spec) return { message: `Unknown command ${command}.`, level: 'warning' };
  const apps = appFilesOf(from);
  let unfixable: Linter.LintMessage | undefined;
  for (const file of [...new Set([from, ...apps])]) {
    const target = read(file);
    if (!target) continue;
    const messages = lint(target.text, file, spec.rule);
    const withSuggestion = messages.find((message) => message.suggestions?.length);
    if (withSuggestion) {
      const suggestion = withSuggestion.suggestions![0];
      return { edit: workspaceEdit(target, [suggestion.fix]), file, title: suggestion.desc };
    }
    unfixable ??= messages[0];
  }
  // Frameworks whose fix creates files (Next.js route files): the plugin's project fix, when the client can apply it.
  const project = canCreateFiles ? serviceProjectFix(from, spec.rule, ruleOptions) : undefined;
  const projectEdit = project ? projectFixEdit(project, read) : undefined;
  if (project && projectEdit) return { edit: projectEdit, file: from, title: project.description };
  if (unfixable) {
    const finding = unfixable.message.replace(/:.*$/s, '');
    return {
      message: `Observability Lint has no ${spec.what} template for this app (${finding}). Add it by hand; the rule's documentation shows what it looks for.`,
      level: 'warning',
    };
  }
  if (apps.length === 0)
    return {
      message: `No app is created in ${path.basename(from)} or in the other files of its project: open the file that creates the app.`,
      level: 'info',
    };
  return { message: `This service ${spec.present}.`, level: 'info' };
}

/** "Wrap in timing" on the awaited call under the selection; disabled with a reason when `timed()` is not reachable. */
export function wrapInTimingAction(
  target: EditableText,
  start: number,
  end: number,
  disabledSupport: boolean,
): CodeAction | undefined {
  const refactor = wrapInTiming(target.filePath, target.text, [start, end]);
  if (!refactor) return undefined;
  if (!refactor.available)
    return disabledSupport
      ? { title: refactor.title, kind: CodeActionKind.RefactorRewrite, disabled: { reason: refactor.reason } }
      : undefined;
  return { title: refactor.title, kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit(target, refactor.edits) };
}

/** The selection as offsets. */
export function offsetsOf(document: TextDocument, range: Range): [number, number] {
  return [document.offsetAt(range.start), document.offsetAt(range.end)];
}
