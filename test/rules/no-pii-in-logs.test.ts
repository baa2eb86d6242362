import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import { RuleTester as EslintRuleTester } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['no-pii-in-logs'];

// TypeScript files through typescript-eslint's parser (no type information).
const ts = new TsRuleTester();
// Plain JavaScript through ESLint's default parser (espree), as most users run it.
const js = new EslintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
// TypeScript with full type information (typed linting).
const typed = new TsRuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixturePath('typed') } },
});

const PINO = "import pino from 'pino';\nconst logger = pino();\n";

describe('no-pii-in-logs', () => {
  ts.run('no-pii-in-logs (TypeScript)', rule, {
    valid: [
      // Constant strings never flag, whatever they say.
      "console.log('Invalid password');",
      "logger.warn('token expired, please log in again');",
      // Look-alike names are judged by their head word, not by substring.
      'logger.info({ passwordPolicy, tokenCount: 3, tokenizer, secretName, nextPageToken, emailTemplate, isPasswordValid });',
      'logger.info({ apiKeyId: key.id, tokenExpiry: exp, sessionCount: n, emailVerified, phoneCountryCode });',
      // A group's, team's or service's address is no person's.
      "logger.info({ to: incident.tacticalGroup.email, from: supportEmail, list: team.email }, 'notified');",
      'logger.info({ maxTokens, inputTokens, promptTokens, completionTokens, cardToken, paymentMethodId, cardLast4 });',
      // Values made safe.
      'logger.info({ len: password.length, present: Boolean(token), set: secret ? "set" : "missing", same: a === password });',
      // Row counts of deletes are not the rows (Ghost's clean-tokens job logs knex's count).
      "async function clean(db, d) {\n  const deletedTokens = await db.knex('tokens').where('created_at', '<', d).delete();\n  logger.info({ deleted_count: deletedTokens }, `removed ${deletedTokens} tokens`);\n}",
      'async function purge() {\n  const expiredSessions = await prisma.session.deleteMany({ where: { expired: true } });\n  logger.info({ expiredSessions });\n}',
      'logger.info({ last4: cardNumber.slice(-4), prefix: apiKey.slice(0, 6) });',
      "logger.info({ digest: crypto.createHash('sha256').update(password).digest('hex') });",
      'logger.info({ masked: maskEmail(email), clean: redact(req.body), hashed: hashToken(token) });',
      'const passwordHash = await bcrypt.hash(password, 10);\nlogger.info({ passwordHash });',
      "logger.info({ user: _.pick(user, ['id', 'role']) });",
      "logger.info(_.omit(req.body, ['password', 'token']));",
      'const { password, ...safeUser } = req.body;\nlogger.info({ user: safeUser });',
      // Identity instead of the person.
      'logger.info({ userId: user.id, orderId: order.id });',
      // Request fields that are fine.
      "console.log(req.headers['user-agent'], req.params.id, Object.keys(req.body), req.method, req.url);",
      "req.log.info({ method: req.method, url: req.url, type: req.headers['content-type'] });",
      // Environment variables that are not secrets.
      'console.log(process.env.PORT, process.env.NODE_ENV);',
      // Numbers and booleans are never sensitive.
      'const pin: number = getPin();\nlogger.info({ pin });',
      'function check(password: boolean, token: 0 | 1) { logger.info({ password, token }); }',
      // Not loggers: responses, collections, math, unknown services.
      'res.json({ token }); history.push({ password }); Math.log(secret); service.info({ password });',
      // A shadowed console is not the console.
      'function run(console: { log(x: unknown): void }, password: string) { console.log(password); }',
      // Errors: the generic error and its message are fine.
      'try { run(); } catch (err) { logger.error({ err }, err.message); }',
      // pino redact paths cover what is logged (exact, nested and wildcard).
      "import pino from 'pino';\nconst logger = pino({ redact: ['password', 'user.email', '*.token'] });\nlogger.info({ password, user: { email }, session: { token } });",
      "import pino from 'pino';\nconst logger = pino({ redact: { paths: ['req.headers'], censor: '[x]' } });\nlogger.info({ req: { headers: req.headers } });",
      // Child loggers keep their parent's redact option.
      "import pino from 'pino';\nconst base = pino({ redact: ['secret'] });\nconst logger = base.child({ module: 'auth' });\nlogger.info({ secret });",
      // Literal and placeholder values under sensitive keys.
      "logger.info({ password: '***', token: undefined, apiKey: null });",
      // Labels without a value marker are not evidence.
      'logger.warn(`Invalid token ${reason}`);\nlogger.info("Password reset requested for " + userId);',
      // Person names only on person-like objects.
      'logger.info({ fileName: file.name, serverAddress, queueName: queue.name, userName });',
      // Network identity is opt-in.
      'logger.info({ ip: req.ip, ipAddress, remoteAddress: socket.remoteAddress });',
      // Types declared in the file without sensitive fields.
      'interface Order { id: string; total: number }\nfunction ship(order: Order) { logger.info({ order }); }',
      // console.assert's condition and timeLog's label are not logged.
      "console.assert(token, 'token missing');",
      // A wrapper that forwards only safe values.
      "function audit(event: string) { logger.info({ event }); }\naudit('login ok');",
      // Binding method with safe fields.
      'const requestLogger = logger.child({ requestId, route });',
      {
        code: 'logger.info({ email });',
        options: [{ allowNames: ['email'] }],
      },
      {
        code: 'logger.info({ email, phone });',
        options: [{ categories: { contact: false } }],
      },
      {
        code: 'logger.info(toLogSafe(user.password));',
        options: [{ sanitizers: ['toLogSafe'] }],
      },
      // From Unleash: mapping secrets to their safe fields logs only those fields.
      'logger.info(`Created initial API tokens: ${tokens.map((t) => `(name: ${t.tokenName}, type: ${t.type})`).join(", ")}`);',
      'logger.info({ ids: users.map((u) => u.id), count: users.length });',
      // Not a log method of a pino logger.
      "import pino from 'pino';\nconst logger = pino();\nlogger.flush(password);\nlogger.isLevelEnabled(token);",
      // Heads that are metadata about secrets.
      'logger.info({ secretsManagerArn, tokenEndpoint, passwordResetTtl, otpLength, apiKeyPrefix, sessionStore: store.name });',
      'logger.info({ authorName: post.author.displayName, keyCount: Object.keys(secrets).length });',
      "console.log(new Error('Invalid password'));",
      // Response parts of HTTP-client errors that are not the request config.
      'try { await call(); } catch (err) { logger.error({ status: err.response.status, message: err.response.data.message }); }',
      // Results of predicates and comparisons.
      "logger.info({ matches: await bcrypt.compare(password, hash), valid: token.startsWith('ey') });",
      // Array iteration returns nothing.
      'logger.info({ done: users.forEach((user) => notify(user.email)) });',
      // Constant labels and translations say "password" without holding one.
      "const labels = { password: 'Password', email: 'E-mail' };\nconsole.log(labels.password, labels.email);",
      "logger.info(i18n.t('auth.password.invalid'));",
      // Passing a secret to a function that does not log is not logging it.
      'function logIn(password: string) { return auth(password); }\nlogIn(req.body.password);',
      'logger.info({ level: tokenizer.level, passes: compiler.passes });',
      "logger.warn({ event: 'password_reset_requested', userId });",
      // Sentence case, booleans, verbs: not the value.
      'logger.info({ hasPassword, requiresMfaCode, shouldRotateSecret, enablePasswordLogin });',
    ],
    invalid: [
      {
        // Prisma's `delete(criteria)` returns the deleted record itself.
        code: 'async function revoke(id) {\n  const removedToken = await prisma.apiToken.delete({ where: { id } });\n  logger.info({ removedToken });\n}',
        errors: [
          {
            messageId: 'sensitive',
            line: 3,
            suggestions: [
              {
                messageId: 'removeProperty',
                data: { key: 'removedToken' },
                output:
                  'async function revoke(id) {\n  const removedToken = await prisma.apiToken.delete({ where: { id } });\n  logger.info({});\n}',
              },
              {
                messageId: 'logPresence',
                data: { subject: 'removedToken' },
                output:
                  'async function revoke(id) {\n  const removedToken = await prisma.apiToken.delete({ where: { id } });\n  logger.info({ removedToken: Boolean(removedToken) });\n}',
              },
            ],
          },
        ],
      },
      {
        code: 'console.log(req.body);',
        errors: [
          {
            messageId: 'sensitive',
            line: 1,
            column: 13,
            endColumn: 21,
            data: {
              subject: 'req.body',
              category: 'request data that can hold credentials and personal data',
              through: '',
            },
          },
        ],
      },
      {
        code: "logger.info({ password }, 'login');",
        errors: [
          {
            messageId: 'sensitive',
            line: 1,
            column: 15,
            suggestions: [
              { messageId: 'removeProperty', data: { key: 'password' }, output: "logger.info({}, 'login');" },
              {
                messageId: 'logPresence',
                data: { subject: 'password' },
                output: "logger.info({ password: Boolean(password) }, 'login');",
              },
            ],
          },
        ],
      },
      {
        code: "const { password: p } = req.body;\nlogger.info('pw %s', p);",
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'p', origin: 'req.body.password', category: 'credential', through: '' },
            line: 2,
            column: 22,
            suggestions: [
              { messageId: 'removeArgument', output: "const { password: p } = req.body;\nlogger.info('pw %s');" },
              {
                messageId: 'logPresence',
                output: "const { password: p } = req.body;\nlogger.info('pw %s', Boolean(p));",
              },
            ],
          },
        ],
      },
      {
        code: 'console.log(`Authorization: ${req.headers.authorization}`);',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'req.headers.authorization', category: 'session secret', through: '' },
            column: 31,
            suggestions: [
              {
                messageId: 'logPresence',
                output: 'console.log(`Authorization: ${Boolean(req.headers.authorization)}`);',
              },
            ],
          },
        ],
      },
      {
        code: 'interface User { id: string; email: string; password: string }\nfunction save(user: User) { logger.info({ user }); }',
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'user',
              fields: '`email` (personal contact data) and `password` (credential)',
              verb: 'are',
              through: '',
            },
            line: 2,
            column: 43,
            suggestions: [
              {
                messageId: 'removeProperty',
                output:
                  'interface User { id: string; email: string; password: string }\nfunction save(user: User) { logger.info({}); }',
              },
              {
                messageId: 'logId',
                output:
                  'interface User { id: string; email: string; password: string }\nfunction save(user: User) { logger.info({ userId: user.id }); }',
              },
            ],
          },
        ],
      },
      {
        code: "function audit(event: string, data: unknown) { logger.info({ event, data }); }\naudit('login', { email, plan });",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'email', category: 'personal contact data', through: ' through `audit()`' },
            line: 2,
            column: 18,
            suggestions: [
              {
                messageId: 'removeProperty',
                output:
                  "function audit(event: string, data: unknown) { logger.info({ event, data }); }\naudit('login', { plan });",
              },
            ],
          },
        ],
      },
      {
        code: "function write(line: string) { console.log(line); }\nfunction audit(what: string) { write('audit ' + what); }\naudit(creditCardNumber);",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'creditCardNumber', category: 'financial data', through: ' through `audit()`' },
            line: 3,
            column: 7,
            suggestions: [
              {
                messageId: 'logPresence',
                output:
                  "function write(line: string) { console.log(line); }\nfunction audit(what: string) { write('audit ' + what); }\naudit(Boolean(creditCardNumber));",
              },
            ],
          },
        ],
      },
      {
        code: "const log = (...args: unknown[]) => console.log('[app]', ...args);\nlog('token', sessionToken);",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'sessionToken', category: 'credential', through: ' through `log()`' },
            line: 2,
            column: 14,
            suggestions: [
              {
                messageId: 'removeArgument',
                output: "const log = (...args: unknown[]) => console.log('[app]', ...args);\nlog('token');",
              },
              {
                messageId: 'logPresence',
                output:
                  "const log = (...args: unknown[]) => console.log('[app]', ...args);\nlog('token', Boolean(sessionToken));",
              },
            ],
          },
        ],
      },
      {
        code: "console.log('config', process.env);",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'process.env', category: 'environment that holds secrets', through: '' },
            suggestions: [{ messageId: 'removeArgument', output: "console.log('config');" }],
          },
        ],
      },
      {
        code: 'console.log(process.env.PORT, process.env.DB_PASSWORD);',
        errors: [
          {
            messageId: 'sensitive',
            column: 31,
            suggestions: [
              { messageId: 'removeArgument', output: 'console.log(process.env.PORT);' },
              { messageId: 'logPresence', output: 'console.log(process.env.PORT, Boolean(process.env.DB_PASSWORD));' },
            ],
          },
        ],
      },
      {
        code: "import pino from 'pino';\nconst logger = pino({ redact: ['password'] });\nlogger.info({ user: { email } });",
        errors: [
          {
            messageId: 'sensitive',
            line: 3,
            column: 23,
            suggestions: [
              {
                messageId: 'removeProperty',
                output:
                  "import pino from 'pino';\nconst logger = pino({ redact: ['password'] });\nlogger.info({ user: {} });",
              },
              {
                messageId: 'addRedactPath',
                data: { paths: "'user.email'" },
                output:
                  "import pino from 'pino';\nconst logger = pino({ redact: ['password', 'user.email'] });\nlogger.info({ user: { email } });",
              },
            ],
          },
        ],
      },
      {
        code: `${PINO}logger.info({ apiKey }, 'calling upstream');`,
        errors: [
          {
            messageId: 'sensitive',
            line: 3,
            suggestions: [
              { messageId: 'removeProperty', output: `${PINO}logger.info({}, 'calling upstream');` },
              {
                messageId: 'logPresence',
                output: `${PINO}logger.info({ apiKey: Boolean(apiKey) }, 'calling upstream');`,
              },
              {
                messageId: 'addRedactPath',
                output:
                  "import pino from 'pino';\nconst logger = pino({ redact: ['apiKey'] });\nlogger.info({ apiKey }, 'calling upstream');",
              },
            ],
          },
        ],
      },
      {
        code: "import pino from 'pino';\nconst logger = pino({ level: 'info' });\nlogger.info({ headers: req.headers });",
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'removeProperty',
                output: "import pino from 'pino';\nconst logger = pino({ level: 'info' });\nlogger.info({});",
              },
              {
                messageId: 'addRedactPath',
                output:
                  "import pino from 'pino';\nconst logger = pino({ redact: ['headers'], level: 'info' });\nlogger.info({ headers: req.headers });",
              },
            ],
          },
        ],
      },
      {
        // Bindings of a child logger are written on every line.
        code: `${PINO}const child = logger.child({ jwtSecret: config.jwtSecret });`,
        errors: [
          {
            messageId: 'sensitive',
            line: 3,
            suggestions: [
              { messageId: 'removeProperty', output: `${PINO}const child = logger.child({});` },
              {
                messageId: 'logPresence',
                output: `${PINO}const child = logger.child({ jwtSecret: Boolean(config.jwtSecret) });`,
              },
            ],
          },
        ],
      },
      {
        code: "import winston from 'winston';\nwinston.info('login', { email: user.email });",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'user.email', category: 'personal contact data', through: '' },
            suggestions: [
              { messageId: 'removeProperty', output: "import winston from 'winston';\nwinston.info('login', {});" },
            ],
          },
        ],
      },
      {
        code: "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'api' });\nlog.info({ ssn: applicant.ssn });",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'applicant.ssn', category: 'government ID', through: '' },
            suggestions: [
              {
                messageId: 'removeProperty',
                output:
                  "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'api' });\nlog.info({});",
              },
              {
                messageId: 'logPresence',
                output:
                  "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'api' });\nlog.info({ ssn: Boolean(applicant.ssn) });",
              },
            ],
          },
        ],
      },
      {
        code: "import { Logger } from '@nestjs/common';\nclass UsersService {\n  private readonly logger = new Logger(UsersService.name);\n  create(dto: { email: string }) { this.logger.log(`Creating user ${dto.email}`); }\n}",
        errors: [
          {
            messageId: 'sensitive',
            line: 4,
            data: { subject: 'dto.email', category: 'personal contact data', through: '' },
          },
        ],
      },
      {
        code: "import { Logger } from '@nestjs/common';\nLogger.warn(`Reset for ${body.phoneNumber}`);",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'body.phoneNumber', category: 'personal contact data', through: '' },
          },
        ],
      },
      {
        code: "request.log.info({ body: request.body }, 'incoming');",
        errors: [
          {
            messageId: 'sensitive',
            column: 26,
            suggestions: [{ messageId: 'removeProperty', output: "request.log.info({}, 'incoming');" }],
          },
        ],
      },
      {
        code: 'ctx.log.info(ctx.request.body);',
        errors: [
          {
            messageId: 'sensitive',
            data: {
              subject: 'ctx.request.body',
              category: 'request data that can hold credentials and personal data',
              through: '',
            },
          },
        ],
      },
      {
        code: 'try { await axios.get(url); } catch (err) { logger.error({ config: err.config, status: err.response?.status }); }',
        errors: [
          {
            messageId: 'sensitive',
            data: {
              subject: 'err.config',
              category: 'request data that can hold credentials and personal data',
              through: '',
            },
            suggestions: [
              {
                messageId: 'removeProperty',
                output: 'try { await axios.get(url); } catch (err) { logger.error({ status: err.response?.status }); }',
              },
            ],
          },
        ],
      },
      {
        code: 'try { await call(); } catch (error) { logger.error(error.response.config); }',
        errors: [
          {
            messageId: 'sensitive',
            data: {
              subject: 'error.response.config',
              category: 'request data that can hold credentials and personal data',
              through: '',
            },
          },
        ],
      },
      {
        code: "logger.info({ req }, 'request');",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'req', category: 'request data that can hold credentials and personal data', through: '' },
            suggestions: [
              { messageId: 'removeProperty', output: "logger.info({}, 'request');" },
              {
                messageId: 'logRequestLine',
                output: "logger.info({ req: { method: req.method, url: req.url } }, 'request');",
              },
            ],
          },
        ],
      },
      {
        code: 'logger.info({ ...req.headers, route });',
        errors: [
          {
            messageId: 'sensitive',
            column: 18,
            suggestions: [
              { messageId: 'removeProperty', data: { key: '...req.headers' }, output: 'logger.info({ route });' },
            ],
          },
        ],
      },
      {
        code: "console.log('body: ' + JSON.stringify(req.body));",
        errors: [
          {
            messageId: 'sensitive',
            data: {
              subject: 'req.body',
              category: 'request data that can hold credentials and personal data',
              through: '',
            },
            column: 39,
          },
        ],
      },
      {
        code: "console.log(util.format('login %s', user.password));",
        errors: [
          {
            messageId: 'sensitive',
            column: 37,
            suggestions: [
              { messageId: 'logPresence', output: "console.log(util.format('login %s', Boolean(user.password)));" },
            ],
          },
        ],
      },
      {
        code: "console.log('auth', req.get('Authorization'));",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: "req.get('Authorization')", category: 'session secret', through: '' },
            suggestions: [
              { messageId: 'removeArgument', output: "console.log('auth');" },
              { messageId: 'logPresence', output: "console.log('auth', Boolean(req.get('Authorization')));" },
            ],
          },
        ],
      },
      {
        code: "console.log('token', await getAccessToken());",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'getAccessToken()', category: 'credential', through: '' },
            column: 28,
            suggestions: [
              { messageId: 'removeArgument', output: "console.log('token');" },
              { messageId: 'logPresence', output: "console.log('token', Boolean(await getAccessToken()));" },
            ],
          },
        ],
      },
      {
        code: 'const signed = jwt.sign(payload, key);\nlogger.debug({ signed });',
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'signed', origin: 'jwt.sign()', category: 'credential', through: '' },
            suggestions: [
              { messageId: 'removeProperty', output: 'const signed = jwt.sign(payload, key);\nlogger.debug({});' },
              {
                messageId: 'logPresence',
                output: 'const signed = jwt.sign(payload, key);\nlogger.debug({ signed: Boolean(signed) });',
              },
            ],
          },
        ],
      },
      {
        code: 'logger.info({ loyaltyNumber });',
        options: [{ extraSensitiveNames: [{ name: 'loyaltyNumber', category: 'financial' }] }],
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'loyaltyNumber', category: 'financial data', through: '' },
            suggestions: [
              { messageId: 'removeProperty', output: 'logger.info({});' },
              { messageId: 'logPresence', output: 'logger.info({ loyaltyNumber: Boolean(loyaltyNumber) });' },
            ],
          },
        ],
      },
      {
        code: 'audit.record({ password });',
        options: [{ loggers: ['audit'] }],
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              { messageId: 'removeProperty', output: 'audit.record({});' },
              { messageId: 'logPresence', output: 'audit.record({ password: Boolean(password) });' },
            ],
          },
        ],
      },
      {
        code: "import express from 'express';\nlogger.info({ token });",
        options: [{ redactor: { name: 'redact', import: './lib/redact' } }],
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              { messageId: 'removeProperty', output: "import express from 'express';\nlogger.info({});" },
              {
                messageId: 'logPresence',
                output: "import express from 'express';\nlogger.info({ token: Boolean(token) });",
              },
              {
                messageId: 'wrapInRedactor',
                data: { subject: 'token', redactor: 'redact' },
                output:
                  "import express from 'express';\nimport { redact } from './lib/redact';\nlogger.info({ token: redact(token) });",
              },
            ],
          },
        ],
      },
      {
        code: "import { redact } from './redact';\nlogger.info({ email: customer.email });",
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              { messageId: 'removeProperty', output: "import { redact } from './redact';\nlogger.info({});" },
              {
                messageId: 'wrapInRedactor',
                output: "import { redact } from './redact';\nlogger.info({ email: redact(customer.email) });",
              },
            ],
          },
        ],
      },
      {
        code: 'logger.info({ ip: req.ip });',
        options: [{ categories: { network: true } }],
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'req.ip', category: 'network identity', through: '' },
            suggestions: [{ messageId: 'removeProperty', output: 'logger.info({});' }],
          },
        ],
      },
      {
        code: "import log4js from 'log4js';\nconst logger = log4js.getLogger();\nlogger.addContext('token', token);",
        errors: [
          {
            messageId: 'sensitive',
            column: 28,
            suggestions: [
              {
                messageId: 'removeArgument',
                output: "import log4js from 'log4js';\nconst logger = log4js.getLogger();\nlogger.addContext('token');",
              },
              {
                messageId: 'logPresence',
                output:
                  "import log4js from 'log4js';\nconst logger = log4js.getLogger();\nlogger.addContext('token', Boolean(token));",
              },
            ],
          },
        ],
      },
      {
        code: "console.log('password=' + input);",
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'input', category: 'credential', through: '' },
            suggestions: [{ messageId: 'logPresence', output: "console.log('password=' + Boolean(input));" }],
          },
        ],
      },
      {
        code: 'logger.debug(`sending Bearer ${t}`);',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 't', category: 'credential', through: '' },
            suggestions: [{ messageId: 'logPresence', output: 'logger.debug(`sending Bearer ${Boolean(t)}`);' }],
          },
        ],
      },
      {
        code: 'logger.info({ name: customer.name, plan });',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'customer.name', category: 'personal contact data', through: '' },
            suggestions: [{ messageId: 'removeProperty', output: 'logger.info({ plan });' }],
          },
        ],
      },
      {
        code: 'const user = { email: req.body.email, plan };\nlogger.info(user);',
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'user', origin: 'req.body.email', category: 'personal contact data', through: '' },
            line: 2,
            column: 13,
          },
        ],
      },
      {
        code: 'const { body: { creditCardNumber } } = req;\nconsole.log(creditCardNumber);',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'creditCardNumber', category: 'financial data', through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: 'const { body: { creditCardNumber } } = req;\nconsole.log(Boolean(creditCardNumber));',
              },
            ],
          },
        ],
      },
      {
        code: "let value = 'none';\nvalue = user.password;\nconsole.log(value);",
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'value', origin: 'user.password', category: 'credential', through: '' },
            line: 3,
            suggestions: [
              {
                messageId: 'logPresence',
                output: "let value = 'none';\nvalue = user.password;\nconsole.log(Boolean(value));",
              },
            ],
          },
        ],
      },
      {
        code: "request.log(['auth'], { password: request.payload.password });",
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              { messageId: 'removeProperty', output: "request.log(['auth'], {});" },
              {
                messageId: 'logPresence',
                output: "request.log(['auth'], { password: Boolean(request.payload.password) });",
              },
            ],
          },
        ],
      },
      {
        code: 'process.stdout.write(refreshToken);',
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [{ messageId: 'logPresence', output: 'process.stdout.write(Boolean(refreshToken));' }],
          },
        ],
      },
      {
        code: "interface Account { id: string; iban: string; createdAt: Date }\nfunction f(account: Account) { logger.info(_.omit(account, ['createdAt'])); }",
        errors: [
          {
            messageId: 'sensitiveFields',
            data: { subject: 'account', fields: '`iban` (financial data)', verb: 'is', through: '' },
          },
        ],
      },
      {
        code: "type Patient = { id: string; diagnosis: string };\nconst p: Patient = load();\nconsole.info('patient', p);",
        errors: [
          {
            messageId: 'sensitiveFields',
            line: 3,
            suggestions: [
              {
                messageId: 'removeArgument',
                output:
                  "type Patient = { id: string; diagnosis: string };\nconst p: Patient = load();\nconsole.info('patient');",
              },
              {
                messageId: 'logId',
                output:
                  "type Patient = { id: string; diagnosis: string };\nconst p: Patient = load();\nconsole.info('patient', p.id);",
              },
            ],
          },
        ],
      },
      {
        code: 'logger.info({ emails: users.map((u) => u.email) });',
        errors: [
          { messageId: 'sensitive', data: { subject: 'u.email', category: 'personal contact data', through: '' } },
        ],
      },
      {
        code: "import pino from 'pino';\nconst logger = pino({ customLevels: { audit: 35 } });\nlogger.audit({ password });",
        errors: [
          {
            messageId: 'sensitive',
            line: 3,
            suggestions: [
              {
                messageId: 'removeProperty',
                output:
                  "import pino from 'pino';\nconst logger = pino({ customLevels: { audit: 35 } });\nlogger.audit({});",
              },
              {
                messageId: 'logPresence',
                output:
                  "import pino from 'pino';\nconst logger = pino({ customLevels: { audit: 35 } });\nlogger.audit({ password: Boolean(password) });",
              },
              {
                messageId: 'addRedactPath',
                output:
                  "import pino from 'pino';\nconst logger = pino({ redact: ['password'], customLevels: { audit: 35 } });\nlogger.audit({ password });",
              },
            ],
          },
        ],
      },
      {
        // From hackathon-starter: an anonymous user's session id inside a logged thread id.
        code: "const threadId = req.user ? req.user._id.toString() : `temp_${req.sessionID}`;\nconsole.log('Thread ID:', threadId);",
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'threadId', origin: 'req.sessionID', category: 'session secret', through: '' },
            suggestions: [
              {
                messageId: 'removeArgument',
                output:
                  "const threadId = req.user ? req.user._id.toString() : `temp_${req.sessionID}`;\nconsole.log('Thread ID:');",
              },
              {
                messageId: 'logPresence',
                output:
                  "const threadId = req.user ? req.user._id.toString() : `temp_${req.sessionID}`;\nconsole.log('Thread ID:', Boolean(threadId));",
              },
            ],
          },
        ],
      },
      {
        // Each sensitive part of one call is its own report.
        code: 'logger.info({ email, password, plan });',
        errors: [
          {
            messageId: 'sensitive',
            column: 15,
            suggestions: [{ messageId: 'removeProperty', output: 'logger.info({ password, plan });' }],
          },
          {
            messageId: 'sensitive',
            column: 22,
            suggestions: [
              { messageId: 'removeProperty', output: 'logger.info({ email, plan });' },
              { messageId: 'logPresence', output: 'logger.info({ email, password: Boolean(password), plan });' },
            ],
          },
        ],
      },
    ],
  });

  js.run('no-pii-in-logs (JavaScript)', rule as never, {
    valid: [
      {
        code: "const pino = require('pino');\nconst logger = pino({ redact: ['req.headers.cookie'] });\nlogger.info({ req: { headers: { cookie: req.headers.cookie } } });",
        languageOptions: { sourceType: 'commonjs' },
      },
      {
        code: "const debug = require('debug')('app');\ndebug('listening on %d', port);",
        languageOptions: { sourceType: 'commonjs' },
      },
      {
        code: 'export function handler(event) { console.log(event.requestContext.requestId); }',
        filename: 'handler.mjs',
      },
      'logger.info({ count: users.length, ids: users.map((u) => u.id) });',
      "winston.loggers.get('app').info('started');",
      'console.log(`Server listening on ${host}:${port}`);',
      "const log = require('./log');\nlog.info({ route: req.route.path, status: res.statusCode });",
    ],
    invalid: [
      {
        code: "const pino = require('pino');\nconst logger = pino();\nlogger.info({ user: { password: body.password } });",
        languageOptions: { sourceType: 'commonjs' },
        filename: 'server.cjs',
        errors: [
          {
            messageId: 'sensitive',
            line: 3,
            suggestions: [
              {
                messageId: 'removeProperty',
                output: "const pino = require('pino');\nconst logger = pino();\nlogger.info({ user: {} });",
              },
              {
                messageId: 'logPresence',
                output:
                  "const pino = require('pino');\nconst logger = pino();\nlogger.info({ user: { password: Boolean(body.password) } });",
              },
              {
                messageId: 'addRedactPath',
                output:
                  "const pino = require('pino');\nconst logger = pino({ redact: ['user.password'] });\nlogger.info({ user: { password: body.password } });",
              },
            ],
          },
        ],
      },
      {
        code: "const debug = require('debug')('app:auth');\ndebug('session %s', req.cookies.sid);",
        languageOptions: { sourceType: 'commonjs' },
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'removeArgument',
                output: "const debug = require('debug')('app:auth');\ndebug('session %s');",
              },
              {
                messageId: 'logPresence',
                output: "const debug = require('debug')('app:auth');\ndebug('session %s', Boolean(req.cookies.sid));",
              },
            ],
          },
        ],
      },
      {
        code: "export async function handler(event) {\n  console.log('event', event.body);\n}",
        filename: 'handler.mjs',
        errors: [
          {
            messageId: 'sensitive',
            line: 2,
            suggestions: [
              {
                messageId: 'removeArgument',
                output: "export async function handler(event) {\n  console.log('event');\n}",
              },
            ],
          },
        ],
      },
      {
        code: "const { createLogger } = require('winston');\nconst logger = createLogger({});\nlogger.log('info', 'signup', { email: req.body.email });",
        languageOptions: { sourceType: 'commonjs' },
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'removeProperty',
                output:
                  "const { createLogger } = require('winston');\nconst logger = createLogger({});\nlogger.log('info', 'signup', {});",
              },
            ],
          },
        ],
      },
      {
        code: "const redactor = require('./redact');\nlogger.warn({ secret: settings.clientSecret });",
        languageOptions: { sourceType: 'commonjs' },
        options: [{ redactor: { name: 'redactSecret', import: './redact' } }],
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              { messageId: 'removeProperty', output: "const redactor = require('./redact');\nlogger.warn({});" },
              {
                messageId: 'logPresence',
                output:
                  "const redactor = require('./redact');\nlogger.warn({ secret: Boolean(settings.clientSecret) });",
              },
              {
                messageId: 'wrapInRedactor',
                output:
                  "const redactor = require('./redact');\nconst { redactSecret } = require('./redact');\nlogger.warn({ secret: redactSecret(settings.clientSecret) });",
              },
            ],
          },
        ],
      },
    ],
  });

  typed.run('no-pii-in-logs (type information)', rule, {
    valid: [
      { code: 'declare const pin: number;\nconsole.log({ pin });', filename: 'file.ts' },
      {
        code: 'declare function getUser(): { id: string; age: number };\nconsole.log({ user: getUser() });',
        filename: 'file.ts',
      },
      { code: 'enum Level { A, B }\ndeclare const token: Level;\nconsole.log(token);', filename: 'file.ts' },
      {
        code: 'declare const user: { id: string; emailVerified: boolean; plan: string };\nconsole.log(user);',
        filename: 'file.ts',
      },
    ],
    invalid: [
      {
        code: 'declare const cfg: { port: number; jwtSecret: string };\nconsole.log(cfg);',
        filename: 'file.ts',
        errors: [
          {
            messageId: 'sensitiveFields',
            data: { subject: 'cfg', fields: '`jwtSecret` (credential)', verb: 'is', through: '' },
          },
        ],
      },
      {
        code: 'declare function findUser(): Promise<{ id: string; email: string }>;\nasync function f() { console.log({ user: await findUser() }); }',
        filename: 'file.ts',
        errors: [
          {
            messageId: 'sensitiveFields',
            suggestions: [
              {
                messageId: 'removeProperty',
                output:
                  'declare function findUser(): Promise<{ id: string; email: string }>;\nasync function f() { console.log({}); }',
              },
            ],
          },
        ],
      },
    ],
  });
});
