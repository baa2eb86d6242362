import { pythonRule, pythonRuleTester } from './tester';

const rule = pythonRule('metric-naming');
const filename = '/project/app/metrics.py';

const IMPORT = 'from prometheus_client import Counter, Enum, Gauge, Histogram, Info, Summary\n';
/** A module that imports prometheus_client's classes and declares `declaration`. */
const metrics = (...lines: string[]): string => `${IMPORT}${lines.join('\n')}\n`;

const CAVEAT = 'dashboards, alerts and recording rules that use the old name must change with it';
const rename = (replacement: string, output: string) => ({
  messageId: 'rename',
  data: { replacement, caveat: CAVEAT },
  output,
});

const valid: string[] = [
  // prometheus_client appends `_total` to counters itself: both spellings expose `http_requests_total`.
  metrics('A = Counter("http_requests_total", "HTTP requests", ["method", "route", "status_code"])'),
  metrics('B = Counter("http_requests", "HTTP requests")'),
  metrics(
    'LATENCY = Histogram("http_request_duration_seconds", "Request duration")',
    'MEMORY = Gauge("app_resident_memory_bytes", "Resident memory")',
    'RPC = Summary("rpc_duration_seconds", "RPC duration")',
  ),
  // `unit=` appends the unit, unless the name already ends in it.
  metrics('A = Histogram("request_duration", "Duration", unit="seconds")'),
  metrics(
    'B = Histogram("request_duration_seconds", "Duration", unit="seconds")',
    'C = Counter("sent_bytes_total", "Sent", unit="bytes")',
    'D = Counter("job_runtime", "Runtime", unit="seconds")',
  ),
  // namespace and subsystem join with `_`.
  metrics('A = Counter("requests_total", "Requests", namespace="api", subsystem="v1")'),
  // Info and Enum: the client appends `_info`; an Enum's label is its own name.
  metrics(
    'BUILD = Info("build", "Build information")',
    'STATE = Enum("task_state", "Task state", ["queue"], states=["starting", "running", "stopped"])',
  ),
  // Reserved labels only where reserved: `quantile` on a histogram, `le` on a summary or counter.
  metrics(
    'A = Histogram("queue_wait_seconds", "Wait", ["quantile"])',
    'B = Summary("queue_wait_seconds_by_job", "Wait", ["le"])',
    'C = Counter("retries_total", "Retries", labelnames=("le", "status_code"))',
  ),
  // Arguments by keyword.
  metrics('A = Gauge(name="queue_depth", documentation="Queue depth", labelnames=["queue"])'),
  // Names built at runtime are not judged; neither are arguments passed through `**kwargs`.
  metrics(
    'def make(prefix, spec, doc):',
    '    a = Counter(f"{prefix}Requests", doc)',
    '    b = Gauge(NAME, doc)',
    '    c = Histogram(**spec)',
    '    d = Counter(*spec)',
    '    return a, b, c, d',
  ),
  // A unit given at runtime: the exposed name cannot be told.
  metrics('A = Histogram("latency_ms", "Latency", unit=settings.UNIT)'),
  // A namespace given at runtime: the rest is still checked, and is fine.
  metrics('A = Counter("requests_total", "Requests", namespace=settings.APP_NAME)'),
  // A help text from a variable.
  metrics('DOC = "Queue depth"', 'A = Gauge("queue_depth", DOC)'),
  // `collections.Counter` and other libraries' classes of the same name.
  'from collections import Counter\nfrom prometheus_client import Gauge\nwords = Counter("requestsCount")\n',
  'from app.metrics import Counter, Histogram\nA = Counter("requestsCount")\nB = Histogram("latency_ms", "")\n',
  // A class defined here, in a module that also imports prometheus_client.
  'from prometheus_client import Gauge\nclass Counter:\n    def __init__(self, name):\n        self.name = name\nA = Counter("requestsCount")\n',
  // No prometheus_client at all.
  'def Counter(name, doc):\n    return name\nA = Counter("requestsCount", "")\n',
  // Label names that are fine: snake_case, digits, a leading underscore.
  metrics('A = Counter("requests_total", "Requests", ["status_code", "http2", "_shard"])'),
  // `_total` is a counter's; a word that merely contains it is not.
  metrics('A = Gauge("subtotal_amount", "Amount")', 'B = Gauge("totals_cached", "Totals")'),
  // `sum` and `count` as words inside a name.
  metrics('A = Gauge("checksum_failures", "Failures")', 'B = Gauge("count_of_workers", "Workers")'),
  // `import prometheus_client as prom` with good names.
  'import prometheus_client as prom\nA = prom.Counter("jobs_processed_total", "Jobs", ["queue"])\n',
  // Colons are allowed in namespaces by prometheus_client, but not here; a plain namespace and subsystem are fine.
  metrics('A = Gauge("connections", "Connections", namespace="db", subsystem="pool")'),
  // A metric named after its unit alone.
  metrics('A = Gauge("seconds", "Seconds since start")'),
  // Documentation passed by keyword, labels as a tuple, a registry argument.
  metrics(
    'from prometheus_client import CollectorRegistry',
    'REGISTRY = CollectorRegistry()',
    'A = Histogram("payload_bytes", documentation="Payload size", labelnames=("route",), registry=REGISTRY)',
  ),
  // The word `counter` in a gauge's name is not its own type.
  metrics('A = Gauge("rate_limiter_counter_resets", "Resets")'),
  // A unit given as the name's own last word and as `unit=`: not doubled.
  metrics('A = Gauge("disk_usage_bytes", "Disk usage", unit="bytes")'),
  // Label names built at runtime: nothing to read.
  metrics('LABELS = ["userId"] + EXTRA_LABELS', 'A = Counter("requests_total", "Requests", LABELS)'),
  metrics('def make(labels):', '    return Counter("requests_total", "Requests", labels)'),
  // The documentation argument given positionally with a name from a constant.
  metrics('NAME = "requestsTotal"', 'A = Counter(NAME, "Requests")'),
];

