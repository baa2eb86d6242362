import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { fixturePath } from '../helpers';
import { codeActionsAt, open, serverLifecycle, type Session, startServerIn } from './session';

/** The Next.js fixture service in a temporary directory (its own project, package.json with prom-client). */
function nextService(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-next-'));
  fs.cpSync(fixturePath('run-services', 'next-ts'), root, { recursive: true });
  return root;
}

/** Applies a workspace edit to disk the way a client does: create, then the text edits (all inserts or replaces). */
function applyToDisk(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      const file = fileURLToPath(change.uri);
      assert.ok(!fs.existsSync(file), `creates ${file} only when it does not exist`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
      touched.push(file);
      continue;
    }
    const documentEdit = change;
    const file = fileURLToPath(documentEdit.textDocument.uri);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const offset = (position: { line: number; character: number }): number =>
      lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
    const edits = documentEdit.edits.map((e) => ({
      start: offset(e.range.start),
      end: offset(e.range.end),
      text: (e as TextEdit).newText,
    }));
    let next = text;
    for (const e of [...edits].sort((a, b) => b.start - a.start))
      next = next.slice(0, e.start) + e.text + next.slice(e.end);
    fs.writeFileSync(file, next);
    touched.push(file);
  }
  return touched;
}

describe('language server: project fixes that create files (Next.js), over real JSON-RPC', function () {
  this.timeout(60_000);
  const servers = serverLifecycle();
  let session: Session | undefined;

  it('offers a quick fix that creates lib/observability.ts and wraps every route; applied, the finding goes away', async () => {
    const root = nextService();
    servers.removeAfterAll(root);
    session = servers.track(await startServerIn(root, {}, { watchFiles: true }));
    const s = session;
    const orders = pathToFileURL(path.join(root, 'app', 'orders', 'route.ts')).toString();
    await open(s, fs.readFileSync(path.join(root, 'app', 'orders', 'route.ts'), 'utf8'), 1, orders);
    await s.waitForDiagnostics(
      (params) =>
        params.uri === orders && params.diagnostics.some((d) => d.code === 'observability/require-correlation-id'),
    );
    const actions = await codeActionsAt(s, orders, { line: 0, character: 0 }, 'quickfix');
    const wrap = actions.find((action) => /^Wrap the handlers of 2 route files in timedRoute\(\)/.test(action.title));
    assert.ok(wrap?.edit, `actions: ${actions.map((action) => action.title).join(' | ')}`);
    const creates = (wrap.edit.documentChanges ?? [])
      .filter((change) => 'kind' in change)
      .map((change) =>
        path
          .relative(root, fileURLToPath((change as CreateFile).uri))
          .split(path.sep)
          .join('/'),
      );
    assert.deepEqual(creates.sort(), ['app/metrics/route.ts', 'lib/observability.ts']);
    const ordersEdit = (wrap.edit.documentChanges ?? []).find(
      (change) => !('kind' in change) && change.textDocument.uri === orders,
    ) as TextDocumentEdit | undefined;
    assert.equal(
      ordersEdit?.textDocument.version,
      1,
      'the open route file is edited at the version it was computed for',
    );
    const health = actions.find((action) => /GET \/health and GET \/health\/ready/.test(action.title));
    assert.ok(health, 'the health finding has its own project fix');

    const touched = applyToDisk(wrap.edit);
    const ordersText = fs.readFileSync(path.join(root, 'app', 'orders', 'route.ts'), 'utf8');
    assert.match(ordersText, /^import \{ timedRoute \} from '\.\.\/\.\.\/lib\/observability';$/m);
    assert.match(ordersText, /export const GET = timedRoute\('\/orders', async \(\)/);
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: orders, version: 2 },
      contentChanges: [{ text: ordersText }],
    });
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: touched.map((file) => ({
        uri: pathToFileURL(file).toString(),
        type: creates.some((created) => file.endsWith(created)) ? 1 : 2,
      })),
    });
    const after = await s.waitForDiagnostics((params) => params.uri === orders && params.version === 2);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code).filter((code) => code !== 'observability/require-health-endpoints'),
      [],
      'request IDs, timing and logging are covered by the wrapper',
    );
    const again = await codeActionsAt(s, orders, { line: 0, character: 0 }, 'quickfix');
    assert.ok(!again.some((action) => /timedRoute/.test(action.title)), 'nothing to wrap any more');
  });

  it('the insert command applies the project fix; a client that cannot create files gets no such action', async () => {
    const root = nextService();
    servers.removeAfterAll(root);
    session = servers.track(await startServerIn(root, {}));
    const users = pathToFileURL(path.join(root, 'app', 'users', '[id]', 'route.ts')).toString();
    assert.equal(
      await session.connection.sendRequest('workspace/executeCommand', {
        command: 'observability.insertHealthEndpoints',
        arguments: [users],
      }),
      true,
    );
    const edit = session.appliedEdits[0].edit;
    const created = (edit.documentChanges ?? [])
      .filter((change) => 'kind' in change)
      .map((change) =>
        path
          .relative(root, fileURLToPath((change as CreateFile).uri))
          .split(path.sep)
          .join('/'),
      );
    assert.deepEqual(created.sort(), ['app/health/ready/route.ts', 'app/health/route.ts', 'lib/observability.ts']);
    await session.stop();

    // The rule's configured probe paths are the ones the fix writes (quick fix and command alike).
    session = servers.track(
      await startServerIn(root, {
        rules: { 'require-health-endpoints': ['warn', { livenessPaths: ['/livez'], readinessPaths: ['/readyz'] }] },
      }),
    );
    assert.equal(
      await session.connection.sendRequest('workspace/executeCommand', {
        command: 'observability.insertHealthEndpoints',
        arguments: [users],
      }),
      true,
    );
    const configured = (session.appliedEdits[0].edit.documentChanges ?? [])
      .filter((change) => 'kind' in change)
      .map((change) =>
        path
          .relative(root, fileURLToPath((change as CreateFile).uri))
          .split(path.sep)
          .join('/'),
      );
    assert.deepEqual(configured.sort(), ['app/livez/route.ts', 'app/readyz/route.ts', 'lib/observability.ts']);
    const ordersUri = pathToFileURL(path.join(root, 'app', 'orders', 'route.ts')).toString();
    await open(session, fs.readFileSync(path.join(root, 'app', 'orders', 'route.ts'), 'utf8'), 1, ordersUri);
    await session.waitForDiagnostics(
      (params) =>
        params.uri === ordersUri && params.diagnostics.some((d) => d.code === 'observability/require-health-endpoints'),
    );
    const quickFix = (await codeActionsAt(session, ordersUri, { line: 0, character: 0 }, 'quickfix')).find((action) =>
      /GET \/livez and GET \/readyz/.test(action.title),
    );
    assert.ok(quickFix, 'the quick fix names the configured paths');
    await session.stop();

    session = servers.track(await startServerIn(root, {}, { createFiles: false }));
    const orders = pathToFileURL(path.join(root, 'app', 'orders', 'route.ts')).toString();
    await open(session, fs.readFileSync(path.join(root, 'app', 'orders', 'route.ts'), 'utf8'), 1, orders);
    await session.waitForDiagnostics((params) => params.uri === orders && params.diagnostics.length > 0);
    const actions = await codeActionsAt(session, orders, { line: 0, character: 0 }, 'quickfix');
    assert.ok(
      !actions.some((action) => /timedRoute|GET \/health/.test(action.title)),
      `actions: ${actions.map((action) => action.title).join(' | ')}`,
    );
  });
});
