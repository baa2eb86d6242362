import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'observability-lint.observability-lint';

export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run in a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls until `probe` returns a value (diagnostics arrive asynchronously from the server). */
export async function eventually<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function ours(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(
      (diagnostic) =>
        diagnostic.source === 'observability' && (!rule || codeOf(diagnostic) === `observability/${rule}`),
    );
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export async function activeExtension(): Promise<
  vscode.Extension<{ status?: { current: string }; activationMs?: number }>
> {
  const extension = vscode.extensions.getExtension<{ status?: { current: string }; activationMs?: number }>(
    EXTENSION_ID,
  );
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
  return extension;
}

/** Numbers the suite measures (activation time), written with the results for the runner to report. */
export const measurements: Record<string, number> = ((
  globalThis as { __observabilityMeasurements?: Record<string, number> }
).__observabilityMeasurements ??= {});

/**
 * With OBS_VSCODE_SHOWCASE set (the runner takes README screenshots), pauses until the runner has photographed the
 * workbench: the suite writes `<name>.ready`, the runner answers `<name>.done`.
 */
export async function showcase(name: string): Promise<void> {
  const dir = process.env.OBS_VSCODE_SHOWCASE;
  if (!dir) return;
  const fs = await import('node:fs');
  const path = await import('node:path');
  fs.writeFileSync(path.join(dir, `${name}.ready`), '');
  await eventually(
    () => (fs.existsSync(path.join(dir, `${name}.done`)) ? true : undefined),
    `screenshot ${name}`,
    20_000,
  );
}
