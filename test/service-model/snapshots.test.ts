import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeService, type ServiceModel } from 'eslint-plugin-observability/service-model';
import { fixturePath } from '../helpers';

const SERVICES = [
  'express-ts',
  'express-cjs',
  'express-paths',
  'fastify',
  'koa',
  'hono',
  'nest',
  'nest-global',
  'nest-pino',
  'nest-middleware',
  'next',
  'next-mw',
];

/** The model with the machine-specific root replaced, so snapshots are the same on every checkout. */
function portable(model: ServiceModel): unknown {
  return JSON.parse(JSON.stringify({ ...model, root: '<root>' }));
}

describe('service model snapshots (analyzeService on each fixture service)', () => {
  for (const service of SERVICES) {
    it(service, () => {
      const model = portable(analyzeService(fixturePath('services', service)));
      const snapshot = fixturePath('model-snapshots', `${service}.json`);
      if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(snapshot)) {
        fs.mkdirSync(path.dirname(snapshot), { recursive: true });
        fs.writeFileSync(snapshot, `${JSON.stringify(model, null, 2)}\n`);
        // A missing snapshot is written, but the test still fails so CI never passes on a fresh one.
        assert.ok(
          process.env.UPDATE_SNAPSHOTS === '1',
          `snapshot ${path.basename(snapshot)} was missing and has been written; review and commit it`,
        );
      }
      assert.deepEqual(model, JSON.parse(fs.readFileSync(snapshot, 'utf8')));
    });
  }

  it('is plain JSON: serialising and parsing it changes nothing', () => {
    const model = analyzeService(fixturePath('services', 'express-ts'));
    assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
    assert.equal(model.version, 1);
  });

  it('describes what the rules need: mount chains, roles and registration order', () => {
    const model = analyzeService(fixturePath('services', 'express-ts'));
    const app = model.scopes.find((scope) => scope.kind === 'app')!;
    assert.deepEqual(
      app.middleware.map((middleware) => [middleware.name, middleware.roles]),
      [
        ['express.json()', []],
        ['pinoHttp()', ['request-logging', 'timing']],
        ['expressWinston.errorLogger({})', ['error-handling']],
      ],
    );
    const orders = model.routes.find((route) => route.path === '/orders/:id')!;
    assert.equal(orders.chain.length, 2);
    assert.equal(orders.chain[0].scope, app.id);
    assert.ok(orders.chain[0].before < app.middleware[1].order, 'the /orders mount comes before pino-http');
    assert.deepEqual(model.routes.map((route) => `${route.method} ${route.path}`).sort(), [
      'GET /admin/settings',
      'GET /health',
      'GET /orders',
      'GET /orders/:id',
      'GET /users/:id',
      'GET /version',
      'POST /orders',
      'PUT /admin/settings',
    ]);
  });

  it('an empty folder is an empty model, not an error', () => {
    const model = analyzeService(fixturePath('typed'));
    assert.deepEqual([model.scopes, model.routes], [[], []]);
  });
});
