import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { apply, messageText, open, serverLifecycle, startServer } from './session';

describe('language server: Python files (real JSON-RPC)', function () {
  this.timeout(60_000);
  const servers = serverLifecycle();

  it('lints a .py file with the Python grammar; a syntax error is left to the Python tooling, as parse errors in JavaScript are', async () => {
    const root = servers.removeAfterAll(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-python-')));
    fs.writeFileSync(path.join(root, 'requirements.txt'), 'fastapi\n');
    const uri = pathToFileURL(path.join(root, 'main.py')).toString();
    const session = servers.track(await startServer({ folders: [root] }));
    await open(session, 'from fastapi import FastAPI\napp = FastAPI(\n\ndef f(:\n    pass\n', 1, uri);
    const broken = await session.waitForDiagnostics((params) => params.uri === uri && params.version === 1);
    assert.deepEqual(broken.diagnostics, []);
    assert.deepEqual(
      session.logs.filter((log) => /failed/i.test(log.message)),
      [],
      'the server linted the file (no lint failure logged)',
    );
  });
});

const LEAKY_PY =
  'import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef login(email: str, password: str) -> None:\n    log.info("login attempt", extra={"email": email, "password": password})\n';

describe('language server: findings and quick fixes on Python (real JSON-RPC)', function () {
  this.timeout(60_000);
  const servers = serverLifecycle();

  function pythonProject(): { root: string; uri: string } {
    const root = servers.removeAfterAll(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-python-pii-')));
    fs.writeFileSync(path.join(root, 'requirements.txt'), 'fastapi\n');
    fs.mkdirSync(path.join(root, 'app'));
    return { root, uri: pathToFileURL(path.join(root, 'app', 'auth.py')).toString() };
  }

  it('publishes the Python findings and offers their quick fixes as code actions; applying one clears it', async () => {
    const { root, uri } = pythonProject();
    const session = servers.track(await startServer({ folders: [root] }));
    await open(session, LEAKY_PY, 1, uri);
    const published = await session.waitForDiagnostics((params) => params.uri === uri && params.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, messageText(d)]),
      [
        ['observability/no-pii-in-logs', 6, '`email` (personal contact data) is written to the log.'],
        ['observability/no-pii-in-logs', 6, '`password` (credential) is written to the log.'],
      ],
    );
    const password = published.diagnostics[1];
    const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: password.range,
      context: { diagnostics: [password] },
    });
    const remove = actions.find((action) => action.title === 'Remove `password` from the logged object.');
    assert.ok(remove, actions.map((action) => action.title).join(' | '));
    const fixed = apply(LEAKY_PY, remove.edit);
    assert.equal(fixed, LEAKY_PY.replace(', "password": password', ''));
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const after = await session.waitForDiagnostics((params) => params.uri === uri && params.version === 2);
    assert.deepEqual(
      after.diagnostics.map((d) => messageText(d)),
      ['`email` (personal contact data) is written to the log.'],
    );
  });

  it('applies the per-rule settings to Python: a rule turned off reports nothing, JavaScript-only settings are ignored', async () => {
    const { root, uri } = pythonProject();
    const session = servers.track(
      await startServer({
        folders: [root],
        settings: { rules: { 'no-pii-in-logs': 'off', 'require-span-end': 'error' } },
      }),
    );
    await open(session, LEAKY_PY, 1, uri);
    const published = await session.waitForDiagnostics((params) => params.uri === uri && params.version === 1);
    assert.deepEqual(published.diagnostics, []);
    assert.deepEqual(
      session.logs.filter((log) => /failed/i.test(log.message)),
      [],
    );
  });
});
