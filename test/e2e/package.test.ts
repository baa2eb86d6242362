import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers';

const VSCE = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
const MAX_BYTES = 8 * 1024 * 1024;

describe('the .vsix (npm run package)', function () {
  this.timeout(180_000);

  before(() => {
    const bundle = spawnSync(process.execPath, [path.join(repoRoot(), 'out', 'scripts', 'bundle.js')], {
      encoding: 'utf8',
    });
    assert.equal(bundle.status, 0, bundle.stderr);
  });

  it('holds only the bundles, the Python grammar, snippets, README, LICENSE and icon', () => {
    const listed = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], {
      cwd: repoRoot(),
      encoding: 'utf8',
    });
    assert.equal(listed.status, 0, listed.stderr);
    const files = listed.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(files, [
      'LICENSE',
      'README.md',
      'dist/extension.js',
      'dist/grammars/tree-sitter-python.wasm',
      'dist/grammars/web-tree-sitter.wasm',
      'dist/server.js',
      'images/icon.png',
      'package.json',
      'snippets/javascript.json',
      'snippets/python.json',
      'snippets/typescript.json',
    ]);
  });

  it('packages within 8 MB, and its server bundle runs without node_modules', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-vsix-'));
    try {
      const vsix = path.join(out, 'observability-lint.vsix');
      const packaged = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--out', vsix], {
        cwd: repoRoot(),
        encoding: 'utf8',
      });
      assert.equal(packaged.status, 0, packaged.stdout + packaged.stderr);
      const size = fs.statSync(vsix).size;
      console.log(`      .vsix: ${(size / 1024 / 1024).toFixed(2)} MB`);
      assert.ok(size <= MAX_BYTES, `${size} bytes`);
      // The server bundle alone, copied where no node_modules can be found, answers `initialize`.
      fs.copyFileSync(path.join(repoRoot(), 'dist', 'server.js'), path.join(out, 'server.js'));
      fs.cpSync(path.join(repoRoot(), 'dist', 'grammars'), path.join(out, 'grammars'), { recursive: true });
      const child = spawn(process.execPath, [path.join(out, 'server.js'), '--stdio'], {
        cwd: out,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const connection = createProtocolConnection(
        new StreamMessageReader(child.stdout),
        new StreamMessageWriter(child.stdin),
      );
      connection.listen();
      try {
        const answer = await connection.sendRequest<{ serverInfo?: { name?: string } }>('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
        });
        assert.equal(answer.serverInfo?.name, 'observability-lint-server');
        // Python too: the bundle finds the grammar's .wasm files next to it (dist/grammars in the .vsix).
        const published = new Promise<Array<{ code?: string }>>((resolve) =>
          connection.onNotification(
            'textDocument/publishDiagnostics',
            (params: { diagnostics: Array<{ code?: string }> }) => {
              if (params.diagnostics.length > 0) resolve(params.diagnostics);
            },
          ),
        );
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', {
          textDocument: {
            uri: pathToFileURL(path.join(out, 'auth.py')).toString(),
            languageId: 'python',
            version: 1,
            text: 'import logging\nlog = logging.getLogger(__name__)\n\ndef login(password):\n    log.info("login %s", password)\n',
          },
        });
        const diagnostics = await Promise.race([
          published,
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('no Python diagnostics from the bundle')), 30_000),
          ),
        ]);
        assert.deepEqual(
          diagnostics.map((diagnostic) => diagnostic.code),
          ['observability/no-pii-in-logs'],
        );
      } finally {
        connection.dispose();
        child.kill();
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
