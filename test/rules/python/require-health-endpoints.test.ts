import { pythonRule, pythonRuleTester } from './tester';
import { MAIN, pyProject, pyProjectText, serviceSuggestion, withServiceSuggestions } from './service-projects';

const ruleId = 'require-health-endpoints';

/** An app with a business route and `routes` (decorated handlers on `app`). */
function appWith(routes: string, imports = ''): string {
  return `${imports}from fastapi import FastAPI

app = FastAPI()


@app.get("/orders")
async def orders():
    return []
${routes}`;
}

function get(path: string, name: string, verb = 'get'): string {
  return `

@app.${verb}("${path}")
async def ${name}():
    return {"status": "ok"}
`;
}

pythonRuleTester().run(ruleId, pythonRule(ruleId), {
  valid: [
    {
      name: '/health and /health/ready',
      filename: MAIN,
      code: appWith(get('/health', 'live') + get('/health/ready', 'ready')),
    },
    { name: '/healthz and /readyz', filename: MAIN, code: appWith(get('/healthz', 'live') + get('/readyz', 'ready')) },
    { name: '/livez and /readyz', filename: MAIN, code: appWith(get('/livez', 'live') + get('/readyz', 'ready')) },
    { name: '/live and /ready', filename: MAIN, code: appWith(get('/live', 'live') + get('/ready', 'ready')) },
    {
      name: '/health/live and /health/readiness',
      filename: MAIN,
      code: appWith(get('/health/live', 'live') + get('/health/readiness', 'ready')),
    },
    {
      name: 'HEAD /health answers a probe too',
      filename: MAIN,
      code: appWith(get('/health', 'live', 'head') + get('/ready', 'ready')),
    },
    {
      name: 'api_route("/health") (GET by default)',
      filename: MAIN,
      code: appWith(
        `

@app.api_route("/health")
async def live():
    return {}


@app.api_route("/health/ready", methods=["GET", "HEAD"])
async def ready():
    return {}
`,
      ),
    },
    {
      name: 'probes in a router included from another module, under its prefix',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: pyProjectText('routers-app', 'app', 'main.py'),
    },
    {
      name: 'probes under an include prefix in a factory app (src layout, absolute import)',
      filename: pyProject('factory-app', 'src', 'service', 'factory.py'),
      code: pyProjectText('factory-app', 'src', 'service', 'factory.py'),
    },
    {
      name: 'probes in a router defined in the module, included with a prefix',
      filename: MAIN,
      code: `from fastapi import APIRouter, FastAPI

ops = APIRouter(prefix="/health")


@ops.get("")
def live():
    return {}


@ops.get("/ready")
def ready():
    return {}


app = FastAPI()
app.include_router(ops, prefix="/internal")


@app.get("/orders")
def orders():
    return []
`,
    },
    {
      name: 'probes added with add_api_route',
      filename: MAIN,
      code: appWith(`

def live():
    return {}


def ready():
    return {}


app.add_api_route("/health", live)
app.add_api_route("/health/ready", ready, methods=["GET"])
`),
    },
    {
      name: 'probe paths from constants',
      filename: MAIN,
      code: appWith(
        `

@app.get(LIVE)
def live():
    return {}


@app.get(READY)
def ready():
    return {}
`,
        'LIVE = "/healthz"\nREADY = "/readyz"\n',
      ),
    },
    {
      name: 'probes in a mounted sub-app',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()
ops = FastAPI()


@ops.get("/health")
def live():
    return {}


@ops.get("/ready")
def ready():
    return {}


@app.get("/orders")
def orders():
    return []


app.mount("/ops", ops)
`,
    },
    {
      name: 'a Starlette route list with probes',
      filename: MAIN,
      code: `from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def ok(request):
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[Route("/orders", ok), Route("/health", ok), Route("/health/ready", ok)])
`,
    },
    {
      name: 'a middleware that answers the probe paths itself',
      filename: MAIN,
      code: appWith(
        `

@app.middleware("http")
async def probes(request, call_next):
    if request.url.path == "/health":
        return JSONResponse({"status": "ok"})
    if request.url.path == "/ready":
        return JSONResponse({"status": "ok"})
    return await call_next(request)
`,
        'from starlette.responses import JSONResponse\n',
      ),
    },
    {
      name: 'livenessPaths and readinessPaths options',
      filename: MAIN,
      options: [{ livenessPaths: ['/ping'], readinessPaths: ['/status/ready'] }],
      code: appWith(get('/ping', 'ping') + get('/status/ready', 'ready')),
    },
    { name: 'an app without routes', filename: MAIN, code: 'from fastapi import FastAPI\n\napp = FastAPI()\n' },
    {
      name: 'a router module (no app created here)',
      filename: pyProject('routers-app', 'app', 'routers', 'users.py'),
      code: pyProjectText('routers-app', 'app', 'routers', 'users.py'),
    },
    {
      name: 'a sub-app mounted in another app: judged at the root only',
      filename: pyProject('mounted-app', 'web', 'v1.py'),
      code: pyProjectText('mounted-app', 'web', 'v1.py'),
    },
    {
      name: 'the app is handed to a function the analysis cannot read (it may add probes)',
      filename: MAIN,
      code: appWith('\nadd_health_checks(app)\n', 'from acme_platform import add_health_checks\n'),
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
      name: 'only a websocket route (no HTTP routes)',
      filename: MAIN,
      code: `from fastapi import FastAPI

app = FastAPI()


@app.websocket("/ws")
async def ws(websocket):
    await websocket.accept()
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
      name: 'a router of an installed package is included (it may serve the probes)',
      filename: MAIN,
      code: appWith(
        '\napp.include_router(HealthcheckRouter(Probe(name="readiness", checks=[])), prefix="/health")\n',
        'from fastapi_healthchecks.api.router import HealthcheckRouter, Probe\n',
      ),
    },
    {
      name: 'an ASGI app of an installed package is mounted (it may serve the probes)',
      filename: MAIN,
      code: appWith('\napp.mount("/ops", ops_app)\n', 'from acme_ops import ops_app\n'),
    },
  ],
  invalid: withServiceSuggestions([
    {
      name: 'an app with business routes only',
      filename: MAIN,
      code: appWith(''),
      errors: [
        {
          message:
            'This app has no liveness endpoint (GET /health, /healthz, /livez) and no readiness endpoint (GET /health/ready, /health/readiness): orchestrators (Kubernetes, ECS, load balancers) cannot tell whether it is alive or ready for traffic.',
          line: 3,
          column: 7,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'only /health: readiness missing',
      filename: MAIN,
      code: appWith(get('/health', 'live')),
      errors: [
        {
          message: /^This app has no readiness endpoint/,
          line: 3,
          suggestions: serviceSuggestion(
            'healthEndpoints',
            { logger: 'logging', metrics: 'none', appName: 'app', servedPaths: ['/orders', '/health'] },
            'Add GET /health/ready (readiness: runs the checks registered with register_readiness_check) to this app.',
          ),
        },
      ],
    },
    {
      name: 'only /ready: liveness missing',
      filename: MAIN,
      code: appWith(get('/ready', 'ready')),
      errors: [
        {
          message: /^This app has no liveness endpoint \(GET \/health, \/healthz, \/livez\): .*whether it is alive/,
          line: 3,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders', '/ready'],
          }),
        },
      ],
    },
    {
      name: '/health/ready alone is not a liveness probe',
      filename: MAIN,
      code: appWith(get('/health/ready', 'ready')),
      errors: [
        {
          message: /^This app has no liveness endpoint/,
          line: 3,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders', '/health/ready'],
          }),
        },
      ],
    },
    {
      name: 'POST /health does not answer a probe',
      filename: MAIN,
      code: appWith(get('/health', 'live', 'post') + get('/ready', 'ready')),
      errors: [{ message: /^This app has no liveness endpoint/, line: 3, suggestions: [] }],
    },
    {
      name: '/healthcheck and /status are not probe paths by default',
      filename: MAIN,
      code: appWith(get('/healthcheck', 'check') + get('/status', 'status')),
      errors: [
        {
          messageId: 'missingProbes',
          line: 3,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders', '/healthcheck', '/status'],
          }),
        },
      ],
    },
    {
      name: 'a websocket at /health is not a probe',
      filename: MAIN,
      code: appWith(`

@app.websocket("/health")
async def live(websocket):
    await websocket.accept()
`),
      errors: [
        {
          messageId: 'missingProbes',
          line: 3,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'livenessPaths option: /health no longer counts',
      filename: MAIN,
      options: [{ livenessPaths: ['/alive'] }],
      code: appWith(get('/health', 'live') + get('/ready', 'ready')),
      errors: [
        {
          message: /^This app has no liveness endpoint \(GET \/alive\)/,
          line: 3,
          // The fix adds the probe at the configured path.
          suggestions: serviceSuggestion(
            'healthEndpoints',
            {
              logger: 'logging',
              metrics: 'none',
              appName: 'app',
              servedPaths: ['/health', '/orders', '/ready'],
              probePaths: {
                liveness: ['/alive'],
                readiness: ['/health/ready', '/health/readiness', '/readyz', '/ready', '/readiness'],
              },
            },
            'Add GET /alive (liveness, checks nothing) to this app.',
          ),
        },
      ],
    },
    {
      name: 'probes on another app of the module',
      filename: MAIN,
      code: `from fastapi import FastAPI

admin = FastAPI()
app = FastAPI()


@admin.get("/health")
def live():
    return {}


@admin.get("/ready")
def ready():
    return {}


@app.get("/orders")
def orders():
    return []
`,
      errors: [
        {
          messageId: 'missingProbes',
          line: 4,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a probe router defined but never included',
      filename: MAIN,
      code: `from fastapi import APIRouter, FastAPI

ops = APIRouter()


@ops.get("/health")
def live():
    return {}


@ops.get("/ready")
def ready():
    return {}


app = FastAPI()


@app.get("/orders")
def orders():
    return []
`,
      errors: [
        {
          messageId: 'missingProbes',
          line: 16,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'the routers of other modules, without the health router',
      filename: pyProject('routers-app', 'app', 'main.py'),
      code: `from fastapi import FastAPI

from .routers import items, users

app = FastAPI(title="routers-app")
app.include_router(users.router, prefix="/v1")
app.include_router(items.router)
`,
      errors: [
        {
          messageId: 'missingProbes',
          line: 5,
          column: 7,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/v1/users/{user_id}', '/v1/users/', '/v1/users/admin/stats', '/items', '/items/{item_id}'],
          }),
        },
      ],
    },
    {
      name: 'a mounted sub-app in another module: the root has /health, not readiness',
      filename: pyProject('mounted-app', 'web', 'main.py'),
      code: pyProjectText('mounted-app', 'web', 'main.py'),
      errors: [
        {
          message: /^This app has no readiness endpoint/,
          line: 5,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'structlog',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/health', '/v1/reports'],
          }),
        },
      ],
    },
    {
      name: 'a factory app (reported in the factory)',
      filename: MAIN,
      code: `from fastapi import FastAPI


async def orders():
    return []


def create_app() -> FastAPI:
    application = FastAPI()
    application.add_api_route("/orders", orders)
    return application


app = create_app()
`,
      errors: [
        {
          messageId: 'missingProbes',
          line: 9,
          column: 19,
          suggestions: [
            {
              desc: 'Add GET /health (liveness, checks nothing) and GET /health/ready (readiness: runs the checks registered with register_readiness_check) to this app.',
              output: `import asyncio
import inspect

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse


async def orders():
    return []


READINESS_TIMEOUT_SECONDS = 2.0
readiness_checks = {}


def register_readiness_check(name: str, check) -> None:
    """Registers a dependency check for GET /health/ready (a database ping, a broker connection).

    The check fails by raising or by taking longer than READINESS_TIMEOUT_SECONDS. A coroutine function is
    awaited; a plain function runs in a worker thread.
    """
    readiness_checks[name] = check


async def _run_readiness_check(check) -> None:
    if inspect.iscoroutinefunction(check):
        await check()
        return
    result = await run_in_threadpool(check)
    if inspect.isawaitable(result):
        await result


async def check_readiness() -> "tuple[bool, dict[str, str]]":
    """Runs every readiness check with a timeout: ready when all pass. Failures are named, without details."""

    async def outcome(check) -> str:
        try:
            await asyncio.wait_for(_run_readiness_check(check), READINESS_TIMEOUT_SECONDS)
        except asyncio.TimeoutError:
            return "timeout"
        except Exception:
            return "failed"
        return "ok"

    names = list(readiness_checks)
    outcomes = await asyncio.gather(*(outcome(readiness_checks[name]) for name in names))
    checks = dict(zip(names, outcomes))
    return all(result == "ok" for result in outcomes), checks


def create_app() -> FastAPI:
    application = FastAPI()

    @application.get("/health", include_in_schema=False)
    async def health_liveness() -> dict:
        """Liveness: answers while the process serves requests; checks no dependency (that is readiness)."""
        return {"status": "ok"}

    @application.get("/health/ready", include_in_schema=False)
    async def health_readiness() -> JSONResponse:
        """Readiness: 200 while every registered check passes, 503 naming the checks that failed or timed out."""
        ready, checks = await check_readiness()
        return JSONResponse(
            {"status": "ready" if ready else "not_ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    application.add_api_route("/orders", orders)
    return application


app = create_app()
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Starlette app without probes',
      filename: MAIN,
      code: `from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def ok(request):
    return JSONResponse({})


app = Starlette(routes=[Route("/orders", ok)])
`,
      errors: [{ messageId: 'missingProbes', line: 10, suggestions: [] }],
    },
    {
      name: 'a middleware that skips /health in its logs does not answer it',
      filename: MAIN,
      code: appWith(
        `
logger = logging.getLogger(__name__)


@app.middleware("http")
async def log_requests(request, call_next):
    response = await call_next(request)
    if request.url.path != "/health":
        logger.info("%s", request.url.path)
    return response
`,
        'import logging\n',
      ),
      errors: [
        {
          messageId: 'missingProbes',
          line: 4,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a factory returning FastAPI() directly: reported, nothing to insert after',
      filename: MAIN,
      code: `from fastapi import FastAPI


async def orders():
    return []


def create_app():
    return FastAPI(routes=[])


app = create_app()
app.add_api_route("/orders", orders)
`,
      errors: [{ messageId: 'missingProbes', line: 9, suggestions: [] }],
    },
    {
      name: 'two apps: each reported at its creation',
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
          messageId: 'missingProbes',
          line: 3,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'public',
            servedPaths: ['/orders'],
          }),
        },
        {
          messageId: 'missingProbes',
          line: 4,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'admin',
            servedPaths: ['/users'],
          }),
        },
      ],
    },
    {
      name: 'a probe path in a string that is not a route (a client call)',
      filename: MAIN,
      code: appWith(
        `

async def check_upstream():
    async with httpx.AsyncClient() as client:
        await client.get("http://upstream/health")
`,
        'import httpx\n',
      ),
      errors: [
        {
          messageId: 'missingProbes',
          line: 4,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'a requests-style .get("/health") on a non-app object',
      filename: MAIN,
      code: appWith(
        `
session = Session()


@session.get("/health")
def not_a_route():
    return {}
`,
        'from requests import Session\n',
      ),
      errors: [
        {
          messageId: 'missingProbes',
          line: 4,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'routes declared on the app by another module count as its routes',
      filename: pyProject('shared-app', 'pkg', 'main.py'),
      code: pyProjectText('shared-app', 'pkg', 'main.py'),
      errors: [
        {
          messageId: 'missingProbes',
          line: 3,
          suggestions: serviceSuggestion('healthEndpoints', {
            logger: 'logging',
            metrics: 'none',
            appName: 'app',
            servedPaths: ['/orders'],
          }),
        },
      ],
    },
    {
      name: 'static files mounted: they serve no probes',
      filename: MAIN,
      code: appWith(
        '\napp.mount("/static", StaticFiles(directory="static"), name="static")\n',
        'from fastapi.staticfiles import StaticFiles\n',
      ),
      errors: [
        {
          messageId: 'missingProbes',
          line: 4,
          suggestions: serviceSuggestion('healthEndpoints', {
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
