import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['require-route-logging'];
const tester = new RuleTester();

/** A file of a fixture service: its neighbours are read from disk, the file itself is the test's code. */
const at = (service: string, file: string): string => fixturePath('services', service, file);
const EXPRESS_APP = at('express-ts', 'src/app.ts');
const EXPRESS = "import express from 'express';\n";

const notLogged = (method: string, path: string, reason: string) => ({ method, path, reason });
const NONE = 'no request-logging middleware runs before it';

const PINO_HTTP_IMPORT = "import { pinoHttp } from 'pino-http';";

tester.run('require-route-logging', rule, {
  valid: [
    // Express: request logging registered before the routes and mounts it covers.
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}${PINO_HTTP_IMPORT}\nimport { ordersRouter } from './routes/orders.js';\nconst app = express();\napp.use(pinoHttp());\napp.use('/orders', ordersRouter);\napp.get('/version', (_req, res) => { res.json({}); });`,
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan('combined'));\napp.get('/version', (_req, res) => { res.json({}); });`,
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import expressWinston from 'express-winston';\nconst app = express();\napp.use(expressWinston.logger({}));\napp.post('/orders', (_req, res) => { res.end(); });`,
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const pinoHttp = require('pino-http');\nconst app = express();\napp.use(pinoHttp({ autoLogging: true }));\napp.get('/a', (_req, res) => res.end());`,
    },
    // A local middleware, imported from another file, that logs on finish.
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import { requestLogger } from './middleware.js';\nconst app = express();\napp.use(requestLogger);\napp.get('/a', (_req, res) => { res.end(); });`,
    },
    // An inline middleware that logs.
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.use((req, res, next) => { res.on('finish', () => console.info(req.method, res.statusCode)); next(); });\napp.get('/a', (_req, res) => { res.end(); });`,
    },
    // The handler itself logs, directly, through a same-file helper two levels deep, or through a wrapper.
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.get('/a', (req, res) => { console.info('a'); res.end(); });`,
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\nfunction record() { write(); }\nfunction write() { console.info('served'); }\napp.get('/a', (_req, res) => { record(); res.end(); });`,
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import { withLogging } from './middleware.js';\nconst app = express();\napp.get('/a', withLogging((_req, res) => { res.end(); }));`,
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import pino from 'pino';\nconst logger = pino();\nconst app = express();\napp.delete('/a/:id', (req, res) => { logger.info({ id: req.params.id }, 'deleted'); res.end(); });`,
    },
    // Health, readiness and metrics are exempt by default, also under a prefix.
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.get('/health', (_q, r) => { r.json({ status: 'ok' }); });\napp.get('/health/ready', (_q, r) => { r.json({}); });\napp.get('/metrics', (_q, r) => { r.end(); });\napp.get('/api/readyz', (_q, r) => { r.end(); });`,
    },
    // `app.get('env')` reads a setting; it is not a route.
    { filename: EXPRESS_APP, code: `${EXPRESS}const app = express();\nconsole.info(app.get('env'));` },
    // A router's own logger covers its routes; a path-scoped logger covers its path.
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import { Router } from 'express';\nimport { requestLogger } from './middleware.js';\nconst app = express();\nconst admin = Router();\nadmin.use(requestLogger);\nadmin.get('/users', (_q, r) => { r.end(); });\napp.use('/admin', admin);`,
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import { requestLogger } from './middleware.js';\nconst app = express();\napp.use('/admin', requestLogger);\napp.get('/admin/users', (_q, r) => { r.end(); });`,
    },
    // Options: a logging middleware from a package the rule does not know; more exempt paths.
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}import { audit } from '@company/audit';\nconst app = express();\napp.use(audit());\napp.get('/a', (_q, r) => { r.end(); });`,
      options: [{ loggingMiddleware: ['audit'] }],
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.get('/internal/ping', (_q, r) => { r.end(); });`,
      options: [{ exemptPaths: ['/internal'] }],
    },
    // Router files: mounted after pino-http in the app on disk, or logging in the handler.
    {
      filename: at('express-ts', 'src/routes/users.ts'),
      code: "import { Router } from 'express';\nconst router = Router();\nrouter.get('/:id', (req, res) => { res.json({ id: req.params.id }); });\nexport default router;",
    },
    {
      filename: at('express-ts', 'src/routes/admin.ts'),
      code: "import { Router } from 'express';\nexport const adminRouter = Router();\nadminRouter.route('/settings').get((_q, r) => { r.json({}); });",
    },
    {
      filename: at('express-ts', 'src/routes/orders.ts'),
      code: "import { Router } from 'express';\nexport const ordersRouter = Router();\nordersRouter.post('/', (req, res) => { req.log.info('order created'); res.status(201).end(); });",
    },
    // Evidence only: a router no visible app mounts is not reported.
    {
      filename: at('express-ts', 'src/routes/orphan.ts'),
      code: "import { Router } from 'express';\nexport const orphanRouter = Router();\norphanRouter.get('/orphans', (_q, r) => { r.json([]); });",
    },
    // CommonJS: a router-scoped logger; an installer's route whose helper logs.
    {
      filename: at('express-cjs', 'server.js'),
      code: "const express = require('express');\nconst { requestLogger } = require('./middleware/logging');\nconst app = express();\nconst api = express.Router();\napi.use(requestLogger);\napi.get('/items', (req, res) => res.json([]));\napp.use('/api', api);\nmodule.exports = app;",
    },
    {
      filename: at('express-cjs', 'server.js'),
      code: "const express = require('express');\nconst morgan = require('morgan');\nconst registerRoutes = require('./routes');\nconst app = express();\napp.use(morgan('tiny'));\nregisterRoutes(app);\nmodule.exports = app;",
    },
    // morgan instances exported by the project's own config module (seen in node-express-boilerplate).
    {
      filename: at('express-cjs', 'server.js'),
      code: "const express = require('express');\nconst morgan = require('./config/morgan');\nconst app = express();\napp.use(morgan.successHandler);\napp.use(morgan.errorHandler);\napp.options('*', (req, res) => res.end());\nmodule.exports = app;",
    },
    // Fastify: the framework logger; hooks anywhere in the same context (order does not matter there).
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/ping', async () => 'pong');",
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nimport pino from 'pino';\nconst app = Fastify({ loggerInstance: pino() });\napp.get('/ping', async () => 'pong');",
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/ping', async () => 'pong');\napp.addHook('onResponse', async (request, reply) => { request.log.info({ status: reply.statusCode }, 'done'); });",
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nimport fp from 'fastify-plugin';\nimport { auditHook } from './plugins/audit.js';\nconst app = Fastify();\napp.register(fp(auditHook));\napp.get('/ping', async () => 'pong');",
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.route({ method: 'GET', url: '/status', handler: async () => ({ ok: true }) });",
    },
    // Fastify plugin file, registered in the app on disk (covered by the fastify-plugin hook there).
    {
      filename: at('fastify', 'src/plugins/users.ts'),
      code: "import type { FastifyInstance } from 'fastify';\nexport async function usersPlugin(fastify: FastifyInstance): Promise<void> {\n  fastify.get('/:id', async () => ({}));\n}",
    },
    // Fastify plugin never registered anywhere visible: evidence only.
    {
      filename: at('fastify', 'src/plugins/quiet.ts'),
      code: "import type { FastifyInstance } from 'fastify';\nexport async function quietPlugin(fastify: FastifyInstance): Promise<void> {\n  fastify.get('/quiet', async () => 'shh');\n}",
    },
    // The app registers a plugin and no route of its own: its routes are judged in the plugin's file.
    // Koa: logger before the router's routes; koa-pino-logger; the handler logs through ctx.log.
    {
      filename: at('koa', 'src/app.js'),
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nimport logger from 'koa-logger';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/items', (ctx) => { ctx.body = []; });\napp.use(logger());\napp.use(router.routes());",
    },
    {
      filename: at('koa', 'src/app.js'),
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nimport pino from 'koa-pino-logger';\nconst app = new Koa();\napp.use(pino());\nconst router = new Router({ prefix: '/api' });\nrouter.get('/items', (ctx) => { ctx.body = []; });\napp.use(router.routes());",
    },
    {
      filename: at('koa', 'src/app.js'),
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/items', (ctx) => { ctx.log.info('listing'); ctx.body = []; });\napp.use(router.routes());",
    },
    {
      filename: at('koa', 'src/app.js'),
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\napp.use(async (ctx, next) => { await next(); console.info(ctx.method, ctx.status); });\nconst router = new Router();\nrouter.get('/items', (ctx) => { ctx.body = []; });\napp.use(router.routes());",
    },
    // Hono: logger first, sub-apps mounted after it; the handler logs.
    {
      filename: at('hono', 'src/index.ts'),
      code: "import { Hono } from 'hono';\nimport { logger } from 'hono/logger';\nimport { books } from './books.js';\nconst app = new Hono();\napp.use(logger());\napp.route('/books', books);\napp.get('/about', (c) => c.text('about'));\nexport default app;",
    },
    {
      filename: at('hono', 'src/books.ts'),
      code: "import { Hono } from 'hono';\nexport const books = new Hono();\nbooks.get('/', (c) => c.json([]));",
    },
    {
      filename: at('hono', 'src/index.ts'),
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.on(['GET', 'POST'], '/things', (c) => { console.info(c.req.method); return c.text('ok'); });\nexport default app;",
    },
    // `new Koa` without parentheses, and a router module that exports `router.routes()` (seen in a real Koa service).
    {
      filename: at('koa', 'src/app.js'),
      code: "const Koa = require('koa');\nconst logger = require('koa-logger');\nconst app = new Koa;\napp.use(logger());\napp.use(require('./routes'));\nmodule.exports = app;",
    },
    // tsconfig `paths` (`@/*`, `#logging`, inherited through `extends`, JSON with comments): the router and the logger are found.
    {
      filename: at('express-paths', 'src/routes/users.ts'),
      code: "import { Router } from 'express';\nexport const usersRouter = Router();\nusersRouter.get('/:id', (req, res) => { res.json({ id: req.params.id }); });",
    },
    // Koa named routes; Hono chains.
    {
      filename: at('koa', 'src/app.js'),
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nimport logger from 'koa-logger';\nconst app = new Koa();\napp.use(logger());\nconst router = new Router();\nrouter.get('item', '/items/:id', (ctx) => { ctx.body = {}; });\napp.use(router.routes());",
    },
    {
      filename: at('hono', 'src/index.ts'),
      code: "import { Hono } from 'hono';\nimport { logger } from 'hono/logger';\nconst app = new Hono();\napp.use(logger()).get('/chained', (c) => c.text('ok'));\nexport default app;",
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.use(pinoHttp());\napp.get(['/a', '/b'], (_q, r) => { r.end(); });\napp.get(/^\\/files\\/.*/, (_q, r) => { r.end(); });`,
    },
    // NestJS bootstraps whose apps log every request: no report at the bootstrap.
    {
      filename: at('nest-global', 'src/main.ts'),
      code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nimport { LoggingInterceptor } from './logging.interceptor';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalInterceptors(new LoggingInterceptor());\n  await app.listen(3000);\n}\nbootstrap();",
    },
    // NestJS: global interceptor, nestjs-pino LoggerModule, middleware for all routes, method-level interceptor.
    {
      filename: at('nest-global', 'src/items.controller.ts'),
      code: "import { Controller, Get } from '@nestjs/common';\n\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  list() {\n    return [];\n  }\n}",
    },
    {
      filename: at('nest-pino', 'src/items.controller.ts'),
      code: "import { Controller, Get } from '@nestjs/common';\n\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  list() {\n    return [];\n  }\n}",
    },
    {
      filename: at('nest-middleware', 'src/items.controller.ts'),
      code: "import { Controller, Get } from '@nestjs/common';\n\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  list() {\n    return [];\n  }\n}",
    },
    {
      filename: at('nest', 'src/users/users.controller.ts'),
      code: "import { Controller, Get, UseInterceptors } from '@nestjs/common';\nimport { LoggingInterceptor } from '../logging.interceptor';\n\n@Controller('users')\nexport class UsersController {\n  @Get()\n  @UseInterceptors(LoggingInterceptor)\n  list() {\n    return [];\n  }\n}",
    },
    // A controller-level interceptor covers every handler of that controller.
    {
      filename: at('nest', 'src/users/users.controller.ts'),
      code: "import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';\nimport { LoggingInterceptor } from '../logging.interceptor';\n\n@Controller('users')\n@UseInterceptors(LoggingInterceptor)\nexport class UsersController {\n  @Get()\n  list() {\n    return [];\n  }\n\n  @Post()\n  create() {\n    return {};\n  }\n}",
    },
    {
      filename: at('nest', 'src/health.controller.ts'),
      code: "import { Controller, Get } from '@nestjs/common';\n\n@Controller()\nexport class HealthController {\n  @Get('health')\n  check() {\n    return { status: 'ok' };\n  }\n}",
    },
    // Next.js: a logging wrapper, a Pages API handler that logs, a logging middleware.ts whose matcher covers the route.
    {
      filename: at('next', 'app/api/users/[id]/route.ts'),
      code: "import { withLogging } from '../../../../lib/with-logging';\nexport const DELETE = withLogging(async () => new Response(null, { status: 204 }));",
    },
    {
      filename: at('next', 'pages/api/legacy.ts'),
      code: "export default function handler(_req: unknown, res: { json(body: unknown): void }) {\n  console.info('legacy api called');\n  res.json({ ok: true });\n}",
    },
    {
      filename: at('next', 'app/api/health/route.ts'),
      code: "export function GET() {\n  return Response.json({ status: 'ok' });\n}",
    },
    {
      filename: at('next-mw', 'app/api/orders/route.ts'),
      code: 'export async function GET() {\n  return Response.json([]);\n}',
    },
  ],
  invalid: [
    {
      // The plugin's route is reported in its file; the app that registers it gets one report with the app-wide fix.
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nimport { quietPlugin } from './plugins/quiet.js';\nconst app = Fastify();\napp.register(quietPlugin);",
      errors: [
        {
          messageId: 'appRoutesNotLogged',
          data: { count: '1', examples: 'GET /quiet', reason: 'the Fastify logger is off and no hook logs it' },
          line: 3,
          suggestions: [
            {
              messageId: 'enableFastifyLogger',
              output:
                "import Fastify from 'fastify';\nimport { quietPlugin } from './plugins/quiet.js';\nconst app = Fastify({ logger: true });\napp.register(quietPlugin);",
            },
          ],
        },
      ],
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.get('/version', (_req, res) => { res.json({}); });`,
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/version', NONE),
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'addRequestLogging',
              data: { what: 'pino-http' },
              output: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.use(pinoHttp());\napp.get('/version', (_req, res) => { res.json({}); });`,
            },
            {
              messageId: 'addHandlerLog',
              output: `${EXPRESS}const app = express();\napp.get('/version', (_req, res) => { console.info('GET /version'); res.json({}); });`,
            },
          ],
        },
      ],
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.get('/early', (_req, res) => res.end());\napp.use(pinoHttp());\napp.get('/late', (_req, res) => res.end());`,
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/early', 'pinoHttp() is registered after this route (src/app.ts:5)'),
          line: 4,
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.use(pinoHttp());\napp.get('/early', (_req, res) => res.end());\napp.use(pinoHttp());\napp.get('/late', (_req, res) => res.end());`,
            },
            {
              messageId: 'addHandlerLog',
              output: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.get('/early', (_req, res) => {\n  console.info('GET /early');\n  return res.end();\n});\napp.use(pinoHttp());\napp.get('/late', (_req, res) => res.end());`,
            },
          ],
        },
      ],
    },
    {
      // The logger after a mount: reported at the mount (with a move) — its routes are reported in their own file.
      filename: EXPRESS_APP,
      code: `${EXPRESS}${PINO_HTTP_IMPORT}\nimport { ordersRouter } from './routes/orders.js';\nconst app = express();\napp.use('/orders', ordersRouter);\napp.use(pinoHttp());`,
      errors: [
        {
          messageId: 'mountBeforeLogger',
          data: { path: '/orders', logger: 'pinoHttp()', where: 'src/app.ts:6' },
          line: 5,
          suggestions: [
            {
              messageId: 'moveLoggerBeforeMount',
              data: { logger: 'app.use(pinoHttp())' },
              output: `${EXPRESS}${PINO_HTTP_IMPORT}\nimport { ordersRouter } from './routes/orders.js';\nconst app = express();\napp.use(pinoHttp());\napp.use('/orders', ordersRouter);\n`,
            },
          ],
        },
      ],
    },
    ...[
      [
        "import expressWinston from 'express-winston';",
        'app.use(expressWinston.errorLogger({}));',
        'express-winston errorLogger only logs errors',
      ],
      [
        "import { attachLogger } from './middleware.js';",
        'app.use(attachLogger);',
        'a middleware that only attaches a logger',
      ],
      [
        "import { unusedMorgan } from './middleware.js';",
        'app.use(unusedMorgan);',
        'a middleware that builds a logger and never runs it',
      ],
      [
        "import { requestLogger } from './middleware.js';",
        "app.use('/admin', requestLogger);",
        'a logger scoped to another path',
      ],
    ].map(([imports, use, _why]) => ({
      filename: EXPRESS_APP,
      code: `${EXPRESS}${imports}\nconst app = express();\n${use}\napp.get('/public', (_req, res) => { res.end(); });`,
      errors: [
        {
          messageId: 'routeNotLogged' as const,
          data: notLogged('GET', '/public', NONE),
          line: 5,
          suggestions: [
            {
              messageId: 'addRequestLogging' as const,
              output: `${EXPRESS}${imports}\n${PINO_HTTP_IMPORT}\nconst app = express();\n${use}\napp.use(pinoHttp());\napp.get('/public', (_req, res) => { res.end(); });`,
            },
            {
              messageId: 'addHandlerLog' as const,
              output: `${EXPRESS}${imports}\nconst app = express();\n${use}\napp.get('/public', (_req, res) => { console.info('GET /public'); res.end(); });`,
            },
          ],
        },
      ],
    })),
    {
      // A router's own logger does not cover the app's other routes.
      filename: EXPRESS_APP,
      code: `${EXPRESS}import { Router } from 'express';\nimport { requestLogger } from './middleware.js';\nconst app = express();\nconst admin = Router();\nadmin.use(requestLogger);\napp.use('/admin', admin);\napp.get('/public', (_q, r) => { r.end(); });`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 8,
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output: `${EXPRESS}import { Router } from 'express';\nimport { requestLogger } from './middleware.js';\n${PINO_HTTP_IMPORT}\nconst app = express();\nconst admin = Router();\nadmin.use(requestLogger);\napp.use(pinoHttp());\napp.use('/admin', admin);\napp.get('/public', (_q, r) => { r.end(); });`,
            },
            {
              messageId: 'addHandlerLog',
              output: `${EXPRESS}import { Router } from 'express';\nimport { requestLogger } from './middleware.js';\nconst app = express();\nconst admin = Router();\nadmin.use(requestLogger);\napp.use('/admin', admin);\napp.get('/public', (_q, r) => { console.info('GET /public'); r.end(); });`,
            },
          ],
        },
      ],
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.route('/settings').get((_q, r) => { r.json({}); });`,
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/settings', NONE),
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.use(pinoHttp());\napp.route('/settings').get((_q, r) => { r.json({}); });`,
            },
            {
              messageId: 'addHandlerLog',
              output: `${EXPRESS}const app = express();\napp.route('/settings').get((_q, r) => { console.info('GET /settings'); r.json({}); });`,
            },
          ],
        },
      ],
    },
    {
      // A router file whose mount comes before pino-http in the app on disk.
      filename: at('express-ts', 'src/routes/orders.ts'),
      code: "import { Router } from 'express';\nexport const ordersRouter = Router();\nordersRouter.get('/:id', (req, res) => { res.json({ id: req.params.id }); });",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/orders/:id', 'pinoHttp() is registered after this route (src/app.ts:12)'),
          line: 3,
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "import { Router } from 'express';\nexport const ordersRouter = Router();\nordersRouter.get('/:id', (req, res) => { console.info('GET /orders/:id'); res.json({ id: req.params.id }); });",
            },
          ],
        },
      ],
    },
    {
      filename: at('express-ts', 'src/routes/orphan.ts'),
      options: [{ assumeNoGlobalLogging: true }],
      code: "import { Router } from 'express';\nexport const orphanRouter = Router();\norphanRouter.get('/orphans', (_q, r) => { r.json([]); });",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/orphans', NONE),
          suggestions: [
            // With no app in view, the router itself gets the request logger.
            {
              messageId: 'addRequestLogging',
              output:
                "import { Router } from 'express';\nimport { pinoHttp } from 'pino-http';\nexport const orphanRouter = Router();\norphanRouter.use(pinoHttp());\norphanRouter.get('/orphans', (_q, r) => { r.json([]); });",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import { Router } from 'express';\nexport const orphanRouter = Router();\norphanRouter.get('/orphans', (_q, r) => { console.info('GET /orphans'); r.json([]); });",
            },
          ],
        },
      ],
    },
    {
      // CommonJS with morgan as a dependency: the suggestion uses morgan and require().
      filename: at('express-cjs', 'server.js'),
      code: "const express = require('express');\nconst app = express();\napp.get('/public', (req, res) => res.send('ok'));\nmodule.exports = app;",
      errors: [
        {
          messageId: 'routeNotLogged',
          suggestions: [
            {
              messageId: 'addRequestLogging',
              data: { what: 'morgan' },
              output:
                "const express = require('express');\nconst morgan = require('morgan');\nconst app = express();\napp.use(morgan('tiny'));\napp.get('/public', (req, res) => res.send('ok'));\nmodule.exports = app;",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "const express = require('express');\nconst app = express();\napp.get('/public', (req, res) => {\n  console.info('GET /public');\n  return res.send('ok');\n});\nmodule.exports = app;",
            },
          ],
        },
      ],
    },
    {
      // An installer (`registerRoutes(app)`) in another file registers a route no logger covers.
      filename: at('express-cjs', 'routes.js'),
      code: "module.exports = function registerRoutes(app) {\n  app.get('/reports', (req, res) => res.json([]));\n};",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/reports', NONE),
          line: 2,
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "module.exports = function registerRoutes(app) {\n  app.get('/reports', (req, res) => {\n  console.info('GET /reports');\n  return res.json([]);\n});\n};",
            },
          ],
        },
      ],
    },
    // Fastify: logger off, disabled request logging, a silenced route, an encapsulated hook.
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/ping', async () => 'pong');",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/ping', 'the Fastify logger is off and no hook logs it'),
          suggestions: [
            {
              messageId: 'enableFastifyLogger',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/ping', async () => 'pong');",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/ping', async () => {\n  console.info('GET /ping');\n  return 'pong';\n});",
            },
          ],
        },
      ],
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify({ logger: false, trustProxy: true });\napp.post('/orders', async () => ({}));",
      errors: [
        {
          messageId: 'routeNotLogged',
          suggestions: [
            {
              messageId: 'enableFastifyLogger',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: true, trustProxy: true });\napp.post('/orders', async () => ({}));",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: false, trustProxy: true });\napp.post('/orders', async () => {\n  console.info('POST /orders');\n  return {};\n});",
            },
          ],
        },
      ],
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify({ logger: true, disableRequestLogging: true });\napp.get('/ping', async () => 'pong');",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/ping', 'Fastify request logging is disabled (disableRequestLogging)'),
          suggestions: [
            {
              messageId: 'enableFastifyLogger',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: true, disableRequestLogging: false });\napp.get('/ping', async () => 'pong');",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: true, disableRequestLogging: true });\napp.get('/ping', async () => {\n  console.info('GET /ping');\n  return 'pong';\n});",
            },
          ],
        },
      ],
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/poll', { logLevel: 'silent' }, async () => 'ok');",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/poll', 'its logLevel silences the Fastify request log'),
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/poll', { logLevel: 'silent' }, async () => {\n  console.info('GET /poll');\n  return 'ok';\n});",
            },
          ],
        },
      ],
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.register(async (instance) => {\n  instance.addHook('onRequest', async (request) => { request.log.info('in plugin'); });\n});\napp.get('/ping', async () => 'pong');",
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 6,
          suggestions: [
            {
              messageId: 'enableFastifyLogger',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.register(async (instance) => {\n  instance.addHook('onRequest', async (request) => { request.log.info('in plugin'); });\n});\napp.get('/ping', async () => 'pong');",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify();\napp.register(async (instance) => {\n  instance.addHook('onRequest', async (request) => { request.log.info('in plugin'); });\n});\napp.get('/ping', async () => {\n  console.info('GET /ping');\n  return 'pong';\n});",
            },
          ],
        },
      ],
    },
    // Koa: the logger after the router; nothing at all.
    {
      filename: at('koa', 'src/app.js'),
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nimport logger from 'koa-logger';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/items', (ctx) => { ctx.body = []; });\napp.use(router.routes());\napp.use(logger());",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/items', 'logger() is registered after this route (src/app.js:8)'),
          line: 6,
          suggestions: [
            {
              messageId: 'addRequestLogging',
              data: { what: 'a request-logging middleware' },
              output:
                "import Koa from 'koa';\nimport Router from '@koa/router';\nimport logger from 'koa-logger';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/items', (ctx) => { ctx.body = []; });\napp.use(async (ctx, next) => {\n  const started = process.hrtime.bigint();\n  try {\n    await next();\n  } finally {\n    console.info(JSON.stringify({ msg: 'request completed', method: ctx.method, route: ctx._matchedRoute ?? 'unmatched', status: ctx.status, duration_ms: Number(process.hrtime.bigint() - started) / 1e6, request_id: ctx.response.get('x-request-id') || undefined }));\n  }\n});\napp.use(router.routes());\napp.use(logger());",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import Koa from 'koa';\nimport Router from '@koa/router';\nimport logger from 'koa-logger';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/items', (ctx) => { console.info('GET /items'); ctx.body = []; });\napp.use(router.routes());\napp.use(logger());",
            },
          ],
        },
        {
          messageId: 'mountBeforeLogger',
          line: 7,
          suggestions: [
            {
              messageId: 'moveLoggerBeforeMount',
              output:
                "import Koa from 'koa';\nimport Router from '@koa/router';\nimport logger from 'koa-logger';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/items', (ctx) => { ctx.body = []; });\napp.use(logger());\napp.use(router.routes());\n",
            },
          ],
        },
      ],
    },
    // Hono: a route before the logger; an app without a logger.
    {
      filename: at('hono', 'src/index.ts'),
      code: "import { Hono } from 'hono';\nimport { logger } from 'hono/logger';\nconst app = new Hono();\napp.get('/early', (c) => c.text('early'));\napp.use(logger());\nexport default app;",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/early', 'logger() is registered after this route (src/index.ts:5)'),
          suggestions: [
            {
              messageId: 'addRequestLogging',
              data: { what: 'hono/logger' },
              output:
                "import { Hono } from 'hono';\nimport { logger } from 'hono/logger';\nconst app = new Hono();\napp.use(logger());\napp.get('/early', (c) => c.text('early'));\napp.use(logger());\nexport default app;",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import { Hono } from 'hono';\nimport { logger } from 'hono/logger';\nconst app = new Hono();\napp.get('/early', (c) => {\n  console.info('GET /early');\n  return c.text('early');\n});\napp.use(logger());\nexport default app;",
            },
          ],
        },
      ],
    },
    {
      filename: at('hono', 'src/index.ts'),
      code: "import { Hono } from 'hono';\nconst app = new Hono().basePath('/v1');\napp.post('/things', (c) => c.json({}));\nexport default app;",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('POST', '/v1/things', NONE),
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output:
                "import { Hono } from 'hono';\nimport { routePath } from 'hono/route';\nconst app = new Hono().basePath('/v1');\napp.use(async (c, next) => {\n  const started = process.hrtime.bigint();\n  await next();\n  console.info(JSON.stringify({ msg: 'request completed', method: c.req.method, route: routePath(c), status: c.res.status, duration_ms: Number(process.hrtime.bigint() - started) / 1e6, request_id: c.res.headers.get('x-request-id') ?? undefined }));\n});\napp.post('/things', (c) => c.json({}));\nexport default app;",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import { Hono } from 'hono';\nconst app = new Hono().basePath('/v1');\napp.post('/things', (c) => {\n  console.info('POST /v1/things');\n  return c.json({});\n});\nexport default app;",
            },
          ],
        },
      ],
    },
    // NestJS: `app.useLogger()` alone does not log requests.
    {
      filename: at('nest', 'src/users/users.controller.ts'),
      code: "import { Controller, Get, Param } from '@nestjs/common';\n\n@Controller('users')\nexport class UsersController {\n  @Get(':id')\n  findOne(@Param('id') id: string) {\n    return { id };\n  }\n}",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/api/users/:id', NONE),
          line: 5,
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "import { Controller, Get, Param } from '@nestjs/common';\n\n@Controller('users')\nexport class UsersController {\n  @Get(':id')\n  findOne(@Param('id') id: string) {\n    console.info('GET /api/users/:id');\n    return { id };\n  }\n}",
            },
          ],
        },
      ],
    },
    // NestJS: an interceptor on one handler covers that handler only.
    {
      filename: at('nest', 'src/users/users.controller.ts'),
      code: "import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';\nimport { LoggingInterceptor } from '../logging.interceptor';\n\n@Controller('users')\nexport class UsersController {\n  @Get()\n  @UseInterceptors(LoggingInterceptor)\n  list() {\n    return [];\n  }\n\n  @Post()\n  create() {\n    return {};\n  }\n}",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('POST', '/api/users', NONE),
          line: 12,
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';\nimport { LoggingInterceptor } from '../logging.interceptor';\n\n@Controller('users')\nexport class UsersController {\n  @Get()\n  @UseInterceptors(LoggingInterceptor)\n  list() {\n    return [];\n  }\n\n  @Post()\n  create() {\n    console.info('POST /api/users');\n    return {};\n  }\n}",
            },
          ],
        },
      ],
    },
    // Next.js: an App Router handler with no logging, and a middleware.ts whose matcher does not cover it.
    {
      filename: at('next', 'app/api/users/[id]/route.ts'),
      code: 'export async function GET(request: Request) {\n  return Response.json({ url: request.url });\n}',
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/api/users/[id]', NONE),
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "export async function GET(request: Request) {\n  console.info('GET /api/users/[id]');\n  return Response.json({ url: request.url });\n}",
            },
          ],
        },
      ],
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.all('/any', (_q, r) => { r.end(); });`,
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('ALL', '/any', NONE),
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.use(pinoHttp());\napp.all('/any', (_q, r) => { r.end(); });`,
            },
            {
              messageId: 'addHandlerLog',
              output: `${EXPRESS}const app = express();\napp.all('/any', (_q, r) => { console.info('ALL /any'); r.end(); });`,
            },
          ],
        },
      ],
    },
    {
      // A router's logger registered after its route.
      filename: EXPRESS_APP,
      code: `${EXPRESS}import { Router } from 'express';\nimport { requestLogger } from './middleware.js';\nconst app = express();\nconst r = Router();\nr.get('/a', (_q, res) => { res.end(); });\nr.use(requestLogger);\napp.use('/r', r);`,
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/r/a', 'requestLogger is registered after this route (src/app.ts:7)'),
          line: 6,
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output: `${EXPRESS}import { Router } from 'express';\nimport { requestLogger } from './middleware.js';\n${PINO_HTTP_IMPORT}\nconst app = express();\nconst r = Router();\nr.get('/a', (_q, res) => { res.end(); });\nr.use(requestLogger);\napp.use(pinoHttp());\napp.use('/r', r);`,
            },
            {
              messageId: 'addHandlerLog',
              output: `${EXPRESS}import { Router } from 'express';\nimport { requestLogger } from './middleware.js';\nconst app = express();\nconst r = Router();\nr.get('/a', (_q, res) => { console.info('GET /r/a'); res.end(); });\nr.use(requestLogger);\napp.use('/r', r);`,
            },
          ],
        },
      ],
    },
    {
      // Arrays of handlers, and a project logger (a pino instance) used for the inserted line.
      filename: EXPRESS_APP,
      code: `${EXPRESS}import pino from 'pino';\nconst logger = pino();\nconst app = express();\nconst auth = (_q: unknown, _r: unknown, next: () => void) => next();\napp.get('/secure', [auth, (_q: unknown, r: { end(): void }) => { r.end(); }]);`,
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/secure', NONE),
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output: `${EXPRESS}import pino from 'pino';\n${PINO_HTTP_IMPORT}\nconst logger = pino();\nconst app = express();\nconst auth = (_q: unknown, _r: unknown, next: () => void) => next();\napp.use(pinoHttp());\napp.get('/secure', [auth, (_q: unknown, r: { end(): void }) => { r.end(); }]);`,
            },
          ],
        },
      ],
    },
    {
      filename: EXPRESS_APP,
      code: `${EXPRESS}const app = express();\napp.get(['/a', '/b'], (_q, r) => { r.end(); });`,
      // One registration, two paths: one report, fixed by request logging for the app (a log line in the shared
      // handler could name only one of them).
      errors: [
        {
          messageId: 'routesHereNotLogged',
          data: { count: '2', examples: 'GET /a, GET /b', reason: NONE.replace(/ before it$/, ' before them') },
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output: `${EXPRESS}${PINO_HTTP_IMPORT}\nconst app = express();\napp.use(pinoHttp());\napp.get(['/a', '/b'], (_q, r) => { r.end(); });`,
            },
          ],
        },
      ],
    },
    {
      // `app.get('env')` inside a handler is a setting, not a second route.
      filename: at('express-cjs', 'server.js'),
      code: "const express = require('express');\nconst app = express();\napp.get('/env', (req, res) => res.send(app.get('env')));\nmodule.exports = app;",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/env', NONE),
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output:
                "const express = require('express');\nconst morgan = require('morgan');\nconst app = express();\napp.use(morgan('tiny'));\napp.get('/env', (req, res) => res.send(app.get('env')));\nmodule.exports = app;",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "const express = require('express');\nconst app = express();\napp.get('/env', (req, res) => {\n  console.info('GET /env');\n  return res.send(app.get('env'));\n});\nmodule.exports = app;",
            },
          ],
        },
      ],
    },
    {
      filename: at('fastify', 'src/server.ts'),
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/x', { handler: async () => 1 });",
      errors: [
        {
          messageId: 'routeNotLogged',
          suggestions: [
            {
              messageId: 'enableFastifyLogger',
              output:
                "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/x', { handler: async () => 1 });",
            },
          ],
        },
      ],
    },
    {
      filename: at('koa', 'src/app.js'),
      code: "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router({ prefix: '/v2' });\nrouter.post('/orders', (ctx) => { ctx.status = 201; });\napp.use(router.routes());",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('POST', '/v2/orders', NONE),
          suggestions: [
            {
              messageId: 'addRequestLogging',
              output:
                "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router({ prefix: '/v2' });\nrouter.post('/orders', (ctx) => { ctx.status = 201; });\napp.use(async (ctx, next) => {\n  const started = process.hrtime.bigint();\n  try {\n    await next();\n  } finally {\n    console.info(JSON.stringify({ msg: 'request completed', method: ctx.method, route: ctx._matchedRoute ?? 'unmatched', status: ctx.status, duration_ms: Number(process.hrtime.bigint() - started) / 1e6, request_id: ctx.response.get('x-request-id') || undefined }));\n  }\n});\napp.use(router.routes());",
            },
            {
              messageId: 'addHandlerLog',
              output:
                "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router({ prefix: '/v2' });\nrouter.post('/orders', (ctx) => { console.info('POST /v2/orders'); ctx.status = 201; });\napp.use(router.routes());",
            },
          ],
        },
      ],
    },
    {
      filename: at('koa', 'src/routes.js'),
      code: "const Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/legacy', (ctx) => { ctx.body = 'old'; });\nmodule.exports = router.routes();",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('GET', '/legacy', NONE),
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "const Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/legacy', (ctx) => { console.info('GET /legacy'); ctx.body = 'old'; });\nmodule.exports = router.routes();",
            },
          ],
        },
      ],
    },
    {
      // Through tsconfig `paths`: the mount of `@/routes/users` comes before the logger from `#logging`.
      filename: at('express-paths', 'src/app.ts'),
      code: "import express from 'express';\nimport { accessLog } from '#logging';\nimport { usersRouter } from '@/routes/users';\nexport const app = express();\napp.use('/users', usersRouter);\napp.use(accessLog);",
      errors: [
        {
          messageId: 'mountBeforeLogger',
          data: { path: '/users', logger: 'accessLog', where: 'src/app.ts:6' },
          suggestions: [
            {
              messageId: 'moveLoggerBeforeMount',
              output:
                "import express from 'express';\nimport { accessLog } from '#logging';\nimport { usersRouter } from '@/routes/users';\nexport const app = express();\napp.use(accessLog);\napp.use('/users', usersRouter);\n",
            },
          ],
        },
      ],
    },
    {
      // NestJS: reported once at the bootstrap (the controllers' routes are reported in their own files), with a global interceptor.
      filename: at('nest', 'src/main.ts'),
      code: "import { NestFactory } from '@nestjs/core';\nimport { Logger } from '@nestjs/common';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useLogger(new Logger());\n  app.setGlobalPrefix('api');\n  await app.listen(3000);\n}\nbootstrap();\n",
      errors: [
        {
          messageId: 'appRoutesNotLogged',
          data: {
            count: '1',
            examples: 'GET /api/users/:id',
            reason: 'no interceptor, middleware or nestjs-pino logs requests',
          },
          line: 6,
          suggestions: [
            {
              messageId: 'addLoggingInterceptor',
              output:
                "import { NestFactory } from '@nestjs/core';\nimport { Logger, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';\nimport { AppModule } from './app.module';\nimport { Observable, finalize } from 'rxjs';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalInterceptors(new RequestLoggingInterceptor());\n  app.useLogger(new Logger());\n  app.setGlobalPrefix('api');\n  await app.listen(3000);\n}\nbootstrap();\n\n/** Logs every request once its response is sent: method, URL, status and duration. */\n@Injectable()\nclass RequestLoggingInterceptor implements NestInterceptor {\n  private readonly logger = new Logger('HTTP');\n\n  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {\n    const http = context.switchToHttp();\n    const request = http.getRequest<{ method: string; url: string }>();\n    const started = Date.now();\n    return next.handle().pipe(\n      finalize(() => {\n        const response = http.getResponse<{ statusCode: number; getHeader(name: string): unknown }>();\n        this.logger.log(JSON.stringify({ method: request.method, url: request.url, status: response.statusCode, duration_ms: Date.now() - started, request_id: response.getHeader('x-request-id') }));\n      }),\n    );\n  }\n}\n",
            },
          ],
        },
      ],
    },
    {
      // A Hono sub-app mounted before the logger: reported at the mount (its routes live in books.ts).
      filename: at('hono', 'src/index.ts'),
      code: "import { Hono } from 'hono';\nimport { logger } from 'hono/logger';\nimport { books } from './books.js';\nconst app = new Hono();\napp.route('/books', books);\napp.use(logger());\nexport default app;",
      errors: [
        {
          messageId: 'mountBeforeLogger',
          data: { path: '/books', logger: 'logger()', where: 'src/index.ts:6' },
          line: 5,
          suggestions: [
            {
              messageId: 'moveLoggerBeforeMount',
              output:
                "import { Hono } from 'hono';\nimport { logger } from 'hono/logger';\nimport { books } from './books.js';\nconst app = new Hono();\napp.use(logger());\napp.route('/books', books);\nexport default app;",
            },
          ],
        },
      ],
    },
    {
      // Re-exported handlers are judged in the module they come from: GET logs there, POST does not.
      filename: at('next', 'app/api/reports/route.ts'),
      code: "export { GET, POST } from '../../../lib/handlers';\n",
      errors: [{ messageId: 'routeNotLogged', data: notLogged('POST', '/api/reports', NONE), suggestions: [] }],
    },
    {
      filename: at('next', 'app/api/users/[id]/route.ts'),
      code: 'export const POST = async () => new Response(null, { status: 201 });',
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('POST', '/api/users/[id]', NONE),
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "export const POST = async () => {\n  console.info('POST /api/users/[id]');\n  return new Response(null, { status: 201 });\n};",
            },
          ],
        },
      ],
    },
    {
      filename: at('next', 'pages/api/legacy.ts'),
      code: 'export default function handler(_req: unknown, res: { json(body: unknown): void }) {\n  res.json({ ok: true });\n}',
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('ALL', '/api/legacy', NONE),
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "export default function handler(_req: unknown, res: { json(body: unknown): void }) {\n  console.info('ALL /api/legacy');\n  res.json({ ok: true });\n}",
            },
          ],
        },
      ],
    },
    {
      filename: at('nest', 'src/users/users.controller.ts'),
      code: "import { Controller, Delete, Param } from '@nestjs/common';\n\n@Controller('users')\nexport class UsersController {\n  @Delete(':id')\n  remove(@Param('id') id: string) {\n    return { id };\n  }\n}",
      errors: [
        {
          messageId: 'routeNotLogged',
          data: notLogged('DELETE', '/api/users/:id', NONE),
          suggestions: [
            {
              messageId: 'addHandlerLog',
              output:
                "import { Controller, Delete, Param } from '@nestjs/common';\n\n@Controller('users')\nexport class UsersController {\n  @Delete(':id')\n  remove(@Param('id') id: string) {\n    console.info('DELETE /api/users/:id');\n    return { id };\n  }\n}",
            },
          ],
        },
      ],
    },
  ],
});
