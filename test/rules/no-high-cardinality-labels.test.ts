import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['no-high-cardinality-labels'];
const tester = new RuleTester();

const PROM = "import client from 'prom-client';\n";
const HIST = `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'route', 'status_code'] });\n`;
const COUNTER = `${PROM}const c = new client.Counter({ name: 'http_requests_total', help: 'r', labelNames: ['method', 'path'] });\n`;
const OTEL =
  "import { metrics } from '@opentelemetry/api';\nconst meter = metrics.getMeter('api');\nconst requests = meter.createCounter('http.server.requests');\n";
const STATSD = "import StatsD from 'hot-shots';\nconst statsd = new StatsD();\n";
const LABEL_REASONS: Record<string, Reason> = {
  url: 'url',
  client_ip: 'ip',
  trace_id: 'id',
  email: 'email',
  timestamp: 'time',
};
const SPELLED_REASONS: Record<string, Reason> = {
  uid: 'id',
  ident: 'id',
  guid: 'id',
  sessionid: 'id',
  jti: 'id',
  sub: 'user',
  ip_addr: 'ip',
  email_hash: 'email',
  username: 'user',
};
const SPELLED_LABELS = Object.keys(SPELLED_REASONS);
const inService = (name: string): string => fixturePath('metrics-service', name);

const ADVICE: Record<string, string> = {
  'one series per client IP address': 'drop it, or record it on spans or logs',
  'one series per header value (clients choose them)': 'map it to a small set of known values',
  'one series per query-string value': 'map it to a small set of known values',
  'one series per id': 'drop it, or record it on spans, logs or exemplars',
  'a new series on every call': 'drop it',
  'a new series on every call (timestamps never repeat)': 'drop it; the sample already has a timestamp',
  'one series per user': 'drop it, or use a bounded attribute such as the plan or tier',
};
type Reason = 'url' | 'ip' | 'id' | 'user' | 'unique' | 'time' | 'email' | 'fallback' | 'body';
const WHY: Record<Reason, [string, string]> = {
  url: ['one series per URL (ids, query strings)', 'use the route template'],
  ip: ['one series per client IP address', 'drop it, or record it on spans or logs'],
  id: ['one series per id', 'drop it, or record it on spans, logs or exemplars'],
  user: ['one series per user', 'drop it, or use a bounded attribute such as the plan or tier'],
  unique: ['a new series on every call', 'drop it'],
  time: ['a new series on every call (timestamps never repeat)', 'drop it; the sample already has a timestamp'],
  email: ['one series per e-mail address', 'drop it'],
  fallback: [
    'one series per unmatched URL (404 probes, scanners)',
    "use a constant such as 'unmatched' for requests no route matched",
  ],
  body: ['one series per request-body value', 'map it to a small set of known values'],
};
/** Full message data for an unbounded value. */
const value = (subject: string, label: string, reason: Reason, origin = '') => ({
  subject,
  label,
  origin,
  why: WHY[reason][0],
  advice: WHY[reason][1],
});
/** Full message data for an unbounded label name. */
const named = (label: string, reason: Reason, metric = '') => ({
  label,
  metric,
  why: WHY[reason][0],
  advice: WHY[reason][1],
});
const ROUTE_TEMPLATE = "req.route?.path ?? 'unmatched'";
const ROUTE_WITH_MOUNT = "req.route ? req.baseUrl + req.route.path : 'unmatched'";
/** The two Express route-template suggestions for a raw URL (`subject`, its first occurrence in `code`). */
const routeFixes = (code: string, subject: string) => [
  { messageId: 'useRouteTemplate' as const, output: code.replace(subject, ROUTE_TEMPLATE) },
  { messageId: 'useRouteTemplateWithMount' as const, output: code.replace(subject, ROUTE_WITH_MOUNT) },
];
/** A raw Express URL recorded on a metric declared in another file: reported with the route-template fixes only. */
const rawUrlIn = (file: string, code: string, subject: string, label: string) => ({
  code,
  filename: inService(file),
  errors: [
    {
      messageId: 'unboundedValue' as const,
      data: value(subject, label, 'url'),
      suggestions: routeFixes(code, subject),
    },
  ],
});
/**
 * A NestJS project (`metrics-service/nest`) whose metrics are `@willsoto/nestjs-prometheus` providers: inline in
 * AppModule's `providers` (http_requests_total, http_request_duration_seconds), held in a constant and exported
 * in an array from `metrics/providers.ts` (jobs_processed_total, http_requests_in_flight, request_errors_seconds),
 * and a project function of the package's name that declares nothing (`decoy/providers.ts`, decoy_events).
 */
const inNest = (name: string): string => fixturePath('metrics-service', 'nest', 'src', name);
const NEST =
  "import { Injectable } from '@nestjs/common';\nimport { InjectMetric } from '@willsoto/nestjs-prometheus';\nimport { Counter, Gauge, Histogram, Summary } from 'prom-client';\n";
/** An interceptor whose constructor injects two providers' metrics, recording labels built in `body`. */
const interceptor = (
  body: string,
  inject = "@InjectMetric('http_requests_total') private traffic: Counter<string>,\n    @InjectMetric('http_request_duration_seconds') private latency: Histogram<string>,",
) =>
  `${NEST}@Injectable()\nexport class MetricsInterceptor {\n  constructor(\n    ${inject}\n  ) {}\n  intercept(context: ExecutionContext, next: CallHandler) {\n    const request = context.switchToHttp().getRequest<Request>();\n${body}\n    return next.handle();\n  }\n}`;

/** A histogram registered once (`getSingleMetric(name) || new Histogram(…)`), its timer ended with a raw URL. */
const REGISTERED_ONCE = `${PROM}const h = client.register.getSingleMetric('http_request_duration_seconds') || new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['route'] });\napp.use((req, res) => { const end = h.startTimer(); res.on('finish', () => end({ route: req.url })); });`;

/** Metrics held as properties of an object, in this file. */
const HELD = `${PROM}const Counters = { requests: new client.Counter({ name: 'http_requests_total', help: 'r', labelNames: ['method', 'path'] }) };\n`;

