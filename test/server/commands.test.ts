import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { apply, codeActionsAt, messageText, open, serverLifecycle, type Session, startServerIn } from './session';

const APP = [
  "import express from 'express';",
  "import { users } from './users';",
  '',
  'const app = express();',
  "app.use('/users', users);",
  "app.get('/orders/:id', async (req, res) => {",
  '  res.json({ id: req.params.id });',
  '});',
  'app.listen(3000);',
  '',
].join('\n');

const USERS = [
  "import { Router } from 'express';",
  '',
  'declare const db: { find(id: string): Promise<unknown> };',
  'export const users = Router();',
  "users.get('/:id', async (req, res) => {",
  '  const user = await db.find(req.params.id);',
  '  res.json(user);',
  '});',
  '',
].join('\n');

/** A service on disk (its own project): the commands read files that are not open from there. */
function makeService(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-commands-'));
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({
      name: 'shop',
      type: 'module',
      dependencies: { express: '^5.0.0', 'prom-client': '^15.0.0', pino: '^10.0.0' },
    }),
  );
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const uriOf = (root: string, file: string): string => pathToFileURL(path.join(root, file)).toString();

/** The one document an applied workspace edit changes, and its edits. */
function onlyChange(edit: WorkspaceEdit): { uri: string; version: number | null; edits: TextEdit[] } {
  const changes = edit.documentChanges as Array<{
    textDocument: { uri: string; version: number | null };
    edits: TextEdit[];
  }>;
  assert.equal(changes.length, 1);
  return { uri: changes[0].textDocument.uri, version: changes[0].textDocument.version, edits: changes[0].edits };
}

