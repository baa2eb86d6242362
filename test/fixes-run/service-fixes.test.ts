import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freeLoopbackPort, repoRoot } from '../helpers';
import { applyServiceFixes, copyService, lintService, SERVICE_RULES } from './service-fixes';

/**
 * Each fixture service lacks request logging, request IDs, timing and probes. The test applies every fix or first
 * suggestion of the four service rules until none is left, type-checks TypeScript services, starts the service on
 * 127.0.0.1 and checks over real HTTP what the inserted code does.
 */
interface ServiceCase {
  name: string;
  framework: string;
  /** TypeScript services are type-checked and compiled (tsc -p) before they run. */
  typescript: boolean;
  /** The service records a request histogram (prom-client is a dependency). */
  metrics: boolean;
  /** A harness that imports the fixed app module, registers a readiness check and listens on process.env.PORT. */
  harness: { file: string; code: string };
  /** More files the harness needs (relative path → text). */
  harnessFiles?: Record<string, string>;
  /** Next.js: built with `next build`, served by `next start` (the harness is its instrumentation.ts). */
  next?: boolean;
  /** A route whose handler logs `message` with the app's logger: that line must carry the request id (pino mixin). */
  appLog?: { path: string; message: string };
  /** The route template the histogram records for `/users/:id` requests (default `/users/:id`). */
  userRouteTemplate?: string;
}

const READY_CHECK = "() => { if (fs.existsSync(process.env.READY_FAIL_FILE)) throw new Error('dependency down'); }";

const CASES: ServiceCase[] = [
  {
    name: 'express-ts',
    framework: 'Express 5, TypeScript, ESM, pino, prom-client, router in its own file',
    typescript: true,
    metrics: true,
    appLog: { path: '/', message: 'service info requested' },
    harness: {
      file: 'harness.mjs',
      code: `import fs from 'node:fs';\nimport { app, registerReadinessCheck } from './dist/app.js';\nregisterReadinessCheck('flag', ${READY_CHECK});\napp.listen(Number(process.env.PORT), '127.0.0.1');\n`,
    },
  },
  {
    name: 'express-cjs',
    framework: 'Express 5, JavaScript, CommonJS, winston, no prom-client, app factory, router in its own file',
    typescript: false,
    metrics: false,
    harness: {
      file: 'harness.cjs',
      code: `const fs = require('node:fs');\nconst service = require('./app.js');\nservice.registerReadinessCheck('flag', ${READY_CHECK});\nservice.createApp().listen(Number(process.env.PORT), '127.0.0.1');\n`,
    },
  },
  {
    name: 'fastify-esm',
    framework: 'Fastify 5, JavaScript, ESM, prom-client, plugin with prefix in its own file',
    typescript: false,
    metrics: true,
    harness: {
      file: 'harness.mjs',
      code: `import fs from 'node:fs';\nimport { buildApp, registerReadinessCheck } from './app.js';\nregisterReadinessCheck('flag', ${READY_CHECK});\nawait buildApp().listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n`,
    },
  },
  {
    name: 'fastify-cjs',
    framework: 'Fastify 5, JavaScript, CommonJS, prom-client, buildApp() factory, route plugins held in variables',
    typescript: false,
    metrics: true,
    harness: {
      file: 'harness.cjs',
      code: `const fs = require('node:fs');\nconst { buildApp, registerReadinessCheck } = require('./app.js');\nregisterReadinessCheck('flag', ${READY_CHECK});\nbuildApp().listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n`,
    },
  },
  {
    name: 'koa-cjs',
    framework: 'Koa 3 + @koa/router, JavaScript, CommonJS, console, prom-client, router in its own file',
    typescript: false,
    metrics: true,
    harness: {
      file: 'harness.cjs',
      code: `const fs = require('node:fs');\nconst app = require('./app.js');\napp.registerReadinessCheck('flag', ${READY_CHECK});\napp.listen(Number(process.env.PORT), '127.0.0.1');\n`,
    },
  },
  {
    name: 'hono-ts',
    framework: 'Hono 4 on @hono/node-server, TypeScript, ESM, console, no prom-client, sub-app in its own file',
    typescript: true,
    metrics: false,
    harness: {
      file: 'harness.mjs',
      code: `import fs from 'node:fs';\nimport { serve } from '@hono/node-server';\nimport { app, registerReadinessCheck } from './dist/app.js';\nregisterReadinessCheck('flag', ${READY_CHECK});\nserve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });\n`,
    },
  },
  {
    name: 'nest-ts',
    framework:
      'NestJS 11 (Express platform), TypeScript, CommonJS, Nest Logger, prom-client, controller in its own module',
    typescript: true,
    metrics: true,
    harness: {
      file: 'harness.cjs',
      code: `const fs = require('node:fs');\nconst main = require('./dist/main.js');\nmain.registerReadinessCheck('flag', ${READY_CHECK});\nvoid main.bootstrap(Number(process.env.PORT));\n`,
    },
  },
  {
    name: 'next-ts',
    framework: 'Next.js 16 App Router, TypeScript, route handlers in their own files, prom-client, console',
    typescript: true,
    metrics: true,
    next: true,
    userRouteTemplate: '/users/[id]',
    harness: {
      // Next.js runs register() once per server: the readiness check is registered where the app starts.
      file: 'instrumentation.ts',
      code: "export async function register(): Promise<void> {\n  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');\n}\n",
    },
    harnessFiles: {
      'instrumentation-node.ts': `import fs from 'node:fs';\nimport { registerReadinessCheck } from './lib/observability';\n\nregisterReadinessCheck('flag', ${READY_CHECK.replace('process.env.READY_FAIL_FILE', "process.env.READY_FAIL_FILE ?? ''")});\n`,
    },
  },
];

