import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import { RuleTester as EslintRuleTester } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['preserve-error-details'];
const ts = new TsRuleTester();
const js = new EslintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });

const pinoFile = fixturePath('error-rules', 'pino-service', 'src', 'orders.ts');
const nestFile = fixturePath('error-rules', 'nest-service', 'src', 'orders.service.ts');
const plainFile = fixturePath('error-rules', 'plain-service', 'src', 'orders.ts');
const winstonFile = fixturePath('error-rules', 'winston-service', 'src', 'orders.ts');
/** A winston project whose own `Logger` class (src/logger.ts) turns Errors into `{ name, message, stack }`. */
const wrapperFile = fixturePath('error-rules', 'wrapper-service', 'src', 'orders.ts');
const PINO = "import pino from 'pino';\nconst logger = pino();\n";
const WINSTON =
  "import winston from 'winston';\nconst logger = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Console()] });\n";
const WINSTON_ERRORS =
  "import winston from 'winston';\nconst logger = winston.createLogger({ format: winston.format.combine(winston.format.errors({ stack: true }), winston.format.json()) });\n";
const NEST_HEAD =
  "import { Injectable, Logger } from '@nestjs/common';\n@Injectable()\nexport class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  async cancel(id: string) {\n    try {\n      await this.repo.cancel(id);\n    } catch (err) {\n";
const NEST_TAIL = '    }\n  }\n}';
/** `try { await saveOrder(order); } catch (err) { <body> }`. */
const inCatch = (body: string): string => `try { await saveOrder(order); } catch (err) { ${body} }`;
const suggestion = (output: string) => [{ messageId: 'logErrorObject' as const, output }];

