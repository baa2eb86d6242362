import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  AnalysisHost,
  analysisHostFor,
  analysisHosts,
  findProjectRoot,
  hasServiceModel,
  type ModuleFileChange,
  registerAnalysisHost,
} from 'eslint-plugin-observability/service-model';
import {
  type CancellationToken,
  CodeActionKind,
  createConnection,
  type Diagnostic,
  type Range,
  type WorkspaceEdit,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { admits, FIX_ALL_KIND, fixAllAction, quickFixes, SHOW_DOCUMENTATION } from './codeActions';
import {
  type EditableText,
  INSERT_COMMANDS,
  offsetsOf,
  planInsertion,
  WRAP_IN_TIMING,
  wrapInTimingAction,
} from './commands';
import { toDiagnostics } from './diagnostics';
import { projectFixActions } from './projectFixes';
import { DocumentLinter, KNOWN_SETTINGS, type LintOutcome } from './lint';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
import { SERVER_COMMANDS, SERVICE_REPORT_REQUEST, type ServiceReportParams, SETTINGS_SECTION } from './protocol';
import { serviceReports } from './serviceReport';

/** Wiring only: features live in settings.ts, lint.ts, diagnostics.ts and codeActions.ts. */
// `--stdio`, `--node-ipc` or `--socket=N` are read from the command line by vscode-languageserver.
const connection = createConnection();
const documents = new TextDocuments(TextDocument);
const linter = new DocumentLinter();
const DEBOUNCE_MS = 150;
const DEPENDENTS_DEBOUNCE_MS = 400;
/**
 * Sources whose ASTs the analysis keeps between edits: an edit rebuilds its project's model, and with the other
 * modules still parsed only the edited file is parsed again. A one-shot lint keeps far fewer; here ~4 MB of sources
 * (a few hundred modules, ~450 MB at most) per workspace folder.
 */
const EDITOR_MODULE_CACHE_BYTES = 4 * 1024 * 1024;

let pullDiagnostics = false;
let createFileSupport = false;
let workspaceFolderEvents = false;
let workDoneProgress = false;
let configurationRequests = false;
let watchedFilesRegistration = false;
let disabledActionSupport = false;
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

/** Settings as the client sent them, checked (problems logged); rule options ESLint rejects are dropped. */
function readSettings(raw: unknown): Settings {
  const parsed = parseSettings(raw, KNOWN_SETTINGS);
  const settings = withValidRuleOptions(parsed.settings, parsed.problems);
  reportProblems(parsed.problems);
  return settings;
}

/** Rule options are checked by ESLint against each rule's schema: invalid ones would fail every lint. */
function withValidRuleOptions(settings: Settings, problems: string[]): Settings {
  const error = linter.checkRuleOptions(settings);
  if (!error) return settings;
  problems.push(`observabilityLint rule options were rejected (${error}); the rules' default options are used.`);
  const severities = Object.fromEntries(
    Object.entries(settings.rules).map(([id, setting]) => [id, Array.isArray(setting) ? setting[0] : setting]),
  );
  return { ...settings, rules: severities, pii: {} };
}

function workspaceRootOf(filePath: string): string | undefined {
  return workspaceRoots.filter((root) => filePath.startsWith(root + path.sep)).sort((a, b) => b.length - a.length)[0];
}

async function settingsFor(uri: string): Promise<Settings> {
  if (!configurationRequests) return initialSettings;
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
      (raw: unknown) => {
        return readSettings(raw ?? initialSettingsRaw);
      },
      (error: unknown) => {
        connection.console.warn(
          `workspace/configuration failed for ${uri} (${String(error)}); using the initial settings.`,
        );
        return initialSettings;
      },
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
  watchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  disabledActionSupport = capabilities.textDocument?.codeAction?.disabledSupport === true;
  // Project fixes create files: only clients that apply `create` resource operations get them.
  createFileSupport =
    capabilities.workspace?.workspaceEdit?.documentChanges === true &&
    (capabilities.workspace.workspaceEdit.resourceOperations ?? []).includes('create');
  initialSettingsRaw =
    (params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions;
  const parsed = parseSettings(initialSettingsRaw, KNOWN_SETTINGS);
  initialSettings = withValidRuleOptions(parsed.settings, parsed.problems);
  workspaceRoots = (params.workspaceFolders ?? [])
    .map((folder) => filePathOf(folder.uri))
    .filter((root): root is string => root !== undefined);
  if (workspaceRoots.length === 0 && params.rootUri) {
    const root = filePathOf(params.rootUri);
    if (root) workspaceRoots = [root];
  }
  serveFolders(workspaceRoots);
  queueMicrotask(() => reportProblems(parsed.problems));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
      executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
      ...(pullDiagnostics
        ? {
            diagnosticProvider: {
              identifier: 'observability',
              interFileDependencies: true,
              workspaceDiagnostics: false,
            },
          }
        : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'observability-lint-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  // Files the service model reads can change outside the editor (git checkout, a generator, another tool).
  if (watchedFilesRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}' },
        { globPattern: '**/package.json' },
        { globPattern: '**/{tsconfig,jsconfig}*.json' },
        { globPattern: '**/eslint.config.*' },
      ],
    });
  }
  // Only clients that announce workspace folders may be asked for their change events.
  if (!workspaceFolderEvents) return;
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(event.removed.map((folder) => filePathOf(folder.uri)));
    workspaceRoots = [
      ...workspaceRoots.filter((root) => !removed.has(root)),
      ...event.added.map((folder) => filePathOf(folder.uri)).filter((root): root is string => root !== undefined),
    ];
    serveFolders(workspaceRoots);
    for (const document of documents.all()) schedule(document, 0);
  });
});

