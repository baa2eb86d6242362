import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RouteReport } from 'eslint-plugin-observability/report';
import { fixturePath, repoRoot } from '../helpers';

/** What `--format json` prints with `--diff`: the regressions beside the report. */
interface DiffJson {
  regressions: Array<{ kind: string; route?: unknown }>;
}

/** The bin as installed: a child process, its exit code, stdout and stderr. */
const BIN = path.join(repoRoot(), 'eslint-plugin', 'bin', 'observability-lint.js');
const SNAPSHOTS = fixturePath('report-snapshots');
const SERVICES = ['express-ts', 'fastify', 'koa', 'hono', 'nest', 'next', 'workspace-monorepo'];

function run(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Compares with the stored snapshot (`UPDATE_SNAPSHOTS=1` writes it; a missing one is written and fails). */
function matchesSnapshot(name: string, actual: string): void {
  const file = path.join(SNAPSHOTS, name);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(SNAPSHOTS, { recursive: true });
    fs.writeFileSync(file, actual);
    assert.ok(
      process.env.UPDATE_SNAPSHOTS === '1',
      `snapshot ${name} was missing and has been written; review and commit it`,
    );
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('observability-lint report (the bin, as a child process)', function () {
  this.timeout(120_000);

  describe('formats, snapshot per fixture service', () => {
    for (const service of SERVICES) {
      it(service, () => {
        const dir = fixturePath('services', service);
        const table = run(['report', dir]);
        assert.equal(table.status, 0, table.stderr);
        // eslint-disable-next-line no-control-regex -- terminal colour codes
        assert.doesNotMatch(table.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
        matchesSnapshot(`${service}.table.txt`, table.stdout);
        const json = run(['report', dir, '--format', 'json']);
        assert.equal(json.status, 0, json.stderr);
        matchesSnapshot(`${service}.json`, json.stdout);
        const markdown = run(['report', dir, '--format=markdown']);
        matchesSnapshot(`${service}.md`, markdown.stdout);
        const html = run(['report', dir, '--format', 'html']);
        assert.equal(html.status, 0, html.stderr);
        matchesSnapshot(`${service}.html`, html.stdout);
      });
    }

    it('json: the documented shape (version 1, relative paths, 1-based lines, booleans)', () => {
      const report = JSON.parse(
        run(['report', 'test/fixtures/services/express-ts', '--format', 'json']).stdout,
      ) as RouteReport;
      assert.equal(report.version, 1);
      assert.deepEqual(report.problems, []);
      const service = report.services[0];
      assert.deepEqual(Object.keys(service), [
        'framework',
        'name',
        'file',
        'line',
        'health',
        'metricsEndpoint',
        'routes',
      ]);
      assert.deepEqual(
        [service.framework, service.file, service.line, service.health, service.metricsEndpoint],
        ['express', 'src/app.ts', 8, { liveness: true, readiness: false }, false],
      );
      const orders = service.routes.find((route) => route.path === '/orders/:id');
      assert.deepEqual(orders, {
        method: 'GET',
        path: '/orders/:id',
        file: 'src/routes/orders.ts',
        line: 5,
        logged: false,
        requestId: false,
        timed: false,
        exempt: false,
      });
    });

    it('html: one self-contained page with a bar per coverage and a sortable table', () => {
      const html = run(['report', fixturePath('services', 'express-ts'), '--format', 'html']).stdout;
      assert.match(html, /^<!doctype html>/);
      assert.doesNotMatch(html, /\b(src|href)=["']?https?:|<link\b|@import|url\(/i, 'nothing loaded from elsewhere');
      assert.equal((html.match(/<article class="service">/g) ?? []).length, 1);
      assert.equal((html.match(/role="meter"/g) ?? []).length, 3);
      assert.match(html, /aria-label="Logged" aria-valuemin="0" aria-valuemax="100" aria-valuenow="71"/);
      assert.equal((html.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g) ?? []).length, 8);
      assert.equal((html.match(/<th data-key=/g) ?? []).length, 7);
      assert.match(html, /<script>[\s\S]*addEventListener\('click'/);
    });
  });

  describe('problems and empty directories', () => {
    it('a directory with no service says so on stderr and exits 0 with an empty report', () => {
      const result = run(['report', fixturePath('typed'), '--format', 'json']);
      assert.equal(result.status, 0);
      assert.deepEqual(JSON.parse(result.stdout), { version: 1, services: [], problems: [] });
      assert.match(result.stderr, /No service found under .*typed/);
    });

    it('a file that does not parse is listed, and the rest is still reported', () => {
      const dir = scratch('obs-report-broken-');
      try {
        fs.cpSync(fixturePath('services', 'express-ts'), dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'src', 'broken.ts'), 'export const x = {;\n');
        const result = run(['report', dir, '--format', 'json']);
        assert.equal(result.status, 0, result.stderr);
        const report = JSON.parse(result.stdout) as RouteReport;
        assert.equal(report.services[0].routes.length, 8);
        assert.equal(report.problems.length, 1);
        assert.equal(report.problems[0].file, 'src/broken.ts');
        assert.match(report.problems[0].message, /^could not be parsed: .+/);
        assert.match(run(['report', dir]).stdout, /Files left out \(1\):\nsrc\/broken\.ts: could not be parsed/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('--output writes the file and says where on stderr', () => {
      const dir = scratch('obs-report-out-');
      try {
        const result = run([
          'report',
          fixturePath('services', 'koa'),
          '--format',
          'html',
          '--output',
          path.join(dir, 'nested', 'report.html'),
        ]);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /Wrote the report to/);
        assert.match(fs.readFileSync(path.join(dir, 'nested', 'report.html'), 'utf8'), /^<!doctype html>/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('bad usage exits 2 with a clear message', () => {
    const cases: Array<[string[], RegExp]> = [
      [['report', '--format', 'xml'], /unknown format "xml": use table, json, markdown, html/],
      [['report', '--format'], /--format needs a value/],
      [['report', '--output', '--format', 'json'], /--output needs a value/],
      [['report', '--colour'], /unknown option --colour/],
      [['report', 'a', 'b'], /one directory at most/],
      [['report', '--diff', 'HEAD', '--format', 'html'], /--diff .* not html/],
      [['report', 'no/such/dir'], /no\/such\/dir is not a directory/],
      [['lint'], /unknown command 'lint'/],
      [[], /Usage: observability-lint <command>[^]*report/],
    ];
    for (const [args, message] of cases) {
      it(args.join(' ') || '(no arguments)', () => {
        const result = run(args);
        assert.equal(result.status, 2);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      });
    }

    it('--help prints the usage on stdout and exits 0', () => {
      const result = run(['report', '--help']);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /--format FORMAT {3}table \(default\), json, markdown or html/);
    });

    it('--diff outside a git repository, or with an unknown revision, exits 2', () => {
      const dir = scratch('obs-report-nogit-');
      try {
        fs.cpSync(fixturePath('services', 'koa'), dir, { recursive: true });
        const outside = run(['report', '.', '--diff', 'HEAD'], {
          cwd: dir,
          env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) },
        });
        assert.equal(outside.status, 2);
        assert.match(outside.stderr, /git rev-parse --show-toplevel failed/);
        git(dir, 'init', '-q');
        const unknown = run(['report', '.', '--diff', 'no-such-branch'], { cwd: dir });
        assert.equal(unknown.status, 2);
        assert.match(unknown.stderr, /--diff no-such-branch: no such revision/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('--diff BASE_REF (a temporary git repository)', () => {
    it('lists a new unlogged route and exits 1; nothing worse exits 0', () => {
      const repo = scratch('obs-report-diff-');
      try {
        const service = path.join(repo, 'services', 'api');
        fs.mkdirSync(path.join(service, 'src'), { recursive: true });
        fs.writeFileSync(
          path.join(service, 'package.json'),
          JSON.stringify({ name: 'api', dependencies: { express: '^5.0.0', 'pino-http': '^11.0.0' } }),
        );
        const app =
          "import express from 'express';\nimport pinoHttp from 'pino-http';\nconst app = express();\napp.use(pinoHttp());\napp.get('/users', (_req, res) => { res.json([]); });\n";
        fs.writeFileSync(path.join(service, 'src', 'app.ts'), app);
        git(repo, 'init', '-q', '-b', 'main');
        git(repo, 'add', '.');
        git(repo, 'commit', '-q', '-m', 'api');
        // The second commit adds a route before the logger: unlogged.
        fs.writeFileSync(
          path.join(service, 'src', 'app.ts'),
          app.replace(
            'app.use(pinoHttp());\n',
            "app.post('/orders', (_req, res) => { res.send('ok'); });\napp.use(pinoHttp());\n",
          ),
        );
        git(repo, 'commit', '-q', '-am', 'orders');

        const worse = run(['report', 'services/api', '--format', 'markdown', '--diff', 'HEAD~1'], { cwd: repo });
        assert.equal(worse.status, 1, worse.stderr);
        assert.match(worse.stdout, /### Observability: what got worse since `HEAD~1`/);
        assert.match(
          worse.stdout,
          /\| new route without logging, request ID, timing \| `express src\/app.ts:3` \| `POST \/orders` \| `src\/app.ts:4` \|/,
        );
        assert.doesNotMatch(worse.stdout, /GET \/users/, 'unchanged routes are not listed');
        assert.match(worse.stdout, /logging coverage dropped from 100% to 50%/);

        const json = JSON.parse(
          run(['report', 'services/api', '--format', 'json', '--diff', 'HEAD~1'], { cwd: repo }).stdout,
        ) as DiffJson;
        assert.deepEqual(
          json.regressions
            .filter((regression) => regression.kind === 'new-route')
            .map((regression) => regression.route),
          [{ method: 'POST', path: '/orders', file: 'src/app.ts', line: 4 }],
        );

        const same = run(['report', 'services/api', '--format', 'markdown', '--diff', 'HEAD'], { cwd: repo });
        assert.equal(same.status, 0, same.stderr);
        assert.match(same.stdout, /Nothing: no new uncovered routes, no coverage dropped/);
        // The repository is left as it was: no worktrees, no stray files, a clean status.
        assert.equal(git(repo, 'worktree', 'list').split('\n').length, 1);
        assert.equal(git(repo, 'status', '--porcelain'), '');
        assert.deepEqual(
          fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('observability-report-')),
          [],
        );
      } finally {
        fs.rmSync(repo, { recursive: true, force: true });
      }
    });
  });
});

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}
