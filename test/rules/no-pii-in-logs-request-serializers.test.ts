import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();
/** A module of the fixture project: `./logger` creates pino loggers with and without header-free `req` serializers. */
const filename = fixturePath('pii-request-serializers', 'src', 'routes.ts');
const jsFile = fixturePath('pii-request-serializers', 'src', 'routes.js');
const FASTIFY = "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\n";
const wholeRequest = { messageId: 'sensitive' as const };

/** A logger's `req` serializer decides what `{ req }` writes: Fastify's and a project's own keep no headers. */
describe('no-pii-in-logs: request serializers', () => {
  ts.run('no-pii-in-logs (request serializers)', rule, {
    valid: [
      // Fastify's logger: request.log, reply.log, fastify.log, app.log, this.log in a handler function.
      `${FASTIFY}app.get('/', async (request, reply) => { request.log.info({ req: request }, 'in'); reply.log.warn({ req: request }); });`,
      `${FASTIFY}app.setErrorHandler((err, req, reply) => { req.log.error({ req, err }); app.log.error({ req }); });`,
      "import type { FastifyInstance } from 'fastify';\nexport default async function routes(fastify: FastifyInstance) { fastify.get('/', async function (request) { this.log.info({ req: request }); fastify.log.info({ req: request }); }); }",
      // A serializer in the same file.
      "import pino from 'pino';\nconst log = pino({ serializers: { req: (r) => ({ method: r.method, url: r.url, headers: { agent: r.headers['user-agent'] } }) } });\nfunction h(req) { log.info({ req }); }",
      // Loggers imported from the project's logger module: a field-naming serializer, redacted headers, deleted headers.
      {
        filename,
        code: "import { logger } from './logger';\nfunction h(req) { logger.warn({ req }, 'slow request'); logger.child({ module: 'x' }).info({ req }); }",
      },
      {
        filename,
        code: "import { redacted, trimmed } from './logger';\nfunction h(req) { redacted.error({ req }); trimmed.info({ req }); }",
      },
      { filename: jsFile, code: "const logger = require('./cjs-logger');\nfunction h(req) { logger.info({ req }); }" },
    ],
    invalid: [
      // Under another key, or parts of the request: the serializer applies to `req` only.
      {
        code: `${FASTIFY}app.get('/', async (request) => { request.log.info({ request }); });`,
        errors: [wholeRequest],
      },
      {
        code: `${FASTIFY}app.get('/', async (request) => { request.log.info(request.headers); request.log.info({ body: request.body }); });`,
        errors: [wholeRequest, wholeRequest],
      },
      { code: `${FASTIFY}app.get('/', async (req) => { req.log.info({ req: req.body }); });`, errors: [wholeRequest] },
      // pino-http (even beside Fastify types): its default serializer keeps the headers.
      {
        code: "import pinoHttp from 'pino-http';\nimport type { FastifyRequest } from 'fastify';\napp.use(pinoHttp());\napp.get('/', (req, res) => { req.log.info({ req }); });",
        errors: [wholeRequest],
      },
      // Express without Fastify: req.log is pino-http's.
      {
        code: "import express from 'express';\napp.get('/', (req, res) => { req.log.info({ req }); });",
        errors: [wholeRequest],
      },
      // `this.log` in a class is the class's logger.
      {
        code: "import type { FastifyRequest } from 'fastify';\nclass Handler { handle(req: FastifyRequest) { this.log.info({ req }); } }",
        errors: [wholeRequest],
      },
      // Plain pino without a req serializer writes the whole request.
      {
        code: "import pino from 'pino';\nconst log = pino();\nfunction h(req) { log.info({ req }); }",
        errors: [wholeRequest],
      },
      // Imported loggers whose serializer keeps the headers, whose redaction misses the cookie, or that copy the request.
      {
        filename,
        code: "import { standard, halfRedacted, copying } from './logger';\nfunction h(req) { standard.info({ req }); halfRedacted.info({ req }); copying.info({ req }); }",
        errors: [wholeRequest, wholeRequest, wholeRequest],
      },
      { filename, code: "import log from './logger';\nfunction h(req) { log.info({ req }); }", errors: [wholeRequest] },
      // A header-free logger still reports other keys.
      {
        filename,
        code: "import { logger } from './logger';\nfunction h(req) { logger.info({ req, body: req.body }); }",
        errors: [wholeRequest],
      },
    ],
  });
});
