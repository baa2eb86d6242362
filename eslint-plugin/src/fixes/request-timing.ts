import { requestLoggingFor } from './request-logging';
import type { ImportRequest } from './imports';
import { exportKeyword, InsertionRank, typed, type ServiceInsertion } from './service-insertion';
import { DURATION_MS_SINCE_STARTED, logStatement, metricPrefix, type ServiceProfile } from './service-profile';

export const REQUEST_DURATION_METRIC = 'http_request_duration_seconds';
const BUCKETS = '[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]';

/**
 * Request timing idiomatic to the project. With prom-client: a histogram `http_request_duration_seconds{method,
 * route, status_code}` (route = the route template with its mount path, a constant for unmatched requests),
 * recorded when the response is finished, registered once even when the module is loaded again (hot reload),
 * and `GET /metrics` serving the registry. Without it: the duration logged with the project's logger. Both add
 * `timed(operation, fn)` for awaited calls (database queries, outgoing requests).
 */
export function requestTimingInsertion(profile: ServiceProfile, servesMetrics: boolean): ServiceInsertion | undefined {
  if (profile.framework === 'nestjs' && !profile.typescript) return undefined;
  const prom = profile.promClient;
  const registrations = prom ? metricRegistrations(profile, prom.local, servesMetrics) : loggedRegistrations(profile);
  if (!registrations) return undefined;
  const imports: ImportRequest[] = [...registrations.imports];
  if (prom && !prom.imported) imports.push({ module: 'prom-client', namespace: prom.local });
  if (profile.framework === 'nestjs')
    imports.push({ module: 'node:http', named: ['IncomingMessage', 'ServerResponse'], typeOnly: true });
  const declarations = [...(prom ? [requestHistogram(profile, prom.local)] : []), timedHelper(profile)];
  return {
    rank: InsertionRank.Timing,
    imports,
    declarations,
    registrations: registrations.code.map((code) => code.replace(/\$app\b/g, profile.app)),
    declares: [
      ...(prom ? ['UNMATCHED_ROUTE', 'UNTIMED_ROUTES', 'httpRequestDuration', 'operationDuration'] : []),
      'timed',
    ],
    exported: ['timed'],
  };
}

function requestHistogram(profile: ServiceProfile, prom: string): string {
  return [
    "const UNMATCHED_ROUTE = 'unmatched';",
    '/** Probes and scrapes are not traffic: they stay out of the request histogram. */',
    "const UNTIMED_ROUTES = new Set(['/health', '/health/ready', '/metrics']);",
    '// getSingleMetric first: loading the module again (hot reload, tests) must not register the metric twice.',
    registeredMetric(profile.typescript, prom, {
      kind: 'Histogram',
      variable: 'httpRequestDuration',
      name: REQUEST_DURATION_METRIC,
      help: 'Duration of HTTP requests in seconds, by method, route template and status code.',
      labels: ['method', 'route', 'status_code'],
    }),
  ].join('\n');
}

/** A prom-client metric declared through `prom` (a namespace), reused from the registry when already registered. */
export interface RegisteredMetric {
  kind: 'Histogram' | 'Counter';
  variable: string;
  name: string;
  help: string;
  labels: string[];
}

/**
 * `const x = prom.register.getSingleMetric(name) ?? new prom.Histogram({ … })`: loading the module again (hot reload,
 * tests) must not register the metric twice. Histograms get the request buckets. Templates and snippets share it.
 */
export function registeredMetric(typescript: boolean, prom: string, metric: RegisteredMetric): string {
  const labelType = metric.labels.map((label) => `'${label}'`).join(' | ');
  const reuse = typescript
    ? ` (${prom}.register.getSingleMetric('${metric.name}') as ${prom}.${metric.kind}<${labelType}> | undefined) ??`
    : ` ${prom}.register.getSingleMetric('${metric.name}') ||`;
  return [
    `const ${metric.variable} =${reuse}`,
    `  new ${prom}.${metric.kind}({`,
    `    name: '${metric.name}',`,
    `    help: '${metric.help}',`,
    `    labelNames: [${metric.labels.map((label) => `'${label}'`).join(', ')}]${typescript ? ' as const' : ''},`,
    ...(metric.kind === 'Histogram' ? [`    buckets: ${BUCKETS},`] : []),
    '  });',
  ].join('\n');
}

