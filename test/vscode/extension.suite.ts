import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, codeOf, eventually, measurements, ours, showcase, workspaceFile } from './helpers';

/**
 * The quick fixes at `range`. VS Code cancels a code-action request when diagnostics or settings change under it
 * (the previous test's settings reset relints the file): ask again, as the lightbulb does.
 */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        vscode.CodeActionKind.QuickFix.value,
      );
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('Canceled')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** The extension's Observability view and status summary, as its API exposes them (client/src/routesView.ts). */
interface ViewNode {
  label: string;
  contextValue: string;
  children: ViewNode[];
}
interface ViewApi {
  routes: {
    refresh(): Promise<void>;
    getChildren(node?: ViewNode): ViewNode[];
    getTreeItem(node: ViewNode): vscode.TreeItem;
  };
  coverage: { text: string | undefined };
}

async function viewApi(): Promise<ViewApi> {
  return (await activeExtension()).exports as unknown as ViewApi;
}

/** The view's services (one workspace folder: they are the roots), waiting until `accept` holds for them. */
async function services(accept: (roots: ViewNode[]) => boolean, what: string): Promise<ViewNode[]> {
  const api = await viewApi();
  return eventually(() => {
    const roots = api.routes.getChildren();
    return accept(roots) ? roots : undefined;
  }, what);
}

/** Route labels with their descriptions (the ✓/✗ verdicts), sorted. */
function routeRows(api: ViewApi, service: ViewNode): string[] {
  return api.routes
    .getChildren(service)
    .map((route) => `${route.label} | ${String(api.routes.getTreeItem(route).description)}`)
    .sort();
}

