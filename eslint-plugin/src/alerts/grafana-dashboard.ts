import { createHash } from 'node:crypto';
import type { AlertOptions } from './options';
import { promString, QUANTILES, RequestQueries } from './prometheus-rules';
import type { RequestMetric } from './request-metric';

/**
 * The shapes of Grafana's dashboard JSON model that the generated dashboard uses; the tests check the output against
 * `@grafana/schema`'s `Dashboard` type.
 */
interface Target {
  refId: string;
  datasource: { type: 'prometheus'; uid: string };
  expr: string;
  legendFormat: string;
}

interface GraphPanel {
  id: number;
  type: 'timeseries' | 'stat';
  title: string;
  description: string;
  datasource: { type: 'prometheus'; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  fieldConfig: { defaults: { unit: string; min?: number; max?: number }; overrides: [] };
  options: Record<string, unknown>;
  targets: Target[];
}

interface Row {
  id: number;
  type: 'row';
  title: string;
  collapsed: false;
  gridPos: { x: number; y: number; w: number; h: number };
  panels: [];
}

export interface GrafanaDashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: string;
  editable: boolean;
  graphTooltip: number;
  schemaVersion: number;
  version: number;
  refresh: string;
  time: { from: string; to: string };
  templating: { list: Array<Record<string, unknown> & { name: string; type: string }> };
  annotations: { list: [] };
  links: [];
  panels: Array<GraphPanel | Row>;
}

const DATASOURCE = { type: 'prometheus' as const, uid: '${datasource}' };

/**
 * A RED dashboard for the service: its request rate, 5xx ratio and latency quantiles, then the same per route (a
 * `route` variable selects routes). Queries read the histogram's own series (`_count`, `_bucket`), so the dashboard
 * works before the recording rules are loaded; `$job` is the job the rules select.
 */