/** The analysis host of each workspace folder (and one for files outside them), by folder: their caches are apart. */
const folderHosts = new Map<string, () => void>();

function serveFolders(roots: readonly string[]): void {
  // Files opened outside every folder are served too, with the editor's buffers (the filesystem root holds them).
  const wanted = new Set([...roots.map((root) => path.resolve(root)), path.parse(process.cwd()).root]);
  for (const [root, unregister] of folderHosts) {
    if (wanted.has(root)) continue;
    unregister();
    folderHosts.delete(root);
    results.clear();
  }
  for (const root of wanted) {
    if (folderHosts.has(root)) continue;
    // Cross-file analysis reads open editors' unsaved text first, the disk otherwise.
    const host = new AnalysisHost({
      buffers: (file) => documents.get(pathToFileURL(file).toString())?.getText(),
      openFiles: () => documents.all().flatMap((document) => filePathOf(document.uri) ?? []),
      moduleCacheBytes: EDITOR_MODULE_CACHE_BYTES,
    });
    folderHosts.set(root, registerAnalysisHost(root, host));
  }
}

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
  const progress =
    workDoneProgress && !hasServiceModel(filePath) ? await connection.window.createWorkDoneProgress() : undefined;
  if (progress) {
    progress.begin('Observability Lint', undefined, `Analyzing the service around ${path.basename(filePath)}…`);
    // Let the notification go out before the synchronous analysis takes the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
  try {
    outcome = await linter.lint(document.getText(), filePath, settings, workspaceRootOf(filePath));
  } catch (error) {
    connection.console.error(
      `Linting ${filePath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
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
    timers.set(
      document.uri,
      setTimeout(() => void connection.languages.diagnostics.refresh(), delay),
    );
    return;
  }
  timers.set(
    document.uri,
    setTimeout(() => void publish(document), delay),
  );
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

documents.onDidOpen((event) => {
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
  return {
    kind: DocumentDiagnosticReportKind.Full,
    items: result && !token.isCancellationRequested ? toDiagnostics(result.outcome.messages) : [],
  };
});

/** An open document, else the file on disk: what a command edits. */
function editableText(filePath: string): EditableText | undefined {
  const uri = pathToFileURL(filePath).toString();
  const open = documents.get(uri);
  if (open) return { uri, filePath, text: open.getText(), version: open.version };
  const text = analysisHostFor(filePath).texts.text(filePath);
  return text === undefined ? undefined : { uri, filePath, text, version: null };
}

connection.onCodeAction(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const result = await lintDocument(document);
  if (!result || token.isCancellationRequested) return [];
  const only = params.context.only;
  const actions = [];
  if (admits(only, CodeActionKind.QuickFix)) {
    actions.push(...quickFixes(document, result.outcome.messages, params.range));
  }
  const filePath = filePathOf(document.uri);
  if (filePath && createFileSupport && admits(only, CodeActionKind.QuickFix)) {
    const settings = await settingsFor(document.uri);
    actions.push(
      ...(await projectFixActions(filePath, result.outcome.messages, params.range, editableText, (rule) =>
        linter.ruleOptions(filePath, settings, workspaceRootOf(filePath), rule),
      )),
    );
  }
  if (filePath && admits(only, CodeActionKind.RefactorRewrite)) {
    const [start, end] = offsetsOf(document, params.range);
    const refactor = wrapInTimingAction(
      { uri: document.uri, filePath, text: document.getText(), version: document.version },
      start,
      end,
      disabledActionSupport,
    );
    if (refactor) actions.push(refactor);
  }
  if (admits(only, FIX_ALL_KIND)) {
    const fixAll = filePath
      ? fixAllAction(document, linter.fixAll(document.getText(), filePath, await settingsFor(document.uri)))
      : undefined;
    if (fixAll) actions.push(fixAll);
  }
  return actions;
});

/** The file a command acts on: its first argument (a URI), else the only open document. */
function commandTarget(argument: unknown): string | undefined {
  const uri = typeof argument === 'string' ? argument : (argument as { uri?: unknown } | undefined)?.uri;
  if (typeof uri === 'string') return filePathOf(uri);
  const open = documents.all();
  return open.length === 1 ? filePathOf(open[0].uri) : undefined;
}

async function applyOrTell(
  outcome: { edit: WorkspaceEdit; title: string } | { message: string; level: 'info' | 'warning' },
): Promise<boolean> {
  if ('message' in outcome) {
    // A notification: the message needs no answer (showWarningMessage would be a request waiting for one).
    void connection.sendNotification(ShowMessageNotification.type, {
      type: outcome.level === 'warning' ? MessageType.Warning : MessageType.Info,
      message: outcome.message,
    });
    return false;
  }
  const applied = await connection.workspace.applyEdit({ label: outcome.title, edit: outcome.edit });
  if (!applied.applied)
    connection.console.warn(
      `The editor did not apply "${outcome.title}"${applied.failureReason ? `: ${applied.failureReason}` : ''}.`,
    );
  return applied.applied;
}

connection.onExecuteCommand(async (params) => {
  const commandArguments: unknown[] = params.arguments ?? [];
  const [first, second] = commandArguments;
  if (params.command === SHOW_DOCUMENTATION && typeof first === 'string') {
    await connection.window.showDocument({ uri: first, external: true });
    return;
  }
  if (params.command in INSERT_COMMANDS || params.command === WRAP_IN_TIMING) {
    const filePath = commandTarget(first);
    if (!filePath) {
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `${params.command} needs the file to act on (a document URI as its argument).`,
      });
      return false;
    }
    if (params.command === WRAP_IN_TIMING) return applyOrTell(wrapCommand(filePath, second as Range | undefined));
    const settings = await settingsFor(pathToFileURL(filePath).toString());
    const ruleOptions = await linter.ruleOptions(
      filePath,
      settings,
      workspaceRootOf(filePath),
      INSERT_COMMANDS[params.command].rule,
    );
    return applyOrTell(
      planInsertion(
        params.command,
        filePath,
        editableText,
        (text, file, rule) => linter.lintWithRule(text, file, settings, rule),
        createFileSupport,
        ruleOptions,
      ),
    );
  }
  connection.console.warn(`Unknown command ${params.command}.`);
  return undefined;
});

function wrapCommand(
  filePath: string,
  range: Range | undefined,
): { edit: WorkspaceEdit; title: string } | { message: string; level: 'info' | 'warning' } {
  const target = editableText(filePath);
  if (!target || !range)
    return { message: 'Wrap in timing needs a document and a selection (an awaited call).', level: 'info' };
  const document = TextDocument.create(target.uri, '', target.version ?? 0, target.text);
  const [start, end] = offsetsOf(document, range);
  const action = wrapInTimingAction(target, start, end, true);
  if (!action)
    return { message: 'Put the cursor on an awaited call (`await db.query(…)`) to wrap it in timing.', level: 'info' };
  if (action.disabled || !action.edit)
    return { message: action.disabled?.reason ?? 'Cannot wrap this call.', level: 'warning' };
  return { edit: action.edit, title: action.title };
}

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  results.clear();
  if (!configurationRequests) {
    const raw = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    initialSettings = readSettings(raw);
  }
  linter.reset();
  for (const document of documents.all()) schedule(document, 0);
});

const CHANGE_KINDS: Record<FileChangeType, ModuleFileChange['kind']> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

connection.onDidChangeWatchedFiles((params) => {
  // Files were created, deleted or changed outside the editor: forget only those (and what depends on them).
  const changes = params.changes.flatMap((change) => {
    const file = filePathOf(change.uri);
    return file ? [{ file, kind: CHANGE_KINDS[change.type] ?? 'changed' }] : [];
  });
  if (changes.length === 0) return;
  // A file of one folder may be read by another folder's analysis (an import across folders): every host is told.
  for (const host of analysisHosts()) host.invalidate(changes);
  if (changes.some(({ file }) => /(^|[\\/])eslint\.config\.[cm]?[jt]s$/.test(file))) linter.reset();
  const projects = new Set(changes.map(({ file }) => findProjectRoot(file)));
  for (const document of documents.all()) {
    const file = filePathOf(document.uri);
    if (!file || !projects.has(findProjectRoot(file))) continue;
    results.delete(document.uri);
    schedule(document, DEBOUNCE_MS);
  }
});

connection.onRequest(SERVICE_REPORT_REQUEST, (params: ServiceReportParams | undefined) =>
  serviceReports(params, workspaceRoots),
);

process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
