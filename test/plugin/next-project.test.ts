import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serviceProjectFix } from 'eslint-plugin-observability/project-fixes';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { applyProjectFix } from '../fixes-run/service-fixes';

/**
 * Next.js project fixes on a JavaScript project (the TypeScript one is built and served in
 * test/fixes-run/service-fixes.test.ts): the files are plain JavaScript that parses, the helper really runs, and
 * a second pass finds nothing left to do.
 */
function jsNextProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-next-js-'));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write(
    'package.json',
    JSON.stringify({
      name: 'next-js-shop',
      private: true,
      dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' },
    }),
  );
  write('src/app/orders/route.js', 'export async function GET(request) {\n  return Response.json([{ id: 1 }]);\n}\n');
  write(
    'src/app/items/[id]/route.js',
    "export const DELETE = async (_request, { params }) => {\n  const { id } = await params;\n  return new Response(null, { status: id === '0' ? 404 : 204 });\n};\n",
  );
  return root;
}

/** Runs `script` as an ES module next to the helper (copied to .mjs so Node loads it as ESM) and returns its stdout. */
function runWithHelper(root: string, script: string): string {
  fs.copyFileSync(path.join(root, 'src/lib/observability.js'), path.join(root, 'src/lib/observability.mjs'));
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.join(root, 'src/lib'),
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('Next.js project fixes on a JavaScript project', () => {
  let root: string;
  beforeEach(() => {
    defaultAnalysisHost().invalidate();
    root = jsNextProject();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('wraps every handler, creates a JavaScript helper under src/lib, and a second pass offers nothing', () => {
    const fix = serviceProjectFix(path.join(root, 'src/app/orders/route.js'), 'observability/require-request-timing');
    assert.ok(fix);
    assert.deepEqual(
      fix.files
        .map(
          (file) =>
            `${path.relative(root, file.file).split(path.sep).join('/')}${file.create !== undefined ? ' (new)' : ''}`,
        )
        .sort(),
      ['src/app/items/[id]/route.js', 'src/app/orders/route.js', 'src/lib/observability.js (new)'],
    );
    applyProjectFix(fix);
    const helper = fs.readFileSync(path.join(root, 'src/lib/observability.js'), 'utf8');
    assert.doesNotMatch(helper, /: string|<T>|as const|interface /, 'no TypeScript in a JavaScript project');
    assert.doesNotMatch(helper, /prom-client/, 'no metrics library: the duration is logged');
    const orders = fs.readFileSync(path.join(root, 'src/app/orders/route.js'), 'utf8');
    assert.equal(
      orders,
      "import { timedRoute } from '../../lib/observability';\nexport const GET = timedRoute('/orders', async function GET(request) {\n  return Response.json([{ id: 1 }]);\n});\n",
    );
    const items = fs.readFileSync(path.join(root, 'src/app/items/[id]/route.js'), 'utf8');
    assert.match(
      items,
      /^export const DELETE = timedRoute\('\/items\/\[id\]', async \(_request, \{ params \}\) => \{/m,
    );
    assert.match(items, /^import \{ timedRoute \} from '\.\.\/\.\.\/\.\.\/lib\/observability';$/m);
    defaultAnalysisHost().invalidate();
    for (const rule of ['require-request-timing', 'require-correlation-id'])
      assert.equal(
        serviceProjectFix(path.join(root, 'src/app/orders/route.js'), `observability/${rule}`),
        undefined,
        `${rule}: nothing left`,
      );
  });

  it('the helper keeps a valid X-Request-ID, replaces an invalid one, exposes it inside the handler and logs the duration', () => {
    applyProjectFix(
      serviceProjectFix(path.join(root, 'src/app/orders/route.js'), 'observability/require-correlation-id')!,
    );
    const output = runWithHelper(
      root,
      [
        "import { timedRoute, getRequestId, timed } from './observability.mjs';",
        "const handler = timedRoute('/orders/[id]', async (request) => Response.json({ seen: getRequestId(), inner: await timed('db.find', async () => 'row') }));",
        "const kept = await handler(new Request('http://127.0.0.1/orders/7', { headers: { 'x-request-id': 'abc.DEF-123_x' } }));",
        "const replaced = await handler(new Request('http://127.0.0.1/orders/8', { headers: { 'x-request-id': 'bad id' } }));",
        "const redirect = await timedRoute('/go', () => Response.redirect('http://127.0.0.1/elsewhere', 302))(new Request('http://127.0.0.1/go'));",
        "console.log('RESULT ' + JSON.stringify({ kept: [kept.headers.get('x-request-id'), await kept.json()], replaced: [replaced.headers.get('x-request-id'), await replaced.json()], redirect: [redirect.status, redirect.headers.get('x-request-id')] }));",
      ].join('\n'),
    );
    const result = JSON.parse(/^RESULT (.*)$/m.exec(output)![1]) as {
      kept: [string, { seen: string; inner: string }];
      replaced: [string, { seen: string }];
      redirect: [number, string];
    };
    assert.deepEqual(result.kept, ['abc.DEF-123_x', { seen: 'abc.DEF-123_x', inner: 'row' }]);
    assert.match(result.replaced[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(result.replaced[1].seen, result.replaced[0], 'the handler sees the id it answers with');
    assert.equal(result.redirect[0], 302, 'immutable redirect headers: answered with a copy');
    assert.match(result.redirect[1], /^[0-9a-f-]{36}$/);
    const logged = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(
      logged.some(
        (line) =>
          line.msg === 'request completed' &&
          line.request_id === 'abc.DEF-123_x' &&
          line.route === '/orders/[id]' &&
          line.status === 200 &&
          typeof line.duration_ms === 'number',
      ),
      output,
    );
    assert.ok(
      logged.some(
        (line) =>
          line.msg === 'operation timed' &&
          line.operation === 'db.find' &&
          line.outcome === 'success' &&
          line.request_id === 'abc.DEF-123_x',
      ),
      output,
    );
  });

  it('health: probe route files under src/app with a readiness route that runs the registered checks', () => {
    const fix = serviceProjectFix(path.join(root, 'src/app/orders/route.js'), 'observability/require-health-endpoints');
    assert.ok(fix);
    applyProjectFix(fix);
    assert.match(
      fs.readFileSync(path.join(root, 'src/app/health/route.js'), 'utf8'),
      /return Response\.json\(\{ status: 'ok' \}\);/,
    );
    assert.match(
      fs.readFileSync(path.join(root, 'src/app/health/ready/route.js'), 'utf8'),
      /^import \{ checkReadiness \} from '\.\.\/\.\.\/\.\.\/lib\/observability';$/m,
    );
    const output = runWithHelper(
      root,
      [
        "import { registerReadinessCheck, checkReadiness } from './observability.mjs';",
        "registerReadinessCheck('db', async () => {});",
        'const up = await checkReadiness();',
        "registerReadinessCheck('broker', () => { throw new Error('down'); });",
        "console.log('RESULT ' + JSON.stringify([up, await checkReadiness()]));",
      ].join('\n'),
    );
    assert.deepEqual(JSON.parse(/^RESULT (.*)$/m.exec(output)![1]), [
      { ready: true, checks: { db: 'ok' } },
      { ready: false, checks: { db: 'ok', broker: 'failed' } },
    ]);
    defaultAnalysisHost().invalidate();
    assert.equal(
      serviceProjectFix(path.join(root, 'src/app/orders/route.js'), 'observability/require-health-endpoints'),
      undefined,
      'probes present: nothing left',
    );
  });
});
