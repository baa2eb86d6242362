import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PythonServiceConcern, PythonServiceProfile } from '../../eslint-plugin/src/fixes/python/service-fixes';
import { freeLoopbackPort } from '../helpers';
import {
  applyServiceSuggestions,
  lintPython,
  SERVICE_RULES,
  copyPythonService,
  get,
  request,
  PYTHON,
  pyCompileErrors,
  requirePythonModules,
  type HttpReply,
} from './python-service-fixes';

/**
 * Each FastAPI fixture service lacks request IDs, request timing, probes and a request log. The test applies the four
 * service fixes to its app module, checks that a second pass changes nothing and that every module compiles, starts
 * the service with uvicorn on 127.0.0.1 and checks over HTTP what the inserted code does.
 */
interface PythonServiceCase {
  name: string;
  description: string;
  /** The logger the service uses (what its request log lines look like). */
  logger: PythonServiceProfile['logger'];
  /** The modules `/usr/bin/python3` needs to run the service. */
  modules: string[];
  /**
   * The concerns whose rule's suggestion is applied, in the order the findings come (without a metrics library,
   * timing is the request log: once require-request-timing's is applied, require-route-logging finds nothing).
   */
  applied: PythonServiceConcern[];
  /** A path of a templated route, and the template the fixes must record for it. */
  route: { path: (id: number) => string; template: string };
  /** `harness.py`: imports the fixed app and registers the service's readiness check (as its authors would). */
  harness: string;
  /** The readiness check's name, how to make it fail and undo that, and what /health/ready then says of it. */
  readiness: { check: string; fail: (dir: string) => void; restore: (dir: string) => void; failure: string };
  /** An application log line written inside a request: it must carry the request id. */
  appLog: { path: string; message: string; carries: (line: string, id: string) => boolean };
  /** The service records a request histogram and serves /metrics. */
  metrics: boolean;
  /** A request whose handler raises (the service answers 500), and its route template. */
  failing?: { method: string; path: string; template: string };
  env: (dir: string) => Record<string, string>;
}

const CASES: PythonServiceCase[] = [
  {
    name: 'structlog-prom',
    description: 'FastAPI, structlog (JSON), prometheus_client, a router with a prefix in its own module, SQLite',
    logger: 'structlog',
    modules: ['fastapi', 'uvicorn', 'structlog', 'prometheus_client'],
    applied: ['correlationId', 'healthEndpoints', 'requestTiming', 'requestLogging'],
    route: { path: (id) => `/users/${id}`, template: '/users/{user_id}' },
    harness: [
      'import db',
      'from main import app, register_readiness_check',
      '',
      'register_readiness_check("database", db.ping)',
      '',
    ].join('\n'),
    readiness: {
      check: 'database',
      // The database goes away: its read-only connection fails.
      fail: (dir) => fs.renameSync(path.join(dir, 'users.db'), path.join(dir, 'users.db.moved')),
      restore: (dir) => fs.renameSync(path.join(dir, 'users.db.moved'), path.join(dir, 'users.db')),
      failure: 'failed',
    },
    appLog: {
      path: '/users/7',
      message: 'user fetched',
      carries: (line, id) => line.includes('"event": "user fetched"') && line.includes(`"request_id": "${id}"`),
    },
    metrics: true,
    env: (dir) => ({ USERS_DB: path.join(dir, 'users.db') }),
  },
  {
    name: 'logging-plain',
    description:
      'FastAPI, the logging module, no metrics library, the app built by a factory, a router mounted with a prefix',
    logger: 'logging',
    modules: ['fastapi', 'uvicorn'],
    applied: ['correlationId', 'healthEndpoints', 'requestTiming'],
    route: { path: (id) => `/api/v1/items/${id}`, template: '/api/v1/items/{item_id}' },
    harness: [
      'import asyncio',
      'import os',
      '',
      'from main import app, register_readiness_check',
      '',
      '',
      'async def warehouse() -> None:',
      '    """The warehouse API: it hangs while READY_SLOW_FILE exists."""',
      '    if os.path.exists(os.environ["READY_SLOW_FILE"]):',
      '        await asyncio.sleep(30)',
      '',
      '',
      'register_readiness_check("warehouse", warehouse)',
      '',
    ].join('\n'),
    readiness: {
      check: 'warehouse',
      // The check hangs: the 2 s timeout fails it.
      fail: (dir) => fs.writeFileSync(path.join(dir, 'slow'), 'hang'),
      restore: (dir) => fs.rmSync(path.join(dir, 'slow'), { force: true }),
      failure: 'timeout',
    },
    appLog: {
      path: '/api/v1/items/12',
      message: 'item fetched',
      // The service's own format, set through LOG_FORMAT to name the record's request_id.
      carries: (line, id) => line.includes('item fetched') && line.includes(`[${id}]`),
    },
    metrics: false,
    failing: {
      method: 'POST',
      path: '/api/v1/items/5/reservations',
      template: '/api/v1/items/{item_id}/reservations',
    },
    env: (dir) => ({
      READY_SLOW_FILE: path.join(dir, 'slow'),
      LOG_FORMAT: '%(levelname)s %(name)s [%(request_id)s] %(message)s',
    }),
  },
];

