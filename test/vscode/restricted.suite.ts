import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, eventually, ours, workspaceFile } from './helpers';

/** Runs in Restricted Mode: the same workspace, whose eslint.config.mjs must not be loaded. */
describe('Observability Lint in VS Code (Restricted Mode)', () => {
  it("runs the bundled configuration only: the workspace's eslint.config.mjs is not used", async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is not trusted');
    const login = workspaceFile('src', 'login.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(login));
    const extension = await activeExtension();
    assert.ok(extension.isActive, 'the extension runs in Restricted Mode (untrustedWorkspaces: limited)');
    const [diagnostic] = await eventually(
      () => (ours(login, 'no-pii-in-logs').length ? ours(login, 'no-pii-in-logs') : undefined),
      'a no-pii-in-logs diagnostic',
    );
    assert.equal(
      diagnostic.severity,
      vscode.DiagnosticSeverity.Error,
      'the bundled recommended severity (the project config says warn)',
    );
  });
});
