import { pythonRule, pythonRuleTester } from './tester';
import { MAIN, pyProject, pyProjectText, serviceSuggestion, withServiceSuggestions } from './service-projects';

const ruleId = 'require-request-timing';

/** An app with one route, after `setup` (module-level lines after `app = FastAPI()`). */
function appWith(imports: string, setup = ''): string {
  return `${imports}from fastapi import FastAPI

app = FastAPI()
${setup}

@app.get("/orders")
async def orders():
    return []
`;
}

const LOGGED_DURATION = `
@app.middleware("http")
async def log_requests(request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    logger.info("%s %s %.3f", request.method, request.url.path, time.perf_counter() - started)
    return response
`;

pythonRuleTester().run(ruleId, pythonRule(ruleId), {
  valid: [
    {
      name: "a middleware hands the measured duration to a metrics provider's timer (statsd, Datadog, in-house)",
      filename: MAIN,
      code: appWith(
        'import time\n\nfrom app.metrics import metric_provider\n',
        `
@app.middleware("http")
async def metrics(request, call_next):
    start = time.perf_counter()
    response = await call_next(request)
    metric_provider.timer("server.call.elapsed", value=time.perf_counter() - start, tags={"method": request.method})
    return response
`,
      ),
    },
    {
      name: 'prometheus-fastapi-instrumentator instruments the app',
      filename: MAIN,
      code: appWith(
        'from prometheus_fastapi_instrumentator import Instrumentator\n',
        'Instrumentator().instrument(app).expose(app)\n',
      ),
    },
    {
      name: 'an Instrumentator bound to a name, instrumenting at startup',
      filename: MAIN,
      code: appWith(
        'from prometheus_fastapi_instrumentator import Instrumentator\n',
        `instrumentator = Instrumentator(should_group_status_codes=False)


@app.on_event("startup")
async def startup():
    instrumentator.instrument(app).expose(app)
`,
      ),
    },
    {
      name: "starlette-exporter's PrometheusMiddleware",
      filename: MAIN,
      code: appWith(
        'from starlette_exporter import PrometheusMiddleware, handle_metrics\n',
        'app.add_middleware(PrometheusMiddleware)\napp.add_route("/metrics", handle_metrics)\n',
      ),
    },
    {
      name: 'OpenTelemetry FastAPIInstrumentor.instrument_app',
      filename: MAIN,
      code: appWith(
        'from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor\n',
        'FastAPIInstrumentor.instrument_app(app)\n',
      ),
    },
    {
      name: "OpenTelemetry's ASGI middleware",
      filename: MAIN,
      code: appWith(
        'from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware\n',
        'app.add_middleware(OpenTelemetryMiddleware)\n',
      ),
    },
    {
      name: 'a middleware that measures with perf_counter and logs the duration (no metrics library)',
      filename: MAIN,
      code: appWith('import logging\nimport time\n', `logger = logging.getLogger(__name__)\n${LOGGED_DURATION}`),
    },
    {
      name: 'perf_counter imported from time, duration logged with loguru',
      filename: MAIN,
      code: appWith(
        'from time import perf_counter\nfrom loguru import logger\n',
        `
@app.middleware("http")
async def timed(request, call_next):
    start = perf_counter()
    response = await call_next(request)
    logger.info("{} took {}", request.url.path, perf_counter() - start)
    return response
`,
      ),
    },
    {
      name: 'a middleware that observes a prometheus_client Histogram',
      filename: MAIN,
      code: appWith(
        'import time\nfrom prometheus_client import Histogram\n',
        `REQUEST_SECONDS = Histogram("http_request_duration_seconds", "Request duration", ["method", "route"])


@app.middleware("http")
async def observe(request, call_next):
    start = time.monotonic()
    response = await call_next(request)
    REQUEST_SECONDS.labels(request.method, request.url.path).observe(time.monotonic() - start)
    return response
`,
      ),
    },
    {
      name: 'a middleware timing with Histogram.time() as a context manager',
      filename: MAIN,
      code: appWith(
        'from prometheus_client import Histogram\n',
        `LATENCY = Histogram("http_request_duration_seconds", "Request duration")


@app.middleware("http")
async def observe(request, call_next):
    with LATENCY.time():
        return await call_next(request)
`,
      ),
    },
    {
      name: 'a project middleware class (another module) that measures and logs',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `from fastapi import FastAPI

from .middleware import RequestLoggingMiddleware
from .routers import users

app = FastAPI()
app.add_middleware(RequestLoggingMiddleware)
app.include_router(users.router, prefix="/v1")
`,
    },
    {
      name: 'the factory module of an app instrumented where the factory is called (another module)',
      filename: pyProject('factory-app', 'src', 'service', 'factory.py'),
      code: pyProjectText('factory-app', 'src', 'service', 'factory.py'),
    },
    {
      name: 'requireMetric never: a logged duration suffices though prometheus_client is imported',
      filename: MAIN,
      options: [{ requireMetric: 'never' }],
      code: appWith(
        'import logging\nimport time\nimport prometheus_client\n',
        `logger = logging.getLogger(__name__)\n${LOGGED_DURATION}`,
      ),
    },
    {
      name: "fastapi-utils' add_timing_middleware",
      filename: MAIN,
      code: appWith(
        'import logging\nfrom fastapi_utils.timing import add_timing_middleware\n',
        'add_timing_middleware(app, record=logging.getLogger(__name__).info)\n',
      ),
    },
    {
      name: "timing-asgi's TimingMiddleware",
      filename: MAIN,
      code: appWith(
        'from timing_asgi import TimingMiddleware\nfrom timing_asgi.integrations import StarletteScopeToName\n',
        'app.add_middleware(TimingMiddleware, client=None, metric_namer=StarletteScopeToName(prefix="svc", starlette_app=app))\n',
      ),
    },
    {
      name: 'the middleware option names a middleware that times requests',
      filename: MAIN,
      options: [{ middleware: ['LatencyMiddleware'] }],
      code: appWith('from acme_http import LatencyMiddleware\n', 'app.add_middleware(LatencyMiddleware)\n'),
    },
    {
      name: 'only probes and the metrics scrape',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/readyz")
def readyz():
    return {}


@app.get("/metrics")
def metrics():
    return ""
`,
    },
    { name: 'an app without routes', filename: MAIN, code: 'from fastapi import FastAPI\n\napp = FastAPI()\n' },
    {
      name: 'the app is handed to a function the analysis cannot read',
      filename: MAIN,
      code: appWith('from acme_platform import observe_app\n', 'observe_app(app)\n'),
    },
    {
      name: 'a sub-app mounted in another app: judged at the root app only',
      filename: pyProject('mounted-app', 'web', 'v1.py'),
      code: pyProjectText('mounted-app', 'web', 'v1.py'),
    },
    {
      name: 'a router module (no app created here)',
      filename: pyProject('routers-app', 'app', 'routers', 'users.py'),
      code: pyProjectText('routers-app', 'app', 'routers', 'users.py'),
    },
    {
      name: 'a pure ASGI middleware class whose __call__ measures with time.time and logs',
      filename: MAIN,
      code: appWith(
        'import logging\nimport time\n',
        `log = logging.getLogger("access")


class Timing:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        start = time.time()
        await self.app(scope, receive, send)
        log.info("%s %.3fs", scope.get("path"), time.time() - start)


app.add_middleware(Timing)
`,
      ),
    },
    {
      name: "starlette-prometheus's PrometheusMiddleware",
      filename: MAIN,
      code: appWith(
        'from starlette_prometheus import PrometheusMiddleware, metrics\n',
        'app.add_middleware(PrometheusMiddleware)\napp.add_route("/metrics", metrics)\n',
      ),
    },
    {
      name: 'an APIRoute subclass that measures and logs, as the route_class of the only router',
      filename: MAIN,
      code: `import logging
import time
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

logger = logging.getLogger(__name__)


class TimedRoute(APIRoute):
    def get_route_handler(self):
        original = super().get_route_handler()

        async def handler(request):
            before = time.perf_counter()
            response = await original(request)
            logger.info("%s took %.3f", request.url.path, time.perf_counter() - before)
            return response

        return handler


router = APIRouter(route_class=TimedRoute)


@router.get("/orders")
async def orders():
    return []


app = FastAPI()
app.include_router(router, prefix="/v1")
`,
    },
    {
      name: 'a test module creating an app to exercise it (tests/ directory)',
      filename: '/project/tests/test_orders.py',
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'a test module named test_*.py next to the app',
      filename: '/project/app/test_main.py',
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'FastAPIInstrumentor().instrument() instruments every FastAPI app of the process',
      filename: MAIN,
      code: appWith(
        'from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor\n',
        'FastAPIInstrumentor().instrument()\n',
      ),
    },
    {
      name: 'a duration from datetime.now() logged by a middleware',
      filename: MAIN,
      code: appWith(
        'import logging\nfrom datetime import datetime\n',
        `logger = logging.getLogger(__name__)


@app.middleware("http")
async def timed(request, call_next):
    started = datetime.now()
    response = await call_next(request)
    logger.info("%s took %s", request.url.path, datetime.now() - started)
    return response
`,
      ),
    },
    {
      name: 'a middleware that times and logs through a helper imported from another module',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `import time

from fastapi import FastAPI

from .logs import log_request

app = FastAPI()


@app.middleware("http")
async def access_log(request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    log_request(request, response, time.perf_counter() - started)
    return response


@app.get("/orders")
async def orders():
    return []
`,
    },
  ],
  invalid: withServiceSuggestions([
    {
      name: 'no middleware times requests (no metrics library: a logged duration is asked for)',
      filename: MAIN,
      code: appWith(''),
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 3,
          column: 7,
          suggestions: serviceSuggestion(
            'requestTiming',
            { logger: 'logging', metrics: 'none', appName: 'app', servedPaths: ['/orders'] },
            'Time each request of this app: a middleware that logs each request once with its duration_ms (the request log).',
          ),
        },
      ],
    },
    {
      name: 'the message says uvicorn access log has no duration',
      filename: MAIN,
      code: appWith('import uvicorn\n', 'uvicorn.run(app)\n'),
      errors: [
        {
          message: /^1 route\(s\) of this app are not timed \(GET \/orders\): .*uvicorn's access log has none/,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'the X-Process-Time header middleware: measured, never recorded',
      filename: MAIN,
      code: appWith(
        'import time\n',
        `
@app.middleware("http")
async def add_process_time_header(request, call_next):
    start_time = time.time()
    response = await call_next(request)
    process_time = time.time() - start_time
    response.headers["X-Process-Time"] = str(process_time)
    return response
`,
      ),
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 4,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a middleware that logs without measuring',
      filename: MAIN,
      code: appWith(
        'import logging\n',
        `logger = logging.getLogger(__name__)


@app.middleware("http")
async def log_requests(request, call_next):
    response = await call_next(request)
    logger.info("%s %s", request.url.path, response.status_code)
    return response
`,
      ),
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 4,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a project middleware class that measures but only sets a header (another module)',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `from fastapi import FastAPI

from .middleware import ProcessTimeHeaderMiddleware

app = FastAPI()
app.add_middleware(ProcessTimeHeaderMiddleware)


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 5,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'prometheus_client in the project: a logged duration is not a metric',
      filename: MAIN,
      code: appWith(
        'import logging\nimport time\nfrom prometheus_client import Counter\n',
        `logger = logging.getLogger(__name__)\n${LOGGED_DURATION}`,
      ),
      errors: [
        {
          line: 6,
          message:
            /^1 route\(s\) of this app are not timed by a metric \(GET \/orders\): prometheus_client is in the project/,
          suggestions: [
            {
              desc: 'Time each request of this app: an http_request_duration_seconds histogram by method, route template and status, served on GET /metrics.',
              output: `import logging
import time
from prometheus_client import Counter, Histogram, generate_latest, CONTENT_TYPE_LATEST
from fastapi import FastAPI, Request, Response

HTTP_REQUEST_DURATION = Histogram(
    "http_request_duration_seconds",
    "Duration of HTTP requests in seconds, by method, route template and status code.",
    ["method", "route", "status_code"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


app = FastAPI()


@app.middleware("http")
async def request_timing_middleware(request: Request, call_next) -> Response:
    """Records each request in HTTP_REQUEST_DURATION by route template; unmatched requests share one series."""
    started = time.perf_counter()
    status = 500
    try:
        response = await call_next(request)
        status = response.status_code
        return response
    finally:
        # The route template (\`/users/{user_id}\`), never the concrete path: one series per route.
        route = getattr(request.scope.get("route"), "path", "unmatched")
        if route not in {"/health", "/health/ready", "/metrics"}:
            HTTP_REQUEST_DURATION.labels(request.method, route, str(status)).observe(
                time.perf_counter() - started
            )


@app.get("/metrics", include_in_schema=False)
def metrics_endpoint() -> Response:
    """The default registry, for Prometheus to scrape."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


logger = logging.getLogger(__name__)

@app.middleware("http")
async def log_requests(request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    logger.info("%s %s %.3f", request.method, request.url.path, time.perf_counter() - started)
    return response


@app.get("/orders")
async def orders():
    return []
`,
            },
          ],
        },
      ],
    },
    {
      name: "requireMetric 'always' without a metrics library",
      filename: MAIN,
      options: [{ requireMetric: 'always' }],
      code: appWith('import logging\nimport time\n', `logger = logging.getLogger(__name__)\n${LOGGED_DURATION}`),
      errors: [{ message: /requireMetric is 'always'/, line: 5, suggestions: [] }],
    },
    {
      name: 'a duration computed and thrown away',
      filename: MAIN,
      code: appWith(
        'import time\n',
        `
@app.middleware("http")
async def measure(request, call_next):
    start = time.monotonic()
    response = await call_next(request)
    elapsed = time.monotonic() - start
    return response
`,
      ),
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 4,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'an Instrumentator created but never told to instrument the app',
      filename: MAIN,
      code: appWith(
        'from prometheus_fastapi_instrumentator import Instrumentator\n',
        'instrumentator = Instrumentator()\n',
      ),
      errors: [
        {
          messageId: 'noRequestMetricPython',
          line: 4,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'prometheus_client',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a histogram observed in one handler does not time the app',
      filename: MAIN,
      code: `import time
from fastapi import FastAPI
from prometheus_client import Histogram

LATENCY = Histogram("orders_seconds", "Orders latency")
app = FastAPI()


@app.get("/orders")
async def orders():
    start = time.perf_counter()
    LATENCY.observe(time.perf_counter() - start)
    return []
`,
      errors: [
        {
          messageId: 'noRequestMetricPython',
          line: 6,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'prometheus_client',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'routers of other modules with prefixes (probes exempt)',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: pyProjectText('routers-app', 'app', 'main.py'),
      errors: [
        {
          message:
            /^7 route\(s\) of this app are not timed \(GET \/v1\/users\/\{user_id\}, POST \/v1\/users\/, GET \/v1\/users\/admin\/stats, …\)/,
          line: 7,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: [
              '/v1/users/{user_id}',
              '/v1/users/',
              '/v1/users/admin/stats',
              '/items',
              '/items/{item_id}',
              '/api/orders',
              '/status',
              '/health',
              '/health/ready',
            ],
          }),
        },
      ],
    },
    {
      name: 'prometheus-client declared in requirements.txt makes the metric required',
      filename: pyProject('factory-app', 'src', 'service', 'other.py'),
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/other")
async def other():
    return []
`,
      errors: [
        {
          messageId: 'noRequestMetricPython',
          line: 3,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'prometheus_client',
            appName: 'app',
            servedPaths: ['/other'],
          }),
        },
      ],
    },
    {
      name: 'instrumentation of another app of the module',
      filename: MAIN,
      code: `from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator

admin = FastAPI()
Instrumentator().instrument(admin)
app = FastAPI()


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'noRequestMetricPython',
          line: 6,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'prometheus_client',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'the middleware option names something else',
      filename: MAIN,
      options: [{ middleware: ['Other'] }],
      code: appWith('from acme_http import LatencyMiddleware\n', 'app.add_middleware(LatencyMiddleware)\n'),
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 4,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a Starlette app with a route list',
      filename: MAIN,
      code: `from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def orders(request):
    return JSONResponse([])


app = Starlette(routes=[Route("/orders", orders, methods=["GET", "POST"])])
`,
      errors: [
        {
          message: /^2 route\(s\) of this app are not timed \(GET \/orders, POST \/orders\)/,
          line: 10,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a factory app without timing (reported in the factory)',
      filename: MAIN,
      code: `from fastapi import FastAPI


def create_app():
    app = FastAPI()

    @app.get("/orders")
    async def orders():
        return []

    return app
`,
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 5,
          column: 11,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a dependency cannot time a request (it never sees the response)',
      filename: MAIN,
      code: `import logging
import time
from fastapi import Depends, FastAPI

logger = logging.getLogger(__name__)


def stamp():
    logger.info("start %s", time.perf_counter())


app = FastAPI(dependencies=[Depends(stamp)])


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 12,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a mounted sub-app timed by its own middleware does not time the parent routes',
      filename: MAIN,
      code: `from fastapi import FastAPI
from starlette_exporter import PrometheusMiddleware

app = FastAPI()
v1 = FastAPI()
v1.add_middleware(PrometheusMiddleware)


@v1.get("/reports")
async def reports():
    return []


@app.get("/orders")
async def orders():
    return []


app.mount("/v1", v1)
`,
      errors: [
        {
          message: /^1 route\(s\) of this app are not timed by a metric \(GET \/orders\)/,
          line: 4,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'prometheus_client',
            appName: 'app',
            servedPaths: ['/orders', '/v1/reports'],
          }),
        },
      ],
    },
    {
      name: 'a handler that times its own work does not time the request',
      filename: MAIN,
      code: `import logging
import time
from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()


@app.get("/orders")
async def orders():
    start = time.perf_counter()
    rows = []
    logger.info("query took %.3f", time.perf_counter() - start)
    return rows
`,
      errors: [
        {
          messageId: 'noRequestTimingPython',
          line: 6,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: "routes declared on the app by another module (from .main import app) are the app's routes",
      filename: pyProject('shared-app', 'pkg', 'main.py'),
      code: pyProjectText('shared-app', 'pkg', 'main.py'),
      errors: [
        {
          message: /^1 route\(s\) of this app are not timed \(GET \/orders\)/,
          line: 3,
          suggestions: serviceSuggestion('requestTiming', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
  ]),
});
