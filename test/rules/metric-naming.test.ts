import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';

const rule = plugin.rules['metric-naming'];
const tester = new RuleTester();

const PROM = "import client from 'prom-client';\n";
const OTEL = "import { metrics } from '@opentelemetry/api';\nconst meter = metrics.getMeter('api');\n";
const CAVEAT = 'dashboards, alerts and recording rules that use the old name must change with it';
type PromType = 'Counter' | 'Gauge' | 'Histogram' | 'Summary';
const prom = (type: PromType, name: string, rest = "help: 'h'"): string =>
  `${PROM}new client.${type}({ name: '${name}', ${rest} });`;
/** One rename problem on `from`, whose suggestion writes `to` (the code with the name replaced, `getSingleMetric` lookups too). */
const renamedTo = (
  code: string,
  messageId: 'nonCounterTotal' | 'counterTotal' | 'unitAbbreviation' | 'nonBaseUnit',
  from: string,
  to: string,
) => ({
  code,
  errors: [
    { messageId, suggestions: [{ messageId: 'rename' as const, output: code.replaceAll(`'${from}'`, `'${to}'`) }] },
  ],
});
/** A Gauge created lazily in a metrics handler, the way express-funding-calculator does it. */
const lazyGauge = (name: string): string =>
  `router.get('/metrics', async (req, res) => {
  const client = require('prom-client');
  const ws = client.register.getSingleMetric('${name}') ||
    new client.Gauge({ name: '${name}', help: 'WebSocket connections' });
  ws.set(3);
  res.end(await client.register.metrics());
});`;

/** `@willsoto/nestjs-prometheus`, the NestJS integration: its providers declare prom-client metrics. */
const NEST =
  "import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider, makeSummaryProvider } from '@willsoto/nestjs-prometheus';\n";
type NestProvider = 'makeCounterProvider' | 'makeGaugeProvider' | 'makeHistogramProvider' | 'makeSummaryProvider';
/** A provider in a module's `providers` array, as the package's README declares them. */
const inModule = (provider: NestProvider, options: string): string =>
  `${NEST}import { Module } from '@nestjs/common';\n@Module({\n  providers: [\n    AppService,\n    ${provider}(${options}),\n  ],\n})\nexport class AppModule {}`;

/** Names promlint accepts, per type. */
const GOOD: Array<[PromType, string]> = [
  ['Counter', 'http_requests_total'],
  ['Counter', 'process_cpu_seconds_total'],
  ['Counter', 'jobs_failed_total'],
  ['Counter', 'cache_hits_total'],
  ['Gauge', 'queue_depth'],
  ['Gauge', 'process_resident_memory_bytes'],
  ['Gauge', 'temperature_celsius'],
  ['Gauge', 'last_success_timestamp_seconds'],
  ['Gauge', 'build_info'],
  ['Histogram', 'http_request_duration_seconds'],
  ['Histogram', 'response_size_bytes'],
  ['Histogram', 'db_query_duration_seconds'],
  ['Summary', 'rpc_duration_seconds'],
  ['Summary', 'payload_size_bytes'],
  ['Gauge', 'disk_usage_ratio'],
  ['Gauge', 'sessions'],
  ['Gauge', 'messages_in_flight'],
  ['Counter', 'smtp_messages_sent_total'],
  ['Histogram', 'tasks_batch_size'],
  ['Gauge', 'up'],
];

