import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import { RuleTester as EslintRuleTester } from 'eslint';
import plugin from 'eslint-plugin-observability';

const rule = plugin.rules['no-pii-in-logs'];
const ts = new TsRuleTester();
const js = new EslintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const cjs = new EslintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } });

const OTEL =
  "import { trace, propagation, context } from '@opentelemetry/api';\nconst tracer = trace.getTracer('auth');\n";
const SENTRY = "import * as Sentry from '@sentry/node';\n";

const SPAN_ATTRIBUTE = 'written to a span attribute (exported to the trace backend)';
const SPAN_EVENT = 'written to a span event (exported to the trace backend)';
const BAGGAGE = 'put in OpenTelemetry baggage (sent in the `baggage` header to every service downstream)';
const SENTRY_EXTRA = 'sent to Sentry as extra context';

/** Span attributes and events, baggage entries and Sentry context are sinks like log calls. */
describe('no-pii-in-logs: telemetry sinks', () => {
  ts.run('no-pii-in-logs (telemetry, TypeScript)', rule, {
    valid: [
      // A Map, a Headers object, a response: `set…` methods that are not telemetry.
      `${OTEL}const cache = new Map<string, string>();\ncache.set('email', user.email);\nres.setHeader('x-user', email);`,
      // setTag on something that is not Sentry (a dd-trace-like object, a local helper object).
      `${SENTRY}const metrics = makeRegistry();\nmetrics.setTag('email', email);\nconst form = { setUser(u: unknown) {} };\nform.setUser({ email });`,
      // A local function named like a Sentry export is not Sentry's.
      `${SENTRY}function setExtra(key: string, value: string) { cache[key] = value; }\nsetExtra('password', password);`,
      // Semantic-convention keys with bounded values: judged by the value.
      `${OTEL}app.get('/users/:id', (req, res) => {\n  const span = trace.getActiveSpan();\n  span?.setAttribute('http.route', req.route.path);\n  span?.setAttribute('http.request.method', req.method);\n  span?.setAttributes({ 'http.response.status_code': res.statusCode, 'url.scheme': req.protocol });\n});`,
      // Ids, counts and presence are fine.
      `${OTEL}tracer.startActiveSpan('login', (span) => {\n  span.setAttribute('enduser.id', user.id);\n  span.setAttribute('auth.has_token', Boolean(token));\n  span.setAttribute('auth.password_length', password.length);\n  span.end();\n});`,
      // Sentry's user with only an id.
      `${SENTRY}Sentry.setUser({ id: user.id });\nSentry.setUser(null);`,
      // Sanitized values.
      `${SENTRY}Sentry.setExtra('email', maskEmail(user.email));\nSentry.setTag('token', hash(token));`,
      {
        code: `${OTEL}const span = tracer.startSpan('login');\nspan.setAttribute('user.email', toLogSafe(email));\nspan.end();`,
        options: [{ sanitizers: ['toLogSafe'] }],
      },
      // Families turned off.
      {
        code: `${OTEL}const span = tracer.startSpan('x');\nspan.setAttribute('user.email', email);`,
        options: [{ sinks: { spans: false } }],
      },
      { code: `${SENTRY}Sentry.setUser({ email: user.email });`, options: [{ sinks: { errorTracker: false } }] },
      {
        code: `${OTEL}propagation.createBaggage({ email: { value: email } });`,
        options: [{ sinks: { baggage: false } }],
      },
      // Logs off, telemetry still on: the log call is left alone.
      { code: `${SENTRY}console.log(password);\nSentry.setTag('plan', plan);`, options: [{ sinks: { logs: false } }] },
      // A DOM <span> element is not an OpenTelemetry span.
      `const span: HTMLSpanElement = document.createElement('span');\nspan.setAttribute('title', user.email);\nconst label = document.createElement('span');\nlabel.setAttribute('data-email', email);`,
      "const span = document.querySelector('span.email');\nspan.setAttribute('title', customer.email); // Span",
      // recordException is not a sink; neither is the exception given to captureException.
      `${OTEL}const span = tracer.startSpan('x');\ntry { run(); } catch (err) { span.recordException(err); Sentry.captureException(err); }`,
      `${SENTRY}try { await login(password); } catch (err) { Sentry.captureException(err, { tags: { route: '/login' }, extra: { attempt } }); }`,
      // A file that mentions neither OpenTelemetry nor Sentry is not looked at for telemetry.
      "function annotate(s: { setAttribute(k: string, v: string): void }) { s.setAttribute('email', email); }",
      // Baggage of safe values; `setEntry` on something that is not a baggage.
      `${OTEL}const bag = propagation.createBaggage({ tenant: { value: tenantId }, 'request.id': { value: requestId } });\nregistry.setEntry('email', { value: email });`,
      // Attribute key from a semantic-convention constant, with a route value.
      `${OTEL}const ATTR_HTTP_ROUTE = 'http.route';\ntrace.getActiveSpan()?.setAttribute(ATTR_HTTP_ROUTE, route.path);`,
      // Span event with a constant name and safe attributes.
      `${OTEL}const span = tracer.startSpan('checkout');\nspan.addEvent('payment.authorized', { 'payment.amount': amount, 'payment.currency': currency });\nspan.end();`,
      // A breadcrumb with a constant message and safe data; a Sentry scope given only an id.
      `${SENTRY}Sentry.addBreadcrumb({ category: 'auth', message: 'Signed in', data: { userId: user.id } });\nSentry.withScope((scope) => { scope.setUser({ id: user.id }); scope.setTag('plan', plan); });`,
      // A scope that is not Sentry's, and `setExtra` imported from another package.
      `${SENTRY}db.withScope((scope) => scope.setUser({ email }));\nimport { setExtra } from './form-state';\nsetExtra('password', password);`,
      // Span start options with a route template only.
      `${OTEL}const span = tracer.startSpan('GET /users/:id', { attributes: { 'http.route': '/users/:id', 'http.request.method': req.method } });\nspan.end();`,
      // A person record whose declared type has no sensitive fields.
      `${SENTRY}interface Account { id: string; plan: string }\nfunction tag(account: Account) { Sentry.setContext('account', account); }`,
    ],
    invalid: [
      {
        code: `${OTEL}const span = tracer.startSpan('login');\nspan.setAttribute('user.email', email);\nspan.end();`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'email', category: 'personal contact data', destination: SPAN_ATTRIBUTE, through: '' },
            line: 4,
            column: 33,
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'email', target: 'the span' },
                output: `${OTEL}const span = tracer.startSpan('login');\nspan.end();`,
              },
            ],
          },
        ],
      },
      {
        // The key names what an unnamed value is, like a log field's key.
        code: `${OTEL}tracer.startActiveSpan('auth', (span) => {\n  span.setAttribute('http.request.header.authorization', value);\n  span.end();\n});`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'http.request.header.authorization',
              category: 'session secret',
              destination: SPAN_ATTRIBUTE,
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}tracer.startActiveSpan('auth', (span) => {\n  span.end();\n});`,
              },
              {
                messageId: 'sendPresence',
                output: `${OTEL}tracer.startActiveSpan('auth', (span) => {\n  span.setAttribute('http.request.header.authorization', Boolean(value));\n  span.end();\n});`,
              },
            ],
          },
        ],
      },
      {
        code: `${OTEL}trace.getActiveSpan()?.setAttributes({ 'user.email': user.email, plan });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'user.email',
              category: 'personal contact data',
              destination: SPAN_ATTRIBUTE,
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'user.email', target: 'the span' },
                output: `${OTEL}trace.getActiveSpan()?.setAttributes({ plan });`,
              },
            ],
          },
        ],
      },
      {
        code: `${OTEL}const span = tracer.startSpan('pay', { attributes: { 'card.number': cardNumber } });\nspan.end();`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'cardNumber', category: 'financial data', destination: SPAN_ATTRIBUTE, through: '' },
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}const span = tracer.startSpan('pay', { attributes: {} });\nspan.end();`,
              },
              {
                messageId: 'sendPresence',
                output: `${OTEL}const span = tracer.startSpan('pay', { attributes: { 'card.number': Boolean(cardNumber) } });\nspan.end();`,
              },
            ],
          },
        ],
      },
      {
        code: `${OTEL}tracer.startActiveSpan('signup', { attributes: { email: req.body.email } }, (span) => { span.end(); });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'req.body.email',
              category: 'personal contact data',
              destination: SPAN_ATTRIBUTE,
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}tracer.startActiveSpan('signup', { attributes: {} }, (span) => { span.end(); });`,
              },
            ],
          },
        ],
      },
      {
        // Events: their attributes and their name.
        code: `${OTEL}const span = tracer.startSpan('reset');\nspan.addEvent('reset.sent', { resetToken });\nspan.addEvent(\`reset for \${user.email}\`);\nspan.end();`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'resetToken', category: 'credential', destination: SPAN_EVENT, through: '' },
            line: 4,
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}const span = tracer.startSpan('reset');\nspan.addEvent('reset.sent', {});\nspan.addEvent(\`reset for \${user.email}\`);\nspan.end();`,
              },
              {
                messageId: 'sendPresence',
                output: `${OTEL}const span = tracer.startSpan('reset');\nspan.addEvent('reset.sent', { resetToken: Boolean(resetToken) });\nspan.addEvent(\`reset for \${user.email}\`);\nspan.end();`,
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'user.email', category: 'personal contact data', destination: SPAN_EVENT, through: '' },
            line: 5,
            suggestions: [],
          },
        ],
      },
      {
        // A whole person record as event attributes: the optional argument goes, or only the id.
        code: `${OTEL}function onSignup(span: Span, profile: unknown) {\n  span.addEvent('signup', profile);\n}`,
        errors: [
          {
            messageId: 'telemetryPersonRecord',
            data: { subject: 'profile', category: 'personal contact data', destination: SPAN_EVENT, through: '' },
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'profile', target: 'the span' },
                output: `${OTEL}function onSignup(span: Span, profile: unknown) {\n  span.addEvent('signup');\n}`,
              },
              {
                messageId: 'sendId',
                output: `${OTEL}function onSignup(span: Span, profile: unknown) {\n  span.addEvent('signup', { id: profile.id });\n}`,
              },
            ],
          },
        ],
      },
      {
        // Aliases and declared types are followed like in log calls.
        code: `${OTEL}interface User { id: string; email: string }\nfunction annotate(user: User) {\n  const who = user.email;\n  trace.getActiveSpan()?.setAttribute('enduser', who);\n}`,
        errors: [
          {
            messageId: 'telemetryAlias',
            data: {
              subject: 'who',
              origin: 'user.email',
              category: 'personal contact data',
              destination: SPAN_ATTRIBUTE,
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}interface User { id: string; email: string }\nfunction annotate(user: User) {\n  const who = user.email;\n}`,
              },
            ],
          },
        ],
      },
      {
        code: `${OTEL}class Checkout {\n  constructor(private readonly rootSpan: Span) {}\n  pay(card: { id: string; cardNumber: string }) { this.rootSpan.setAttributes({ card }); }\n}`,
        errors: [
          {
            messageId: 'telemetryFields',
            data: {
              subject: 'card',
              fields: '`cardNumber` (financial data)',
              verb: 'is',
              destination: SPAN_ATTRIBUTE,
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}class Checkout {\n  constructor(private readonly rootSpan: Span) {}\n  pay(card: { id: string; cardNumber: string }) { this.rootSpan.setAttributes({}); }\n}`,
              },
              {
                messageId: 'sendId',
                output: `${OTEL}class Checkout {\n  constructor(private readonly rootSpan: Span) {}\n  pay(card: { id: string; cardNumber: string }) { this.rootSpan.setAttributes({ cardId: card.id }); }\n}`,
              },
            ],
          },
        ],
      },
      {
        // Baggage: every entry travels to every service downstream.
        code: `${OTEL}const bag = propagation.createBaggage({ tenant: { value: tenantId }, 'user.email': { value: email } });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'email', category: 'personal contact data', destination: BAGGAGE, through: '' },
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'user.email', target: 'baggage' },
                output: `${OTEL}const bag = propagation.createBaggage({ tenant: { value: tenantId } });`,
              },
            ],
          },
        ],
      },
      {
        code: `${OTEL}const current = propagation.getActiveBaggage() ?? propagation.createBaggage();\nconst next = propagation.getBaggage(context.active())!.setEntry('session', { value: sessionId });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'sessionId', category: 'session secret', destination: BAGGAGE, through: '' },
            suggestions: [
              {
                messageId: 'sendPresence',
                output: `${OTEL}const current = propagation.getActiveBaggage() ?? propagation.createBaggage();\nconst next = propagation.getBaggage(context.active())!.setEntry('session', { value: Boolean(sessionId) });`,
              },
            ],
          },
        ],
      },
      {
        code: `${OTEL}function carry(baggage: Baggage, user: { phoneNumber: string }) {\n  return baggage.setEntry('phone', { value: user.phoneNumber });\n}`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'user.phoneNumber', category: 'personal contact data', destination: BAGGAGE, through: '' },
            suggestions: [],
          },
        ],
      },
      {
        // Sentry: setUser judges the value like any other; a whole record offers its id.
        code: `${SENTRY}Sentry.setUser({ id: user.id, email: user.email });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'user.email',
              category: 'personal contact data',
              destination: "sent to Sentry as the event's user",
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'email', target: 'Sentry' },
                output: `${SENTRY}Sentry.setUser({ id: user.id });`,
              },
            ],
          },
        ],
      },
      {
        code: `${SENTRY}app.use((req, res, next) => {\n  Sentry.setUser(req.user ?? customer);\n  next();\n});`,
        errors: [
          {
            messageId: 'telemetryPersonRecord',
            data: {
              subject: 'customer',
              category: 'personal contact data',
              destination: "sent to Sentry as the event's user",
              through: '',
            },
            suggestions: [
              {
                messageId: 'sendId',
                output: `${SENTRY}app.use((req, res, next) => {\n  Sentry.setUser(req.user ?? { id: customer.id });\n  next();\n});`,
              },
            ],
          },
        ],
      },
      {
        code: `${SENTRY}export function identify(customer: unknown) {\n  Sentry.setUser(customer);\n}`,
        errors: [
          {
            messageId: 'telemetryPersonRecord',
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'customer', target: 'Sentry' },
                output: `${SENTRY}export function identify(customer: unknown) {\n}`,
              },
              {
                messageId: 'sendId',
                output: `${SENTRY}export function identify(customer: unknown) {\n  Sentry.setUser({ id: customer.id });\n}`,
              },
            ],
          },
        ],
      },
      {
        code: `${SENTRY}Sentry.setExtra('body', req.body);\nSentry.setExtras({ apiKey, plan });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'req.body',
              category: 'request data that can hold credentials and personal data',
              destination: SENTRY_EXTRA,
              through: '',
            },
            line: 2,
            suggestions: [{ messageId: 'stopSending', output: `${SENTRY}Sentry.setExtras({ apiKey, plan });` }],
          },
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'apiKey', category: 'credential', destination: SENTRY_EXTRA, through: '' },
            line: 3,
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${SENTRY}Sentry.setExtra('body', req.body);\nSentry.setExtras({ plan });`,
              },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}Sentry.setExtra('body', req.body);\nSentry.setExtras({ apiKey: Boolean(apiKey), plan });`,
              },
            ],
          },
        ],
      },
      {
        code: `${SENTRY}Sentry.setTag('user.email', email);\nSentry.setTags({ ssn });\nSentry.setContext('billing', { iban: account.iban });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'email',
              category: 'personal contact data',
              destination: 'sent to Sentry as a tag (indexed for search)',
              through: '',
            },
            line: 2,
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${SENTRY}Sentry.setTags({ ssn });\nSentry.setContext('billing', { iban: account.iban });`,
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'ssn',
              category: 'government ID',
              destination: 'sent to Sentry as a tag (indexed for search)',
              through: '',
            },
            line: 3,
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${SENTRY}Sentry.setTag('user.email', email);\nSentry.setTags({});\nSentry.setContext('billing', { iban: account.iban });`,
              },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}Sentry.setTag('user.email', email);\nSentry.setTags({ ssn: Boolean(ssn) });\nSentry.setContext('billing', { iban: account.iban });`,
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'account.iban',
              category: 'financial data',
              destination: 'sent to Sentry as context',
              through: '',
            },
            line: 4,
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${SENTRY}Sentry.setTag('user.email', email);\nSentry.setTags({ ssn });\nSentry.setContext('billing', {});`,
              },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}Sentry.setTag('user.email', email);\nSentry.setTags({ ssn });\nSentry.setContext('billing', { iban: Boolean(account.iban) });`,
              },
            ],
          },
        ],
      },
      {
        // Named imports and scopes.
        code: "import { withScope, captureException, captureMessage } from '@sentry/node';\nwithScope((scope) => {\n  scope.setExtra('password', password);\n  captureException(err, { extra: { token } });\n});\ncaptureMessage(`login failed for ${email}`);",
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'password', category: 'credential', destination: SENTRY_EXTRA, through: '' },
            line: 3,
            suggestions: [
              {
                messageId: 'stopSending',
                output:
                  "import { withScope, captureException, captureMessage } from '@sentry/node';\nwithScope((scope) => {\n  captureException(err, { extra: { token } });\n});\ncaptureMessage(`login failed for ${email}`);",
              },
              {
                messageId: 'sendPresence',
                output:
                  "import { withScope, captureException, captureMessage } from '@sentry/node';\nwithScope((scope) => {\n  scope.setExtra('password', Boolean(password));\n  captureException(err, { extra: { token } });\n});\ncaptureMessage(`login failed for ${email}`);",
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'token', category: 'credential', destination: SENTRY_EXTRA, through: '' },
            line: 4,
            suggestions: [
              {
                messageId: 'stopSending',
                output:
                  "import { withScope, captureException, captureMessage } from '@sentry/node';\nwithScope((scope) => {\n  scope.setExtra('password', password);\n  captureException(err, { extra: {} });\n});\ncaptureMessage(`login failed for ${email}`);",
              },
              {
                messageId: 'sendPresence',
                output:
                  "import { withScope, captureException, captureMessage } from '@sentry/node';\nwithScope((scope) => {\n  scope.setExtra('password', password);\n  captureException(err, { extra: { token: Boolean(token) } });\n});\ncaptureMessage(`login failed for ${email}`);",
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'email',
              category: 'personal contact data',
              destination: 'sent to Sentry as the event message',
              through: '',
            },
            line: 6,
            suggestions: [],
          },
        ],
      },
      {
        code: `${SENTRY}const scope = Sentry.getCurrentScope();\nscope.setTag('plan', plan).setContext('card', { cvv });\nSentry.addBreadcrumb({ category: 'auth', message: 'login', data: { otp } });`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'cvv', category: 'financial data', destination: 'sent to Sentry as context', through: '' },
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${SENTRY}const scope = Sentry.getCurrentScope();\nscope.setTag('plan', plan).setContext('card', {});\nSentry.addBreadcrumb({ category: 'auth', message: 'login', data: { otp } });`,
              },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}const scope = Sentry.getCurrentScope();\nscope.setTag('plan', plan).setContext('card', { cvv: Boolean(cvv) });\nSentry.addBreadcrumb({ category: 'auth', message: 'login', data: { otp } });`,
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'otp',
              category: 'credential',
              destination: 'sent to Sentry in a breadcrumb',
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${SENTRY}const scope = Sentry.getCurrentScope();\nscope.setTag('plan', plan).setContext('card', { cvv });\nSentry.addBreadcrumb({ category: 'auth', message: 'login', data: {} });`,
              },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}const scope = Sentry.getCurrentScope();\nscope.setTag('plan', plan).setContext('card', { cvv });\nSentry.addBreadcrumb({ category: 'auth', message: 'login', data: { otp: Boolean(otp) } });`,
              },
            ],
          },
        ],
      },
      {
        // A local wrapper that sends its parameter as a tag: reported at the call, with the tag's words.
        code: `${SENTRY}function tagRequest(key: string, value: unknown) { Sentry.setTag(key, value); }\ntagRequest('auth', req.headers.authorization);`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'req.headers.authorization',
              category: 'session secret',
              destination: 'sent to Sentry as a tag (indexed for search)',
              through: ' through `tagRequest()`',
            },
            line: 3,
            suggestions: [
              {
                messageId: 'sendPresence',
                output: `${SENTRY}function tagRequest(key: string, value: unknown) { Sentry.setTag(key, value); }\ntagRequest('auth', Boolean(req.headers.authorization));`,
              },
            ],
          },
        ],
      },
      {
        // The redactor wraps the value, and no pino redact path is offered for a span.
        code: `${OTEL}import { redact } from './redact';\nconst span = tracer.startSpan('x');\nspan.setAttribute('user.phone', phoneNumber);\nspan.end();`,
        options: [{ redactor: { name: 'redact' } }],
        errors: [
          {
            messageId: 'telemetrySensitive',
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}import { redact } from './redact';\nconst span = tracer.startSpan('x');\nspan.end();`,
              },
              {
                messageId: 'wrapInRedactor',
                output: `${OTEL}import { redact } from './redact';\nconst span = tracer.startSpan('x');\nspan.setAttribute('user.phone', redact(phoneNumber));\nspan.end();`,
              },
            ],
          },
        ],
      },
      {
        // A parameter typed `Span`, whatever its name; a Sentry span callback's parameter by its name.
        code: `${OTEL}import * as Sentry from '@sentry/node';\nfunction tag(s: Span) { s.setAttribute('user.email', email); }\nSentry.startSpan({ name: 'login' }, (span) => span.setAttribute('auth.token', token));`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'email', category: 'personal contact data', destination: SPAN_ATTRIBUTE, through: '' },
            line: 4,
            suggestions: [
              {
                messageId: 'stopSending',
                output: `${OTEL}import * as Sentry from '@sentry/node';\nfunction tag(s: Span) {  }\nSentry.startSpan({ name: 'login' }, (span) => span.setAttribute('auth.token', token));`,
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'token', category: 'credential', destination: SPAN_ATTRIBUTE, through: '' },
            line: 5,
            suggestions: [
              {
                messageId: 'sendPresence',
                output: `${OTEL}import * as Sentry from '@sentry/node';\nfunction tag(s: Span) { s.setAttribute('user.email', email); }\nSentry.startSpan({ name: 'login' }, (span) => span.setAttribute('auth.token', Boolean(token)));`,
              },
            ],
          },
        ],
      },
      {
        // Log messages are unchanged by the new sinks.
        code: `${SENTRY}console.log(password);\nSentry.setExtra('password', password);`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'password', category: 'credential', through: '' },
            line: 2,
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${SENTRY}console.log(Boolean(password));\nSentry.setExtra('password', password);`,
              },
            ],
          },
          {
            messageId: 'telemetrySensitive',
            line: 3,
            suggestions: [
              { messageId: 'stopSending', output: `${SENTRY}console.log(password);` },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}console.log(password);\nSentry.setExtra('password', Boolean(password));`,
              },
            ],
          },
        ],
      },
      {
        // Only the family left on is checked.
        code: `${SENTRY}${OTEL}Sentry.setExtra('password', password);\ntrace.getActiveSpan()?.setAttribute('password', password);`,
        options: [{ sinks: { errorTracker: false } }],
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'password', category: 'credential', destination: SPAN_ATTRIBUTE, through: '' },
            line: 5,
            suggestions: [
              { messageId: 'stopSending', output: `${SENTRY}${OTEL}Sentry.setExtra('password', password);` },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}${OTEL}Sentry.setExtra('password', password);\ntrace.getActiveSpan()?.setAttribute('password', Boolean(password));`,
              },
            ],
          },
        ],
      },
    ],
  });

  js.run('no-pii-in-logs (telemetry, JavaScript modules)', rule as never, {
    valid: [
      "import * as Sentry from '@sentry/browser';\nconst tags = new Map();\ntags.set('email', user.email);\nSentry.setTag('locale', navigator.language);",
      "import { trace } from '@opentelemetry/api';\nconst span = trace.getActiveSpan();\nspan.setAttribute('http.route', '/users/:id');\nspan.setAttribute('user.id', req.params.id);",
      "import { trace } from '@opentelemetry/api';\nconst el = document.createElement('span');\nel.setAttribute('aria-label', user.email);",
      "import * as Sentry from '@sentry/node';\nconst client = makeClient();\nclient.setUser({ email });\nclient.captureMessage(`hello ${email}`);",
    ],
    invalid: [
      {
        code: "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('shop');\ntracer.startActiveSpan('order', (span) => {\n  span.setAttribute('customer.address', order.billingAddress);\n  span.end();\n});",
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'order.billingAddress',
              category: 'personal contact data',
              destination: SPAN_ATTRIBUTE,
              through: '',
            },
            line: 4,
            suggestions: [
              {
                messageId: 'stopSending',
                output:
                  "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('shop');\ntracer.startActiveSpan('order', (span) => {\n  span.end();\n});",
              },
            ],
          },
        ],
      },
      {
        code: "import { setUser } from '@sentry/react';\nexport function onLogin(profile) {\n  setUser(profile);\n}",
        errors: [
          {
            messageId: 'telemetryPersonRecord',
            suggestions: [
              {
                messageId: 'stopSending',
                output: "import { setUser } from '@sentry/react';\nexport function onLogin(profile) {\n}",
              },
              {
                messageId: 'sendId',
                output:
                  "import { setUser } from '@sentry/react';\nexport function onLogin(profile) {\n  setUser({ id: profile.id });\n}",
              },
            ],
          },
        ],
      },
      {
        code: "import * as api from '@opentelemetry/api';\nconst bag = api.propagation.createBaggage({ 'auth.token': { value: accessToken, metadata } });",
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: { subject: 'accessToken', category: 'credential', destination: BAGGAGE, through: '' },
            suggestions: [
              {
                messageId: 'stopSending',
                output: "import * as api from '@opentelemetry/api';\nconst bag = api.propagation.createBaggage({});",
              },
              {
                messageId: 'sendPresence',
                output:
                  "import * as api from '@opentelemetry/api';\nconst bag = api.propagation.createBaggage({ 'auth.token': { value: Boolean(accessToken), metadata } });",
              },
            ],
          },
        ],
      },
    ],
  });

  cjs.run('no-pii-in-logs (telemetry, CommonJS)', rule as never, {
    valid: [
      "const Sentry = require('@sentry/node');\nfunction run(Sentry) { Sentry.setExtra('password', password); }",
      "const Sentry = require('@sentry/node');\nSentry.configureScope((scope) => scope.setTag('region', process.env.REGION));",
    ],
    invalid: [
      {
        code: "const Sentry = require('@sentry/node');\nSentry.configureScope((scope) => {\n  scope.setUser({ id: user.id, ip_address: req.ip, email: user.email });\n});",
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'user.email',
              category: 'personal contact data',
              destination: "sent to Sentry as the event's user",
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                output:
                  "const Sentry = require('@sentry/node');\nSentry.configureScope((scope) => {\n  scope.setUser({ id: user.id, ip_address: req.ip });\n});",
              },
            ],
          },
        ],
      },
      {
        code: "const { captureMessage } = require('@sentry/node');\ncaptureMessage('signup', { user: { email: req.body.email }, level: 'info' });",
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'req.body.email',
              category: 'personal contact data',
              destination: "sent to Sentry as the event's user",
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                output:
                  "const { captureMessage } = require('@sentry/node');\ncaptureMessage('signup', { user: {}, level: 'info' });",
              },
            ],
          },
        ],
      },
    ],
  });
});
