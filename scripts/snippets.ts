import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPythonSnippets } from './snippets-python';
import {
  nextTemplateFiles,
  registeredMetric,
  serviceTemplateTexts,
  type RegisteredMetric,
  type TemplateTarget,
} from 'eslint-plugin-observability/templates';
import { APP, snippetBody } from './snippet-body';

/**
 * VS Code snippets, generated from the same templates the service rules' suggestions insert (one source), plus the
 * pieces no rule inserts (metric declarations with safe labels, logger setup with redaction, Next.js files).
 * `npm run snippets` rewrites snippets/*.json; a test fails when they are stale.
 */
export interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

type Language = 'javascript' | 'typescript';
const FRAMEWORKS: Array<TemplateTarget['framework']> = ['express', 'fastify', 'koa', 'hono', 'nestjs'];

function serviceSnippets(language: Language): Record<string, Snippet> {
  const snippets: Record<string, Snippet> = {};
  const typescript = language === 'typescript';
  for (const framework of FRAMEWORKS) {
    const texts = serviceTemplateTexts({
      framework,
      typescript,
      style: typescript ? 'esm' : 'commonjs',
      promClient: true,
      app: APP,
    });
    const add = (key: string, suffix: string, what: string, code: string | undefined): void => {
      if (code)
        snippets[`${framework} ${key}`] = {
          prefix: `obs-${framework}-${suffix}`,
          description: `${what} (${framework}; what Observability Lint's suggestion inserts)`,
          body: snippetBody(code),
        };
    };
    add(
      'correlation ID',
      'request-id',
      'Request-ID middleware: keeps a valid X-Request-ID or generates one, echoes it, getRequestId()',
      texts.correlationId,
    );
    add(
      'health endpoints',
      'health',
      'GET /health and GET /health/ready with readiness checks and timeouts',
      texts.health,
    );
    add(
      'request timing',
      'timing',
      'Request-duration histogram http_request_duration_seconds{method,route,status_code}, GET /metrics, timed()',
      texts.timing,
    );
    if (framework === 'express')
      snippets['timed helper'] = {
        prefix: 'obs-timed',
        description: 'timed(operation, fn): times an awaited call in a histogram, rethrows its error',
        body: snippetBody(texts.timed ?? ''),
      };
  }
  return snippets;
}

const t = (language: Language, ts: string, js = ''): string => (language === 'typescript' ? ts : js);
const imports = (language: Language, esm: string, cjs: string): string => (language === 'typescript' ? esm : cjs);

/** A prom-client metric declaration with its import, rendered like the templates' own metrics (placeholders inside). */
function metricSnippet(
  language: Language,
  prefix: string,
  description: string,
  bounded: string,
  metric: RegisteredMetric,
): Snippet {
  return {
    prefix,
    description,
    body: [
      imports(language, "import * as promClient from 'prom-client';", "const promClient = require('prom-client');"),
      '',
      `// Labels must be bounded: ${bounded}.`,
      ...registeredMetric(language === 'typescript', 'promClient', metric).split('\n'),
    ],
  };
}

/** Metrics, loggers and Next.js: written here, with the same rules (safe labels, redaction) the linter checks. */
function handWritten(language: Language): Record<string, Snippet> {
  const snippets: Record<string, Snippet> = {
    'prom-client histogram': metricSnippet(
      language,
      'obs-histogram',
      'prom-client Histogram with bounded labels, registered once (safe on hot reload)',
      'route templates, methods, status codes, outcomes; never ids, URLs or e-mails',
      {
        kind: 'Histogram',
        variable: '${1:jobDuration}',
        name: '${2:app_job_duration_seconds}',
        help: '${4:Duration of background jobs in seconds, by job and outcome.}',
        labels: ['${3:job}', 'outcome'],
      },
    ),
    'prom-client counter': metricSnippet(
      language,
      'obs-counter',
      'prom-client Counter ending in _total with bounded labels, registered once',
      'a fixed set of values (never user ids, URLs, e-mails or free text)',
      {
        kind: 'Counter',
        variable: '${1:ordersPlaced}',
        name: '${2:app_orders_placed_total}',
        help: '${4:Orders placed, by sales channel.}',
        labels: ['${3:channel}'],
      },
    ),
    'pino logger': {
      prefix: 'obs-pino',
      description: 'pino logger: JSON logs, level from LOG_LEVEL, secrets and personal data redacted',
      body: [
        imports(language, "import pino from 'pino';", "const pino = require('pino');"),
        '',
        `${t(language, 'export ')}const \${1:logger} = pino({`,
        "  level: process.env.LOG_LEVEL ?? 'info',",
        '  // Paths are exact (`*` matches one level): add the fields your service logs.',
        '  redact: {',
        "    paths: ['password', '*.password', 'token', '*.token', 'authorization', 'req.headers.authorization', 'req.headers.cookie', 'email', '*.email', 'creditCard', '*.creditCard'],",
        "    censor: '[REDACTED]',",
        '  },',
        '});',
        ...(language === 'javascript' ? ['', 'module.exports.${1:logger} = ${1:logger};'] : []),
      ],
    },
    'winston logger': {
      prefix: 'obs-winston',
      description:
        'winston logger: JSON logs with timestamps, level from LOG_LEVEL, secrets and personal data redacted',
      body: [
        imports(language, "import winston from 'winston';", "const winston = require('winston');"),
        '',
        "const SENSITIVE_KEYS = new Set(['password', 'token', 'authorization', 'cookie', 'email', 'creditCard', 'ssn']);",
        '',
        '/** Replaces sensitive fields (at any depth) before a line is written. */',
        'const redact = winston.format((info) => {',
        `  const scrub = (value${t(language, ': unknown')})${t(language, ': unknown')} => {`,
        '    if (Array.isArray(value)) return value.map(scrub);',
        "    if (!value || typeof value !== 'object') return value;",
        "    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SENSITIVE_KEYS.has(key) ? '[REDACTED]' : scrub(inner)]));",
        '  };',
        `  for (const key of Object.keys(info)) (info${t(language, ' as Record<string, unknown>')})[key] = SENSITIVE_KEYS.has(key) ? '[REDACTED]' : scrub(info[key]);`,
        '  return info;',
        '});',
        '',
        `${t(language, 'export ')}const \${1:logger} = winston.createLogger({`,
        "  level: process.env.LOG_LEVEL ?? 'info',",
        '  format: winston.format.combine(redact(), winston.format.timestamp(), winston.format.json()),',
        '  transports: [new winston.transports.Console()],',
        '});',
        ...(language === 'javascript' ? ['', 'module.exports.${1:logger} = ${1:logger};'] : []),
      ],
    },
    'traced operation': tracedOperation(language),
  };
  if (language === 'typescript') Object.assign(snippets, nextSnippets());
  return snippets;
}

