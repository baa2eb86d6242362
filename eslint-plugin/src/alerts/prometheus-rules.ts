import type { AlertOptions } from './options';
import type { RequestMetric } from './request-metric';
import { toYaml, type YamlValue } from './yaml';

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: Array<RecordingRule | AlertingRule>;
}

export const QUANTILES = [0.5, 0.95, 0.99] as const;

/** PromQL string literal (Go-style escapes; a JSON string is one). */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** Names and expressions shared by the rules and the dashboard, for one metric and job. */
export class RequestQueries {
  readonly count: string;
  readonly bucket: string;

  constructor(
    readonly metric: RequestMetric,
    readonly options: AlertOptions,
  ) {
    this.count = `${metric.name}_count`;
    this.bucket = `${metric.name}_bucket`;
  }

  /** `{job="orders-api"}`, with more matchers appended. */
  selector(...matchers: string[]): string {
    return `{${[`job=${promString(this.options.job)}`, ...matchers].join(', ')}}`;
  }

  /** The 5xx matcher on the status label (`status_code=~"5.."`; matches `500` and a class such as `5xx`). */
  get serverError(): string | undefined {
    return this.metric.labels.status ? `${this.metric.labels.status}=~"5.."` : undefined;
  }

  /** Requests per second, by `by`. */
  requestRate(by: string[], window: string, ...matchers: string[]): string {
    return `sum by (${by.join(', ')}) (rate(${this.count}${this.selector(...matchers)}[${window}]))`;
  }

  /**
   * The fraction of requests answered 5xx, by `by`: 0 (not absent) while nothing fails, so that the ratio reads 0 on
   * a dashboard and a recovered service resolves the alert.
   */
  errorRatio(by: string[], window: string, ...matchers: string[]): string | undefined {
    const serverError = this.serverError;
    if (!serverError) return undefined;
    const all = this.requestRate(by, window, ...matchers);
    return `(${this.requestRate(by, window, ...matchers, serverError)} or (0 * ${all})) / ${all}`;
  }

  /** A latency quantile from the histogram's buckets, by `by` (and `le`), in the metric's unit. */
  quantile(q: number, by: string[], window: string, ...matchers: string[]): string {
    return `histogram_quantile(${q}, sum by (${[...by, 'le'].join(', ')}) (rate(${this.bucket}${this.selector(...matchers)}[${window}])))`;
  }

  /** A threshold in seconds, in the metric's unit. */
  latencyThreshold(seconds: number): number {
    return this.metric.unit === 'milliseconds' ? Math.round(seconds * 1000 * 1e6) / 1e6 : seconds;
  }
}

/** Recording rule names, `level:metric:operations` as Prometheus' naming practice has it. */
export function recordNames(
  metric: RequestMetric,
  window: string,
): {
  rate: string;
  routeRate: string;
  errorRatio: string;
  routeErrorRatio: string;
  quantile: (q: number) => string;
  routeQuantile: (q: number) => string;
} {
  const route = metric.labels.route ?? 'route';
  const percentile = (q: number): string => `p${String(Math.round(q * 100))}`;
  return {
    rate: `job:http_requests:rate${window}`,
    routeRate: `job_${route}:http_requests:rate${window}`,
    errorRatio: `job:http_request_errors:ratio_rate${window}`,
    routeErrorRatio: `job_${route}:http_request_errors:ratio_rate${window}`,
    quantile: (q) => `job:${metric.name}:${percentile(q)}_rate${window}`,
    routeQuantile: (q) => `job_${route}:${metric.name}:${percentile(q)}_rate${window}`,
  };
}

/**
 * Recording rules (request rate, 5xx ratio, p50/p95/p99 latency for the job and per route) and alerting rules (5xx
 * ratio, p95 and p99 latency over their thresholds, the target down or missing) for one service's request histogram.
 */
