/**
 * Named tests on a module's text, run on every file of a project scan (one read per file, however many analyses
 * ask). All of them are declared here, so a scan is complete from the start: none is registered later by a module
 * that happens to load later.
 */

/** StatsD clients: their calls name metrics too. */
export const STATSD_MODULES: ReadonlySet<string> = new Set([
  'hot-shots',
  'node-statsd',
  'statsd-client',
  'node-dogstatsd',
  'lynx',
]);
/** `@willsoto/nestjs-prometheus`, the NestJS Prometheus integration: its providers declare prom-client metrics. */
export const NEST_PROMETHEUS = '@willsoto/nestjs-prometheus';
export const METRICS_PACKAGES: ReadonlySet<string> = new Set([
  'prom-client',
  'express-prom-bundle',
  NEST_PROMETHEUS,
  ...STATSD_MODULES,
]);

/** A metrics library named in a module's text (import, require or a string naming it). */
export const METRICS_TEXT = new RegExp(
  `['"](?:${[...METRICS_PACKAGES].map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')}|@opentelemetry\\/[\\w-]+)['"]`,
);

export const TEXT_PROBES = {
  /** Where an app is created: the files a service model starts from. */
  'app-root':
    /\b(?:express|fastify|Fastify)\s*\(|(?:new|extends)\s+(?:Koa|Hono|OpenAPIHono)\b|NestFactory\s*\.\s*create|require\(\s*['"]fastify['"]\s*\)\s*\(/,
  /** A probe library wired by hand (terminus, lightship): the service has health endpoints. */
  'wires-probe-library': /\bcreateTerminus\s*\(|\bcreateLightship\s*\(/,
  'names-metrics': METRICS_TEXT,
  /** Modules that may declare `@willsoto/nestjs-prometheus` providers (read when an `@InjectMetric` member is used). */
  'nest-prometheus-providers': /\bmake(?:Counter|Gauge|Histogram|Summary)Provider\s*\(/,
} as const satisfies Record<string, RegExp>;

export type TextProbe = keyof typeof TEXT_PROBES;
