import { pythonRule, pythonRuleTester } from './tester';
import { MAIN, pyProject, pyProjectText, serviceSuggestion, withServiceSuggestions } from './service-projects';

const ruleId = 'require-correlation-id';

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

pythonRuleTester().run(ruleId, pythonRule(ruleId), {
  valid: [
    {
      name: "asgi-correlation-id's CorrelationIdMiddleware",
      filename: MAIN,
      code: appWith(
        'from asgi_correlation_id import CorrelationIdMiddleware\n',
        'app.add_middleware(CorrelationIdMiddleware)\n',
      ),
    },
    {
      name: 'CorrelationIdMiddleware through the module (asgi_correlation_id.CorrelationIdMiddleware)',
      filename: MAIN,
      code: appWith(
        'import asgi_correlation_id\n',
        'app.add_middleware(asgi_correlation_id.CorrelationIdMiddleware, header_name="X-Request-ID")\n',
      ),
    },
    {
      name: 'CorrelationIdMiddleware in the constructor (middleware=[Middleware(...)])',
      filename: MAIN,
      code: `from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from starlette.middleware import Middleware

app = FastAPI(middleware=[Middleware(CorrelationIdMiddleware)])


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'an HTTP middleware that reads X-Request-ID and echoes it',
      filename: MAIN,
      code: appWith(
        'import uuid\n',
        `
@app.middleware("http")
async def request_id(request, call_next):
    rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    response = await call_next(request)
    response.headers["X-Request-ID"] = rid
    return response
`,
      ),
    },
    {
      name: 'an HTTP middleware that sets a request-ID context variable',
      filename: MAIN,
      code: appWith(
        'import uuid\nfrom contextvars import ContextVar\n',
        `request_id_var = ContextVar("request_id")


@app.middleware("http")
async def request_id(request, call_next):
    request_id_var.set(uuid.uuid4().hex)
    return await call_next(request)
`,
      ),
    },
    {
      name: "structlog's bind_contextvars(request_id=...) in a middleware",
      filename: MAIN,
      code: appWith(
        'import uuid\nimport structlog\n',
        `
@app.middleware("http")
async def bind_request(request, call_next):
    structlog.contextvars.bind_contextvars(request_id=str(uuid.uuid4()))
    return await call_next(request)
`,
      ),
    },
    {
      name: 'a pure ASGI middleware class that sets X-Correlation-ID on the response',
      filename: MAIN,
      code: appWith(
        'import uuid\n',
        `

class CorrelationId:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        cid = uuid.uuid4().hex

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message["headers"].append((b"x-correlation-id", cid.encode()))
            await send(message)

        await self.app(scope, receive, send_with_id)


app.add_middleware(CorrelationId)
`,
      ),
    },
    {
      name: 'a project middleware class imported from another module',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `from fastapi import FastAPI

from .middleware import RequestIdMiddleware
from .routers import users

app = FastAPI()
app.add_middleware(RequestIdMiddleware)
app.include_router(users.router, prefix="/v1")
`,
    },
    {
      name: 'middleware added by a project function the app is handed to',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `from fastapi import FastAPI

from . import observability
from .routers import users

app = FastAPI()
observability.setup_observability(app)
app.include_router(users.router)
`,
    },
    {
      name: 'BaseHTTPMiddleware with a dispatch function that reads the request ID',
      filename: MAIN,
      code: appWith(
        'from starlette.middleware.base import BaseHTTPMiddleware\n',
        `

async def add_request_id(request, call_next):
    response = await call_next(request)
    response.headers["x-request-id"] = request.headers.get("x-request-id", "")
    return response


app.add_middleware(BaseHTTPMiddleware, dispatch=add_request_id)
`,
      ),
    },
    {
      name: 'starlette-context with its RequestId plugin',
      filename: MAIN,
      code: appWith(
        'from starlette_context import plugins\nfrom starlette_context.middleware import RawContextMiddleware\n',
        'app.add_middleware(RawContextMiddleware, plugins=(plugins.RequestIdPlugin(),))\n',
      ),
    },
    {
      name: 'an app-wide dependency that reads X-Request-ID',
      filename: MAIN,
      code: `from contextvars import ContextVar
from fastapi import Depends, FastAPI, Request

correlation_id = ContextVar("correlation_id")


def remember_request_id(request: Request):
    correlation_id.set(request.headers.get("X-Request-ID"))


app = FastAPI(dependencies=[Depends(remember_request_id)])


@app.get("/orders")
async def orders():
    return []
`,
    },
    {
      name: 'the middleware option names a middleware that sets IDs',
      filename: MAIN,
      options: [{ middleware: ['TraceIds'] }],
      code: appWith('from acme_tracing import TraceIds\n', 'app.add_middleware(TraceIds)\n'),
    },
    {
      name: 'a factory adds the middleware; the module calls the factory',
      filename: MAIN,
      code: `from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(CorrelationIdMiddleware)

    @app.get("/orders")
    async def orders():
        return []

    return app


app = create_app()
`,
    },
    {
      name: 'the caller of the factory adds the middleware to what it returns',
      filename: MAIN,
      code: `from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI


async def orders():
    return []


def create_app():
    application = FastAPI()
    application.add_api_route("/orders", orders)
    return application


app = create_app()
app.add_middleware(CorrelationIdMiddleware)
`,
    },
    {
      name: 'only probes and the metrics scrape',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def healthz():
    return {}


@app.get("/metrics")
def metrics():
    return ""
`,
    },
    { name: 'an app without routes', filename: MAIN, code: 'from fastapi import FastAPI\n\napp = FastAPI()\n' },
    {
      name: 'a router module (no app created here)',
      filename: pyProject('routers-app', 'app', 'routers', 'users.py'),
      code: pyProjectText('routers-app', 'app', 'routers', 'users.py'),
    },
    {
      name: 'a sub-app mounted in another app: reported at the root app only',
      filename: pyProject('mounted-app', 'web', 'v1.py'),
      code: pyProjectText('mounted-app', 'web', 'v1.py'),
    },
    {
      name: 'the app is handed to a function the analysis cannot read',
      filename: MAIN,
      code: appWith('from acme_platform import install_middleware\n', 'install_middleware(app)\n'),
    },
    {
      name: 'a Flask app',
      filename: MAIN,
      code: `from flask import Flask

app = Flask(__name__)


@app.get("/orders")
def orders():
    return []
`,
    },
    {
      name: 'only a websocket route',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.websocket("/ws")
async def ws(websocket):
    await websocket.accept()
`,
    },
    {
      name: 'a sub-app covered by its own middleware and a parent covered by its own',
      filename: MAIN,
      code: `from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

app = FastAPI()
app.add_middleware(CorrelationIdMiddleware)
v1 = FastAPI()


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
      name: 'request-ID middleware added by another module that imports the app (from pkg.main import app as application)',
      filename: pyProject('shared-app', 'pkg', 'main.py'),
      code: pyProjectText('shared-app', 'pkg', 'main.py'),
    },
  ],
  invalid: withServiceSuggestions([
    {
      name: 'an app with a route and no request-ID middleware',
      filename: MAIN,
      code: appWith(''),
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 3,
          column: 7,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'the message names the routes and that uvicorn carries no request ID',
      filename: MAIN,
      code: appWith('import uvicorn\n', 'uvicorn.run(app)\n'),
      errors: [
        {
          message:
            /^1 route\(s\) of this app get no request ID \(GET \/orders\): .*uvicorn's access log carries no request ID/,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a middleware that logs but sets no request ID',
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
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'starlette-context without a request-ID plugin',
      filename: MAIN,
      code: appWith(
        'from starlette_context.middleware import ContextMiddleware\n',
        'app.add_middleware(ContextMiddleware)\n',
      ),
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'an ID generated into request.state, never read from or written to a header or context variable',
      filename: MAIN,
      code: appWith(
        'import uuid\n',
        `
@app.middleware("http")
async def tag(request, call_next):
    request.state.tag = uuid.uuid4().hex
    return await call_next(request)
`,
      ),
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a header that is not a request ID (X-Request-Start)',
      filename: MAIN,
      code: appWith(
        'import time\n',
        `
@app.middleware("http")
async def queue_time(request, call_next):
    started = request.headers.get("X-Request-Start")
    return await call_next(request)
`,
      ),
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'CorrelationIdMiddleware imported but never added',
      filename: MAIN,
      code: appWith('from asgi_correlation_id import CorrelationIdMiddleware\n'),
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'the middleware is added to another app of the module',
      filename: MAIN,
      code: `from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

admin = FastAPI()
admin.add_middleware(CorrelationIdMiddleware)
app = FastAPI()


@app.get("/orders")
async def orders():
    return []
`,
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 6,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'middleware on a mounted sub-app does not cover the parent app',
      filename: MAIN,
      code: `from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

app = FastAPI()
v1 = FastAPI()
v1.add_middleware(CorrelationIdMiddleware)


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
          message: /^1 route\(s\) of this app get no request ID \(GET \/orders\)/,
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders', '/v1/reports'],
          }),
        },
      ],
    },
    {
      name: 'the middleware option names something else',
      filename: MAIN,
      options: [{ middleware: ['OtherMiddleware'] }],
      code: appWith('from acme_tracing import TraceIds\n', 'app.add_middleware(TraceIds)\n'),
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'exemptPaths leaves the other routes judged',
      filename: MAIN,
      options: [{ exemptPaths: ['/internal'] }],
      code: `from fastapi import FastAPI

app = FastAPI()


@app.get("/internal/stats")
def stats():
    return {}


@app.get("/orders")
def orders():
    return []
`,
      errors: [
        {
          message: /^1 route\(s\) of this app get no request ID \(GET \/orders\)/,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/internal/stats', '/orders'],
          }),
        },
      ],
    },
    {
      name: 'routes of routers in other modules, prefixes applied (probes exempt)',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: pyProjectText('routers-app', 'app', 'main.py'),
      errors: [
        {
          message:
            /^7 route\(s\) of this app get no request ID \(GET \/v1\/users\/\{user_id\}, POST \/v1\/users\/, GET \/v1\/users\/admin\/stats, …\)/,
          line: 7,
          suggestions: serviceSuggestion('correlationId', {
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
      name: 'a factory app whose routers live in a package imported by its absolute name (src layout)',
      filename: pyProject('factory-app', 'src', 'service', 'factory.py'),
      code: pyProjectText('factory-app', 'src', 'service', 'factory.py'),
      errors: [
        {
          message: /^1 route\(s\) of this app get no request ID \(GET \/api\/widgets\)/,
          line: 7,
          column: 11,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'prometheus_client',
            appName: 'app',
            servedPaths: ['/api/widgets', '/api/healthz', '/api/readyz', '/metrics'],
          }),
        },
      ],
    },
    {
      name: 'a factory in a package module named setup.py gets its router from the caller in another module',
      filename: pyProject('injected-router', 'src', 'app', 'core', 'setup.py'),
      code: pyProjectText('injected-router', 'src', 'app', 'core', 'setup.py'),
      errors: [
        {
          message: /^1 route\(s\) of this app get no request ID \(GET \/api\/items\/\{item_id\}\)/,
          line: 6,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'application',
            servedPaths: ['/api/items/{item_id}'],
          }),
        },
      ],
    },
    {
      name: 'a factory that returns FastAPI() without binding it: reported, with nothing to insert after',
      filename: MAIN,
      code: `from fastapi import FastAPI


async def orders():
    return []


def create_app():
    return FastAPI(routes=[])


app = create_app()
app.add_api_route("/orders", orders)
`,
      errors: [{ messageId: 'noCorrelationId', line: 9, suggestions: [] }],
    },
    {
      name: 'a Starlette app with a route list',
      filename: MAIN,
      code: `from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def orders(request):
    return JSONResponse([])


app = Starlette(routes=[Route("/orders", orders)])
`,
      errors: [{ message: /GET \/orders/, line: 10, suggestions: [] }],
    },
    {
      name: 'routes added with add_api_route',
      filename: MAIN,
      code: `from fastapi import FastAPI


async def orders():
    return []


app = FastAPI()
app.add_api_route("/orders", orders, methods=["GET", "POST"])
`,
      errors: [
        {
          message: /^2 route\(s\) of this app get no request ID \(GET \/orders, POST \/orders\)/,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a module-level logger named request_id is not a request-ID context variable when nothing sets it',
      filename: MAIN,
      code: appWith(
        'import logging\n',
        `request_id_logger = logging.getLogger("request_id")


@app.middleware("http")
async def log_it(request, call_next):
    request_id_logger.info("request")
    return await call_next(request)
`,
      ),
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a mounted app reported at the root with the sub-app routes under the mount path',
      filename: pyProject('mounted-app', 'web', 'main.py'),
      code: pyProjectText('mounted-app', 'web', 'main.py'),
      errors: [
        {
          message: /^1 route\(s\) of this app get no request ID \(GET \/v1\/reports\)/,
          line: 5,
          suggestions: [
            {
              desc: 'Add request-ID middleware to this app: keep a safe incoming X-Request-ID (else a new UUID), echo it in the response, and bind it to the log lines of the request.',
              output: `import contextvars
import re
import uuid

import structlog
from fastapi import FastAPI, Request, Response

from .v1 import v1_app

request_id_var = contextvars.ContextVar("request_id", default=None)
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,128}")


def get_request_id() -> "str | None":
    """The id of the request being handled (None outside a request): for log lines and outgoing calls."""
    return request_id_var.get()


app = FastAPI()


@app.middleware("http")
async def correlation_id_middleware(request: Request, call_next) -> Response:
    """Keeps a safe incoming X-Request-ID (else a new UUID), echoes it, and binds it to the log lines of the request."""
    incoming = request.headers.get("x-request-id", "")
    request_id = incoming if REQUEST_ID_PATTERN.fullmatch(incoming) else str(uuid.uuid4())
    request.state.request_id = request_id
    token = request_id_var.set(request_id)
    try:
        structlog.contextvars.bind_contextvars(request_id=request_id)
        response = await call_next(request)
    finally:
        structlog.contextvars.unbind_contextvars("request_id")
        request_id_var.reset(token)
    response.headers["X-Request-ID"] = request_id
    return response


app.mount("/v1", v1_app)


@app.get("/health")
def health() -> dict:
    return {"ok": True}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'two apps in one module: each reported at its creation',
      filename: MAIN,
      code: `from fastapi import FastAPI

public = FastAPI()
admin = FastAPI()


@public.get("/orders")
def orders():
    return []


@admin.get("/users")
def users():
    return []
`,
      errors: [
        {
          messageId: 'noCorrelationId',
          line: 3,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'public',
            servedPaths: ['/orders'],
          }),
        },
        {
          messageId: 'noCorrelationId',
          line: 4,
          suggestions: serviceSuggestion('correlationId', {
            logger: 'logging',
            metrics: 'none',
            appName: 'admin',
            servedPaths: ['/users'],
          }),
        },
      ],
    },
  ]),
});
