import * as path from 'node:path';
import * as fs from 'node:fs';
import { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { memberName, propertyKeyName, unwrap } from '../analysis/ast';
import { type MetricDeclaration, MetricsResolver, promBundleCall } from '../analysis/metrics';
import { defaultLanguageOptions, findProjectRoot } from '../analysis/service-model';
import { defaultAnalysisHost } from '../analysis/host';
import { projectScan } from '../analysis/modules';
import { isTestOrScriptPath } from '../analysis/test-files';

/** The request-duration histogram a service records, as Prometheus sees it. */
export interface RequestMetric {
  /** The metric name as declared (`http_request_duration_seconds`); Prometheus adds `_bucket`, `_count`, `_sum`. */
  name: string;
  /** From the name's unit suffix (`_seconds`, `_milliseconds`/`_ms`), else from the buckets. */
  unit: 'seconds' | 'milliseconds';
  /** The label holding the route template, the HTTP method and the status code, when the metric has them. */
  labels: { route?: string; method?: string; status?: string };
  labelNames: string[];
  /** Who records it: the project's own prom-client histogram, or express-prom-bundle's middleware. */
  source: 'prom-client' | 'express-prom-bundle';
  /** Where it is declared (relative to the project root, `/` separators). */
  file: string;
  line: number;
  /** A recording call was found (`observe`, `startTimer` and its end, `labels(…).observe`); the middleware packages always record. */
  recorded: boolean;
  /** What was assumed (a unit guessed, an option that is not a literal). */
  notes: string[];
}

export interface RequestMetricSearch {
  root: string;
  /** Request-duration histograms, the likeliest first (recorded, with route and status labels). */
  metrics: RequestMetric[];
  /** Metrics that look like request metrics but cannot be used (a summary, a name that is not a literal). */
  unusable: string[];
}

const ROUTE_LABELS = ['route', 'path', 'handler', 'endpoint', 'http_route', 'route_template', 'uri', 'url'];
const METHOD_LABELS = ['method', 'http_method', 'verb', 'http_request_method'];
const STATUS_LABELS = [
  'status_code',
  'status',
  'code',
  'statusCode',
  'http_status',
  'http_status_code',
  'http_response_status_code',
  'status_class',
];
/** Names of request-duration metrics: `http_request_duration_seconds`, `http_server_requests_seconds`, `api_response_time_ms`. */
const REQUEST_NAME =
  /(?:http|request|response|server).*(?:duration|latency|time|seconds)|(?:duration|latency).*(?:http|request)/i;
const RECORDING_METHODS = new Set(['observe', 'startTimer', 'labels']);
const PROM_BUNDLE_METRIC = 'http_request_duration_seconds';

interface Found {
  declarations: Array<{ declaration: MetricDeclaration; file: string }>;
  recorded: Set<string>;
  bundles: Array<{ call: TSESTree.CallExpression; options?: TSESTree.ObjectExpression; file: string }>;
}

/**
 * The request-duration histograms the project at `dir` declares and records, found by the plugin's metrics analysis
 * run over every source file (tests and scripts left out): prom-client histograms whose name or labels say they time
 * HTTP requests (the timing fix's `http_request_duration_seconds{method, route, status_code}` among them), and
 * express-prom-bundle's histogram with the labels its options turn on.
 */
export function findRequestMetrics(dir: string): RequestMetricSearch {
  const root = findProjectRoot(path.join(path.resolve(dir), 'package.json'));
  defaultAnalysisHost().invalidate();
  const found: Found = { declarations: [], recorded: new Set(), bundles: [] };
  const linter = new Linter({ cwd: root, configType: 'flat' });
  const config = collectorConfig(found);
  for (const file of projectScan(root).files) {
    if (isTestOrScriptPath(path.relative(root, file))) continue;
    const messages = linter.verify(fs.readFileSync(file, 'utf8'), config, { filename: file });
    const fatal = messages.find((message) => message.fatal);
    if (fatal) process.emitWarning(`${path.relative(root, file)}: ${fatal.message} (skipped)`);
  }
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const metrics: RequestMetric[] = [];
  const unusable: string[] = [];
  const seen = new Set<string>();
  for (const { declaration, file } of found.declarations) {
    const at = `${relative(file)}:${declaration.node.loc.start.line}`;
    const labelNames = (declaration.labelNames ?? []).filter((label) => label !== '');
    const labels = labelRoles(labelNames);
    const looksLikeRequests =
      (declaration.name !== undefined && REQUEST_NAME.test(declaration.name)) ||
      (labels.route !== undefined && (labels.method ?? labels.status) !== undefined);
    if (!looksLikeRequests) continue;
    if (declaration.name === undefined) {
      unusable.push(`a histogram at ${at} whose name is not a string literal`);
      continue;
    }
    if (declaration.kind !== 'histogram') {
      if (REQUEST_NAME.test(declaration.name))
        unusable.push(`${declaration.name} (${at}) is a ${declaration.kind}: quantiles over routes need a histogram`);
      continue;
    }
    if (seen.has(declaration.name)) continue;
    seen.add(declaration.name);
    const unit = unitOf(declaration.name, bucketsOf(declaration.options));
    metrics.push({
      name: declaration.name,
      unit: unit.unit,
      labels,
      labelNames,
      source: 'prom-client',
      file: relative(file),
      line: declaration.node.loc.start.line,
      recorded: found.recorded.has(declaration.name),
      notes: unit.note ? [unit.note] : [],
    });
  }
  for (const bundle of found.bundles) {
    const metric = promBundleMetric(bundle.options, `${relative(bundle.file)}:${bundle.call.loc.start.line}`);
    if ('unusable' in metric) {
      unusable.push(metric.unusable);
      continue;
    }
    if (seen.has(metric.name)) continue;
    seen.add(metric.name);
    metrics.push({ ...metric, file: relative(bundle.file), line: bundle.call.loc.start.line });
  }
  metrics.sort((a, b) => rank(b) - rank(a));
  return { root, metrics, unusable };
}

function rank(metric: RequestMetric): number {
  return (metric.recorded ? 4 : 0) + (metric.labels.route ? 2 : 0) + (metric.labels.status ? 1 : 0);
}

/** Which labels hold the route, the method and the status code (the first known spelling of each). */
export function labelRoles(labelNames: readonly string[]): RequestMetric['labels'] {
  const pick = (candidates: readonly string[]): string | undefined =>
    candidates.find((candidate) => labelNames.includes(candidate));
  const roles: RequestMetric['labels'] = {};
  const route = pick(ROUTE_LABELS);
  const method = pick(METHOD_LABELS);
  const status = pick(STATUS_LABELS);
  if (route) roles.route = route;
  if (method) roles.method = method;
  if (status) roles.status = status;
  return roles;
}

function unitOf(name: string, buckets: number[] | undefined): { unit: RequestMetric['unit']; note?: string } {
  if (/_seconds$/.test(name)) return { unit: 'seconds' };
  if (/_(?:milliseconds|ms)$/.test(name)) return { unit: 'milliseconds' };
  if (buckets && buckets.length > 0) {
    const unit = Math.max(...buckets) >= 100 ? 'milliseconds' : 'seconds';
    return { unit, note: `${name} names no unit; its buckets (up to ${Math.max(...buckets)}) read as ${unit}` };
  }
  return {
    unit: 'seconds',
    note: `${name} names no unit and declares no buckets; assumed seconds (prom-client's default buckets are in seconds)`,
  };
}

function bucketsOf(options: TSESTree.ObjectExpression | undefined): number[] | undefined {
  const value = optionValue(options, 'buckets');
  if (value?.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const numbers = value.elements.map((element) =>
    element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'number' ? element.value : undefined,
  );
  return numbers.every((item) => item !== undefined) ? numbers : undefined;
}

function optionValue(options: TSESTree.ObjectExpression | undefined, key: string): TSESTree.Node | undefined {
  for (const property of options?.properties ?? []) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key) return unwrap(property.value);
  }
  return undefined;
}

