import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { memberName } from '../analysis/ast';
import {
  mentionsSpanStarts,
  referenceIdentifiers,
  type SpanStart,
  spanEndedOnEveryPath,
  spanStartOf,
  SpanUses,
} from '../analysis/spans';
import { wrapInTryFinally } from '../fixes/spans';
import { isTestOrScriptFile } from '../analysis/test-files';
import { createRule } from '../util/createRule';

export interface RequireSpanEndOptions {
  endingFunctions?: string[];
  /** Also check tests, mocks and scripts (off by default: a span a test leaks is lost with the test process). */
  checkTestFiles?: boolean;
}

export type MessageIds = 'neverEnded' | 'notEndedOnEveryPath' | 'wrapInFinally';

export default createRule<[RequireSpanEndOptions], MessageIds>({
  name: 'require-span-end',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require every OpenTelemetry span started with startSpan or startActiveSpan to be ended on every path, thrown errors included',
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      neverEnded:
        'Span `{{span}}` is never ended: it is never exported, so the trace shows a gap where this operation ran, and it holds memory until the process exits. End it in a `finally`.',
      notEndedOnEveryPath:
        'Span `{{span}}` is not ended on every path: when the code after `{{method}}` throws or returns early, `end()` never runs and the span is lost. End it in a `finally`.',
      wrapInFinally: 'Wrap {{what}} in `try { … } finally { {{span}}.end(); }`.',
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
          endingFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Functions (by name) that end the span passed to them on every path, such as a library wrapper that calls `span.end()` in `finally`.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!mentionsSpanStarts(sourceCode.text)) return {};
    // After the text probe: finding the file's project costs file-system lookups.
    if (!options.checkTestFiles && isTestOrScriptFile(context.filename)) return {};
    const uses = new SpanUses(context, { endingFunctions: new Set(options.endingFunctions ?? []) });

    function check(start: SpanStart): void {
      const where =
        start.call.callee.type === AST_NODE_TYPES.MemberExpression ? start.call.callee.property : start.call;
      if (start.disposition === 'discarded') {
        context.report({
          node: where,
          messageId: 'neverEnded',
          data: { span: start.method === 'startSpan' ? sourceCode.getText(start.call) : 'span' },
        });
        return;
      }
      if (start.disposition !== 'local' || !start.variable) return;
      const identifiers = referenceIdentifiers(start.variable);
      const spanUses = uses.usesOf(identifiers, start.owner);
      if (spanUses.some((use) => use.kind === 'handedOn')) return;
      const endCalls = new Set(spanUses.flatMap((use) => (use.kind === 'end' ? [use.call] : [])));
      const recordingCalls = new Set(
        spanUses.flatMap((use) => (use.kind === 'annotate' && use.recording ? [use.recording] : [])),
      );
      if (spanEndedOnEveryPath(start, endCalls, new Set(identifiers), recordingCalls)) return;
      const span = start.variable.name;
      const data = { span, method: start.method };
      const wrap = wrapping(start, endCalls);
      context.report({
        node: where,
        messageId: endCalls.size === 0 ? 'neverEnded' : 'notEndedOnEveryPath',
        data,
        suggest: wrap
          ? [
              {
                messageId: 'wrapInFinally',
                data: { ...data, what: start.callback ? "the callback's body" : `the code after ${start.method}` },
                fix: (fixer) => fixer.replaceTextRange(wrap.range, wrap.text),
              },
            ]
          : [],
      });
    }

    /** The statements after the start (or the callback's body), with the top-level `span.end();` the finally replaces. */
    function wrapping(
      start: SpanStart,
      endCalls: ReadonlySet<TSESTree.CallExpression>,
    ): { range: [number, number]; text: string } | undefined {
      const span = start.variable!.name;
      const isEnd = (statement: TSESTree.Node): boolean => {
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
        let expression: TSESTree.Node = statement.expression;
        if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
        return (
          expression.type === AST_NODE_TYPES.CallExpression &&
          endCalls.has(expression) &&
          expression.callee.type === AST_NODE_TYPES.MemberExpression &&
          memberName(expression.callee) === 'end'
        );
      };
      let statements: readonly TSESTree.Node[];
      if (start.callback) {
        const body = start.callback.body;
        if (body.type !== AST_NODE_TYPES.BlockStatement) {
          if (!start.callback.async) return undefined;
          return {
            range: body.range,
            text: `{ try { return await ${sourceCode.getText(body)}; } finally { ${span}.end(); } }`,
          };
        }
        statements = body.body;
      } else {
        let statement: TSESTree.Node = start.call;
        while (
          statement.parent &&
          statement.parent.type !== AST_NODE_TYPES.BlockStatement &&
          statement.parent.type !== AST_NODE_TYPES.Program
        )
          statement = statement.parent;
        // At the top of a module, a try block would capture imports, exports and hoisted declarations.
        if (statement.parent?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
        const siblings = statement.parent.body;
        statements = siblings.slice(siblings.indexOf(statement as TSESTree.Statement) + 1);
      }
      if (statements.length === 0) return undefined;
      return wrapInTryFinally(sourceCode, statements, new Set(statements.filter(isEnd)), span);
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier)
          return;
        const name = callee.property.name;
        if (name !== 'startSpan' && name !== 'startActiveSpan') return;
        const start = spanStartOf(node, context);
        if (start) check(start);
      },
    };
  },
});
