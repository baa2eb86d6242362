import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findVariable, isFunctionNode, memberName, propertyKeyName, unwrap } from '../analysis/ast';
import {
  type CardinalityReason,
  LabelValueJudge,
  labelNameReason,
  REASON_ADVICE,
  REASON_TEXT,
} from '../analysis/cardinality';
import {
  callSitesOf,
  type LabelUse,
  type MetricDeclaration,
  MetricsResolver,
  promBundleOptions,
} from '../analysis/metrics';
import { labelProperties } from '../analysis/label-helpers';
import { splitWords } from '../analysis/words';
import { dropLabelFix, type LabelFixId, type LabelSuggestion, unboundedValueFixes } from '../fixes/metric-labels';
import { createRule } from '../util/createRule';
import { withPython } from '../languages/python/rule';
import { noHighCardinalityLabelsPython } from './python/no-high-cardinality-labels';

export interface NoHighCardinalityLabelsOptions {
  /** More label names that are unbounded by definition (`tenantSlug`, `cart`). */
  highCardinalityNames?: string[];
  /** Label names that are bounded in this project, whatever their words say (`region_id`). */
  allowedNames?: string[];
  /** More expressions that are route templates (`req.matchedPath`, `ctx.state.routeName`). */
  routeTemplates?: string[];
}

export type MessageIds = 'unboundedValue' | 'unboundedValueVia' | 'unboundedLabelName' | LabelFixId;