describe('language server commands and refactors (real JSON-RPC)', function () {
  this.timeout(60_000);
  const servers = serverLifecycle();
  let session: Session | undefined;
  const service = (files: Record<string, string>): string => {
    const root = makeService(files);
    servers.removeAfterAll(root);
    return root;
  };

  it("insertRequestTiming run from a router file edits the app file on disk with the rule's own template; run again it says so", async () => {
    const root = service({ 'src/app.ts': APP, 'src/users.ts': USERS });
    session = servers.track(await startServerIn(root, {}));
    const s = session;
    await open(s, USERS, 1, uriOf(root, 'src/users.ts'));
    const applied = await s.connection.sendRequest('workspace/executeCommand', {
      command: 'observability.insertRequestTiming',
      arguments: [uriOf(root, 'src/users.ts')],
    });
    assert.equal(applied, true);
    const change = onlyChange(s.appliedEdits[0].edit);
    assert.equal(change.uri, uriOf(root, 'src/app.ts'), 'the template goes where the app is created');
    assert.equal(change.version, null, 'the app file is not open: an unversioned edit of the file');
    const timedApp = apply(APP, s.appliedEdits[0].edit);
    assert.match(timedApp, /new \w+\.Histogram\(\{\n\s+name: 'http_request_duration_seconds'/);
    assert.match(timedApp, /export async function timed<T>\(operation: string, fn: \(\) => Promise<T>\): Promise<T>/);
    assert.match(timedApp, /app\.get\('\/metrics'/);
    fs.writeFileSync(path.join(root, 'src/app.ts'), timedApp);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(root, 'src/app.ts'), type: 2 }],
    });
    const again = await s.connection.sendRequest('workspace/executeCommand', {
      command: 'observability.insertRequestTiming',
      arguments: [uriOf(root, 'src/users.ts')],
    });
    assert.equal(again, false);
    await s.waitUntil(() => s.messages.length > 0, 'a message');
    assert.equal(s.appliedEdits.length, 1, 'nothing inserted twice');
    assert.equal(s.messages[0].message, 'This service already times its requests.');
  });

  it('insertCorrelationId and insertHealthEndpoints on the open app file: versioned edits; the findings go away', async () => {
    const root = service({ 'src/app.ts': APP, 'src/users.ts': USERS });
    session = servers.track(await startServerIn(root, {}));
    const s = session;
    const app = uriOf(root, 'src/app.ts');
    await open(s, APP, 1, app);
    await s.waitForDiagnostics(
      (params) =>
        params.uri === app && params.diagnostics.some((d) => d.code === 'observability/require-correlation-id'),
    );
    let text = APP;
    let version = 1;
    for (const command of ['observability.insertCorrelationId', 'observability.insertHealthEndpoints']) {
      const before = s.appliedEdits.length;
      assert.equal(
        await s.connection.sendRequest('workspace/executeCommand', { command, arguments: [app] }),
        true,
        command,
      );
      const change = onlyChange(s.appliedEdits[before].edit);
      assert.equal(change.version, version, 'versioned: applied only to the text it was computed for');
      text = apply(text, s.appliedEdits[before].edit);
      version++;
      await s.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: app, version },
        contentChanges: [{ text }],
      });
    }
    assert.match(text, /randomUUID\(\)/);
    assert.match(text, /export function getRequestId\(\)/);
    assert.match(text, /app\.get\('\/health\/ready'/);
    const final = await s.waitForDiagnostics((params) => params.uri === app && params.version === version);
    const codes = final.diagnostics.map((d) => d.code);
    assert.ok(
      !codes.includes('observability/require-correlation-id') &&
        !codes.includes('observability/require-health-endpoints'),
      codes.join(', '),
    );
    assert.ok(codes.includes('observability/require-request-timing'), 'the third feature is still missing');
  });

  it('a command in a project with no app says so instead of editing', async () => {
    const root = service({ 'src/util.ts': 'export const x = 1;\n' });
    session = servers.track(await startServerIn(root, {}));
    const s = session;
    await open(s, 'export const x = 1;\n', 1, uriOf(root, 'src/util.ts'));
    assert.equal(
      await s.connection.sendRequest('workspace/executeCommand', {
        command: 'observability.insertHealthEndpoints',
        arguments: [uriOf(root, 'src/util.ts')],
      }),
      false,
    );
    await s.waitUntil(() => s.messages.length > 0, 'a message');
    assert.match(s.messages[0].message, /No app is created in util\.ts or in the other files of its project/);
    assert.equal(s.appliedEdits.length, 0);
  });

  it('"Wrap in timing" on an awaited call imports timed() from the app and wraps the call; offered again, nothing', async () => {
    const root = service({ 'src/app.ts': APP, 'src/users.ts': USERS });
    session = servers.track(await startServerIn(root, {}, { disabledActions: true }));
    const s = session;
    const users = uriOf(root, 'src/users.ts');
    await open(s, USERS, 1, users);
    // No timed() in the project yet: the action is shown disabled, with what to do first.
    const [disabled] = await codeActionsAt(s, users, { line: 5, character: 22 }, 'refactor');
    assert.equal(disabled?.title, "Wrap in timing: timed('db.find', …)");
    assert.match(disabled?.disabled?.reason ?? '', /run "Insert request timing" on the app first/);
    assert.equal(disabled?.edit, undefined);
    assert.equal(
      await s.connection.sendRequest('workspace/executeCommand', {
        command: 'observability.insertRequestTiming',
        arguments: [users],
      }),
      true,
    );
    fs.writeFileSync(path.join(root, 'src/app.ts'), apply(APP, s.appliedEdits[0].edit));
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(root, 'src/app.ts'), type: 2 }],
    });
    const [wrap] = await codeActionsAt(s, users, { line: 5, character: 22 }, 'refactor');
    assert.equal(wrap?.kind, 'refactor.rewrite');
    const wrapped = apply(USERS, wrap?.edit);
    assert.equal(
      wrapped,
      USERS.replace(
        "import { Router } from 'express';",
        "import { Router } from 'express';\nimport { timed } from './app';",
      ).replace('await db.find(req.params.id)', "await timed('db.find', () => db.find(req.params.id))"),
    );
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: users, version: 2 },
      contentChanges: [{ text: wrapped }],
    });
    assert.deepEqual(
      await codeActionsAt(s, users, { line: 6, character: 40 }, 'refactor'),
      [],
      'an already timed call is not offered again',
    );
    // The command form (palette) does the same through workspace/applyEdit.
    const applied = await s.connection.sendRequest('workspace/executeCommand', {
      command: 'observability.wrapInTiming',
      arguments: [users, { start: { line: 6, character: 30 }, end: { line: 6, character: 30 } }],
    });
    assert.equal(applied, false, 'nothing left to wrap');
  });

  it('without disabled-action support, an unavailable wrap is not offered at all', async () => {
    const root = service({ 'src/app.ts': APP, 'src/users.ts': USERS });
    session = servers.track(await startServerIn(root, {}));
    await open(session, USERS, 1, uriOf(root, 'src/users.ts'));
    assert.deepEqual(
      await codeActionsAt(session, uriOf(root, 'src/users.ts'), { line: 5, character: 22 }, 'refactor'),
      [],
    );
  });

  it('registers file watchers and, on didChangeWatchedFiles, sees a router created on disk', async () => {
    const appText = APP.replace(
      "import { users } from './users';",
      "import { users } from './users';\nimport { orders } from './orders';",
    ).replace("app.use('/users', users);", "app.use('/users', users);\napp.use('/shop', orders);");
    const root = service({ 'src/app.ts': appText, 'src/users.ts': USERS });
    session = servers.track(await startServerIn(root, {}, { watchFiles: true }));
    const s = session;
    await s.waitUntil(
      () => s.registrations.some((registration) => registration.method === 'workspace/didChangeWatchedFiles'),
      'a file-watcher registration',
    );
    const watchers = (
      s.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles')!
        .registerOptions as { watchers: Array<{ globPattern: string }> }
    ).watchers.map((watcher) => watcher.globPattern);
    assert.ok(
      watchers.includes('**/package.json') && watchers.some((glob) => glob.includes('*.{js')),
      watchers.join(', '),
    );
    const app = uriOf(root, 'src/app.ts');
    await open(s, appText, 1, app);
    const before = await s.waitForDiagnostics(
      (params) =>
        params.uri === app && params.diagnostics.some((d) => d.code === 'observability/require-correlation-id'),
    );
    assert.match(
      messageText(before.diagnostics.find((d) => d.code === 'observability/require-correlation-id')!),
      /^2 route\(s\)/,
    );
    const seen = s.diagnostics.length;
    fs.writeFileSync(
      path.join(root, 'src/orders.ts'),
      "import { Router } from 'express';\nexport const orders = Router();\norders.get('/orders', (req, res) => { res.json([]); });\norders.post('/orders', (req, res) => { res.status(201).end(); });\n",
    );
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(root, 'src/orders.ts'), type: 1 }],
    });
    const after = await s.waitForDiagnostics((params) => params.uri === app && s.diagnostics.indexOf(params) >= seen);
    assert.match(
      messageText(after.diagnostics.find((d) => d.code === 'observability/require-correlation-id')!),
      /^4 route\(s\) .*GET \/shop\/orders/,
    );
  });
});
