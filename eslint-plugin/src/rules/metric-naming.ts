import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { forEachChild, memberName, propertyKeyName, unwrap } from '../analysis/ast';
import { findProperty } from '../analysis/loggers';
import { labelNameProblem, type NameProblem, otelNameProblems, promNameProblems } from '../analysis/metric-names';
import { type MetricDeclaration, MetricsResolver } from '../analysis/metrics';
import { createRule } from '../util/createRule';
import { withPython } from '../languages/python/rule';
import { metricNamingPython } from './python/metric-naming';

export type MessageIds =
  NameProblem['id'] | 'missingHelp' | 'labelCamelCase' | 'reservedLabel' | 'rename' | 'renameLabel' | 'moveUnit';

const RENAME_CAVEAT = 'dashboards, alerts and recording rules that use the old name must change with it';

const rule = createRule<[], MessageIds>({
  name: 'metric-naming',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        "Enforce Prometheus naming conventions (promlint) and OpenTelemetry's unit option on metric declarations",
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      camelCase: '`{{name}}` is camelCase; metric names are snake_case.',
      colon: '`{{name}}` contains `:`, which is reserved for recording rules.',
      counterTotal: 'Counter `{{name}}` should end in `_total`.',
      nonCounterTotal: '`{{name}}` ends in `total` but is a {{type}}; only counters do.',
      nonBaseUnit: 'Use the base unit `{{base}}` instead of `{{unit}}`; recorded values must then be {{rescale}}.',
      unitAbbreviation:
        'Spell the unit out as the base unit `{{base}}` instead of `{{unit}}`; recorded values must then be {{rescale}}.',
      typeInName: 'The metric type `{{type}}` should not be part of the name.',
      reservedSuffix:
        'The suffix `{{suffix}}` is reserved for histogram and summary series; prom-client adds it itself.',
      otelTotal:
        'OpenTelemetry counter `{{name}}` should not end in `total`; the Prometheus exporter adds `_total` itself.',
      otelUnitInName:
        'Put the unit in the `unit` option (`{{unit}}`) instead of the name suffix `{{suffix}}`; exporters add unit suffixes themselves.',
      missingHelp: 'Metric `{{name}}` has no help text; say what it measures.',
      labelCamelCase: 'Label `{{label}}` is camelCase; label names are snake_case.',
      reservedLabel: 'Label `{{label}}` is reserved on a {{type}} (prom-client throws on it).',
      rename: 'Rename to `{{replacement}}` ({{caveat}}).',
      renameLabel: 'Rename the label to `{{replacement}}` (queries that use the old label must change with it).',
      moveUnit: "Rename to `{{replacement}}` and set `unit: '{{unit}}'` ({{caveat}}).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const metrics = MetricsResolver.of(context);
    if (!metrics.importsMetrics()) return {};
    const sourceCode = context.sourceCode;

    function quoted(node: TSESTree.Node, text: string): string {
      const raw = sourceCode.getText(node);
      const quote = raw[0] === '"' || raw[0] === '`' ? raw[0] : "'";
      return `${quote}${text}${quote}`;
    }

    function check(metric: MetricDeclaration): void {
      const nameNode = metric.nameNode;
      if (metric.library === 'prom-client') {
        const help = metric.options ? findProperty(metric.options, 'help') : undefined;
        const helpValue = help ? unwrap(help.value) : undefined;
        const hasSpread = metric.options?.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
        if (
          metric.options &&
          !hasSpread &&
          (!help || (helpValue?.type === AST_NODE_TYPES.Literal && String(helpValue.value).trim() === ''))
        ) {
          context.report({
            node: help ?? metric.options,
            messageId: 'missingHelp',
            data: { name: metric.name ?? 'metric' },
          });
        }
      }
      if (nameNode && metric.name !== undefined) {
        const kind = metric.kind;
        const problems =
          metric.library === 'prom-client'
            ? promNameProblems(metric.name, kind as 'counter' | 'gauge' | 'histogram' | 'summary')
            : otelNameProblems(metric.name, kind);
        for (const problem of problems) {
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          if (problem.replacement && problem.replacement !== metric.name) {
            const replacement = problem.replacement;
            if (problem.id === 'otelUnitInName') {
              suggest.push({
                messageId: 'moveUnit',
                data: { replacement, unit: problem.detail.unit, caveat: RENAME_CAVEAT },
                fix: (fixer) => moveUnit(fixer, metric, nameNode, replacement, problem.detail.unit),
              });
            } else {
              // `register.getSingleMetric('old') || new Gauge({ name: 'old' })`: a lookup left on the old name would
              // never find the metric again, and the next registration would throw.
              const lookups = lookupsOf(metric.name);
              suggest.push({
                messageId: 'rename',
                data: { replacement, caveat: RENAME_CAVEAT },
                fix: (fixer) =>
                  [nameNode, ...lookups].map((node) => fixer.replaceText(node, quoted(node, replacement))),
              });
            }
          }
          context.report({
            node: nameNode,
            messageId: problem.id,
            data: { name: metric.name, ...problem.detail },
            suggest,
          });
        }
      }
      metric.labelNamesNode?.elements.forEach((element) => {
        if (element?.type !== AST_NODE_TYPES.Literal || typeof element.value !== 'string') return;
        const label = element.value;
        const problem = labelNameProblem(label, metric.kind);
        if (!problem) return;
        const replacement = problem.replacement;
        context.report({
          node: element,
          messageId: problem.id,
          data: { label, type: metric.kind },
          suggest: replacement
            ? [
                {
                  messageId: 'renameLabel',
                  data: { replacement },
                  fix: (fixer) => fixer.replaceText(element, quoted(element, replacement)),
                },
              ]
            : [],
        });
      });
    }

    let lookups: Map<string, TSESTree.Literal[]> | undefined;

    /** The `getSingleMetric('name')` string literals of this file that look the metric up by its name. */
    function lookupsOf(name: string): TSESTree.Literal[] {
      if (!lookups) {
        const found = new Map<string, TSESTree.Literal[]>();
        const visit = (node: TSESTree.Node): void => {
          if (
            node.type === AST_NODE_TYPES.CallExpression &&
            node.callee.type === AST_NODE_TYPES.MemberExpression &&
            memberName(node.callee) === 'getSingleMetric'
          ) {
            const argument = node.arguments[0];
            if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string')
              found.set(argument.value, [...(found.get(argument.value) ?? []), argument]);
          }
          forEachChild(node, visit);
        };
        visit(sourceCode.ast);
        lookups = found;
      }
      return lookups.get(name) ?? [];
    }

    function moveUnit(
      fixer: TSESLint.RuleFixer,
      metric: MetricDeclaration,
      nameNode: TSESTree.Node,
      replacement: string,
      unit: string,
    ): TSESLint.RuleFix[] {
      const fixes = [fixer.replaceText(nameNode, quoted(nameNode, replacement))];
      const options = metric.options;
      const existing = options
        ? options.properties.find(
            (property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'unit',
          )
        : undefined;
      if (existing?.type === AST_NODE_TYPES.Property) fixes.push(fixer.replaceText(existing.value, `'${unit}'`));
      else if (options && options.properties.length > 0)
        fixes.push(fixer.insertTextBefore(options.properties[0], `unit: '${unit}', `));
      else if (options) fixes.push(fixer.replaceText(options, `{ unit: '${unit}' }`));
      else fixes.push(fixer.insertTextAfter(nameNode, `, { unit: '${unit}' }`));
      return fixes;
    }

    return {
      NewExpression(node) {
        const metric = metrics.declarationAt(node, sourceCode.ast, true);
        if (metric) check(metric);
      },
      CallExpression(node) {
        const metric = metrics.declarationAt(node, sourceCode.ast, true);
        if (metric) check(metric);
      },
    };
  },
});

export default withPython(rule, metricNamingPython);