const rule = createRule<[NoHighCardinalityLabelsOptions], MessageIds>({
  name: 'no-high-cardinality-labels',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow metric labels whose values are unbounded (URLs, ids, IPs, e-mails, timestamps, error messages)',
      recommended: 'error',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      unboundedValue: '`{{subject}}` as label `{{label}}` creates {{why}}; {{advice}}.',
      unboundedValueVia: '`{{subject}}` holds `{{origin}}`: as label `{{label}}` it creates {{why}}; {{advice}}.',
      unboundedLabelName: 'Label `{{label}}`{{metric}} creates {{why}}; {{advice}}.',
      useRouteTemplate: 'Use the route template: `{{replacement}}`.',
      useRouteTemplateWithMount:
        'Use the route template with its mount path (only when no mount path has parameters): `{{replacement}}`.',
      useUnmatched: "Use 'unmatched' for requests no route matched.",
      useErrorName: 'Use `{{replacement}}` (a bounded set of error classes).',
      dropLabel: 'Drop label `{{label}}` from `{{metric}}` and from its {{count}} recording call(s) in this file.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          highCardinalityNames: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'More label names that are unbounded by definition.',
          },
          allowedNames: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Label names known to be bounded here.',
          },
          routeTemplates: {
            type: 'array',
            items: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+$' },
            description: 'Member chains that hold a route template.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const metrics = MetricsResolver.of(context);
    if (!metrics.importsMetrics()) return {};
    const judge = new LabelValueJudge(context, {
      routeTemplates: (options.routeTemplates ?? []).map((chain) => chain.split('.')),
    });
    const allowed = new Set((options.allowedNames ?? []).map(normalise));
    const extra = new Set((options.highCardinalityNames ?? []).map(normalise));
    const declarations: MetricDeclaration[] = [];
    const uses: LabelUse[] = [];
    const reported = new Set<string>();

    const nameVerdict = (name: string | undefined): CardinalityReason | undefined => {
      if (name === undefined || allowed.has(normalise(name))) return undefined;
      return extra.has(normalise(name)) ? 'id' : labelNameReason(name);
    };

    function once(node: TSESTree.Node): boolean {
      const key = `${node.range[0]}:${node.range[1]}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    }

    /** Removes a label from the declaration and from every recording of the metric in this file. */
    function dropLabel(metric: MetricDeclaration | undefined, label: string | undefined): LabelSuggestion[] {
      return dropLabelFix(
        sourceCode,
        metric,
        label,
        metric ? uses.filter((use) => use.metric?.node === metric.node) : [],
      );
    }

    function checkUse(use: LabelUse): void {
      for (const entry of use.labels) {
        if (entry.name === undefined && entry.value.type === AST_NODE_TYPES.Identifier && entry.index === undefined) {
          checkLabelObjectVariable(use, entry.value);
          continue;
        }
        checkLabel(use, entry.name ?? use.metric?.labelNames?.[entry.index ?? -1], entry.value, entry.key);
      }
    }

    /**
     * `const labels = { path: req.path }; histogram.observe(labels, seconds)`; or a helper's parameter,
     * `function record(metric, labels) { metric.inc(labels) }`: the label sets its calls in this file pass,
     * reported there.
     */
    function checkLabelObjectVariable(use: LabelUse, identifier: TSESTree.Identifier): void {
      const def = findVariable(sourceCode.getScope(identifier), identifier.name)?.defs[0];
      if (def?.type === 'Parameter' && isFunctionNode(def.node)) {
        const index = def.node.params.indexOf(def.name);
        for (const call of index >= 0 ? callSitesOf(def.node, context) : []) {
          const passed = call.arguments[index] ? unwrap(call.arguments[index]) : undefined;
          if (passed?.type !== AST_NODE_TYPES.ObjectExpression) continue;
          for (const { property } of labelProperties(passed))
            checkLabel(use, propertyKeyName(property), property.value, property.key, call.range);
        }
        return;
      }
      const init =
        def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
      if (init?.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const { property } of labelProperties(init))
        checkLabel(use, propertyKeyName(property), property.value, property.key);
    }

    /** `within`: the code the report should stay in (the recording call); a value reached elsewhere is reported at `value`. */
    function checkLabel(
      use: LabelUse,
      label: string | undefined,
      value: TSESTree.Node,
      key: TSESTree.Node | undefined,
      within: TSESTree.Range = use.call.range,
    ): void {
      if (label !== undefined && allowed.has(normalise(label))) return;
      const verdict = judge.judge(value);
      if (verdict.bounded === false) {
        const inside = verdict.node.range[0] >= within[0] && verdict.node.range[1] <= within[1];
        const at = inside || verdict.viaParameter ? verdict.node : value;
        if (!once(at)) return;
        const data = {
          subject: verdict.subject,
          origin: verdict.origin ?? '',
          label: label ?? '?',
          why: REASON_TEXT[verdict.reason],
          advice: REASON_ADVICE[verdict.reason],
        };
        context.report({
          node: at,
          messageId: verdict.origin ? 'unboundedValueVia' : 'unboundedValue',
          data,
          suggest: [...unboundedValueFixes(sourceCode, verdict), ...dropLabel(use.metric, label)],
        });
        return;
      }
      // Without a declaration in view (OpenTelemetry attributes, StatsD tags, default labels, a metric from
      // elsewhere) the name at the call is the only place the label is named.
      if (use.metric?.local && use.metric.labelNames) return;
      const reason = nameVerdict(label);
      if (reason && verdict.bounded !== true && key && once(key)) {
        context.report({
          node: key,
          messageId: 'unboundedLabelName',
          data: { label: label!, metric: '', why: REASON_TEXT[reason], advice: REASON_ADVICE[reason] },
        });
      }
    }

    function checkDeclaration(metric: MetricDeclaration): void {
      metric.labelNamesNode?.elements.forEach((element, index) => {
        const label = metric.labelNames?.[index];
        const reason = nameVerdict(label);
        if (!element || !reason || !once(element)) return;
        context.report({
          node: element,
          messageId: 'unboundedLabelName',
          data: {
            label: label!,
            metric: metric.name ? ` on \`${metric.name}\`` : '',
            why: REASON_TEXT[reason],
            advice: REASON_ADVICE[reason],
          },
          suggest: dropLabel(metric, label),
        });
      });
    }

    /** express-prom-bundle: custom label names, and values set in `transformLabels` or returned by `normalizePath`. */
    function checkPromBundle(options: TSESTree.ObjectExpression, call: TSESTree.CallExpression): void {
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(property);
        const value = unwrap(property.value);
        if (key === 'customLabels' && value.type === AST_NODE_TYPES.ObjectExpression) {
          for (const label of value.properties) {
            if (label.type !== AST_NODE_TYPES.Property) continue;
            const name = propertyKeyName(label);
            const reason = nameVerdict(name);
            if (reason && once(label.key))
              context.report({
                node: label.key,
                messageId: 'unboundedLabelName',
                data: { label: name!, metric: '', why: REASON_TEXT[reason], advice: REASON_ADVICE[reason] },
              });
          }
        }
        if (
          (key === 'transformLabels' || key === 'normalizePath') &&
          (value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression)
        ) {
          const bundle: LabelUse = { metric: undefined, call, source: 'prom-client', labels: [] };
          if (key === 'normalizePath') {
            const returned =
              value.body.type === AST_NODE_TYPES.BlockStatement
                ? value.body.body.flatMap((s) =>
                    s.type === AST_NODE_TYPES.ReturnStatement && s.argument ? [s.argument] : [],
                  )
                : [value.body];
            for (const expression of returned) checkLabel(bundle, 'path', expression, undefined, value.range);
          } else if (value.body.type === AST_NODE_TYPES.BlockStatement) {
            for (const statement of value.body.body) {
              const assignment =
                statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
              if (
                assignment?.type !== AST_NODE_TYPES.AssignmentExpression ||
                assignment.left.type !== AST_NODE_TYPES.MemberExpression
              )
                continue;
              checkLabel(
                bundle,
                memberName(assignment.left),
                assignment.right,
                assignment.left.property,
                assignment.range,
              );
            }
          }
        }
      }
    }

    return {
      NewExpression(node) {
        const metric = metrics.declarationAt(node, sourceCode.ast, true);
        if (metric) declarations.push(metric);
      },
      CallExpression(node) {
        const metric = metrics.declarationAt(node, sourceCode.ast, true);
        if (metric) {
          declarations.push(metric);
          return;
        }
        const use = metrics.labelUseOf(node);
        if (use) {
          uses.push(use);
          return;
        }
        const options = promBundleOptions(node, sourceCode);
        if (options) checkPromBundle(options, node);
        else uses.push(...metrics.helperUsesOf(node));
      },
      'Program:exit'() {
        declarations.forEach(checkDeclaration);
        uses.forEach(checkUse);
      },
    };
  },
});

export default withPython(rule, noHighCardinalityLabelsPython);

function normalise(name: string): string {
  return splitWords(name).join('_');
}
