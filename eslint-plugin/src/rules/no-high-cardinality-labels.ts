import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findVariable, isFunctionNode, memberName, propertyKeyName, staticChain, unwrap } from '../analysis/ast';
import { type CardinalityReason, LabelValueJudge, labelNameReason, REASON_ADVICE, REASON_TEXT, type Unbounded } from '../analysis/cardinality';
import { callSitesOf, type LabelUse, type MetricDeclaration, MetricsResolver } from '../analysis/metrics';
import { labelProperties } from '../analysis/label-helpers';
import { splitWords } from '../analysis/words';
import { removeListItem } from '../fixes/list-items';
import { createRule } from '../util/createRule';

export interface NoHighCardinalityLabelsOptions {
  /** More label names that are unbounded by definition (`tenantSlug`, `cart`). */
  highCardinalityNames?: string[];
  /** Label names that are bounded in this project, whatever their words say (`region_id`). */
  allowedNames?: string[];
  /** More expressions that are route templates (`req.matchedPath`, `ctx.state.routeName`). */
  routeTemplates?: string[];
}

export type MessageIds =
  | 'unboundedValue'
  | 'unboundedValueVia'
  | 'unboundedLabelName'
  | 'useRouteTemplate'
  | 'useRouteTemplateWithMount'
  | 'useUnmatched'
  | 'useErrorName'
  | 'dropLabel';

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

