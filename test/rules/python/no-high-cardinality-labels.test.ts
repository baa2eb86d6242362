import { fixturePath } from '../../helpers';
import { pythonRule, pythonRuleTester } from './tester';

const rule = pythonRule('no-high-cardinality-labels');
const filename = '/project/app/main.py';
/** A module of a project whose `app/metrics.py` declares REQUESTS, LATENCY and SIGNUPS (and `app/tags.py` a non-metric). */
const inProject = (...segments: string[]): string => fixturePath('python-metrics', 'app', ...segments);

/** Lines of Python, joined; a trailing newline like a file's. */
const py = (...lines: string[]): string => `${lines.join('\n')}\n`;

const FASTAPI = [
  'from fastapi import FastAPI, Request',
  'from prometheus_client import Counter, Histogram',
  '',
  'app = FastAPI()',
  'REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "path", "status"])',
  '',
];
const MIDDLEWARE = [
  '@app.middleware("http")',
  'async def metrics(request: Request, call_next):',
  '    response = await call_next(request)',
];

/** A FastAPI middleware recording `REQUESTS` with the given `.labels(...)` arguments. */
const fastapiRecording = (args: string): string =>
  py(...FASTAPI, ...MIDDLEWARE, `    REQUESTS.labels(${args}).inc()`, '    return response');

const WHY = {
  url: ['one series per URL (ids, query strings)', 'use the route template'],
  fallback: [
    'one series per unmatched URL (404 probes, scanners)',
    'use a constant such as "unmatched" for requests no route matched',
  ],
  error: ['one series per error message (they embed ids and values)', 'use `type(e).__name__`'],
  ip: ['one series per client IP address', 'drop it, or record it on spans or logs'],
  header: ['one series per header value (clients choose them)', 'map it to a small set of known values'],
  query: ['one series per query-string value', 'map it to a small set of known values'],
  id: ['one series per id', 'drop it, or record it on spans, logs or exemplars'],
  user: ['one series per user', 'drop it, or use a bounded attribute such as the plan or tier'],
  email: ['one series per e-mail address', 'drop it'],
  unique: ['a new series on every call', 'drop it'],
  time: ['a new series on every call (timestamps never repeat)', 'drop it; the sample already has a timestamp'],
  token: ['one series per token', 'drop it'],
} as const;

const valueData = (subject: string, label: string, reason: keyof typeof WHY, origin = '') => ({
  subject,
  origin,
  label,
  why: WHY[reason][0],
  advice: WHY[reason][1],
});

