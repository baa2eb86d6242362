import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  EXTENSION_COMMANDS,
  type ExtensionCommand,
  ROUTES_VIEW,
  SERVICE_REPORT_REQUEST,
  LINTED_LANGUAGES,
  SETTINGS_SECTION,
} from 'observability-lint-server/protocol';
import { fileOfNode, RoutesView } from './routesView';
import { coverageText, type FolderReport } from './serviceTree';
import { CoverageIndicator, type ServerStatus, StatusIndicator } from './status';

const DOCUMENTS = LINTED_LANGUAGES.map((language) => ({
  scheme: 'file',
  language,
}));

let client: LanguageClient | undefined;

/** Settings as the server reads them; in Restricted Mode the workspace's own ESLint config is never loaded. */
function effectiveSettings(raw: unknown): unknown {
  if (vscode.workspace.isTrusted || typeof raw !== 'object' || raw === null) return raw;
  return { ...(raw as Record<string, unknown>), useProjectConfig: false };
}

/** The `observabilityLint` section as plain data (the configuration object also carries methods). */
function serverSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const data = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SETTINGS_SECTION, scope))) as Record<
    string,
    unknown
  >;
  return effectiveSettings(data) as Record<string, unknown>;
}

/** Running, or disabled by the user's setting. */
function runningStatus(): ServerStatus {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get('enable') === false ? 'disabled' : 'running';
}

/** What the extension hands to other extensions and to its tests. */
export interface ObservabilityLintApi {
  client: LanguageClient | undefined;
  status: StatusIndicator;
  /** The Explorer's Observability view (its data provider). */
  routes: RoutesView;
  /** The status bar's route coverage summary. */
  coverage: CoverageIndicator;
  /** From activation to a running server, in milliseconds. */
  activationMs: number | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<ObservabilityLintApi> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Observability Lint', { log: true });
  const status = new StatusIndicator();
  context.subscriptions.push(output, status);
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENTS,
    outputChannel: output,
    initializationOptions: { settings: serverSettings() },
    middleware: {
      workspace: {
        // Each `workspace/configuration` answer passes through here: Restricted Mode turns the project config off.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, index): unknown =>
            item.section === SETTINGS_SECTION
              ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answers[index],
          );
        },
      },
    },
  };
  // The client's id is the settings section: vscode-languageclient reads `<id>.trace.server`.
  client = new LanguageClient(SETTINGS_SECTION, 'Observability Lint', serverOptions, clientOptions);
  const languageClient = client;
  const coverage = new CoverageIndicator(`${ROUTES_VIEW.id}.focus`);
  const routes = new RoutesView(
    async () =>
      languageClient.state === State.Running
        ? languageClient.sendRequest<FolderReport[]>(SERVICE_REPORT_REQUEST, {})
        : undefined,
    () => {
      const counts = routes.coverage();
      coverage.show(counts, coverageText(counts));
      view.message = routes.message();
    },
    (error) =>
      output.warn(
        `Observability view: the service report failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
  );
  const view = vscode.window.createTreeView(ROUTES_VIEW.id, { treeDataProvider: routes, showCollapseAll: true });
  const sourceWatcher = vscode.workspace.createFileSystemWatcher('**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}');
  context.subscriptions.push(coverage, routes, view);
  // The commands that run in the client; every other command of protocol.ts runs on the server.
  const clientCommands: Readonly<Record<string, () => unknown>> = {
    'observabilityLint.showOutput': () => output.show(true),
    'observabilityLint.restartServer': async () => {
      status.show('starting');
      await languageClient.restart();
    },
    'observabilityLint.refreshRoutes': () => routes.refresh(),
  };
  context.subscriptions.push(
    languageClient.onDidChangeState((event) => {
      status.show(
        event.newState === State.Running ? runningStatus() : event.newState === State.Starting ? 'starting' : 'stopped',
      );
      if (event.newState === State.Running) routes.schedule();
    }),
    // The report reflects unsaved buffers: diagnostics changing (relinted text) or a save may change it.
    vscode.languages.onDidChangeDiagnostics(() => routes.schedule()),
    vscode.workspace.onDidSaveTextDocument(() => routes.schedule()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => routes.schedule()),
    // Files changed outside the editor (a checkout, a generator) change the services too.
    sourceWatcher,
    sourceWatcher.onDidCreate(() => routes.schedule()),
    sourceWatcher.onDidChange(() => routes.schedule()),
    sourceWatcher.onDidDelete(() => routes.schedule()),
    ...EXTENSION_COMMANDS.map((command) =>
      vscode.commands.registerCommand(command.id, handlerOf(command, languageClient, clientCommands)),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.enable`)) status.show(runningStatus());
    }),
    // Trust granted: the project's own config may now be used; the server asks for settings again.
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => void languageClient.sendNotification('workspace/didChangeConfiguration', { settings: null }),
    ),
  );
  status.show('starting');
  const api: ObservabilityLintApi = { client, status, routes, coverage, activationMs: undefined };
  try {
    await languageClient.start();
    api.activationMs = Date.now() - started;
    output.info(`Observability Lint server running (${api.activationMs} ms after activation).`);
    void routes.refresh();
  } catch (error) {
    status.show('error');
    output.error(
      `Observability Lint server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  return api;
}

/**
 * A command's handler: its client-side function, or a request to the server with the active document (and selection).
 * A document command takes a URI, or the Observability view's item it was run on (its file), or the active editor's.
 */
function handlerOf(
  command: ExtensionCommand,
  languageClient: LanguageClient,
  clientCommands: Readonly<Record<string, () => unknown>>,
): (argument?: unknown) => unknown {
  const { server } = command;
  if (!server) {
    const run = clientCommands[command.id];
    if (!run) throw new Error(`${command.id} runs neither in the client nor on the server`);
    return run;
  }
  if (server.target === 'selection') {
    return async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return false;
      return runServerCommand(languageClient, server.command, [
        editor.document.uri.toString(),
        languageClient.code2ProtocolConverter.asRange(editor.selection),
      ]);
    };
  }
  return async (argument?: unknown) => {
    const target =
      (argument instanceof vscode.Uri ? argument : fileOfNode(argument)) ??
      vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open the file of the service (the one that creates the app) first.');
      return false;
    }
    return runServerCommand(languageClient, server.command, [target.toString()]);
  };
}

async function runServerCommand(languageClient: LanguageClient, command: string, args: unknown[]): Promise<unknown> {
  return languageClient.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