describe('preserve-error-details', () => {
  ts.run('preserve-error-details (TypeScript)', rule, {
    valid: [
      // pino: the error under `err`, or as the merging object.
      `${PINO}${inCatch("logger.error({ err }, 'save failed');")}`,
      `${PINO}${inCatch('logger.error(err);')}`,
      `${PINO}${inCatch("logger.error(err, 'save failed');")}`,
      `${PINO}${inCatch("logger.error({ err, orderId: order.id, reason: err.message }, 'save failed');")}`,
      // The options say which keys are serialized.
      `import pino from 'pino';\nconst logger = pino({ errorKey: 'error' });\n${inCatch("logger.error({ error: err }, 'save failed');")}`,
      `import pino from 'pino';\nconst logger = pino({ serializers: { error: pino.stdSerializers.err } });\n${inCatch("logger.error({ error: err }, 'save failed');")}`,
      // Options that cannot be read are not judged.
      `import pino from 'pino';\nconst logger = pino({ ...baseOptions });\n${inCatch("logger.error({ error: err }, 'save failed');")}`,
      // Text at levels below error is a choice (a retry notice).
      `${PINO}${inCatch('logger.warn(`retrying: ${err.message}`); await retry();')}`,
      `${PINO}${inCatch("logger.info({ reason: err.message }, 'falling back');")}`,
      // The stack as text keeps type and stack.
      `${PINO}${inCatch('logger.error(err.stack);')}`,
      "import winston from 'winston';\nconst logger = winston.createLogger({});\ntry { await save(); } catch (err) { logger.error('save failed', { stack: err.stack }); }",
      // JSON.stringify with a replacer list writes the error's own properties.
      `${PINO}${inCatch('logger.error(JSON.stringify(err, Object.getOwnPropertyNames(err)));')}`,
      // Values that are not Errors.
      `${PINO}const error = 'card declined';\nlogger.error({ error }, 'payment failed');`,
      `${PINO}function fail(message: string) { logger.error({ error: message }, 'failed'); }`,
      `${PINO}const err = validate(body);\nlogger.error({ error: err }, 'invalid body');`,
      `${PINO}logger.error(\`failed: \${result.message}\`);`,
      `${PINO}${inCatch("logger.error({ error: new Date() }, 'x'); throw err;")}`,
      // console and winston write an Error given after the message with its stack.
      'try { await save(); } catch (err) { console.error(err); }',
      "try { await save(); } catch (err) { console.error('save failed', err); }",
      `${WINSTON}${inCatch("logger.error('save failed', err);")}`,
      `${WINSTON_ERRORS}${inCatch('logger.error(err);')}`,
      // A winston logger whose creation is not visible is not judged for a lone error.
      "import { logger } from './logger';\ntry { await save(); } catch (err) { logger.error(err); }",
      // NestJS with the stack argument.
      {
        filename: nestFile,
        code: `${NEST_HEAD}      this.logger.error('cancel failed', err instanceof Error ? err.stack : String(err));\n${NEST_TAIL}`,
      },
      // The error is used elsewhere in the handler: the log line is context for a rethrow.
      `${PINO}${inCatch("logger.error('save failed'); throw err;")}`,
      `${PINO}${inCatch("logger.error({ orderId: order.id }, 'save failed'); next(err);")}`,
      // No binding: nothing is at hand.
      `${PINO}try { await save(); } catch { logger.error('save failed'); }`,
      // An error-first callback may hold null where the line is written.
      `${PINO}db.get(key, (err, value) => { logger.error('lookup done'); });`,
      // pino's Fastify and pino-http loggers follow the same rules.
      "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/', async (request) => { try { return await load(); } catch (err) { request.log.error({ err }, 'load failed'); throw err; } });",
      "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'orders', serializers: bunyan.stdSerializers });\ntry { await save(); } catch (err) { log.error({ err }, 'save failed'); }",
      // Not a log call.
      inCatch('res.status(500).json({ error: err.message });'),
      // Test files.
      { code: `${PINO}${inCatch("logger.error('save failed', err);")}`, filename: 'src/orders.spec.ts' },
      // The project's own logger class serializes errors itself (its module maps `instanceof Error` to name, message
      // and stack), though winston is underneath: `{ error }` is kept.
      {
        filename: wrapperFile,
        code: `import Logger from './logger';\n${inCatch("Logger.warn('save failed', { error: err });")}`,
      },
      {
        filename: wrapperFile,
        code: `import Logger from './logger';\n${inCatch("Logger.error('save failed', err, { orderId: order.id });")}`,
      },
      // A logger the rule cannot see through is not assumed to be winston or pino: no key or position is judged.
      {
        filename: plainFile,
        code: `import { logger } from '~/services/logger.server';\n${inCatch("logger.error('save failed', { error: err });")}`,
      },
      `import { logger } from './logger';\n${inCatch("logger.error('save failed', { error: err });")}`,
      {
        filename: pinoFile,
        code: `import { logger } from './audit-logger';\n${inCatch("logger.error('save failed', err);")}`,
      },
      {
        filename: winstonFile,
        code: `class OrdersService {\n  constructor(private readonly logger: AppLogger) {}\n  async save() { try { await saveOrder(order); } catch (err) { this.logger.error('save failed', { error: err }); } }\n}`,
      },
      // A class of the project's own, created in the file, is a wrapper too.
      {
        filename: winstonFile,
        code: `class AppLogger { error(message: string, fields: object) { process.stderr.write(format(message, fields)); } }\nconst logger = new AppLogger();\n${inCatch("logger.error('save failed', { error: err });")}`,
      },
    ],
    invalid: [
      // pino drops an argument after a message without placeholders.
      {
        code: `${PINO}${inCatch("logger.error('save failed', err);")}`,
        errors: [
          {
            messageId: 'errorDropped',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ err }, 'save failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}${inCatch("logger.error({ orderId: order.id }, 'save failed', err);")}`,
        errors: [
          {
            messageId: 'errorDropped',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ orderId: order.id, err }, 'save failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}promise.catch((e) => logger.error('save failed', e));`,
        errors: [
          {
            messageId: 'errorDropped',
            suggestions: suggestion(`${PINO}promise.catch((e) => logger.error({ err: e }, 'save failed'));`),
          },
        ],
      },
      // An Error under another key is written as {}.
      {
        code: `${PINO}${inCatch("logger.error({ error: err }, 'save failed');")}`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ err }, 'save failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}fetchUser(id).catch((e) => { logger.warn({ e, id }, 'user not loaded'); return null; });`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              `${PINO}fetchUser(id).catch((e) => { logger.warn({ err: e, id }, 'user not loaded'); return null; });`,
            ),
          },
        ],
      },
      {
        code: `import pino from 'pino';\nconst logger = pino({ errorKey: 'error' });\n${inCatch("logger.error({ failure: err }, 'save failed');")}`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              `import pino from 'pino';\nconst logger = pino({ errorKey: 'error' });\n${inCatch("logger.error({ err }, 'save failed');")}`,
            ),
          },
        ],
      },
      {
        code: `${PINO}const error = new ValidationError('bad input');\nlogger.error({ error }, 'invalid');`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              `${PINO}const error = new ValidationError('bad input');\nlogger.error({ err: error }, 'invalid');`,
            ),
          },
        ],
      },
      {
        code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/', async (request) => { try { return await load(); } catch (err) { request.log.error({ error: err }, 'load failed'); throw err; } });",
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/', async (request) => { try { return await load(); } catch (err) { request.log.error({ err }, 'load failed'); throw err; } });",
            ),
          },
        ],
      },
      {
        code: "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'orders' });\ntry { await save(); } catch (err) { log.error({ error: err }, 'save failed'); }",
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'orders' });\ntry { await save(); } catch (err) { log.error({ err }, 'save failed'); }",
            ),
          },
        ],
      },
      {
        code: `${WINSTON}${inCatch("logger.error('save failed', { error: err });")}`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(`${WINSTON}${inCatch("logger.error('save failed', err);")}`),
          },
        ],
      },
      {
        // winston with more fields: reported, the fix is left to the author.
        code: `${WINSTON}${inCatch("logger.error('save failed', { orderId: order.id, error: err });")}`,
        errors: [{ messageId: 'errorUnderKey' }],
      },
      // The error as text while the object is at hand.
      {
        code: `${PINO}${inCatch('logger.error(`save failed: ${err.message}`);')}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ err }, 'save failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}${inCatch("logger.error('save failed: ' + err);")}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ err }, 'save failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}${inCatch('logger.error(err.message);')}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ err }, 'saveOrder failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}${inCatch("logger.error({ orderId: order.id, error: err.message }, 'save failed');")}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ orderId: order.id, err }, 'save failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}${inCatch('logger.error({ orderId: order.id }, `order ${order.id} not saved: ${String(err)}`);')}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(
              `${PINO}${inCatch('logger.error({ orderId: order.id, err }, `order ${order.id} not saved`);')}`,
            ),
          },
        ],
      },
      {
        code: `${PINO}${inCatch('logger.fatal(JSON.stringify(err));')}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${PINO}${inCatch("logger.fatal({ err }, 'saveOrder failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}${inCatch('logger.error(err.toString());')}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ err }, 'saveOrder failed');")}`),
          },
        ],
      },
      {
        code: `${PINO}fs.readFile(p, (err, data) => { if (err) { logger.error(\`read failed: \${err.message}\`); return; } use(data); });`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(
              `${PINO}fs.readFile(p, (err, data) => { if (err) { logger.error({ err }, 'read failed'); return; } use(data); });`,
            ),
          },
        ],
      },
      {
        code: `${PINO}function report(error: AxiosError) { logger.error(error.message); }`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(
              `${PINO}function report(error: AxiosError) { logger.error({ err: error }, 'operation failed'); }`,
            ),
          },
        ],
      },
      {
        code: `${WINSTON}${inCatch('logger.error(`order ${order.id} failed: ${err.message}`);')}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${WINSTON}${inCatch('logger.error(`order ${order.id} failed`, err);')}`),
          },
        ],
      },
      {
        code: inCatch("console.error('save failed: ' + err.message);"),
        errors: [{ messageId: 'errorAsText', suggestions: suggestion(inCatch("console.error('save failed', err);")) }],
      },
      {
        code: inCatch("console.error('save failed:', err.message);"),
        errors: [{ messageId: 'errorAsText', suggestions: suggestion(inCatch("console.error('save failed:', err);")) }],
      },
      {
        filename: nestFile,
        code: `${NEST_HEAD}      this.logger.error(\`cancel failed: \${err}\`);\n${NEST_TAIL}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(
              `${NEST_HEAD}      this.logger.error('cancel failed', err instanceof Error ? err.stack : String(err));\n${NEST_TAIL}`,
            ),
          },
        ],
      },
      {
        filename: nestFile,
        code: `${NEST_HEAD}      this.logger.error(err.message);\n${NEST_TAIL}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`${NEST_HEAD}      this.logger.error('cancel failed', err.stack);\n${NEST_TAIL}`),
          },
        ],
      },
      // winston without format.errors(): a lone Error is written as {"level":"error"}.
      {
        code: `${WINSTON}${inCatch('logger.error(err);')}`,
        errors: [
          {
            messageId: 'loneWinstonError',
            suggestions: suggestion(`${WINSTON}${inCatch("logger.error('saveOrder failed', err);")}`),
          },
        ],
      },
      // The error is bound, never used, and the error line says nothing of it.
      {
        code: `${PINO}${inCatch("logger.error('save failed'); res.status(500).end();")}`,
        errors: [
          {
            messageId: 'errorNotLogged',
            suggestions: suggestion(
              `${PINO}${inCatch("logger.error({ err }, 'save failed'); res.status(500).end();")}`,
            ),
          },
        ],
      },
      {
        code: `${PINO}${inCatch("logger.error({ orderId: order.id }, 'save failed');")}`,
        errors: [
          {
            messageId: 'errorNotLogged',
            suggestions: suggestion(`${PINO}${inCatch("logger.error({ orderId: order.id, err }, 'save failed');")}`),
          },
        ],
      },
      {
        code: `${WINSTON}${inCatch("logger.error('save failed');")}`,
        errors: [
          {
            messageId: 'errorNotLogged',
            suggestions: suggestion(`${WINSTON}${inCatch("logger.error('save failed', err);")}`),
          },
        ],
      },
      {
        code: inCatch("console.error('save failed');"),
        errors: [
          { messageId: 'errorNotLogged', suggestions: suggestion(inCatch("console.error('save failed', err);")) },
        ],
      },
      {
        filename: nestFile,
        code: `${NEST_HEAD}      this.logger.error('cancel failed');\n${NEST_TAIL}`,
        errors: [
          {
            messageId: 'errorNotLogged',
            suggestions: suggestion(
              `${NEST_HEAD}      this.logger.error('cancel failed', err instanceof Error ? err.stack : String(err));\n${NEST_TAIL}`,
            ),
          },
        ],
      },
      // A project wrapper still loses what any logger loses: the error turned into text.
      {
        filename: wrapperFile,
        code: `import Logger from './logger';\n${inCatch("Logger.error('save failed: ' + JSON.stringify(err));")}`,
        errors: [
          {
            messageId: 'errorAsText',
            suggestions: suggestion(`import Logger from './logger';\n${inCatch("Logger.error('save failed', err);")}`),
          },
        ],
      },
      {
        filename: plainFile,
        code: `import { logger } from '~/services/logger.server';\n${inCatch('logger.error(`save failed: ${err.message}`);')}`,
        errors: [{ messageId: 'errorAsText' }],
      },
      // Loggers the library creates, in the project's logger module or in the class, are judged by its rules.
      {
        filename: winstonFile,
        code: `import { logger } from './logger';\n${inCatch("logger.error('save failed', { error: err });")}`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              `import { logger } from './logger';\n${inCatch("logger.error('save failed', err);")}`,
            ),
          },
        ],
      },
      {
        filename: pinoFile,
        code: `import { logger } from './logger';\n${inCatch("logger.error({ error: err }, 'save failed');")}`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              `import { logger } from './logger';\n${inCatch("logger.error({ err }, 'save failed');")}`,
            ),
          },
        ],
      },
      {
        code: `import pino from 'pino';\nclass OrdersService {\n  private readonly logger = pino();\n  async save() { try { await saveOrder(order); } catch (err) { this.logger.error({ error: err }, 'save failed'); } }\n}`,
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: suggestion(
              `import pino from 'pino';\nclass OrdersService {\n  private readonly logger = pino();\n  async save() { try { await saveOrder(order); } catch (err) { this.logger.error({ err }, 'save failed'); } }\n}`,
            ),
          },
        ],
      },
      // The project's logger module creates a pino logger: its calls follow pino's rules.
      {
        filename: pinoFile,
        code: `import { logger } from './logger';\n${inCatch("logger.error('save failed', err);")}`,
        errors: [
          {
            messageId: 'errorDropped',
            suggestions: suggestion(
              `import { logger } from './logger';\n${inCatch("logger.error({ err }, 'save failed');")}`,
            ),
          },
        ],
      },
    ],
  });

  js.run('preserve-error-details (JavaScript)', rule as never, {
    valid: [
      {
        code: "const pino = require('pino');\nconst log = pino();\ntry { save(); } catch (err) { log.error({ err }, 'save failed'); }",
        languageOptions: { sourceType: 'commonjs' },
      },
      {
        code: "const winston = require('winston');\nconst logger = winston.createLogger({ format: winston.format.combine(winston.format.errors({ stack: true }), winston.format.json()) });\ntry { save(); } catch (err) { logger.error(err); }",
        languageOptions: { sourceType: 'commonjs' },
      },
    ],
    invalid: [
      {
        code: "const pino = require('pino');\nconst log = pino();\ndb.query(sql, function (err) { if (err) log.error('query failed', err); });",
        languageOptions: { sourceType: 'commonjs' },
        errors: [
          {
            messageId: 'errorDropped',
            suggestions: [
              {
                messageId: 'logErrorObject',
                output:
                  "const pino = require('pino');\nconst log = pino();\ndb.query(sql, function (err) { if (err) log.error({ err }, 'query failed'); });",
              },
            ],
          },
        ],
      },
      {
        code: "const pino = require('pino');\nconst log = pino();\nstream.on('error', (error) => log.error({ error }, 'stream failed'));",
        languageOptions: { sourceType: 'commonjs' },
        errors: [
          {
            messageId: 'errorUnderKey',
            suggestions: [
              {
                messageId: 'logErrorObject',
                output:
                  "const pino = require('pino');\nconst log = pino();\nstream.on('error', (error) => log.error({ err: error }, 'stream failed'));",
              },
            ],
          },
        ],
      },
    ],
  });
});
