import {
  EXPRESS,
  FASTIFY,
  HONO,
  KOA,
  NEXT_LOGGED_ONLY,
  NEXT_PLAIN,
  NEXT_ROUTE,
  NEXT_WRAPPED,
  ROUTE,
  runServiceRuleCases,
  type ServiceRuleCase,
} from './service-rule-cases';

const report = (extra: Partial<NonNullable<ServiceRuleCase['error']>> = {}): ServiceRuleCase['error'] => ({
  messageId: 'noCorrelationId',
  suggestion: 'addCorrelationId',
  ...extra,
});
const EXPRESS_OUTPUT = [
  "import { randomUUID } from 'node:crypto';",
  "import { AsyncLocalStorage } from 'node:async_hooks';",
  'REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/',
  'export function getRequestId()',
  "res.setHeader('X-Request-ID', requestId);",
  'requestContext.run({ requestId }, next);',
];

const cases: ServiceRuleCase[] = [
  // Accepted: something sets request IDs before the routes.
  {
    name: 'express-request-id',
    project: 'plain',
    code: `${EXPRESS}import requestId from 'express-request-id';\nconst app = express();\napp.use(requestId());\n${ROUTE}`,
  },
  {
    name: 'cls-rtracer',
    project: 'plain',
    code: `${EXPRESS}import rTracer from 'cls-rtracer';\nconst app = express();\napp.use(rTracer.expressMiddleware({ useHeader: true }));\n${ROUTE}`,
  },
  {
    name: 'pino-http with genReqId',
    project: 'pino',
    code: `${EXPRESS}import { pinoHttp } from 'pino-http';\nconst app = express();\napp.use(pinoHttp({ genReqId: (req) => req.headers['x-request-id'] ?? crypto.randomUUID() }));\n${ROUTE}`,
  },
  {
    name: 'an imported local middleware that reads and sets x-request-id',
    project: 'plain',
    code: `${EXPRESS}import { requestId } from './request-id.js';\nconst app = express();\napp.use(requestId);\n${ROUTE}`,
  },
  {
    name: 'an inline middleware that sets X-Correlation-ID',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.use((req, res, next) => { res.set('X-Correlation-ID', req.get('X-Correlation-ID') ?? crypto.randomUUID()); next(); });\n${ROUTE}`,
  },
  {
    name: 'a configured middleware name',
    project: 'plain',
    options: { middleware: ['traceIds'] },
    code: `${EXPRESS}import { traceIds } from '@acme/tracing';\nconst app = express();\napp.use(traceIds());\n${ROUTE}`,
  },
  {
    name: 'only probes and /metrics (exempt)',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.get('/health', (_q, r) => { r.json({}); });\napp.get('/metrics', (_q, r) => { r.end(); });\n`,
  },
  {
    name: 'an app without routes',
    project: 'plain',
    code: `${EXPRESS}export const app = express();\napp.use(express.json());\n`,
  },
  {
    name: 'custom exempt paths',
    project: 'plain',
    options: { exemptPaths: ['/internal'] },
    code: `${EXPRESS}const app = express();\napp.get('/internal/flags', (_q, r) => { r.json({}); });\n`,
  },
  {
    name: 'a router file (reported where the app is created)',
    project: 'plain',
    file: 'src/routes.ts',
    code: "import { Router } from 'express';\nexport const r = Router();\nr.get('/x', (_q, s) => { s.end(); });\n",
  },
  {
    name: 'Fastify genReqId',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify({ genReqId: () => crypto.randomUUID() });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Fastify requestIdHeader',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify({ logger: true, requestIdHeader: 'x-request-id' });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Fastify @fastify/request-context plugin',
    project: 'plain',
    code: `${FASTIFY}import { fastifyRequestContext } from '@fastify/request-context';\nconst app = Fastify();\napp.register(fastifyRequestContext);\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Koa middleware setting X-Request-ID',
    project: 'plain',
    code: `${KOA}const app = new Koa();\nconst router = new Router();\napp.use(async (ctx, next) => { ctx.set('X-Request-ID', ctx.get('x-request-id') || crypto.randomUUID()); await next(); });\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
  },
  {
    name: 'koa-requestid',
    project: 'plain',
    code: `${KOA}import requestId from 'koa-requestid';\nconst app = new Koa();\nconst router = new Router();\napp.use(requestId());\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
  },
  {
    name: 'hono/request-id',
    project: 'plain',
    code: `${HONO}import { requestId } from 'hono/request-id';\nconst app = new Hono();\napp.use('*', requestId());\napp.get('/orders', (c) => c.json([]));\n`,
  },
  {
    name: 'NestJS app.use with a request-id middleware',
    project: 'plain',
    code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nimport { requestId } from './request-id';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(requestId);\n  app.getHttpAdapter().get('/orders', (_q: unknown, r: { end(): void }) => r.end());\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
  },
  {
    name: 'Express 4-style CommonJS with express-request-id',
    project: 'plain',
    file: 'src/app.js',
    code: "const express = require('express');\nconst addRequestId = require('express-request-id');\nconst app = express();\napp.use(addRequestId());\napp.get('/orders', (req, res) => res.json([]));\n",
  },
  {
    name: 'a logger that only reads back the response header is not enough, but a middleware before it is',
    project: 'plain',
    code: `${EXPRESS}import { requestId } from './request-id.js';\nconst app = express();\napp.use(requestId);\napp.use((req, res, next) => { res.on('finish', () => console.info(res.getHeader('x-request-id'))); next(); });\n${ROUTE}`,
  },
  {
    name: 'the fixed Express app (idempotent)',
    project: 'plain',
    code: `${EXPRESS}import { randomUUID } from 'node:crypto';\nconst app = express();\napp.use((req, res, next) => {\n  const incoming = req.headers['x-request-id'];\n  res.setHeader('X-Request-ID', typeof incoming === 'string' ? incoming : randomUUID());\n  next();\n});\n${ROUTE}`,
  },

  // Reported, with the suggestion that inserts the middleware.
  {
    name: 'Express TS app with no request ID',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
    error: report({
      line: 2,
      message: ['1 route(s)', 'GET /orders'],
      output: [...EXPRESS_OUTPUT, '(req as unknown as { id: string }).id = requestId;'],
    }),
  },
  {
    name: 'Express app mounting a router from another file',
    project: 'plain',
    code: `${EXPRESS}import { usersRouter } from './routes.js';\nexport const app = express();\napp.use('/users', usersRouter);\n`,
    error: report({ line: 3, message: ['GET /users/:id'], output: EXPRESS_OUTPUT }),
  },
  {
    name: 'Express CommonJS JS: require() and module.exports',
    project: 'plain',
    file: 'src/app.js',
    code: "const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\nmodule.exports = app;\n",
    error: report({
      output: [
        "const { randomUUID } = require('node:crypto');",
        "const { AsyncLocalStorage } = require('node:async_hooks');",
        'function getRequestId() {',
        'module.exports.getRequestId = getRequestId;',
        'req.id = requestId;',
      ],
      notInOutput: ['export function', ' as unknown as '],
    }),
  },
  {
    name: 'Express .mjs',
    project: 'plain',
    file: 'src/app.mjs',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
    error: report({ output: ['export function getRequestId()', 'req.id = requestId;'] }),
  },
  {
    name: 'Express app created inside a factory function',
    project: 'plain',
    code: `${EXPRESS}export function createApp() {\n  const app = express();\n  ${ROUTE}  return app;\n}\n`,
    error: report({
      line: 3,
      output: ['  app.use((req, res, next) => {', 'const requestContext = new AsyncLocalStorage'],
    }),
  },
  {
    name: 'a middleware registered after the routes',
    project: 'plain',
    code: `${EXPRESS}import { requestId } from './request-id.js';\nconst app = express();\n${ROUTE}app.use(requestId);\n`,
    error: report({ message: ['registered after this route'] }),
  },
  {
    name: 'a middleware scoped to another path',
    project: 'plain',
    code: `${EXPRESS}import { requestId } from './request-id.js';\nconst app = express();\napp.use('/admin', requestId);\n${ROUTE}`,
    error: report(),
  },
  {
    name: 'pino-http without genReqId',
    project: 'pino',
    code: `${EXPRESS}import { pinoHttp } from 'pino-http';\nconst app = express();\napp.use(pinoHttp());\n${ROUTE}`,
    error: report({ output: ['// pino-http logs it as req.id'] }),
  },
  {
    name: 'a logger reading the response header does not set ids',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.use((req, res, next) => { res.on('finish', () => console.info(res.getHeader('x-request-id'))); next(); });\n${ROUTE}`,
    error: report(),
  },
  {
    name: 'names already declared: no suggestion rather than broken code',
    project: 'plain',
    code: `${EXPRESS}const requestContext = {};\nconst app = express();\n${ROUTE}`,
    error: report({ suggestion: null }),
  },
  {
    name: 'randomUUID already imported is reused',
    project: 'plain',
    code: `${EXPRESS}import { randomUUID } from 'node:crypto';\nconst app = express();\n${ROUTE}`,
    error: report({ notInOutput: ["import { randomUUID } from 'node:crypto';\nimport { randomUUID }"] }),
  },
  {
    name: 'Fastify without an id option',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify({ logger: true });\napp.get('/orders', async () => []);\n`,
    error: report({
      output: [
        "Fastify({ logger: true, genReqId: (req) => requestIdFrom(req.headers['x-request-id']), requestIdHeader: false })",
        "app.addHook('onRequest', (request, reply, done) => {",
        "reply.header('X-Request-ID', request.id);",
      ],
    }),
  },
  {
    name: 'Fastify() with no options',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify();\napp.get('/orders', async () => []);\n`,
    error: report({
      output: ["Fastify({ genReqId: (req) => requestIdFrom(req.headers['x-request-id']), requestIdHeader: false })"],
    }),
  },
  {
    name: 'Fastify requestIdHeader: false alone',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify({ requestIdHeader: false });\napp.get('/orders', async () => []);\n`,
    error: report({
      output: ["Fastify({ requestIdHeader: false, genReqId: (req) => requestIdFrom(req.headers['x-request-id']) })"],
    }),
  },
  {
    name: "Fastify options in a variable: ours spread first, the variable's win",
    project: 'plain',
    code: `${FASTIFY}const options = { logger: true };\nconst app = Fastify(options);\napp.get('/orders', async () => []);\n`,
    error: report({
      output: [
        "Fastify({ genReqId: (req) => requestIdFrom(req.headers['x-request-id']), requestIdHeader: false, ...options })",
      ],
    }),
  },
  {
    name: 'Fastify factory whose caller passes genReqId: covered',
    project: 'plain',
    code: `${FASTIFY}import { randomUUID } from 'node:crypto';\nexport function buildApp(opts = {}) {\n  const app = Fastify(opts);\n  app.get('/orders', async () => []);\n  return app;\n}\nbuildApp({ genReqId: () => randomUUID() }).listen({ port: 3000 });\n`,
  },
  {
    name: 'Fastify options as a factory parameter: spread',
    project: 'plain',
    code: `${FASTIFY}export function buildApp(opts = {}) {\n  const app = Fastify(opts);\n  app.get('/orders', async () => []);\n  return app;\n}\n`,
    error: report({ output: ['requestIdHeader: false, ...opts })'] }),
  },
  {
    name: 'Koa with @koa/router',
    project: 'plain',
    code: `${KOA}const app = new Koa();\nconst router = new Router();\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
    error: report({
      output: [
        "ctx.set('X-Request-ID', requestId);",
        'await requestContext.run({ requestId }, next);',
        '(ctx.state as { requestId?: string }).requestId = requestId;',
      ],
    }),
  },
  {
    name: 'Hono',
    project: 'plain',
    code: `${HONO}const app = new Hono();\napp.get('/orders', (c) => c.json([]));\nexport default app;\n`,
    error: report({ output: ["c.header('X-Request-ID', requestId);", "requestIdFrom(c.req.header('x-request-id'))"] }),
  },
  {
    name: 'NestJS bootstrap',
    project: 'plain',
    code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.getHttpAdapter().get('/orders', (_q: unknown, r: { end(): void }) => r.end());\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
    error: report({
      line: 4,
      output: [
        "import type { IncomingMessage, ServerResponse } from 'node:http';",
        'app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {',
      ],
    }),
  },
  {
    name: 'a shebang file keeps its shebang first',
    project: 'plain',
    file: 'src/app.js',
    code: "#!/usr/bin/env node\nconst express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\n",
    error: report({
      output: [
        "#!/usr/bin/env node\nconst express = require('express');\nconst { randomUUID } = require('node:crypto');",
      ],
    }),
  },
  {
    name: 'two routes, counted',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${ROUTE}app.post('/orders', (_req, res) => { res.end(); });\n`,
    error: report({ message: ['2 route(s)', 'GET /orders, POST /orders'] }),
  },

  // Next.js: no app object; each route handler is wrapped, or a middleware.ts sets the id. The fix creates files (a project fix), so no suggestion.
  {
    name: 'Next.js: handlers wrapped in a timedRoute() that reads X-Request-ID',
    project: 'next',
    file: NEXT_ROUTE,
    code: NEXT_WRAPPED,
  },
  {
    name: 'Next.js: middleware.ts keeps or generates X-Request-ID for every path',
    project: 'next-mw',
    file: NEXT_ROUTE,
    code: NEXT_PLAIN,
  },
  {
    name: 'Next.js: plain route handlers',
    project: 'next',
    file: NEXT_ROUTE,
    code: NEXT_PLAIN,
    error: report({ line: 1, message: ['GET /orders'], suggestion: null }),
  },
  {
    name: 'Next.js: a wrapper that only logs sets no request id',
    project: 'next',
    file: NEXT_ROUTE,
    code: NEXT_LOGGED_ONLY,
    error: report({ suggestion: null }),
  },

  // pino mixin: the app file's pino logger gets the request id on every line logged inside a request.
  {
    name: 'pino() in the app file gets a mixin',
    project: 'pino',
    code: `${EXPRESS}import { pino } from 'pino';\nexport const logger = pino();\nconst app = express();\n${ROUTE}`,
    error: report({ output: ['export const logger = pino({ mixin: () => ({ requestId: getRequestId() }) });'] }),
  },
  {
    name: 'pino options keep theirs and get the mixin',
    project: 'pino',
    code: `${EXPRESS}import pino from 'pino';\nconst logger = pino({ level: 'info' });\nconst app = express();\n${ROUTE}`,
    error: report({
      output: ["const logger = pino({ level: 'info', mixin: () => ({ requestId: getRequestId() }) });"],
    }),
  },
  {
    name: 'an existing pino mixin is kept as it is',
    project: 'pino',
    code: `${EXPRESS}import pino from 'pino';\nconst logger = pino({ mixin: () => ({ app: 'shop' }) });\nconst app = express();\n${ROUTE}`,
    error: report({
      output: ["pino({ mixin: () => ({ app: 'shop' }) })"],
      notInOutput: ['requestId: getRequestId() })'],
    }),
  },
  {
    name: 'pino(destination): no options object to extend, the middleware is still inserted',
    project: 'pino',
    code: `${EXPRESS}import pino from 'pino';\nconst logger = pino(pino.destination(1));\nconst app = express();\n${ROUTE}`,
    error: report({
      output: ['const logger = pino(pino.destination(1));', 'requestContext.run({ requestId }, next);'],
    }),
  },

  {
    name: 'pino-http genReqId and a pino logger with the mixin (the fixed shape)',
    project: 'pino',
    code: `${EXPRESS}import { pino } from 'pino';\nimport { pinoHttp } from 'pino-http';\nexport const logger = pino({ mixin: () => ({}) });\nconst app = express();\napp.use(pinoHttp({ logger, genReqId: (req) => String(req.headers['x-request-id'] ?? crypto.randomUUID()) }));\n${ROUTE}`,
  },
  {
    name: 'Fastify genReqId with a pino logger in the same file',
    project: 'pino',
    code: `${FASTIFY}import pino from 'pino';\nconst logger = pino();\nconst app = Fastify({ loggerInstance: logger, genReqId: () => crypto.randomUUID() });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Next.js: the wrapper imported under another name',
    project: 'next',
    file: NEXT_ROUTE,
    code: "import { timedRoute as observed } from '../../lib/observability';\nexport const GET = observed('/orders', async () => Response.json([]));\n",
  },
  {
    name: 'Next.js: a local wrapper that keeps X-Correlation-ID',
    project: 'next',
    file: NEXT_ROUTE,
    code: "function withCorrelation(handler: (request: Request) => Promise<Response>) {\n  return async (request: Request) => {\n    const response = await handler(request);\n    response.headers.set('X-Correlation-ID', request.headers.get('x-correlation-id') ?? crypto.randomUUID());\n    return response;\n  };\n}\nexport const GET = withCorrelation(async () => Response.json([]));\n",
  },
];

runServiceRuleCases('require-correlation-id', cases);
