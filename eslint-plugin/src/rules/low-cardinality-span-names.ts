import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { enclosingStatement, isFunctionNode, memberName, unwrap } from '../analysis/ast';
import {
  attributeKeyFor,
  SPAN_NAME_REASON_TEXT,
  SpanNameJudge,
  type SpanNameVerdict,
  type UnboundedPart,
} from '../analysis/span-names';
import { isSpanExpression, mentionsSpanStarts, type SpanMethod, spanStartOf } from '../analysis/spans';
import { attributesFixes, constantSpanName, quotedLike } from '../fixes/spans';
import { isTestOrScriptFile } from '../analysis/test-files';
import { createRule } from '../util/createRule';

export interface LowCardinalitySpanNamesOptions {
  routeTemplates?: string[];
  /** Also check tests, mocks and scripts (off by default: a span a test leaks is lost with the test process). */
  checkTestFiles?: boolean;
}

export type MessageIds = 'unboundedSpanName' | 'moveToAttributes';

export default createRule<[LowCardinalitySpanNamesOptions], MessageIds>({
  name: 'low-cardinality-span-names',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Disallow span names built from unbounded values (URLs, ids, SQL text); use a constant name and put the value in attributes',
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      unboundedSpanName:
        'Span name built from `{{subject}}` gives {{what}}: tracing backends group, sample and alert by span name. Use a constant name (a route template, an operation) and record the value as an attribute.',
      moveToAttributes: 'Name the span {{name}} and record {{values}} as attributes.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkTestFiles: {
            type: 'boolean',
            description:
              'Also check tests, mocks, fixtures and scripts (`test/`, `*.test.*`, `scripts/`…); off by default.',
          },
          routeTemplates: {
            type: 'array',
            items: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+$' },
            description:
              'Member chains that hold a route template (bounded), besides `req.route.path` and `request.routeOptions.url`.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    if (!mentionsSpanStarts(text) && !text.includes('updateName')) return {};
    // After the text probe: finding the file's project costs file-system lookups.
    if (!options.checkTestFiles && isTestOrScriptFile(context.filename)) return {};
    const judge = new SpanNameJudge(
      context,
      (options.routeTemplates ?? []).map((chain) => chain.split('.')),
    );

    function check(name: TSESTree.Node, call: TSESTree.CallExpression, method: SpanMethod | 'updateName'): void {
      const verdict = judge.judge(name);
      const first = verdict.unbounded[0];
      if (!first) return;
      const suggestion = verdict.indirect ? undefined : moveToAttributes(name, call, method, verdict);
      context.report({
        node: name,
        messageId: 'unboundedSpanName',
        data: { subject: first.subject, what: SPAN_NAME_REASON_TEXT[first.reason] },
        suggest: suggestion ? [suggestion] : [],
      });
    }

    function moveToAttributes(
      name: TSESTree.Node,
      call: TSESTree.CallExpression,
      method: SpanMethod | 'updateName',
      verdict: SpanNameVerdict,
    ): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      const entries = attributeEntries(verdict.unbounded);
      const moved = new Set(verdict.unbounded.map((part) => part.node));
      const constant =
        verdict.sqlSummary !== undefined
          ? quotedLike(sourceCode, name, verdict.sqlSummary)
          : constantSpanName(sourceCode, name, verdict.pieces, moved, fallbackName(call, verdict.unbounded[0]));
      const data = {
        name: constant,
        values: verdict.unbounded.map((part) => `\`${sourceCode.getText(part.node)}\``).join(', '),
      };
      if (method !== 'updateName') {
        return {
          messageId: 'moveToAttributes',
          data,
          fix: (fixer) => {
            const attributes = attributesFixes(fixer, call, method, entries);
            return attributes ? [fixer.replaceText(name, constant), ...attributes] : null;
          },
        };
      }
      // `span.updateName(x);` → `span.updateName('c');` and `span.setAttributes({ … });` after it.
      const statement = enclosingStatement(call);
      const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(call.callee.object) : undefined;
      const simpleReceiver =
        receiver?.type === AST_NODE_TYPES.Identifier ||
        (receiver?.type === AST_NODE_TYPES.MemberExpression &&
          unwrap(receiver.object).type === AST_NODE_TYPES.ThisExpression);
      if (
        statement?.type !== AST_NODE_TYPES.ExpressionStatement ||
        unwrap(statement.expression) !== call ||
        !receiver ||
        !simpleReceiver
      )
        return undefined;
      const indent =
        /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', statement.range[0] - 1) + 1, statement.range[0]))?.[0] ?? '';
      return {
        messageId: 'moveToAttributes',
        data,
        fix: (fixer) => [
          fixer.replaceText(name, constant),
          fixer.insertTextAfter(statement, `\n${indent}${sourceCode.getText(receiver)}.setAttributes({ ${entries} });`),
        ],
      };
    }

    function attributeEntries(parts: readonly UnboundedPart[]): string {
      const used = new Map<string, number>();
      return parts
        .map((part) => {
          let key = attributeKeyFor(part);
          const seen = used.get(key) ?? 0;
          used.set(key, seen + 1);
          if (seen > 0) key = `${key}.${seen + 1}`;
          return `'${key}': ${sourceCode.getText(part.node)}`;
        })
        .join(', ');
    }

    /** What the span is called when nothing constant is left: the enclosing function's name, or the operation's kind. */
    function fallbackName(call: TSESTree.CallExpression, part: UnboundedPart): string {
      for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
        if (node.type === AST_NODE_TYPES.MethodDefinition && node.key.type === AST_NODE_TYPES.Identifier)
          return node.key.name;
        if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) return node.id.name;
        if (
          isFunctionNode(node) &&
          node.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
          node.parent.id.type === AST_NODE_TYPES.Identifier
        )
          return node.parent.id.name;
      }
      return part.reason === 'url' || part.reason === 'fallback'
        ? 'http.request'
        : part.reason === 'sql'
          ? 'db.query'
          : 'operation';
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier)
          return;
        const method = callee.property.name;
        if (method === 'startSpan' || method === 'startActiveSpan') {
          const start = spanStartOf(node, context);
          if (start?.name) check(start.name, node, start.method);
        } else if (
          method === 'updateName' &&
          node.arguments[0] &&
          memberName(callee) === 'updateName' &&
          isSpanExpression(callee.object, context)
        ) {
          check(node.arguments[0], node, 'updateName');
        }
      },
    };
  },
});
