import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();
const REQUEST_DATA = 'request data that can hold credentials and personal data';

/** The whole query string is request data, like the whole body; its named parameters are judged by name. */
describe('no-pii-in-logs: whole query strings', () => {
  ts.run('no-pii-in-logs (query)', rule, {
    valid: [
      'logger.info({ page: req.query.page, limit: req.query.limit, sort: ctx.query.sort });',
      'logger.info(`listing page ${request.query.page}`);',
      'logger.info({ params: Object.keys(req.query) });',
      "logger.info(_.omit(req.query, ['token']));",
      // Apollo's request context: the GraphQL document, not a query string.
      'logger.debug(requestContext.request.query);',
      // A query of our own, not the request's.
      "const query = 'SELECT 1';\nlogger.info({ query, sql: db.query });",
      'logger.info({ query: searchQuery });',
    ],
    invalid: [
      {
        code: 'console.log(req.query);',
        errors: [{ messageId: 'sensitive', data: { subject: 'req.query', category: REQUEST_DATA, through: '' } }],
      },
      {
        code: 'ctx.log.info(ctx.query);',
        errors: [{ messageId: 'sensitive', data: { subject: 'ctx.query', category: REQUEST_DATA, through: '' } }],
      },
      { code: 'request.log.info({ query: request.query });', errors: [{ messageId: 'sensitive' }] },
      { code: 'logger.info(ctx.request.query);', errors: [{ messageId: 'sensitive' }] },
      {
        code: 'const { query } = req;\nlogger.info(query);',
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'query', origin: 'req.query', category: REQUEST_DATA, through: '' },
          },
        ],
      },
      { code: 'logger.info(`query: ${JSON.stringify(req.query)}`);', errors: [{ messageId: 'sensitive' }] },
      {
        code: 'logger.info(req.query.token);',
        errors: [{ messageId: 'sensitive', data: { subject: 'req.query.token', category: 'credential', through: '' } }],
      },
    ],
  });
});

describe('no-pii-in-logs: a query beside its URL', () => {
  ts.run('no-pii-in-logs (query beside url)', rule, {
    valid: [
      // The URL carries the query string already (and is accepted): its parsed copy adds nothing.
      "fastify.log.error({ err, request: { method: request.method, url: request.url, query: request.query, params: request.params } }, 'Unhandled error');",
      'logger.info({ url: req.originalUrl, query: req.query });',
    ],
    invalid: [
      // Another request's URL, or none.
      { code: 'logger.info({ url: ctx.url, query: ctx.request.query });', errors: [{ messageId: 'sensitive' }] },
      { code: 'logger.info({ query: req.query, path: req.path });', errors: [{ messageId: 'sensitive' }] },
      { code: 'logger.info({ url: req.url, body: req.body });', errors: [{ messageId: 'sensitive' }] },
    ],
  });
});