export function grafanaDashboard(metric: RequestMetric, options: AlertOptions): GrafanaDashboard {
  const queries = new RequestQueries(metric, { ...options, job: '$job' });
  const window = '$__rate_interval';
  const route = metric.labels.route;
  const routeMatcher = route ? `${route}=~"$route"` : undefined;
  const unit = metric.unit === 'milliseconds' ? 'ms' : 's';
  const panels: Array<GraphPanel | Row> = [];
  let id = 0;
  let y = 0;
  const row = (title: string): void => {
    panels.push({ id: ++id, type: 'row', title, collapsed: false, gridPos: { x: 0, y: y++, w: 24, h: 1 }, panels: [] });
  };
  const panel = (spec: {
    type: GraphPanel['type'];
    title: string;
    description: string;
    unit: string;
    x: number;
    w: number;
    h: number;
    targets: Array<[string, string]>;
    min?: number;
    max?: number;
  }): void => {
    panels.push({
      id: ++id,
      type: spec.type,
      title: spec.title,
      description: spec.description,
      datasource: DATASOURCE,
      gridPos: { x: spec.x, y, w: spec.w, h: spec.h },
      fieldConfig: {
        defaults: {
          unit: spec.unit,
          ...(spec.min !== undefined ? { min: spec.min } : {}),
          ...(spec.max !== undefined ? { max: spec.max } : {}),
        },
        overrides: [],
      },
      options:
        spec.type === 'stat'
          ? {
              reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
              colorMode: 'value',
              graphMode: 'area',
            }
          : {
              legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
              tooltip: { mode: 'multi', sort: 'desc' },
            },
      targets: spec.targets.map(([expr, legendFormat], index) => ({
        refId: String.fromCharCode(65 + index),
        datasource: DATASOURCE,
        expr,
        legendFormat,
      })),
    });
  };
  const errorRatio = queries.errorRatio(['job'], window);

  row('Service');
  panel({
    type: 'stat',
    title: 'Requests per second',
    description: `All requests (${queries.count}).`,
    unit: 'reqps',
    x: 0,
    w: 8,
    h: 4,
    targets: [[queries.requestRate(['job'], window), '{{job}}']],
  });
  if (errorRatio)
    panel({
      type: 'stat',
      title: '5xx ratio',
      description: `Requests answered 5xx over all requests (${metric.labels.status}=~"5..").`,
      unit: 'percentunit',
      x: 8,
      w: 8,
      h: 4,
      min: 0,
      max: 1,
      targets: [[errorRatio, '{{job}}']],
    });
  panel({
    type: 'stat',
    title: 'p99 latency',
    description: `99th percentile of ${metric.name}.`,
    unit,
    x: 16,
    w: 8,
    h: 4,
    targets: [[queries.quantile(0.99, ['job'], window), 'p99']],
  });
  y += 4;
  const byStatus = metric.labels.status ? [metric.labels.status] : [];
  panel({
    type: 'timeseries',
    title: 'Request rate',
    description: metric.labels.status ? 'Requests per second by status code.' : 'Requests per second.',
    unit: 'reqps',
    x: 0,
    w: 8,
    h: 8,
    targets: [
      [
        queries.requestRate(['job', ...byStatus], window),
        metric.labels.status ? `{{${metric.labels.status}}}` : '{{job}}',
      ],
    ],
  });
  if (errorRatio)
    panel({
      type: 'timeseries',
      title: '5xx ratio',
      description: 'Fraction of requests answered 5xx.',
      unit: 'percentunit',
      x: 8,
      w: 8,
      h: 8,
      min: 0,
      targets: [[errorRatio, 'errors']],
    });
  panel({
    type: 'timeseries',
    title: 'Latency',
    description: `p50, p95 and p99 of ${metric.name}.`,
    unit,
    x: 16,
    w: 8,
    h: 8,
    targets: QUANTILES.map((q) => [queries.quantile(q, ['job'], window), `p${Math.round(q * 100)}`]),
  });
  y += 8;

  if (route && routeMatcher) {
    row('Routes');
    const legend = `{{${route}}}`;
    panel({
      type: 'timeseries',
      title: 'Request rate by route',
      description: 'Requests per second of each selected route.',
      unit: 'reqps',
      x: 0,
      w: 12,
      h: 8,
      targets: [[queries.requestRate(['job', route], window, routeMatcher), legend]],
    });
    if (errorRatio)
      panel({
        type: 'timeseries',
        title: '5xx ratio by route',
        description: "Fraction of each selected route's requests answered 5xx.",
        unit: 'percentunit',
        x: 12,
        w: 12,
        h: 8,
        min: 0,
        targets: [[queries.errorRatio(['job', route], window, routeMatcher)!, legend]],
      });
    y += 8;
    panel({
      type: 'timeseries',
      title: 'p95 latency by route',
      description: `95th percentile of ${metric.name} for each selected route.`,
      unit,
      x: 0,
      w: 12,
      h: 8,
      targets: [[queries.quantile(0.95, ['job', route], window, routeMatcher), legend]],
    });
    panel({
      type: 'timeseries',
      title: 'p99 latency by route',
      description: `99th percentile of ${metric.name} for each selected route.`,
      unit,
      x: 12,
      w: 12,
      h: 8,
      targets: [[queries.quantile(0.99, ['job', route], window, routeMatcher), legend]],
    });
    y += 8;
    panel({
      type: 'timeseries',
      title: 'p50 latency by route',
      description: `Median of ${metric.name} for each selected route.`,
      unit,
      x: 0,
      w: 24,
      h: 8,
      targets: [[queries.quantile(0.5, ['job', route], window, routeMatcher), legend]],
    });
    y += 8;
  }

  const templating: GrafanaDashboard['templating']['list'] = [
    {
      name: 'datasource',
      label: 'Data source',
      type: 'datasource',
      query: 'prometheus',
      hide: 0,
      refresh: 1,
      includeAll: false,
      multi: false,
    },
    {
      name: 'job',
      label: 'Job',
      type: 'query',
      datasource: DATASOURCE,
      query: `label_values(${queries.count}, job)`,
      refresh: 2,
      includeAll: false,
      multi: false,
      sort: 1,
      current: { text: options.job, value: options.job, selected: true },
      hide: 0,
    },
  ];
  if (route) {
    templating.push({
      name: 'route',
      label: 'Route',
      type: 'query',
      datasource: DATASOURCE,
      query: `label_values(${queries.count}{job="$job"}, ${route})`,
      refresh: 2,
      includeAll: true,
      multi: true,
      allValue: '.*',
      sort: 1,
      current: { text: ['All'], value: ['$__all'], selected: true },
      hide: 0,
    });
  }
  return {
    uid: dashboardUid(options.job),
    title: `${options.job}: HTTP requests (RED)`,
    description: `Rate, errors and duration of ${options.job}'s HTTP requests, from ${metric.name} (${metric.file}:${metric.line}). Generated by observability-lint alerts; the job selector is ${promString(options.job)}.`,
    tags: ['observability-lint', 'http', 'red'],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: templating },
    annotations: { list: [] },
    links: [],
    panels,
  };
}

/** A stable uid (8–40 characters) from the job name: the same dashboard is updated on every import. */
function dashboardUid(job: string): string {
  const slug = job.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 27);
  return `${slug}-red-${createHash('sha256').update(job).digest('hex').slice(0, 8)}`;
}