/** Runs in a trusted workspace whose eslint.config.mjs loads the plugin with `no-pii-in-logs: warn`. */
describe('Observability Lint in VS Code (trusted workspace)', () => {
  const login = workspaceFile('src', 'login.ts');
  const app = workspaceFile('src', 'app.ts');
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('observabilityLint');

  afterEach(async () => {
    await settings().update('useProjectConfig', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('rules.no-pii-in-logs', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('activates on a TypeScript file, starts the server and shows it running in the status bar', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(login));
    const extension = await activeExtension();
    assert.ok(extension.isActive);
    await eventually(() => (extension.exports.status?.current === 'running' ? true : undefined), 'status "running"');
    assert.ok(typeof extension.exports.activationMs === 'number', 'activation time measured');
    measurements.activationMs = extension.exports.activationMs;
    const commands = await vscode.commands.getCommands(true);
    for (const command of [
      'observabilityLint.insertCorrelationId',
      'observabilityLint.insertHealthEndpoints',
      'observabilityLint.insertRequestTiming',
      'observabilityLint.wrapInTiming',
      'observabilityLint.restartServer',
      'observabilityLint.showOutput',
    ]) {
      assert.ok(commands.includes(command), command);
    }
  });

  it("shows diagnostics with the rule id, a docs link, and the project config's severity", async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(login));
    const [diagnostic] = await eventually(
      () => (ours(login, 'no-pii-in-logs').length ? ours(login, 'no-pii-in-logs') : undefined),
      'a no-pii-in-logs diagnostic',
    );
    assert.equal(codeOf(diagnostic), 'observability/no-pii-in-logs');
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target.toString() : '';
    assert.match(target, /docs\/rules\/no-pii-in-logs\.md$/);
    assert.equal(
      diagnostic.severity,
      vscode.DiagnosticSeverity.Warning,
      'eslint.config.mjs says warn (bundled: error)',
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await showcase('diagnostics');
  });

  it("lints a Python file with the workspace's eslint.config.mjs (configs.python after its one await)", async () => {
    const auth = workspaceFile('src', 'auth.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(auth));
    const [diagnostic] = await eventually(
      () => (ours(auth, 'no-pii-in-logs').length ? ours(auth, 'no-pii-in-logs') : undefined),
      'a no-pii-in-logs diagnostic on the Python file',
    );
    assert.equal(diagnostic.range.start.line, 6);
    assert.match(diagnostic.message, /`password` \(credential\) is written to the log/);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning, 'eslint.config.mjs says warn');
  });

  it('settings change severities (with the project config off) and can turn a rule off', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(login));
    await settings().update('useProjectConfig', false, vscode.ConfigurationTarget.Workspace);
    await eventually(
      () => (ours(login, 'no-pii-in-logs')[0]?.severity === vscode.DiagnosticSeverity.Error ? true : undefined),
      'bundled severity error',
    );
    await settings().update('rules.no-pii-in-logs', 'warn', vscode.ConfigurationTarget.Workspace);
    await eventually(
      () => (ours(login, 'no-pii-in-logs')[0]?.severity === vscode.DiagnosticSeverity.Warning ? true : undefined),
      'severity warn from settings',
    );
    await settings().update('rules.no-pii-in-logs', 'off', vscode.ConfigurationTarget.Workspace);
    await eventually(() => (ours(login, 'no-pii-in-logs').length === 0 ? true : undefined), 'rule off: no diagnostic');
  });

  it('a quick fix applies and the diagnostic disappears', async () => {
    const document = await vscode.workspace.openTextDocument(login);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await eventually(
      () => (ours(login, 'no-pii-in-logs').length ? ours(login, 'no-pii-in-logs') : undefined),
      'a diagnostic to fix',
    );
    const actions = await codeActions(login, diagnostic.range);
    // VS Code adds its own actions in newer builds: pick ours by title.
    const remove = actions.find((action) => action.title === 'Remove `password` from the logged object.');
    if (process.env.OBS_VSCODE_SHOWCASE) {
      vscode.window.activeTextEditor!.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await showcase('quick-fix');
      await vscode.commands.executeCommand('hideCodeActionWidget');
    }
    assert.ok(remove?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    assert.match(document.getText(), /logger\.info\(\{\}, 'login'\)/);
    await eventually(() => (ours(login, 'no-pii-in-logs').length === 0 ? true : undefined), 'the diagnostic is gone');
    await document.save();
  });

  it('the Observability view lists the service and its routes with their verdicts, opens a route, and the status bar counts covered routes', async () => {
    const api = await viewApi();
    await vscode.commands.executeCommand('observabilityLint.routes.focus');
    await vscode.commands.executeCommand('observabilityLint.refreshRoutes');
    const [service] = await services((roots) => roots.length === 1, 'one service in the view');
    const item = api.routes.getTreeItem(service);
    assert.equal(item.label, 'express() src/app.ts:4');
    assert.equal(item.description, '0/2 covered · probes ✗ (liveness, readiness) · metrics ✗');
    assert.equal(item.contextValue, 'service service-missing-request-id service-missing-health service-missing-timing');
    assert.deepEqual(routeRows(api, service), [
      'GET /orders/:id | ✗ logged  ✗ request ID  ✗ timed',
      'GET /users/:id | ✗ logged  ✗ request ID  ✗ timed',
    ]);
    assert.equal(api.coverage.text, '0/2 routes covered');

    // Clicking a route runs its command: the router's file opens at the route.
    const users = api.routes.getChildren(service).find((route) => route.label === 'GET /users/:id')!;
    const { command } = api.routes.getTreeItem(users);
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    const editor = await eventually(
      () =>
        vscode.window.activeTextEditor?.document.uri.toString() === workspaceFile('src', 'users.ts').toString()
          ? vscode.window.activeTextEditor
          : undefined,
      'users.ts open',
    );
    assert.equal(editor.selection.active.line, 4, "users.get('/:id' is on line 5");
    await showcase('routes-view');
  });

  it('the insert commands add request IDs, health endpoints and timing to the app, and the findings go away', async () => {
    const document = await vscode.workspace.openTextDocument(app);
    await vscode.window.showTextDocument(document);
    await eventually(
      () => (ours(app, 'require-correlation-id').length ? true : undefined),
      'require-correlation-id on the app',
    );
    for (const [command, inserted, rule] of [
      ['observabilityLint.insertCorrelationId', /export function getRequestId\(\)/, 'require-correlation-id'],
      ['observabilityLint.insertHealthEndpoints', /app\.get\('\/health\/ready'/, 'require-health-endpoints'],
      ['observabilityLint.insertRequestTiming', /http_request_duration_seconds/, 'require-request-timing'],
    ] as const) {
      assert.equal(await vscode.commands.executeCommand(command), true, command);
      assert.match(document.getText(), inserted);
      await eventually(() => (ours(app, rule).length === 0 ? true : undefined), `${rule} gone`);
    }
    await showcase('commands');
    await document.save();
  });

  it('"Wrap in timing" wraps the awaited call under the cursor', async () => {
    const users = workspaceFile('src', 'users.ts');
    const document = await vscode.workspace.openTextDocument(users);
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf('db.find'));
    editor.selection = new vscode.Selection(at, at);
    assert.equal(await vscode.commands.executeCommand('observabilityLint.wrapInTiming'), true);
    assert.match(document.getText(), /await timed\('db\.find', \(\) => db\.find\(req\.params\.id\)\)/);
    assert.match(document.getText(), /import \{ timed \} from '\.\/app';/);
  });

  it("the view follows edits on its own, and a service's context-menu command inserts into that service's file", async () => {
    const api = await viewApi();
    // The insert commands above gave the app request IDs, health endpoints and timing: only logging is missing.
    const [app] = await services(
      (roots) => roots.length === 1 && roots[0].contextValue === 'service',
      'the app no longer misses an insertable piece',
    );
    assert.ok(
      routeRows(api, app).includes('GET /users/:id | ✗ logged  ✓ request ID  ✓ timed'),
      routeRows(api, app).join('\n'),
    );
    assert.ok(
      routeRows(api, app).some((row) => row.startsWith('GET /health/ready | exempt')),
      routeRows(api, app).join('\n'),
    );

    const admin = workspaceFile('src', 'admin.ts');
    await vscode.workspace.fs.writeFile(
      admin,
      Buffer.from(
        "import express from 'express';\n\nconst admin = express();\nadmin.get('/stats', (_req, res) => {\n  res.json({});\n});\nadmin.listen(3001);\n",
      ),
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(admin));
    const roots = await services(
      (nodes) => nodes.some((node) => node.label.includes(' src/admin.ts:')),
      'the admin service in the view',
    );
    const adminNode = roots.find((node) => node.label.includes(' src/admin.ts:'))!;
    assert.match(adminNode.contextValue, /service-missing-request-id/);
    // From the app's editor: the menu passes the service's item, whose file wins over the active editor.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('src', 'app.ts')));
    assert.equal(await vscode.commands.executeCommand('observabilityLint.insertCorrelationId', adminNode), true);
    const adminDocument = await vscode.workspace.openTextDocument(admin);
    assert.match(adminDocument.getText(), /export function getRequestId\(\)/);
    await adminDocument.save();
    await services(
      (nodes) =>
        nodes
          .find((node) => node.label.includes(' src/admin.ts:'))
          ?.contextValue.includes('service-missing-request-id') === false,
      'the admin service gets a request ID',
    );
    await eventually(
      () => (/^\d+\/3 routes covered$/.test(api.coverage.text ?? '') ? true : undefined),
      "the status bar counts both services' routes",
    );
  });
});