pythonRuleTester().run('no-high-cardinality-labels (Python)', rule, {
  valid: [
    // The route template, read the three ways Starlette code reads it.
    { filename, code: fastapiRecording('request.method, request.scope["route"].path, response.status_code') },
    { filename, code: fastapiRecording('request.method, request.scope.get("route").path, response.status_code') },
    {
      filename,
      code: fastapiRecording(
        'request.method, getattr(request.scope.get("route"), "path", "unmatched"), response.status_code',
      ),
    },
    { filename, code: fastapiRecording('request.method, request.scope["route"].path_format, response.status_code') },
    // A variable holding the template.
    {
      filename,
      code: py(
        ...FASTAPI,
        ...MIDDLEWARE,
        '    route = request.scope.get("route")',
        '    template = route.path if route else "unmatched"',
        '    REQUESTS.labels(request.method, template, response.status_code).inc()',
        '    return response',
      ),
    },
    // Bounded: the method, the status code, its class, a ternary between literals, an environment variable.
    {
      filename,
      code: fastapiRecording('method=request.method, path="/health", status=f"{response.status_code // 100}xx"'),
    },
    {
      filename,
      code: fastapiRecording(
        'request.method.lower(), "ok" if response.status_code < 400 else "error", str(response.status_code)',
      ),
    },
    {
      filename,
      code: py('import os', ...FASTAPI, 'REQUESTS.labels(os.environ["REGION"], os.getenv("ZONE", "a"), 200).inc()'),
    },
    // The class of an error is one of a few.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'ERRORS = Counter("errors_total", "Errors", ["kind"])',
        'def work():',
        '    try:',
        '        run()',
        '    except Exception as e:',
        '        ERRORS.labels(type(e).__name__).inc()',
        '        ERRORS.labels(kind=e.__class__.__name__).inc()',
        '        log.warning("failed: %s", str(e))',
      ),
    },
    // A variable named like an error that holds a constant.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'ERRORS = Counter("errors_total", "Errors", ["kind"])',
        'def work():',
        '    error = "timeout"',
        '    ERRORS.labels(error).inc()',
      ),
    },
    // A loop variable or a context manager named `e` is not an exception.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'EVENTS = Counter("events_total", "Events", ["kind"])',
        'def consume(entries):',
        '    for e in entries:',
        '        EVENTS.labels(str(e.kind)).inc()',
        '        EVENTS.labels(e.message_type).inc()',
        '    with lock() as e:',
        '        EVENTS.labels(e.name).inc()',
      ),
    },
    // `.labels(...)` of objects that are not prometheus_client metrics.
    {
      filename,
      code: py(
        ...FASTAPI,
        'class Tracker:',
        '    def labels(self, *values):',
        '        return values',
        'tracker = Tracker()',
        ...MIDDLEWARE,
        '    tracker.labels(request.url.path, request.client.host)',
        '    return response',
      ),
    },
    {
      filename,
      code: py(
        ...FASTAPI,
        ...MIDDLEWARE,
        '    tags = {"labels": [request.url.path]}',
        '    issue.labels(request.url.path)',
        '    return response',
      ),
    },
    // A parameter shadows the module's metric of the same name.
    {
      filename,
      code: py(...FASTAPI, 'def record(REQUESTS, request):', '    REQUESTS.labels(request.url.path).inc()'),
    },
    // A name bound twice at module level: which metric `.labels` reaches cannot be told.
    {
      filename,
      code: py(
        ...FASTAPI,
        'REQUESTS = make_wrapper(REQUESTS)',
        ...MIDDLEWARE,
        '    REQUESTS.labels(request.url.path).inc()',
        '    return response',
      ),
    },
    // A metric class of another library.
    {
      filename,
      code: py(
        'from fastapi import Request',
        'from app.telemetry import Counter',
        'HITS = Counter("hits_total", "Hits", ["user_id"])',
        'def hit(request: Request):',
        '    HITS.labels(request.url.path).inc()',
      ),
    },
    // No prometheus_client at all.
    { filename, code: py('def f(request):', '    metrics.labels(request.url.path).inc()') },
    // Exemplars are not series labels; removing a series does not create one.
    {
      filename,
      code: py(
        ...FASTAPI,
        ...MIDDLEWARE,
        '    REQUESTS.labels(request.method, request.scope["route"].path, 200).inc(exemplar={"trace_id": trace_id})',
        '    REQUESTS.remove(request.method, request.url.path, "200")',
        '    return response',
      ),
    },
    // Bounded by their type: `Literal[...]` and `bool` parameters; names that say nothing are not judged.
    {
      filename,
      code: py(
        'from typing import Literal',
        'from prometheus_client import Counter',
        'JOBS = Counter("jobs_total", "Jobs", ["kind", "ok", "queue"])',
        'def record(kind: Literal["email", "sms"], ok: bool, queue: str):',
        '    JOBS.labels(kind, ok, queue).inc()',
      ),
    },
    // Flask and Django route templates.
    {
      filename,
      code: py(
        'from flask import request',
        'from prometheus_client import Counter',
        'REQUESTS = Counter("http_requests_total", "Requests", ["endpoint", "rule"])',
        'def after(response):',
        '    REQUESTS.labels(request.endpoint, request.url_rule.rule if request.url_rule else "unmatched").inc()',
        '    return response',
      ),
    },
    {
      filename,
      code: py(
        'from django.http import HttpResponse',
        'from prometheus_client import Counter',
        'VIEWS = Counter("views_total", "Views", ["route", "view"])',
        'def middleware(get_response):',
        '    def handle(request):',
        '        VIEWS.labels(request.resolver_match.route, request.resolver_match.view_name).inc()',
        '        return get_response(request)',
        '    return handle',
      ),
    },
    // A person's bounded attributes.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'LOGINS = Counter("logins_total", "Logins", ["plan", "staff"])',
        'def login(request):',
        '    LOGINS.labels(request.user.plan, request.user.is_staff).inc()',
      ),
    },
    // prometheus-fastapi-instrumentator: raw status codes are a bounded set; untemplated requests ignored or grouped.
    {
      filename,
      code: py(
        'from prometheus_fastapi_instrumentator import Instrumentator',
        'Instrumentator(should_group_status_codes=False).instrument(app).expose(app)',
        'Instrumentator(should_group_untemplated=False, should_ignore_untemplated=True).instrument(app)',
        'Instrumentator(should_group_untemplated=True, custom_labels={"service": "api"}).instrument(app)',
      ),
    },
    // starlette_exporter: grouped paths (the default), and unhandled paths grouped under one value.
    {
      filename,
      code: py(
        'from starlette_exporter import PrometheusMiddleware',
        'app.add_middleware(PrometheusMiddleware)',
        'app.add_middleware(PrometheusMiddleware, group_paths=True, app_name="api")',
        'app.add_middleware(PrometheusMiddleware, filter_unhandled_paths=False, group_unhandled_paths=True)',
        'app.add_middleware(PrometheusMiddleware, labels={"region": "eu", "plan": lambda r: r.state.plan})',
      ),
    },
    // Another project's `PrometheusMiddleware` with the same option name.
    {
      filename,
      code: py(
        'from app.middleware import PrometheusMiddleware',
        'from prometheus_client import Counter',
        'app.add_middleware(PrometheusMiddleware, group_paths=False)',
      ),
    },
    // allowedNames: a label known to be bounded here.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'SHARDS = Counter("shard_requests_total", "Requests", ["shard_id"])',
        'SHARDS.labels(shard_id=shard.id).inc()',
      ),
      options: [{ allowedNames: ['shard_id'] }],
    },
    // routeTemplates: a project's own route-template attribute.
    {
      filename,
      code: fastapiRecording('request.method, request.state.template_url, response.status_code'),
      options: [{ routeTemplates: ['request.state.template_url'] }],
    },
    // Names and label names built at runtime cannot be judged; the values still are, and these are bounded.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'def make(prefix, labelnames):',
        '    requests = Counter(f"{prefix}_requests_total", "Requests", labelnames)',
        '    requests.labels("GET").inc()',
        '    return requests',
      ),
    },
    // Variables holding bounded values; the status code of an HTTP error.
    {
      filename,
      code: py(
        ...FASTAPI,
        ...MIDDLEWARE,
        '    outcome = "2xx" if response.status_code < 300 else "other"',
        '    scheme = request.url.scheme',
        '    REQUESTS.labels(scheme, outcome, "%d" % response.status_code).inc()',
        '    return response',
      ),
    },
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'ERRORS = Counter("upstream_errors_total", "Errors", ["status"])',
        'def call():',
        '    try:',
        '        fetch()',
        '    except HTTPError as e:',
        '        ERRORS.labels(str(e.status_code)).inc()',
      ),
    },
    // An f-string of bounded parts (the template in the other quotes).
    { filename, code: fastapiRecording(`request.method, f"{request.method}:{request.scope['route'].path}", 200`) },
    // A local variable of the same name as the module's metric, bound to something else.
    {
      filename,
      code: py(
        ...FASTAPI,
        'def report(request, registry):',
        '    REQUESTS = registry.get("requests")',
        '    REQUESTS.labels(request.url.path).inc()',
      ),
    },
    // Unbounded values elsewhere in the recording: the amount, a log line, a span attribute.
    {
      filename,
      code: py(
        'from prometheus_client import Counter, Histogram',
        'SIZE = Histogram("request_size_bytes", "Size", ["method"])',
        'def record(request, span, log):',
        '    SIZE.labels(request.method).observe(len(request.url.path))',
        '    span.set_attribute("url.path", request.url.path)',
        '    log.info("user %s", request.user.id)',
      ),
    },
    // The timer and the Enum state of a labelled metric.
    {
      filename,
      code: py(
        'from prometheus_client import Enum, Histogram',
        'LATENCY = Histogram("handler_seconds", "Latency", ["handler"])',
        'STATE = Enum("worker_state", "State", ["queue"], states=["idle", "busy"])',
        'def handle(request):',
        '    with LATENCY.labels(request.scope["route"].name).time():',
        '        STATE.labels("emails").state("busy")',
      ),
    },
    // A metric declared in a function and recorded there.
    {
      filename,
      code: py(
        'from prometheus_client import Counter, CollectorRegistry',
        'def build(request):',
        '    registry = CollectorRegistry()',
        '    hits = Counter("hits_total", "Hits", ["method"], registry=registry)',
        '    hits.labels(request.method).inc()',
      ),
    },
    // Metrics imported from the project's metrics module, recorded with bounded values; a non-metric of the same
    // shape imported from another module.
    {
      filename: inProject('api', 'routes.py'),
      code: py(
        'from fastapi import Request',
        'from app.metrics import REQUESTS, LATENCY',
        'from app import tags',
        'async def handle(request: Request):',
        '    REQUESTS.labels(request.method, request.scope["route"].path, 200).inc()',
        '    LATENCY.labels(route=request.scope["route"].path).observe(0.1)',
        '    tags.REQUESTS.labels(request.url.path)',
      ),
    },
    // An imported name that a function rebinds.
    {
      filename: inProject('api', 'routes.py'),
      code: py(
        'from app.metrics import REQUESTS',
        'def handle(request, REQUESTS):',
        '    REQUESTS.labels(request.url.path).inc()',
      ),
    },
    // A helper whose callers pass bounded values.
    {
      filename,
      code: py(
        ...FASTAPI,
        'def track(method, route, status):',
        '    REQUESTS.labels(method, route, status).inc()',
        ...MIDDLEWARE,
        '    track(request.method, request.scope["route"].path, response.status_code)',
        '    return response',
      ),
    },
    // Label names that merely look like fields: `path`, `endpoint` and `route` are fine names for templates.
    {
      filename,
      code: py(
        'from prometheus_client import Histogram',
        'LATENCY = Histogram("request_duration_seconds", "Latency", labelnames=("endpoint", "route", "path"))',
      ),
    },
  ],
  invalid: [
    {
      filename,
      code: fastapiRecording('request.method, request.url.path, response.status_code'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'path', 'url'),
          line: 10,
          column: 37,
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              data: { replacement: 'getattr(request.scope.get("route"), "path", "unmatched")' },
              output: fastapiRecording(
                'request.method, getattr(request.scope.get("route"), "path", "unmatched"), response.status_code',
              ),
            },
            {
              messageId: 'dropLabel',
              data: { label: 'path', metric: 'http_requests_total', count: '1' },
              output: fastapiRecording('request.method, response.status_code').replace(
                '["method", "path", "status"]',
                '["method", "status"]',
              ),
            },
          ],
        },
      ],
    },
    // `import prometheus_client as prom`, keyword label values.
    {
      filename,
      code: py(
        'import prometheus_client as prom',
        'from fastapi import Request',
        'LATENCY = prom.Histogram("request_duration_seconds", "Latency", labelnames=["method", "route"])',
        'async def observe(request: Request, seconds: float):',
        '    LATENCY.labels(method=request.method, route=request.url.path).observe(seconds)',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'route', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                'import prometheus_client as prom',
                'from fastapi import Request',
                'LATENCY = prom.Histogram("request_duration_seconds", "Latency", labelnames=["method", "route"])',
                'async def observe(request: Request, seconds: float):',
                '    LATENCY.labels(method=request.method, route=getattr(request.scope.get("route"), "path", "unmatched")).observe(seconds)',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'import prometheus_client as prom',
                'from fastapi import Request',
                'LATENCY = prom.Histogram("request_duration_seconds", "Latency", labelnames=["method"])',
                'async def observe(request: Request, seconds: float):',
                '    LATENCY.labels(method=request.method).observe(seconds)',
              ),
            },
          ],
        },
      ],
    },
    // An f-string: the template goes inside it, in the other quotes.
    {
      filename,
      code: fastapiRecording('request.method, f"{request.method} {request.url.path}", 200'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'path', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              data: { replacement: "getattr(request.scope.get('route'), 'path', 'unmatched')" },
              output: fastapiRecording(
                "request.method, f\"{request.method} {getattr(request.scope.get('route'), 'path', 'unmatched')}\", 200",
              ),
            },
            {
              messageId: 'dropLabel',
              output: fastapiRecording('request.method, 200').replace(
                '["method", "path", "status"]',
                '["method", "status"]',
              ),
            },
          ],
        },
      ],
    },
    // Through a variable: reported where it is used; only the label can go.
    {
      filename,
      code: py(
        ...FASTAPI,
        ...MIDDLEWARE,
        '    path = request.url.path',
        '    REQUESTS.labels(request.method, path, response.status_code).inc()',
        '    return response',
      ),
      errors: [
        {
          messageId: 'unboundedValueVia',
          data: valueData('path', 'path', 'url', 'request.url.path'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: py(
                ...FASTAPI.map((line) => line.replace('["method", "path", "status"]', '["method", "status"]')),
                ...MIDDLEWARE,
                '    path = request.url.path',
                '    REQUESTS.labels(request.method, response.status_code).inc()',
                '    return response',
              ),
            },
          ],
        },
      ],
    },
    // The template with the raw path as its fallback.
    {
      filename,
      code: fastapiRecording('request.method, getattr(request.scope.get("route"), "path", request.url.path), 200'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'path', 'fallback'),
          suggestions: [
            {
              messageId: 'useUnmatched',
              output: fastapiRecording('request.method, getattr(request.scope.get("route"), "path", "unmatched"), 200'),
            },
            {
              messageId: 'dropLabel',
              output: fastapiRecording('request.method, 200').replace(
                '["method", "path", "status"]',
                '["method", "status"]',
              ),
            },
          ],
        },
      ],
    },
    {
      filename,
      code: py(
        ...FASTAPI,
        ...MIDDLEWARE,
        '    route = request.scope.get("route")',
        '    REQUESTS.labels(request.method, route.path if route else request.url.path, 200).inc()',
        '    return response',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'path', 'fallback'),
          suggestions: [
            {
              messageId: 'useUnmatched',
              output: py(
                ...FASTAPI,
                ...MIDDLEWARE,
                '    route = request.scope.get("route")',
                '    REQUESTS.labels(request.method, route.path if route else "unmatched", 200).inc()',
                '    return response',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                ...FASTAPI.map((line) => line.replace('["method", "path", "status"]', '["method", "status"]')),
                ...MIDDLEWARE,
                '    route = request.scope.get("route")',
                '    REQUESTS.labels(request.method, 200).inc()',
                '    return response',
              ),
            },
          ],
        },
      ],
    },
    // Error messages: `str(e)`, the exception itself in an f-string.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'ERRORS = Counter("errors_total", "Errors", ["kind"])',
        'def work():',
        '    try:',
        '        run()',
        '    except ValueError as exc:',
        '        ERRORS.labels(kind=str(exc)).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: { ...valueData('str(exc)', 'kind', 'error') },
          suggestions: [
            {
              messageId: 'useErrorName',
              data: { replacement: 'type(exc).__name__' },
              output: py(
                'from prometheus_client import Counter',
                'ERRORS = Counter("errors_total", "Errors", ["kind"])',
                'def work():',
                '    try:',
                '        run()',
                '    except ValueError as exc:',
                '        ERRORS.labels(kind=type(exc).__name__).inc()',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'from prometheus_client import Counter',
                'ERRORS = Counter("errors_total", "Errors", [])',
                'def work():',
                '    try:',
                '        run()',
                '    except ValueError as exc:',
                '        ERRORS.inc()',
              ),
            },
          ],
        },
      ],
    },
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'ERRORS = Counter("errors_total", "Errors", ["stage", "kind"])',
        'def work():',
        '    try:',
        '        run()',
        '    except Exception as e:',
        '        ERRORS.labels("load", f"failed: {e}").inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('e', 'kind', 'error'),
          suggestions: [
            {
              messageId: 'useErrorName',
              output: py(
                'from prometheus_client import Counter',
                'ERRORS = Counter("errors_total", "Errors", ["stage", "kind"])',
                'def work():',
                '    try:',
                '        run()',
                '    except Exception as e:',
                '        ERRORS.labels("load", f"failed: {type(e).__name__}").inc()',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'from prometheus_client import Counter',
                'ERRORS = Counter("errors_total", "Errors", ["stage"])',
                'def work():',
                '    try:',
                '        run()',
                '    except Exception as e:',
                '        ERRORS.labels("load").inc()',
              ),
            },
          ],
        },
      ],
    },
    // A FastAPI exception handler's `exc.detail`.
    {
      filename,
      code: py(
        'from fastapi import FastAPI, HTTPException, Request',
        'from prometheus_client import Counter',
        'app = FastAPI()',
        'FAILURES = Counter("http_failures_total", "Failures", ["reason"])',
        '@app.exception_handler(HTTPException)',
        'async def on_error(request: Request, exc: HTTPException):',
        '    FAILURES.labels(exc.detail).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('exc.detail', 'reason', 'error'),
          suggestions: [
            {
              messageId: 'useErrorName',
              output: py(
                'from fastapi import FastAPI, HTTPException, Request',
                'from prometheus_client import Counter',
                'app = FastAPI()',
                'FAILURES = Counter("http_failures_total", "Failures", ["reason"])',
                '@app.exception_handler(HTTPException)',
                'async def on_error(request: Request, exc: HTTPException):',
                '    FAILURES.labels(type(exc).__name__).inc()',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'from fastapi import FastAPI, HTTPException, Request',
                'from prometheus_client import Counter',
                'app = FastAPI()',
                'FAILURES = Counter("http_failures_total", "Failures", [])',
                '@app.exception_handler(HTTPException)',
                'async def on_error(request: Request, exc: HTTPException):',
                '    FAILURES.inc()',
              ),
            },
          ],
        },
      ],
    },
    // Label names: reported at the declaration, dropped there and at every `.labels` call (the last label: the call goes).
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'LOGINS = Counter("logins_total", "Logins", labelnames=["user_id"])',
        'def login(user):',
        '    LOGINS.labels(user.plan).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: { label: 'user_id', metric: ' on `logins_total`', why: WHY.user[0], advice: WHY.user[1] },
          suggestions: [
            {
              messageId: 'dropLabel',
              data: { label: 'user_id', metric: 'logins_total', count: '1' },
              output: py(
                'from prometheus_client import Counter',
                'LOGINS = Counter("logins_total", "Logins", labelnames=[])',
                'def login(user):',
                '    LOGINS.inc()',
              ),
            },
          ],
        },
      ],
    },
    {
      filename,
      code: py(
        'from prometheus_client import Histogram',
        'SENT = Histogram("mail_send_seconds", "Sending", ("provider", "email"))',
        'def sent(provider, to, seconds):',
        '    SENT.labels(provider=provider, email=to).observe(seconds)',
      ),
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: { label: 'email', metric: ' on `mail_send_seconds`', why: WHY.email[0], advice: WHY.email[1] },
          suggestions: [
            {
              messageId: 'dropLabel',
              // A tuple left with one element keeps its comma.
              output: py(
                'from prometheus_client import Histogram',
                'SENT = Histogram("mail_send_seconds", "Sending", ("provider",))',
                'def sent(provider, to, seconds):',
                '    SENT.labels(provider=provider).observe(seconds)',
              ),
            },
          ],
        },
      ],
    },
    // Request attributes: the client's address, headers, query strings, path parameters.
    ...(
      [
        ['request.client.host', 'ip'],
        ['request.headers.get("user-agent")', 'header'],
        ['request.headers["x-forwarded-for"]', 'ip'],
        ['request.query_params.get("q")', 'query'],
        ['request.path_params["order_id"]', 'id'],
        ['request.state.user_id', 'user'],
      ] as const
    ).map(([expression, reason]) => ({
      filename,
      code: fastapiRecording(`request.method, ${expression}, 200`),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData(expression, 'path', reason),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: fastapiRecording('request.method, 200').replace(
                '["method", "path", "status"]',
                '["method", "status"]',
              ),
            },
          ],
        },
      ],
    })),
    // Values new on every call: ids and timestamps.
    ...(
      [
        ['str(uuid.uuid4())', 'uuid.uuid4()', 'unique'],
        ['datetime.now().isoformat()', '', 'time'],
        ['str(int(time.time()))', 'time.time()', 'time'],
      ] as const
    ).map(([expression, origin, reason]) => {
      const code = (value: string) =>
        py(
          'import time',
          'import uuid',
          'from datetime import datetime',
          'from prometheus_client import Counter',
          `JOBS = Counter("jobs_total", "Jobs", [${value === '' ? '' : '"queue", "run"'}])`,
          `JOBS.labels(${value === '' ? '' : `"emails", ${value}`}).inc()`,
        );
      return {
        filename,
        code: code(expression),
        errors: [
          {
            messageId: origin ? 'unboundedValueVia' : 'unboundedValue',
            data: valueData(expression, 'run', reason, origin),
            suggestions: [
              {
                messageId: 'dropLabel',
                output: code(expression).replace('["queue", "run"]', '["queue"]').replace(`, ${expression})`, ')'),
              },
            ],
          },
        ],
      };
    }),
    // Metrics held by a class: `self.x` assigned in `__init__`, and a class attribute.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'class Metrics:',
        '    hits = Counter("hits_total", "Hits", ["route"])',
        '    def __init__(self):',
        '        self.errors = Counter("handler_errors_total", "Errors", ["client"])',
        '    def record(self, request):',
        '        self.errors.labels(request.client.host).inc()',
        '        self.hits.labels(request.scope["route"].path).inc()',
        '        Metrics.hits.labels(request.url.query).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.client.host', 'client', 'ip'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: py(
                'from prometheus_client import Counter',
                'class Metrics:',
                '    hits = Counter("hits_total", "Hits", ["route"])',
                '    def __init__(self):',
                '        self.errors = Counter("handler_errors_total", "Errors", [])',
                '    def record(self, request):',
                '        self.errors.inc()',
                '        self.hits.labels(request.scope["route"].path).inc()',
                '        Metrics.hits.labels(request.url.query).inc()',
              ),
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.query', 'route', 'query'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: py(
                'from prometheus_client import Counter',
                'class Metrics:',
                '    hits = Counter("hits_total", "Hits", [])',
                '    def __init__(self):',
                '        self.errors = Counter("handler_errors_total", "Errors", ["client"])',
                '    def record(self, request):',
                '        self.errors.labels(request.client.host).inc()',
                '        self.hits.inc()',
                '        Metrics.hits.inc()',
              ),
            },
          ],
        },
      ],
    },
    // Flask: `request.path`; the template needs parentheses inside `+`.
    {
      filename,
      code: py(
        'from flask import request',
        'from prometheus_client import Counter',
        'REQUESTS = Counter("http_requests_total", "Requests", ["route"])',
        'def after(response):',
        '    REQUESTS.labels("api:" + request.path).inc()',
        '    return response',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.path', 'route', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              data: { replacement: 'request.url_rule.rule if request.url_rule else "unmatched"' },
              output: py(
                'from flask import request',
                'from prometheus_client import Counter',
                'REQUESTS = Counter("http_requests_total", "Requests", ["route"])',
                'def after(response):',
                '    REQUESTS.labels("api:" + (request.url_rule.rule if request.url_rule else "unmatched")).inc()',
                '    return response',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'from flask import request',
                'from prometheus_client import Counter',
                'REQUESTS = Counter("http_requests_total", "Requests", [])',
                'def after(response):',
                '    REQUESTS.inc()',
                '    return response',
              ),
            },
          ],
        },
      ],
    },
    // Django: `request.get_full_path()`, the user's e-mail.
    {
      filename,
      code: py(
        'from django.http import HttpResponse',
        'from prometheus_client import Counter',
        'VIEWS = Counter("views_total", "Views", ["path", "who"])',
        'def view(request):',
        '    VIEWS.labels(request.get_full_path(), request.user.email).inc()',
        '    return HttpResponse("ok")',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.get_full_path()', 'path', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                'from django.http import HttpResponse',
                'from prometheus_client import Counter',
                'VIEWS = Counter("views_total", "Views", ["path", "who"])',
                'def view(request):',
                '    VIEWS.labels(request.resolver_match.route if request.resolver_match else "unmatched", request.user.email).inc()',
                '    return HttpResponse("ok")',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'from django.http import HttpResponse',
                'from prometheus_client import Counter',
                'VIEWS = Counter("views_total", "Views", ["who"])',
                'def view(request):',
                '    VIEWS.labels(request.user.email).inc()',
                '    return HttpResponse("ok")',
              ),
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          data: valueData('request.user.email', 'who', 'email'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: py(
                'from django.http import HttpResponse',
                'from prometheus_client import Counter',
                'VIEWS = Counter("views_total", "Views", ["path"])',
                'def view(request):',
                '    VIEWS.labels(request.get_full_path()).inc()',
                '    return HttpResponse("ok")',
              ),
            },
          ],
        },
      ],
    },
    // A raw ASGI middleware: `scope["path"]`.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'REQUESTS = Counter("asgi_requests_total", "Requests", ["path"])',
        'class Metrics:',
        '    async def __call__(self, scope, receive, send):',
        '        await self.app(scope, receive, send)',
        '        REQUESTS.labels(scope["path"]).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('scope["path"]', 'path', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                'from prometheus_client import Counter',
                'REQUESTS = Counter("asgi_requests_total", "Requests", ["path"])',
                'class Metrics:',
                '    async def __call__(self, scope, receive, send):',
                '        await self.app(scope, receive, send)',
                '        REQUESTS.labels(getattr(scope.get("route"), "path", "unmatched")).inc()',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'from prometheus_client import Counter',
                'REQUESTS = Counter("asgi_requests_total", "Requests", [])',
                'class Metrics:',
                '    async def __call__(self, scope, receive, send):',
                '        await self.app(scope, receive, send)',
                '        REQUESTS.inc()',
              ),
            },
          ],
        },
      ],
    },
    // prometheus-fastapi-instrumentator: unmatched requests labelled with their raw path.
    {
      filename,
      code: py(
        'from prometheus_fastapi_instrumentator import Instrumentator',
        'Instrumentator(should_group_status_codes=False, should_group_untemplated=False).instrument(app)',
      ),
      errors: [
        {
          messageId: 'unboundedOption',
          data: {
            option: 'should_group_untemplated',
            value: 'False',
            library: 'prometheus-fastapi-instrumentator',
            what: 'the raw path of requests no route matched',
            label: 'handler',
            why: WHY.fallback[0],
          },
          suggestions: [
            {
              messageId: 'setOption',
              output: py(
                'from prometheus_fastapi_instrumentator import Instrumentator',
                'Instrumentator(should_group_status_codes=False, should_group_untemplated=True).instrument(app)',
              ),
            },
          ],
        },
      ],
    },
    // starlette_exporter: raw paths for every request (the path grouping off), or for unmatched ones.
    {
      filename,
      code: py(
        'import starlette_exporter',
        'app.add_middleware(starlette_exporter.PrometheusMiddleware, group_paths=False, filter_unhandled_paths=False)',
      ),
      errors: [
        {
          message:
            '`group_paths=False` makes starlette_exporter record the raw request path of every request as label `path`, which creates one series per URL (ids, query strings).',
          suggestions: [
            {
              messageId: 'setOption',
              output: py(
                'import starlette_exporter',
                'app.add_middleware(starlette_exporter.PrometheusMiddleware, group_paths=True, filter_unhandled_paths=False)',
              ),
            },
          ],
        },
      ],
    },
    {
      filename,
      code: py(
        'from starlette_exporter import PrometheusMiddleware',
        'app = PrometheusMiddleware(app, filter_unhandled_paths=False)',
      ),
      errors: [
        {
          messageId: 'unboundedOption',
          data: {
            option: 'filter_unhandled_paths',
            value: 'False',
            library: 'starlette_exporter',
            what: 'the raw path of requests no route matched',
            label: 'path',
            why: WHY.fallback[0],
          },
          suggestions: [
            {
              messageId: 'setOption',
              output: py(
                'from starlette_exporter import PrometheusMiddleware',
                'app = PrometheusMiddleware(app, filter_unhandled_paths=True)',
              ),
            },
          ],
        },
      ],
    },
    // starlette_exporter's custom labels: a callable of the request, and a name that says what it holds.
    {
      filename,
      code: py(
        'from starlette_exporter import PrometheusMiddleware',
        'app.add_middleware(',
        '    PrometheusMiddleware,',
        '    labels={"tenant": lambda r: r.headers["x-tenant"], "session_id": lambda r: r.cookies.get("sid")},',
        ')',
      ),
      errors: [
        { messageId: 'unboundedValue', data: valueData('r.headers["x-tenant"]', 'tenant', 'header') },
        { messageId: 'unboundedValue', data: valueData('r.cookies.get("sid")', 'session_id', 'token') },
      ],
    },
    // highCardinalityNames: a project's own unbounded label.
    {
      filename,
      code: py('from prometheus_client import Counter', 'CARTS = Counter("carts_total", "Carts", ["cart"])'),
      options: [{ highCardinalityNames: ['cart'] }],
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: { label: 'cart', metric: ' on `carts_total`', why: WHY.id[0], advice: WHY.id[1] },
          suggestions: [
            {
              messageId: 'dropLabel',
              data: { label: 'cart', metric: 'carts_total', count: '0' },
              output: py('from prometheus_client import Counter', 'CARTS = Counter("carts_total", "Carts", [])'),
            },
          ],
        },
      ],
    },
    // Without the routeTemplates option, the same attribute is judged by its name.
    {
      filename,
      code: fastapiRecording('request.method, request.state.template_url, response.status_code'),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.state.template_url', 'path', 'url'),
          suggestions: [
            {
              messageId: 'dropLabel',
              output: fastapiRecording('request.method, response.status_code').replace(
                '["method", "path", "status"]',
                '["method", "status"]',
              ),
            },
          ],
        },
      ],
    },
    // A `.labels(**labels)` call: no drop suggestion (its keys cannot be edited here), the value is still judged.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'LOGINS = Counter("logins_total", "Logins", ["plan", "user_id"])',
        'def login(user, extra):',
        '    LOGINS.labels(user.plan, user.id).inc()',
        '    LOGINS.labels(**extra).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: { label: 'user_id', metric: ' on `logins_total`', why: WHY.user[0], advice: WHY.user[1] },
          suggestions: [],
        },
        { messageId: 'unboundedValue', data: valueData('user.id', 'user_id', 'id'), suggestions: [] },
      ],
    },
    // A helper's parameter: reported at the call that passes the raw path, with the template there.
    {
      filename,
      code: py(
        ...FASTAPI,
        'class Recorder:',
        '    def record(self, method, endpoint):',
        '        REQUESTS.labels(method=method, path=endpoint, status="200").inc()',
        '    def handle(self, request):',
        '        self.record(request.method, request.url.path)',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'path', 'url'),
          line: 11,
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                ...FASTAPI,
                'class Recorder:',
                '    def record(self, method, endpoint):',
                '        REQUESTS.labels(method=method, path=endpoint, status="200").inc()',
                '    def handle(self, request):',
                '        self.record(request.method, getattr(request.scope.get("route"), "path", "unmatched"))',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                ...FASTAPI.map((line) => line.replace('["method", "path", "status"]', '["method", "status"]')),
                'class Recorder:',
                '    def record(self, method, endpoint):',
                '        REQUESTS.labels(method=method, status="200").inc()',
                '    def handle(self, request):',
                '        self.record(request.method, request.url.path)',
              ),
            },
          ],
        },
      ],
    },
    // Metrics imported from the project's metrics module: values judged here (the declaration's file is not edited
    // from here, so no drop suggestion); a label name given as a keyword is judged at the keyword.
    {
      filename: inProject('api', 'routes.py'),
      code: py(
        'from fastapi import Request',
        'from app.metrics import REQUESTS',
        'from ..metrics import LATENCY',
        'from app import metrics',
        'async def handle(request: Request, user):',
        '    REQUESTS.labels(request.method, request.url.path, 200).inc()',
        '    LATENCY.labels(route=str(request.url)).observe(0.1)',
        '    metrics.SIGNUPS.labels(plan=user.plan, user_id=user.ref).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'path', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                'from fastapi import Request',
                'from app.metrics import REQUESTS',
                'from ..metrics import LATENCY',
                'from app import metrics',
                'async def handle(request: Request, user):',
                '    REQUESTS.labels(request.method, getattr(request.scope.get("route"), "path", "unmatched"), 200).inc()',
                '    LATENCY.labels(route=str(request.url)).observe(0.1)',
                '    metrics.SIGNUPS.labels(plan=user.plan, user_id=user.ref).inc()',
              ),
            },
          ],
        },
        {
          messageId: 'unboundedValueVia',
          data: valueData('str(request.url)', 'route', 'url', 'request.url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                'from fastapi import Request',
                'from app.metrics import REQUESTS',
                'from ..metrics import LATENCY',
                'from app import metrics',
                'async def handle(request: Request, user):',
                '    REQUESTS.labels(request.method, request.url.path, 200).inc()',
                '    LATENCY.labels(route=getattr(request.scope.get("route"), "path", "unmatched")).observe(0.1)',
                '    metrics.SIGNUPS.labels(plan=user.plan, user_id=user.ref).inc()',
              ),
            },
          ],
        },
        {
          messageId: 'unboundedLabelName',
          data: { label: 'user_id', metric: '', why: WHY.user[0], advice: WHY.user[1] },
        },
      ],
    },
    // Label values spread from a dict: in place, or assigned once (no drop: the dict's keys are not the call's).
    {
      filename,
      code: py(
        ...FASTAPI,
        'LATENCY = Histogram("request_seconds", "Latency", ["method", "route"])',
        'def record(request, seconds):',
        '    labels = {"method": request.method, "route": request.url.path}',
        '    LATENCY.labels(**labels).observe(seconds)',
        '    REQUESTS.labels(**{"method": request.method, "path": request.client.host, "status": "200"}).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('request.url.path', 'route', 'url'),
          line: 9,
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                ...FASTAPI,
                'LATENCY = Histogram("request_seconds", "Latency", ["method", "route"])',
                'def record(request, seconds):',
                '    labels = {"method": request.method, "route": getattr(request.scope.get("route"), "path", "unmatched")}',
                '    LATENCY.labels(**labels).observe(seconds)',
                '    REQUESTS.labels(**{"method": request.method, "path": request.client.host, "status": "200"}).inc()',
              ),
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          data: valueData('request.client.host', 'path', 'ip'),
          line: 11,
          suggestions: [],
        },
      ],
    },
    // A label-name constant shared by two metrics: its names are reported once, with nothing to drop.
    {
      filename,
      code: py(
        'from prometheus_client import Counter, Histogram',
        'LABELS = ["method", "client_ip"]',
        'A = Counter("requests_total", "Requests", LABELS)',
        'B = Histogram("request_seconds", "Latency", labelnames=LABELS)',
      ),
      errors: [
        {
          messageId: 'unboundedLabelName',
          data: { label: 'client_ip', metric: ' on `requests_total`', why: WHY.ip[0], advice: WHY.ip[1] },
          line: 2,
          suggestions: [],
        },
      ],
    },
    // Black-formatted, one argument a line with trailing commas: the label goes with its line.
    {
      filename,
      code: py(
        'from prometheus_client import Counter',
        'REQUESTS = Counter(',
        '    "http_requests_total",',
        '    "Requests",',
        '    labelnames=[',
        '        "method",',
        '        "client_ip",',
        '    ],',
        ')',
        'def record(request):',
        '    REQUESTS.labels(',
        '        method=request.method,',
        '        client_ip=request.client.host,',
        '    ).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedLabelName',
          line: 7,
          suggestions: [
            {
              messageId: 'dropLabel',
              output: py(
                'from prometheus_client import Counter',
                'REQUESTS = Counter(',
                '    "http_requests_total",',
                '    "Requests",',
                '    labelnames=[',
                '        "method",',
                '    ],',
                ')',
                'def record(request):',
                '    REQUESTS.labels(',
                '        method=request.method,',
                '    ).inc()',
              ),
            },
          ],
        },
        {
          messageId: 'unboundedValue',
          line: 13,
          suggestions: [
            {
              messageId: 'dropLabel',
              output: py(
                'from prometheus_client import Counter',
                'REQUESTS = Counter(',
                '    "http_requests_total",',
                '    "Requests",',
                '    labelnames=[',
                '        "method",',
                '    ],',
                ')',
                'def record(request):',
                '    REQUESTS.labels(',
                '        method=request.method,',
                '    ).inc()',
              ),
            },
          ],
        },
      ],
    },
    // A Django class-based view's `self.request`; its route template is fine.
    {
      filename,
      code: py(
        'from django.views import View',
        'from prometheus_client import Counter',
        'VIEWS = Counter("views_total", "Views", ["path"])',
        'class Page(View):',
        '    def get(self, request):',
        '        VIEWS.labels(self.request.resolver_match.route).inc()',
        '        VIEWS.labels(self.request.path).inc()',
      ),
      errors: [
        {
          messageId: 'unboundedValue',
          data: valueData('self.request.path', 'path', 'url'),
          suggestions: [
            {
              messageId: 'useRouteTemplate',
              output: py(
                'from django.views import View',
                'from prometheus_client import Counter',
                'VIEWS = Counter("views_total", "Views", ["path"])',
                'class Page(View):',
                '    def get(self, request):',
                '        VIEWS.labels(self.request.resolver_match.route).inc()',
                '        VIEWS.labels(self.request.resolver_match.route if self.request.resolver_match else "unmatched").inc()',
              ),
            },
            {
              messageId: 'dropLabel',
              output: py(
                'from django.views import View',
                'from prometheus_client import Counter',
                'VIEWS = Counter("views_total", "Views", [])',
                'class Page(View):',
                '    def get(self, request):',
                '        VIEWS.inc()',
                '        VIEWS.inc()',
              ),
            },
          ],
        },
      ],
    },
  ],
});
