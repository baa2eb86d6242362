import {
  EXPRESS,
  FASTIFY,
  HONO,
  KOA,
  NEXT_ROUTE,
  NEXT_WRAPPED,
  ROUTE,
  runServiceRuleCases,
  type ServiceRuleCase,
} from './service-rule-cases';

const missing = (extra: Partial<NonNullable<ServiceRuleCase['error']>> = {}): ServiceRuleCase['error'] => ({
  messageId: 'missingProbes',
  suggestion: 'addHealthEndpoints',
  ...extra,
});
const READINESS = [
  'const READINESS_TIMEOUT_MS = 2000;',
  'export function registerReadinessCheck(name: string, check: () => unknown): void {',
  'async function checkReadiness(): Promise<{ ready: boolean; checks: Record<string, string> }>',
  "Promise.race([Promise.resolve().then(check).then(() => 'ok'), timeout])",
];
const live = (path: string): string => `app.get('${path}', (_q, r) => { r.json({ status: 'ok' }); });\n`;

const cases: ServiceRuleCase[] = [
  // Accepted: both probes answer.
  {
    name: '/health and /health/ready',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/health')}${live('/health/ready')}${ROUTE}`,
  },
  {
    name: '/healthz and /readyz',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/healthz')}${live('/readyz')}${ROUTE}`,
  },
  {
    name: '/livez and /ready',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/livez')}${live('/ready')}${ROUTE}`,
  },
  {
    name: 'probes under a prefix (/api/health, /api/health/ready)',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/api/health')}${live('/api/health/ready')}${ROUTE}`,
  },
  {
    name: 'probes on a router mounted from another module',
    project: 'plain',
    code: `${EXPRESS}import { Router } from 'express';\nconst probes = Router();\nprobes.get('/health', (_q, r) => { r.end(); });\nprobes.get('/health/ready', (_q, r) => { r.end(); });\nconst app = express();\napp.use(probes);\n${ROUTE}`,
  },
  {
    name: 'app.all for the probes',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.all('/health', (_q, r) => { r.end(); });\napp.all('/health/ready', (_q, r) => { r.end(); });\n${ROUTE}`,
  },
  {
    name: 'custom probe paths',
    project: 'plain',
    options: { livenessPaths: ['/status'], readinessPaths: ['/status/deps'] },
    code: `${EXPRESS}const app = express();\n${live('/status')}${live('/status/deps')}${ROUTE}`,
  },
  {
    name: '@godaddy/terminus is a dependency',
    project: 'terminus',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
  },
  {
    name: 'createTerminus wired in the app file',
    project: 'plain',
    code: `${EXPRESS}import http from 'node:http';\nimport { createTerminus } from '@godaddy/terminus';\nconst app = express();\n${ROUTE}createTerminus(http.createServer(app), { healthChecks: { '/healthcheck': async () => {} } });\n`,
  },
  {
    name: 'Fastify @fastify/under-pressure',
    project: 'plain',
    code: `${FASTIFY}import underPressure from '@fastify/under-pressure';\nconst app = Fastify();\napp.register(underPressure, { exposeStatusRoute: true });\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Fastify probe routes with logLevel silent',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify();\napp.get('/health', { logLevel: 'silent' }, async () => ({ status: 'ok' }));\napp.get('/health/ready', { logLevel: 'silent' }, async () => ({ status: 'ready' }));\napp.get('/orders', async () => []);\n`,
  },
  {
    name: 'Koa router probes',
    project: 'plain',
    code: `${KOA}const app = new Koa();\nconst router = new Router();\nrouter.get('/health', (ctx) => { ctx.body = {}; });\nrouter.get('/readyz', (ctx) => { ctx.body = {}; });\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
  },
  {
    name: 'Koa middleware answering the probes',
    project: 'plain',
    code: `${KOA}const app = new Koa();\nconst router = new Router();\napp.use(async (ctx, next) => {\n  if (ctx.path === '/health') { ctx.body = { status: 'ok' }; return; }\n  if (ctx.path === '/health/ready') { ctx.body = { status: 'ready' }; return; }\n  await next();\n});\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
  },
  {
    name: 'Koa middleware answering custom probe paths',
    project: 'plain',
    options: { livenessPaths: ['/status'], readinessPaths: ['/status/deps'] },
    code: `${KOA}const app = new Koa();\nconst router = new Router();\napp.use(async (ctx, next) => {\n  if (ctx.path === '/status') { ctx.body = 'ok'; return; }\n  if (ctx.path === '/status/deps') { ctx.body = 'ok'; return; }\n  await next();\n});\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
  },
  {
    name: 'Hono probes',
    project: 'plain',
    code: `${HONO}const app = new Hono();\napp.get('/health', (c) => c.json({ status: 'ok' }));\napp.get('/health/ready', (c) => c.json({ status: 'ready' }));\napp.get('/orders', (c) => c.json([]));\n`,
  },
  {
    name: 'NestJS probes on the HTTP adapter',
    project: 'plain',
    code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  const adapter = app.getHttpAdapter();\n  adapter.get('/health', (_q: unknown, r: { end(): void }) => r.end());\n  adapter.get('/health/ready', (_q: unknown, r: { end(): void }) => r.end());\n  adapter.get('/orders', (_q: unknown, r: { end(): void }) => r.end());\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
  },
  {
    name: 'an app without routes',
    project: 'plain',
    code: `${EXPRESS}export const app = express();\napp.use(express.json());\n`,
  },
  {
    name: 'a router file (judged where the app is created)',
    project: 'plain',
    file: 'src/routes.ts',
    code: "import { Router } from 'express';\nexport const r = Router();\nr.get('/x', (_q, s) => { s.end(); });\n",
  },
  {
    name: 'CommonJS JS probes',
    project: 'plain',
    file: 'src/app.js',
    code: "const express = require('express');\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.get('/readyz', (req, res) => res.send('ok'));\napp.get('/orders', (req, res) => res.json([]));\n",
  },
  {
    name: 'a logger skipping /health does not make a probe, but real probe routes do',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.use((req, res, next) => { if (req.path === '/health') return next(); console.info(req.method); next(); });\n${live('/health')}${live('/readyz')}${ROUTE}`,
  },
  {
    name: '/ping and /readiness',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/ping')}${live('/readiness')}${ROUTE}`,
  },
  {
    name: '/health/liveness and /health/readiness',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/health/liveness')}${live('/health/readiness')}${ROUTE}`,
  },

  // Reported.
  {
    name: 'no probes at all (Express TS)',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
    error: missing({
      line: 2,
      message: ['no liveness endpoint', 'no readiness endpoint'],
      output: [
        ...READINESS,
        "app.get('/health', (_req, res) => {",
        "res.json({ status: 'ok' });",
        "app.get('/health/ready', (_req, res, next) => {",
        "res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not_ready', checks: readiness.checks });",
      ],
    }),
  },
  {
    name: 'liveness only: readiness is added, liveness is not duplicated',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/health')}${ROUTE}`,
    error: missing({
      message: ['no readiness endpoint'],
      output: READINESS,
      notInOutput: ["app.get('/health', (_req, res) => {"],
    }),
  },
  {
    name: 'readiness only: /health/ready is not liveness',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/health/ready')}${ROUTE}`,
    error: missing({
      message: ['no liveness endpoint'],
      output: ["app.get('/health', (_req, res) => {"],
      notInOutput: ['checkReadiness'],
    }),
  },
  {
    name: 'a POST /health is not a probe',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.post('/health', (_q, r) => { r.end(); });\n${live('/readyz')}${ROUTE}`,
    error: missing({ message: ['no liveness endpoint'] }),
  },
  {
    name: 'a logger that skips /health is not a probe',
    project: 'plain',
    code: `${EXPRESS}const app = express();\napp.use((req, res, next) => { if (req.path === '/health') return next(); console.info(req.method); next(); });\n${ROUTE}`,
    error: missing(),
  },
  {
    name: '/healthcheck is not /health',
    project: 'plain',
    code: `${EXPRESS}const app = express();\n${live('/healthcheck')}${ROUTE}`,
    error: missing(),
  },
  {
    name: 'probes inserted after the app creation, before routes and auth',
    project: 'plain',
    code: `${EXPRESS}import { auth } from './auth.js';\nconst app = express();\napp.use(auth());\n${ROUTE}`,
    error: missing({ output: ["const app = express();\napp.get('/health'"] }),
  },
  {
    name: 'CommonJS JS',
    project: 'plain',
    file: 'src/app.js',
    code: "const express = require('express');\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\nmodule.exports = app;\n",
    error: missing({
      output: [
        'function registerReadinessCheck(name, check) {',
        'module.exports.registerReadinessCheck = registerReadinessCheck;',
        'async function checkReadiness() {',
      ],
      notInOutput: [': string', 'export function'],
    }),
  },
  {
    name: 'Express app created in a factory',
    project: 'plain',
    code: `${EXPRESS}export function createApp() {\n  const app = express();\n  ${ROUTE}  return app;\n}\n`,
    error: missing({ line: 3, output: ["  app.get('/health', (_req, res) => {"] }),
  },
  {
    name: 'Fastify',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify();\napp.get('/orders', async () => []);\n`,
    error: missing({
      output: [
        "app.get('/health', { logLevel: 'silent' }, async () => ({ status: 'ok' }));",
        "app.get('/health/ready', { logLevel: 'silent' }, async (_request, reply) => {",
        'return reply.code(readiness.ready ? 200 : 503).send(',
      ],
    }),
  },
  {
    name: 'Koa',
    project: 'plain',
    code: `${KOA}const app = new Koa();\nconst router = new Router();\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
    error: missing({
      output: [
        "if (ctx.method === 'GET' && ctx.path === '/health') {",
        "if (ctx.method === 'GET' && ctx.path === '/health/ready') {",
        'ctx.status = readiness.ready ? 200 : 503;',
      ],
    }),
  },
  {
    name: 'Koa with liveness already: the middleware answers readiness only',
    project: 'plain',
    code: `${KOA}const app = new Koa();\nconst router = new Router();\nrouter.get('/health', (ctx) => { ctx.body = {}; });\nrouter.get('/orders', (ctx) => { ctx.body = []; });\napp.use(router.routes());\n`,
    error: missing({ output: ["ctx.path === '/health/ready'"], notInOutput: ["ctx.path === '/health')"] }),
  },
  {
    name: 'Hono',
    project: 'plain',
    code: `${HONO}const app = new Hono();\napp.get('/orders', (c) => c.json([]));\n`,
    error: missing({
      output: ["app.get('/health', (c) => c.json({ status: 'ok' }));", 'return c.json({ status: readiness.ready'],
    }),
  },
  {
    name: 'NestJS',
    project: 'plain',
    code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.getHttpAdapter().get('/orders', (_q: unknown, r: { end(): void }) => r.end());\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
    error: missing({
      output: [
        "app.getHttpAdapter().get('/health', (_req: IncomingMessage, res: ServerResponse) => {",
        "res.writeHead(readiness.ready ? 200 : 503, { 'Content-Type': 'application/json' })",
      ],
    }),
  },
  {
    name: 'NestJS in JavaScript: reported, no TypeScript template',
    project: 'plain',
    file: 'src/main.js',
    code: "const { NestFactory } = require('@nestjs/core');\nconst { AppModule } = require('./app.module');\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.getHttpAdapter().get('/orders', (q, r) => r.end());\n  await app.listen(3000);\n}\nbootstrap();\n",
    error: missing({ suggestion: null }),
  },
  {
    name: 'custom paths are required when configured',
    project: 'plain',
    options: { livenessPaths: ['/status'], readinessPaths: ['/status/deps'] },
    code: `${EXPRESS}const app = express();\n${live('/health')}${live('/health/ready')}${ROUTE}`,
    error: missing({
      message: ['GET /status', 'GET /status/deps'],
      output: ["app.get('/status', (_req, res) => {", "app.get('/status/deps', (_req, res, next) => {"],
    }),
  },
  {
    name: 'names already declared: no suggestion',
    project: 'plain',
    code: `${EXPRESS}const readinessChecks = [];\nconst app = express();\n${ROUTE}`,
    error: missing({ suggestion: null }),
  },
  {
    name: 'an .mjs app',
    project: 'plain',
    file: 'src/app.mjs',
    code: `${EXPRESS}const app = express();\n${ROUTE}`,
    error: missing({ output: ['export function registerReadinessCheck(name, check) {'] }),
  },
  {
    name: 'a mounted router without probes',
    project: 'plain',
    code: `${EXPRESS}import { usersRouter } from './routes.js';\nconst app = express();\napp.use('/users', usersRouter);\n`,
    error: missing(),
  },
  {
    name: 'a Fastify plugin-only app',
    project: 'plain',
    code: `${FASTIFY}const app = Fastify({ logger: true });\napp.register(async (instance) => { instance.get('/orders', async () => []); }, { prefix: '/v1' });\n`,
    error: missing(),
  },
  {
    name: 'Hono basePath app',
    project: 'plain',
    code: `${HONO}const app = new Hono().basePath('/api');\napp.get('/orders', (c) => c.json([]));\n`,
    error: missing(),
  },

  // Next.js: probes are route files; the fix creates them (a project fix), so no suggestion.
  {
    name: 'Next.js: no probe route files',
    project: 'next',
    file: NEXT_ROUTE,
    code: NEXT_WRAPPED,
    error: {
      messageId: 'missingProbes',
      line: 1,
      message: ['liveness endpoint', 'readiness endpoint'],
      suggestion: null,
    },
  },
];

runServiceRuleCases('require-health-endpoints', cases);
