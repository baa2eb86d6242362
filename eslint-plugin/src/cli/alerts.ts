import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ALERT_DEFAULTS,
  type AlertOptions,
  findRequestMetrics,
  grafanaDashboard,
  isPrometheusDuration,
  jobNameFrom,
  parseLatency,
  rulesYaml,
} from '../alerts';
import { findProjectRoot, projectDependencies } from '../analysis/modules';
import { analyzeService } from '../analysis/service-model';
import { servesMetrics } from '../analysis/service-model/coverage';

export const USAGE = `Usage: observability-lint alerts [dir] --output DIR [options]

Finds the request-duration histogram the service in [dir] (default: the current directory) records — the one
require-request-timing's fix inserts, or the project's own prom-client histogram, or express-prom-bundle's — and
writes, named after the job:
  <job>.rules.yml        Prometheus recording rules (request rate, 5xx ratio, p50/p95/p99 latency, per job and
                         per route) and alerting rules (HttpErrorRatioHigh, HttpLatencyP95High, HttpLatencyP99High,
                         TargetDown, TargetMissing)
  <job>.dashboard.json   a Grafana dashboard: rate, errors and duration for the service and per route
When the code records no request metric it says so and writes nothing.

Options:
  -o, --output DIR       directory to write the files to (required; created if missing)
      --job NAME         Prometheus job that scrapes the service (default: the package name)
      --error-ratio R    5xx ratio above which HttpErrorRatioHigh fires, 0 < R < 1 (default: ${ALERT_DEFAULTS.errorRatio})
      --latency-p95 T    p95 latency threshold: 300ms, 0.5s, 2 (seconds) (default: ${ALERT_DEFAULTS.latencyP95 * 1000}ms)
      --latency-p99 T    p99 latency threshold (default: ${ALERT_DEFAULTS.latencyP99}s)
      --for D            how long errors or latency stay high before alerting (default: ${ALERT_DEFAULTS.for})
      --down-for D       how long the target is down or missing before alerting (default: ${ALERT_DEFAULTS.downFor})
      --window D         rate window of the recording rules (default: ${ALERT_DEFAULTS.window})
  -h, --help             show this help
Durations are Prometheus durations (30s, 5m, 1h30m).

Exit status: 0 when the files are written or there is nothing to generate, 2 on a bad option or directory.`;

class UsageError extends Error {}

interface Parsed {
  dir: string;
  output: string;
  options: AlertOptions;
}

