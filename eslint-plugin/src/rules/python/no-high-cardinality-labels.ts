import type { PyNode } from '../../languages/python/nodes';
import { importsOf } from '../../languages/python/imports';
import type { PythonRuleContext, PythonRuleHalf, PythonSuggestion } from '../../languages/python/rule';
import {
  field,
  keywordArgumentNodes,
  parameterNames,
  positionalArguments,
  stringValue,
  walk,
} from '../../languages/python/query';
import { type CardinalityReason, labelNameReason, REASON_ADVICE, REASON_TEXT } from '../../analysis/cardinality';
import { PythonLabelJudge } from '../../analysis/python/cardinality';
import {
  importsPrometheus,
  type PythonLabelUse,
  type PythonMetricDeclaration,
  pythonMetrics,
} from '../../analysis/python/prometheus';
import { splitWords } from '../../analysis/words';
import { dropLabelFix, unboundedValueFixes } from '../../fixes/python/metric-labels';
import type { NoHighCardinalityLabelsOptions } from '../no-high-cardinality-labels';

type PythonOnlyMessageIds = 'unboundedOption' | 'setOption';

/** The advice of the JavaScript rule, in Python's words where they differ. */
const PYTHON_ADVICE: Record<CardinalityReason, string> = {
  ...REASON_ADVICE,
  'error-message': 'use `type(e).__name__`',
  fallback: 'use a constant such as "unmatched" for requests no route matched',
};

/** What a library option makes the library record, per its documented behaviour. */
interface OptionRule {
  library: string;
  /** The keyword whose literal value creates the series, and that value. */
  option: string;
  value: 'False' | 'True';
  /** The label it fills, what goes in it, and why that is unbounded. */
  label: string;
  what: string;
  reason: CardinalityReason;
  /** The fix: the same option with the other value, and what that does instead. */
  effect: string;
  /** Another keyword that, set to the given literal, makes the option harmless. */
  unlessSet?: { option: string; value: string };
}

const INSTRUMENTATOR: readonly OptionRule[] = [
  {
    library: 'prometheus-fastapi-instrumentator',
    option: 'should_group_untemplated',
    value: 'False',
    label: 'handler',
    what: 'the raw path of requests no route matched',
    reason: 'fallback',
    effect: 'requests no route matched are grouped under handler "none"',
    unlessSet: { option: 'should_ignore_untemplated', value: 'True' },
  },
];
const STARLETTE_EXPORTER: readonly OptionRule[] = [
  {
    library: 'starlette_exporter',
    option: 'group_paths',
    value: 'False',
    label: 'path',
    what: 'the raw request path of every request',
    reason: 'url',
    effect: 'the path label is the route template, e.g. /items/{item_id}',
  },
  {
    library: 'starlette_exporter',
    option: 'filter_unhandled_paths',
    value: 'False',
    label: 'path',
    what: 'the raw path of requests no route matched',
    reason: 'fallback',
    effect: 'requests no route matched are not recorded',
    unlessSet: { option: 'group_unhandled_paths', value: 'True' },
  },
];

export const noHighCardinalityLabelsPython: PythonRuleHalf<NoHighCardinalityLabelsOptions, string> = {
  messages: {
    unboundedOption:
      '`{{option}}={{value}}` makes {{library}} record {{what}} as label `{{label}}`, which creates {{why}}.',
    setOption: 'Set `{{option}}={{value}}` ({{effect}}).',
  } satisfies Record<PythonOnlyMessageIds, string>,
  create(context: PythonRuleContext, options: NoHighCardinalityLabelsOptions) {
    return {
      module(module: PyNode) {
        check(context, options, module);
      },
    };
  },
};

function normalise(name: string): string {
  return splitWords(name).join('_');
}