/** `timed(operation, fn)`: a histogram with prom-client, a log line otherwise; the call's error is rethrown. */
function timedHelper(profile: ServiceProfile): string {
  const prom = profile.promClient?.local;
  const target = { typescript: profile.typescript, exported: exportKeyword(profile) };
  if (prom) {
    const metric = `${metricPrefix(profile.dependencies)}_operation_duration_seconds`;
    return [
      registeredMetric(profile.typescript, prom, {
        kind: 'Histogram',
        variable: 'operationDuration',
        name: metric,
        help: 'Duration of timed operations (queries, outgoing calls) in seconds, by operation and outcome.',
        labels: ['operation', 'outcome'],
      }),
      '',
      timedFunction(target, { histogram: 'operationDuration' }),
    ].join('\n');
  }
  return timedFunction(target, { log: (fields) => logStatement(profile, 'info', 'operation timed', fields) });
}

/**
 * The `timed` function itself: recorded in `histogram` (a prom-client Histogram with `operation` and `outcome`
 * labels), or written by `log` (given the fields to log). Shared by the app templates and the Next.js helper.
 */
export function timedFunction(
  target: { typescript: boolean; exported: string },
  record: { histogram: string } | { log: (fields: string) => string },
): string {
  const t = (ts: string): string => (target.typescript ? ts : '');
  const signature = `${target.exported}async function timed${t('<T>')}(operation${t(': string')}, fn${t(': () => Promise<T>')})${t(': Promise<T>')}`;
  if ('histogram' in record) {
    return [
      "/** Times an awaited call (`await timed('users.find', () => db.users.find(id))`); its error is rethrown. */",
      `${signature} {`,
      `  const stopTimer = ${record.histogram}.startTimer({ operation });`,
      '  try {',
      '    const result = await fn();',
      "    stopTimer({ outcome: 'success' });",
      '    return result;',
      '  } catch (error) {',
      "    stopTimer({ outcome: 'error' });",
      '    throw error;',
      '  }',
      '}',
    ].join('\n');
  }
  return [
    "/** Times an awaited call (`await timed('users.find', () => db.users.find(id))`) in a log line; its error is rethrown. */",
    `${signature} {`,
    '  const started = process.hrtime.bigint();',
    "  let outcome = 'error';",
    '  try {',
    '    const result = await fn();',
    "    outcome = 'success';",
    '    return result;',
    '  } finally {',
    `    ${record.log(`operation, outcome, duration_ms: ${DURATION_MS_SINCE_STARTED}`)}`,
    '  }',
    '}',
  ].join('\n');
}

interface Registrations {
  code: string[];
  imports: ImportRequest[];
}

