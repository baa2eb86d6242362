import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers';

const EDITS = Number(process.env.FUZZ_EDITS ?? 10_000);
const JUNK = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '`',
  '${',
  "'",
  '"',
  '/*',
  '*/',
  '//',
  '\u0000',
  '\uFFFF',
  '\u2028',
  '=>',
  ';',
  'logger.info(',
  'req.body',
  '\n',
  '😀',
  '\\',
];

/** A small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('language server fuzz: 10,000 random edits on real files', function () {
  this.timeout(180_000);

  it('stays alive, answers every request, and reports no unhandled rejection', async () => {
    const file = path.join(repoRoot(), 'examples', 'express-service', 'src', 'routes', 'auth.ts');
    const original = fs.readFileSync(file, 'utf8');
    let text = original;
    const uri = pathToFileURL(file).toString();
    const child = spawn(
      process.execPath,
      [path.join(repoRoot(), 'server', 'bin', 'observability-lint-server.js'), '--stdio'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const errors: string[] = [];
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1 || /Unhandled rejection/.test(params.message)) errors.push(params.message);
    });
    connection.onNotification('textDocument/publishDiagnostics', () => undefined);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true } },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });

    const next = random(20261121);
    const offsetToPosition = (offset: number): { line: number; character: number } => {
      const before = text.slice(0, offset);
      const line = before.split('\n').length - 1;
      return { line, character: offset - (before.lastIndexOf('\n') + 1) };
    };
    let answered = 0;
    for (let version = 2; version <= EDITS + 1; version++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + (next() < 0.5 ? 0 : Math.floor(next() * 20)));
      // Deletions outweigh junk insertions; whenever the text gets short, a slice of the real file goes back in.
      const refill =
        text.length < original.length / 2
          ? original.slice(Math.floor((next() * original.length) / 2), original.length)
          : '';
      const insert =
        refill ||
        (next() < 0.3
          ? ''
          : Array.from({ length: 1 + Math.floor(next() * 4) }, () => JUNK[Math.floor(next() * JUNK.length)]).join(''));
      const range = { start: offsetToPosition(start), end: offsetToPosition(end) };
      text = text.slice(0, start) + insert + text.slice(end);
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text: insert }],
      });
      if (version % 250 === 0) {
        // A request forces a lint of the current (broken) text; every one must be answered.
        const actions = await connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: offsetToPosition(text.length) },
          context: { diagnostics: [] },
        });
        assert.ok(Array.isArray(actions));
        answered++;
        if (process.env.FUZZ_TRACE) console.log('answered', answered, 'at version', version, 'length', text.length);
      }
    }
    assert.equal(answered, EDITS / 250);
    // Still serving after everything.
    const final = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(Array.isArray(final));
    assert.deepEqual(errors, [], 'no errors or unhandled rejections logged');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    child.kill();
    assert.doesNotMatch(stderr, /Unhandled|TypeError|RangeError/, stderr.slice(0, 2000));
  });
});
