import type { PyNode } from '../../languages/python/nodes';
import { labelNameProblem, type NameProblem, promNameProblems } from '../metric-names';
import type { PythonMetricDeclaration, PythonMetricKind } from './prometheus';

/**
 * promlint's checks (analysis/metric-names.ts) applied to the name prometheus_client exposes: it joins
 * `namespace_subsystem_name`, drops a counter's `_total` and appends `_unit` (unless the name already ends in it),
 * then exposes a counter as `<name>_total` and an Info as `<name>_info`. Each problem's replacement is mapped back
 * to the one argument (name, namespace, subsystem or unit) that must change.
 */

export type PythonNameProblemId = NameProblem['id'] | 'counterSuffix' | 'infoSuffix' | 'invalidName';

export interface PythonNameProblem {
  id: PythonNameProblemId;
  detail: Record<string, string>;
  /** The full name after the fix, as the user's arguments spell it (namespace_subsystem_name_unit). */
  replacement?: string;
  /** The argument to rewrite, and its new value. */
  edit?: { node: PyNode; value: string };
}

export interface PythonNameReport {
  /** The name as the arguments spell it (`api_http_requests_total`), `<namespace>` for an argument not known here. */
  display: string;
  /** The series family name prometheus_client exposes (`api_http_requests_total`, `build_info`). */
  exposed: string;
  problems: PythonNameProblem[];
}

interface Segment {
  role: 'namespace' | 'subsystem' | 'name' | 'unit';
  /** The text the checks see: the argument's value, or a neutral token for one not known here. */
  text: string;
  display: string;
  node?: PyNode;
  known: boolean;
}

/** prometheus_client's (and Prometheus's classic) metric-name and label-name characters. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A stand-in for a namespace or subsystem computed at runtime: not a unit, not a type word, no capitals. */
const UNKNOWN_TOKEN = 'x';

/** The promlint type a prometheus_client class is exposed as (Info and Enum are gauges in the text format). */
export function promlintType(kind: PythonMetricKind): 'counter' | 'gauge' | 'histogram' | 'summary' {
  return kind === 'info' || kind === 'enum' ? 'gauge' : kind;
}