const VALID_ID = 'trace-Abc.123_xyz';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function pythonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.py') && !file.includes('__pycache__'))
    .map((file) => path.join(dir, file))
    .sort();
}

async function waitFor(condition: () => boolean, what: string, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(condition(), `${what}; output:\n${output()}`);
}

describe('Python service fixes, applied to FastAPI services run by uvicorn and exercised over HTTP on 127.0.0.1', function () {
  this.timeout(120_000);

  for (const service of CASES) {
    describe(`${service.name}: ${service.description}`, () => {
      let dir = '';
      let main = '';
      let child: ChildProcess | undefined;
      let output = '';
      let port = 0;
      let applied: string[] = [];
      let offered: string[] = [];
      const lines = (): string[] => output.split('\n');

      before(async function () {
        requirePythonModules(this, service.modules);
        dir = copyPythonService(service.name);
        main = path.join(dir, 'main.py');
        offered = (await lintPython(fs.readFileSync(main, 'utf8'), main))
          .filter((message) => (message.suggestions?.length ?? 0) > 0)
          .map((message) => message.ruleId!);
        applied = await applyServiceSuggestions(main);
        fs.writeFileSync(path.join(dir, 'harness.py'), service.harness);
        port = await freeLoopbackPort();
        child = spawn(PYTHON, ['-m', 'uvicorn', 'harness:app', '--host', '127.0.0.1', '--port', String(port)], {
          cwd: dir,
          env: { ...process.env, ...service.env(dir), PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        for (let attempt = 0; ; attempt++) {
          if (child.exitCode !== null) throw new Error(`uvicorn exited (${child.exitCode}):\n${output}`);
          try {
            if ((await get(port, '/health')).status === 200) break;
          } catch {
            // not listening yet
          }
          if (attempt > 200) throw new Error(`uvicorn did not answer /health on 127.0.0.1:${port}:\n${output}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });

      after(async () => {
        if (child && child.exitCode === null) {
          const exited = new Promise((resolve) => child!.once('exit', resolve));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child!.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      });

      it("applies the service rules' suggestions, one at a time; a second pass changes nothing; every module compiles", async () => {
        // Each of the four rules finds the untouched module lacking and offers its fix.
        assert.deepEqual([...offered].sort(), Object.values(SERVICE_RULES).sort());
        assert.deepEqual(
          applied,
          service.applied.map((concern) => SERVICE_RULES[concern]),
        );
        const once = fs.readFileSync(main, 'utf8');
        assert.deepEqual(await applyServiceSuggestions(main), []);
        const left = (await lintPython(once, main)).filter((message) =>
          Object.values(SERVICE_RULES).includes(message.ruleId ?? ''),
        );
        assert.deepEqual(left, [], 'the service rules find nothing left in the fixed module');
        assert.equal(fs.readFileSync(main, 'utf8'), once);
        assert.equal(pyCompileErrors(pythonFiles(dir)), '');
      });

      it('echoes a valid incoming X-Request-ID and logs it on the request log line', async () => {
        const reply = await get(port, service.route.path(7), { 'X-Request-ID': VALID_ID });
        assert.equal(reply.status, 200, reply.body);
        assert.equal(reply.headers.get('x-request-id'), VALID_ID);
        const logged = (): boolean =>
          lines().some((line) => line.includes('request completed') && line.includes(VALID_ID));
        await waitFor(logged, 'a request log line carries the request id', () => output);
      });

      it(`application log lines inside a request carry its id (${service.appLog.message})`, async () => {
        const id = 'app-log-check.1';
        assert.equal((await get(port, service.appLog.path, { 'X-Request-ID': id })).status, 200);
        await waitFor(
          () => lines().some((line) => service.appLog.carries(line, id)),
          `a "${service.appLog.message}" line carries ${id}`,
          () => output,
        );
      });

      it('generates an id when none is sent, a new one per request', async () => {
        const first = await get(port, service.route.path(8));
        const second = await get(port, service.route.path(8));
        assert.equal(first.status, 200);
        assert.match(first.headers.get('x-request-id') ?? '', UUID);
        assert.match(second.headers.get('x-request-id') ?? '', UUID);
        assert.notEqual(first.headers.get('x-request-id'), second.headers.get('x-request-id'));
      });

      for (const [label, value] of [
        ['with spaces', 'abc def'],
        ['of 129 characters', 'a'.repeat(129)],
        ['with non-ASCII bytes', Buffer.from('café-ü-id', 'utf8').toString('latin1')],
        ['with a header-injection attempt', 'abc%0d%0aSet-Cookie:x'],
        ['with a trailing newline escape', 'abc\\n'],
      ] as const) {
        it(`replaces an invalid incoming id ${label}`, async () => {
          const reply = await get(port, service.route.path(9), { 'X-Request-ID': value });
          assert.equal(reply.status, 200);
          assert.match(reply.headers.get('x-request-id') ?? '', UUID);
        });
      }

      it('keeps an id of exactly 128 safe characters', async () => {
        const id = 'A1._-'.repeat(25) + 'xyz';
        assert.equal(id.length, 128);
        assert.equal((await get(port, service.route.path(10), { 'X-Request-ID': id })).headers.get('x-request-id'), id);
      });

      it('answers GET /health with 200 {"status": "ok"}', async () => {
        const reply = await get(port, '/health');
        assert.equal(reply.status, 200);
        assert.deepEqual(JSON.parse(reply.body), { status: 'ok' });
      });

      it(`answers GET /health/ready with 200 while the checks pass, 503 naming the check when it ${service.readiness.failure === 'timeout' ? 'times out' : 'fails'}`, async () => {
        const ready = await get(port, '/health/ready');
        assert.equal(ready.status, 200, ready.body);
        assert.deepEqual(JSON.parse(ready.body), { status: 'ready', checks: { [service.readiness.check]: 'ok' } });
        service.readiness.fail(dir);
        let notReady: HttpReply;
        try {
          notReady = await get(port, '/health/ready');
        } finally {
          service.readiness.restore(dir);
        }
        assert.equal(notReady.status, 503, notReady.body);
        assert.deepEqual(JSON.parse(notReady.body), {
          status: 'not_ready',
          checks: { [service.readiness.check]: service.readiness.failure },
        });
        assert.equal((await get(port, '/health/ready')).status, 200);
      });

      it('logs each request once with method, route template, status and duration_ms, never the concrete path', async () => {
        const id = 'request-log-check.42';
        assert.equal((await get(port, service.route.path(42), { 'X-Request-ID': id })).status, 200);
        assert.equal((await get(port, '/no/such/route/42', { 'X-Request-ID': `${id}.missing` })).status, 404);
        const requestLines = (): string[] =>
          lines().filter((line) => line.includes('request completed') && line.includes(id));
        await waitFor(
          () => requestLines().length === 2,
          'two request log lines',
          () => output,
        );
        const [found, missing] = requestLines();
        if (service.logger === 'structlog') {
          const record = JSON.parse(found) as Record<string, unknown>;
          assert.equal(record.method, 'GET');
          assert.equal(record.route, service.route.template);
          assert.equal(record.status, 200);
          assert.equal(typeof record.duration_ms, 'number');
          assert.equal(record.request_id, id);
          assert.equal((JSON.parse(missing) as Record<string, unknown>).route, 'unmatched');
        } else {
          assert.match(
            found,
            new RegExp(
              `method=GET route=${escape(service.route.template)} status=200 duration_ms=\\d+(\\.\\d+)? request_id=${escape(id)}`,
            ),
          );
          assert.match(missing, /route=unmatched status=404 duration_ms=/);
        }
        assert.ok(!found.includes(service.route.path(42)), found);
        // Probes are not request-logged.
        await get(port, '/health', { 'X-Request-ID': 'probe-check.1' });
        await get(port, service.route.path(3), { 'X-Request-ID': 'after-probe.1' });
        await waitFor(
          () => output.includes('after-probe.1'),
          'the request after the probe is logged',
          () => output,
        );
        assert.ok(!lines().some((line) => line.includes('request completed') && line.includes('probe-check.1')));
      });

      if (service.failing) {
        const failing = service.failing;
        it('logs a request whose handler raises with status 500 and its route template, keeping its id', async () => {
          const id = 'failing-request.500';
          assert.equal((await request(port, failing.method, failing.path, { 'X-Request-ID': id })).status, 500);
          const line = (): string | undefined =>
            lines().find((candidate) => candidate.includes('request completed') && candidate.includes(id));
          await waitFor(
            () => line() !== undefined,
            'a request log line for the failed request',
            () => output,
          );
          assert.match(
            line()!,
            new RegExp(`method=${failing.method} route=${escape(failing.template)} status=500 duration_ms=`),
          );
          // The service keeps serving.
          assert.equal((await get(port, service.route.path(2))).status, 200);
        });
      }

      if (service.metrics) {
        it('exposes the request histogram on /metrics with route templates, never concrete ids', async () => {
          for (let id = 1; id <= 60; id++) assert.equal((await get(port, service.route.path(id))).status, 200);
          assert.equal((await get(port, service.route.path(100_000))).status, 404);
          assert.equal((await get(port, '/no/such/route/42')).status, 404);
          const metrics = await get(port, '/metrics');
          assert.equal(metrics.status, 200);
          assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
          const series = [
            ...metrics.body.matchAll(/^http_request_duration_seconds_count\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\} (\S+)$/gm),
          ].map((match) => ({ labels: match[1], count: Number(match[2]) }));
          const routes = new Set(series.map(({ labels }) => /route="([^"]*)"/.exec(labels)?.[1]));
          assert.ok(routes.has(service.route.template), `routes: ${[...routes].join(', ')}`);
          assert.ok(routes.has('unmatched'), `unmatched requests share one series: ${[...routes].join(', ')}`);
          assert.ok(![...routes].some((route) => /\d/.test(route ?? '')), `no concrete ids: ${[...routes].join(', ')}`);
          assert.ok(
            ![...routes].some((route) => route === '/health' || route === '/health/ready' || route === '/metrics'),
            'probes and scrapes stay out of the histogram',
          );
          const ok = series.find(
            ({ labels }) =>
              labels.includes(`route="${service.route.template}"`) && labels.includes('status_code="200"'),
          );
          assert.ok(ok && ok.count >= 60, JSON.stringify(series));
          assert.ok(
            series.some(
              ({ labels }) =>
                labels.includes(`route="${service.route.template}"`) && labels.includes('status_code="404"'),
            ),
            'a 404 of a matched route keeps its template',
          );
          assert.match(metrics.body, /^http_request_duration_seconds_bucket\{[^}]*le="0\.005"/m);
          // The service's own metrics are still served by the same registry.
          assert.match(metrics.body, /^user_lookups_total\{outcome="found"\} \d/m);
        });
      } else {
        it('has no metrics endpoint: requests are timed in the request log (duration_ms)', async () => {
          assert.equal((await get(port, '/metrics')).status, 404);
          const id = 'timing-check-11';
          await get(port, service.route.path(11), { 'X-Request-ID': id });
          await waitFor(
            () => lines().some((line) => line.includes(id) && /duration_ms=\d/.test(line)),
            'a request line with duration_ms',
            () => output,
          );
        });
      }
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
