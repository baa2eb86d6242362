import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRouteReport, type RouteReport } from 'eslint-plugin-observability/report';
import { SERVICE_REPORT_REQUEST } from 'observability-lint-server/protocol';
import { fixturePath } from '../helpers';
import { open, serverLifecycle, startServer } from './session';

type ReportResult = Array<{ folder: string; report: RouteReport }>;

const APP =
  "import express from 'express';\nimport pinoHttp from 'pino-http';\nexport const app = express();\napp.get('/early', (_req, res) => { res.send('x'); });\napp.use(pinoHttp());\napp.get('/health', (_req, res) => { res.json({ status: 'ok' }); });\napp.get('/users/:id', (req, res) => { res.json({ id: req.params.id }); });\napp.listen(3000);\n";

function makeService(parent: string, name: string): string {
  const root = path.join(parent, name);
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ name, dependencies: { express: '^5.0.0', 'pino-http': '^11.0.0' } }),
  );
  fs.writeFileSync(path.join(root, 'src', 'app.ts'), APP);
  return root;
}

const routesOf = (report: RouteReport): string[] =>
  report.services.flatMap((service) =>
    service.routes.map((route) => `${route.method} ${route.path} logged=${route.logged}`),
  );

describe('language server: observability/serviceReport (real JSON-RPC)', function () {
  this.timeout(60_000);
  const servers = serverLifecycle();

  it('answers the report of each workspace folder, the JSON the CLI prints', async () => {
    const parent = servers.removeAfterAll(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-report-')));
    const first = makeService(parent, 'first');
    const express = fixturePath('services', 'express-ts');
    const session = servers.track(await startServer({ folders: [first, express] }));
    const all = await session.connection.sendRequest<ReportResult>(SERVICE_REPORT_REQUEST, {});
    assert.deepEqual(
      all.map((entry) => entry.folder),
      [pathToFileURL(first).toString(), pathToFileURL(express).toString()],
    );
    assert.deepEqual(
      all[1].report,
      JSON.parse(JSON.stringify(buildRouteReport(express))),
      'the same JSON as the report built in this process',
    );
    assert.deepEqual(routesOf(all[0].report), [
      'GET /early logged=false',
      'GET /health logged=true',
      'GET /users/:id logged=true',
    ]);
    const one = await session.connection.sendRequest<ReportResult>(SERVICE_REPORT_REQUEST, {
      folder: pathToFileURL(first).toString(),
    });
    assert.deepEqual(one, [all[0]]);
  });

  it('reflects unsaved buffers: a route added in the editor appears, unlogged, before it is saved', async () => {
    const parent = servers.removeAfterAll(fs.mkdtempSync(path.join(os.tmpdir(), 'obs-lsp-report-')));
    const root = makeService(parent, 'svc');
    const session = servers.track(await startServer({ folders: [root] }));
    const folder = { folder: pathToFileURL(root).toString() };
    const before = await session.connection.sendRequest<ReportResult>(SERVICE_REPORT_REQUEST, folder);
    assert.equal(routesOf(before[0].report).length, 3);

    const uri = pathToFileURL(path.join(root, 'src', 'app.ts')).toString();
    const edited = APP.replace(
      "app.get('/early'",
      "app.post('/orders', (_req, res) => { res.send('ok'); });\napp.get('/early'",
    );
    await open(session, APP, 1, uri);
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    const after = await session.connection.sendRequest<ReportResult>(SERVICE_REPORT_REQUEST, folder);
    assert.deepEqual(routesOf(after[0].report), [
      'POST /orders logged=false',
      'GET /early logged=false',
      'GET /health logged=true',
      'GET /users/:id logged=true',
    ]);
    const added = after[0].report.services[0].routes[0];
    assert.deepEqual([added.file, added.line], ['src/app.ts', 4], 'located in the buffer, not the file on disk');
    assert.equal(fs.readFileSync(path.join(root, 'src', 'app.ts'), 'utf8'), APP, 'the file on disk is unchanged');

    // Moving the logger first in the buffer covers every route.
    const loggedFirst = edited
      .replace('app.use(pinoHttp());\n', '')
      .replace('export const app = express();\n', 'export const app = express();\napp.use(pinoHttp());\n');
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: loggedFirst }],
    });
    const fixed = await session.connection.sendRequest<ReportResult>(SERVICE_REPORT_REQUEST, folder);
    assert.deepEqual(routesOf(fixed[0].report), [
      'POST /orders logged=true',
      'GET /early logged=true',
      'GET /health logged=true',
      'GET /users/:id logged=true',
    ]);
  });

  it('a folder that is not a directory is an InvalidParams error', async () => {
    const session = servers.track(await startServer());
    await assert.rejects(
      session.connection.sendRequest(SERVICE_REPORT_REQUEST, {
        folder: pathToFileURL(path.join(os.tmpdir(), 'no-such-folder-here')).toString(),
      }),
      (error: { code?: number; message?: string }) => {
        assert.equal(error.code, -32602);
        assert.match(error.message ?? '', /is not a directory/);
        return true;
      },
    );
    await assert.rejects(session.connection.sendRequest(SERVICE_REPORT_REQUEST, { folder: 'untitled:x' }), /file: URI/);
  });
});
