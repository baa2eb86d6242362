import type { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';

export const SOURCE = 'observability';

const docsUrls = new Map(
  Object.entries(plugin.rules as Record<string, { meta: { docs?: { url?: string } } }>).map(([id, rule]) => [
    `observability/${id}`,
    rule.meta.docs?.url,
  ]),
);

export function docsUrlOf(ruleId: string | null): string | undefined {
  return ruleId ? docsUrls.get(ruleId) : undefined;
}

/**
 * ESLint's 1-based lines and columns become LSP's 0-based positions. ESLint columns count UTF-16 code units,
 * as LSP does by default, so no conversion of characters is needed.
 */
export function toDiagnostic(message: Linter.LintMessage): Diagnostic {
  const line = Math.max(message.line - 1, 0);
  const character = Math.max(message.column - 1, 0);
  const endLine = message.endLine !== undefined ? Math.max(message.endLine - 1, 0) : line;
  const endCharacter = message.endColumn !== undefined ? Math.max(message.endColumn - 1, 0) : character;
  const href = docsUrlOf(message.ruleId);
  return {
    range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    message: message.message,
    ...(message.ruleId ? { code: message.ruleId } : {}),
    ...(href ? { codeDescription: { href } } : {}),
  };
}

/** Diagnostics for the messages the server shows: this plugin's rules, not parse errors (the compiler shows those). */
export function toDiagnostics(messages: readonly Linter.LintMessage[]): Diagnostic[] {
  return messages.filter((message) => !message.fatal && message.ruleId?.startsWith('observability/')).map(toDiagnostic);
}