/**
 * An OpenTelemetry span around an operation, written the way the tracing rules want it: a constant name, the error
 * recorded on the span (exception event and ERROR status) and the span ended in `finally`.
 */
function tracedOperation(language: Language): Snippet {
  return {
    prefix: 'obs-traced',
    description:
      'OpenTelemetry span around an operation: startActiveSpan, recordException and ERROR status on failure, end() in finally',
    body: [
      imports(
        language,
        "import { SpanStatusCode, trace } from '@opentelemetry/api';",
        "const { SpanStatusCode, trace } = require('@opentelemetry/api');",
      ),
      '',
      "const tracer = trace.getTracer('${1:service-name}');",
      '',
      '// The span name is a constant: put ids, URLs and queries in attributes, never in the name.',
      `${t(language, 'export ')}async function \${2:operation}()${t(language, ': Promise<void>')} {`,
      "  return tracer.startActiveSpan('${3:operation.name}', async (span) => {",
      '    try {',
      '      $0',
      `    } catch (error) {`,
      `      span.recordException(error${t(language, ' as Error')});`,
      '      span.setStatus({ code: SpanStatusCode.ERROR });',
      '      throw error;',
      '    } finally {',
      '      span.end();',
      '    }',
      '  });',
      '}',
      ...(language === 'javascript' ? ['', 'module.exports.${2:operation} = ${2:operation};'] : []),
    ],
  };
}

/** Next.js App Router files (TypeScript): request IDs in middleware.ts, probes as route handlers, a timing wrapper. */
function nextSnippets(): Record<string, Snippet> {
  return {
    'nextjs correlation ID': {
      prefix: 'obs-nextjs-request-id',
      description:
        'middleware.ts: keeps a valid X-Request-ID or generates one, forwards it to route handlers and echoes it',
      body: [
        "import { NextResponse, type NextRequest } from 'next/server';",
        '',
        'const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;',
        '',
        "/** Route handlers read it with `(await headers()).get('x-request-id')`. */",
        'export function middleware(request: NextRequest): NextResponse {',
        "  const incoming = request.headers.get('x-request-id');",
        '  // Never echo what could inject into headers or log lines.',
        '  const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : crypto.randomUUID();',
        '  const headers = new Headers(request.headers);',
        "  headers.set('x-request-id', requestId);",
        '  const response = NextResponse.next({ request: { headers } });',
        "  response.headers.set('X-Request-ID', requestId);",
        '  return response;',
        '}',
        '',
        "export const config = { matcher: '${1:/api/:path*}' };",
      ],
    },
    ...nextProjectSnippets(),
  };
}

/** The files the Next.js project fixes write (one source with them); `@/lib/observability` is create-next-app's alias. */
function nextProjectSnippets(): Record<string, Snippet> {
  const files = nextTemplateFiles({ typescript: true, promClient: false }, '@/lib/observability');
  return {
    'nextjs observability helper': {
      prefix: 'obs-nextjs-helper',
      description:
        'lib/observability.ts: timedRoute(route, handler) (request ID, duration log line), getRequestId(), timed(), readiness checks',
      body: snippetBody(files.helper),
    },
    'nextjs health endpoint': {
      prefix: 'obs-nextjs-health',
      description: 'app/health/route.ts: liveness probe answering 200 {"status":"ok"} without dependency checks',
      body: snippetBody(files.liveness),
    },
    'nextjs readiness endpoint': {
      prefix: 'obs-nextjs-ready',
      description: 'app/health/ready/route.ts: runs the checks registered with registerReadinessCheck(), 200 or 503',
      body: snippetBody(files.readiness),
    },
  };
}

export function renderSnippets(language: Language): string {
  return `${JSON.stringify({ ...serviceSnippets(language), ...handWritten(language) }, null, 2)}\n`;
}

export const SNIPPET_LANGUAGES: readonly Language[] = ['javascript', 'typescript'];

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', '..', 'snippets');
  fs.mkdirSync(dir, { recursive: true });
  for (const language of SNIPPET_LANGUAGES) {
    fs.writeFileSync(path.join(dir, `${language}.json`), renderSnippets(language));
    console.log(`snippets/${language}.json`);
  }
  void renderPythonSnippets().then((text) => {
    fs.writeFileSync(path.join(dir, 'python.json'), text);
    console.log('snippets/python.json');
  });
}
