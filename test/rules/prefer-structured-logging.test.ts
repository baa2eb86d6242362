import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import { RuleTester as EslintRuleTester } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['prefer-structured-logging'];
const ts = new TsRuleTester();
const js = new EslintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });

const pinoFile = fixturePath('error-rules', 'pino-service', 'src', 'orders.ts');
const winstonFile = fixturePath('error-rules', 'winston-service', 'src', 'orders.js');
const nestFile = fixturePath('error-rules', 'nest-service', 'src', 'orders.service.ts');
const plainFile = fixturePath('error-rules', 'plain-service', 'src', 'orders.ts');
const PINO = "import pino from 'pino';\nconst logger = pino();\n";
const WINSTON = "import winston from 'winston';\nconst logger = winston.createLogger({});\n";
const fields = (output: string) => [{ messageId: 'useFields' as const, output }];
const useLogger = (output: string) => [{ messageId: 'useLogger' as const, output }];

describe('prefer-structured-logging', () => {
  ts.run('prefer-structured-logging (TypeScript)', rule, {
    valid: [
      // No structured logger in the service: console is its logger.
      { filename: plainFile, code: "console.log('listening on', port);" },
      'console.log(`listening on ${port}`);',
      // Scripts, command-line tools and tests print for a person.
      {
        filename: fixturePath('error-rules', 'pino-service', 'scripts', 'migrate.ts'),
        code: "console.log('migrated', count);",
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'bin', 'orders-cli.ts'),
        code: "console.log('done', count);",
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'migrations', '001-init.ts'),
        code: "console.log('applied');",
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'orders.test.ts'),
        code: "console.log('fixture', order);",
      },
      { filename: pinoFile, code: "console.log('tracing ready');", options: [{ allowConsoleIn: ['src/orders.ts'] }] },
      { filename: pinoFile, code: "console.log('tracing ready');", options: [{ checkConsole: false }] },
      // Console methods that are not log lines, and a local named console.
      { filename: pinoFile, code: "console.time('load');\nconsole.timeEnd('load');" },
      { filename: pinoFile, code: 'function print(console: Console) { console.log(report); }' },
      // Structured already.
      `${PINO}logger.info({ orderId: order.id }, 'order shipped');`,
      `${WINSTON}logger.info('order shipped', { orderId: order.id });`,
      // Constants keep the message one string.
      `${PINO}logger.info(\`\${SERVICE_NAME} started\`);`,
      `${PINO}logger.info(\`listening on \${config.PORT}\`);`,
      `${PINO}logger.info(\`started\`);`,
      `${PINO}logger.info('orders' + ' service started');`,
      // printf placeholders are pino's own interpolation: values stay arguments.
      `${PINO}logger.info('order %s shipped', order.id);`,
      // A message held in a variable, and arithmetic, are not built here.
      `${PINO}logger.info(message);`,
      `${PINO}logger.info(count + 1);`,
      // An error turned into text is preserve-error-details' finding.
      `${PINO}try { await save(); } catch (err) { logger.error(\`save failed: \${err.message}\`); }`,
      // NestJS's Logger takes a message and a context; its interpolation is not judged.
      {
        filename: nestFile,
        code: "import { Logger } from '@nestjs/common';\nexport class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  ship(id: string) { this.logger.log(`order ${id} shipped`); }\n}",
      },
      // Not loggers.
      `${PINO}report.info(\`order \${order.id} shipped\`);`,
      "import debug from 'debug';\nconst log = debug('orders');\nlog(`order ${order.id} shipped`);",
      { code: `${PINO}logger.info(\`order \${order.id} shipped\`);`, options: [{ checkInterpolation: false }] },
      // The logger's own module (console is its fallback or transport), the configuration the logger is built from
      // (loaded before any logger exists), and the module that sets up the error tracker.
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'logger.ts'),
        code: "console.error('log transport failed', err);",
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'services', 'logger.server.ts'),
        code: 'console.log(line);',
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'logging', 'Logger.ts'),
        code: 'console.error(message);',
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'env.ts'),
        code: "console.warn('Environment configuration is invalid:', errors);",
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'utils', 'environment.ts'),
        code: 'console.error(`Failed to read ${name}_FILE`);',
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'config.ts'),
        code: "console.warn('PORT not set, using 3000');",
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'sentry.ts'),
        code: "import * as Sentry from '@sentry/node';\nif (process.env.SENTRY_DSN) Sentry.init({ dsn: process.env.SENTRY_DSN });\nexport function report(error: unknown) { if (process.env.SENTRY_DSN) Sentry.captureException(error); else console.error(error); }",
      },
      {
        filename: fixturePath('error-rules', 'pino-service', 'src', 'instrument.ts'),
        code: "import { init } from '@sentry/node';\ninit({ dsn });\nconsole.log('error tracking on');",
      },
      // Values fixed for the process's life: a `let` only assigned literals, a const built from literals and
      // configuration, a readonly field with a literal, the environment.
      `${PINO}let host = '0.0.0.0';\nif (ipv6) host = '[::]';\nlogger.info(\`listening on \${host}\`);`,
      `${PINO}const address = \`0.0.0.0:\${process.env.PORT}\`;\nlogger.info(\`server started on \${address}\`);`,
      `${PINO}const port = process.env['PORT'];\nlogger.info('listening on ' + port);`,
      `${PINO}class PythonExtension {\n  readonly name = 'PythonExtension';\n  build() { logger.debug(\`Adding \${this.name} to the build\`); }\n}`,
    ],
    invalid: [
      // Values that vary: a `let` also assigned a request's value, a field that is not readonly, a const from a value.
      {
        code: `${PINO}let host = '0.0.0.0';\nhost = req.hostname;\nlogger.info(\`listening on \${host}\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(
              `${PINO}let host = '0.0.0.0';\nhost = req.hostname;\nlogger.info({ host }, 'listening');`,
            ),
          },
        ],
      },
      {
        code: `${PINO}class Job {\n  name = 'job';\n  run() { logger.info(\`running \${this.name}\`); }\n}`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(
              `${PINO}class Job {\n  name = 'job';\n  run() { logger.info({ name: this.name }, 'running'); }\n}`,
            ),
          },
        ],
      },
      {
        code: `${PINO}const id = order.id;\nlogger.info(\`order \${id} shipped\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(`${PINO}const id = order.id;\nlogger.info({ id }, 'order shipped');`),
          },
        ],
      },
      // Values built into the message.
      {
        code: `${PINO}logger.info(\`order \${order.id} shipped\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(`${PINO}logger.info({ orderId: order.id }, 'order shipped');`),
          },
        ],
      },
      {
        code: `${PINO}logger.info('order ' + order.id + ' shipped');`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(`${PINO}logger.info({ orderId: order.id }, 'order shipped');`),
          },
        ],
      },
      {
        code: `${PINO}logger.info({ region }, \`order \${order.id} shipped to \${address.country}\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(
              `${PINO}logger.info({ region, orderId: order.id, country: address.country }, 'order shipped');`,
            ),
          },
        ],
      },
      {
        code: `${PINO}logger.info(\`user \${user.id} bought \${items.length} items\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(
              `${PINO}logger.info({ userId: user.id, itemsCount: items.length }, 'user bought items');`,
            ),
          },
        ],
      },
      {
        code: `${PINO}logger.debug(\`got \${msg} from \${level}\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(`${PINO}logger.debug({ msgValue: msg, levelValue: level }, 'got');`),
          },
        ],
      },
      {
        code: `${PINO}logger.warn(\`order \${order.id} and \${order.id} clash\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(`${PINO}logger.warn({ orderId: order.id, orderId2: order.id }, 'order and clash');`),
          },
        ],
      },
      {
        // Kept constants stay in the message.
        code: `${PINO}logger.info(\`[\${SERVICE}] order \${order.id} shipped\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(`${PINO}logger.info({ orderId: order.id }, \`[\${SERVICE}] order shipped\`);`),
          },
        ],
      },
      {
        // Arguments after the message: reported, not rewritten.
        code: `${PINO}logger.info(\`order \${order.id} shipped\`, extra);`,
        errors: [{ messageId: 'interpolated' }],
      },
      {
        code: `${WINSTON}logger.info(\`order \${order.id} shipped\`);`,
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(`${WINSTON}logger.info('order shipped', { orderId: order.id });`),
          },
        ],
      },
      {
        code: `${WINSTON}logger.warn(\`stock low for \${sku}\`, { warehouse });`,
        errors: [
          { messageId: 'interpolated', suggestions: fields(`${WINSTON}logger.warn('stock low', { warehouse, sku });`) },
        ],
      },
      {
        code: "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'orders' });\nlog.info(`order ${orderId} paid`);",
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(
              "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'orders' });\nlog.info({ orderId }, 'order paid');",
            ),
          },
        ],
      },
      {
        code: "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/orders/:id', async (request) => { request.log.info(`loading order ${request.params.id}`); });",
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(
              "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/orders/:id', async (request) => { request.log.info({ paramsId: request.params.id }, 'loading order'); });",
            ),
          },
        ],
      },
      {
        // A logger imported from the project's logger module (pino).
        filename: pinoFile,
        code: "import { logger } from './logger';\nlogger.info(`order ${order.id} shipped`);",
        errors: [
          {
            messageId: 'interpolated',
            suggestions: fields(
              "import { logger } from './logger';\nlogger.info({ orderId: order.id }, 'order shipped');",
            ),
          },
        ],
      },
      // console where the service has a structured logger.
      {
        code: `${PINO}console.log('server started');`,
        errors: [{ messageId: 'console', suggestions: useLogger(`${PINO}logger.info('server started');`) }],
      },
      {
        code: `${PINO}console.log(\`order \${order.id} shipped\`, order.total);`,
        errors: [
          {
            messageId: 'console',
            suggestions: useLogger(`${PINO}logger.info({ orderId: order.id, total: order.total }, 'order shipped');`),
          },
        ],
      },
      {
        code: `${PINO}try { await save(); } catch (err) { console.error('save failed', err); }`,
        errors: [
          {
            messageId: 'console',
            suggestions: useLogger(
              `${PINO}try { await save(); } catch (err) { logger.error({ err }, 'save failed'); }`,
            ),
          },
        ],
      },
      {
        code: `${PINO}console.debug('cache miss', key);`,
        errors: [{ messageId: 'console', suggestions: useLogger(`${PINO}logger.debug({ key }, 'cache miss');`) }],
      },
      {
        code: `${WINSTON}console.warn('stock low', sku);`,
        errors: [{ messageId: 'console', suggestions: useLogger(`${WINSTON}logger.warn('stock low', { sku });`) }],
      },
      {
        code: `${WINSTON}try { await save(); } catch (err) { console.error('save failed', err); }`,
        errors: [
          {
            messageId: 'console',
            suggestions: useLogger(`${WINSTON}try { await save(); } catch (err) { logger.error('save failed', err); }`),
          },
        ],
      },
      {
        code: `${WINSTON}console.trace('entering checkout');`,
        errors: [{ messageId: 'console', suggestions: useLogger(`${WINSTON}logger.debug('entering checkout');`) }],
      },
      {
        // The service's logger module is imported.
        filename: pinoFile,
        code: "import express from 'express';\n\nconst app = express();\napp.listen(3000, () => console.log('listening'));",
        errors: [
          {
            messageId: 'console',
            suggestions: useLogger(
              "import express from 'express';\nimport { logger } from './logger';\n\nconst app = express();\napp.listen(3000, () => logger.info('listening'));",
            ),
          },
        ],
      },
      {
        filename: winstonFile,
        code: "const express = require('express');\n\nconst app = express();\napp.listen(3000, () => console.log('listening'));",
        languageOptions: { parserOptions: { sourceType: 'script' } },
        errors: [
          {
            messageId: 'console',
            suggestions: useLogger(
              "const express = require('express');\nconst { logger } = require('./logger');\n\nconst app = express();\napp.listen(3000, () => logger.info('listening'));",
            ),
          },
        ],
      },
      {
        // NestJS: the class's logger.
        filename: nestFile,
        code: "import { Logger } from '@nestjs/common';\nexport class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  ship() { console.log('shipping'); }\n}",
        errors: [
          {
            messageId: 'console',
            suggestions: useLogger(
              "import { Logger } from '@nestjs/common';\nexport class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  ship() { this.logger.log('shipping'); }\n}",
            ),
          },
        ],
      },
      // Reported without a rewrite where none maps plainly.
      {
        filename: nestFile,
        code: "export class OrdersService {\n  ship() { console.log('shipping'); }\n}",
        errors: [{ messageId: 'console' }],
      },
      { code: `${PINO}console.log('user %s signed in', userId);`, errors: [{ messageId: 'console' }] },
      { code: `${PINO}console.log(order);`, errors: [{ messageId: 'console' }] },
      {
        filename: pinoFile,
        code: "console.info('ready');",
        options: [{ checkConsole: true, allowConsoleIn: ['src/cli/'] }],
        errors: [
          { messageId: 'console', suggestions: useLogger("import { logger } from './logger';\nlogger.info('ready');") },
        ],
      },
    ],
  });

  js.run('prefer-structured-logging (JavaScript)', rule as never, {
    valid: [
      {
        code: "const pino = require('pino');\nconst logger = pino();\nlogger.info({ port }, 'listening');",
        languageOptions: { sourceType: 'commonjs' },
      },
      { code: "console.log('no logger here');", languageOptions: { sourceType: 'commonjs' } },
    ],
    invalid: [
      {
        code: "const pino = require('pino');\nconst logger = pino();\nlogger.info('listening on ' + port);",
        languageOptions: { sourceType: 'commonjs' },
        errors: [
          {
            messageId: 'interpolated',
            suggestions: [
              {
                messageId: 'useFields',
                output: "const pino = require('pino');\nconst logger = pino();\nlogger.info({ port }, 'listening');",
              },
            ],
          },
        ],
      },
      {
        code: "const pino = require('pino');\nconst logger = pino();\nconsole.error('boom', new Error('x'));",
        languageOptions: { sourceType: 'commonjs' },
        errors: [
          {
            messageId: 'console',
            suggestions: [
              {
                messageId: 'useLogger',
                output:
                  "const pino = require('pino');\nconst logger = pino();\nlogger.error({ err: new Error('x') }, 'boom');",
              },
            ],
          },
        ],
      },
    ],
  });
});
