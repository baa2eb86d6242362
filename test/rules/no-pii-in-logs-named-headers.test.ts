import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();

/** One header read by name is judged by that name, not as the whole headers object. */
describe('no-pii-in-logs: single headers read by name', () => {
  ts.run('no-pii-in-logs (named headers)', rule, {
    valid: [
      "logger.info({ requestId: req.headers['x-request-id'], agent: req.header('user-agent'), id: req.get('x-request-id') });",
      "const REQUEST_ID_HEADER = 'x-request-id';\nlogger.info({ requestId: req.headers[REQUEST_ID_HEADER], again: req.get(REQUEST_ID_HEADER) });",
      "const HEADERS = { REQUEST_ID: 'x-request-id', TRACE: 'traceparent' } as const;\nlogger.info({ id: req.headers[HEADERS.REQUEST_ID], trace: ctx.get(HEADERS.TRACE) });",
      'const CORRELATION = `x-correlation-id`;\nlogger.info(`correlation ${request.headers[CORRELATION]}`);',
      "logger.info({ type: ctx.request.headers[CONTENT_TYPE] });\nconst CONTENT_TYPE = 'content-type';",
    ],
    invalid: [
      {
        code: "const AUTH = 'authorization';\nlogger.info({ auth: req.headers[AUTH] });",
        errors: [
          { messageId: 'sensitive', data: { subject: 'req.headers[AUTH]', category: 'session secret', through: '' } },
        ],
      },
      {
        code: "const H = { COOKIE: 'cookie' };\nlogger.info(req.headers[H.COOKIE]);",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'req.headers[H.COOKIE]', category: 'session secret', through: '' },
          },
        ],
      },
      {
        code: "const KEY_HEADER = 'x-api-key';\nlogger.info(req.get(KEY_HEADER), req.header('X-API-Key'));",
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
      // A key not known to be constant may be any header.
      {
        code: 'function f(name: string) { logger.info(req.headers[name]); }',
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
      {
        code: "let header = 'x-request-id';\nheader = pick();\nlogger.info(req.headers[header]);",
        errors: [{ messageId: 'sensitive' }],
      },
      // A whole headers object is still the whole headers object.
      { code: 'logger.info({ headers: req.headers });', errors: [{ messageId: 'sensitive' }] },
    ],
  });
});