/**
 * express-prom-bundle's histogram: `http_request_duration_seconds` (or `httpDurationMetricName`) with `status_code`
 * (unless `includeStatusCode: false`), `method` with `includeMethod`, `path` with `includePath`, and `customLabels`.
 */
function promBundleMetric(
  options: TSESTree.ObjectExpression | undefined,
  at: string,
): Omit<RequestMetric, 'file' | 'line'> | { unusable: string } {
  const notes: string[] = [];
  const flag = (key: string, fallback: boolean): boolean => {
    const value = optionValue(options, key);
    if (value === undefined) return fallback;
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean') return value.value;
    notes.push(`express-prom-bundle's ${key} is not a literal; assumed ${fallback}`);
    return fallback;
  };
  const metricType = optionValue(options, 'metricType');
  if (metricType?.type === AST_NODE_TYPES.Literal && metricType.value === 'summary')
    return {
      unusable: `express-prom-bundle at ${at} records a summary (metricType: 'summary'): quantiles over routes need a histogram`,
    };
  const nameNode = optionValue(options, 'httpDurationMetricName');
  let name = PROM_BUNDLE_METRIC;
  if (nameNode?.type === AST_NODE_TYPES.Literal && typeof nameNode.value === 'string') name = nameNode.value;
  else if (nameNode)
    return { unusable: `express-prom-bundle at ${at}: httpDurationMetricName is not a string literal` };
  const labelNames = [
    ...(flag('includeStatusCode', true) ? ['status_code'] : []),
    ...(flag('includeMethod', false) ? ['method'] : []),
    ...(flag('includePath', false) ? ['path'] : []),
  ];
  const custom = optionValue(options, 'customLabels');
  if (custom?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of custom.properties)
      if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property))
        labelNames.push(propertyKeyName(property)!);
  }
  const unit = unitOf(name, bucketsOf(options));
  return {
    name,
    unit: unit.unit,
    labels: labelRoles(labelNames),
    labelNames,
    source: 'express-prom-bundle',
    recorded: true,
    notes: [...notes, ...(unit.note ? [unit.note] : [])],
  };
}

