import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { freeLoopbackPort, repoRoot } from '../helpers';
import { applyServiceFixes, copyService } from '../fixes-run/service-fixes';

export const BIN = path.join(repoRoot(), 'eslint-plugin', 'bin', 'observability-lint.js');

/** Runs `observability-lint …` as a user would (node on the bin), returning its exit status and output. */
export function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Whether Debian's `prometheus` package (prometheus and promtool) is installed. */
export function hasPrometheus(): boolean {
  return ['prometheus', 'promtool'].every((tool) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0);
}

/**
 * Skips a suite that needs Prometheus when it is missing, saying so; under CI (where .ci/run installs the
 * `prometheus` package) a missing Prometheus fails the suite instead, so a skip never passes for a run.
 */
export function requirePrometheus(context: Mocha.Context): void {
  if (hasPrometheus()) return;
  if (process.env.CI)
    throw new Error('prometheus/promtool are not installed: .ci/run must `apt-get install -y prometheus`');
  console.warn(
    '    SKIPPED: prometheus and promtool are not installed here (apt-get install -y prometheus); the Prometheus test did not run.',
  );
  context.skip();
}

/** The `express-alerts` run-service with every service-rule suggestion applied (timing inserts the request histogram). */
export function fixedCheckoutService(): string {
  const dir = copyService('express-alerts');
  const { left } = applyServiceFixes(dir);
  assert.deepEqual(left, [], 'every finding of the service rules is fixed');
  return dir;
}

export interface RunningService {
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the fixed service (`node server.js`) on 127.0.0.1 and waits for GET /health. */
export async function startService(dir: string, env: Record<string, string>): Promise<RunningService> {
  const port = await freeLoopbackPort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(dir, 'server.js')], {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output}`);
    const status = await request(port, 'GET', '/health').then(
      (reply) => reply.status,
      () => 0,
    );
    if (status === 200) return { port, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`the service did not answer /health on 127.0.0.1:${port}:\n${output}`);
}

/** One HTTP request to loopback. */
export function request(port: number, method: string, pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${method} ${pathname}`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * The metric names in a PromQL expression or a Grafana `label_values(metric, label)` query: identifiers before a
 * selector or range (`name{…}`, `name[5m]`) and label_values' first argument; functions and keywords left out.
 */
export function metricNamesIn(expr: string): string[] {
  const names = new Set<string>();
  for (const match of expr.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\s*(?=[{[])/g)) names.add(match[1]);
  for (const match of expr.matchAll(/\blabel_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*[,)]/g)) names.add(match[1]);
  return [...names];
}

export function writeFile(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}
