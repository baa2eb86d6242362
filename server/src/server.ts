import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clearModuleCaches, findProjectRoot, hasServiceModel, readModuleFromDisk, setModuleReader, setOpenFilesProvider } from 'eslint-plugin-observability/service-model';
import {
  type CancellationToken,
  CodeActionKind,
  createConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, fixAllAction, quickFixes, SHOW_DOCUMENTATION } from './codeActions';
import { toDiagnostics } from './diagnostics';
import { DocumentLinter, type LintOutcome, RULE_IDS } from './lint';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';

/** Wiring only: features live in settings.ts, lint.ts, diagnostics.ts and codeActions.ts. */
// `--stdio`, `--node-ipc` or `--socket=N` are read from the command line by vscode-languageserver.
const connection = createConnection();
const documents = new TextDocuments(TextDocument);
const linter = new DocumentLinter();
const DEBOUNCE_MS = 150;
const DEPENDENTS_DEBOUNCE_MS = 400;

let pullDiagnostics = false;
let workspaceFolderEvents = false;
let workDoneProgress = false;
let configurationRequests = false;
let initialSettings: Settings = DEFAULT_SETTINGS;
let workspaceRoots: string[] = [];
const settingsCache = new Map<string, Promise<Settings>>();
const results = new Map<string, { version: number; outcome: LintOutcome }>();
const timers = new Map<string, NodeJS.Timeout>();
const skippedNotified = new Set<string>();

function filePathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

function reportProblems(problems: readonly string[]): void {
  for (const problem of problems) connection.console.warn(problem);
}

function workspaceRootOf(filePath: string): string | undefined {
  return workspaceRoots.filter((root) => filePath.startsWith(root + path.sep)).sort((a, b) => b.length - a.length)[0];
}

async function settingsFor(uri: string): Promise<Settings> {
  if (!configurationRequests) return initialSettings;
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'observabilityLint' }).then(
      (raw: unknown) => {
        const parsed = parseSettings(raw ?? initialSettingsRaw, RULE_IDS);
        reportProblems(parsed.problems);
        return parsed.settings;
      },
      () => initialSettings,
    );
    settingsCache.set(uri, settings);
  }
  return settings;
}

let initialSettingsRaw: unknown;

connection.onInitialize((params) => {
  const capabilities = params.capabilities;
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  configurationRequests = capabilities.workspace?.configuration === true;
  workspaceFolderEvents = capabilities.workspace?.workspaceFolders === true;
  workDoneProgress = capabilities.window?.workDoneProgress === true;
  initialSettingsRaw = (params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions;
  const parsed = parseSettings(initialSettingsRaw, RULE_IDS);
  initialSettings = parsed.settings;
  workspaceRoots = (params.workspaceFolders ?? []).map((folder) => filePathOf(folder.uri)).filter((root): root is string => root !== undefined);
  if (workspaceRoots.length === 0 && params.rootUri) {
    const root = filePathOf(params.rootUri);
    if (root) workspaceRoots = [root];
  }
  // Cross-file analysis reads open editors' unsaved text first, the disk otherwise.
  setModuleReader((file) => documents.get(pathToFileURL(file).toString())?.getText() ?? readModuleFromDisk(file));
  setOpenFilesProvider(() => documents.all().flatMap((document) => filePathOf(document.uri) ?? []));
  queueMicrotask(() => reportProblems(parsed.problems));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      executeCommandProvider: { commands: [SHOW_DOCUMENTATION] },
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'observability', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'observability-lint-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  // Only clients that announce workspace folders may be asked for their change events.
  if (!workspaceFolderEvents) return;
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(event.removed.map((folder) => filePathOf(folder.uri)));
    workspaceRoots = [...workspaceRoots.filter((root) => !removed.has(root)), ...event.added.map((folder) => filePathOf(folder.uri)).filter((root): root is string => root !== undefined)];
  });
});