export default createRule<[NoHighCardinalityLabelsOptions], MessageIds>({
  name: 'no-high-cardinality-labels',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow metric labels whose values are unbounded (URLs, ids, IPs, e-mails, timestamps, error messages)',
      recommended: 'error',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      unboundedValue: '`{{subject}}` as label `{{label}}` creates {{why}}; {{advice}}.',
      unboundedValueVia: '`{{subject}}` holds `{{origin}}`: as label `{{label}}` it creates {{why}}; {{advice}}.',
      unboundedLabelName: 'Label `{{label}}`{{metric}} creates {{why}}; {{advice}}.',
      useRouteTemplate: 'Use the route template: `{{replacement}}`.',
      useRouteTemplateWithMount: 'Use the route template with its mount path (only when no mount path has parameters): `{{replacement}}`.',
      useUnmatched: "Use 'unmatched' for requests no route matched.",
      useErrorName: 'Use `{{replacement}}` (a bounded set of error classes).',
      dropLabel: 'Drop label `{{label}}` from `{{metric}}` and from its {{count}} recording call(s) in this file.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          highCardinalityNames: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'More label names that are unbounded by definition.' },
          allowedNames: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Label names known to be bounded here.' },
          routeTemplates: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+$' }, description: 'Member chains that hold a route template.' },
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
    const judge = new LabelValueJudge(context, { routeTemplates: (options.routeTemplates ?? []).map((chain) => chain.split('.')) });
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

    function usesOf(metric: MetricDeclaration): LabelUse[] {
      return uses.filter((use) => use.metric?.node === metric.node);
    }

    /** Removes a label from the declaration and from every recording in this file (positional arguments too). */
    function dropLabelSuggestion(metric: MetricDeclaration | undefined, label: string | undefined): Suggestion[] {
      if (!metric?.local || !metric.labelNamesNode || label === undefined) return [];
      const index = metric.labelNames?.indexOf(label) ?? -1;
      const element = index >= 0 ? metric.labelNamesNode.elements[index] : undefined;
      if (!element) return [];
      const sites = usesOf(metric);
      // A label object held in a variable cannot be edited safely at the call, nor a call that hands values to a helper.
      // Nor a label set inside a conditional spread (`...(cond && { label })`): removing it there leaves the condition.
      if (sites.some((use) => use.viaHelper || use.labels.some((entry) => entry.spread || (entry.name === undefined && !use.object && entry.index === undefined)))) return [];
      return [{
        messageId: 'dropLabel',
        data: { label, metric: metric.name ?? 'the metric', count: String(sites.length) },
        fix: (fixer) => {
          const fixes = [removeListItem(fixer, sourceCode, element)];
          for (const use of sites) {
            const entry = use.labels.find((candidate) => (candidate.index !== undefined ? candidate.index === index : candidate.name === label));
            if (!entry) continue;
            const target = entry.index !== undefined ? use.call.arguments[entry.index] : entry.value.parent;
            if (target) fixes.push(removeListItem(fixer, sourceCode, target));
          }
          return fixes;
        },
      }];
    }

    function valueSuggestions(verdict: Unbounded, metric: MetricDeclaration | undefined, label: string | undefined): Suggestion[] {
      const suggestions: Suggestion[] = [];
      const node = verdict.node;
      // Templates with `??` or `?:` need parentheses inside other operators; a plain literal never does.
      const replaceWith = (text: string) => (fixer: TSESLint.RuleFixer) => fixer.replaceText(node, /^'[^']*'$/.test(text) || !needsParentheses(node) ? text : `(${text})`);
      if (verdict.reason === 'fallback') {
        suggestions.push({ messageId: 'useUnmatched', fix: replaceWith("'unmatched'") });
      } else if (verdict.reason === 'url' && verdict.requestBase) {
        const base = sourceCode.getText(verdict.requestBase);
        const templates = routeTemplateFor(verdict.framework, base, verdict.requestBase);
        for (const [messageId, replacement] of templates) suggestions.push({ messageId, data: { replacement }, fix: replaceWith(replacement) });
      } else if (verdict.reason === 'error-message' && node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
        const replacement = `${sourceCode.getText(node.object)}.name`;
        suggestions.push({ messageId: 'useErrorName', data: { replacement }, fix: (fixer) => fixer.replaceText(node.property, 'name') });
      }
      return [...suggestions, ...dropLabelSuggestion(metric, label)];
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
        const index = def.node.params.indexOf(def.name as TSESTree.Parameter);
        for (const call of index >= 0 ? callSitesOf(def.node, context) : []) {
          const passed = call.arguments[index] ? unwrap(call.arguments[index]!) : undefined;
          if (passed?.type !== AST_NODE_TYPES.ObjectExpression) continue;
          for (const { property } of labelProperties(passed)) checkLabel(use, propertyKeyName(property), property.value, property.key, call.range);
        }
        return;
      }
      const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
      if (init?.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const { property } of labelProperties(init)) checkLabel(use, propertyKeyName(property), property.value, property.key);
    }

    /** `within`: the code the report should stay in (the recording call); a value reached elsewhere is reported at `value`. */
    function checkLabel(use: LabelUse, label: string | undefined, value: TSESTree.Node, key: TSESTree.Node | undefined, within: TSESTree.Range = use.call.range): void {
      if (label !== undefined && allowed.has(normalise(label))) return;
      const verdict = judge.judge(value);
      if (verdict.bounded === false) {
        const inside = verdict.node.range[0] >= within[0] && verdict.node.range[1] <= within[1];
        const at = inside || verdict.viaParameter ? verdict.node : value;
        if (!once(at)) return;
        const data = { subject: verdict.subject, origin: verdict.origin ?? '', label: label ?? '?', why: REASON_TEXT[verdict.reason], advice: REASON_ADVICE[verdict.reason] };
        context.report({ node: at, messageId: verdict.origin ? 'unboundedValueVia' : 'unboundedValue', data, suggest: valueSuggestions(verdict, use.metric, label) });
        return;
      }
      // Without a declaration in view (OpenTelemetry attributes, StatsD tags, default labels, a metric from
      // elsewhere) the name at the call is the only place the label is named.
      if (use.metric?.local && use.metric.labelNames) return;
      const reason = nameVerdict(label);
      if (reason && verdict.bounded !== true && key && once(key)) {
        context.report({ node: key, messageId: 'unboundedLabelName', data: { label: label!, metric: '', why: REASON_TEXT[reason], advice: REASON_ADVICE[reason] } });
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
          data: { label: label!, metric: metric.name ? ` on \`${metric.name}\`` : '', why: REASON_TEXT[reason], advice: REASON_ADVICE[reason] },
          suggest: dropLabelSuggestion(metric, label),
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
            if (reason && once(label.key)) context.report({ node: label.key, messageId: 'unboundedLabelName', data: { label: name!, metric: '', why: REASON_TEXT[reason], advice: REASON_ADVICE[reason] } });
          }
        }
        if ((key === 'transformLabels' || key === 'normalizePath') && (value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression)) {
          const bundle: LabelUse = { metric: undefined, call, source: 'prom-client', labels: [] };
          if (key === 'normalizePath') {
            const returned = value.body.type === AST_NODE_TYPES.BlockStatement ? value.body.body.flatMap((s) => (s.type === AST_NODE_TYPES.ReturnStatement && s.argument ? [s.argument] : [])) : [value.body];
            for (const expression of returned) checkLabel(bundle, 'path', expression, undefined, value.range);
          } else if (value.body.type === AST_NODE_TYPES.BlockStatement) {
            for (const statement of value.body.body) {
              const assignment = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
              if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left.type !== AST_NODE_TYPES.MemberExpression) continue;
              checkLabel(bundle, memberName(assignment.left), assignment.right, assignment.left.property, assignment.range);
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

function normalise(name: string): string {
  return splitWords(name).join('_');
}

/** The options of `promBundle({...})` (express-prom-bundle's default export). */
function promBundleOptions(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = findVariable(sourceCode.getScope(call), callee.name)?.defs[0];
  const source = def?.type === 'ImportBinding' && def.parent?.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value
    : def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init?.type === AST_NODE_TYPES.CallExpression && def.node.init.arguments[0]?.type === AST_NODE_TYPES.Literal ? String(def.node.init.arguments[0].value)
    : undefined;
  if (source !== 'express-prom-bundle') return undefined;
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  return options?.type === AST_NODE_TYPES.ObjectExpression ? options : undefined;
}

/** The route-template expression per framework, with a constant for requests no route matched. */
function routeTemplateFor(framework: Unbounded['framework'], base: string, baseNode: TSESTree.Node): Array<[MessageIds, string]> {
  switch (framework) {
    case 'express':
      return [
        ['useRouteTemplate', `${base}.route?.path ?? 'unmatched'`],
        ['useRouteTemplateWithMount', `${base}.route ? ${base}.baseUrl + ${base}.route.path : 'unmatched'`],
      ];
    case 'fastify':
      return [['useRouteTemplate', `${base}.routeOptions.url ?? 'unmatched'`]];
    case 'koa': {
      const chain = staticChain(baseNode);
      const ctx = chain && chain[chain.length - 1] === 'request' ? chain.slice(0, -1).join('.') : base;
      return [['useRouteTemplate', `${ctx}._matchedRoute ?? 'unmatched'`]];
    }
    case 'hono':
      return [['useRouteTemplate', `${base}.routePath`]];
    default:
      return [];
  }
}

/** Whether a replacement expression with `??` or `?:` needs parentheses where `node` stands. */
function needsParentheses(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return false;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    default:
      return true;
  }
}
