/**
 * Alerts and dashboards that match the code: Prometheus rules and a Grafana dashboard generated from the request
 * histogram a service really records (`observability-lint alerts`).
 */
export { findRequestMetrics, labelRoles, type RequestMetric, type RequestMetricSearch } from './request-metric';
export { ALERT_DEFAULTS, type AlertOptions, isPrometheusDuration, jobNameFrom, parseLatency } from './options';
export {
  recordNames,
  RequestQueries,
  ruleGroups,
  rulesYaml,
  type AlertingRule,
  type RecordingRule,
  type RuleGroup,
} from './prometheus-rules';
export { grafanaDashboard, type GrafanaDashboard } from './grafana-dashboard';