/** Names promlint rejects: [type, name, messageId, data, replacement or undefined]. */
const BAD: Array<[PromType, string, string, Record<string, string>, string | undefined]> = [
  ['Counter', 'http_requests', 'counterTotal', { name: 'http_requests' }, 'http_requests_total'],
  ['Counter', 'errors_count', 'counterTotal', { name: 'errors_count' }, 'errors_total'],
  ['Gauge', 'queue_size_total', 'nonCounterTotal', { name: 'queue_size_total', type: 'gauge' }, 'queue_size'],
  ['Histogram', 'latency_total', 'nonCounterTotal', { name: 'latency_total', type: 'histogram' }, 'latency'],
  [
    'Histogram',
    'request_duration_milliseconds',
    'nonBaseUnit',
    { unit: 'milliseconds', base: 'seconds', rescale: 'divided by 1000' },
    'request_duration_seconds',
  ],
  [
    'Gauge',
    'uptime_hours',
    'nonBaseUnit',
    { unit: 'hours', base: 'seconds', rescale: 'multiplied by 3600' },
    'uptime_seconds',
  ],
  [
    'Gauge',
    'heap_megabytes',
    'nonBaseUnit',
    { unit: 'megabytes', base: 'bytes', rescale: 'multiplied by 1e6' },
    'heap_bytes',
  ],
  [
    'Histogram',
    'payload_bits',
    'nonBaseUnit',
    { unit: 'bits', base: 'bytes', rescale: 'divided by 8' },
    'payload_bytes',
  ],
  [
    'Histogram',
    'request_latency_ms',
    'unitAbbreviation',
    { unit: 'ms', base: 'seconds', rescale: 'divided by 1000' },
    'request_latency_seconds',
  ],
  [
    'Gauge',
    'cache_size_kb',
    'unitAbbreviation',
    { unit: 'kb', base: 'bytes', rescale: 'multiplied by 1000' },
    'cache_size_bytes',
  ],
  [
    'Histogram',
    'gc_pause_sec',
    'unitAbbreviation',
    { unit: 'sec', base: 'seconds', rescale: 'kept as they are' },
    'gc_pause_seconds',
  ],
  [
    'Summary',
    'rpc_us_latency',
    'unitAbbreviation',
    { unit: 'us', base: 'seconds', rescale: 'divided by 1e6' },
    'rpc_seconds_latency',
  ],
  ['Counter', 'jobs_counter_total', 'typeInName', { type: 'counter' }, 'jobs_total'],
  ['Gauge', 'workers_gauge', 'typeInName', { type: 'gauge' }, 'workers'],
  ['Histogram', 'db_histogram_seconds', 'typeInName', { type: 'histogram' }, 'db_seconds'],
  ['Gauge', 'queue:depth', 'colon', { name: 'queue:depth' }, 'queue_depth'],
  ['Gauge', 'requests_bucket', 'reservedSuffix', { suffix: '_bucket', type: 'gauge' }, undefined],
  ['Histogram', 'request_sum', 'reservedSuffix', { suffix: '_sum', type: 'histogram' }, undefined],
];

