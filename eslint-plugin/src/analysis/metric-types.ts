import type { TSESTree } from '@typescript-eslint/utils';

/** The shapes the metrics analysis describes metrics and their label sets with. */

export type MetricLibrary = 'prom-client' | 'opentelemetry';
export type MetricKind =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'up-down-counter'
  | 'observable-counter'
  | 'observable-gauge'
  | 'observable-up-down-counter';

/** A metric as declared: `new Histogram({ name, help, labelNames })`, `meter.createCounter(name, { unit })`. */
export interface MetricDeclaration {
  library: MetricLibrary;
  kind: MetricKind;
  /** The call or `new` expression; in another file when `local` is false. */
  node: TSESTree.NewExpression | TSESTree.CallExpression;
  /** Whether the declaration is in the linted file (only then can a fix edit it). */
  local: boolean;
  name?: string;
  nameNode?: TSESTree.Node;
  options?: TSESTree.ObjectExpression;
  labelNames?: string[];
  labelNamesNode?: TSESTree.ArrayExpression;
}

/** Where a label set enters a metric: the value expressions, by label name or position. */
export interface LabelUse {
  metric: MetricDeclaration | undefined;
  call: TSESTree.CallExpression;
  /** Object forms (`{ route: x }`): the object; positional `.labels(a, b)`: undefined. */
  object?: TSESTree.ObjectExpression;
  labels: Array<{ name: string | undefined; value: TSESTree.Node; key?: TSESTree.Node; index?: number; spread?: true }>;
  source: 'prom-client' | 'opentelemetry' | 'statsd' | 'default-labels';
  /** Recorded by a helper of another module that this call hands the metric or the values to: nothing to edit here but the values. */
  viaHelper?: true;
}
