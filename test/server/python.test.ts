import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { open, serverLifecycle, startServer } from './session';

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