tester.run('metric-naming', rule, {
  valid: [
    ...GOOD.map(([type, name]) =>
      prom(type, name, "help: 'Something measured.', labelNames: ['method', 'route', 'status_code']"),
    ),
    // OpenTelemetry: dotted names with the unit in `unit`.
    `${OTEL}meter.createHistogram('http.server.request.duration', { unit: 's', description: 'd' });`,
    `${OTEL}meter.createCounter('orders.created', { description: 'Orders' });`,
    `${OTEL}meter.createUpDownCounter('db.client.connections.usage');`,
    `${OTEL}meter.createObservableGauge('process.memory.usage', { unit: 'By' });`,
    // `le` is fine on a summary and `quantile` on a histogram (prom-client only reserves each for the other).
    `${PROM}new client.Summary({ name: 'rpc_duration_seconds', help: 'h', labelNames: ['le'] });`,
    `${PROM}new client.Histogram({ name: 'batch_size', help: 'h', labelNames: ['quantile'] });`,
    // Names built at runtime are not judged; options from elsewhere (spreads) may carry the help.
    `${PROM}new client.Counter({ name: \`\${prefix}_requests_total\`, help: 'h' });`,
    `${PROM}new client.Counter({ ...base, name: 'requests_total' });`,
    // Not prom-client: another library's Counter, or no metrics import at all.
    "import { Counter } from './local-counter';\nnew Counter({ name: 'requestsCount' });",
    "new Histogram({ name: 'latencyMs' });",
    // Object.prototype names are names, not units or factories (seen in Unleash: `parameters.hasOwnProperty('groupId')`).
    `${PROM}new client.Gauge({ name: 'class_constructor', help: 'h' });\nnew client.Gauge({ name: 'x_toString_valueOf', help: 'h' }).set(1);`.replace(
      'x_toString_valueOf',
      'proto_value_of',
    ),
    `${OTEL}if (strategy.parameters?.hasOwnProperty('groupId')) meter.createCounter('strategies.updated');`,
    `${PROM}new client.Gauge({ name: 'node_version_info', help: 'Node version', labelNames: ['version'] });`,
    `${PROM}new client.Histogram({ name: 'http_request_size_bytes', help: 'Request size', labelNames: ['method'] });`,
    `${OTEL}meter.createObservableCounter('process.cpu.time', { unit: 's' });\nmeter.createCounter(\`\${prefix}.requests\`);`,
    // Reading a metric is not declaring one.
    `${PROM}client.register.getSingleMetric('latencyMs');`,
    `${PROM}const { Counter } = client;\nexport const hits = new client.Counter({ name: 'cache_hits_total', help: 'Cache hits', labelNames: ['cache'] });`,
    // Created lazily inside a handler, with prom-client required there: well named, nothing to say.
    lazyGauge('websocket_connections'),
    `${PROM}function track() { return client.register.getSingleMetric('sessions') ?? new client.Gauge({ name: 'sessions', help: 'Open sessions' }); }`,
    // Constructors destructured from the module, well named.
    "import * as client from 'prom-client';\nconst { Counter, Histogram } = client;\nnew Counter({ name: 'requests_total', help: 'r' });\nnew Histogram({ name: 'request_duration_seconds', help: 'd' });",
    // Classes that are not prom-client's, whatever they are called: a local class, a destructured project module,
    // a parameter that shadows the import, a member of something else the package exports.
    `${PROM}function f() { class Gauge { constructor(_o: object) {} }\n  new Gauge({ name: 'queue_total' }); }`,
    `${PROM}const { Counter } = require('./counters');\nnew Counter({ name: 'requestsCount' });`,
    `${PROM}const { Gauge } = metricsLib;\nnew Gauge({ name: 'queue_total' });`,
    `${PROM}function make(client) { const { Gauge } = client; return new Gauge({ name: 'queue_total' }); }`,
    `${PROM}function make(client) { return new client.Gauge({ name: 'queue_total' }); }`,
    "import { register } from 'prom-client';\nconst { Gauge } = register;\nnew Gauge({ name: 'queue_total' });",
    // A handler that requires something else than prom-client.
    "router.get('/x', () => { const client = require('./client'); new client.Gauge({ name: 'queue_total' }); });",
    // @willsoto/nestjs-prometheus providers with promlint-clean names, in a module, held in a constant, by namespace.
    inModule(
      'makeCounterProvider',
      "{ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['route', 'method'] }",
    ),
    inModule(
      'makeHistogramProvider',
      "{ name: 'http_request_duration_seconds', help: 'HTTP duration', labelNames: ['route'] }",
    ),
    `${NEST}export const inFlight = makeGaugeProvider({ name: 'http_requests_in_flight', help: 'In flight' });\nexport const rpc = makeSummaryProvider({ name: 'rpc_duration_seconds', help: 'RPC duration' });`,
    "import * as prometheus from '@willsoto/nestjs-prometheus';\nexport const PROVIDERS = [prometheus.makeCounterProvider({ name: 'jobs_processed_total', help: 'Jobs' })];",
    // Not declarations: the module's registration, the name an injection asks for, a provider whose options are
    // elsewhere (a variable, a spread) or whose name is built at runtime.
    "import { PrometheusModule, InjectMetric } from '@willsoto/nestjs-prometheus';\nPrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: true } });\nclass S { constructor(@InjectMetric('requestsCount') private c: unknown) {} }",
    `${NEST}makeCounterProvider(counterOptions);\nmakeCounterProvider({ ...base, name: 'requests_total' });\nmakeGaugeProvider({ name: \`\${prefix}_queue_total\`, help: 'q' });`,
    // Functions of the same name that are not the package's: local, shadowed by a parameter, from another package.
    "function makeCounterProvider(options: { name: string }) { return { provide: options.name, useValue: 0 }; }\nimport 'prom-client';\nmakeCounterProvider({ name: 'requestsCount' });",
    `${NEST}function register(makeCounterProvider: (o: object) => unknown) { return makeCounterProvider({ name: 'requestsCount' }); }`,
    "import { makeCounterProvider } from 'some-other-metrics';\nimport 'prom-client';\nmakeCounterProvider({ name: 'requestsCount' });",
    // Options only a histogram or summary takes, and `le` on a summary (only a histogram reserves it).
    `${NEST}makeHistogramProvider({ name: 'http_request_size_bytes', help: 'Size', labelNames: ['route'], buckets: [100, 1000, 10000] });\nmakeSummaryProvider({ name: 'rpc_duration_seconds', help: 'RPC', labelNames: ['le'], percentiles: [0.5, 0.99] });`,
  ],
  invalid: [
    ...BAD.map(([type, name, messageId, data, replacement]) => ({
      code: prom(type, name),
      errors: [
        {
          messageId: messageId as 'counterTotal',
          data,
          line: 2,
          column: 21 + type.length,
          suggestions: replacement
            ? [{ messageId: 'rename' as const, data: { replacement, caveat: CAVEAT }, output: prom(type, replacement) }]
            : [],
        },
      ],
    })),
    {
      code: prom('Counter', 'httpRequestsTotal'),
      errors: [
        {
          messageId: 'camelCase',
          data: { name: 'httpRequestsTotal' },
          suggestions: [{ messageId: 'rename', output: prom('Counter', 'http_requests_total') }],
        },
      ],
    },
    {
      // Two problems on one name: each with its own suggestion.
      code: prom('Counter', 'httpRequests'),
      errors: [
        { messageId: 'camelCase', suggestions: [{ messageId: 'rename', output: prom('Counter', 'http_requests') }] },
        {
          messageId: 'counterTotal',
          suggestions: [{ messageId: 'rename', output: prom('Counter', 'http_requests_total') }],
        },
      ],
    },
    {
      code: `${PROM}new client.Counter({ name: "jobs_total" });`,
      errors: [{ messageId: 'missingHelp', data: { name: 'jobs_total' }, column: 20 }],
    },
    {
      code: `${PROM}new client.Gauge({ name: 'queue_depth', help: '  ' });`,
      errors: [{ messageId: 'missingHelp', column: 41 }],
    },
    {
      code: `${PROM}new client.Histogram({ name: 'rpc_duration_seconds', help: 'h', labelNames: ['le', 'method'] });`,
      errors: [{ messageId: 'reservedLabel', data: { label: 'le', type: 'histogram' }, suggestions: [] }],
    },
    {
      code: `${PROM}new client.Summary({ name: 'rpc_duration_seconds', help: 'h', labelNames: ['quantile'] });`,
      errors: [{ messageId: 'reservedLabel', data: { label: 'quantile', type: 'summary' }, suggestions: [] }],
    },
    {
      code: `${PROM}new client.Counter({ name: 'requests_total', help: 'h', labelNames: ['__name'] });`,
      errors: [{ messageId: 'reservedLabel', suggestions: [] }],
    },
    {
      code: `${PROM}new client.Counter({ name: 'requests_total', help: 'h', labelNames: ['statusCode', 'method'] });`,
      errors: [
        {
          messageId: 'labelCamelCase',
          data: { label: 'statusCode', type: 'counter' },
          suggestions: [
            {
              messageId: 'renameLabel',
              data: { replacement: 'status_code' },
              output: `${PROM}new client.Counter({ name: 'requests_total', help: 'h', labelNames: ['status_code', 'method'] });`,
            },
          ],
        },
      ],
    },
    {
      code: "const { Histogram } = require('prom-client');\nconst h = new Histogram({ name: 'db_query_ms', help: 'h' });",
      errors: [
        {
          messageId: 'unitAbbreviation',
          suggestions: [
            {
              messageId: 'rename',
              output:
                "const { Histogram } = require('prom-client');\nconst h = new Histogram({ name: 'db_query_seconds', help: 'h' });",
            },
          ],
        },
      ],
    },
    {
      code: "import { Gauge } from 'prom-client';\nexport const memory = new Gauge({ name: 'memory_used_megabytes', help: 'h' });",
      errors: [
        {
          messageId: 'nonBaseUnit',
          suggestions: [
            {
              messageId: 'rename',
              output:
                "import { Gauge } from 'prom-client';\nexport const memory = new Gauge({ name: 'memory_used_bytes', help: 'h' });",
            },
          ],
        },
      ],
    },
    {
      code: `${OTEL}meter.createHistogram('http.server.duration_ms', { description: 'd' });`,
      errors: [
        {
          messageId: 'otelUnitInName',
          data: { unit: 'ms', suffix: '_ms' },
          suggestions: [
            {
              messageId: 'moveUnit',
              data: { replacement: 'http.server.duration', unit: 'ms', caveat: CAVEAT },
              output: `${OTEL}meter.createHistogram('http.server.duration', { unit: 'ms', description: 'd' });`,
            },
          ],
        },
      ],
    },
    {
      code: `${OTEL}meter.createHistogram('db.query.seconds');`,
      errors: [
        {
          messageId: 'otelUnitInName',
          suggestions: [{ messageId: 'moveUnit', output: `${OTEL}meter.createHistogram('db.query', { unit: 's' });` }],
        },
      ],
    },
    {
      code: `${OTEL}meter.createHistogram('payload.bytes', { unit: 'kBy' });`,
      errors: [
        {
          messageId: 'otelUnitInName',
          suggestions: [{ messageId: 'moveUnit', output: `${OTEL}meter.createHistogram('payload', { unit: 'By' });` }],
        },
      ],
    },
    {
      code: `${OTEL}meter.createHistogram('queue.wait_ms', {});`,
      errors: [
        {
          messageId: 'otelUnitInName',
          suggestions: [
            { messageId: 'moveUnit', output: `${OTEL}meter.createHistogram('queue.wait', { unit: 'ms' });` },
          ],
        },
      ],
    },
    {
      code: `${OTEL}meter.createCounter('orders.total');`,
      errors: [
        {
          messageId: 'otelTotal',
          data: { name: 'orders.total' },
          suggestions: [{ messageId: 'rename', output: `${OTEL}meter.createCounter('orders');` }],
        },
      ],
    },
    {
      code: `${OTEL}meter.createCounter('ordersCreated');`,
      errors: [
        {
          messageId: 'camelCase',
          suggestions: [{ messageId: 'rename', output: `${OTEL}meter.createCounter('orders_created');` }],
        },
      ],
    },
    {
      // A local factory wrapper's options are a declaration too.
      code: `${PROM}function createSummary(options) { return new client.Summary(options); }\ncreateSummary({ name: 'request_duration_milliseconds', help: 'h', labelNames: ['appName'] });`,
      errors: [
        {
          messageId: 'nonBaseUnit',
          line: 3,
          suggestions: [
            {
              messageId: 'rename',
              output: `${PROM}function createSummary(options) { return new client.Summary(options); }\ncreateSummary({ name: 'request_duration_seconds', help: 'h', labelNames: ['appName'] });`,
            },
          ],
        },
        {
          messageId: 'labelCamelCase',
          line: 3,
          suggestions: [
            {
              messageId: 'renameLabel',
              output: `${PROM}function createSummary(options) { return new client.Summary(options); }\ncreateSummary({ name: 'request_duration_milliseconds', help: 'h', labelNames: ['app_name'] });`,
            },
          ],
        },
      ],
    },
    // Created lazily inside a handler or function: judged like a top-level declaration.
    renamedTo(
      lazyGauge('websocket_connections_total'),
      'nonCounterTotal',
      'websocket_connections_total',
      'websocket_connections',
    ),
    renamedTo(
      `${PROM}function track() { return client.register.getSingleMetric('sessions_total') ?? new client.Gauge({ name: 'sessions_total', help: 'Open sessions' }); }`,
      'nonCounterTotal',
      'sessions_total',
      'sessions',
    ),
    renamedTo(
      "import { Gauge } from 'prom-client';\nlet active;\nexport function onConnect() { active ??= new Gauge({ name: 'active_connections_total', help: 'a' }); active.inc(); }",
      'nonCounterTotal',
      'active_connections_total',
      'active_connections',
    ),
    renamedTo(
      `${PROM}class Ws {\n  private gauge?: client.Gauge;\n  connections() { return (this.gauge ??= new client.Gauge({ name: 'ws_clients_total', help: 'c' })); }\n}`,
      'nonCounterTotal',
      'ws_clients_total',
      'ws_clients',
    ),
    {
      // An OpenTelemetry instrument created lazily in a function is a declaration too.
      code: `${OTEL}let c;\nexport function requests() { return (c ??= meter.createCounter('http.requests.total')); }`,
      errors: [
        {
          messageId: 'otelTotal',
          suggestions: [
            {
              messageId: 'rename',
              output: `${OTEL}let c;\nexport function requests() { return (c ??= meter.createCounter('http.requests')); }`,
            },
          ],
        },
      ],
    },
    // Constructors destructured from a namespace, default or required module, or required inside a function.
    renamedTo(
      "import * as client from 'prom-client';\nconst { Counter, Histogram } = client;\nnew Counter({ name: 'requests', help: 'r' });",
      'counterTotal',
      'requests',
      'requests_total',
    ),
    renamedTo(
      "import client from 'prom-client';\nconst { Histogram } = client;\nnew Histogram({ name: 'latency_ms', help: 'd' });",
      'unitAbbreviation',
      'latency_ms',
      'latency_seconds',
    ),
    renamedTo(
      "const promClient = require('prom-client');\nnew promClient.Gauge({ name: 'queue_total', help: 'q' });",
      'nonCounterTotal',
      'queue_total',
      'queue',
    ),
    renamedTo(
      "const client = require('prom-client');\nconst { Gauge: PromGauge } = client;\nnew PromGauge({ name: 'heap_megabytes', help: 'h' });",
      'nonBaseUnit',
      'heap_megabytes',
      'heap_bytes',
    ),
    renamedTo(
      "export function register() {\n  const { Counter } = require('prom-client');\n  return new Counter({ name: 'jobs', help: 'j' });\n}",
      'counterTotal',
      'jobs',
      'jobs_total',
    ),
    // @willsoto/nestjs-prometheus providers are declarations of their metric type: the same checks as `new Counter`.
    renamedTo(
      inModule(
        'makeCounterProvider',
        "{ name: 'http_requests_traffic', help: 'Requests', labelNames: ['endpoint', 'method'] }",
      ),
      'counterTotal',
      'http_requests_traffic',
      'http_requests_traffic_total',
    ),
    renamedTo(
      inModule('makeCounterProvider', "{ name: 'http_requests_errors_count', help: 'Errors' }"),
      'counterTotal',
      'http_requests_errors_count',
      'http_requests_errors_total',
    ),
    renamedTo(
      inModule('makeGaugeProvider', "{ name: 'queue_depth_total', help: 'Queue depth' }"),
      'nonCounterTotal',
      'queue_depth_total',
      'queue_depth',
    ),
    // A project function of the package's name that passes its options to `new Counter(…)` is a factory.
    {
      code: `${PROM}function makeCounterProvider(options) { return new client.Counter(options); }\nmakeCounterProvider({ name: 'jobs', help: 'Jobs' });`,
      errors: [
        {
          messageId: 'counterTotal',
          line: 3,
          suggestions: [
            {
              messageId: 'rename',
              output: `${PROM}function makeCounterProvider(options) { return new client.Counter(options); }\nmakeCounterProvider({ name: 'jobs_total', help: 'Jobs' });`,
            },
          ],
        },
      ],
    },
    renamedTo(
      `${NEST}export const latency = makeHistogramProvider({ name: 'db_query_ms', help: 'Query time' });`,
      'unitAbbreviation',
      'db_query_ms',
      'db_query_seconds',
    ),
    renamedTo(
      "import * as prometheus from '@willsoto/nestjs-prometheus';\nexport const PROVIDERS = [prometheus.makeSummaryProvider({ name: 'payload_kilobytes', help: 'Payload' })];",
      'nonBaseUnit',
      'payload_kilobytes',
      'payload_bytes',
    ),
    {
      code: inModule('makeHistogramProvider', "{ name: 'request_seconds_bucket', help: 'Latency' }"),
      errors: [
        { messageId: 'reservedSuffix', data: { suffix: '_bucket', type: 'histogram' }, line: 6, suggestions: [] },
      ],
    },
    {
      code: inModule('makeSummaryProvider', "{ name: 'request_seconds_sum', help: 'Latency' }"),
      errors: [{ messageId: 'reservedSuffix', data: { suffix: '_sum', type: 'summary' }, line: 6, suggestions: [] }],
    },
    {
      code: `${NEST}export const PROVIDERS = [makeCounterProvider({ name: 'jobs_total', labelNames: ['queue'] })];`,
      errors: [{ messageId: 'missingHelp', data: { name: 'jobs_total' } }],
    },
    {
      code: inModule('makeGaugeProvider', "{ name: 'workers_busy', help: 'Busy workers', labelNames: ['isError'] }"),
      errors: [
        {
          messageId: 'labelCamelCase',
          data: { label: 'isError', type: 'gauge' },
          suggestions: [
            {
              messageId: 'renameLabel',
              output: inModule(
                'makeGaugeProvider',
                "{ name: 'workers_busy', help: 'Busy workers', labelNames: ['is_error'] }",
              ),
            },
          ],
        },
      ],
    },
    {
      code: `${PROM}class Metrics {\n  readonly hits = new client.Counter({ name: 'cache_hits', help: 'h' });\n}`,
      errors: [
        {
          messageId: 'counterTotal',
          line: 3,
          suggestions: [
            {
              messageId: 'rename',
              output: `${PROM}class Metrics {\n  readonly hits = new client.Counter({ name: 'cache_hits_total', help: 'h' });\n}`,
            },
          ],
        },
      ],
    },
  ],
});
