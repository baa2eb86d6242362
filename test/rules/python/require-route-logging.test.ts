import { pythonRule, pythonRuleTester } from './tester';
import { MAIN, pyProject, pyProjectText, serviceSuggestion, withServiceSuggestions } from './service-projects';

const ruleId = 'require-route-logging';
const UVICORN = "uvicorn's access log does not count";

const LOGGING_MIDDLEWARE = `import logging
import time

from fastapi import FastAPI, Request

logger = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def log_requests(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    logger.info("%s %s %s", request.method, request.url.path, time.perf_counter() - started)
    return response


@app.get("/orders")
async def orders():
    return []
`;

pythonRuleTester().run(ruleId, pythonRule(ruleId), {
  valid: [
    {
      name: '/healthcheck and /health-check are probes, exempt by default (also under a prefix, with a trailing slash)',
      filename: MAIN,
      code: `from fastapi import APIRouter, FastAPI

app = FastAPI()
utils = APIRouter(prefix="/utils")


@app.get("/healthcheck")
def healthcheck():
    return {}


@utils.get("/health-check/")
def health_check():
    return True


app.include_router(utils, prefix="/api/v1")
`,
    },
    // Middleware that logs every request.
    { name: 'an @app.middleware("http") function that logs', filename: MAIN, code: LOGGING_MIDDLEWARE },
    {
      name: 'a BaseHTTPMiddleware subclass whose dispatch logs, added with add_middleware',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

log = logging.getLogger("access")


class AccessLog(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        log.info("%s %s %d", request.method, request.url.path, response.status_code)
        return response


app = FastAPI()
app.add_middleware(AccessLog)


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'a pure ASGI middleware class whose __call__ logs through a method of its own',
      filename: MAIN,
      code: `import structlog
from fastapi import FastAPI

logger = structlog.get_logger()


class AccessLogger:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)
        self.write(scope)

    def write(self, scope):
        logger.info("request", path=scope["path"])


app = FastAPI()
app.add_middleware(AccessLogger)


@app.post("/orders")
async def create_order():
    return {}
`,
    },
    {
      name: 'a middleware class imported from another module of the project',
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
      name: 'middleware added by a project function the app is handed to (setup_observability(app))',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `from fastapi import FastAPI

from .observability import setup_observability
from .routers import users

app = FastAPI()
setup_observability(app)
app.include_router(users.router)
`,
    },
    {
      name: 'Middleware(...) in the FastAPI constructor',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `from fastapi import FastAPI
from starlette.middleware import Middleware

from app.middleware import RequestLoggingMiddleware

app = FastAPI(middleware=[Middleware(RequestLoggingMiddleware)])


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'app.middleware("http")(function) without the decorator syntax',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI

logger = logging.getLogger(__name__)


async def log_requests(request, call_next):
    response = await call_next(request)
    logger.info("%s %s", request.url.path, response.status_code)
    return response


app = FastAPI()
app.middleware("http")(log_requests)


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: "asgi-logger's AccessLoggerMiddleware",
      filename: MAIN,
      code: `from asgi_logger import AccessLoggerMiddleware
from fastapi import FastAPI

app = FastAPI()
app.add_middleware(AccessLoggerMiddleware)


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'a dependency of the whole app that logs each request',
      filename: MAIN,
      code: `import logging
from fastapi import Depends, FastAPI, Request

logger = logging.getLogger(__name__)


async def log_request(request: Request):
    logger.info("%s %s", request.method, request.url.path)


app = FastAPI(dependencies=[Depends(log_request)])


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'an APIRoute subclass that logs, as the route_class of the router',
      filename: MAIN,
      code: `import logging
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

logger = logging.getLogger(__name__)


class LoggingRoute(APIRoute):
    def get_route_handler(self):
        original = super().get_route_handler()

        async def handler(request):
            response = await original(request)
            logger.info("%s %s", request.url.path, response.status_code)
            return response

        return handler


router = APIRouter(route_class=LoggingRoute)


@router.get("/orders")
async def orders():
    return []


app = FastAPI()
app.include_router(router)
`,
    },
    // Handlers that log themselves.
    {
      name: 'a handler that logs with the logging module',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
async def orders():
    logging.info("listing orders")
    return []
`,
    },
    {
      name: 'a handler that logs with structlog',
      filename: MAIN,
      code: `import structlog
from fastapi import FastAPI

log = structlog.get_logger()
app = FastAPI()


@app.get("/orders/{order_id}")
async def order(order_id: int):
    log.info("order read", order_id=order_id)
    return {}
`,
    },
    {
      name: 'a handler that logs with loguru',
      filename: MAIN,
      code: `from fastapi import FastAPI
from loguru import logger

app = FastAPI()


@app.delete("/orders/{order_id}")
async def delete_order(order_id: int):
    logger.info("deleting {}", order_id)
`,
    },
    {
      name: 'a handler that logs through a same-module helper',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI

audit_log = logging.getLogger("audit")
app = FastAPI()


def audit(action):
    audit_log.info("action %s", action)


@app.put("/orders/{order_id}")
async def update_order(order_id: int):
    audit("update")
    return {}
`,
    },
    {
      name: 'a handler that logs only when it fails still logs (as in the JavaScript rule)',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()


@app.get("/orders")
async def orders():
    try:
        return []
    except Exception:
        logger.exception("orders failed")
        raise
`,
    },
    {
      name: 'a Starlette route list whose endpoint (in another module) logs',
      filename: pyProject('mounted-app', 'web', 'pages.py'),
      code: `from starlette.applications import Starlette
from starlette.routing import Route

from .endpoints import logged_page

app = Starlette(routes=[Route("/page", logged_page)])
`,
    },
    // Exempt paths and options.
    {
      name: 'only probes and the metrics scrape (exempt by default)',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {}


@app.get("/metrics")
def metrics():
    return ""
`,
    },
    {
      name: 'exemptPaths covers a path and everything below it',
      filename: MAIN,
      options: [{ exemptPaths: ['/internal'] }],
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/internal/cache/stats")
def stats():
    return {}
`,
    },
    {
      name: 'loggingMiddleware names an unknown package middleware',
      filename: MAIN,
      options: [{ loggingMiddleware: ['AccessLog'] }],
      code: `from acme_http import AccessLog
from fastapi import FastAPI

app = FastAPI()
app.add_middleware(AccessLog)


@app.get("/orders")
def orders():
    return []
`,
    },
    // What the rule cannot see, it does not judge.
    {
      name: 'the app is handed to a function of an installed package (it may add logging)',
      filename: MAIN,
      code: `from acme_observability import instrument
from fastapi import FastAPI

app = FastAPI()
instrument(app)


@app.get("/orders")
def orders():
    return []
`,
    },
    {
      name: 'a router module no visible app includes (judged only with assumeNoGlobalLogging)',
      filename: pyProject('orphan-routers', 'pkg', 'things.py'),
      code: pyProjectText('orphan-routers', 'pkg', 'things.py'),
    },
    {
      name: 'a router module included by an app whose middleware logs (another module)',
      filename: pyProject('logged-app', 'svc', 'routers', 'things.py'),
      code: pyProjectText('logged-app', 'svc', 'routers', 'things.py'),
    },
    // Not FastAPI routes.
    {
      name: 'a websocket route (no HTTP request, no request log to write)',
      filename: MAIN,
      code: `from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def ws(websocket: WebSocket):
    await websocket.accept()
`,
    },
    {
      name: '.get decorators of an object that is not an app (a cache)',
      filename: MAIN,
      code: `from cachetools_async import Cache

cache = Cache()


@cache.get("/orders")
def orders():
    return []
`,
    },
    {
      name: 'a Flask app (not FastAPI or Starlette)',
      filename: MAIN,
      code: `from flask import Flask

app = Flask(__name__)


@app.get("/orders")
def orders():
    return []
`,
    },
    {
      name: 'a sub-app mounted in an app whose middleware logs',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()
v1 = FastAPI()


@app.middleware("http")
async def log_requests(request, call_next):
    response = await call_next(request)
    logger.info("%s %s", request.url.path, response.status_code)
    return response


@v1.get("/reports")
async def reports():
    return []


app.mount("/v1", v1)
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
      name: 'an app whose logging middleware covers routes declared in a module that imports the app',
      filename: pyProject('shared-app', 'pkg', 'main.py'),
      code: `import logging

from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def log_requests(request, call_next):
    response = await call_next(request)
    logger.info("%s %s", request.url.path, response.status_code)
    return response


from . import views  # noqa: E402
`,
    },
    {
      name: 'an HTTP middleware that logs through a helper imported from another module',
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
    {
      name: 'a middleware class that inherits dispatch from a project base class that logs',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

logger = logging.getLogger(__name__)


class LoggingBase(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        logger.info("%s %s", request.url.path, response.status_code)
        return response


class ServiceMiddleware(LoggingBase):
    pass


app = FastAPI()
app.add_middleware(ServiceMiddleware)


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'app.router.route_class set to an APIRoute subclass that logs',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI
from fastapi.routing import APIRoute

logger = logging.getLogger(__name__)


class LoggingRoute(APIRoute):
    def get_route_handler(self):
        original = super().get_route_handler()

        async def handler(request):
            response = await original(request)
            logger.info("%s %s", request.url.path, response.status_code)
            return response

        return handler


app = FastAPI()
app.router.route_class = LoggingRoute


@app.get("/orders")
async def orders():
    return []
`,
    },
  ],
  invalid: withServiceSuggestions([
    {
      name: 'a route no middleware or handler logs',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 6,
          column: 1,
          endLine: 6,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'the message says why, and that uvicorn does not count',
      filename: MAIN,
      code: `import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.post("/orders")
async def create_order():
    return {}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8000)
`,
      errors: [
        {
          message: new RegExp(`^POST /orders is not logged: .*${UVICORN}`),
          line: 7,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a middleware that logs only when the request fails',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def errors(request, call_next):
    try:
        return await call_next(request)
    except Exception:
        logger.exception("failed")
        raise


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 17,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a middleware that times the request into a header but logs nothing',
      filename: MAIN,
      code: `import time
from fastapi import FastAPI

app = FastAPI()


@app.middleware("http")
async def add_process_time_header(request, call_next):
    start_time = time.time()
    response = await call_next(request)
    response.headers["X-Process-Time"] = str(time.time() - start_time)
    return response


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 15,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a handler that prints (print is not a logger)',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
async def orders():
    print("listing orders")
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 6,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a handler that calls math.log (not a logger)',
      filename: MAIN,
      code: `import math
from fastapi import FastAPI

app = FastAPI()


@app.get("/entropy")
async def entropy(p: float):
    return -p * math.log(p)
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 7,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/entropy'],
          }),
        },
      ],
    },
    {
      name: 'api_route with two methods: one report for the place',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.api_route("/orders", methods=["GET", "POST"])
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'routesHereNotLogged',
          line: 6,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'only CORS and compression middleware',
      filename: MAIN,
      code: `from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZipMiddleware)


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 10,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'an unknown package middleware not named in loggingMiddleware',
      filename: MAIN,
      options: [{ loggingMiddleware: ['SomethingElse'] }],
      code: `from acme_http import AccessLog
from fastapi import FastAPI

app = FastAPI()
app.add_middleware(AccessLog)


@app.get("/orders")
def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 8,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a logging middleware defined but never added',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

logger = logging.getLogger(__name__)


class AccessLog(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        logger.info("%s", request.url.path)
        return response


app = FastAPI()


@app.get("/orders")
def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 18,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'logging middleware on another app of the same module',
      filename: MAIN,
      code: `import logging
from fastapi import FastAPI

logger = logging.getLogger(__name__)
admin = FastAPI()
app = FastAPI()


@admin.middleware("http")
async def log_requests(request, call_next):
    logger.info("%s", request.url.path)
    return await call_next(request)


@admin.get("/admin/users")
def admin_users():
    return []


@app.get("/orders")
def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 20,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a path built from a constant prefix',
      filename: MAIN,
      code: `from fastapi import FastAPI

API = "/api"
app = FastAPI()


@app.get(API + "/orders")
def orders():
    return []
`,
      errors: [
        {
          message: /^GET \/api\/orders is not logged/,
          line: 7,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/api/orders'],
          }),
        },
      ],
    },
    {
      name: "a router module's routes, included by an app whose factory gets the router from its caller",
      filename: pyProject('injected-router', 'src', 'app', 'api', 'items.py'),
      code: pyProjectText('injected-router', 'src', 'app', 'api', 'items.py'),
      errors: [{ messageId: 'routeNotLogged', line: 6, suggestions: [] }],
    },
    {
      name: 'a middleware that logs each request only at debug level does not log it (production runs at INFO or above)',
      filename: MAIN,
      code: `import logging

from fastapi import FastAPI, Request

log = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def trace(request: Request, call_next):
    response = await call_next(request)
    log.debug("%s %s %s", request.method, request.url.path, response.status_code)
    return response


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 16,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: '/status is not a default exempt probe (it often reports business state)',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/status")
def status():
    return {}
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 6,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/status'],
          }),
        },
      ],
    },
    {
      name: 'routes added with add_api_route in a factory function',
      filename: MAIN,
      code: `from fastapi import FastAPI


async def orders():
    return []


def create_app():
    app = FastAPI()
    app.add_api_route("/orders", orders, methods=["GET"])
    return app


app = create_app()
`,
      errors: [
        {
          messageId: 'routeNotLogged',
          line: 10,
          column: 5,
          suggestions: [
            {
              desc: 'Add an HTTP middleware to this app that logs each request once: method, route template, status and duration (probes and /metrics excepted).',
              output: `import logging
import time

from fastapi import FastAPI, Request, Response


async def orders():
    return []


request_logger = logging.getLogger(__name__)


def create_app():
    app = FastAPI()

    @app.middleware("http")
    async def request_logging_middleware(request: Request, call_next) -> Response:
        """Logs each request once: method, route template, status, duration_ms (and the request id)."""
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            # The route template (\`/users/{user_id}\`), never the concrete path.
            route = getattr(request.scope.get("route"), "path", "unmatched")
            if route not in {"/health", "/health/ready", "/metrics"}:
                duration_ms = round((time.perf_counter() - started) * 1000, 1)
                request_logger.info(
                    "request completed method=%s route=%s status=%s duration_ms=%s request_id=%s",
                    request.method,
                    route,
                    status,
                    duration_ms,
                    getattr(request.state, "request_id", "-"),
                    extra={"method": request.method, "route": route, "status": status, "duration_ms": duration_ms},
                )

    app.add_api_route("/orders", orders, methods=["GET"])
    return app


app = create_app()
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Starlette route list with an endpoint that does not log',
      filename: pyProject('mounted-app', 'web', 'pages.py'),
      code: `from starlette.applications import Starlette
from starlette.routing import Route

from .endpoints import homepage, logged_page

app = Starlette(routes=[Route("/", homepage), Route("/page", logged_page)])
`,
      errors: [{ message: /^GET \/ is not logged/, line: 6, column: 25, suggestions: [] }],
    },
    {
      name: 'an HTTPEndpoint class routed by Starlette (its GET and POST)',
      filename: pyProject('mounted-app', 'web', 'pages.py'),
      code: `from starlette.applications import Starlette
from starlette.routing import Mount, Route

from .endpoints import UserEndpoint

routes = [Mount("/users", routes=[Route("/{user_id}", UserEndpoint)])]
app = Starlette(routes=routes)
`,
      errors: [
        {
          message: /^2 routes registered here are not logged \(GET \/users\/\{user_id\}, POST \/users\/\{user_id\}\)/,
          line: 6,
          suggestions: [],
        },
      ],
    },
    // Several modules.
    {
      name: 'routers of other modules (relative, absolute and aliased imports, nested routers, prefixes): one report at the app',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: pyProjectText('routers-app', 'app', 'main.py'),
      errors: [
        {
          line: 7,
          column: 7,
          message:
            /^5 route\(s\) of this app declared in other files are not logged \(GET \/v1\/users\/\{user_id\}, POST \/v1\/users\/, GET \/v1\/users\/admin\/stats, …\)/,
          suggestions: serviceSuggestion('requestLogging', {
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
      name: 'a router module included (with a prefix) by an app that logs nothing: reported at each decorator',
      filename: pyProject('routers-app', 'app', 'routers', 'users.py'),
      code: pyProjectText('routers-app', 'app', 'routers', 'users.py'),
      errors: [
        { message: /^GET \/v1\/users\/\{user_id\} is not logged/, line: 9, suggestions: [] },
        { message: /^POST \/v1\/users\/ is not logged/, line: 14, suggestions: [] },
      ],
    },
    {
      name: 'a router nested in a router (router.include_router) gets both prefixes',
      filename: pyProject('routers-app', 'app', 'routers', 'admin.py'),
      code: pyProjectText('routers-app', 'app', 'routers', 'admin.py'),
      errors: [{ message: /^GET \/v1\/users\/admin\/stats is not logged/, line: 6, suggestions: [] }],
    },
    {
      name: 'a router module in a package imported by its absolute name (from app.api.routes import orders)',
      filename: pyProject('routers-app', 'app', 'api', 'routes', 'orders.py'),
      code: pyProjectText('routers-app', 'app', 'api', 'routes', 'orders.py'),
      errors: [{ message: /^GET \/api\/orders is not logged/, line: 6, suggestions: [] }],
    },
    {
      name: 'a router imported under another name (from .routes import router as api_router)',
      filename: pyProject('routers-app', 'app', 'routes.py'),
      code: pyProjectText('routers-app', 'app', 'routes.py'),
      errors: [{ message: /^GET \/status is not logged/, line: 6, suggestions: [] }],
    },
    {
      name: 'a sub-app mounted by an app that logs nothing (its routes under the mount path)',
      filename: pyProject('mounted-app', 'web', 'v1.py'),
      code: pyProjectText('mounted-app', 'web', 'v1.py'),
      errors: [{ message: /^GET \/v1\/reports is not logged/, line: 6, suggestions: [] }],
    },
    {
      name: 'assumeNoGlobalLogging: a router no app includes is judged by its handlers',
      filename: pyProject('orphan-routers', 'pkg', 'things.py'),
      code: pyProjectText('orphan-routers', 'pkg', 'things.py'),
      options: [{ assumeNoGlobalLogging: true }],
      errors: [
        {
          message:
            /^GET \/things\/\{thing_id\} is not logged: its handler does not log, and no app that includes this router is visible/,
          line: 6,
          suggestions: [],
        },
      ],
    },
    {
      name: 'routes declared on an app imported from another module (from .main import app)',
      filename: pyProject('shared-app', 'pkg', 'views.py'),
      code: pyProjectText('shared-app', 'pkg', 'views.py'),
      errors: [{ message: /^GET \/orders is not logged/, line: 4, suggestions: [] }],
    },
    {
      name: 'the app module, for routes other modules declare on it',
      filename: pyProject('shared-app', 'pkg', 'main.py'),
      code: pyProjectText('shared-app', 'pkg', 'main.py'),
      errors: [
        {
          message: /^1 route\(s\) of this app declared in other files are not logged \(GET \/orders\)/,
          line: 3,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'routers included in a loop, with a prefix the analysis cannot compute (named in the message)',
      filename: MAIN,
      code: `from fastapi import APIRouter, FastAPI

from .config import settings

orders = APIRouter(prefix="/orders")
users = APIRouter(prefix="/users")


@orders.get("")
def list_orders():
    return []


@users.get("/{user_id}")
def read_user(user_id: int):
    return {}


app = FastAPI()
for router in (orders, users):
    app.include_router(router, prefix=settings.API_V1_STR)
`,
      errors: [
        {
          message: /^GET \{settings\.API_V1_STR\}\/orders is not logged/,
          line: 9,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['{settings.API_V1_STR}/orders', '{settings.API_V1_STR}/users/{user_id}'],
          }),
        },
        {
          message: /^GET \{settings\.API_V1_STR\}\/users\/\{user_id\} is not logged/,
          line: 14,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['{settings.API_V1_STR}/orders', '{settings.API_V1_STR}/users/{user_id}'],
          }),
        },
      ],
    },
    {
      name: 'an f-string prefix keeps its text',
      filename: MAIN,
      code: `from fastapi import APIRouter, FastAPI

VERSION = "v2"
router = APIRouter()


@router.get("/orders")
def list_orders():
    return []


app = FastAPI()
app.include_router(router, prefix=f"/api/{VERSION}")
`,
      errors: [
        {
          message: /^GET \/api\/\{VERSION\}\/orders is not logged/,
          line: 7,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/api/{VERSION}/orders'],
          }),
        },
      ],
    },
    {
      name: 'a prefix read from a settings object (a class attribute with a default)',
      filename: MAIN,
      code: `from fastapi import APIRouter, FastAPI


class Settings:
    API_V1_STR: str = "/api/v1"


settings = Settings()
router = APIRouter(prefix="/orders")


@router.get("")
def list_orders():
    return []


app = FastAPI()
app.include_router(router, prefix=settings.API_V1_STR)
`,
      errors: [
        {
          message: /^GET \/api\/v1\/orders is not logged/,
          line: 12,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/api/v1/orders'],
          }),
        },
      ],
    },
    {
      name: 'a router included twice under two prefixes: one report at its decorator',
      filename: MAIN,
      code: `from fastapi import APIRouter, FastAPI

router = APIRouter()


@router.get("/orders")
def list_orders():
    return []


app = FastAPI()
app.include_router(router, prefix="/v1")
app.include_router(router, prefix="/v2")
`,
      errors: [
        {
          message: /^2 routes registered here are not logged \(GET \/v1\/orders, GET \/v2\/orders\)/,
          line: 6,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/v1/orders', '/v2/orders'],
          }),
        },
      ],
    },
    {
      name: 'a router included by two apps, one of which logs: reported for the other',
      filename: MAIN,
      code: `import logging
from fastapi import APIRouter, FastAPI

logger = logging.getLogger(__name__)
router = APIRouter()


@router.get("/orders")
def list_orders():
    return []


public = FastAPI()
public.include_router(router, prefix="/public")
internal = FastAPI()
internal.include_router(router, prefix="/internal")


@internal.middleware("http")
async def log_requests(request, call_next):
    logger.info("%s", request.url.path)
    return await call_next(request)
`,
      errors: [
        {
          message: /^GET \/public\/orders is not logged/,
          line: 8,
          suggestions: serviceSuggestion('requestLogging', {
            logger: 'logging',
            metrics: 'none',
            appName: 'public',
            servedPaths: ['/public/orders'],
          }),
        },
      ],
    },
  ]),
});
