import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { MAIN, pyProject, pyProjectText } from './service-projects';

/**
 * What the Python halves of the service rules hand to `pythonServiceFix`: the concern, the statement that binds the
 * app, and the service profile (logger library, metrics library, the app's name, the paths it serves). The fix
 * itself is tested with the fixes; here a recorder stands in for it, so the arguments are checked whatever the fix
 * inserts, and the suggestion is seen to be offered when the fix gives one.
 */

interface Call {
  concern: string;
  statement: string;
  profile: { logger: string; metrics: string; appName: string; servedPaths: string[] };
}

interface FixesModule {
  pythonServiceFix: (...args: unknown[]) => unknown;
}

// The compiled fixes module the rules call into (by file: the package exports no subpath for it).
const load = createRequire(__filename);
const fixes = load(
  path.join(path.dirname(load.resolve('eslint-plugin-observability')), 'fixes', 'python', 'service-fixes.js'),
) as FixesModule;

function record(ruleId: string, filename: string, code: string): { calls: Call[]; messages: Linter.LintMessage[] } {
  const calls: Call[] = [];
  const original = fixes.pythonServiceFix;
  fixes.pythonServiceFix = (concern, _sourceCode, statement, profile) => {
    // The configured probe paths are require-health-endpoints' options, checked by its own cases.
    const {
      servedPaths,
      probePaths: _probePaths,
      ...rest
    } = profile as Call['profile'] & {
      servedPaths: ReadonlySet<string>;
      probePaths?: unknown;
    };
    calls.push({
      concern: concern as string,
      statement: (statement as { text: string }).text,
      profile: { ...rest, servedPaths: [...servedPaths].sort() },
    });
    return (fixer: { insertTextBeforeRange(range: [number, number], text: string): unknown }) =>
      fixer.insertTextBeforeRange([0, 0], '# recorded\n');
  };
  try {
    const messages = new Linter({ cwd: '/' }).verify(
      code,
      [
        {
          files: ['**/*.py'],
          plugins: { observability: plugin as never },
          language: 'observability/python',
          rules: { [`observability/${ruleId}`]: 'warn' },
        },
      ],
      { filename },
    );
    return { calls, messages };
  } finally {
    fixes.pythonServiceFix = original;
  }
}

const STRUCTLOG_PROM = `import structlog
from fastapi import FastAPI
from prometheus_client import Counter

log = structlog.get_logger()
ORDERS = Counter("orders_total", "Orders")
app = FastAPI(title="orders")


@app.get("/orders")
async def orders():
    return []
`;

describe('Python service rules: the profile and statement handed to pythonServiceFix', () => {
  beforeEach(() => defaultAnalysisHost().invalidate());

  for (const [ruleId, concern, suggestion] of [
    ['require-correlation-id', 'correlationId', 'addCorrelationIdMiddleware'],
    ['require-request-timing', 'requestTiming', 'addRequestTimingPython'],
    ['require-health-endpoints', 'healthEndpoints', 'addHealthEndpointsPython'],
    ['require-route-logging', 'requestLogging', 'addRequestLoggingMiddleware'],
  ] as const) {
    it(`${ruleId}: the ${concern} fix gets the app statement and a profile (structlog, prometheus_client)`, () => {
      const { calls, messages } = record(ruleId, MAIN, STRUCTLOG_PROM);
      assert.deepEqual(calls, [
        {
          concern,
          statement: 'app = FastAPI(title="orders")',
          profile: { logger: 'structlog', metrics: 'prometheus_client', appName: 'app', servedPaths: ['/orders'] },
        },
      ]);
      assert.equal(messages.length, 1, messages.map((message) => message.message).join('\n'));
      assert.deepEqual(
        messages[0]?.suggestions?.map((each) => each.messageId),
        [suggestion],
      );
    });
  }

  it('loguru without a metrics library; a factory app bound inside its function', () => {
    const { calls } = record(
      'require-correlation-id',
      MAIN,
      `from fastapi import FastAPI
from loguru import logger


def create_app() -> FastAPI:
    application = FastAPI()

    @application.get("/orders")
    async def orders():
        logger.info("orders")
        return []

    return application
`,
    );
    assert.deepEqual(calls, [
      {
        concern: 'correlationId',
        statement: 'application = FastAPI()',
        profile: { logger: 'loguru', metrics: 'none', appName: 'application', servedPaths: ['/orders'] },
      },
    ]);
  });

  it('the standard logging module by default; served paths with prefixes from routers in other modules', () => {
    const { calls } = record(
      'require-health-endpoints',
      pyProject('routers-app', 'app', 'main.py'),
      `from fastapi import FastAPI

from .routers import users

app = FastAPI()
app.include_router(users.router, prefix="/v1")
`,
    );
    assert.deepEqual(calls, [
      {
        concern: 'healthEndpoints',
        statement: 'app = FastAPI()',
        profile: {
          logger: 'logging',
          metrics: 'none',
          appName: 'app',
          servedPaths: ['/v1/users/', '/v1/users/admin/stats', '/v1/users/{user_id}'],
        },
      },
    ]);
  });

  it('prometheus-client declared in requirements.txt; /metrics served by the instrumentator counts as served', () => {
    const { calls } = record(
      'require-correlation-id',
      pyProject('factory-app', 'src', 'service', 'factory.py'),
      pyProjectText('factory-app', 'src', 'service', 'factory.py'),
    );
    assert.deepEqual(calls, [
      {
        concern: 'correlationId',
        statement: 'app = FastAPI()',
        profile: {
          logger: 'logging',
          metrics: 'prometheus_client',
          appName: 'app',
          servedPaths: ['/api/healthz', '/api/readyz', '/api/widgets', '/metrics'],
        },
      },
    ]);
  });

  it('no statement binds the app (return FastAPI()): no fix is asked for', () => {
    const { calls, messages } = record(
      'require-correlation-id',
      MAIN,
      `from fastapi import FastAPI


async def orders():
    return []


def create_app():
    return FastAPI(routes=[])


app = create_app()
app.add_api_route("/orders", orders)
`,
    );
    assert.deepEqual(calls, []);
    assert.equal(messages.length, 1);
    assert.deepEqual(messages[0]?.suggestions ?? [], []);
  });

  it('a route reported in a router module: the app is elsewhere, no fix is asked for', () => {
    const { calls, messages } = record(
      'require-route-logging',
      pyProject('routers-app', 'app', 'routers', 'users.py'),
      pyProjectText('routers-app', 'app', 'routers', 'users.py'),
    );
    assert.deepEqual(calls, []);
    assert.equal(messages.length, 2);
  });

  it("requireMetric 'always' without prometheus_client: no timing fix is asked for (nothing to record with)", () => {
    const linterCalls: Call[] = [];
    const original = fixes.pythonServiceFix;
    fixes.pythonServiceFix = (...args) => {
      linterCalls.push(args[0] as never);
      return () => null;
    };
    try {
      const messages = new Linter({ cwd: '/' }).verify(
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/orders")\nasync def orders():\n    return []\n',
        [
          {
            files: ['**/*.py'],
            plugins: { observability: plugin as never },
            language: 'observability/python',
            rules: { 'observability/require-request-timing': ['warn', { requireMetric: 'always' }] },
          },
        ],
        { filename: MAIN },
      );
      assert.equal(messages.length, 1);
      assert.deepEqual(linterCalls, []);
    } finally {
      fixes.pythonServiceFix = original;
    }
  });
});