/** `observability-lint alerts …`: returns the exit status. */
export function main(
  args: readonly string[],
  io: { out: (text: string) => void; err: (text: string) => void } = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
): number {
  let parsed: Parsed | 'help';
  try {
    parsed = parse(args);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    io.err(`observability-lint alerts: ${error.message}\nRun \`observability-lint alerts --help\` for the options.\n`);
    return 2;
  }
  if (parsed === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const { dir, output, options } = parsed;
  const search = findRequestMetrics(dir);
  for (const reason of search.unusable) io.err(`note: ${reason}.\n`);
  const metric = search.metrics[0];
  if (!metric) {
    io.err(
      `observability-lint alerts: ${path.relative(process.cwd(), search.root) || '.'} records no request-duration histogram ` +
        '(a prom-client Histogram of request durations, or express-prom-bundle), so there is nothing to alert on: nothing written.\n' +
        'Apply the suggestion of observability/require-request-timing to add one, then run this again.\n',
    );
    return 0;
  }
  for (const other of search.metrics.slice(1))
    io.err(
      `note: ${other.name} (${other.file}:${other.line}) also looks like a request histogram; generating for ${metric.name}.\n`,
    );
  for (const note of metric.notes) io.err(`note: ${note}.\n`);
  if (!metric.recorded)
    io.err(
      `warning: ${metric.name} is declared (${metric.file}:${metric.line}) but no call that records it was found; the rules stay silent until it is recorded.\n`,
    );
  if (!metric.labels.status) io.err(`note: ${metric.name} has no status-code label: no 5xx ratio rules or alert.\n`);
  if (!metric.labels.route) io.err(`note: ${metric.name} has no route label: no per-route rules or panels.\n`);
  if (metric.source === 'prom-client' && !scrapable(search.root)) {
    io.err(
      "warning: no app of the service serves GET /metrics: Prometheus cannot scrape the histogram until one does (require-request-timing's fix adds it).\n",
    );
  }
  fs.mkdirSync(output, { recursive: true });
  const rulesFile = path.join(output, `${options.job}.rules.yml`);
  const dashboardFile = path.join(output, `${options.job}.dashboard.json`);
  fs.writeFileSync(rulesFile, rulesYaml(metric, options));
  fs.writeFileSync(dashboardFile, `${JSON.stringify(grafanaDashboard(metric, options), null, 2)}\n`);
  const labels = Object.entries(metric.labels)
    .map(([role, label]) => `${role}=${label}`)
    .join(', ');
  io.out(
    `${metric.name} (${metric.source}, ${metric.file}:${metric.line}; ${metric.unit}; labels ${labels || 'none'}), job ${options.job}:\n` +
      `  ${rulesFile}\n  ${dashboardFile}\n`,
  );
  return 0;
}

/** Some app of the service serves GET /metrics (or the model finds no app to ask). */
function scrapable(root: string): boolean {
  const model = analyzeService(root);
  const apps = model.scopes.filter((scope) => scope.kind === 'app');
  return apps.length === 0 || apps.some((app) => servesMetrics(model, app));
}

function parse(args: readonly string[]): Parsed | 'help' {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o' },
      job: { type: 'string' },
      'error-ratio': { type: 'string' },
      'latency-p95': { type: 'string' },
      'latency-p99': { type: 'string' },
      for: { type: 'string' },
      'down-for': { type: 'string' },
      window: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 1)
    throw new UsageError(`one directory expected, got ${positionals.length}: ${positionals.join(' ')}`);
  const dir = path.resolve(positionals[0] ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new UsageError(`${positionals[0] ?? '.'} is not a directory`);
  if (values.output === undefined || values.output === '')
    throw new UsageError('--output DIR is required (where to write the rules and the dashboard)');
  const errorRatio = values['error-ratio'] === undefined ? ALERT_DEFAULTS.errorRatio : Number(values['error-ratio']);
  if (!(errorRatio > 0 && errorRatio < 1))
    throw new UsageError(`--error-ratio must be a number between 0 and 1 (0.05 is 5%), got ${values['error-ratio']}`);
  const latency = (option: 'latency-p95' | 'latency-p99', fallback: number): number => {
    const text = values[option];
    if (text === undefined) return fallback;
    const seconds = parseLatency(text);
    if (seconds === undefined)
      throw new UsageError(`--${option} must be a positive duration such as 300ms, 0.5s or 2 (seconds), got ${text}`);
    return seconds;
  };
  const duration = (option: 'for' | 'down-for' | 'window', fallback: string, allowZero: boolean): string => {
    const text = values[option] ?? fallback;
    if (!isPrometheusDuration(text))
      throw new UsageError(`--${option} must be a Prometheus duration such as 30s, 5m or 1h30m, got ${text}`);
    if (!allowZero && !/[1-9]/.test(text)) throw new UsageError(`--${option} must be longer than zero, got ${text}`);
    return text;
  };
  const job =
    values.job ??
    jobNameFrom(projectDependencies(findProjectRoot(path.join(dir, 'package.json'))).name, path.basename(dir));
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(job))
    throw new UsageError(
      `--job must be letters, digits, '_', '.' and '-' (it names the files and the job label), got ${job}`,
    );
  const options: AlertOptions = {
    job,
    errorRatio,
    latencyP95: latency('latency-p95', ALERT_DEFAULTS.latencyP95),
    latencyP99: latency('latency-p99', ALERT_DEFAULTS.latencyP99),
    for: duration('for', ALERT_DEFAULTS.for, true),
    downFor: duration('down-for', ALERT_DEFAULTS.downFor, true),
    window: duration('window', ALERT_DEFAULTS.window, false),
  };
  return { dir, output: path.resolve(values.output), options };
}