tester.run('no-high-cardinality-labels', rule, {
  valid: [
    // Bounded values: method, route templates, status codes and classes.
    `${HIST}app.use((req, res) => h.observe({ method: req.method, route: req.route.path, status_code: res.statusCode }, 1));`,
    `${HIST}app.use((req, res) => h.observe({ method: req.method, route: ${ROUTE_TEMPLATE}, status_code: String(res.statusCode) }, 1));`,
    `${HIST}app.use((req, res) => h.labels(req.method, ${ROUTE_WITH_MOUNT}, \`\${Math.floor(res.statusCode / 100)}xx\`).observe(1));`,
    `${HIST}fastify.addHook('onResponse', async (request, reply) => { h.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode }, 1); });`,
    `${HIST}app.use(async (c, next) => { await next(); h.observe({ method: c.req.method, route: c.req.routePath, status_code: c.res.status }, 1); });`,
    `${HIST}app.use(async (ctx, next) => { await next(); h.observe({ method: ctx.method, route: ctx._matchedRoute ?? 'unmatched', status_code: ctx.status }, 1); });`,
    // Literals, ternaries of literals, environment, error classes.
    `${HIST}h.observe({ method: ok ? 'success' : 'failure', route: process.env.ROUTE_GROUP, status_code: err.code }, 1);`,
    `${HIST}try { run(); } catch (err) { h.observe({ method: err.name, route: 'job', status_code: 500 }, 1); }`,
    // Enums, const objects, literal-union parameters.
    `${HIST}enum Outcome { Ok = 'ok', Failed = 'failed' }\nh.observe({ method: Outcome.Ok, route: 'x', status_code: 200 }, 1);`,
    `${HIST}const ROUTES = { HEALTH: '/health', USERS: '/users/:id' } as const;\nh.observe({ method: 'GET', route: ROUTES.USERS, status_code: 200 }, 1);`,
    `${HIST}function record(outcome: 'ok' | 'error') { h.observe({ method: 'GET', route: '/x', status_code: outcome }, 1); }`,
    // Not metrics: a service with an `add` method, span attributes, logs.
    `${OTEL}service.add(1, { userId: req.user.id });\nspan.setAttribute('user.id', req.user.id);\nlogger.info({ url: req.url });`,
    // Exemplars are not series labels.
    `${HIST}h.observe({ value: 0.2, labels: { method: 'GET', route: '/x', status_code: 200 }, exemplarLabels: { traceId: span.traceId, userId: req.user.id } });`,
    `${OTEL}requests.add(1, { 'http.route': req.route?.path ?? 'unmatched', 'http.request.method': req.method });`,
    // No labels at all.
    `${COUNTER}c.inc();\nc.inc(5);`,
    // Children of `labels()` record no new labels.
    `${HIST}const child = h.labels('GET', '/users/:id', '200');\nchild.observe(1);`,
    // A helper whose parameter is never given an unbounded value.
    `${HIST}function time(route: string) { return h.startTimer({ route }); }\ntime('/users/:id');\ntime(ROUTE);`,
    // Files that use no metrics library.
    'counter.labels(req.url).inc(); meter.add(1, { userId });',
    // Label names that are fine.
    `${PROM}new client.Gauge({ name: 'queue_depth', help: 'q', labelNames: ['queue', 'region', 'tier', 'plan', 'user_type', 'outcome'] });`,
    // Words that name one value per entity only in some spellings: these are bounded.
    `${PROM}new client.Gauge({ name: 'workers', help: 'w', labelNames: ['sub_type', 'subsystem', 'agent_pool', 'hash_algorithm', 'address_family', 'session_state', 'login_method', 'user_role', 'identity_provider'] });`,
    {
      code: `${PROM}new client.Gauge({ name: 'tenant_jobs', help: 'j', labelNames: ['tenant_id'] });`,
      options: [{ allowedNames: ['tenant_id'] }],
    },
    {
      code: `${HIST}app.use((req, res) => h.observe({ method: req.method, route: req.matchedPath, status_code: res.statusCode }, 1));`,
      options: [{ routeTemplates: ['req.matchedPath'] }],
    },
    // Object labels assigned before use, bounded.
    `${HIST}const labels = { method: req.method, route: req.route.path };\nh.observe(labels, 1);`,
    // Timers with bounded labels.
    `${HIST}const end = h.startTimer({ method: req.method });\nres.on('finish', () => end({ route: ${ROUTE_TEMPLATE}, status_code: res.statusCode }));`,
    // StatsD with bounded tags.
    `${STATSD}statsd.increment('http.requests', 1, ['method:' + req.method, \`route:\${req.route.path}\`]);\nstatsd.timing('db.query', 12, { table: 'users' });`,
    // Default labels that are bounded.
    `${PROM}client.register.setDefaultLabels({ service: 'api', region: process.env.REGION });`,
    // express-prom-bundle with the route template.
    "import promBundle from 'express-prom-bundle';\napp.use(promBundle({ includeMethod: true, includePath: true, normalizePath: (req) => req.route?.path ?? 'unmatched' }));",
    // A `Counter` that is not prom-client's.
    "import { Counter } from './my-counter';\nnew Counter({ name: 'x', labelNames: ['user_id'] }).inc({ user_id: req.user.id });",
    // A metric from another module, recorded with bounded labels.
    {
      code: "import { httpDuration } from './metrics';\napp.use((req, res) => httpDuration.observe({ method: req.method, route: req.route?.path ?? 'unmatched', status_code: res.statusCode }, 1));",
      filename: inService('routes.ts'),
    },
    {
      code: "const { jobRuns } = require('./metrics-cjs');\njobRuns.inc({ job: 'cleanup', outcome: 'ok' });",
      filename: inService('worker.ts'),
    },
    // A receiver imported from a module that is not a metric.
    {
      code: "import { service } from './not-metrics';\nservice.add(1, { userId: req.user.id });",
      filename: inService('handler.ts'),
    },
    // A factory wrapper imported through a re-export, with bounded labels.
    {
      code: "import { createCounter } from './util/metrics/index.js';\nconst jobs = createCounter({ name: 'jobs_total', help: 'j', labelNames: ['job'] });\njobs.increment({ job: 'cleanup' });",
      filename: inService('jobs.ts'),
    },
    // Hono's `routePath(c)` helper and a local attribute-name constant for a bounded key.
    `${OTEL}import { routePath } from 'hono/route';\nconst ATTR_HTTP_ROUTE = 'http.route';\napp.use(async (c, next) => { await next(); requests.add(1, { [ATTR_HTTP_ROUTE]: routePath(c), 'http.request.method': c.req.method }); });`,
    // Bounded attributes of the user, and bounded transformations of bounded values.
    `${HIST}app.use((req, res) => h.observe({ method: req.user.role, route: req.user.plan, status_code: res.statusCode.toString() }, 1));`,
    `${HIST}h.observe({ method: req.method.toLowerCase(), route: req.baseUrl, status_code: String(res.statusCode)[0] + 'xx' }, 1);`,
    `${HIST}app.use((req, res) => { const route = req.route?.path ?? 'unmatched'; h.observe({ route }, 1); });`,
    `${HIST}const id = 'static';\nh.observe({ route: id, method: cacheHit ? 'hit' : 'miss' }, 1);`,
    `${HIST}function record(route: string, error?: Error) { h.observe({ route: error ? 'error' : route, method: job.queue.name }, 1); }`,
    `${HIST}h.zero({ method: 'GET', route: '/users/:id', status_code: 200 });\nh.remove({ method: 'GET', route: '/old', status_code: 200 });`,
    // Not label sets: span attributes, headers, metric names built from bounded parts.
    `${OTEL}span.setAttributes({ 'user.id': req.user.id, 'url.full': req.url });\nres.setHeader('x-request-id', requestId);`,
    `${STATSD}statsd.increment(\`http.\${req.method}.requests\`);\nstatsd.gauge('queue.depth', depth, 0.5);`,
    // Label-name words that only look like ids or URLs.
    `${PROM}new client.Gauge({ name: 'pool', help: 'p', labelNames: ['idle', 'identity_provider', 'url_scheme', 'token_type', 'ip_version'] });`,
    // Config values and constants are bounded or unknown, never reported.
    `${HIST}import { config } from './config';\nh.observe({ method: config.region, route: CONFIG.ROUTE, status_code: SETTINGS['default'] }, 1);`,
    // A metric shadowed by a local of the same name is not the metric.
    `${HIST}function handler(h: { observe(labels: object, v: number): void }) { h.observe({ route: req.url }, 1); }`,
    `${COUNTER}app.use((req) => c.inc({ method: req.method, path: req.route ? req.route.path : 'unmatched' }));`,
    `${COUNTER}c.labels({ method: 'GET', path: '/users/:id' }).inc();\nc.labels('GET', '/health').inc(2);`,
    `${COUNTER}fastify.addHook('onResponse', (request, reply, done) => { c.inc({ method: request.method, path: request.routeOptions?.url ?? 'unmatched' }); done(); });`,
    // Counts and sizes of bounded things.
    `${HIST}h.labels('GET', '/batch', batch.length > 100 ? 'large' : 'small').observe(1);`,
    // Metrics held as properties of objects (here or in another module), recorded with bounded values: the
    // method, the route template, a status code, a route pattern constant, an enum-ish outcome.
    `${HELD}app.use((req, res) => Counters.requests.labels(req.method, req.route.path).inc());`,
    `${HELD}const ROUTES = { USER: '/users/:id' } as const;\nCounters.requests.inc({ method: 'GET', path: ROUTES.USER });\nCounters.requests.inc({ method: ok ? 'ok' : 'error', path: \`/users/:id\` });`,
    `${HELD}const { requests } = Counters;\napp.use((req) => requests.inc({ method: req.method, path: req.route?.path ?? 'unmatched' }));`,
    {
      code: "import { Counters } from './counters';\napp.use((req, res) => Counters.requests.labels(req.method, req.route.path, String(res.statusCode)).inc());",
      filename: inService('held-ok.ts'),
    },
    {
      code: "import { Counters, Metrics } from './counters';\nconst USERS_ROUTE = '/users/:id';\nCounters.requests.inc({ method: 'GET', path: USERS_ROUTE, status_code: 200 });\nMetrics.http.duration.observe({ method: 'GET', route: `/users/:id/orders` }, 1);",
      filename: inService('held-constants.ts'),
    },
    {
      code: "const metrics = require('./counters-cjs');\napp.use((req, res) => { const end = metrics.httpRequests.startTimer({ method: req.method }); res.on('finish', () => end({ route: req.route?.path ?? 'unmatched' })); });",
      filename: inService('held-cjs-ok.js'),
    },
    {
      code: "import appMetrics, { AppMetrics } from './app-metrics';\nappMetrics.requests.inc({ path: req.route.path, method: req.method });\nnew AppMetrics().logins.inc({ method: 'sso' });",
      filename: inService('held-instance-ok.ts'),
    },
    {
      code: "import { instruments } from './instruments';\napp.use((req, res) => instruments.requests.add(1, { 'http.route': req.route?.path ?? 'unmatched', 'http.request.method': req.method, 'http.response.status_code': res.statusCode }));",
      filename: inService('held-otel-ok.ts'),
    },
    // Look-alikes that hold no metric: a Map in the same object, an object with an `inc` method, a parameter
    // that shadows the imported name, a property no object has.
    {
      code: "import { Counters, Stats } from './counters';\nCounters.cache.set(req.url, 1);\nStats.requests.inc({ path: req.url });\nfunction handle(Counters: { requests: { inc(l: object): void } }) { Counters.requests.inc({ path: req.url }); }\nCounters.missing?.inc({ path: req.url });",
      filename: inService('held-lookalikes.ts'),
    },
    `${HELD}const Other = { requests: { inc(_l: object) {} } };\nOther.requests.inc({ path: req.url });`,
    // Helpers of another module handed a metric and bounded values (method, route template, a route constant,
    // a status code), or handed something that is not a metric, or a value that is not a label.
    {
      code: "import { newMeter, record, count, recordRequest, setDepth, remember } from './record';\nimport { Counters, Metrics } from './counters';\nconst USERS_ROUTE = '/users/:id';\napp.use((req, res) => {\n  newMeter(Metrics.http.duration, req.route.path);\n  newMeter(Metrics.http.duration, '/users/:id');\n  record(Counters.requests, { method: req.method, path: req.route?.path ?? 'unmatched', status_code: res.statusCode });\n  count(Counters.requests, { method: req.method, path: USERS_ROUTE });\n  recordRequest(req.method, USERS_ROUTE);\n  setDepth(req.body.count);\n  remember(cache, req.url);\n});",
      filename: inService('helpers-ok.ts'),
    },
    {
      code: "import { record, newMeter } from './record';\nimport { Stats } from './counters';\nconst fake = { labels() { return { inc() {} }; } };\napp.use((req) => { record(fake, { path: req.url }); record(Stats.requests, { path: req.url }); });\nfunction timed(h) { return (req) => newMeter(h, req.url); }",
      filename: inService('helpers-not-metrics.ts'),
    },
    {
      code: "const { track, timeRoute } = require('./helpers-plain');\nconst { jobRuns } = require('./metrics-cjs');\nconst { httpRequests } = require('./counters-cjs');\napp.use((req) => { track(jobRuns, { job: 'cleanup', outcome: req.body.ok ? 'ok' : 'failed' }); timeRoute(httpRequests, req.route.path); });",
      filename: inService('helpers-plain-ok.js'),
    },
    // Labels set in conditional spreads, bounded: an error's code, the route template, a status; spreads of
    // something that is not an object literal (a variable, a call) are not read; a spread in a log call is no label.
    `${COUNTER}try { await call(); } catch (error) { c.labels({ method: 'GET', ...(error.code && { path: error.code }) }).inc(); }`,
    `${COUNTER}app.use((req) => c.inc({ method: req.method, ...(req.route ? { path: req.route.path } : { path: 'unmatched' }) }));`,
    `${HIST}app.use((req, res) => h.observe({ method: req.method, ...(res.statusCode >= 500 && { status_code: res.statusCode }), ...{ route: 'static' } }, 1));`,
    `${COUNTER}app.use((req) => { const extra = pick(req); c.inc({ method: req.method, ...extra, ...labelsOf(req) }); });`,
    `${COUNTER}try { await call(); } catch (error) { logger.warn({ method: 'GET', ...(error.config && { path: error.config.url }) }); c.inc({ method: 'GET' }); }`,
    `${COUNTER}app.use((req) => { const labels = { method: req.method, ...(req.route && { path: req.route.path }) }; c.inc(labels); });`,
    {
      code: "import { recordFailure } from './record';\napp.use((req, res) => { recordFailure(req.route?.path, String(res.statusCode)); recordFailure(undefined, err.code); });",
      filename: inService('helper-spread-ok.ts'),
    },
    // NestJS: metrics injected with @InjectMetric, recorded with bounded values: the route template (`request.route.path`),
    // the handler and controller names (`context.getHandler().name`), a GraphQL field name, the method, literals,
    // status classes; shorthand properties bound to locals that hold them.
    {
      code: interceptor(
        "    const endpoint = request.route?.path ?? 'unmatched';\n    const method = request.method;\n    const end = this.latency.startTimer({ endpoint, method });\n    this.traffic.inc({ endpoint, method });\n    end();",
      ),
      filename: inNest('metrics.interceptor.ts'),
    },
    {
      code: interceptor(
        "    const handler = context.getHandler().name;\n    const endpoint = `${context.getClass().name}.${handler}`;\n    this.traffic.inc({ endpoint, method: request.method });\n    this.latency.observe({ endpoint: context.getHandler().name, method: 'GET' }, 1);",
      ),
      filename: inNest('handler-names.interceptor.ts'),
    },
    {
      code: interceptor(
        '    const info = GqlExecutionContext.create(context).getInfo();\n    const endpoint = info.fieldName;\n    const method = info.operation.operation;\n    this.traffic.inc({ endpoint, method });',
      ),
      filename: inNest('graphql.interceptor.ts'),
    },
    {
      code: interceptor(
        "    const type = 'http';\n    const status = request.statusCode;\n    const isError = status >= 400 ? 'true' : 'false';\n    const method = request.method;\n    this.errors.observe({ type, status, is_error: isError, method }, 1);",
        "@InjectMetric('request_errors_seconds') private errors: Summary<string>,",
      ),
      filename: inNest('status.interceptor.ts'),
    },
    // Members that are not an injected metric: no decorator (a service with `inc`), a project decorator of the
    // same name, a name no provider declares, a provider of a project function that declares nothing.
    {
      code: interceptor(
        '    const endpoint = request.path;\n    this.traffic.inc({ endpoint });',
        'private traffic: TrafficService,',
      ),
      filename: inNest('service.interceptor.ts'),
    },
    {
      code: "import { InjectMetric } from './decorators';\nimport { Counter } from 'prom-client';\nexport class Tracker {\n  constructor(@InjectMetric('http_requests_total') private traffic: Counter<string>) {}\n  track(request: Request) { this.traffic.inc({ endpoint: request.path }); }\n}",
      filename: inNest('local-decorator.ts'),
    },
    {
      code: interceptor(
        '    this.traffic.inc({ endpoint: request.path });\n    this.decoy.inc({ endpoint: request.originalUrl });',
        "@InjectMetric('never_declared_total') private traffic: Counter<string>,\n    @InjectMetric('decoy_events') private decoy: Counter<string>,",
      ),
      filename: inNest('undeclared.interceptor.ts'),
    },
    {
      // Another member of the class is injected; this one is not.
      code: interceptor(
        '    this.audit.inc({ endpoint: request.url });\n    this.traffic.inc({ endpoint: request.route.path });',
        "@InjectMetric('http_requests_total') private traffic: Counter<string>,\n    private audit: AuditLog,",
      ),
      filename: inNest('mixed.interceptor.ts'),
    },
    // OpenTelemetry instruments held in an object or an instance, recorded with bounded attributes; and an
    // object whose `add` is not an instrument's.
    `${OTEL}const instruments = { latency: meter.createHistogram('http.server.duration', { unit: 's' }) };\napp.use((req, res) => instruments.latency.record(0.1, { 'http.route': req.route?.path ?? 'unmatched', 'http.request.method': req.method, status: res.statusCode }));`,
    `${OTEL}class Telemetry {\n  constructor() { this.requests = meter.createCounter('http.requests'); }\n  track(req, outcome: 'ok' | 'error') { this.requests.add(1, { route: req.route.path, outcome }); }\n}`,
    `${OTEL}const cart = { items: new Set(), add(_n: number, _a: object) {} };\ncart.add(1, { 'user.id': req.user.id });`,
    // Same-file helpers that take the label set: bounded sets, and a helper that only logs it.
    `${HIST}function record(metric, labels) { metric.labels(labels).observe(1); }\napp.use((req) => record(h, { method: req.method, route: req.route.path }));`,
    `${HIST}function log(x, labels) { console.log(labels); }\napp.use((req) => log(h, { route: req.url }));`,
    // Gauge set with a literal.
    `${PROM}const g = new client.Gauge({ name: 'up', help: 'u', labelNames: ['component'] });\ng.set({ component: 'db' }, 1);\ng.set(1);`,
  ],
  invalid: [
    {
      // The timing fix's own shape: registered once (`getSingleMetric(name) || new Histogram(…)`, hot reload), recorded
      // through the timer `startTimer()` returns.
      code: REGISTERED_ONCE,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'route', 'url'),
          suggestions: [
            ...routeFixes(REGISTERED_ONCE, 'req.url'),
            {
              messageId: 'dropLabel',
              data: { label: 'route', metric: 'http_request_duration_seconds', count: '1' },
              output: REGISTERED_ONCE.replace("labelNames: ['route']", 'labelNames: []').replace(
                'end({ route: req.url })',
                'end({})',
              ),
            },
          ],
        },
      ],
    },
    {
      code: `${COUNTER}app.use((req, res) => c.labels(req.method, req.url).inc());`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'path', 'url'),
          line: 3,
          column: 44,
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${COUNTER}app.use((req, res) => c.labels(req.method, ${ROUTE_TEMPLATE}).inc());`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${COUNTER}app.use((req, res) => c.labels(req.method, ${ROUTE_WITH_MOUNT}).inc());`,
            },
            {
              messageId: 'dropLabel',
              data: { label: 'path', metric: 'http_requests_total', count: '1' },
              output: `${PROM}const c = new client.Counter({ name: 'http_requests_total', help: 'r', labelNames: ['method'] });\napp.use((req, res) => c.labels(req.method).inc());`,
            },
          ],
        },
      ],
    },
    {
      code: `${PROM}const logins = new client.Counter({ name: 'logins_total', help: 'l', labelNames: ['method', 'user_id'] });\nlogins.inc({ method: 'password', user_id: user.id });\nlogins.labels('sso', user.id).inc();`,
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: named('user_id', 'user', ' on `logins_total`'),
          line: 2,
          column: 93,
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${PROM}const logins = new client.Counter({ name: 'logins_total', help: 'l', labelNames: ['method'] });\nlogins.inc({ method: 'password' });\nlogins.labels('sso').inc();`,
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          line: 3,
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${PROM}const logins = new client.Counter({ name: 'logins_total', help: 'l', labelNames: ['method'] });\nlogins.inc({ method: 'password' });\nlogins.labels('sso').inc();`,
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          line: 4,
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${PROM}const logins = new client.Counter({ name: 'logins_total', help: 'l', labelNames: ['method'] });\nlogins.inc({ method: 'password' });\nlogins.labels('sso').inc();`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use((req, res) => h.observe({ method: req.method, route: req.route ? req.route.path : req.path, status_code: res.statusCode }, 1));`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.path', 'route', 'fallback'),
          suggestions: [
            {
              messageId: 'useUnmatched',
              output: `${HIST}app.use((req, res) => h.observe({ method: req.method, route: req.route ? req.route.path : 'unmatched', status_code: res.statusCode }, 1));`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\napp.use((req, res) => h.observe({ method: req.method, status_code: res.statusCode }, 1));`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use((req, res) => h.observe({ route: req.route?.path ?? req.originalUrl }, 1));`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useUnmatched',
              output: `${HIST}app.use((req, res) => h.observe({ route: req.route?.path ?? 'unmatched' }, 1));`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\napp.use((req, res) => h.observe({}, 1));`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}fastify.addHook('onResponse', async (request, reply) => { h.observe({ route: request.url }, 1); });`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              data: { replacement: "request.routeOptions.url ?? 'unmatched'" },
              output: `${HIST}fastify.addHook('onResponse', async (request, reply) => { h.observe({ route: request.routeOptions.url ?? 'unmatched' }, 1); });`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\nfastify.addHook('onResponse', async (request, reply) => { h.observe({}, 1); });`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use(async (ctx, next) => { await next(); h.observe({ route: ctx.path }, 1); });`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${HIST}app.use(async (ctx, next) => { await next(); h.observe({ route: ctx._matchedRoute ?? 'unmatched' }, 1); });`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\napp.use(async (ctx, next) => { await next(); h.observe({}, 1); });`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use(async (ctx, next) => { await next(); h.labels(ctx.method, ctx.request.url, '200').observe(1); });`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${HIST}app.use(async (ctx, next) => { await next(); h.labels(ctx.method, ctx._matchedRoute ?? 'unmatched', '200').observe(1); });`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\napp.use(async (ctx, next) => { await next(); h.labels(ctx.method, '200').observe(1); });`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use(async (c, next) => { await next(); h.observe({ route: c.req.path }, 1); });`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${HIST}app.use(async (c, next) => { await next(); h.observe({ route: c.req.routePath }, 1); });`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\napp.use(async (c, next) => { await next(); h.observe({}, 1); });`,
            },
          ],
        },
      ],
    },
    ...(
      [
        ['req.ip', 'one series per client IP address'],
        ["req.headers['user-agent']", 'one series per header value (clients choose them)'],
        ['req.query.q', 'one series per query-string value'],
        ['req.params.id', 'one series per id'],
        ['randomUUID()', 'a new series on every call'],
        ['Date.now()', 'a new series on every call (timestamps never repeat)'],
        ['req.socket.remoteAddress', 'one series per client IP address'],
        ["req.get('x-tenant')", 'one series per header value (clients choose them)'],
        ['req.sessionID', 'one series per id'],
        ['order.id', 'one series per id'],
        ['customerId', 'one series per user'],
        ['new Date().toISOString()', 'a new series on every call (timestamps never repeat)'],
      ] as const
    ).map(([value, why]) => ({
      code: `${COUNTER}c.inc({ method: 'GET', path: ${value} });`,
      errors: [
        {
          messageId: 'unboundedValue' as const,
          data: { subject: value, label: 'path', why, advice: ADVICE[why], origin: '' },
          suggestions: [
            {
              messageId: 'dropLabel' as const,
              output: `${PROM}const c = new client.Counter({ name: 'http_requests_total', help: 'r', labelNames: ['method'] });\nc.inc({ method: 'GET' });`,
            },
          ],
        },
      ],
    })),
    {
      code: `${COUNTER}try { run(); } catch (err) { c.inc({ method: 'job', path: err.message }); }`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: {
            subject: 'err.message',
            label: 'path',
            origin: '',
            why: 'one series per error message (they embed ids and values)',
            advice: 'use `err.name` or `err.code`',
          },
          suggestions: [
            {
              messageId: 'useErrorName',
              data: { replacement: 'err.name' },
              output: `${COUNTER}try { run(); } catch (err) { c.inc({ method: 'job', path: err.name }); }`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const c = new client.Counter({ name: 'http_requests_total', help: 'r', labelNames: ['method'] });\ntry { run(); } catch (err) { c.inc({ method: 'job' }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use((req, res) => {\n  const route = req.originalUrl;\n  h.observe({ route }, 1);\n});`,
      errors: [
        {
          messageId: 'unboundedValueVia',
          data: value('route', 'route', 'url', 'req.originalUrl'),
          line: 5,
          column: 15,
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\napp.use((req, res) => {\n  const route = req.originalUrl;\n  h.observe({}, 1);\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use((req, res) => {\n  const labels = { route: req.path };\n  h.observe(labels, 1);\n});`,
      errors: [
        {
          messageId: 'unboundedValue',
          line: 4,
          column: 27,
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${HIST}app.use((req, res) => {\n  const labels = { route: ${ROUTE_TEMPLATE} };\n  h.observe(labels, 1);\n});`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${HIST}app.use((req, res) => {\n  const labels = { route: ${ROUTE_WITH_MOUNT} };\n  h.observe(labels, 1);\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}function newMeter(hist, route) { return hist.startTimer({ route }); }\napp.use((req) => newMeter(h, req.url));`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'route', 'url'),
          line: 4,
          column: 30,
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${HIST}function newMeter(hist, route) { return hist.startTimer({ route }); }\napp.use((req) => newMeter(h, ${ROUTE_TEMPLATE}));`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${HIST}function newMeter(hist, route) { return hist.startTimer({ route }); }\napp.use((req) => newMeter(h, ${ROUTE_WITH_MOUNT}));`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\nfunction newMeter(hist, route) { return hist.startTimer({}); }\napp.use((req) => newMeter(h, req.url));`,
            },
          ],
        },
      ],
    },
    {
      code: "import { httpDuration } from './metrics';\napp.use((req, res) => httpDuration.observe({ method: req.method, route: req.path, status_code: res.statusCode }, 1));",
      filename: inService('routes.ts'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.path', 'route', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `import { httpDuration } from './metrics';\napp.use((req, res) => httpDuration.observe({ method: req.method, route: ${ROUTE_TEMPLATE}, status_code: res.statusCode }, 1));`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `import { httpDuration } from './metrics';\napp.use((req, res) => httpDuration.observe({ method: req.method, route: ${ROUTE_WITH_MOUNT}, status_code: res.statusCode }, 1));`,
            },
          ],
        },
      ],
    },
    {
      code: "import * as metrics from './metrics';\nconst end = metrics.httpDuration.startTimer();\nres.on('finish', () => end({ route: req.url }));",
      filename: inService('timing.ts'),
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `import * as metrics from './metrics';\nconst end = metrics.httpDuration.startTimer();\nres.on('finish', () => end({ route: ${ROUTE_TEMPLATE} }));`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `import * as metrics from './metrics';\nconst end = metrics.httpDuration.startTimer();\nres.on('finish', () => end({ route: ${ROUTE_WITH_MOUNT} }));`,
            },
          ],
        },
      ],
    },
    {
      code: "const { jobRuns } = require('./metrics-cjs');\njobRuns.inc({ job: jobId, outcome: 'ok' });",
      filename: inService('worker-bad.ts'),
      errors: [{ messageId: 'unboundedValue', data: value('jobId', 'job', 'id') }],
    },
    {
      // A factory wrapper (as in Unleash), imported through `export *`: its options declare the metric.
      code: "import { createCounter } from './util/metrics/index.js';\nconst logins = createCounter({ name: 'logins_total', help: 'l', labelNames: ['method', 'session_id'] });\nlogins.increment({ method: 'sso', session_id: req.sessionID });",
      filename: inService('logins.ts'),
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: named('session_id', 'id', ' on `logins_total`'),
          line: 2,
          suggestions: [
            {
              messageId: 'dropLabel',
              output:
                "import { createCounter } from './util/metrics/index.js';\nconst logins = createCounter({ name: 'logins_total', help: 'l', labelNames: ['method'] });\nlogins.increment({ method: 'sso' });",
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          data: value('req.sessionID', 'session_id', 'id'),
          line: 3,
          suggestions: [
            {
              messageId: 'dropLabel',
              output:
                "import { createCounter } from './util/metrics/index.js';\nconst logins = createCounter({ name: 'logins_total', help: 'l', labelNames: ['method'] });\nlogins.increment({ method: 'sso' });",
            },
          ],
        },
      ],
    },
    {
      // A metric re-exported under another name (`export { httpDuration as requestDuration } from …`).
      code: "import { requestDuration } from './util/metrics/index.js';\nrequestDuration.observe({ route: req.url }, 1);",
      filename: inService('reexport.ts'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'route', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `import { requestDuration } from './util/metrics/index.js';\nrequestDuration.observe({ route: ${ROUTE_TEMPLATE} }, 1);`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `import { requestDuration } from './util/metrics/index.js';\nrequestDuration.observe({ route: ${ROUTE_WITH_MOUNT} }, 1);`,
            },
          ],
        },
      ],
    },
    {
      // The pre-1.0 OpenTelemetry `bind()` still copied from old examples (bluehalo/node-fhir-server-mongo and others).
      code: "const { MeterProvider } = require('@opentelemetry/metrics');\nconst meter = new MeterProvider().getMeter('api');\nconst requestCount = meter.createCounter('requests');\nmodule.exports = (req, res, next) => { requestCount.bind({ route: req.path }).add(1); next(); };",
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.path', 'route', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `const { MeterProvider } = require('@opentelemetry/metrics');\nconst meter = new MeterProvider().getMeter('api');\nconst requestCount = meter.createCounter('requests');\nmodule.exports = (req, res, next) => { requestCount.bind({ route: ${ROUTE_TEMPLATE} }).add(1); next(); };`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `const { MeterProvider } = require('@opentelemetry/metrics');\nconst meter = new MeterProvider().getMeter('api');\nconst requestCount = meter.createCounter('requests');\nmodule.exports = (req, res, next) => { requestCount.bind({ route: ${ROUTE_WITH_MOUNT} }).add(1); next(); };`,
            },
          ],
        },
      ],
    },
    {
      // A histogram created lazily by a getter, with attribute keys in local constants.
      code: `${OTEL}const ATTR_URL_PATH = 'url.path';\nlet histogram = null;\nfunction getHistogram() { if (!histogram) histogram = meter.createHistogram('http.server.request.duration', { unit: 's' }); return histogram; }\napp.use((req, res) => getHistogram().record(1, { [ATTR_URL_PATH]: c.req.path }));`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('c.req.path', 'url.path', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${OTEL}const ATTR_URL_PATH = 'url.path';\nlet histogram = null;\nfunction getHistogram() { if (!histogram) histogram = meter.createHistogram('http.server.request.duration', { unit: 's' }); return histogram; }\napp.use((req, res) => getHistogram().record(1, { [ATTR_URL_PATH]: c.req.routePath }));`,
            },
          ],
        },
      ],
    },
    {
      code: `${OTEL}requests.add(1, { 'http.route': req.route?.path, userId: req.user.id });`,
      errors: [{ messageId: 'unboundedValue', data: value('req.user.id', 'userId', 'user'), column: 58 }],
    },
    {
      code: `import { ATTR_URL_FULL } from '@opentelemetry/semantic-conventions';\n${OTEL}requests.add(1, { [ATTR_URL_FULL]: req.url });`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'url.full', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `import { ATTR_URL_FULL } from '@opentelemetry/semantic-conventions';\n${OTEL}requests.add(1, { [ATTR_URL_FULL]: ${ROUTE_TEMPLATE} });`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `import { ATTR_URL_FULL } from '@opentelemetry/semantic-conventions';\n${OTEL}requests.add(1, { [ATTR_URL_FULL]: ${ROUTE_WITH_MOUNT} });`,
            },
          ],
        },
      ],
    },
    {
      code: `${OTEL}const active = meter.createObservableGauge('sessions.active');\nactive.addCallback((result) => { for (const s of sessions) result.observe(1, { session_id: s.key }); });`,
      errors: [{ messageId: 'unboundedLabelName', data: named('session_id', 'id') }],
    },
    {
      code: `${OTEL}requests.add(1, { customer_email: lookupEmail() });`,
      errors: [{ messageId: 'unboundedLabelName', data: named('customer_email', 'email') }],
    },
    {
      code: `${HIST}h.observe({ value: 0.2, labels: { route: req.path } });`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${HIST}h.observe({ value: 0.2, labels: { route: ${ROUTE_TEMPLATE} } });`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${HIST}h.observe({ value: 0.2, labels: { route: ${ROUTE_WITH_MOUNT} } });`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\nh.observe({ value: 0.2, labels: {} });`,
            },
          ],
        },
      ],
    },
    {
      code: `${STATSD}statsd.timing('http.latency', 12, { path: req.path });`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${STATSD}statsd.timing('http.latency', 12, { path: ${ROUTE_TEMPLATE} });`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${STATSD}statsd.timing('http.latency', 12, { path: ${ROUTE_WITH_MOUNT} });`,
            },
          ],
        },
      ],
    },
    {
      code: `${STATSD}statsd.increment('http.requests', 1, [\`url:\${req.originalUrl}\`]);`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.originalUrl', 'url', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${STATSD}statsd.increment('http.requests', 1, [\`url:\${${ROUTE_TEMPLATE}}\`]);`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${STATSD}statsd.increment('http.requests', 1, [\`url:\${${ROUTE_WITH_MOUNT}}\`]);`,
            },
          ],
        },
      ],
    },
    {
      code: `${PROM}client.register.setDefaultLabels({ service: 'api', instance: randomUUID() });`,
      errors: [{ messageId: 'unboundedValue', data: value('randomUUID()', 'instance', 'unique') }],
    },
    {
      code: "import promBundle from 'express-prom-bundle';\napp.use(promBundle({ customLabels: { user_id: null }, transformLabels: (labels, req) => { labels.user_id = req.user.id; } }));",
      errors: [
        { messageId: 'unboundedLabelName', data: named('user_id', 'user'), column: 38 },
        { messageId: 'unboundedValue', data: value('req.user.id', 'user_id', 'user') },
      ],
    },
    {
      code: "const promBundle = require('express-prom-bundle');\napp.use(promBundle({ includePath: true, normalizePath: (req) => req.originalUrl }));",
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.originalUrl', 'path', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `const promBundle = require('express-prom-bundle');\napp.use(promBundle({ includePath: true, normalizePath: (req) => ${ROUTE_TEMPLATE} }));`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `const promBundle = require('express-prom-bundle');\napp.use(promBundle({ includePath: true, normalizePath: (req) => ${ROUTE_WITH_MOUNT} }));`,
            },
          ],
        },
      ],
    },
    {
      code: `${HIST}app.use((req, res) => h.observe({ route: \`\${req.baseUrl}\${req.path}\` }, 1));`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.path', 'route', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${HIST}app.use((req, res) => h.observe({ route: \`\${req.baseUrl}\${${ROUTE_TEMPLATE}}\` }, 1));`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${HIST}app.use((req, res) => h.observe({ route: \`\${req.baseUrl}\${${ROUTE_WITH_MOUNT}}\` }, 1));`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'status_code'] });\napp.use((req, res) => h.observe({}, 1));`,
            },
          ],
        },
      ],
    },
    {
      code: `${PROM}class Metrics {\n  private readonly requests = new client.Counter({ name: 'requests_total', help: 'r', labelNames: ['path'] });\n  record(req: { path: string }) { this.requests.inc({ path: req.path }); }\n}`,
      errors: [
        {
          messageId: 'unboundedValue',
          line: 4,
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${PROM}class Metrics {\n  private readonly requests = new client.Counter({ name: 'requests_total', help: 'r', labelNames: ['path'] });\n  record(req: { path: string }) { this.requests.inc({ path: ${ROUTE_TEMPLATE} }); }\n}`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${PROM}class Metrics {\n  private readonly requests = new client.Counter({ name: 'requests_total', help: 'r', labelNames: ['path'] });\n  record(req: { path: string }) { this.requests.inc({ path: ${ROUTE_WITH_MOUNT} }); }\n}`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}class Metrics {\n  private readonly requests = new client.Counter({ name: 'requests_total', help: 'r', labelNames: [] });\n  record(req: { path: string }) { this.requests.inc({}); }\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${COUNTER}client.register.getSingleMetric('http_requests_total').inc({ method: 'GET', path: req.url });`,
      errors: [
        {
          messageId: 'unboundedValue',
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: `${COUNTER}client.register.getSingleMetric('http_requests_total').inc({ method: 'GET', path: ${ROUTE_TEMPLATE} });`,
            },
            {
              messageId: 'useRouteTemplateWithMount',
              output: `${COUNTER}client.register.getSingleMetric('http_requests_total').inc({ method: 'GET', path: ${ROUTE_WITH_MOUNT} });`,
            },
            {
              messageId: 'dropLabel',
              output: `${PROM}const c = new client.Counter({ name: 'http_requests_total', help: 'r', labelNames: ['method'] });\nclient.register.getSingleMetric('http_requests_total').inc({ method: 'GET' });`,
            },
          ],
        },
      ],
    },
    // Metrics held as properties of an object in this file: a positional label, an object label, destructured.
    {
      code: `${HELD}app.use((req) => Counters.requests.labels(req.method, req.url).inc());`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'path', 'url'),
          suggestions: [
            ...routeFixes(`${HELD}app.use((req) => Counters.requests.labels(req.method, req.url).inc());`, 'req.url'),
            {
              messageId: 'dropLabel',
              data: { label: 'path', metric: 'http_requests_total', count: '1' },
              output: `${PROM}const Counters = { requests: new client.Counter({ name: 'http_requests_total', help: 'r', labelNames: ['method'] }) };\napp.use((req) => Counters.requests.labels(req.method).inc());`,
            },
          ],
        },
      ],
    },
    {
      code: `${HELD}const { requests: r } = Counters;\nr.inc({ method: 'GET', path: req.user.email });`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.user.email', 'path', 'email'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${HELD}const { requests: r } = Counters;\nr.inc({ method: 'GET' });`.replace(
                "labelNames: ['method', 'path']",
                "labelNames: ['method']",
              ),
            },
          ],
        },
      ],
    },
    {
      // A class instance whose constructor sets the metric; a static field.
      code: `${PROM}class M {\n  requests;\n  constructor() { this.requests = new client.Counter({ name: 'r_total', help: 'r', labelNames: ['agent'] }); }\n}\nconst m = new M();\nm.requests.inc({ agent: req.headers['user-agent'] });\nclass S { static hits = new client.Counter({ name: 'h_total', help: 'h', labelNames: ['source'] }); }\nS.hits.labels(req.ip).inc();`,
      errors: [
        {
          messageId: 'unboundedValue',
          line: 7,
          data: {
            subject: "req.headers['user-agent']",
            label: 'agent',
            origin: '',
            why: 'one series per header value (clients choose them)',
            advice: 'map it to a small set of known values',
          },
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${PROM}class M {\n  requests;\n  constructor() { this.requests = new client.Counter({ name: 'r_total', help: 'r', labelNames: [] }); }\n}\nconst m = new M();\nm.requests.inc({});\nclass S { static hits = new client.Counter({ name: 'h_total', help: 'h', labelNames: ['source'] }); }\nS.hits.labels(req.ip).inc();`,
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          line: 9,
          data: value('req.ip', 'source', 'ip'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${PROM}class M {\n  requests;\n  constructor() { this.requests = new client.Counter({ name: 'r_total', help: 'r', labelNames: ['agent'] }); }\n}\nconst m = new M();\nm.requests.inc({ agent: req.headers['user-agent'] });\nclass S { static hits = new client.Counter({ name: 'h_total', help: 'h', labelNames: [] }); }\nS.hits.labels().inc();`,
            },
          ],
        },
      ],
    },
    // Held in an object or an instance in another module: ESM, CommonJS, namespace, default export, nested.
    rawUrlIn(
      'held-url.ts',
      "import { Counters } from './counters';\napp.use((req) => Counters.requests.labels(req.method, req.url, '200').inc());",
      'req.url',
      'path',
    ),
    rawUrlIn(
      'held-object.ts',
      "import { Counters } from './counters';\napp.use((req, res) => Counters.requests.inc({ method: req.method, path: req.path, status_code: res.statusCode }));",
      'req.path',
      'path',
    ),
    rawUrlIn(
      'held-nested.ts',
      "import * as all from './counters';\napp.use((req) => all.Metrics.http.duration.observe({ method: req.method, route: req.originalUrl }, 1));",
      'req.originalUrl',
      'route',
    ),
    rawUrlIn(
      'held-cjs.js',
      "const metrics = require('./counters-cjs');\napp.use((req, res) => { const end = metrics.httpRequests.startTimer(); res.on('finish', () => end({ route: req.url })); });",
      'req.url',
      'route',
    ),
    rawUrlIn(
      'held-cjs-destructured.js',
      "const { httpRequests } = require('./counters-cjs');\napp.use((req) => httpRequests.labels(req.path, req.method).observe(1));",
      'req.path',
      'route',
    ),
    rawUrlIn(
      'held-default.ts',
      "import appMetrics from './app-metrics';\napp.use((req) => appMetrics.requests.inc({ path: req.url, method: req.method }));",
      'req.url',
      'path',
    ),
    rawUrlIn(
      'held-instance.ts',
      "import { AppMetrics } from './app-metrics';\nconst metrics = new AppMetrics();\napp.use((req) => metrics.requests.labels(req.originalUrl, req.method).inc());",
      'req.originalUrl',
      'path',
    ),
    {
      // OpenTelemetry instruments held in another module's object.
      code: "import { instruments } from './instruments';\napp.use((req) => { instruments.requests.add(1, { 'user.id': req.user.id }); instruments.latency.record(0.2, { url: req.url }); });",
      filename: inService('held-otel.ts'),
      errors: [
        { messageId: 'unboundedValue', data: value('req.user.id', 'user.id', 'user') },
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'url', 'url'),
          suggestions: routeFixes(
            "import { instruments } from './instruments';\napp.use((req) => { instruments.requests.add(1, { 'user.id': req.user.id }); instruments.latency.record(0.2, { url: req.url }); });",
            'req.url',
          ),
        },
      ],
    },
    // Helpers of another module that record what they are handed: reported at the call that passes the value.
    rawUrlIn(
      'helper-meter.ts',
      "import { newMeter } from './record';\nimport { Metrics } from './counters';\napp.use((req) => newMeter(Metrics.http.duration, req.url));",
      'req.url',
      'route',
    ),
    rawUrlIn(
      'helper-record.ts',
      "import { record } from './record';\nimport { Counters } from './counters';\napp.use((req) => record(Counters.requests, { method: req.method, path: req.path }));",
      'req.path',
      'path',
    ),
    {
      code: "import { count } from './record';\nimport { Counters } from './counters';\napp.use((req) => { const path = req.originalUrl; count(Counters.requests, { method: 'GET', path }); });",
      filename: inService('helper-count.ts'),
      errors: [{ messageId: 'unboundedValueVia', data: value('path', 'path', 'url', 'req.originalUrl'), column: 92 }],
    },
    rawUrlIn(
      'helper-own-metric.ts',
      "import * as helpers from './record';\napp.use((req) => helpers.recordRequest(req.method, req.originalUrl));",
      'req.originalUrl',
      'path',
    ),
    rawUrlIn(
      'helper-plain.js',
      "const { timeRoute } = require('./helpers-plain');\nconst { httpRequests } = require('./counters-cjs');\napp.use((req, res) => res.on('finish', timeRoute(httpRequests, req.url)));",
      'req.url',
      'route',
    ),
    {
      code: "const { track } = require('./helpers-plain');\nconst { jobRuns } = require('./metrics-cjs');\napp.post('/jobs/:id', (req) => track(jobRuns, { job: req.params.id, outcome: 'ok' }));",
      filename: inService('helper-plain-id.js'),
      errors: [{ messageId: 'unboundedValue', data: value('req.params.id', 'job', 'id') }],
    },
    {
      code: "import { addWithAttributes } from './record';\nimport { instruments } from './instruments';\napp.use((req) => addWithAttributes(instruments.requests, { 'user.id': req.user.id }));",
      filename: inService('helper-otel.ts'),
      errors: [{ messageId: 'unboundedValue', data: value('req.user.id', 'user.id', 'user') }],
    },
    // Labels set in a conditional spread are labels too (`name` = the outgoing request's URL); no label to drop there.
    {
      code: `${COUNTER}try { await call(); } catch (error) { c.labels({ method: 'GET', ...(error.config && { path: error.config?.url }), ...(error.code && { code: error.code }) }).inc(); }`,
      errors: [{ messageId: 'unboundedValue', data: value('error.config?.url', 'path', 'url'), suggestions: [] }],
    },
    {
      code: `${COUNTER}app.use((req) => c.inc({ method: req.method, ...(cached ? { path: req.originalUrl } : {}) }));`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.originalUrl', 'path', 'url'),
          suggestions: routeFixes(
            `${COUNTER}app.use((req) => c.inc({ method: req.method, ...(cached ? { path: req.originalUrl } : {}) }));`,
            'req.originalUrl',
          ),
        },
      ],
    },
    {
      code: `${COUNTER}app.use((req) => { const labels = { method: req.method, ...(req.user && { path: req.user.id }) }; c.inc(labels); });`,
      errors: [{ messageId: 'unboundedValue', data: value('req.user.id', 'path', 'user') }],
    },
    rawUrlIn(
      'helper-spread.ts',
      "import { recordFailure } from './record';\napp.use((req) => recordFailure(req.originalUrl));",
      'req.originalUrl',
      'path',
    ),
    // NestJS: `@InjectMetric('name')` binds the member to the provider declaring that name elsewhere in the project
    // (inline in AppModule, or held in a constant exported in an array); values reached through shorthand properties
    // bound to locals (`const endpoint = request.path; … { endpoint, method }`).
    {
      code: interceptor(
        '    const endpoint = request.path;\n    const method = request.method;\n    const end = this.latency.startTimer({ endpoint, method });\n    this.traffic.inc({ endpoint, method });\n    end();',
      ),
      filename: inNest('raw-path.interceptor.ts'),
      errors: [
        {
          messageId: 'unboundedValueVia',
          data: value('endpoint', 'endpoint', 'url', 'request.path'),
          line: 14,
          column: 43,
          suggestions: [],
        },
        {
          messageId: 'unboundedValueVia',
          data: value('endpoint', 'endpoint', 'url', 'request.path'),
          line: 15,
          column: 24,
          suggestions: [],
        },
      ],
    },
    {
      // A summary of the providers array exported from another file; a conditional free-text value.
      code: interceptor(
        "    const status = request.statusCode;\n    const errorMessage = status >= 400 ? request.body.message : undefined;\n    const addr = request.path;\n    this.errors.observe({ type: 'http', error_message: errorMessage, addr }, 1);",
        "@InjectMetric('request_errors_seconds') private errors: Summary<string>,",
      ),
      filename: inNest('errors.interceptor.ts'),
      errors: [
        {
          messageId: 'unboundedValueVia',
          data: value('errorMessage', 'error_message', 'body', 'request.body.message'),
          line: 14,
        },
        { messageId: 'unboundedValueVia', data: value('addr', 'addr', 'url', 'request.path'), line: 14 },
      ],
    },
    {
      // A decorated class property, positional labels named by the provider's `labelNames` (held in a constant).
      code: `${NEST}export class JobsService {\n  @InjectMetric('jobs_processed_total') private readonly jobs!: Counter<string>;\n  done(job: { id: string; queue: string }) { this.jobs.labels(job.id, job.queue).inc(); }\n}`,
      filename: inNest('jobs.service.ts'),
      errors: [{ messageId: 'unboundedValue', data: value('job.id', 'job_id', 'id'), line: 6 }],
    },
    {
      // A decorated plain parameter the constructor stores on `this`; Express middleware.
      code: `${NEST}export class InFlightMiddleware {\n  private readonly inFlight: Gauge<string>;\n  constructor(@InjectMetric('http_requests_in_flight') inFlight: Gauge<string>) { this.inFlight = inFlight; }\n  use(req: Request, res: Response, next: () => void) { this.inFlight.inc({ endpoint: req.originalUrl, method: req.method }); next(); }\n}`,
      filename: inNest('in-flight.middleware.ts'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.originalUrl', 'endpoint', 'url'),
          line: 7,
          suggestions: routeFixes(
            `${NEST}export class InFlightMiddleware {\n  private readonly inFlight: Gauge<string>;\n  constructor(@InjectMetric('http_requests_in_flight') inFlight: Gauge<string>) { this.inFlight = inFlight; }\n  use(req: Request, res: Response, next: () => void) { this.inFlight.inc({ endpoint: req.originalUrl, method: req.method }); next(); }\n}`,
            'req.originalUrl',
          ),
        },
      ],
    },
    {
      // The provider in the same file: its label can be dropped here, from the declaration and the call.
      code: `import { Module } from '@nestjs/common';\nimport { makeCounterProvider, InjectMetric } from '@willsoto/nestjs-prometheus';\nimport { Counter } from 'prom-client';\nexport class LoginService {\n  constructor(@InjectMetric('logins_total') private logins: Counter<string>) {}\n  login(request: Request) { this.logins.inc({ method: 'sso', client: request.ip }); }\n}\n@Module({ providers: [LoginService, makeCounterProvider({ name: 'logins_total', help: 'Logins', labelNames: ['method', 'client'] })] })\nexport class LoginModule {}`,
      filename: inNest('login.module.ts'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('request.ip', 'client', 'ip'),
          line: 6,
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `import { Module } from '@nestjs/common';\nimport { makeCounterProvider, InjectMetric } from '@willsoto/nestjs-prometheus';\nimport { Counter } from 'prom-client';\nexport class LoginService {\n  constructor(@InjectMetric('logins_total') private logins: Counter<string>) {}\n  login(request: Request) { this.logins.inc({ method: 'sso' }); }\n}\n@Module({ providers: [LoginService, makeCounterProvider({ name: 'logins_total', help: 'Logins', labelNames: ['method'] })] })\nexport class LoginModule {}`,
            },
          ],
        },
      ],
    },
    {
      // A provider's label name that is unbounded by itself.
      code: "import { makeHistogramProvider } from '@willsoto/nestjs-prometheus';\nexport const PROVIDERS = [makeHistogramProvider({ name: 'login_duration_seconds', help: 'l', labelNames: ['method', 'user_id'] })];",
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: named('user_id', 'user', ' on `login_duration_seconds`'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output:
                "import { makeHistogramProvider } from '@willsoto/nestjs-prometheus';\nexport const PROVIDERS = [makeHistogramProvider({ name: 'login_duration_seconds', help: 'l', labelNames: ['method'] })];",
            },
          ],
        },
      ],
    },
    // OpenTelemetry instruments held in an object or set by a constructor, in this file.
    {
      code: `${OTEL}const instruments = { requests: meter.createCounter('http.requests') };\nexport function onLogin(id: string) { instruments.requests.add(1, { 'user.id': id }); }`,
      errors: [{ messageId: 'unboundedValue', data: value('id', 'user.id', 'id') }],
    },
    {
      code: `${OTEL}class Telemetry {\n  constructor() { this.requests = meter.createCounter('http.requests'); }\n  track(req) { this.requests.add(1, { url: req.url }); }\n}`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'url', 'url'),
          line: 6,
          suggestions: routeFixes(
            `${OTEL}class Telemetry {\n  constructor() { this.requests = meter.createCounter('http.requests'); }\n  track(req) { this.requests.add(1, { url: req.url }); }\n}`,
            'req.url',
          ),
        },
      ],
    },
    // Same-file helpers handed the label set: reported at the call that passes it, with no edit of the declaration.
    {
      code: `${HIST}function record(metric, labels) { metric.labels(labels).observe(1); }\napp.use((req) => record(h, { method: req.method, route: req.url }));`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.url', 'route', 'url'),
          line: 4,
          suggestions: routeFixes(
            `${HIST}function record(metric, labels) { metric.labels(labels).observe(1); }\napp.use((req) => record(h, { method: req.method, route: req.url }));`,
            'req.url',
          ),
        },
      ],
    },
    {
      code: `${COUNTER}const count = (metric, labels) => metric.inc(labels);\napp.use((req) => count(c, { method: req.method, path: req.ip }));`,
      errors: [{ messageId: 'unboundedValue', data: value('req.ip', 'path', 'ip'), line: 4 }],
    },
    {
      code: `${PROM}const client2 = client;\nconst h2 = new client.Histogram({ name: 'd_seconds', help: 'd', labelNames: ['route'] });\nfunction newMeter(hist, path) { return hist.startTimer({ route: path }); }\napp.use((req) => newMeter(h2, req.originalUrl));`,
      errors: [
        {
          messageId: 'unboundedValue',
          data: value('req.originalUrl', 'route', 'url'),
          line: 5,
          suggestions: [
            ...routeFixes(
              `${PROM}const client2 = client;\nconst h2 = new client.Histogram({ name: 'd_seconds', help: 'd', labelNames: ['route'] });\nfunction newMeter(hist, path) { return hist.startTimer({ route: path }); }\napp.use((req) => newMeter(h2, req.originalUrl));`,
              'req.originalUrl',
            ),
            {
              messageId: 'dropLabel',
              output: `${PROM}const client2 = client;\nconst h2 = new client.Histogram({ name: 'd_seconds', help: 'd', labelNames: [] });\nfunction newMeter(hist, path) { return hist.startTimer({}); }\napp.use((req) => newMeter(h2, req.originalUrl));`,
            },
          ],
        },
      ],
    },
    {
      code: `${PROM}new client.Gauge({ name: 'carts', help: 'c', labelNames: ['cart_slug'] });`,
      options: [{ highCardinalityNames: ['cart_slug'] }],
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: named('cart_slug', 'id', ' on `carts`'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: `${PROM}new client.Gauge({ name: 'carts', help: 'c', labelNames: [] });`,
            },
          ],
        },
      ],
    },
    {
      // Real spellings of unbounded label names (abbreviations and domain words), judged by words.
      code: `${PROM}new client.Counter({ name: 'logins_total', help: 'l', labelNames: [${SPELLED_LABELS.map((label) => `'${label}'`).join(', ')}] });`,
      errors: SPELLED_LABELS.map((label) => ({
        messageId: 'unboundedLabelName' as const,
        data: named(label, SPELLED_REASONS[label], ' on `logins_total`'),
        suggestions: [
          {
            messageId: 'dropLabel' as const,
            output: `${PROM}new client.Counter({ name: 'logins_total', help: 'l', labelNames: [${SPELLED_LABELS.filter(
              (other) => other !== label,
            )
              .map((other) => `'${other}'`)
              .join(', ')}] });`,
          },
        ],
      })),
    },
    {
      code: `${PROM}new client.Histogram({ name: 'request_size_bytes', help: 's', labelNames: ['url', 'client_ip', 'trace_id', 'email', 'timestamp'] });`,
      errors: ['url', 'client_ip', 'trace_id', 'email', 'timestamp'].map((label) => ({
        messageId: 'unboundedLabelName' as const,
        data: named(label, LABEL_REASONS[label], ' on `request_size_bytes`'),
        suggestions: [
          {
            messageId: 'dropLabel' as const,
            output: `${PROM}new client.Histogram({ name: 'request_size_bytes', help: 's', labelNames: [${[
              'url',
              'client_ip',
              'trace_id',
              'email',
              'timestamp',
            ]
              .filter((other) => other !== label)
              .map((other) => `'${other}'`)
              .join(', ')}] });`,
          },
        ],
      })),
    },
  ],
});