pythonRuleTester().run('metric-naming (Python)', rule, {
  valid: valid.map((code) => ({ filename, code })),
  invalid: [
    // `_count` on a counter: exposed as `requests_count_total`.
    {
      filename,
      code: metrics('REQUESTS = Counter("requests_count", "Requests")'),
      errors: [
        {
          message:
            'Counter `requests_count` is exposed as `requests_count_total`: `_count` is a histogram and summary series suffix, and prometheus_client appends `_total` to counters itself.',
          suggestions: [rename('requests_total', metrics('REQUESTS = Counter("requests_total", "Requests")'))],
        },
      ],
    },
    {
      filename,
      code: metrics('PAID = Counter("payments_sum_total", "Payments")'),
      errors: [
        {
          messageId: 'counterSuffix',
          data: { name: 'payments_sum_total', exposed: 'payments_sum_total', suffix: '_sum' },
          suggestions: [rename('payments_total', metrics('PAID = Counter("payments_total", "Payments")'))],
        },
      ],
    },
    // camelCase metric and label names; the label rename follows into `.labels(statusCode=…)`.
    {
      filename,
      code: metrics(
        'REQUESTS = Counter("httpRequests", "Requests", ["statusCode"])',
        'REQUESTS.labels(statusCode=200).inc()',
      ),
      errors: [
        {
          message: '`httpRequests` is camelCase; metric names are snake_case.',
          suggestions: [
            rename(
              'http_requests',
              metrics(
                'REQUESTS = Counter("http_requests", "Requests", ["statusCode"])',
                'REQUESTS.labels(statusCode=200).inc()',
              ),
            ),
          ],
        },
        {
          message: 'Label `statusCode` is camelCase; label names are snake_case.',
          suggestions: [
            {
              messageId: 'renameLabel',
              data: { replacement: 'status_code' },
              output: metrics(
                'REQUESTS = Counter("httpRequests", "Requests", ["status_code"])',
                'REQUESTS.labels(status_code=200).inc()',
              ),
            },
          ],
        },
      ],
    },
    // Unit abbreviations and non-base units: the rename says how values must change.
    {
      filename,
      code: metrics('LATENCY = Histogram("latency_ms", "Latency", namespace="api")'),
      errors: [
        {
          message:
            'Spell the unit out as the base unit `seconds` instead of `ms`; recorded values must then be divided by 1000.',
          suggestions: [
            rename(
              'api_latency_seconds',
              metrics('LATENCY = Histogram("latency_seconds", "Latency", namespace="api")'),
            ),
          ],
        },
      ],
    },
    // The unit comes from `unit=`: that is the argument to change.
    {
      filename,
      code: metrics("LATENCY = Histogram('request_latency', 'Latency', unit='ms')"),
      errors: [
        {
          messageId: 'unitAbbreviation',
          suggestions: [
            rename(
              'request_latency_seconds',
              metrics("LATENCY = Histogram('request_latency', 'Latency', unit='seconds')"),
            ),
          ],
        },
      ],
    },
    {
      filename,
      code: metrics('MEMORY = Gauge("heap_megabytes", "Heap")'),
      errors: [
        {
          messageId: 'nonBaseUnit',
          data: {
            unit: 'megabytes',
            base: 'bytes',
            rescale: 'multiplied by 1e6',
            name: 'heap_megabytes',
            exposed: 'heap_megabytes',
          },
          suggestions: [rename('heap_bytes', metrics('MEMORY = Gauge("heap_bytes", "Heap")'))],
        },
      ],
    },
    // A counter with a unit: `_total` comes after it.
    {
      filename,
      code: metrics('UPTIME = Counter("uptime_total", "Uptime", unit="hours")'),
      errors: [
        {
          messageId: 'nonBaseUnit',
          suggestions: [
            rename('uptime_seconds_total', metrics('UPTIME = Counter("uptime_total", "Uptime", unit="seconds")')),
          ],
        },
      ],
    },
    // `_total` on other types.
    {
      filename,
      code: metrics('QUEUE = Gauge("queue_size_total", "Queue size")'),
      errors: [
        {
          message: '`queue_size_total` ends in `total` but is a gauge; only counters do.',
          suggestions: [rename('queue_size', metrics('QUEUE = Gauge("queue_size", "Queue size")'))],
        },
      ],
    },
    {
      filename,
      code: metrics('DURATION = Histogram("job_duration_seconds_total", "Duration")'),
      errors: [
        {
          messageId: 'nonCounterTotal',
          data: { name: 'job_duration_seconds_total', exposed: 'job_duration_seconds_total', type: 'histogram' },
          suggestions: [
            rename('job_duration_seconds', metrics('DURATION = Histogram("job_duration_seconds", "Duration")')),
          ],
        },
      ],
    },
    // Series suffixes a histogram or summary adds itself.
    ...(
      [
        ['Summary("rpc_seconds_sum", "RPC")', '_sum'],
        ['Histogram("request_seconds_bucket", "Latency")', '_bucket'],
        ['Gauge("active_workers_count", "Workers")', '_count'],
      ] as const
    ).map(([declaration, suffix]) => ({
      filename,
      code: metrics(`M = ${declaration}`),
      errors: [
        {
          message: `The suffix \`${suffix}\` is reserved for histogram and summary series; prometheus_client adds it itself.`,
          suggestions: [],
        },
      ],
    })),
    // Info: the client appends `_info`.
    {
      filename,
      code: metrics('BUILD = Info("build_info", "Build information")'),
      errors: [
        {
          message: 'Info `build_info` is exposed as `build_info_info`: prometheus_client appends `_info` itself.',
          suggestions: [rename('build', metrics('BUILD = Info("build", "Build information")'))],
        },
      ],
    },
    // The metric type in the name.
    {
      filename,
      code: metrics('JOBS = Counter("jobs_counter", "Jobs")'),
      errors: [
        {
          messageId: 'typeInName',
          data: { type: 'counter', name: 'jobs_counter', exposed: 'jobs_counter_total' },
          suggestions: [rename('jobs', metrics('JOBS = Counter("jobs", "Jobs")'))],
        },
      ],
    },
    // `:` is for recording rules.
    {
      filename,
      code: metrics('RATE = Gauge("api:request_rate", "Rate")'),
      errors: [
        {
          messageId: 'colon',
          suggestions: [rename('api_request_rate', metrics('RATE = Gauge("api_request_rate", "Rate")'))],
        },
      ],
    },
    // Characters prometheus_client refuses.
    {
      filename,
      code: metrics('HITS = Counter("cache-hits", "Hits", ["cache.name"])'),
      errors: [
        {
          message:
            '`cache-hits` is not a valid metric name (letters, digits, `_` and `:`, not starting with a digit); prometheus_client raises ValueError on it.',
          suggestions: [rename('cache_hits', metrics('HITS = Counter("cache_hits", "Hits", ["cache.name"])'))],
        },
        {
          messageId: 'invalidLabelName',
          data: { label: 'cache.name', type: 'a counter' },
          suggestions: [
            {
              messageId: 'renameLabel',
              data: { replacement: 'cache_name' },
              output: metrics('HITS = Counter("cache-hits", "Hits", ["cache_name"])'),
            },
          ],
        },
      ],
    },
    // Reserved labels.
    {
      filename,
      code: metrics(
        'A = Histogram("request_seconds", "Latency", ["le"])',
        'B = Summary("rpc_seconds", "RPC", labelnames=["method", "quantile"])',
        'C = Gauge("queue_depth", "Depth", ["__queue"])',
        'D = Enum("worker_state", "State", ["worker_state"], states=["idle", "busy"])',
      ),
      errors: [
        {
          message: 'Label `le` is reserved on a histogram (prometheus_client raises ValueError on it).',
          suggestions: [],
        },
        { messageId: 'reservedLabelPython', data: { label: 'quantile', type: 'a summary' }, suggestions: [] },
        { messageId: 'reservedLabelPython', data: { label: '__queue', type: 'a gauge' }, suggestions: [] },
        { messageId: 'reservedLabelPython', data: { label: 'worker_state', type: 'an Enum' }, suggestions: [] },
      ],
    },
    // Help text: blank, or missing.
    {
      filename,
      code: metrics('A = Counter("jobs_total", "  ")', 'B = Gauge("queue_depth")'),
      errors: [
        { messageId: 'missingHelp', data: { name: 'jobs_total' }, line: 2, column: 27 },
        { messageId: 'missingHelp', data: { name: 'queue_depth' }, line: 3, column: 11 },
      ],
    },
    // `import prometheus_client as prom`, and the `metrics` module.
    {
      filename,
      code: 'import prometheus_client as prom\nA = prom.Gauge("activeSessions", "Sessions")\n',
      errors: [
        {
          messageId: 'camelCase',
          suggestions: [
            rename(
              'active_sessions',
              'import prometheus_client as prom\nA = prom.Gauge("active_sessions", "Sessions")\n',
            ),
          ],
        },
      ],
    },
    {
      filename,
      code: 'from prometheus_client.metrics import Histogram as H\nA = H("db_query_ms", "Queries")\n',
      errors: [
        {
          messageId: 'unitAbbreviation',
          suggestions: [
            rename(
              'db_query_seconds',
              'from prometheus_client.metrics import Histogram as H\nA = H("db_query_seconds", "Queries")\n',
            ),
          ],
        },
      ],
    },
    // A namespace given at runtime: the rest is still checked; the message names it.
    {
      filename,
      code: metrics('MEMORY = Gauge("heap_mb", "Heap", namespace=settings.APP_NAME)'),
      errors: [
        {
          messageId: 'unitAbbreviation',
          suggestions: [
            rename(
              '<namespace>_heap_bytes',
              metrics('MEMORY = Gauge("heap_bytes", "Heap", namespace=settings.APP_NAME)'),
            ),
          ],
        },
      ],
    },
    // The camelCase part is the namespace: that is what the rename changes.
    {
      filename,
      code: metrics('REQUESTS = Counter("requests_total", "Requests", namespace="myApp")'),
      errors: [
        {
          messageId: 'camelCase',
          data: { name: 'myApp_requests_total', exposed: 'myApp_requests_total' },
          suggestions: [
            rename(
              'my_app_requests_total',
              metrics('REQUESTS = Counter("requests_total", "Requests", namespace="my_app")'),
            ),
          ],
        },
      ],
    },
    // A declaration inside a class and a function is a declaration all the same.
    {
      filename,
      code: metrics(
        'class Metrics:',
        '    def __init__(self):',
        "        self.latency = Histogram('render_time_ms', 'Render time', ['template'])",
      ),
      errors: [
        {
          messageId: 'unitAbbreviation',
          suggestions: [
            rename(
              'render_time_seconds',
              metrics(
                'class Metrics:',
                '    def __init__(self):',
                "        self.latency = Histogram('render_time_seconds', 'Render time', ['template'])",
              ),
            ),
          ],
        },
      ],
    },
    // One string for the label names: a forgotten comma in `("endpoint")`, or no list at all.
    {
      filename,
      code: metrics(
        'A = Counter("hits_total", "Hits", ("endpoint"))',
        'B = Gauge("depth", "Depth", labelnames="queue")',
      ),
      errors: [
        {
          message:
            'The label names are one string, "endpoint": prometheus_client takes each of its characters as a label name.',
          suggestions: [
            {
              messageId: 'labelNamesList',
              data: { replacement: '["endpoint"]' },
              output: metrics(
                'A = Counter("hits_total", "Hits", ["endpoint"])',
                'B = Gauge("depth", "Depth", labelnames="queue")',
              ),
            },
          ],
        },
        {
          messageId: 'labelNamesString',
          data: { text: '"queue"' },
          suggestions: [
            {
              messageId: 'labelNamesList',
              data: { replacement: '["queue"]' },
              output: metrics(
                'A = Counter("hits_total", "Hits", ("endpoint"))',
                'B = Gauge("depth", "Depth", labelnames=["queue"])',
              ),
            },
          ],
        },
      ],
    },
    // A module constant shared by several metrics: reported once, at the constant, and not renamed from one metric.
    {
      filename,
      code: metrics(
        'LABELS = ("method", "statusCode")',
        'A = Counter("requests_total", "Requests", LABELS)',
        'B = Histogram("request_seconds", "Latency", labelnames=LABELS)',
      ),
      errors: [{ messageId: 'labelCamelCase', line: 2, column: 21, suggestions: [] }],
    },
    // Info and Enum take no unit.
    {
      filename,
      code: metrics('BUILD = Info("build", "Build", unit="seconds")'),
      errors: [
        { message: 'Info metrics cannot have a unit: prometheus_client raises ValueError on `unit=`.', column: 37 },
      ],
    },
  ],
});