function check(context: PythonRuleContext, options: NoHighCardinalityLabelsOptions, module: PyNode): void {
  const imports = importsOf(module);
  const usesPrometheus = importsPrometheus(imports);
  const instrumentator = imports.importsFrom('prometheus_fastapi_instrumentator');
  const exporter = imports.importsFrom('starlette_exporter');
  const text = context.sourceCode.text;
  // A module that records on metrics it imports from a project module need not import prometheus_client itself.
  const recordsLabels = usesPrometheus || text.includes('.labels(');
  if (!recordsLabels && !instrumentator && !exporter) return;
  const judge = new PythonLabelJudge(imports, {
    routeTemplates: (options.routeTemplates ?? []).map((chain) => chain.split('.')),
  });
  const allowed = new Set((options.allowedNames ?? []).map(normalise));
  const extra = new Set((options.highCardinalityNames ?? []).map(normalise));
  const reported = new Set<string>();
  const once = (node: PyNode): boolean => {
    const key = `${node.range[0]}:${node.range[1]}`;
    if (reported.has(key)) return false;
    reported.add(key);
    return true;
  };
  const nameVerdict = (name: string | undefined): CardinalityReason | undefined => {
    if (name === undefined || allowed.has(normalise(name))) return undefined;
    return extra.has(normalise(name)) ? 'id' : labelNameReason(name);
  };

  const { declarations, uses } = recordsLabels
    ? pythonMetrics(module, imports, context.physicalFilename)
    : { declarations: [], uses: [] };
  const usesOf = (metric: PythonMetricDeclaration): PythonLabelUse[] => uses.filter((use) => use.metric === metric);

  for (const metric of declarations) {
    metric.labelNamesNode?.children
      .filter((child) => child.type !== 'comment')
      .forEach((element, index) => {
        const label = metric.labelNames?.[index];
        const reason = nameVerdict(label);
        if (!reason || label === undefined || !once(element)) return;
        context.report({
          node: element,
          messageId: 'unboundedLabelName',
          data: {
            label,
            metric: metric.name?.value ? ` on \`${metric.name.value}\`` : '',
            why: REASON_TEXT[reason],
            advice: PYTHON_ADVICE[reason],
          },
          suggest: dropLabelFix(metric, label, usesOf(metric)),
        });
      });
  }

  for (const use of uses) {
    for (const entry of use.entries) {
      if (entry.name !== undefined && allowed.has(normalise(entry.name))) continue;
      const verdict = judge.judge(entry.value);
      if (verdict.bounded !== false) {
        // A metric declared in another module: the keyword at the call is the one place this file names the label.
        const keyword = entry.argument.type === 'keyword_argument' ? field(entry.argument, 'name') : undefined;
        const reason = use.metric.foreign ? nameVerdict(entry.name) : undefined;
        if (reason && keyword && verdict.bounded !== true && entry.name !== undefined && once(keyword))
          context.report({
            node: keyword,
            messageId: 'unboundedLabelName',
            data: { label: entry.name, metric: '', why: REASON_TEXT[reason], advice: PYTHON_ADVICE[reason] },
          });
        continue;
      }
      const inside = verdict.node.range[0] >= use.call.range[0] && verdict.node.range[1] <= use.call.range[1];
      const at = inside || verdict.viaParameter ? verdict.node : entry.value;
      if (!once(at)) continue;
      const suggest: PythonSuggestion[] = [
        ...unboundedValueFixes(verdict),
        ...dropLabelFix(use.metric, entry.name, usesOf(use.metric)),
      ];
      context.report({
        node: at,
        messageId: verdict.origin ? 'unboundedValueVia' : 'unboundedValue',
        data: {
          subject: verdict.subject,
          origin: verdict.origin ?? '',
          label: entry.name ?? '?',
          why: REASON_TEXT[verdict.reason],
          advice: PYTHON_ADVICE[verdict.reason],
        },
        suggest,
      });
    }
  }

  if (instrumentator || exporter) {
    walk(module, (node) => {
      if (node.type !== 'call') return;
      const callee = imports.qualifiedName(field(node, 'function'));
      if (
        instrumentator &&
        (callee === 'prometheus_fastapi_instrumentator.Instrumentator' ||
          callee === 'prometheus_fastapi_instrumentator.PrometheusFastApiInstrumentator')
      ) {
        checkOptions(node, INSTRUMENTATOR);
      }
      if (exporter) {
        // `PrometheusMiddleware(app, …)` or `app.add_middleware(PrometheusMiddleware, …)`.
        const [first] = positionalArguments(node);
        const middleware =
          callee === 'starlette_exporter.PrometheusMiddleware' ||
          callee === 'starlette_exporter.middleware.PrometheusMiddleware' ||
          (field(field(node, 'function'), 'attribute')?.text === 'add_middleware' &&
            /^starlette_exporter(\.middleware)?\.PrometheusMiddleware$/.test(imports.qualifiedName(first) ?? ''));
        if (middleware) {
          checkOptions(node, STARLETTE_EXPORTER);
          checkExporterLabels(node);
        }
      }
    });
  }

  function checkOptions(call: PyNode, rules: readonly OptionRule[]): void {
    const keywords = keywordArgumentNodes(call);
    const valueOf = (name: string): PyNode | undefined =>
      field(
        keywords.find((keyword) => field(keyword, 'name')?.text === name),
        'value',
      );
    for (const rule of rules) {
      const value = valueOf(rule.option);
      if (value?.text !== rule.value) continue;
      if (rule.unlessSet && valueOf(rule.unlessSet.option)?.text === rule.unlessSet.value) continue;
      // A raw path for every request already covers the unmatched ones.
      if (
        rule.reason === 'fallback' &&
        rules.some((other) => other.reason === 'url' && valueOf(other.option)?.text === other.value)
      )
        continue;
      const flipped = rule.value === 'False' ? 'True' : 'False';
      context.report({
        node: value,
        messageId: 'unboundedOption',
        data: {
          option: rule.option,
          value: rule.value,
          library: rule.library,
          what: rule.what,
          label: rule.label,
          why: REASON_TEXT[rule.reason],
        },
        suggest: [
          {
            messageId: 'setOption',
            data: { option: rule.option, value: flipped, effect: rule.effect },
            fix: (fixer) => fixer.replaceTextRange(value.range, flipped),
          },
        ],
      });
    }
  }

  /** starlette_exporter's `labels={"name": "value" or callable(request)}`: extra labels on every request metric. */
  function checkExporterLabels(call: PyNode): void {
    const labels = field(
      keywordArgumentNodes(call).find((keyword) => field(keyword, 'name')?.text === 'labels'),
      'value',
    );
    if (labels?.type !== 'dictionary') return;
    for (const pair of labels.children) {
      if (pair.type !== 'pair') continue;
      const key = field(pair, 'key');
      const value = field(pair, 'value');
      const name = stringValue(key);
      if (!key || !value || name === undefined || allowed.has(normalise(name))) continue;
      let judged: PyNode | undefined;
      if (value.type === 'lambda' && parameterNames(value).length > 0) {
        judge.treatAsRequestParameter(value);
        judged = field(value, 'body');
      }
      const verdict = judged ? judge.judge(judged) : undefined;
      if (verdict?.bounded === false) {
        if (!once(verdict.node)) continue;
        context.report({
          node: verdict.node,
          messageId: verdict.origin ? 'unboundedValueVia' : 'unboundedValue',
          data: {
            subject: verdict.subject,
            origin: verdict.origin ?? '',
            label: name,
            why: REASON_TEXT[verdict.reason],
            advice: PYTHON_ADVICE[verdict.reason],
          },
          suggest: unboundedValueFixes(verdict),
        });
        continue;
      }
      const reason = nameVerdict(name);
      if (reason && verdict?.bounded !== true && value.type !== 'string' && once(key)) {
        context.report({
          node: key,
          messageId: 'unboundedLabelName',
          data: { label: name, metric: '', why: REASON_TEXT[reason], advice: PYTHON_ADVICE[reason] },
        });
      }
    }
  }
}
