import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freeLoopbackPort, repoRoot, withTimeout } from '../../helpers';

export const CODE_SERVER_VERSION = '4.100.3';
const CHROMIUM = '/usr/bin/chromium';

/** Where code-server is assembled (kept between runs on one machine; CI starts from nothing). */
export function codeServerHome(): string {
  return process.env.OBS_CODE_SERVER_DIR ?? path.join(os.tmpdir(), `observability-code-server-${CODE_SERVER_VERSION}`);
}

/** What is missing to run VS Code here, or undefined when everything is. */
export function missingPrerequisites(): string | undefined {
  const missing = ['g++', 'make', 'python3', 'rg'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
  );
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (spawnSync('sh', ['-c', 'ls /usr/include/gssapi/gssapi.h /usr/include/krb5.h >/dev/null 2>&1']).status !== 0)
    missing.push('libkrb5-dev');
  return missing.length ? missing.join(', ') : undefined;
}

/** Assembles code-server from the npm registry (about 100 s the first time); throws with the log when it fails. */
export function installCodeServer(): string {
  const home = codeServerHome();
  const run = spawnSync(
    'sh',
    [path.join(repoRoot(), 'test', 'e2e', 'vscode', 'install-code-server.sh'), home, CODE_SERVER_VERSION],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (run.status !== 0)
    throw new Error(
      `installing code-server ${CODE_SERVER_VERSION} failed (${run.status}):\n${run.stdout}\n${run.stderr}`,
    );
  return path.join(home, 'package');
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Answers the suite's showcase pauses: a screenshot of the workbench for each `<name>.ready`, then `<name>.done`. */
function photograph(
  page: import('playwright-core').Page,
  scratch: string,
  into: string,
  taken: string[],
): { stop(): Promise<void> } {
  fs.mkdirSync(into, { recursive: true });
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const entry of fs.readdirSync(scratch).filter((name) => name.endsWith('.ready'))) {
        const name = entry.slice(0, -'.ready'.length);
        const file = path.join(into, `vscode-${name}.png`);
        await page.screenshot({ path: file });
        taken.push(file);
        fs.renameSync(path.join(scratch, entry), path.join(scratch, `${name}.done`));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** Stops code-server and everything it started (VS Code server, extension host, language server): its process group. */
async function stopGroup(server: ChildProcess): Promise<void> {
  if (!server.pid || server.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-server.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const stopped = await withTimeout(
    exited.then(() => true),
    5_000,
    false,
  );
  signal('SIGKILL');
  if (!stopped) await exited;
}

export interface ExtensionTestRun {
  exitCode: number | 'timeout';
  results:
    | { passed: string[]; failed: Array<{ title: string; error: string }>; measurements?: Record<string, number> }
    | undefined;
  serverLog: string;
  screenshots: string[];
}

export interface ExtensionTestOptions {
  /** The code-server package directory (from installCodeServer). */
  codeServer: string;
  workspace: string;
  /** `extension` or `restricted`: which suite file the entry runs. */
  suite: string;
  /** Restricted Mode: workspace trust on, and the folder never trusted. */
  restricted?: boolean;
  /** Take screenshots of the workbench into this directory once the suite has finished (for the README). */
  screenshotDir?: string;
}

/**
 * Runs the extension's mocha suite inside code-server's Node extension host, driven by headless Chromium: the
 * workbench URL's `payload` carries extensionDevelopmentPath and extensionTestsPath, and the page calls
 * `codeAutomationExit(code)` when the suite settles. Everything listens on 127.0.0.1 only.
 */
export async function runExtensionTests(options: ExtensionTestOptions): Promise<ExtensionTestRun> {
  const port = await freeLoopbackPort();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-code-server-run-'));
  const results = path.join(scratch, 'results.json');
  const userSettings = path.join(scratch, 'user', 'User');
  fs.mkdirSync(userSettings, { recursive: true });
  fs.writeFileSync(
    path.join(userSettings, 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': options.restricted === true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
      'workbench.startupEditor': 'none',
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'git.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      'workbench.tips.enabled': false,
    }),
  );
  fs.writeFileSync(path.join(scratch, 'config.yaml'), 'auth: none\ncert: false\n');
  const args = [
    path.join(options.codeServer, 'out', 'node', 'entry.js'),
    '--config',
    path.join(scratch, 'config.yaml'),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.restricted ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    path.join(scratch, 'user'),
    '--extensions-dir',
    path.join(scratch, 'extensions'),
  ];
  const log = fs.openSync(path.join(scratch, 'server.log'), 'w');
  const server: ChildProcess = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
      XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
      XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
      OBS_VSCODE_RESULTS: results,
      OBS_VSCODE_SUITE: options.suite,
      ...(options.screenshotDir ? { OBS_VSCODE_SHOWCASE: scratch } : {}),
    },
  });
  const screenshots: string[] = [];
  let exitCode: number | 'timeout';
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);
    const authority = `127.0.0.1:${port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${repoRoot()}`],
      [
        'extensionTestsPath',
        `vscode-remote://${authority}${path.join(repoRoot(), 'out', 'test', 'vscode', 'index.js')}`,
      ],
    ]);
    const url = `http://${authority}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(payload)}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    const profile = path.join(scratch, 'chromium');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 860 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      let settle: (code: number) => void = () => undefined;
      const exited = new Promise<number>((resolve) => {
        settle = resolve;
      });
      await page.exposeFunction('codeAutomationLog', () => undefined);
      // The screenshots are taken before the workbench may close: hold the exit until they are done.
      await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
      await page.goto(url);
      const photographer = options.screenshotDir
        ? photograph(page, scratch, options.screenshotDir, screenshots)
        : undefined;
      exitCode = await withTimeout(exited, 240_000, 'timeout' as const);
      await photographer?.stop();
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    await stopGroup(server);
    fs.closeSync(log);
  }
  const serverLog = fs.readFileSync(path.join(scratch, 'server.log'), 'utf8');
  const parsed = fs.existsSync(results)
    ? (JSON.parse(fs.readFileSync(results, 'utf8')) as ExtensionTestRun['results'])
    : undefined;
  fs.rmSync(scratch, { recursive: true, force: true });
  return { exitCode, results: parsed, serverLog, screenshots };
}
