import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { staticChain } from '../analysis/ast';
import type { Unbounded } from '../analysis/cardinality';
import type { LabelUse, MetricDeclaration } from '../analysis/metrics';
import { removeListItem } from './list-items';

/** The suggestions `no-high-cardinality-labels` offers, by message id. */
export type LabelFixId =
  'useRouteTemplate' | 'useRouteTemplateWithMount' | 'useUnmatched' | 'useErrorName' | 'dropLabel';
export type LabelSuggestion = TSESLint.SuggestionReportDescriptor<LabelFixId>;

/** Removes a label from the declaration and from every recording in this file (positional arguments too). */
export function dropLabelFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  metric: MetricDeclaration | undefined,
  label: string | undefined,
  sites: readonly LabelUse[],
): LabelSuggestion[] {
  if (!metric?.local || !metric.labelNamesNode || label === undefined) return [];
  const index = metric.labelNames?.indexOf(label) ?? -1;
  const element = index >= 0 ? metric.labelNamesNode.elements[index] : undefined;
  if (!element) return [];
  // A label object held in a variable cannot be edited safely at the call, nor a call that hands values to a helper.
  // Nor a label set inside a conditional spread (`...(cond && { label })`): removing it there leaves the condition.
  if (
    sites.some(
      (use) =>
        use.viaHelper ||
        use.labels.some(
          (entry) => entry.spread || (entry.name === undefined && !use.object && entry.index === undefined),
        ),
    )
  )
    return [];
  return [
    {
      messageId: 'dropLabel',
      data: { label, metric: metric.name ?? 'the metric', count: String(sites.length) },
      fix: (fixer) => {
        const fixes = [removeListItem(fixer, sourceCode, element)];
        for (const use of sites) {
          const entry = use.labels.find((candidate) =>
            candidate.index !== undefined ? candidate.index === index : candidate.name === label,
          );
          if (!entry) continue;
          const target = entry.index !== undefined ? use.call.arguments[entry.index] : entry.value.parent;
          if (target) fixes.push(removeListItem(fixer, sourceCode, target));
        }
        return fixes;
      },
    },
  ];
}

/** Replacements for an unbounded label value: the route template, `'unmatched'`, the error's class name. */
export function unboundedValueFixes(sourceCode: Readonly<TSESLint.SourceCode>, verdict: Unbounded): LabelSuggestion[] {
  const suggestions: LabelSuggestion[] = [];
  const node = verdict.node;
  // Templates with `??` or `?:` need parentheses inside other operators; a plain literal never does.
  const replaceWith = (text: string) => (fixer: TSESLint.RuleFixer) =>
    fixer.replaceText(node, /^'[^']*'$/.test(text) || !needsParentheses(node) ? text : `(${text})`);
  if (verdict.reason === 'fallback') {
    suggestions.push({ messageId: 'useUnmatched', fix: replaceWith("'unmatched'") });
  } else if (verdict.reason === 'url' && verdict.requestBase) {
    const base = sourceCode.getText(verdict.requestBase);
    const templates = routeTemplateFor(verdict.framework, base, verdict.requestBase);
    for (const [messageId, replacement] of templates)
      suggestions.push({ messageId, data: { replacement }, fix: replaceWith(replacement) });
  } else if (verdict.reason === 'error-message' && node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
    const replacement = `${sourceCode.getText(node.object)}.name`;
    suggestions.push({
      messageId: 'useErrorName',
      data: { replacement },
      fix: (fixer) => fixer.replaceText(node.property, 'name'),
    });
  }
  return suggestions;
}

/** The route-template expression per framework, with a constant for requests no route matched. */
function routeTemplateFor(
  framework: Unbounded['framework'],
  base: string,
  baseNode: TSESTree.Node,
): Array<[LabelFixId, string]> {
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