/** A lint config whose only rule hands every metric declaration, recording call and promBundle() call to `found`. */
function collectorConfig(found: Found): Linter.Config[] {
  const collector: TSESLint.RuleModule<string, []> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      const metrics = MetricsResolver.of(context);
      if (!metrics.importsMetrics()) return {};
      const program = context.sourceCode.ast;
      const declared = (node: TSESTree.NewExpression | TSESTree.CallExpression): void => {
        const declaration = metrics.declarationAt(node, program, true);
        if (
          declaration &&
          (declaration.kind === 'histogram' || declaration.kind === 'summary') &&
          declaration.library === 'prom-client'
        )
          found.declarations.push({ declaration, file: context.filename });
      };
      return {
        NewExpression: declared,
        CallExpression(call) {
          declared(call);
          const bundle = promBundleCall(call, context.sourceCode);
          if (bundle) found.bundles.push({ call, ...bundle, file: context.filename });
          const recordedOn =
            metrics.labelUseOf(call)?.metric ??
            (call.callee.type === AST_NODE_TYPES.MemberExpression &&
            RECORDING_METHODS.has(memberName(call.callee) ?? '')
              ? metrics.resolveMetric(call.callee.object)
              : undefined);
          if (recordedOn?.name !== undefined) found.recorded.add(recordedOn.name);
        },
      };
    },
  };
  return [
    {
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: defaultLanguageOptions() as Linter.Config['languageOptions'],
      plugins: {
        'observability-alerts': { rules: { 'request-metrics': collector } },
      } as unknown as Linter.Config['plugins'],
      rules: { 'observability-alerts/request-metrics': 'error' },
    },
  ];
}