export function pythonNameProblems(metric: PythonMetricDeclaration): PythonNameReport | undefined {
  const name = metric.name;
  if (name?.value === undefined || name.value === '') return undefined;
  if (metric.unit && metric.unit.value === undefined) return undefined;
  const segments: Segment[] = [];
  for (const role of ['namespace', 'subsystem'] as const) {
    const argument = metric[role];
    if (!argument) continue;
    if (argument.value === undefined)
      segments.push({ role, text: UNKNOWN_TOKEN, display: `<${role}>`, node: argument.node, known: false });
    else if (argument.value !== '')
      segments.push({ role, text: argument.value, display: argument.value, node: argument.node, known: true });
  }
  const userName = name.value;
  const counter = metric.kind === 'counter';
  // prometheus_client strips `_total` from a counter's full name (namespace_subsystem_name), before the unit.
  const strippedTotal = counter && userName.endsWith('_total') && userName.length > '_total'.length;
  const nameText = strippedTotal ? userName.slice(0, -'_total'.length) : userName;
  segments.push({ role: 'name', text: nameText, display: nameText, node: name.node, known: true });
  const unit = metric.unit?.value;
  const joined = (parts: readonly Segment[], key: 'text' | 'display'): string => parts.map((s) => s[key]).join('_');
  if (unit && !joined(segments, 'text').endsWith(`_${unit}`))
    segments.push({ role: 'unit', text: unit, display: unit, node: metric.unit?.node, known: true });

  const full = joined(segments, 'text');
  const suffix = counter ? '_total' : metric.kind === 'info' ? '_info' : '';
  const exposed = `${full}${suffix}`;
  const displayOf = (parts: readonly Segment[]): string => {
    const text = joined(parts, 'display');
    return strippedTotal ? `${text}_total` : text;
  };
  const report: PythonNameReport = {
    display: displayOf(segments),
    exposed: `${joined(segments, 'display')}${suffix}`,
    problems: [],
  };

  /** Maps a replacement of the exposed name to the one argument it changes, or to nothing when several change. */
  const mapped = (problem: NameProblem | PythonNameProblem): PythonNameProblem => {
    const result: PythonNameProblem = { id: problem.id, detail: problem.detail };
    if (problem.replacement === undefined || !problem.replacement.endsWith(suffix)) return result;
    const target = problem.replacement.slice(0, problem.replacement.length - suffix.length);
    for (const [index, segment] of segments.entries()) {
      if (!segment.known) continue;
      const before = segments
        .slice(0, index)
        .map((s) => `${s.text}_`)
        .join('');
      const after = segments
        .slice(index + 1)
        .map((s) => `_${s.text}`)
        .join('');
      if (!target.startsWith(before) || !target.endsWith(after)) continue;
      const middle = target.slice(before.length, target.length - after.length);
      if (middle === '' || middle === segment.text || middle.startsWith('_') || middle.endsWith('_')) continue;
      const value = segment.role === 'name' && strippedTotal ? `${middle}_total` : middle;
      const changed = segments.map((s, i) => (i === index ? { ...s, display: middle } : s));
      if (segment.node) {
        result.edit = { node: segment.node, value };
        result.replacement = displayOf(changed);
      }
      return result;
    }
    return result;
  };

  const invalid = segments.filter((segment) => segment.known && !/^[a-zA-Z0-9_:]*$/.test(segment.text));
  if (invalid.length > 0 || !METRIC_NAME.test(exposed)) {
    const fixed = exposed.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/^(\d)/, '_$1');
    report.problems.push(mapped({ id: 'invalidName', replacement: fixed, detail: {} }));
    return report;
  }

  for (const problem of promNameProblems(exposed, promlintType(metric.kind))) {
    const detail =
      problem.id === 'nonCounterTotal' ? { ...problem.detail, type: promlintType(metric.kind) } : problem.detail;
    report.problems.push(mapped({ ...problem, detail }));
  }
  // `Counter("requests_count")` is exposed as `requests_count_total`: a histogram's series suffix inside a counter.
  const reserved = counter ? /_(count|sum|bucket)$/.exec(full)?.[1] : undefined;
  if (reserved) {
    const stem = full.slice(0, -(reserved.length + 1));
    const problem = mapped({ id: 'counterSuffix', replacement: `${stem}_total`, detail: { suffix: `_${reserved}` } });
    // Spelled out: whoever wrote `_count` reads the name literally; `_total` is what the client will expose.
    if (problem.edit && problem.edit.node === name.node && !problem.edit.value.endsWith('_total')) {
      problem.edit.value += '_total';
      problem.replacement = `${problem.replacement}_total`;
    }
    report.problems.push(problem);
  }
  // `Info("build_info")` is exposed as `build_info_info`.
  if (metric.kind === 'info' && full.endsWith('_info') && full !== '_info') {
    report.problems.push(mapped({ id: 'infoSuffix', replacement: full, detail: {} }));
  }
  return report;
}

export type PythonLabelProblemId = 'labelCamelCase' | 'reservedLabel' | 'invalidLabelName';

/** A label name's problem on a prometheus_client metric: invalid characters, reserved names, camelCase. */
export function pythonLabelNameProblem(
  label: string,
  metric: PythonMetricDeclaration,
): { id: PythonLabelProblemId; replacement?: string } | undefined {
  if (!LABEL_NAME.test(label)) {
    const replacement = label.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(\d)/, '_$1');
    return { id: 'invalidLabelName', replacement: LABEL_NAME.test(replacement) ? replacement : undefined };
  }
  // An Enum's states are exposed as a label named after the metric.
  if (metric.kind === 'enum' && metric.name?.value !== undefined && label === metric.name.value)
    return { id: 'reservedLabel' };
  return labelNameProblem(label, metric.kind);
}
