import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type CodeAction,
  createProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { fixturePath } from '../helpers';
import {
  apply,
  LEAKY,
  messageText,
  open,
  SERVER,
  type Session,
  startServer,
  startServerIn,
  URI,
  WORKSPACE,
} from './session';

describe('language server over stdio (real JSON-RPC)', function () {
  this.timeout(60_000);
  let session: Session;
  afterEach(async () => session?.stop());

  it('publishes diagnostics with the rule id, source, docs link and exact range', async () => {
    session = await startServer();
    await open(session, LEAKY);
    const published = await session.waitForDiagnostics((params) => params.uri === URI && params.diagnostics.length > 0);
    assert.equal(published.version, 1);
    const [diagnostic] = published.diagnostics as [Diagnostic];
    assert.equal(diagnostic.code, 'observability/no-pii-in-logs');
    assert.equal(diagnostic.source, 'observability');
    assert.match(diagnostic.codeDescription?.href ?? '', /eslint-plugin\/docs\/rules\/no-pii-in-logs\.md$/);
    assert.deepEqual(diagnostic.range, { start: { line: 3, character: 16 }, end: { line: 3, character: 24 } });
    assert.match(messageText(diagnostic), /`password` \(credential\) is written to the log/);
    // The first lint in the workspace built its service model, with work-done progress around it.
    assert.deepEqual(
      session.progress.map((value) => value.kind),
      ['begin', 'end'],
    );
    assert.match(session.progress[0].message ?? '', /Analyzing the service around login\.ts/);
  });

  it('offers each suggestion, disable comments and documentation as code actions; applying one clears the diagnostic', async () => {
    session = await startServer();
    await open(session, LEAKY);
    const published = await session.waitForDiagnostics((params) => params.diagnostics.length > 0);
    const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: published.diagnostics[0].range,
      context: { diagnostics: published.diagnostics },
    });
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Remove `password` from the logged object.'), titles.join(' | '));
    assert.ok(titles.includes('Log whether `password` is present instead of its value.'));
    assert.ok(titles.includes('Disable observability/no-pii-in-logs for this line'));
    assert.ok(titles.includes('Disable observability/no-pii-in-logs for the entire file'));
    assert.ok(titles.includes('Show documentation for observability/no-pii-in-logs'));
    assert.ok(actions.filter((action) => action.edit).every((action) => action.kind === CodeActionKind.QuickFix));
    const remove = actions.find((action) => action.title.startsWith('Remove'))!;
    const fixed = apply(LEAKY, remove.edit);
    assert.equal(fixed, LEAKY.replace('{ password }', '{}'));
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const after = await session.waitForDiagnostics((params) => params.version === 2);
    assert.deepEqual(after.diagnostics, []);
    const disable = actions.find((action) => action.title.endsWith('for this line'))!;
    const disabled = apply(LEAKY, disable.edit);
    assert.match(disabled, /\n {2}\/\/ eslint-disable-next-line observability\/no-pii-in-logs\n {2}logger\.info/);
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ text: disabled }],
    });
    assert.deepEqual((await session.waitForDiagnostics((params) => params.version === 3)).diagnostics, []);
    const docs = actions.find((action) => action.command)!;
    await session.connection.sendRequest('workspace/executeCommand', docs.command);
  });

  it('serves source.fixAll.observability only when there are autofixes: suggestions are never applied without a choice', async () => {
    session = await startServer();
    await open(session, LEAKY);
    await session.waitForDiagnostics((params) => params.diagnostics.length > 0);
    const fixAll = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.observability'] },
    });
    // The finding has suggestions only (removing a logged field changes what the service logs): nothing to fix all.
    assert.deepEqual(fixAll, []);
    const quickFixesOnly = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 3, character: 16 }, end: { line: 3, character: 24 } },
      context: { diagnostics: [], only: [CodeActionKind.QuickFix] },
    });
    assert.ok(quickFixesOnly.length > 0 && quickFixesOnly.every((action) => action.kind === CodeActionKind.QuickFix));
  });

  it('applies incremental changes and drops results for versions that are already stale', async () => {
    session = await startServer();
    await open(session, 'export const x = 1;\n');
    await session.waitForDiagnostics((params) => params.version === 1);
    // Three quick edits: only the last version is linted and published.
    for (const [version, text] of [
      [2, 'export const y = 2;\n'],
      [3, "import pino from 'pino';\n"],
      [4, "import pino from 'pino';\nconst logger = pino();\nlogger.info({ token: process.env.TOKEN });\n"],
    ] as const) {
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: URI, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text }],
      });
    }
    const last = await session.waitForDiagnostics((params) => params.version === 4);
    assert.equal(last.diagnostics.length, 1);
    assert.deepEqual(
      session.diagnostics.filter((params) => params.version === 2 || params.version === 3),
      [],
      'nothing published for stale versions',
    );
  });

  it('reads settings per document and relints when they change; unknown settings are logged, defaults used', async () => {
    session = await startServer({ settings: { rules: { 'no-pii-in-logs': 'warn' }, colour: 'blue' } });
    await open(session, LEAKY);
    const first = await session.waitForDiagnostics((params) => params.diagnostics.length > 0);
    assert.equal(first.diagnostics[0].severity, 2, 'warn → Warning');
    assert.ok(session.logs.some((log) => log.message.includes('observabilityLint.colour is not a setting')));
    session.settings.value = { rules: { 'no-pii-in-logs': 'off' } };
    const count = session.diagnostics.length;
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    // The next publication after the change, for the same version, has nothing: the rule is now off.
    const after = await session.waitForDiagnostics(
      (params) => session.diagnostics.indexOf(params) >= count && params.diagnostics.length === 0,
    );
    assert.equal(after.version, 1);
    assert.ok(
      session.diagnostics.slice(count).every((params) => params.diagnostics.length === 0),
      'no stale warning after the change',
    );
  });

  it("passes pii settings to no-pii-in-logs; options the rule's schema rejects are logged and dropped, never fatal", async () => {
    session = await startServer({ settings: { pii: { allowNames: ['password'], extraSensitiveNames: [] } } });
    await open(session, LEAKY);
    assert.deepEqual(
      (await session.waitForDiagnostics((params) => params.version === 1)).diagnostics,
      [],
      'password is allowed by the setting',
    );
    await session.stop();
    session = await startServer({ settings: { pii: { extraSensitiveNames: [42], colour: true } } });
    await open(session, LEAKY);
    const published = await session.waitForDiagnostics((params) => params.version === 1);
    assert.equal(
      published.diagnostics[0]?.code,
      'observability/no-pii-in-logs',
      'linting goes on with the default options',
    );
    assert.ok(
      session.logs.some((log) =>
        /observabilityLint\.pii\.colour is not an option of no-pii-in-logs \(known: extraSensitiveNames, allowNames/.test(
          log.message,
        ),
      ),
      JSON.stringify(session.logs),
    );
    assert.ok(
      session.logs.some((log) => /rule options were rejected .*no-pii-in-logs/.test(log.message)),
      JSON.stringify(session.logs),
    );
  });

  it('serves pull diagnostics when the client supports them, and survives cancellation', async () => {
    session = await startServer({ pull: true });
    await open(session, LEAKY);
    const report = await session.connection.sendRequest<{ kind: string; items: Diagnostic[] }>(
      'textDocument/diagnostic',
      { textDocument: { uri: URI } },
    );
    assert.equal(report.kind, 'full');
    assert.equal(report.items[0]?.code, 'observability/no-pii-in-logs');
    assert.deepEqual(session.diagnostics, [], 'no pushes in pull mode');
    // A cancelled request still gets an answer (a result or a cancellation error) and the server stays up.
    const source = new (await import('vscode-languageserver-protocol/node')).CancellationTokenSource();
    const pending = session.connection
      .sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }, source.token)
      .catch((error: unknown) => error);
    source.cancel();
    await pending;
    const again = await session.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: URI },
    });
    assert.equal(again.items.length, 1);
  });

  it('reads unsaved buffers across files and relints dependents when a file they depend on changes', async () => {
    session = await startServer();
    const app = pathToFileURL(path.join(WORKSPACE, 'src', 'server.ts')).toString();
    const router = pathToFileURL(path.join(WORKSPACE, 'src', 'orders.ts')).toString();
    // Neither file exists on disk: the model reads the editor's buffers.
    const routerText =
      "import { Router } from 'express';\nexport const orders = Router();\norders.get('/:id', (req, res) => { res.json({ id: req.params.id }); });\n";
    const lateLogger =
      "import express from 'express';\nimport morgan from 'morgan';\nimport { orders } from './orders';\nconst app = express();\napp.use('/orders', orders);\napp.use(morgan('tiny'));\n";
    await open(session, routerText, 1, router);
    await open(session, lateLogger, 1, app);
    const unlogged = await session.waitForDiagnostics(
      (params) =>
        params.uri === router && params.diagnostics.some((d) => d.code === 'observability/require-route-logging'),
    );
    assert.match(
      messageText(unlogged.diagnostics[0]),
      /GET \/orders\/:id is not logged: morgan\('tiny'\) is registered after this route \(src\/server\.ts:6\)/,
    );
    const seen = session.diagnostics.length;
    const loggerFirst = lateLogger.replace(
      "app.use('/orders', orders);\napp.use(morgan('tiny'));",
      "app.use(morgan('tiny'));\napp.use('/orders', orders);",
    );
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: app, version: 2 },
      contentChanges: [{ text: loggerFirst }],
    });
    const relinted = await session.waitForDiagnostics(
      (params) => params.uri === router && session.diagnostics.indexOf(params) >= seen,
    );
    assert.deepEqual(relinted.diagnostics, [], 'the router is covered once the app registers morgan first');
  });

  it("lints with the workspace's own flat config when it loads the plugin (useProjectConfig), and not when told otherwise", async () => {
    const projectDir = fixturePath('lsp-project-config');
    const uri = pathToFileURL(path.join(projectDir, 'src', 'login.ts')).toString();
    for (const [useProjectConfig, severity] of [
      [true, 2],
      [false, 1],
    ] as const) {
      // The project is the server's only workspace folder.
      const child = await startServerIn(projectDir, { useProjectConfig });
      await open(child, LEAKY, 1, uri);
      const published = await child.waitForDiagnostics((params) => params.uri === uri && params.diagnostics.length > 0);
      assert.equal(
        published.diagnostics[0].severity,
        severity,
        `useProjectConfig ${useProjectConfig}: ${severity === 2 ? 'the project says warn' : 'the bundled config says error'}`,
      );
      await child.stop();
    }
  });

  it('also speaks over Node IPC (--node-ipc), the transport the VS Code extension uses', async () => {
    const { IPCMessageReader, IPCMessageWriter } = await import('vscode-languageserver-protocol/node');
    const child = spawn(process.execPath, [SERVER, '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published: PublishDiagnosticsParams[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.push(params);
    });
    connection.listen();
    const initialized = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(WORKSPACE).toString(),
      capabilities: {},
    });
    assert.equal(initialized.serverInfo?.name, 'observability-lint-server');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'typescript', version: 1, text: LEAKY },
    });
    const deadline = Date.now() + 20_000;
    while (!published.some((params) => params.diagnostics.length > 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(
      published.find((params) => params.diagnostics.length > 0)?.diagnostics[0]?.code,
      'observability/no-pii-in-logs',
    );
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    child.kill();
  });

  it('never crashes on broken code, binary junk or huge files; skips the last two with one message', async () => {
    session = await startServer();
    await open(session, 'logger.info({ password ');
    await session.waitForDiagnostics((params) => params.version === 1);
    const junk = pathToFileURL(path.join(WORKSPACE, 'src', 'junk.js')).toString();
    await open(session, '\u0000\u0001\u0002binary', 1, junk);
    await session.waitForDiagnostics((params) => params.uri === junk);
    const huge = pathToFileURL(path.join(WORKSPACE, 'src', 'huge.js')).toString();
    await open(session, `${'const a = 1;\n'.repeat(90_000)}`, 1, huge);
    await session.waitForDiagnostics((params) => params.uri === huge);
    assert.ok(
      session.logs.some((log) => log.type === 3 && /skipped .*huge\.js: larger than 1 MB/.test(log.message)),
      JSON.stringify(session.logs),
    );
    assert.ok(session.logs.some((log) => /skipped .*junk\.js: binary content/.test(log.message)));
    const alive = await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      context: { diagnostics: [] },
    });
    assert.ok(Array.isArray(alive));
  });
});