/** Lints the current version of a document; results for older versions are never published. */
async function lintDocument(document: TextDocument): Promise<{ version: number; outcome: LintOutcome } | undefined> {
  const cached = results.get(document.uri);
  if (cached?.version === document.version) return cached;
  const filePath = filePathOf(document.uri);
  if (!filePath || !linter.isLintable(filePath)) return undefined;
  const settings = await settingsFor(document.uri);
  if (!settings.enable) return { version: document.version, outcome: { messages: [], via: 'bundled' } };
  const version = document.version;
  let outcome: LintOutcome;
  // The first lint in a project builds its service model across files: the one step that can take a moment.
  const progress = workDoneProgress && !hasServiceModel(filePath) ? await connection.window.createWorkDoneProgress() : undefined;
  if (progress) {
    progress.begin('Observability Lint', undefined, `Analyzing the service around ${path.basename(filePath)}…`);
    // Let the notification go out before the synchronous analysis takes the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
  try {
    outcome = await linter.lint(document.getText(), filePath, settings, workspaceRootOf(filePath));
  } catch (error) {
    connection.console.error(`Linting ${filePath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    outcome = { messages: [], via: 'bundled' };
  }
  progress?.done();
  if (outcome.skipped && !skippedNotified.has(document.uri)) {
    skippedNotified.add(document.uri);
    connection.console.info(`Observability Lint skipped ${filePath}: ${outcome.skipped}.`);
  }
  const latest = documents.get(document.uri);
  if (!latest || latest.version !== version) return undefined;
  const result = { version, outcome };
  results.set(document.uri, result);
  return result;
}

async function publish(document: TextDocument): Promise<void> {
  const result = await lintDocument(document);
  if (!result) return;
  const diagnostics: Diagnostic[] = toDiagnostics(result.outcome.messages);
  await connection.sendDiagnostics({ uri: document.uri, version: result.version, diagnostics });
}

function schedule(document: TextDocument, delay: number): void {
  clearTimeout(timers.get(document.uri));
  if (pullDiagnostics) {
    // The client pulls; tell it something changed once the debounce settles.
    timers.set(document.uri, setTimeout(() => connection.languages.diagnostics.refresh(), delay));
    return;
  }
  timers.set(document.uri, setTimeout(() => void publish(document), delay));
}

const openedVersions = new Map<string, number>();
/**
 * Other open files of the same project may depend on `changed` (a router its app mounts, a metric it
 * declares): relint them soon. Files of other projects cannot depend on it and are left alone.
 */
function relintDependents(changed: TextDocument): void {
  const changedPath = filePathOf(changed.uri);
  if (!changedPath) return;
  const project = findProjectRoot(changedPath);
  for (const other of documents.all()) {
    const otherPath = filePathOf(other.uri);
    if (other.uri === changed.uri || !otherPath || findProjectRoot(otherPath) !== project) continue;
    results.delete(other.uri);
    schedule(other, DEPENDENTS_DEBOUNCE_MS);
  }
}

documents.onDidOpen(async (event) => {
  openedVersions.set(event.document.uri, event.document.version);
  schedule(event.document, 0);
  relintDependents(event.document);
});
documents.onDidChangeContent(async (event) => {
  // TextDocuments reports the opening as a change too: that version is already scheduled.
  if (openedVersions.get(event.document.uri) === event.document.version) return;
  const settings = await settingsFor(event.document.uri);
  if (settings.run === 'onType') {
    schedule(event.document, DEBOUNCE_MS);
    relintDependents(event.document);
  }
});
documents.onDidSave(async (event) => {
  const settings = await settingsFor(event.document.uri);
  if (settings.run === 'onSave') schedule(event.document, 0);
});
documents.onDidClose((event) => {
  clearTimeout(timers.get(event.document.uri));
  openedVersions.delete(event.document.uri);
  results.delete(event.document.uri);
  settingsCache.delete(event.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(async (params, token: CancellationToken): Promise<DocumentDiagnosticReport> => {
  const document = documents.get(params.textDocument.uri);
  if (!document || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const result = await lintDocument(document);
  return { kind: DocumentDiagnosticReportKind.Full, items: result && !token.isCancellationRequested ? toDiagnostics(result.outcome.messages) : [] };
});

connection.onCodeAction(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const result = await lintDocument(document);
  if (!result || token.isCancellationRequested) return [];
  const only = params.context.only;
  const actions = [];
  if (!only || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind))) {
    actions.push(...quickFixes(document, result.outcome.messages, params.range));
  }
  if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind !== '')) {
    const filePath = filePathOf(document.uri);
    const fixAll = filePath ? fixAllAction(document, linter.fixAll(document.getText(), filePath, await settingsFor(document.uri))) : undefined;
    if (fixAll) actions.push(fixAll);
  }
  return actions;
});

connection.onExecuteCommand(async (params) => {
  if (params.command === SHOW_DOCUMENTATION && typeof params.arguments?.[0] === 'string') {
    await connection.window.showDocument({ uri: params.arguments[0], external: true });
    return;
  }
  connection.console.warn(`Unknown command ${params.command}.`);
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  results.clear();
  if (!configurationRequests) {
    const raw = (change.settings as { observabilityLint?: unknown } | undefined)?.observabilityLint;
    const parsed = parseSettings(raw, RULE_IDS);
    reportProblems(parsed.problems);
    initialSettings = parsed.settings;
  }
  linter.reset();
  for (const document of documents.all()) schedule(document, 0);
});

connection.onDidChangeWatchedFiles(() => {
  // Files were created, deleted or changed outside the editor: the cross-file model must be rebuilt.
  clearModuleCaches();
  results.clear();
  linter.reset();
  for (const document of documents.all()) schedule(document, DEBOUNCE_MS);
});

process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
