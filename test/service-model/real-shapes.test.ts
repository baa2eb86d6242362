import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Linter } from 'eslint';
import { analyzeService, clearModuleCaches, routeCoverage, type ServiceModel } from 'eslint-plugin-observability/service-model';
import { fixturePath, observabilityConfig, repoRoot } from '../helpers';

/**
 * Shapes found on real services (eval/real) that hid whole apps or made covered routes look uncovered: apps built
 * in factories and held by objects, plugins held in variables, tests that build apps, OpenAPIHono routes.
 */
function routes(model: ServiceModel): string[] {
  return model.routes.map((route) => `${route.method} ${route.path}`).sort();
}

function lintFixture(service: string, file: string, rule: string, options?: Record<string, unknown>): Linter.LintMessage[] {
  const filename = fixturePath('services', service, file);
  const linter = new Linter({ cwd: repoRoot() });
  return linter.verify(fs.readFileSync(filename, 'utf8'), observabilityConfig({ [`observability/${rule}`]: options ? ['warn', options] : 'warn' }), { filename });
}

describe('real-service shapes in the service model', () => {
  beforeEach(() => clearModuleCaches());

  describe('Fastify: buildApp() factory in CommonJS, route plugins held in variables', () => {
    it('follows plugins held in variables (require, destructured require) to their routes, with prefixes', () => {
      const model = analyzeService(fixturePath('services', 'fastify-cjs-factory'));
      assert.deepEqual(routes(model), ['GET /items', 'GET /items/:id', 'GET /users/:id']);
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.deepEqual(app.mounts.map((mount) => mount.path), ['/items', '/users']);
    });

    it('a package plugin held in a variable stays a middleware, not a mount', () => {
      const app = analyzeService(fixturePath('services', 'fastify-cjs-factory')).scopes.find((scope) => scope.kind === 'app')!;
      assert.deepEqual(app.middleware.map((middleware) => middleware.name), ['cors']);
      assert.ok(!app.mounts.some((mount) => mount.path === ''), 'cors is not mounted as a plugin of routes');
    });

    it("reads the factory's options from its callers, and not from tests", () => {
      const model = analyzeService(fixturePath('services', 'fastify-cjs-factory'));
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.equal(app.options.frameworkRequestLogging, true, 'server.js calls buildApp({ logger: true }); the test passes logger: false');
      assert.ok(model.routes.every((route) => routeCoverage(model, route, 'request-logging').covered));
      assert.equal(model.scopes.filter((scope) => scope.kind === 'app').length, 1, 'the test file builds no second service');
    });

    it('the service rules report at the factory (request ID, probes) and route logging stays quiet', () => {
      assert.equal(lintFixture('fastify-cjs-factory', 'src/app.js', 'require-correlation-id').length, 1);
      assert.equal(lintFixture('fastify-cjs-factory', 'src/app.js', 'require-health-endpoints').length, 1);
      assert.deepEqual(lintFixture('fastify-cjs-factory', 'src/routes/items.js', 'require-route-logging'), []);
    });
  });

  describe('Express: an app held by a class', () => {
    it('finds this.server = express() and the registrations made through this.server in its methods', () => {
      const model = analyzeService(fixturePath('services', 'express-class'));
      assert.deepEqual(routes(model), ['GET /admin/stats', 'GET /sessions', 'POST /orders']);
      const apps = model.scopes.filter((scope) => scope.kind === 'app');
      assert.deepEqual(apps.map((app) => app.location.file), ['src/app.js'], 'one service: not the http server, not the test app');
    });

    it('keeps registration order across methods: a router mounted before morgan is not logged, one after is', () => {
      const model = analyzeService(fixturePath('services', 'express-class'));
      const covered = (path: string): boolean => routeCoverage(model, model.routes.find((route) => route.path === path)!, 'request-logging').covered;
      assert.equal(covered('/admin/stats'), false);
      assert.equal(covered('/sessions'), true);
      assert.equal(covered('/orders'), true);
    });

    it("a function's own this is not the instance: its calls register nothing", () => {
      const model = analyzeService(fixturePath('services', 'express-class'));
      assert.ok(!model.routes.some((route) => route.path === '/not-a-route'));
    });

    it('express default export called with new is a sub-app mounted as a router', () => {
      const model = analyzeService(fixturePath('services', 'express-class'));
      assert.equal(model.scopes.find((scope) => scope.location.file === 'src/routes.js')?.kind, 'router');
    });
  });

  describe('Hono: OpenAPIHono and routes declared with createRoute', () => {
    it('reads app.openapi(createRoute({ method, path }), handler), inline or from a constant', () => {
      const model = analyzeService(fixturePath('services', 'hono-openapi'));
      assert.deepEqual(routes(model), ['GET /early', 'GET /users/{id}', 'POST /users']);
      const covered = model.routes.filter((route) => routeCoverage(model, route, 'request-logging').covered).map((route) => route.path);
      assert.deepEqual(covered.sort(), ['/users', '/users/{id}']);
    });
  });

  describe('tests and scripts', () => {
    it('no-pii-in-logs skips files under test/ unless checkTestFiles is set', () => {
      const code = 'console.log({ password: input.password });\n';
      const filename = fixturePath('services', 'express-class', 'test', 'login.test.js');
      const lint = (options?: Record<string, unknown>): Linter.LintMessage[] =>
        new Linter({ cwd: repoRoot() }).verify(code, observabilityConfig({ 'observability/no-pii-in-logs': options ? ['error', options] : 'error' }), { filename });
      assert.deepEqual(lint(), []);
      assert.equal(lint({ checkTestFiles: true }).length, 1);
      const served = new Linter({ cwd: repoRoot() }).verify(code, observabilityConfig({ 'observability/no-pii-in-logs': 'error' }), { filename: fixturePath('services', 'express-class', 'src', 'login.js') });
      assert.equal(served.length, 1, 'the same call in service code is reported');
    });
  });
});
