import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { open, serverLifecycle, startServer } from './session';

const ROUTE_LOGGING = 'observability/require-route-logging';

/** The same router in every folder: whether it is logged depends on the app of its own folder. */
const USERS =
  "import { Router } from 'express';\nexport const users = Router();\nusers.get('/:id', (req, res) => { res.json({ id: req.params.id }); });\n";
const LOGGED_APP =
  "import express from 'express';\nimport morgan from 'morgan';\nimport { users } from './users';\nconst app = express();\napp.use(morgan('combined'));\napp.use('/users', users);\napp.listen(3000);\n";
const UNLOGGED_APP =
  "import express from 'express';\nimport { users } from './users';\nconst app = express();\napp.use('/users', users);\napp.listen(3000);\n";

function makeFolder(parent: string, name: string, app: string): string {
  const root = path.join(parent, name);
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ name, dependencies: { express: '^5.0.0', morgan: '^1.10.0' } }),
  );
  fs.writeFileSync(path.join(root, 'src', 'app.ts'), app);
  fs.writeFileSync(path.join(root, 'src', 'users.ts'), USERS);
  return root;
}

describe('language server: one analysis host per workspace folder (real JSON-RPC)', function () {
  this.timeout(60_000);
  const servers = serverLifecycle();

  it('two folders with the same files but different apps get independent results; a change on disk in one leaves the other alone', async () => {
    const parent = servers.removeAfterAll(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-folders-')));
    const logged = makeFolder(parent, 'logged', LOGGED_APP);
    const unlogged = makeFolder(parent, 'unlogged', UNLOGGED_APP);
    const session = servers.track(await startServer({ folders: [logged, unlogged], watchFiles: true }));
    const loggedUsers = pathToFileURL(path.join(logged, 'src', 'users.ts')).toString();
    const unloggedUsers = pathToFileURL(path.join(unlogged, 'src', 'users.ts')).toString();
    await open(session, USERS, 1, loggedUsers);
    await open(session, USERS, 1, unloggedUsers);
    const flagged = await session.waitForDiagnostics(
      (params) => params.uri === unloggedUsers && params.diagnostics.length > 0,
    );
    assert.deepEqual(
      flagged.diagnostics.map((d) => d.code),
      [ROUTE_LOGGING],
      'the folder whose app logs nothing',
    );
    const clean = await session.waitForDiagnostics((params) => params.uri === loggedUsers);
    assert.deepEqual(
      clean.diagnostics,
      [],
      'the folder whose app registers morgan first: the same router text is logged',
    );

    // The logged folder's app loses its logger on disk (a checkout): only that folder's router changes verdict.
    const seen = session.diagnostics.length;
    fs.writeFileSync(path.join(logged, 'src', 'app.ts'), UNLOGGED_APP);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(logged, 'src', 'app.ts')).toString(), type: 2 }],
    });
    const now = await session.waitForDiagnostics(
      (params) =>
        params.uri === loggedUsers && session.diagnostics.indexOf(params) >= seen && params.diagnostics.length > 0,
    );
    assert.deepEqual(
      now.diagnostics.map((d) => d.code),
      [ROUTE_LOGGING],
    );
    assert.ok(
      !session.diagnostics.slice(seen).some((params) => params.uri === unloggedUsers),
      'the other folder was not relinted: nothing of it changed',
    );
  });

  it('a folder added while running gets its own host: its open files are analysed with its own app', async () => {
    const parent = servers.removeAfterAll(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-folders-')));
    const first = makeFolder(parent, 'first', UNLOGGED_APP);
    const added = makeFolder(parent, 'added', LOGGED_APP);
    const session = servers.track(await startServer({ folders: [first] }));
    await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathToFileURL(added).toString(), name: 'added' }], removed: [] },
    });
    const firstUsers = pathToFileURL(path.join(first, 'src', 'users.ts')).toString();
    const addedUsers = pathToFileURL(path.join(added, 'src', 'users.ts')).toString();
    await open(session, USERS, 1, addedUsers);
    await open(session, USERS, 1, firstUsers);
    const flagged = await session.waitForDiagnostics(
      (params) => params.uri === firstUsers && params.diagnostics.length > 0,
    );
    assert.deepEqual(
      flagged.diagnostics.map((d) => d.code),
      [ROUTE_LOGGING],
    );
    const clean = await session.waitForDiagnostics((params) => params.uri === addedUsers);
    assert.deepEqual(clean.diagnostics, []);
  });
});
