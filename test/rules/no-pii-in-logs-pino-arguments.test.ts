import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();
const PINO = "import pino from 'pino';\nconst log = pino();\n";

/** pino formats a message string with its printf placeholders only: the arguments past them are never written. */
describe('no-pii-in-logs: arguments pino drops', () => {
  ts.run('no-pii-in-logs (pino arguments)', rule, {
    valid: [
      `${PINO}log.error('login failed', password);`,
      `${PINO}log.info({ userId }, 'login', req.body);`,
      'fastify.log.error(`Error updating avatar`, req.headers);',
      'request.log.warn("no placeholder %% here", req.body);',
    ],
    invalid: [
      // Placeholders take the arguments after the message; a merging object is always written.
      { code: `${PINO}log.error('login failed for %s', email);`, errors: [{ messageId: 'sensitive' }] },
      { code: `${PINO}log.info({ userId }, 'login %o', req.body);`, errors: [{ messageId: 'sensitive' }] },
      { code: `${PINO}log.info({ password }, 'login');`, errors: [{ messageId: 'sensitive' }] },
      // A message that is not a literal: every argument may be written.
      { code: `${PINO}log.info(message, password);`, errors: [{ messageId: 'sensitive' }] },
      // console and winston write every argument.
      { code: "console.error('login failed', password);", errors: [{ messageId: 'sensitive' }] },
      {
        code: "import winston from 'winston';\nwinston.error('login failed', { password });",
        errors: [{ messageId: 'sensitive' }],
      },
    ],
  });
});
