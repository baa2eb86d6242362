import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AnalysisHost,
  analysisHostFor,
  analyzeService,
  defaultAnalysisHost,
  moduleParseCounts,
  registerAnalysisHost,
} from 'eslint-plugin-observability/service-model';

function project(): { root: string; app: string; users: string; orders: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-invalidate-'));
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"svc","dependencies":{"express":"^5.0.0"}}');
  const app = path.join(root, 'app.js');
  const users = path.join(root, 'users.js');
  const orders = path.join(root, 'orders.js');
  fs.writeFileSync(
    app,
    "import express from 'express';\nimport { users } from './users.js';\nimport { orders } from './orders.js';\nconst app = express();\napp.use('/users', users);\napp.use('/orders', orders);\n",
  );
  fs.writeFileSync(
    users,
    "import { Router } from 'express';\nexport const users = Router();\nusers.get('/:id', (req, res) => res.end());\n",
  );
  return { root, app, users, orders };
}

const parses = (file: string): number => moduleParseCounts().get(file) ?? 0;

describe("service model cache invalidation (what an editor's file events forget)", () => {
  it('a changed file is parsed again; the modules of unchanged files are kept', () => {
    const { root, app, users } = project();
    try {
      analyzeService(root);
      const [appBefore, usersBefore] = [parses(app), parses(users)];
      assert.ok(appBefore >= 1 && usersBefore >= 1);
      fs.writeFileSync(
        users,
        "import { Router } from 'express';\nexport const users = Router();\nusers.get('/:id', (req, res) => res.end());\nusers.delete('/:id', (req, res) => res.end());\n",
      );
      defaultAnalysisHost().invalidate([{ file: users, kind: 'changed' }]);
      const model = analyzeService(root);
      assert.deepEqual(
        model.routes.map((route) => `${route.method} ${route.path}`),
        ['GET /users/:id', 'DELETE /users/:id'],
      );
      assert.equal(parses(users), usersBefore + 1, 'the changed file is parsed again');
      assert.equal(parses(app), appBefore, 'the unchanged app is not');
      defaultAnalysisHost().invalidate();
      analyzeService(root);
      assert.equal(parses(app), appBefore + 1, 'a full clear forgets everything (for contrast)');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a created file is found by imports that did not resolve before', () => {
    const { root, app, orders } = project();
    try {
      assert.deepEqual(
        analyzeService(root).routes.map((route) => route.path),
        ['/users/:id'],
      );
      fs.writeFileSync(
        orders,
        "import { Router } from 'express';\nexport const orders = Router();\norders.post('/', (req, res) => res.end());\n",
      );
      defaultAnalysisHost().invalidate([{ file: orders, kind: 'created' }]);
      const appParses = parses(app);
      assert.deepEqual(
        analyzeService(root)
          .routes.map((route) => route.path)
          .sort(),
        ['/orders', '/users/:id'],
      );
      assert.equal(parses(app), appParses, 'the app itself did not change');
      fs.rmSync(orders);
      defaultAnalysisHost().invalidate([{ file: orders, kind: 'deleted' }]);
      assert.deepEqual(
        analyzeService(root).routes.map((route) => route.path),
        ['/users/:id'],
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("two hosts serving two folders keep apart: one forgetting everything leaves the other's parsed modules and buffers alone", () => {
    const first = project();
    const second = project();
    const buffered =
      "import { Router } from 'express';\nexport const users = Router();\nusers.put('/:id', (req, res) => res.end());\n";
    const firstHost = new AnalysisHost();
    // The second folder's editor has an unsaved buffer: only its host reads it.
    const secondHost = new AnalysisHost({ buffers: (file) => (file === second.users ? buffered : undefined) });
    const unregister = [registerAnalysisHost(first.root, firstHost), registerAnalysisHost(second.root, secondHost)];
    try {
      assert.equal(analysisHostFor(first.app), firstHost);
      assert.equal(analysisHostFor(second.app), secondHost);
      assert.equal(
        analysisHostFor(path.join(os.tmpdir(), 'elsewhere.js')),
        defaultAnalysisHost(),
        'files outside both folders',
      );
      assert.deepEqual(
        analyzeService(first.root).routes.map((route) => `${route.method} ${route.path}`),
        ['GET /users/:id'],
      );
      assert.deepEqual(
        analyzeService(second.root).routes.map((route) => `${route.method} ${route.path}`),
        ['PUT /users/:id'],
        'the buffer, not the disk',
      );
      const secondParses = secondHost.parsed.counts.get(second.app);
      assert.equal(secondParses, 1);
      firstHost.invalidate();
      analyzeService(first.root);
      analyzeService(second.root);
      assert.equal(firstHost.parsed.counts.get(first.app), 2, 'the first host parses its app again');
      assert.equal(secondHost.parsed.counts.get(second.app), secondParses, 'the second host still holds its own');
      assert.equal(
        defaultAnalysisHost().parsed.counts.get(first.app),
        undefined,
        'the default host never read either folder',
      );
    } finally {
      for (const done of unregister) done();
      fs.rmSync(first.root, { recursive: true, force: true });
      fs.rmSync(second.root, { recursive: true, force: true });
    }
    assert.equal(
      analysisHostFor(first.app),
      defaultAnalysisHost(),
      'an unregistered folder falls back to the default host',
    );
  });
});
