/** A real language server over stdio and the client side of the protocol, for the server's tests. */
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CodeAction,
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { fixturePath, repoRoot } from '../helpers';

export const SERVER = path.join(repoRoot(), 'server', 'bin', 'observability-lint-server.js');
export const WORKSPACE = fixturePath('lsp-workspace');
const WORKSPACE_OVERRIDE: { value: string | undefined } = { value: undefined };
export const FILE = path.join(WORKSPACE, 'src', 'login.ts');
export const URI = pathToFileURL(FILE).toString();
export const LEAKY =
  "import pino from 'pino';\nconst logger = pino();\nexport function login(password: string) {\n  logger.info({ password }, 'login');\n}\n";

export interface Session {
  connection: ProtocolConnection;
  child: ChildProcess;
  diagnostics: PublishDiagnosticsParams[];
  logs: Array<{ type: number; message: string }>;
  progress: Array<{ kind: string; message?: string }>;
  settings: { value: unknown };
  /** `window/showMessage` notifications. */
  messages: Array<{ type: number; message: string }>;
  /** `workspace/applyEdit` requests; `applyEdits` answers them (the default applies and answers true). */
  appliedEdits: Array<{ label?: string; edit: WorkspaceEdit }>;
  /** `client/registerCapability` registrations, by method. */
  registrations: Array<{ method: string; registerOptions?: unknown }>;
  waitForDiagnostics(
    predicate: (params: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams>;
  /** Resolves when `condition` holds after some notification or request from the server. */
  waitUntil(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** `createFiles`: the client applies `create` resource operations in workspace edits (default true). */
/** `folders`: the workspace folders (default: the fixture workspace); the client then announces folder change events. */
export async function startServer(
  options: {
    pull?: boolean;
    initializationOptions?: unknown;
    settings?: unknown;
    watchFiles?: boolean;
    disabledActions?: boolean;
    createFiles?: boolean;
    folders?: readonly string[];
  } = {},
): Promise<Session> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const diagnostics: PublishDiagnosticsParams[] = [];
  const logs: Array<{ type: number; message: string }> = [];
  const progress: Array<{ kind: string; message?: string }> = [];
  const settings = { value: options.settings };
  const messages: Array<{ type: number; message: string }> = [];
  const appliedEdits: Array<{ label?: string; edit: WorkspaceEdit }> = [];
  const registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  const waiters: Array<() => void> = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.push(params);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
    logs.push(params);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => settings.value ?? null),
  );
  connection.onRequest(
    'client/registerCapability',
    (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      registrations.push(...params.registrations);
      waiters.splice(0).forEach((wake) => wake());
      return null;
    },
  );
  connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
    messages.push(params);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.onRequest('workspace/applyEdit', (params: { label?: string; edit: WorkspaceEdit }) => {
    appliedEdits.push(params);
    waiters.splice(0).forEach((wake) => wake());
    return { applied: true };
  });
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('window/showDocument', () => ({ success: true }));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (params: { value: { kind: string; message?: string } }) => {
    progress.push(params.value);
  });
  connection.listen();
  const folders = options.folders ?? [WORKSPACE_OVERRIDE.value ?? WORKSPACE];
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folders[0]).toString(),
    workspaceFolders: folders.map((folder, index) => ({ uri: pathToFileURL(folder).toString(), name: `ws${index}` })),
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        applyEdit: true,
        workspaceEdit: { documentChanges: true, resourceOperations: options.createFiles === false ? [] : ['create'] },
        ...(options.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
        ...(options.folders ? { workspaceFolders: true } : {}),
      },
      window: { workDoneProgress: true },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        codeAction: options.disabledActions ? { disabledSupport: true } : {},
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    },
  });
  await connection.sendNotification('initialized', {});
  const waitForDiagnostics = (
    predicate: (params: PublishDiagnosticsParams) => boolean,
    timeoutMs = 20_000,
  ): Promise<PublishDiagnosticsParams> =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics within ${timeoutMs} ms; got ${JSON.stringify(diagnostics.map((d) => [d.version, d.diagnostics.length]))}`,
            ),
          ),
        timeoutMs,
      );
      const check = (): void => {
        const found = diagnostics.find(predicate);
        if (found) {
          clearTimeout(deadline);
          resolve(found);
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  const stop = async (): Promise<void> => {
    try {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } catch {
      // already gone
    }
    connection.dispose();
    child.kill();
  };
  const waitUntil = (condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
      const check = (): void => {
        if (condition()) {
          clearTimeout(deadline);
          resolve();
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  return {
    connection,
    child,
    diagnostics,
    logs,
    progress,
    settings,
    messages,
    appliedEdits,
    registrations,
    waitForDiagnostics,
    waitUntil,
    stop,
  };
}

/** A server whose only workspace folder is `folder`. */
export async function startServerIn(
  folder: string,
  settings: unknown,
  options: Omit<Parameters<typeof startServer>[0] & object, 'settings'> = {},
): Promise<Session> {
  const previous = WORKSPACE_OVERRIDE.value;
  WORKSPACE_OVERRIDE.value = folder;
  try {
    return await startServer({ ...options, settings });
  } finally {
    WORKSPACE_OVERRIDE.value = previous;
  }
}

export function open(session: Session, text: string, version = 1, uri = URI): Promise<void> {
  const languageId = uri.endsWith('.py') ? 'python' : 'typescript';
  return session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId, version, text },
  });
}

/** Applies a versioned workspace edit to a text, as an editor would. */
export function apply(text: string, edit: WorkspaceEdit | undefined): string {
  const change = edit?.documentChanges?.[0] as { edits: TextEdit[] } | undefined;
  assert.ok(change, 'the action carries a versioned edit');
  const lines = text.split('\n');
  const offset = (position: { line: number; character: number }): number =>
    lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  let result = text;
  for (const textEdit of [...change.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    result =
      result.slice(0, offset(textEdit.range.start)) + textEdit.newText + result.slice(offset(textEdit.range.end));
  }
  return result;
}

/**
 * Mocha hooks for tests that start their own servers on temporary projects: each test's server is stopped after
 * the test, the directories are removed after the suite.
 */
export function serverLifecycle(): { track(session: Session): Session; removeAfterAll(dir: string): string } {
  let current: Session | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    track(session) {
      current = session;
      return session;
    },
    removeAfterAll(dir) {
      dirs.push(dir);
      return dir;
    },
  };
}

/** The code actions of kind `only` at a position (an empty range, as a cursor). */
export function codeActionsAt(
  session: Session,
  uri: string,
  position: { line: number; character: number },
  only: string,
): Promise<CodeAction[]> {
  return session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: position, end: position },
    context: { diagnostics: [], only: [only] },
  });
}

/** A diagnostic's text: LSP 3.18 also allows markup, which this server never sends. */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
