import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import {
  analyzeService,
  isProjectSpecifier,
  resolveRelativeModule,
  routeCoverage,
  type ServiceModel,
  defaultAnalysisHost,
} from 'eslint-plugin-observability/service-model';
import { fixturePath, observabilityConfig, repoRoot } from '../helpers';

/**
 * Shapes found on real services (eval/real) that hid whole apps or made covered routes look uncovered: apps built
 * in factories and held by objects, plugins held in variables, tests that build apps, OpenAPIHono routes.
 */
function routes(model: ServiceModel): string[] {
  return model.routes.map((route) => `${route.method} ${route.path}`).sort();
}

function lintFixture(
  service: string,
  file: string,
  rule: string,
  options?: Record<string, unknown>,
): Linter.LintMessage[] {
  const filename = fixturePath('services', service, file);
  const linter = new Linter({ cwd: repoRoot() });
  return linter.verify(
    fs.readFileSync(filename, 'utf8'),
    observabilityConfig({ [`observability/${rule}`]: options ? ['warn', options] : 'warn' }),
    { filename },
  );
}

describe('real-service shapes in the service model', () => {
  beforeEach(() => defaultAnalysisHost().invalidate());

  describe('Fastify: buildApp() factory in CommonJS, route plugins held in variables', () => {
    it('follows plugins held in variables (require, destructured require) to their routes, with prefixes', () => {
      const model = analyzeService(fixturePath('services', 'fastify-cjs-factory'));
      assert.deepEqual(routes(model), ['GET /items', 'GET /items/:id', 'GET /users/:id']);
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.deepEqual(
        app.mounts.map((mount) => mount.path),
        ['/items', '/users'],
      );
    });

    it('a package plugin held in a variable stays a middleware, not a mount', () => {
      const app = analyzeService(fixturePath('services', 'fastify-cjs-factory')).scopes.find(
        (scope) => scope.kind === 'app',
      )!;
      assert.deepEqual(
        app.middleware.map((middleware) => middleware.name),
        ['cors'],
      );
      assert.ok(!app.mounts.some((mount) => mount.path === ''), 'cors is not mounted as a plugin of routes');
    });

    it("reads the factory's options from its callers, and not from tests", () => {
      const model = analyzeService(fixturePath('services', 'fastify-cjs-factory'));
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.equal(
        app.options.frameworkRequestLogging,
        true,
        'server.js calls buildApp({ logger: true }); the test passes logger: false',
      );
      assert.ok(model.routes.every((route) => routeCoverage(model, route, 'request-logging').covered));
      assert.equal(
        model.scopes.filter((scope) => scope.kind === 'app').length,
        1,
        'the test file builds no second service',
      );
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
      assert.deepEqual(
        apps.map((app) => app.location.file),
        ['src/app.js'],
        'one service: not the http server, not the test app',
      );
    });

    it('keeps registration order across methods: a router mounted before morgan is not logged, one after is', () => {
      const model = analyzeService(fixturePath('services', 'express-class'));
      const covered = (path: string): boolean =>
        routeCoverage(
          model,
          model.routes.find((route) => route.path === path)!,
          'request-logging',
        ).covered;
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
      const covered = model.routes
        .filter((route) => routeCoverage(model, route, 'request-logging').covered)
        .map((route) => route.path);
      assert.deepEqual(covered.sort(), ['/users', '/users/{id}']);
    });
  });

  describe('tests and scripts', () => {
    it('no-pii-in-logs skips files under test/ unless checkTestFiles is set', () => {
      const code = 'console.log({ password: input.password });\n';
      const filename = fixturePath('services', 'express-class', 'test', 'login.test.js');
      const lint = (options?: Record<string, unknown>): Linter.LintMessage[] =>
        new Linter({ cwd: repoRoot() }).verify(
          code,
          observabilityConfig({ 'observability/no-pii-in-logs': options ? ['error', options] : 'error' }),
          { filename },
        );
      assert.deepEqual(lint(), []);
      assert.equal(lint({ checkTestFiles: true }).length, 1);
      const served = new Linter({ cwd: repoRoot() }).verify(
        code,
        observabilityConfig({ 'observability/no-pii-in-logs': 'error' }),
        { filename: fixturePath('services', 'express-class', 'src', 'login.js') },
      );
      assert.equal(served.length, 1, 'the same call in service code is reported');
    });
  });
  describe('apps built by a factory in another module, one app per call site', () => {
    const apps = (model: ServiceModel): ServiceModel['scopes'] => model.scopes.filter((scope) => scope.kind === 'app');

    it('the file that calls createApp() is analysed though it creates no app itself, and the routers it mounts are found', () => {
      const model = analyzeService(fixturePath('services', 'hono-factory'));
      assert.deepEqual(routes(model), [
        'GET /api/users',
        'GET /graphql',
        'GET /health',
        'GET /health/ready',
        'POST /graphql',
      ]);
      assert.equal(apps(model).length, 1, 'one service: the app of src/app.ts');
      assert.ok(model.routes.every((route) => route.chain[0].scope === apps(model)[0].id));
    });

    it('routers made by one createRouter() are separate routers, not one app shared by every module', () => {
      const model = analyzeService(fixturePath('services', 'hono-factory'));
      const routers = model.scopes.filter(
        (scope) => scope.kind === 'router' && scope.location.file === 'src/lib/create-app.ts',
      );
      assert.equal(routers.length, 2, 'health and users each have their own');
      assert.equal(new Set(routers.map((router) => router.id)).size, 2);
    });

    it('middleware the factory registers covers the routes its caller mounts afterwards', () => {
      const model = analyzeService(fixturePath('services', 'hono-factory'));
      for (const route of model.routes) {
        assert.ok(
          routeCoverage(model, route, 'request-logging').covered,
          `${route.method} ${route.path} logged by hono/logger`,
        );
        assert.ok(
          routeCoverage(model, route, 'correlation-id').covered,
          `${route.method} ${route.path} has a request id`,
        );
      }
      assert.deepEqual(lintFixture('hono-factory', 'src/modules/graphql.ts', 'require-route-logging'), []);
      assert.deepEqual(lintFixture('hono-factory', 'src/modules/graphql.ts', 'require-correlation-id'), []);
      assert.deepEqual(lintFixture('hono-factory', 'src/modules/health.ts', 'require-health-endpoints'), []);
      assert.deepEqual(
        lintFixture('hono-factory', 'src/lib/create-app.ts', 'require-health-endpoints'),
        [],
        'the app answers /health and /health/ready',
      );
      assert.deepEqual(lintFixture('hono-factory', 'src/lib/create-app.ts', 'require-correlation-id'), []);
    });

    it('a mounted router is no service: no probe or request-ID finding where createRouter() builds it', () => {
      assert.deepEqual(lintFixture('hono-factory', 'src/modules/users.ts', 'require-health-endpoints'), []);
      assert.deepEqual(lintFixture('hono-factory', 'src/modules/users.ts', 'require-correlation-id'), []);
    });

    it('the app a test builds with the factory is not a service', () => {
      const model = analyzeService(fixturePath('services', 'hono-factory'));
      assert.ok(!routes(model).includes('GET /only-in-tests'));
    });

    it('Express: a CommonJS factory called by two services makes two apps, each with its own middleware and routes', () => {
      const model = analyzeService(fixturePath('services', 'express-factory'));
      const [admin, server] = [...apps(model)].sort((a, b) => a.id.localeCompare(b.id));
      assert.deepEqual(
        admin.middleware.map((middleware) => middleware.name),
        ['express.json()', "morgan('tiny')"],
      );
      assert.deepEqual(
        server.middleware.map((middleware) => middleware.name),
        ['express.json()', "morgan('combined')"],
      );
      assert.ok(!routes(model).includes('GET /seed'), 'a script builds no service');
    });

    it("Express: the caller's registration order decides, after the factory's own middleware", () => {
      const model = analyzeService(fixturePath('services', 'express-factory'));
      const orders = model.routes.filter((route) => route.path.startsWith('/api/'));
      assert.equal(orders.length, 2);
      for (const route of orders) {
        const coverage = routeCoverage(model, route, 'request-logging');
        assert.equal(coverage.covered, false, 'morgan comes after the mount');
        assert.equal(coverage.late?.name, "morgan('combined')");
      }
      const stats = model.routes.find((route) => route.path === '/admin/stats')!;
      assert.equal(routeCoverage(model, stats, 'request-logging').covered, true);
      assert.equal(
        lintFixture('express-factory', 'src/server.js', 'require-route-logging').length,
        1,
        'the mount before morgan',
      );
    });

    it('Express: one factory, two services: the probes finding is made once, at the factory', () => {
      const messages = lintFixture('express-factory', 'src/create-app.js', 'require-health-endpoints');
      assert.equal(messages.length, 1);
      assert.equal(messages[0].line, 5);
      assert.equal(lintFixture('express-factory', 'src/create-app.js', 'require-correlation-id').length, 1);
      assert.deepEqual(lintFixture('express-factory', 'src/admin.js', 'require-health-endpoints'), []);
    });
  });
  describe('tsconfig baseUrl imports, and registration order across files', () => {
    it("resolves bare imports through baseUrl ('loader', 'routes/users'), and leaves packages (config) to node_modules", () => {
      const model = analyzeService(fixturePath('services', 'koa-baseurl'));
      assert.deepEqual(routes(model), ['GET /users', 'GET /users/:id', 'POST /admin/reindex']);
      assert.ok(
        !model.files.some((file) => file.includes('config')),
        'config is the npm package, not a module of the project',
      );
    });

    it('an installer in another file registers when it is called: after the logger covered, before it not', () => {
      const model = analyzeService(fixturePath('services', 'koa-baseurl'));
      const coverage = (path: string): ReturnType<typeof routeCoverage> =>
        routeCoverage(
          model,
          model.routes.find((route) => route.path === path)!,
          'request-logging',
        );
      assert.equal(coverage('/users').covered, true, 'loadRoutes(app) runs after app.use(koaLogger())');
      assert.equal(coverage('/users/:id').covered, true);
      assert.equal(coverage('/admin/reindex').covered, false, 'loadAdminRoutes(app) runs before it');
      assert.equal(coverage('/admin/reindex').late?.name, 'koaLogger()');
    });
  });
  describe('Fastify: @fastify/autoload folders, autohooks, and the logger left off', () => {
    const model = (): ServiceModel => analyzeService(fixturePath('services', 'fastify-autoload'));
    const coverage = (m: ServiceModel, method: string, path: string): ReturnType<typeof routeCoverage> =>
      routeCoverage(
        m,
        m.routes.find((route) => route.method === method && route.path === path)!,
        'request-logging',
      );

    it('registers every module of the folder as a plugin, folder names and options.prefix as prefixes', () => {
      assert.deepEqual(routes(model()), [
        'DELETE /v1/users/:id',
        'GET /v1/health',
        'GET /v1/health/ready',
        'GET /v1/orders',
        'GET /v1/users',
        'GET /v1/users/:id',
        'POST /v1/orders',
      ]);
    });

    it('leaves out what ignorePattern ignores', () => {
      assert.ok(!routes(model()).some((route) => route.includes('from-ignored-file')));
    });

    it("an autohooks module covers its folder's routes, not its siblings'", () => {
      const m = model();
      assert.equal(coverage(m, 'GET', '/v1/orders').covered, true);
      assert.equal(coverage(m, 'POST', '/v1/orders').covered, true);
      assert.equal(coverage(m, 'GET', '/v1/health').covered, false);
    });

    it("request.log in a handler writes nothing while Fastify's logger is off; a logger of the project or console does", () => {
      const m = model();
      assert.equal(coverage(m, 'GET', '/v1/users').covered, false, 'request.log.info only');
      assert.equal(coverage(m, 'GET', '/v1/users/:id').covered, true, 'pino logger imported from the project');
      assert.equal(coverage(m, 'DELETE', '/v1/users/:id').covered, true, 'console.error in its catch');
    });

    it('the rules see the whole service: probes are found, the request ID is missing, the unlogged route is reported', () => {
      assert.deepEqual(lintFixture('fastify-autoload', 'src/server.js', 'require-health-endpoints'), []);
      assert.equal(lintFixture('fastify-autoload', 'src/server.js', 'require-correlation-id').length, 1);
      const logged = lintFixture('fastify-autoload', 'src/routes/users/index.js', 'require-route-logging');
      assert.deepEqual(
        logged.map((message) => message.line),
        [5],
      );
      assert.deepEqual(lintFixture('fastify-autoload', 'src/routes/orders/index.js', 'require-route-logging'), []);
    });
  });
  describe('Koa: an app class (class App extends Koa) instantiated in another file', () => {
    it('the class body is the app: this.use() registers middleware and mounts; new App() is where the app is', () => {
      const model = analyzeService(fixturePath('services', 'koa-class'));
      const apps = model.scopes.filter((scope) => scope.kind === 'app');
      assert.deepEqual(
        apps.map((app) => `${app.location.file}:${app.location.line}`),
        ['app/index.js:5'],
      );
      assert.deepEqual(
        apps[0].middleware.map((middleware) => middleware.name),
        ['requestId()'],
      );
      assert.deepEqual(routes(model), ['GET /status', 'GET /users']);
      for (const route of model.routes)
        assert.ok(routeCoverage(model, route, 'correlation-id').covered, 'requestId() from @kasa/koa-request-id');
    });

    it('a class extending something else is no app, though it has a use() method', () => {
      const model = analyzeService(fixturePath('services', 'koa-class'));
      assert.ok(!model.scopes.some((scope) => scope.name === 'Jobs'));
      assert.equal(model.scopes.length, 2);
    });

    it('the service rules report at new App(): /status is no probe; the request ID is there', () => {
      const health = lintFixture('koa-class', 'app/index.js', 'require-health-endpoints');
      assert.deepEqual(
        health.map((message) => message.line),
        [5],
      );
      assert.deepEqual(lintFixture('koa-class', 'app/index.js', 'require-correlation-id'), []);
      assert.deepEqual(
        lintFixture('koa-class', 'app/app.js', 'require-health-endpoints'),
        [],
        'not at the class: it is not where the app is made',
      );
    });
  });
  describe('Hono: an app in a module nothing reaches', () => {
    it('a leftover copy no module imports, no script names and nothing serves is not a service', () => {
      const model = analyzeService(fixturePath('services', 'hono-leftover'));
      assert.ok(!model.scopes.some((scope) => scope.location.file === 'src/routes/users-old.ts'));
      assert.deepEqual(lintFixture('hono-leftover', 'src/routes/users-old.ts', 'require-health-endpoints'), []);
      assert.deepEqual(lintFixture('hono-leftover', 'src/routes/users-old.ts', 'require-route-logging'), []);
    });

    it('an app served in its own module stays, and so does the entry the scripts name', () => {
      const model = analyzeService(fixturePath('services', 'hono-leftover'));
      const apps = model.scopes
        .filter((scope) => scope.kind === 'app')
        .map((scope) => scope.location.file)
        .sort();
      assert.deepEqual(apps, ['src/server.ts', 'src/worker.ts']);
      assert.deepEqual(routes(model), ['GET /jobs', 'GET /users']);
    });

    it('without entries named anywhere, every app is kept (the hono fixture has no scripts)', () => {
      const model = analyzeService(fixturePath('services', 'hono'));
      assert.ok(model.scopes.some((scope) => scope.kind === 'app'));
    });
  });
  describe('routers held by route classes and mounted from lists', () => {
    it('Express: routes.forEach(route => app.use(route.router)) with new App([new UsersRoute(), new OrdersRoute()]) in another file', () => {
      const model = analyzeService(fixturePath('services', 'express-route-classes'));
      assert.deepEqual(routes(model), ['GET /users', 'GET /users/:id', 'POST /orders']);
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.equal(app.mounts.length, 2, 'one mount per listed route class');
    });

    it("paths from the class: a field (path = '/users') or a base's parameter property given by super('/orders')", () => {
      const model = analyzeService(fixturePath('services', 'express-route-classes'));
      assert.ok(routes(model).includes('POST /orders'));
      assert.ok(!routes(model).some((route) => route.includes('${')), 'no unresolved template is taken as a path');
    });

    it('a route class no list names is not served; a list of paths is middleware under each path, not a mount', () => {
      const model = analyzeService(fixturePath('services', 'express-route-classes'));
      assert.ok(!routes(model).includes('GET /unlisted'));
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.deepEqual(
        app.middleware.map((middleware) => middleware.name),
        ["morgan('dev')", 'cors()'],
      );
    });

    it('morgan, registered before the list is mounted, covers every listed route', () => {
      const model = analyzeService(fixturePath('services', 'express-route-classes'));
      for (const route of model.routes)
        assert.ok(routeCoverage(model, route, 'request-logging').covered, `${route.method} ${route.path}`);
      assert.equal(
        lintFixture('express-route-classes', 'src/app.ts', 'require-correlation-id').length,
        1,
        'the app is a service with routes: no request ID',
      );
      assert.equal(lintFixture('express-route-classes', 'src/app.ts', 'require-health-endpoints').length, 1);
    });

    it('Hono: controllers.forEach(({ basePath, controller: { router } }) => server.route(basePath, router)), each with its own base path', () => {
      const model = analyzeService(fixturePath('services', 'hono-controllers'));
      assert.deepEqual(routes(model), ['GET /api/v1/users', 'GET /healthz', 'POST /api/v2/tests/{id}/run']);
    });

    it("Hono: a router created in a base class's field is one router per subclass, not one shared by every controller", () => {
      const model = analyzeService(fixturePath('services', 'hono-controllers'));
      const routers = model.scopes.filter((scope) => scope.kind === 'router');
      assert.equal(routers.length, 2);
      assert.ok(
        !model.scopes.some((scope) => scope.location.file === 'src/controller.ts' && !scope.id.includes('@')),
        'the base class field itself is no router of its own',
      );
      const unlogged = lintFixture('hono-controllers', 'src/controllers/users.ts', 'require-route-logging');
      assert.deepEqual(
        unlogged.map((message) => message.line),
        [12],
        'the one route of this controller, once',
      );
    });
  });
  describe('Fastify: route tables registered in loops, an app assigned later, installers given an object', () => {
    it('reads each row of the table: fastify[route.method.toLowerCase()](route.path, …) and fastify.route(row) in for…of', () => {
      const model = analyzeService(fixturePath('services', 'fastify-route-table'));
      assert.deepEqual(routes(model), ['DELETE /users/:id', 'GET /health', 'GET /users', 'POST /admin/reindex']);
    });

    it('a row whose method is no HTTP method, and computed calls on things that are not the app, register nothing', () => {
      const model = analyzeService(fixturePath('services', 'fastify-route-table'));
      assert.ok(!routes(model).some((route) => route.includes('/jobs')));
      assert.equal(model.scopes.length, 1);
    });

    it('let fastify; … fastify = Fastify() is the app, and Routes({ fastify }) binds the destructured parameter to it', () => {
      const model = analyzeService(fixturePath('services', 'fastify-route-table'));
      assert.equal(model.scopes[0].location.file, 'src/server.js');
      assert.ok(model.routes.every((route) => route.chain[0].scope === model.scopes[0].id));
    });

    it('one report where a table is registered, naming its routes; the service findings at the app', () => {
      const logged = lintFixture('fastify-route-table', 'src/routes.js', 'require-route-logging');
      assert.deepEqual(
        logged.map((message) => message.line),
        [10, 13],
      );
      assert.match(logged[0].message, /^2 routes registered here are not logged \(GET \/users, DELETE \/users\/:id\)/);
      assert.equal(lintFixture('fastify-route-table', 'src/server.js', 'require-correlation-id').length, 1);
      const health = lintFixture('fastify-route-table', 'src/server.js', 'require-health-endpoints');
      assert.equal(health.length, 1);
      assert.match(health[0].message, /no readiness endpoint/);
    });
  });
  describe('long registration chains', () => {
    it('app.use(a).use(b)… a dozen calls long still registers on the app, in order', () => {
      const model = analyzeService(fixturePath('services', 'koa-chain'));
      assert.deepEqual(routes(model), ['GET /health', 'GET /orders']);
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.equal(app.middleware.length, 12);
      for (const route of model.routes) assert.ok(routeCoverage(model, route, 'request-logging').covered);
    });
  });
  describe('monorepos: workspace packages are code of the project', () => {
    const api = (): string => fixturePath('services', 'workspace-monorepo', 'services', 'api');

    it('an import of a workspace package resolves to its source, through exports and from dist/ back to src/', () => {
      const file = path.join(api(), 'src', 'app.ts');
      const common = fixturePath('services', 'workspace-monorepo', 'packages', 'common', 'src');
      assert.equal(resolveRelativeModule(file, '@acme/common'), path.join(common, 'index.ts'));
      assert.equal(resolveRelativeModule(file, '@acme/common/http'), path.join(common, 'http', 'index.ts'));
    });

    it('a package not in the workspace, and a baseUrl that maps every bare name, leave packages to node_modules', () => {
      const file = path.join(api(), 'src', 'app.ts');
      assert.equal(isProjectSpecifier(file, '@acme/unpublished'), false);
      assert.equal(isProjectSpecifier(file, 'express'), false);
    });

    it("request logging from a shared package, logging at a level chosen at run time (logger[level](…)), covers the app's routes", () => {
      const model = analyzeService(api());
      const route = model.routes.find((candidate) => candidate.path === '/orders')!;
      assert.deepEqual(routeCoverage(model, route, 'request-logging'), { covered: true, by: 'requestMonitor(logger)' });
      assert.equal(routeCoverage(model, route, 'timing').covered, true);
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.deepEqual(app.middleware[1].roles, [], 'handlers[kind]() on a lookup table is no logging');
    });
  });
  describe('Express sub-apps', () => {
    it('a sub-app built in an IIFE and mounted after morgan is a router of the parent: logged, no probes or request ID of its own', () => {
      const model = analyzeService(fixturePath('services', 'express-subapp'));
      assert.deepEqual(routes(model), ['GET /admin/stats', 'GET /health', 'GET /health/ready', 'POST /admin/reindex']);
      assert.deepEqual(
        model.scopes.filter((scope) => scope.kind === 'app').map((scope) => scope.location.file),
        ['src/server.js'],
      );
      for (const route of model.routes)
        assert.ok(routeCoverage(model, route, 'request-logging').covered, `${route.method} ${route.path}`);
      assert.deepEqual(lintFixture('express-subapp', 'src/admin.js', 'require-route-logging'), []);
      assert.deepEqual(lintFixture('express-subapp', 'src/admin.js', 'require-health-endpoints'), []);
      assert.deepEqual(lintFixture('express-subapp', 'src/admin.js', 'require-correlation-id'), []);
      assert.equal(
        lintFixture('express-subapp', 'src/server.js', 'require-correlation-id').length,
        1,
        'the parent is the service',
      );
    });
  });
  describe('a server class behind methods (registerRoutes(path, router), registerMiddleware(m)) called from another class', () => {
    it('what the callers pass through an instance is mounted and registered, each router under its own path', () => {
      const model = analyzeService(fixturePath('services', 'express-server-class'));
      assert.deepEqual(routes(model), ['GET /api/users', 'GET /api/users/:id', 'POST /api/admin/reindex']);
      const app = model.scopes.find((scope) => scope.kind === 'app')!;
      assert.deepEqual(
        app.middleware.map((middleware) => middleware.name),
        ['express.json()', "morgan('combined')"],
      );
      for (const route of model.routes)
        assert.ok(routeCoverage(model, route, 'request-logging').covered, `${route.method} ${route.path}`);
    });

    it('a method of the same name on another class passes nothing to the server', () => {
      const model = analyzeService(fixturePath('services', 'express-server-class'));
      assert.ok(!model.scopes.flatMap((scope) => scope.mounts).some((mount) => mount.path === '/ignored'));
    });
  });

  describe('Fastify: the instance a chain returns', () => {
    it('Fastify({…}).withTypeProvider<…>().decorate(…).setErrorHandler(…) is the app', () => {
      const model = analyzeService(fixturePath('services', 'fastify-type-provider'));
      assert.deepEqual(routes(model), ['GET /orders']);
      assert.equal(model.scopes.length, 1);
      assert.equal(
        lintFixture('fastify-type-provider', 'src/app.ts', 'require-route-logging').length,
        1,
        'logger: false',
      );
    });
  });
  describe('request IDs and durations that depend on options', () => {
    it("nestjs-pino sets request ids when its pinoHttp options have genReqId (forRootAsync's useFactory too), not by default", () => {
      const withId = analyzeService(fixturePath('services', 'nest-pino-request-id'));
      assert.ok(withId.routes.length > 0);
      for (const route of withId.routes)
        assert.ok(routeCoverage(withId, route, 'correlation-id').covered, `${route.method} ${route.path}`);
      const plain = analyzeService(fixturePath('services', 'nest-pino'));
      for (const route of plain.routes)
        assert.equal(
          routeCoverage(plain, route, 'correlation-id').covered,
          false,
          'LoggerModule.forRoot() numbers requests per process',
        );
      for (const route of plain.routes) assert.ok(routeCoverage(plain, route, 'request-logging').covered);
    });
  });
  describe('middleware stored on an object after it is made', () => {
    it('logger.successHandler = morgan(…) in the logger module, used as app.use(logger.successHandler), logs requests', () => {
      const model = analyzeService(fixturePath('services', 'express-logger-property'));
      const orders = model.routes.find((route) => route.path === '/orders')!;
      assert.deepEqual(routeCoverage(model, orders, 'request-logging'), { covered: true, by: 'logger.successHandler' });
      assert.equal(routeCoverage(model, orders, 'timing').covered, true, "morgan('tiny') writes the response time");
    });

    it('another property stored on the same object is no request logging', () => {
      const model = analyzeService(fixturePath('services', 'express-logger-property'));
      const stats = model.routes.find((route) => route.path === '/stats')!;
      assert.equal(routeCoverage(model, stats, 'request-logging').covered, false);
    });
  });
  describe('Fastify: fastify-decorators controllers', () => {
    it('register(bootstrap, { controllers }) mounts each @Controller class, its @GET/@POST methods routes under the prefix', () => {
      const model = analyzeService(fixturePath('services', 'fastify-decorators'));
      assert.deepEqual(routes(model), ['GET /api/orders/:id', 'GET /api/status', 'POST /api/orders']);
      assert.ok(!model.scopes.some((scope) => scope.name === 'Cache'), 'a class without @Controller is no controller');
      const health = lintFixture('fastify-decorators', 'src/app.ts', 'require-health-endpoints');
      assert.equal(health.length, 1, '/status is no probe');
      assert.equal(lintFixture('fastify-decorators', 'src/app.ts', 'require-correlation-id').length, 1);
      assert.deepEqual(
        lintFixture('fastify-decorators', 'src/controllers/orders.ts', 'require-route-logging'),
        [],
        "Fastify's logger is on",
      );
    });
  });
  describe('apps built by a function and handed to something the model cannot follow', () => {
    it('a function whose module is required as an argument (a lazy loader), or whose result is passed on (vhost), builds no service', () => {
      const model = analyzeService(fixturePath('services', 'express-handed-off'));
      assert.ok(!routes(model).includes('GET /api/session'), 'lazyUse(parent, "/members", require("./members"))');
      assert.ok(!routes(model).includes('GET /ghost/*'), 'parent.use(vhost(host, adminApp()))');
      assert.deepEqual(lintFixture('express-handed-off', 'src/members/app.js', 'require-route-logging'), []);
    });

    it('a function whose caller serves its result (buildStatusApp().listen()) builds a service', () => {
      const model = analyzeService(fixturePath('services', 'express-handed-off'));
      assert.ok(routes(model).includes('GET /status/queue'));
      assert.equal(lintFixture('express-handed-off', 'src/worker.js', 'require-route-logging').length, 1);
    });
  });
});
