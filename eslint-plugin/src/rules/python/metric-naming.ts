import type { PyNode } from '../../languages/python/nodes';
import { importsOf } from '../../languages/python/imports';
import type { PythonFix, PythonRuleContext, PythonRuleHalf, PythonSuggestion } from '../../languages/python/rule';
import { field } from '../../languages/python/query';
import { importsPrometheus, type PythonMetricDeclaration, pythonMetrics } from '../../analysis/python/prometheus';
import { promlintType, pythonLabelNameProblem, pythonNameProblems } from '../../analysis/python/metric-names';
import { replaceStringContent } from '../../fixes/python/metric-labels';

const RENAME_CAVEAT = 'dashboards, alerts and recording rules that use the old name must change with it';

/** Messages only Python needs: prometheus_client's own suffixes, its characters, its errors. */
const PYTHON_MESSAGES = {
  counterSuffix:
    'Counter `{{name}}` is exposed as `{{exposed}}`: `{{suffix}}` is a histogram and summary series suffix, and prometheus_client appends `_total` to counters itself.',
  infoSuffix: 'Info `{{name}}` is exposed as `{{exposed}}`: prometheus_client appends `_info` itself.',
  invalidName:
    '`{{name}}` is not a valid metric name (letters, digits, `_` and `:`, not starting with a digit); prometheus_client raises ValueError on it.',
  invalidLabelName:
    'Label `{{label}}` is not a valid label name (letters, digits and `_`, not starting with a digit); prometheus_client raises ValueError on it.',
  reservedLabelPython: 'Label `{{label}}` is reserved on {{type}} (prometheus_client raises ValueError on it).',
  unitNotAllowed: '{{type}} metrics cannot have a unit: prometheus_client raises ValueError on `unit=`.',
  labelNamesString:
    'The label names are one string, {{text}}: prometheus_client takes each of its characters as a label name.',
  labelNamesList: 'Pass a list: `{{replacement}}`.',
  reservedSuffixPython:
    'The suffix `{{suffix}}` is reserved for histogram and summary series; prometheus_client adds it itself.',
};

export const metricNamingPython: PythonRuleHalf<unknown, string> = {
  messages: PYTHON_MESSAGES,
  create(context: PythonRuleContext) {
    return {
      module(module: PyNode) {
        const imports = importsOf(module);
        if (!importsPrometheus(imports)) return;
        const { declarations, uses } = pythonMetrics(module, imports);
        // A label-name list shared by several metrics (`labelnames=LABELS`) is reported once.
        const reported = new Set<PyNode>();
        for (const metric of declarations) {
          checkHelp(context, metric);
          checkName(context, metric);
          checkLabels(
            context,
            metric,
            uses.filter((use) => use.metric === metric),
            reported,
          );
        }
      },
    };
  },
};

function checkHelp(context: PythonRuleContext, metric: PythonMetricDeclaration): void {
  const documentation = metric.documentation;
  const name = metric.name?.value ?? 'metric';
  if (!documentation) {
    if (!metric.opaque)
      context.report({ node: metric.name?.node ?? metric.call, messageId: 'missingHelp', data: { name } });
    return;
  }
  if (documentation.value !== undefined && documentation.value.trim() === '')
    context.report({ node: documentation.node, messageId: 'missingHelp', data: { name } });
}

function checkName(context: PythonRuleContext, metric: PythonMetricDeclaration): void {
  // `Info(…, unit=…)`, `Enum(…, unit=…)`: prometheus_client raises before any name is exposed.
  if ((metric.kind === 'info' || metric.kind === 'enum') && metric.unit?.value) {
    context.report({
      node: metric.unit.node,
      messageId: 'unitNotAllowed',
      data: { type: capitalised(metric.kind) },
    });
    return;
  }
  const report = pythonNameProblems(metric);
  const nameNode = metric.name?.node;
  if (!report || !nameNode) return;
  for (const problem of report.problems) {
    const suggest: PythonSuggestion[] = [];
    const edit = problem.edit;
    if (edit && problem.replacement !== undefined && edit.node.type === 'string') {
      suggest.push({
        messageId: 'rename',
        data: { replacement: problem.replacement, caveat: RENAME_CAVEAT },
        fix: (fixer) => replaceStringContent(fixer, edit.node, edit.value) ?? null,
      });
    }
    const id = problem.id === 'reservedSuffix' ? 'reservedSuffixPython' : problem.id;
    context.report({
      node: nameNode,
      messageId: id,
      data: { ...problem.detail, name: report.display, exposed: report.exposed },
      suggest,
    });
  }
}

function checkLabels(
  context: PythonRuleContext,
  metric: PythonMetricDeclaration,
  uses: ReturnType<typeof pythonMetrics>['uses'],
  reported: Set<PyNode>,
): void {
  const single = metric.labelNamesString;
  if (single) {
    const text = single.type === 'parenthesized_expression' ? single.children[0].text : single.text;
    context.report({
      node: single,
      messageId: 'labelNamesString',
      data: { text },
      suggest: [
        {
          messageId: 'labelNamesList',
          data: { replacement: `[${text}]` },
          fix: (fixer) => fixer.replaceTextRange(single.range, `[${text}]`),
        },
      ],
    });
  }
  const elements = metric.labelNamesNode?.children.filter((child) => child.type !== 'comment') ?? [];
  elements.forEach((element, index) => {
    const label = metric.labelNames?.[index];
    if (label === undefined || reported.has(element)) return;
    reported.add(element);
    const problem = pythonLabelNameProblem(label, metric);
    if (!problem) return;
    const replacement = problem.replacement;
    const suggest: PythonSuggestion[] = [];
    // A shared list is not renamed from one metric: the others' `.labels(…)` keywords would no longer match.
    if (replacement && element.type === 'string' && !metric.sharedLabelNames) {
      suggest.push({
        messageId: 'renameLabel',
        data: { replacement },
        // `.labels(statusCode=…)` must follow, or prometheus_client raises "Incorrect label names".
        fix: (fixer) => {
          const fixes: Array<PythonFix | undefined> = [replaceStringContent(fixer, element, replacement)];
          for (const use of uses) {
            for (const entry of use.entries) {
              const keyword = entry.argument.type === 'keyword_argument' ? field(entry.argument, 'name') : undefined;
              if (keyword && entry.name === label) fixes.push(fixer.replaceTextRange(keyword.range, replacement));
            }
          }
          return fixes.filter((fix): fix is PythonFix => fix !== undefined);
        },
      });
    }
    const type =
      metric.kind === 'info' || metric.kind === 'enum'
        ? `an ${capitalised(metric.kind)}`
        : `a ${promlintType(metric.kind)}`;
    context.report({
      node: element,
      messageId: problem.id === 'reservedLabel' ? 'reservedLabelPython' : problem.id,
      data: { label, type },
      suggest,
    });
  });
}

function capitalised(word: string): string {
  return `${word[0].toUpperCase()}${word.slice(1)}`;
}