export function ruleGroups(metric: RequestMetric, options: AlertOptions): RuleGroup[] {
  const queries = new RequestQueries(metric, options);
  const names = recordNames(metric, options.window);
  const { window, job } = options;
  const route = metric.labels.route;
  const recording: RecordingRule[] = [{ record: names.rate, expr: queries.requestRate(['job'], window) }];
  if (route) recording.push({ record: names.routeRate, expr: queries.requestRate(['job', route], window) });
  const errorRatio = queries.errorRatio(['job'], window);
  if (errorRatio) {
    recording.push({ record: names.errorRatio, expr: errorRatio });
    if (route) recording.push({ record: names.routeErrorRatio, expr: queries.errorRatio(['job', route], window)! });
  }
  for (const q of QUANTILES) {
    recording.push({ record: names.quantile(q), expr: queries.quantile(q, ['job'], window) });
    if (route) recording.push({ record: names.routeQuantile(q), expr: queries.quantile(q, ['job', route], window) });
  }

  const jobSelector = `{job=${promString(job)}}`;
  const unit = metric.unit === 'milliseconds' ? 'ms' : 's';
  const alerts: AlertingRule[] = [];
  if (errorRatio) {
    alerts.push({
      alert: 'HttpErrorRatioHigh',
      expr: `${names.errorRatio}${jobSelector} > ${options.errorRatio}`,
      for: options.for,
      labels: { severity: 'critical' },
      annotations: {
        summary: `{{ $labels.job }}: more than ${percent(options.errorRatio)} of HTTP requests answer 5xx`,
        description: `{{ $value | humanizePercentage }} of the requests {{ $labels.job }} served in the last ${window} answered 5xx (${metric.name}_count, ${metric.labels.status}=~"5.."); the threshold is ${percent(options.errorRatio)} for ${options.for}.`,
      },
    });
  }
  for (const [q, threshold] of [
    [0.95, options.latencyP95],
    [0.99, options.latencyP99],
  ] as const) {
    const limit = queries.latencyThreshold(threshold);
    alerts.push({
      alert: `HttpLatencyP${Math.round(q * 100)}High`,
      expr: `${names.quantile(q)}${jobSelector} > ${limit}`,
      for: options.for,
      labels: { severity: q === 0.99 ? 'critical' : 'warning' },
      annotations: {
        summary: `{{ $labels.job }}: p${Math.round(q * 100)} HTTP request latency above ${limit}${unit}`,
        description: `The ${Math.round(q * 100)}th percentile of {{ $labels.job }}'s request durations over the last ${window} is {{ $value }}${unit} (${metric.name}); the threshold is ${limit}${unit} for ${options.for}.`,
      },
    });
  }
  alerts.push(
    {
      alert: 'TargetDown',
      expr: `up${jobSelector} == 0`,
      for: options.downFor,
      labels: { severity: 'critical' },
      annotations: {
        summary: '{{ $labels.job }} at {{ $labels.instance }} cannot be scraped',
        description: `Prometheus has failed to scrape {{ $labels.instance }} of {{ $labels.job }} for ${options.downFor}: the service is down or its metrics endpoint does not answer.`,
      },
    },
    {
      alert: 'TargetMissing',
      expr: `absent(up${jobSelector})`,
      for: options.downFor,
      labels: { severity: 'critical' },
      annotations: {
        summary: `No target of the job ${job} is known to Prometheus`,
        description: `Prometheus has had no target for the job ${job} for ${options.downFor}: its scrape configuration or service discovery lost the service, and no other alert about it can fire.`,
      },
    },
  );
  return [
    { name: `${job}-http-recording`, rules: recording },
    { name: `${job}-http-alerts`, rules: alerts },
  ];
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 10000) / 100}%`;
}

/** The rule file: a comment saying where the metric comes from, then the groups. */
export function rulesYaml(metric: RequestMetric, options: AlertOptions): string {
  const header = [
    '# Generated by `observability-lint alerts`: Prometheus recording and alerting rules for the request histogram',
    `# ${metric.name} (${metric.source}, ${metric.file}:${metric.line}) of the job ${options.job}.`,
    `# Labels: ${
      Object.entries(metric.labels)
        .map(([role, label]) => `${role}=${label}`)
        .join(', ') || 'none of route, method, status'
    }.`,
    '# Regenerate instead of editing: thresholds and durations are options of the command.',
  ];
  return `${header.join('\n')}\n${toYaml({ groups: ruleGroups(metric, options) as unknown as YamlValue })}`;
}
