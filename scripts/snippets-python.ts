import plugin from 'eslint-plugin-observability';
import { pythonServiceTemplate } from 'eslint-plugin-observability/python-templates';
import type { Snippet } from './snippets';
import { APP, snippetBody } from './snippet-body';

type Concern = Parameters<typeof pythonServiceTemplate>[0][number];
type Logger = 'structlog' | 'loguru' | 'logging';

function service(
  prefix: string,
  description: string,
  concerns: Concern[],
  logger: Logger,
  metrics: 'prometheus_client' | 'none',
): Snippet {
  return {
    prefix,
    description: `${description} (FastAPI; what Observability Lint's suggestion inserts)`,
    body: snippetBody(pythonServiceTemplate(concerns, { logger, metrics, appName: APP })),
  };
}

/**
 * Python snippets: FastAPI modules with the code the service fixes insert (one source with them), plus
 * prometheus_client metrics with bounded labels and a structlog setup that redacts, written to pass the rules.
 */
export async function renderPythonSnippets(): Promise<string> {
  await plugin.languages.python.load();
  const snippets: Record<string, Snippet> = {
    'fastapi correlation ID': service(
      'obs-fastapi-request-id',
      'Request-ID middleware: keeps a valid X-Request-ID or generates one, echoes it, get_request_id(), request_id on log records',
      ['correlationId'],
      'logging',
      'none',
    ),
    'fastapi correlation ID (structlog)': service(
      'obs-fastapi-request-id-structlog',
      'Request-ID middleware bound to structlog context variables: keeps a valid X-Request-ID or generates one, echoes it',
      ['correlationId'],
      'structlog',
      'none',
    ),
    'fastapi request timing': service(
      'obs-fastapi-timing',
      'Request-duration histogram http_request_duration_seconds{method,route,status_code} with route templates, GET /metrics',
      ['requestTiming'],
      'logging',
      'prometheus_client',
    ),
    'fastapi request log': service(
      'obs-fastapi-request-log',
      'One log line per request: method, route template, status, duration_ms',
      ['requestLogging'],
      'logging',
      'none',
    ),
    'fastapi request log (structlog)': service(
      'obs-fastapi-request-log-structlog',
      'One structlog event per request: method, route template, status, duration_ms',
      ['requestLogging'],
      'structlog',
      'none',
    ),
    'fastapi health endpoints': service(
      'obs-fastapi-health',
      'GET /health and GET /health/ready: readiness checks registered with register_readiness_check(), run with a timeout, 503 when one fails',
      ['healthEndpoints'],
      'logging',
      'none',
    ),
    'fastapi observed service': service(
      'obs-fastapi-service',
      'A FastAPI app with request IDs, a request log, a request histogram with /metrics and health probes (structlog, prometheus_client)',
      ['correlationId', 'requestLogging', 'requestTiming', 'healthEndpoints'],
      'structlog',
      'prometheus_client',
    ),
    'prometheus_client histogram': {
      prefix: 'obs-py-histogram',
      description: 'prometheus_client Histogram with bounded labels',
      body: [
        'from prometheus_client import Histogram',
        '',
        '# Labels must be bounded: route templates, methods, status codes, outcomes; never ids, URLs or e-mails.',
        '${1:JOB_DURATION} = Histogram(',
        '    "${2:app_job_duration_seconds}",',
        '    "${4:Duration of background jobs in seconds, by job and outcome.}",',
        '    ["${3:job}", "outcome"],',
        ')',
      ],
    },
    'prometheus_client counter': {
      prefix: 'obs-py-counter',
      description: 'prometheus_client Counter with bounded labels (the client exposes it with _total)',
      body: [
        'from prometheus_client import Counter',
        '',
        '# Labels must be a fixed set of values: never user ids, URLs, e-mails or free text.',
        '${1:ORDERS_PLACED} = Counter(',
        '    "${2:app_orders_placed}",',
        '    "${4:Orders placed, by sales channel.}",',
        '    ["${3:channel}"],',
        ')',
      ],
    },
    'structlog logger': {
      prefix: 'obs-structlog',
      description: 'structlog: JSON lines with timestamps and context variables, secrets and personal data redacted',
      body: [
        'import logging',
        '',
        'import structlog',
        '',
        'SENSITIVE_KEYS = {"password", "token", "authorization", "cookie", "email", "credit_card", "ssn"}',
        '',
        '',
        'def redact_sensitive(logger, method_name, event_dict):',
        '    """Replaces sensitive fields (at any depth) before the event is rendered."""',
        '',
        '    def scrub(value):',
        '        if isinstance(value, dict):',
        '            return {key: "[REDACTED]" if key.lower() in SENSITIVE_KEYS else scrub(inner) for key, inner in value.items()}',
        '        if isinstance(value, (list, tuple)):',
        '            return [scrub(inner) for inner in value]',
        '        return value',
        '',
        '    return scrub(event_dict)',
        '',
        '',
        'structlog.configure(',
        '    processors=[',
        '        structlog.contextvars.merge_contextvars,',
        '        structlog.processors.add_log_level,',
        '        structlog.processors.TimeStamper(fmt="iso"),',
        '        redact_sensitive,',
        '        structlog.processors.JSONRenderer(),',
        '    ],',
        '    wrapper_class=structlog.make_filtering_bound_logger(logging.${2:INFO}),',
        ')',
        '${1:log} = structlog.get_logger()',
      ],
    },
  };
  return `${JSON.stringify(snippets, null, 2)}\n`;
}
