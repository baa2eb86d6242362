/** Thresholds and durations of the generated alerts; the CLI's options, with their defaults. */
export interface AlertOptions {
  /** The Prometheus job that scrapes the service (`up{job=…}`); every query selects it. */
  job: string;
  /** Fraction of requests answered 5xx above which HttpErrorRatioHigh fires. */
  errorRatio: number;
  /** p95 and p99 request latency thresholds, in seconds (converted to the metric's unit). */
  latencyP95: number;
  latencyP99: number;
  /** How long a condition holds before the error and latency alerts fire (a Prometheus duration). */
  for: string;
  /** How long the target is down or missing before TargetDown / TargetMissing fire. */
  downFor: string;
  /** The window of `rate(…[window])` in the recording rules. */
  window: string;
}

export const ALERT_DEFAULTS: Omit<AlertOptions, 'job'> = {
  errorRatio: 0.05,
  latencyP95: 0.5,
  latencyP99: 1,
  for: '10m',
  downFor: '5m',
  window: '5m',
};

/** A Prometheus duration: `30s`, `5m`, `1h30m` (units ms, s, m, h, d, w, y, largest first). */
const PROMETHEUS_DURATION = /^(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/;

export function isPrometheusDuration(text: string): boolean {
  return text !== '' && PROMETHEUS_DURATION.test(text);
}

/** A latency in seconds from `250ms`, `0.5s`, `1s`, `2` (seconds); undefined when it is none or not positive. */
export function parseLatency(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(ms|s)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
  return value > 0 && Number.isFinite(value) ? value : undefined;
}

/** A job name Prometheus and file names accept: the package name without its scope, lower-case, `[a-z0-9_-]`. */
export function jobNameFrom(packageName: string | undefined, fallback: string): string {
  const name = (packageName ?? '').replace(/^@[^/]+\//, '') || fallback;
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'service'
  );
}
