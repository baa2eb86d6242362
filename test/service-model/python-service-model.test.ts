import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { AnalysisHost, defaultAnalysisHost, registerAnalysisHost } from 'eslint-plugin-observability/service-model';
import { fixturePath } from '../helpers';

/**
 * The Python service model, end to end through the rules: the full paths it computes for a FastAPI project (routers
 * in other modules, nested routers, prefixes from settings, a factory, Starlette mounts, a mounted sub-app) are the
 * ones FastAPI itself serves; and the analysis host forgets Python files that change or appear.
 */

function lint(root: string, file: string, ruleId: string, options?: unknown): Linter.LintMessage[] {
  const linter = new Linter({ cwd: root });
  return linter.verify(
    fs.readFileSync(file, 'utf8'),
    [
      {
        files: ['**/*.py'],
        plugins: { observability: plugin as never },
        language: 'observability/python',
        rules: { [`observability/${ruleId}`]: options ? ['warn', options] : 'warn' },
      },
    ],
    { filename: file },
  );
}

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? pythonFiles(full) : entry.name.endsWith('.py') ? [full] : [];
  });
}

/** What FastAPI serves for the project (docs routes left out), read by importing it; undefined without FastAPI. */
function servedByFastApi(root: string, module: string): string[] | undefined {
  const script = `
import json
from starlette.routing import Mount
from ${module} import app
DOCS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
def walk(routes, prefix=""):
    out = []
    for r in routes:
        if isinstance(r, Mount):
            out += walk(r.routes, prefix + r.path)
        elif r.path not in DOCS:
            out += [f"{m} {prefix + r.path}" for m in sorted(r.methods - {"HEAD"})]
    return out
print(json.dumps(sorted(walk(app.routes))))
`;
  const run = spawnSync('/usr/bin/python3', ['-c', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (run.status !== 0) return undefined;
  return JSON.parse(run.stdout) as string[];
}

/** Checked with FastAPI 0.92 / Starlette 0.26 (used when they are not installed where the tests run). */
const PATHS_APP_ROUTES = [
  'DELETE /api/accounts/{account_id}',
  'GET /',
  'GET /api/accounts',
  'GET /api/accounts/',
  'GET /api/accounts/{account_id}/sessions/{session_id}',
  'GET /legacy/old',
  'GET /ping',
  'GET /reports/daily',
  'GET /v2/status',
  'PATCH /v2/items/{item_id}',
  'POST /reports/run',
  'PUT /api/accounts/{account_id}',
];

describe('Python service model', () => {
  beforeEach(() => defaultAnalysisHost().invalidate());

  it('computes the full paths FastAPI serves (routers, prefixes, factory, mounts, sub-apps)', () => {
    const root = fixturePath('python-projects', 'paths-app');
    const expected = servedByFastApi(root, 'svc.main') ?? PATHS_APP_ROUTES;
    const found = pythonFiles(root)
      .flatMap((file) => lint(root, file, 'require-route-logging', { exemptPaths: ['/__none__'] }))
      .flatMap((message) => {
        assert.equal(message.fatal, undefined, message.message);
        const route = /^(\w+) (\S+) is not logged/.exec(message.message);
        return route ? [`${route[1]} ${route[2]}`] : [];
      })
      .sort();
    assert.deepEqual(found, expected);
  });

  it('forgets Python modules that appear or change when the host is told', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-python-'));
    try {
      fs.writeFileSync(path.join(root, 'pyproject.toml'), '[project]\nname = "svc"\n');
      const main = path.join(root, 'main.py');
      fs.writeFileSync(
        main,
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/orders")\nasync def orders():\n    return []\n',
      );
      const first = lint(root, main, 'require-correlation-id');
      assert.match(first[0]?.message ?? '', /^1 route\(s\) of this app get no request ID \(GET \/orders\)/);

      // A module that declares a route on the app appears.
      const extra = path.join(root, 'extra.py');
      fs.writeFileSync(extra, 'from main import app\n\n\n@app.get("/extra")\nasync def extra():\n    return {}\n');
      defaultAnalysisHost().invalidate([{ file: extra, kind: 'created' }]);
      const second = lint(root, main, 'require-correlation-id');
      assert.match(
        second[0]?.message ?? '',
        /^2 route\(s\) of this app get no request ID \(GET \/orders, GET \/extra\)/,
      );

      // The module changes: it now adds request-ID middleware to the app.
      fs.writeFileSync(
        extra,
        'from asgi_correlation_id import CorrelationIdMiddleware\n\nfrom main import app\n\napp.add_middleware(CorrelationIdMiddleware)\n',
      );
      defaultAnalysisHost().invalidate([{ file: extra, kind: 'changed' }]);
      assert.deepEqual(lint(root, main, 'require-correlation-id'), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("reads an open module by its unsaved text, with nothing invalidated (the editor's buffers)", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-python-buffers-'));
    const buffers = new Map<string, string>();
    const host = new AnalysisHost({ buffers: (file) => buffers.get(file), openFiles: () => [...buffers.keys()] });
    const unregister = registerAnalysisHost(root, host);
    try {
      fs.writeFileSync(path.join(root, 'pyproject.toml'), '[project]\nname = "svc"\n');
      const main = path.join(root, 'main.py');
      fs.writeFileSync(
        main,
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/orders")\nasync def orders():\n    return []\n',
      );
      const extra = path.join(root, 'extra.py');
      fs.writeFileSync(extra, 'import json\n');
      assert.match(lint(root, main, 'require-correlation-id')[0]?.message ?? '', /^1 route\(s\)/);

      // extra.py is open and edited, unsaved: it now declares a route on the app; the disk still says otherwise.
      buffers.set(extra, 'from main import app\n\n\n@app.get("/extra")\nasync def extra():\n    return {}\n');
      assert.match(
        lint(root, main, 'require-correlation-id')[0]?.message ?? '',
        /^2 route\(s\) of this app get no request ID \(GET \/orders, GET \/extra\)/,
      );
      // A new module, open but never saved, adds request-ID middleware.
      buffers.set(
        path.join(root, 'middleware.py'),
        'from asgi_correlation_id import CorrelationIdMiddleware\n\nfrom main import app\n\napp.add_middleware(CorrelationIdMiddleware)\n',
      );
      assert.deepEqual(lint(root, main, 'require-correlation-id'), []);
    } finally {
      unregister();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
