import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();

/** A property written after a spread replaces what the spread carried under that key. */
describe('no-pii-in-logs: redaction written in place after a spread', () => {
  ts.run('no-pii-in-logs (spread overrides)', rule, {
    valid: [
      "logger.info({ headers: { ...req.headers, authorization: '[REDACTED]' } });",
      "const headers = req.headers;\nlogger.info({ ...headers, authorization: '[REDACTED]', cookie: undefined });",
      "logger.info({ ...req.body, password: '***' });",
      'interface Creds { user: string; password: string }\nfunction f(c: Creds) { logger.info({ ...c, password: undefined }); }',
      "const cfg = { host, password: dbPassword };\nlogger.info({ ...cfg, password: '***' });",
      // The override's own value is judged by itself: a safe one is fine.
      "logger.info({ ...req.headers, authorization: req.headers.authorization ? 'present' : 'absent' });",
    ],
    invalid: [
      // Written before the spread: the spread's value wins.
      {
        code: "logger.info({ authorization: '[REDACTED]', ...req.headers });",
        errors: [
          {
            messageId: 'sensitive',
            data: {
              subject: 'req.headers',
              category: 'request data that can hold credentials and personal data',
              through: '',
            },
          },
        ],
      },
      // Replacing a key that holds nothing sensitive redacts nothing.
      { code: "logger.info({ ...req.headers, accept: 'application/json' });", errors: [{ messageId: 'sensitive' }] },
      // Only what is replaced goes: the rest of the spread is still reported.
      {
        code: "const cfg = { host, password: dbPassword, apiKey };\nlogger.info({ ...cfg, password: '***' });",
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'cfg', origin: 'apiKey', category: 'credential', through: '' },
          },
        ],
      },
      {
        code: 'interface Creds { user: string; email: string; password: string }\nfunction f(c: Creds) { logger.info({ ...c, password: undefined }); }',
        errors: [
          {
            messageId: 'sensitiveFields',
            data: { subject: 'c', fields: '`email` (personal contact data)', verb: 'is', through: '' },
          },
        ],
      },
      // A replacement that is itself the secret.
      {
        code: 'logger.info({ ...req.headers, authorization: req.headers.authorization });',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'req.headers.authorization', category: 'session secret', through: '' },
          },
        ],
      },
      // A computed key is no known key.
      { code: "logger.info({ ...req.headers, [headerName]: '[REDACTED]' });", errors: [{ messageId: 'sensitive' }] },
    ],
  });
});
