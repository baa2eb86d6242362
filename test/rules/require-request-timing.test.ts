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

const metric = (extra: Partial<NonNullable<ServiceRuleCase['error']>> = {}): ServiceRuleCase['error'] => ({
  messageId: 'noRequestMetric',
  suggestion: 'addRequestTiming',
  ...extra,
});
const logged = (extra: Partial<NonNullable<ServiceRuleCase['error']>> = {}): ServiceRuleCase['error'] => ({
  messageId: 'noRequestTiming',
  suggestion: 'addRequestTiming',
  ...extra,
});
const HISTOGRAM = [
  "import * as promClient from 'prom-client';",
  "promClient.register.getSingleMetric('http_request_duration_seconds')",
  "labelNames: ['method', 'route', 'status_code'] as const",
  'export async function timed<T>(operation: string, fn: () => Promise<T>): Promise<T>',
  'prom_service_operation_duration_seconds',
];

const cases: ServiceRuleCase[] = [
  // Accepted with prom-client: a request-duration histogram is recorded.
  {
    name: 'express-prom-bundle',
    project: 'prom',
    code: `${EXPRESS}import promBundle from 'express-prom-bundle';\nconst app = express();\napp.use(promBundle({ includeMethod: true, includePath: true }));\n${ROUTE}`,
  },
  {
    name: 'an imported startTimer() middleware',
    project: 'prom',
    code: `${EXPRESS}import { metricsMiddleware } from './timing.js';\nconst app = express();\napp.use(metricsMiddleware);\n${ROUTE}`,
  },
  {
    name: 'an inline middleware observing a histogram on finish',
    project: 'prom',
    code: `${EXPRESS}import { Histogram } from 'prom-client';\nconst httpDuration = new Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames: ['route'] });\nconst app = express();\napp.use((req, res, next) => { const t = Date.now(); res.on('finish', () => httpDuration.observe({ route: req.route?.path ?? 'unmatched' }, (Date.now() - t) / 1000)); next(); });\n${ROUTE}`,
  },
  {
    name: 'fastify-metrics',
    project: 'prom',
    code: `${FASTIFY}import fastifyMetrics from 'fastify-metrics';\nconst app = Fastify();\napp.register(fastifyMetrics, { endpoint: '/metrics' });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'a Fastify onResponse hook observing a histogram',
    project: 'prom',
    code: `${FASTIFY}import { Histogram } from 'prom-client';\nconst latency = new Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames: ['route'] });\nconst app = Fastify();\napp.addHook('onResponse', async (request, reply) => { latency.observe({ route: request.routeOptions.url ?? 'unmatched' }, reply.elapsedTime / 1000); });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Koa middleware with startTimer',
    project: 'prom',
    code: `${KOA}import { Histogram } from 'prom-client';\nconst h = new Histogram({ name: 'http_request_duration_seconds', help: 'h' });\nconst app = new Koa();\nconst router = new Router();\napp.use(async (ctx, next) => { const end = h.startTimer(); await next(); end(); });\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
  },
  {
    name: 'OpenTelemetry auto-instrumentation records http.server.request.duration',
    project: 'otel',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
  },
  {
    name: 'an OpenTelemetry histogram recorded in middleware',
    project: 'otel',
    code: `${EXPRESS}import { metrics } from '@opentelemetry/api';\nconst requestDuration = metrics.getMeter('http').createHistogram('http.server.request.duration');\nconst app = express();\napp.use((req, res, next) => { const t = performance.now(); res.on('finish', () => requestDuration.record((performance.now() - t) / 1000, { 'http.route': req.route?.path ?? 'unmatched' })); next(); });\n${ROUTE}`,
  },
  {
    name: 'response-time handing its duration to a histogram with another name',
    project: 'prom',
    code: `${EXPRESS}import responseTime from 'response-time';\nimport { Histogram } from 'prom-client';\nconst reqResTime = new Histogram({ name: 'http_express_req_res_time', help: 'h', labelNames: ['route'] });\nconst app = express();\napp.use(responseTime((req, res, time) => { reqResTime.labels({ route: req.route?.path ?? 'unmatched' }).observe(time); }));\n${ROUTE}`,
  },
  {
    name: 'an elapsed value observed by a metric named for something else',
    project: 'prom',
    code: `${EXPRESS}import { Histogram } from 'prom-client';\nconst ResponseTimeDb = new Histogram({ name: 'db_response', help: 'h', labelNames: ['method'] });\nconst app = express();\napp.use((req, res, next) => { const start = Date.now(); res.on('finish', () => { const elapsed = Date.now() - start; ResponseTimeDb.labels(req.method).observe(elapsed); }); next(); });\n${ROUTE}`,
  },
  {
    name: 'a configured middleware name',
    project: 'prom',
    options: { middleware: ['apm'] },
    code: `${EXPRESS}import { apm } from '@acme/apm';\nconst app = express();\napp.use(apm());\n${ROUTE}`,
  },
  {
    name: 'only probes (exempt)',
    project: 'prom',
    code: `${EXPRESS}const app = express();\napp.get('/health', (_q, r) => { r.json({}); });\napp.get('/readyz', (_q, r) => { r.json({}); });\n`,
  },
  // Accepted without a metrics library: a logged duration is enough.
  {
    name: 'pino-http logs responseTime',
    project: 'pino',
    code: `${EXPRESS}import { pinoHttp } from 'pino-http';\nconst app = express();\napp.use(pinoHttp());\n${ROUTE}`,
  },
  {
    name: 'a morgan format string with :response-time',
    project: 'plain',
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan(':method :url :status :response-time ms'));\n${ROUTE}`,
  },
  {
    name: 'morgan with a format from configuration (unknown: not reported)',
    project: 'plain',
    code: `${EXPRESS}import morgan from 'morgan';\nimport { config } from './config.js';\nconst app = express();\napp.use(morgan(config.logFormat));\n${ROUTE}`,
  },
  {
    name: 'morgan',
    project: 'plain',
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan('tiny'));\n${ROUTE}`,
  },
  {
    name: 'a middleware logging Date.now() - start',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.use((req, res, next) => { const start = Date.now(); res.on('finish', () => console.info(req.method, Date.now() - start)); next(); });\n${ROUTE}`,
  },
  {
    name: 'a middleware logging process.hrtime.bigint()',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.use((req, res, next) => { const start = process.hrtime.bigint(); res.on('finish', () => console.info(Number(process.hrtime.bigint() - start) / 1e6)); next(); });\n${ROUTE}`,
  },
  {
    name: "Fastify's logger (responseTime in every request line)",
    project: 'plain',
    code: `${FASTIFY}const app = Fastify({ logger: true });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'hono/logger',
    project: 'plain',
    code: `${HONO}import { logger } from 'hono/logger';\nconst app = new Hono();\napp.use(logger());\napp.get('/orders', (c) => c.json([]));\n`,
  },
  {
    name: 'koa-logger',
    project: 'plain',
    code: `${KOA}import logger from 'koa-logger';\nconst app = new Koa();\nconst router = new Router();\napp.use(logger());\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
  },
  {
    name: 'requireMetric: never accepts a logged duration with prom-client present',
    project: 'prom',
    options: { requireMetric: 'never' },
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan('tiny'));\n${ROUTE}`,
  },
  { name: 'an app without routes', project: 'prom', code: `${EXPRESS}export const app = express();\n` },
  {
    name: 'a router file',
    project: 'prom',
    file: 'src/routes.ts',
    code: "import { Router } from 'express';\nexport const r = Router();\nr.get('/x', (_q, s) => { s.end(); });\n",
  },

  // Reported.
  {
    name: 'Express TS with prom-client and nothing timed',
    project: 'prom',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
    error: metric({
      line: 2,
      message: ['prom-client is a dependency', 'GET /orders'],
      output: [
        ...HISTOGRAM,
        'const route = req.route ? req.baseUrl + req.route.path : UNMATCHED_ROUTE;',
        "app.get('/metrics', (_req, res, next) => {",
        'promClient.register.contentType',
      ],
    }),
  },
  {
    name: 'an existing /metrics route is kept, not duplicated',
    project: 'prom',
    code: `${EXPRESS}import { register } from 'prom-client';\nconst app = express();\napp.get('/metrics', async (_q, r) => { r.end(await register.metrics()); });\n${ROUTE}`,
    error: metric({ notInOutput: ["app.get('/metrics', (_req, res, next)"] }),
  },
  {
    name: 'an existing prom-client namespace import is reused',
    project: 'prom',
    code: `${EXPRESS}import client from 'prom-client';\nconst app = express();\n${ROUTE}`,
    error: metric({
      output: ["client.register.getSingleMetric('http_request_duration_seconds')", 'new client.Histogram('],
      notInOutput: ['import * as promClient'],
    }),
  },
  {
    name: 'a histogram observing a size, not a duration, is no request timing',
    project: 'prom',
    code: `${EXPRESS}import { Histogram } from 'prom-client';\nconst bodySize = new Histogram({ name: 'http_request_size_bytes', help: 'h' });\nconst app = express();\napp.use((req, res, next) => { bodySize.observe(Number(req.headers['content-length'] ?? 0)); next(); });\n${ROUTE}`,
    error: metric(),
  },
  {
    name: 'a counter of requests is no request timing',
    project: 'prom',
    code: `${EXPRESS}import { Counter } from 'prom-client';\nconst total = new Counter({ name: 'http_requests_total', help: 'h' });\nconst app = express();\napp.use((req, res, next) => { total.inc(); next(); });\n${ROUTE}`,
    error: metric(),
  },
  {
    name: "morgan('combined') logs no duration",
    project: 'plain',
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan('combined'));\n${ROUTE}`,
    error: logged(),
  },
  {
    name: 'a morgan format string without :response-time logs no duration',
    project: 'plain',
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan(':method :url :status'));\n${ROUTE}`,
    error: logged(),
  },
  {
    name: 'a logged duration is not a metric when prom-client is a dependency',
    project: 'prom',
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan('tiny'));\n${ROUTE}`,
    error: metric(),
  },
  {
    name: 'Express CommonJS JS with prom-client',
    project: 'prom',
    file: 'src/app.js',
    code: "const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\nmodule.exports = app;\n",
    error: metric({
      output: [
        "const promClient = require('prom-client');",
        "promClient.register.getSingleMetric('http_request_duration_seconds') ||",
        'async function timed(operation, fn) {',
        'module.exports.timed = timed;',
      ],
      notInOutput: [' as const', '<T>'],
    }),
  },
  {
    name: 'Fastify with prom-client',
    project: 'prom',
    code: `${FASTIFY}const app = Fastify({ logger: true });\napp.get('/orders', async () => []);\n`,
    error: metric({
      output: [
        "app.addHook('onResponse', (request, reply, done) => {",
        'request.routeOptions.url ?? UNMATCHED_ROUTE',
        'reply.elapsedTime / 1000',
        "app.get('/metrics', { logLevel: 'silent' }",
      ],
    }),
  },
  {
    name: 'Koa with prom-client',
    project: 'prom',
    code: `${KOA}const app = new Koa();\nconst router = new Router({ prefix: '/v1' });\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
    error: metric({
      output: [
        '(ctx as unknown as { _matchedRoute?: unknown })._matchedRoute',
        "if (ctx.method !== 'GET' || ctx.path !== '/metrics') return next();",
      ],
    }),
  },
  {
    name: 'Hono with prom-client',
    project: 'prom',
    code: `${HONO}const app = new Hono();\napp.get('/orders', (c) => c.json([]));\n`,
    error: metric({
      output: [
        "import { routePath } from 'hono/route';",
        'const matched = routePath(c);',
        "app.get('/metrics', async (c) => c.body(await promClient.register.metrics()",
      ],
    }),
  },
  {
    name: 'NestJS with prom-client',
    project: 'prom',
    code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.getHttpAdapter().get('/orders', (_q: unknown, r: { end(): void }) => r.end());\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
    error: metric({
      output: [
        "app.getHttpAdapter().get('/metrics', (_req: IncomingMessage, res: ServerResponse) => {",
        '(req as IncomingMessage & { route?: { path?: unknown } }).route?.path',
      ],
    }),
  },
  {
    name: 'requireMetric: always without a metrics library: reported, no metric template to insert',
    project: 'plain',
    options: { requireMetric: 'always' },
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\napp.use(morgan('tiny'));\n${ROUTE}`,
    error: metric({ suggestion: null, message: ["requireMetric is 'always'"] }),
  },
  {
    name: "requireMetric: never with prom-client and Fastify's logger on",
    project: 'prom',
    options: { requireMetric: 'never' },
    code: `${FASTIFY}const app = Fastify({ logger: true });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Express without metrics library or logger',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
    error: logged({
      message: ['not timed'],
      output: [
        "console.info(JSON.stringify({ msg: 'request completed'",
        'duration_ms: Number(process.hrtime.bigint() - started) / 1e6',
        "request_id: res.getHeader('x-request-id')",
        "console.info(JSON.stringify({ msg: 'operation timed', operation, outcome",
      ],
    }),
  },
  {
    name: 'Express with pino: pino-http',
    project: 'pino',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
    error: logged({ output: ["import { pinoHttp } from 'pino-http';", 'app.use(pinoHttp());'] }),
  },
  {
    name: 'winston logger: message first, fields second',
    project: 'plain',
    code: `${EXPRESS}import winston from 'winston';\nconst logger = winston.createLogger({});\nconst app = express();\n${ROUTE}`,
    error: logged({
      output: [
        "logger.info('request completed', { method: req.method",
        "logger.info('operation timed', { operation, outcome",
      ],
    }),
  },
  {
    name: 'Fastify with the logger off',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify();\napp.get('/orders', async () => []);\n`,
    error: logged({
      output: ["app.addHook('onResponse', (request, reply, done) => {", 'duration_ms: reply.elapsedTime'],
    }),
  },
  {
    name: 'Fastify with request logging disabled',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify({ logger: true, disableRequestLogging: true });\napp.get('/orders', async () => []);\n`,
    error: logged(),
  },
  {
    name: 'Koa without a logger',
    project: 'plain',
    code: `${KOA}const app = new Koa();\nconst router = new Router();\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
    error: logged({ output: ['await next();', "request_id: ctx.response.get('x-request-id') || undefined"] }),
  },
  {
    name: 'Hono without a logger',
    project: 'plain',
    code: `${HONO}const app = new Hono();\napp.get('/orders', (c) => c.json([]));\n`,
    error: logged({ output: ['route: routePath(c)'] }),
  },
  {
    name: 'NestJS without a metrics library',
    project: 'plain',
    code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.getHttpAdapter().get('/orders', (_q: unknown, r: { end(): void }) => r.end());\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
    error: logged({ output: ["res.on('finish', () => {", "request_id: res.getHeader('x-request-id')"] }),
  },
  {
    name: 'a timing middleware registered after the routes',
    project: 'plain',
    code: `${EXPRESS}import morgan from 'morgan';\nconst app = express();\n${ROUTE}app.use(morgan('tiny'));\n`,
    error: logged(),
  },
  {
    name: 'names already declared: no suggestion',
    project: 'prom',
    code: `${EXPRESS}const timed = 1;\nconst app = express();\n${ROUTE}`,
    error: metric({ suggestion: null }),
  },

  // Next.js: timing comes from a wrapper around each handler; the fix creates files (a project fix), so no suggestion.
  {
    name: 'Next.js: handlers wrapped in a timedRoute() that measures and logs the duration',
    project: 'next',
    file: NEXT_ROUTE,
    code: NEXT_WRAPPED,
  },
  {
    name: 'Next.js: plain route handlers',
    project: 'next',
    file: NEXT_ROUTE,
    code: NEXT_PLAIN,
    error: { messageId: 'noRequestTiming', line: 1, message: ['GET /orders'], suggestion: null },
  },
  {
    name: 'Next.js: a wrapper that logs without a duration',
    project: 'next',
    file: NEXT_ROUTE,
    code: NEXT_LOGGED_ONLY,
    error: { messageId: 'noRequestTiming', suggestion: null },
  },
];

runServiceRuleCases('require-request-timing', cases);