const VALID_ID = 'trace-Abc.123_xyz';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A raw HTTP/1.1 request over a socket, so that header bytes Node's client refuses (non-ASCII) can be sent. */
function rawGet(port: number, pathname: string, headers: Record<string, Buffer | string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`timeout on ${pathname}`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body = text.slice(split + 4);
      if (parsed['transfer-encoding'] === 'chunked') body = dechunk(body);
      resolve({
        status: Number(statusLine?.split(' ')[1]),
        headers: parsed,
        body: Buffer.from(body, 'latin1').toString('utf8'),
      });
    });
    const head = [Buffer.from(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`, 'latin1')];
    for (const [name, value] of Object.entries(headers))
      head.push(
        Buffer.concat([
          Buffer.from(`${name}: `, 'latin1'),
          typeof value === 'string' ? Buffer.from(value, 'latin1') : value,
          Buffer.from('\r\n', 'latin1'),
        ]),
      );
    head.push(Buffer.from('\r\n', 'latin1'));
    // write, not end: a half-closed socket reads as a client gone away to servers that watch for it (Next.js).
    socket.write(Buffer.concat(head));
  });
}

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

const NEXT_BIN = path.join(repoRoot(), 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * `next build`: compiles every route and type-checks the project as Next.js sees it. Next.js installs what it
 * misses (TypeScript, @types/react) into the project, which would shadow the repository's React: fail instead.
 */
function runNextBuild(dir: string): void {
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    timeout: 240_000,
  });
  assert.equal(
    result.status,
    0,
    `next build failed in ${dir}:\n${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}`,
  );
  assert.ok(
    !fs.existsSync(path.join(dir, 'node_modules')),
    `next build installed packages into ${dir}:\n${result.stdout}`,
  );
}

function runTsc(dir: string, ...extra: string[]): void {
  const tsc = path.join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json'), ...extra], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `tsc ${extra.join(' ')} failed in ${dir}:\n${result.stdout}${result.stderr}`);
}

async function waitUntilUp(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output()}`);
    try {
      const reply = await rawGet(port, '/health');
      if (reply.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service did not answer /health on 127.0.0.1:${port}:\n${output()}`);
}

describe('service fixes, applied to real services and exercised over HTTP on 127.0.0.1', function () {
  // next build takes up to a minute on two cores.
  this.timeout(300_000);

  for (const service of CASES) {
    describe(`${service.name}: ${service.framework}`, () => {
      let dir: string;
      let child: ChildProcess | undefined;
      let output = '';
      let port = 0;
      const failFile = path.join(os.tmpdir(), `observability-lint-ready-${process.pid}-${service.name}`);

      before(async () => {
        dir = copyService(service.name);
        const before = lintService(dir);
        for (const rule of SERVICE_RULES)
          assert.ok(
            before.some((finding) => finding.ruleId === rule),
            `${rule} reports the fixture before the fixes`,
          );
        const { applied, left } = applyServiceFixes(dir);
        assert.deepEqual(left, [], 'every finding of the four rules is fixed');
        // Three or four edits: a request log with a duration also satisfies timing when there is no metrics library.
        assert.ok(applied.length >= 3, `applied: ${JSON.stringify(applied)}`);
        if (service.typescript) {
          runTsc(dir, '--noEmit');
          if (!service.next) runTsc(dir);
        }
        fs.writeFileSync(path.join(dir, service.harness.file), service.harness.code);
        for (const [file, text] of Object.entries(service.harnessFiles ?? {}))
          fs.writeFileSync(path.join(dir, file), text);
        if (service.next) runNextBuild(dir);
        fs.rmSync(failFile, { force: true });
        port = await freeLoopbackPort();
        const env = { ...process.env, PORT: String(port), READY_FAIL_FILE: failFile, NEXT_TELEMETRY_DISABLED: '1' };
        const command = service.next
          ? [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)]
          : [path.join(dir, service.harness.file)];
        child = spawn(process.execPath, command, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        await waitUntilUp(port, child, () => output);
      });

      after(async () => {
        fs.rmSync(failFile, { force: true });
        if (child && child.exitCode === null) {
          const exited = new Promise((resolve) => child!.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
      });

      it('a second pass offers nothing and every file still parses', () => {
        const again = applyServiceFixes(dir);
        assert.deepEqual(again.applied, []);
        assert.deepEqual(again.left, []);
      });

      it('echoes a valid incoming X-Request-ID and logs it on the request log line', async () => {
        const reply = await rawGet(port, '/users/7', { 'X-Request-ID': VALID_ID });
        assert.equal(reply.status, 200, reply.body);
        assert.equal(reply.headers['x-request-id'], VALID_ID);
        for (let attempt = 0; attempt < 50 && !output.includes(VALID_ID); attempt++)
          await new Promise((resolve) => setTimeout(resolve, 50));
        const line = output.split('\n').find((candidate) => candidate.includes(VALID_ID));
        assert.ok(line, `a log line carries the request id; output:\n${output}`);
      });

      if (service.appLog) {
        const { path: logPath, message } = service.appLog;
        it(`application log lines inside a request carry its id (${message})`, async () => {
          const id = 'app-log-check.1';
          assert.equal((await rawGet(port, logPath, { 'X-Request-ID': id })).status, 200);
          const carries = (): boolean =>
            output.split('\n').some((line) => line.includes(message) && line.includes(`"requestId":"${id}"`));
          for (let attempt = 0; attempt < 50 && !carries(); attempt++)
            await new Promise((resolve) => setTimeout(resolve, 50));
          assert.ok(carries(), `a "${message}" line with "requestId":"${id}"; output:\n${output}`);
        });
      }

      it('generates an id when none is sent', async () => {
        const reply = await rawGet(port, '/users/8');
        assert.equal(reply.status, 200);
        assert.match(reply.headers['x-request-id'] ?? '', UUID);
      });

      for (const [label, value] of [
        ['with spaces', 'abc def'],
        ['of 300 characters', 'a'.repeat(300)],
        ['with non-ASCII bytes', Buffer.from('café-ü-id', 'utf8')],
        ['with a header-injection attempt', 'abc%0d%0aSet-Cookie:x'],
      ] as const) {
        it(`replaces an invalid incoming id ${label}`, async () => {
          const reply = await rawGet(port, '/users/9', { 'X-Request-ID': value });
          assert.equal(reply.status, 200);
          assert.match(reply.headers['x-request-id'] ?? '', UUID);
        });
      }

      it('answers GET /health with 200 {"status":"ok"}', async () => {
        const reply = await rawGet(port, '/health');
        assert.equal(reply.status, 200);
        assert.deepEqual(JSON.parse(reply.body), { status: 'ok' });
      });

      it('answers GET /health/ready with 200 while the checks pass, 503 when one fails', async () => {
        const ready = await rawGet(port, '/health/ready');
        assert.equal(ready.status, 200, ready.body);
        assert.deepEqual(JSON.parse(ready.body), { status: 'ready', checks: { flag: 'ok' } });
        fs.writeFileSync(failFile, 'down');
        const notReady = await rawGet(port, '/health/ready');
        fs.rmSync(failFile, { force: true });
        assert.equal(notReady.status, 503, notReady.body);
        assert.deepEqual(JSON.parse(notReady.body), { status: 'not_ready', checks: { flag: 'failed' } });
        assert.equal((await rawGet(port, '/health/ready')).status, 200);
      });

      if (service.metrics) {
        it('exposes the request histogram on /metrics with route templates, never concrete ids', async () => {
          for (let id = 1; id <= 50; id++) assert.equal((await rawGet(port, `/users/${id}`)).status, 200);
          assert.equal((await rawGet(port, '/no/such/route/42')).status, 404);
          const metrics = await rawGet(port, '/metrics');
          assert.equal(metrics.status, 200);
          assert.match(metrics.headers['content-type'] ?? '', /^text\/plain/);
          const routes = new Set(
            [...metrics.body.matchAll(/^http_request_duration_seconds_count\{[^}]*route="([^"]*)"/gm)].map(
              (match) => match[1],
            ),
          );
          assert.ok(routes.has(service.userRouteTemplate ?? '/users/:id'), `routes: ${[...routes].join(', ')}`);
          // Next.js answers unknown paths without a route handler: nothing is recorded for them.
          if (!service.next)
            assert.ok(routes.has('unmatched'), `unmatched requests share one series: ${[...routes].join(', ')}`);
          assert.ok(![...routes].some((route) => /\d/.test(route ?? '')), `no concrete ids: ${[...routes].join(', ')}`);
          assert.ok(
            ![...routes].some((route) => route === '/health' || route === '/metrics'),
            'probes and scrapes stay out of the histogram',
          );
          assert.match(metrics.body, /^http_request_duration_seconds_bucket\{[^}]*le="0\.005"/m);
        });
      } else {
        it('logs each request with its duration', async () => {
          await rawGet(port, '/users/11', { 'X-Request-ID': 'timing-check-11' });
          for (let attempt = 0; attempt < 50 && !output.includes('timing-check-11'); attempt++)
            await new Promise((resolve) => setTimeout(resolve, 50));
          const line = output.split('\n').find((candidate) => candidate.includes('timing-check-11'));
          assert.ok(line && /duration_ms/.test(line), `a request line with duration_ms; output:\n${output}`);
        });
      }
    });
  }
});
