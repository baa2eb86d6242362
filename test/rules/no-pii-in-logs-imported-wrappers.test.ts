import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();
/** A module of the fixture project: its imports resolve to the logging helpers in src/helpers/. */
const filename = fixturePath('pii-logger-wrappers', 'src', 'auth.service.ts');
const jsFile = fixturePath('pii-logger-wrappers', 'src', 'auth.service.js');

const through = (name: string) => ({ through: ` through \`${name}()\`` });

/** Logging wrappers exported by other modules are sinks; what their callers hand them is judged at the call. */
describe('no-pii-in-logs: logging wrappers imported from project modules', () => {
  ts.run('no-pii-in-logs (imported wrappers)', rule, {
    valid: [
      // Safe values through a wrapper.
      {
        filename,
        code: "import { customLogger } from './helpers/logger';\ncustomLogger({ level: 'info', message: 'sign in', data: { userId: user.id }, service: 'auth' });",
      },
      // The wrapper logs only the message of the entry, not its data.
      {
        filename,
        code: "import { logMessage } from './helpers/logger';\nlogMessage({ level: 'info', message: 'sign in', data: { email: request.email }, service: 'auth' });",
      },
      // Named like a logger, writes to a database.
      {
        filename,
        code: "import { logEvent } from './helpers/events';\nlogEvent('signup', { email: body.email, password: body.password });",
      },
      // Wrappers that clean their meta first: a sanitizer, `omit`, a reassignment through a sanitizer.
      {
        filename,
        code: "import { safeLog, omitLog, reassignLog } from './helpers/safe-logger';\nsafeLog('login', { password });\nomitLog('login', { password });\nreassignLog('login', { password });",
      },
      // pino drops the argument after a message without placeholders.
      { filename, code: "import { logInfo } from './helpers/pino-logger';\nlogInfo({ password });" },
      // A function that logs on the way to something else is judged where it logs.
      {
        filename,
        code: "import { handleError } from './helpers/errors';\ntry { await login(); } catch (error) { handleError(req.body); }",
      },
      // A local of the same name, and a package's function, are not the project's wrapper.
      {
        filename,
        code: "import { customLogger as other } from './helpers/logger';\nfunction f(customLogger) { customLogger({ data: { password } }); }",
      },
      { filename, code: "import { customLogger } from 'some-logging-package';\ncustomLogger({ data: { password } });" },
      // Without a file on disk nothing is resolved.
      "import { customLogger } from './helpers/logger';\ncustomLogger({ level: 'info', message: 'x', data: { password } });",
    ],
    invalid: [
      // The object entry's `data` key reaches the log (winston, computed level).
      {
        filename,
        code: "import { customLogger } from './helpers/logger';\ncustomLogger({ level: 'info', message: 'sign in', data: { email: request.email }, service: 'auth' });",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.email', category: 'personal contact data', ...through('customLogger') },
          },
        ],
      },
      // A default-exported function; an object of wrapper functions (arrow and method).
      {
        filename,
        code: "import log from './helpers/log-function';\nlog('info', 'login', { password });",
        errors: [{ messageId: 'sensitive', data: { subject: 'password', category: 'credential', ...through('log') } }],
      },
      {
        filename,
        code: "import { appLog } from './helpers/log-object';\nappLog.info('login', { email: user.email });\nappLog.warn('reset', { token: resetToken });",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'user.email', category: 'personal contact data', ...through('appLog.info') },
          },
          {
            messageId: 'sensitive',
            data: { subject: 'resetToken', category: 'credential', ...through('appLog.warn') },
          },
        ],
      },
      // CommonJS: `module.exports = (type, message, meta) => …` and `exports.auditLog = function (action, ...details)`.
      {
        filename: jsFile,
        code: "const logger = require('./helpers/legacy-logger');\nlogger('error', 'failed', { apiKey: process.env.API_KEY });",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'process.env.API_KEY', category: 'credential', ...through('logger') },
          },
        ],
      },
      {
        filename: jsFile,
        code: "const { auditLog } = require('./helpers/audit');\nauditLog('login', req.body, { ssn });",
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
      // pino writes a merging object.
      {
        filename,
        code: "import { logWith } from './helpers/pino-logger';\nlogWith({ password }, 'login');",
        errors: [
          { messageId: 'sensitive', data: { subject: 'password', category: 'credential', ...through('logWith') } },
        ],
      },
      // A local wrapper of an imported wrapper.
      {
        filename,
        code: "import log from './helpers/log-function';\nfunction audit(meta) { log('info', 'audit', meta); }\naudit({ password });",
        errors: [
          { messageId: 'sensitive', data: { subject: 'password', category: 'credential', ...through('audit') } },
        ],
      },
    ],
  });
});