function metricRegistrations(profile: ServiceProfile, prom: string, servesMetrics: boolean): Registrations | undefined {
  const metricsRoute = (code: string): string[] => (servesMetrics ? [] : [code]);
  switch (profile.framework) {
    case 'express':
      return {
        imports: [],
        code: [
          [
            '$app.use((req, res, next) => {',
            '  const stopTimer = httpRequestDuration.startTimer();',
            "  res.on('finish', () => {",
            '    // The route template with its mount path (`/users/:id`), never the concrete URL.',
            '    const route = req.route ? req.baseUrl + req.route.path : UNMATCHED_ROUTE;',
            '    if (!UNTIMED_ROUTES.has(route)) stopTimer({ method: req.method, route, status_code: res.statusCode });',
            '  });',
            '  next();',
            '});',
          ].join('\n'),
          ...metricsRoute(
            [
              "$app.get('/metrics', (_req, res, next) => {",
              `  ${prom}.register.metrics().then((body) => {`,
              `    res.set('Content-Type', ${prom}.register.contentType);`,
              '    res.send(body);',
              '  }, next);',
              '});',
            ].join('\n'),
          ),
        ],
      };
    case 'fastify':
      return {
        imports: [],
        code: [
          [
            "$app.addHook('onResponse', (request, reply, done) => {",
            '  // The route template with its prefix (`/users/:id`); undefined when no route matched.',
            '  const route = request.routeOptions.url ?? UNMATCHED_ROUTE;',
            '  if (!UNTIMED_ROUTES.has(route)) httpRequestDuration.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);',
            '  done();',
            '});',
          ].join('\n'),
          ...metricsRoute(
            [
              `$app.get('/metrics', { logLevel: 'silent' }, async (_request, reply) => {`,
              `  reply.header('Content-Type', ${prom}.register.contentType);`,
              `  return ${prom}.register.metrics();`,
              '});',
            ].join('\n'),
          ),
        ],
      };
    case 'koa':
      return {
        imports: [],
        code: [
          [
            '$app.use(async (ctx, next) => {',
            '  const stopTimer = httpRequestDuration.startTimer();',
            '  let status = 500;',
            '  try {',
            '    await next();',
            '    status = ctx.status;',
            '  } catch (error) {',
            `    status = Number(${typed(profile, '(error as { status?: unknown })', 'error && error')}.status) || 500;`,
            '    throw error;',
            '  } finally {',
            '    // @koa/router records the matched template with its prefix (`/users/:id`).',
            `    const matched = ${typed(profile, '(ctx as unknown as { _matchedRoute?: unknown })', 'ctx')}._matchedRoute;`,
            "    const route = typeof matched === 'string' ? matched : UNMATCHED_ROUTE;",
            '    if (!UNTIMED_ROUTES.has(route)) stopTimer({ method: ctx.method, route, status_code: status });',
            '  }',
            '});',
          ].join('\n'),
          ...metricsRoute(
            [
              '$app.use(async (ctx, next) => {',
              "  if (ctx.method !== 'GET' || ctx.path !== '/metrics') return next();",
              `  ctx.type = ${prom}.register.contentType;`,
              `  ctx.body = await ${prom}.register.metrics();`,
              '});',
            ].join('\n'),
          ),
        ],
      };
    case 'hono':
      return {
        imports: [{ module: 'hono/route', named: ['routePath'] }],
        code: [
          [
            '$app.use(async (c, next) => {',
            '  const stopTimer = httpRequestDuration.startTimer();',
            '  await next();',
            '  // After next(), routePath() is the template of the route that answered; a wildcard means none did.',
            '  const matched = routePath(c);',
            "  const route = matched === '*' || matched === '/*' ? UNMATCHED_ROUTE : matched;",
            '  if (!UNTIMED_ROUTES.has(route)) stopTimer({ method: c.req.method, route, status_code: c.res.status });',
            '});',
          ].join('\n'),
          ...metricsRoute(
            `$app.get('/metrics', async (c) => c.body(await ${prom}.register.metrics(), 200, { 'Content-Type': ${prom}.register.contentType }));`,
          ),
        ],
      };
    case 'nestjs':
      return {
        imports: [],
        code: [
          [
            '$app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {',
            '  const stopTimer = httpRequestDuration.startTimer();',
            "  res.on('finish', () => {",
            '    // Nest registers full route templates (`/users/:id`) on the Express router.',
            '    const template = (req as IncomingMessage & { route?: { path?: unknown } }).route?.path;',
            "    const route = typeof template === 'string' ? template : UNMATCHED_ROUTE;",
            "    if (!UNTIMED_ROUTES.has(route)) stopTimer({ method: req.method ?? 'GET', route, status_code: res.statusCode });",
            '  });',
            '  next();',
            '});',
          ].join('\n'),
          ...metricsRoute(
            [
              "$app.getHttpAdapter().get('/metrics', (_req: IncomingMessage, res: ServerResponse) => {",
              `  void ${prom}.register.metrics().then((body) => {`,
              `    res.setHeader('Content-Type', ${prom}.register.contentType);`,
              '    res.end(body);',
              '  });',
              '});',
            ].join('\n'),
          ),
        ],
      };
    default:
      return undefined;
  }
}

/** Without a metrics library: the duration in a log line, with the request id when a correlation middleware set one. */
function loggedRegistrations(profile: ServiceProfile): Registrations | undefined {
  switch (profile.framework) {
    case 'fastify':
      return {
        imports: [],
        code: [
          [
            "$app.addHook('onResponse', (request, reply, done) => {",
            `  ${logStatement(profile, 'info', 'request completed', "method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, duration_ms: reply.elapsedTime, request_id: request.id")}`,
            '  done();',
            '});',
          ].join('\n'),
        ],
      };
    case 'nestjs':
      return {
        imports: [],
        code: [
          [
            '$app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {',
            '  const started = process.hrtime.bigint();',
            "  res.on('finish', () => {",
            '    const template = (req as IncomingMessage & { route?: { path?: unknown } }).route?.path;',
            `    ${logStatement(profile, 'info', 'request completed', `method: req.method, route: typeof template === 'string' ? template : 'unmatched', status: res.statusCode, duration_ms: ${DURATION_MS_SINCE_STARTED}, request_id: res.getHeader('x-request-id')`)}`,
            '  });',
            '  next();',
            '});',
          ].join('\n'),
        ],
      };
    default: {
      const insertion = requestLoggingFor(profile.framework, '$app', profile);
      return insertion ? { code: [insertion.statement], imports: insertion.imports } : undefined;
    }
  }
}
