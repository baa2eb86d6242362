import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();
/** A module of the fixture project: `./lib/api` exports axios instances (and a cache that is not one). */
const filename = fixturePath('pii-http-clients', 'src', 'users.service.ts');
const AXIOS = "import axios from 'axios';\n";

const response = (subject: string, through = '') => ({
  messageId: 'httpClientObject' as const,
  data: { subject, what: 'axios response', through },
});
const error = (subject: string, through = '') => ({
  messageId: 'httpClientObject' as const,
  data: { subject, what: 'axios error', through },
});

/** Whole axios responses and errors carry `config.headers` and the response body; their parts are judged as usual. */
describe('no-pii-in-logs: whole axios responses and errors', () => {
  ts.run('no-pii-in-logs (http clients)', rule, {
    valid: [
      // Parts of a response: status, ids, the message of an error.
      `${AXIOS}async function f(url) { const response = await axios.get(url); console.log('status', response.status, response.data.id); }`,
      `${AXIOS}async function f(url) { const { data } = await axios.get(url); console.log(data.items.length); }`,
      `${AXIOS}async function f(url) { try { await axios.post(url, {}); } catch (err) { logger.error(err.message, err.response?.status); } }`,
      `${AXIOS}async function f(url) { try { await axios.post(url, {}); } catch (err) { logger.error(\`request failed: \${err}\`); } }`,
      `${AXIOS}async function f(url) { try { await axios.post(url, {}); } catch (err) { logger.error('failed: ' + String(err)); } }`,
      // A promise, not the response: the request was not awaited.
      `${AXIOS}function f(url) { const pending = axios.get(url); console.log(pending); }`,
      // Errors caught around something else.
      `${AXIOS}async function f(url) { try { await db.save(url); } catch (err) { logger.error(err); } }`,
      // The axios call is in a nested function, or in a nested try that handles its own error.
      `${AXIOS}async function f(url) { try { await queue.push(async () => axios.get(url)); } catch (err) { logger.error(err); } }`,
      `${AXIOS}async function f(url) { try { try { await axios.get(url); } catch { return; } await db.save(); } catch (err) { logger.error(err); } }`,
      // Not axios: a module's own `get`, an \`axios\` that is a parameter, a client of another package.
      "import { cache } from './lib/api';\nasync function f(key) { const value = await cache.get(key); console.log(value); }",
      'async function f(axios, url) { const response = await axios.get(url); console.log(response); }',
      "import got from 'got';\nasync function f(url) { const response = await got.get(url); console.log(response); }",
      // Narrowing to something else, or the error outside the narrowed branch.
      `${AXIOS}function f(err) { if (err instanceof TypeError) logger.error(err); }`,
      `${AXIOS}function f(err) { if (axios.isAxiosError(err)) { logger.error(err.message); } else { logger.error(err); } }`,
      // `_.omit(error, ['config'])` drops the request configuration.
      `${AXIOS}async function f(url) { try { await axios.get(url); } catch (err) { logger.error(_.omit(err, ['config'])); } }`,
      // Then-callbacks: the status of the response, the message of the error.
      `${AXIOS}function f(url) { axios.get(url).then((res) => console.log(res.status)).catch((e) => console.error(e.message)); }`,
    ],
    invalid: [
      {
        code: `${AXIOS}async function f(url) { const response = await axios.get(url); console.log('response', response); }`,
        errors: [response('response')],
      },
      // CommonJS, the awaited call logged directly, another method.
      {
        code: "const axios = require('axios');\nasync function f(url) { console.log(await axios.post(url, {})); }",
        errors: [response('axios.post()')],
      },
      {
        code: `${AXIOS}async function f(url) { let res; res = await axios({ url }); logger.info({ res }); }`,
        errors: [response('res')],
      },
      // Instances: created here, imported from a project module (ESM named and default, CommonJS).
      {
        code: `${AXIOS}const api = axios.create({ baseURL });\nasync function f() { const r = await api.get('/me'); logger.debug(JSON.stringify(r)); }`,
        errors: [response('r')],
      },
      {
        filename,
        code: "import { paymentsApi } from './lib/api';\nasync function f() { const payment = await paymentsApi.post('/charges', {}); console.log(payment); }",
        errors: [response('payment')],
      },
      {
        filename,
        code: "import usersApi from './lib/api';\nasync function f() { const result = await usersApi.get('/me'); console.log(result); }",
        errors: [response('result')],
      },
      {
        filename,
        code: "const legacy = require('./lib/legacy-api');\nasync function f() { const out = await legacy.get('/me'); console.log(out); }",
        errors: [response('out')],
      },
      // Errors caught around an awaited axios call, logged whole, in an object, stringified, as pino's `err`.
      {
        code: `${AXIOS}async function f(url) { try { await axios.post(url, body); } catch (err) { logger.error(err); } }`,
        errors: [error('err')],
      },
      {
        code: `${AXIOS}async function f(url) { try { const r = await axios.get(url); await cache.set(r.data); } catch (error) { logger.error('failed', { errorDetails: error.response?.data || error }); } }`,
        errors: [error('error')],
      },
      {
        code: `${AXIOS}async function f(url) { try { await axios.get(url); } catch (e) { console.log(JSON.stringify(e)); } }`,
        errors: [error('e')],
      },
      // Narrowed by axios.isAxiosError / instanceof AxiosError.
      {
        code: `${AXIOS}function f(err) { if (axios.isAxiosError(err)) { logger.error({ err }, 'upstream failed'); } }`,
        errors: [error('err')],
      },
      {
        code: "import { AxiosError, isAxiosError } from 'axios';\nfunction f(e, g) { if (e instanceof AxiosError) console.error(e);\n if (isAxiosError(g) && g.response) console.error(g); }",
        errors: [error('e'), error('g')],
      },
      // Then and catch callbacks on an axios request.
      {
        code: `${AXIOS}function f(url) { axios.get(url).then((res) => console.log(res)).catch((e) => console.error(e)); }`,
        errors: [response('res'), error('e')],
      },
    ],
  });
});
