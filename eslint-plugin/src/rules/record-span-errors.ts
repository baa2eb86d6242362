import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { forEachChild, isFunctionNode } from '../analysis/ast';
import {
  caughtErrorRecording,
  type ErrorRecording,
  mentionsSpanStarts,
  type SpanStart,
  spanStartOf,
  SpanUses,
} from '../analysis/spans';
import { recordErrorFixes } from '../fixes/spans';
import { isTestOrScriptFile } from '../analysis/test-files';
import { createRule } from '../util/createRule';

export interface RecordSpanErrorsOptions {
  errorRecorders?: string[];
  /** Also check tests, mocks and scripts (off by default: a span a test leaks is lost with the test process). */
  checkTestFiles?: boolean;
}

export type MessageIds = 'errorNotRecorded' | 'recordError';

interface SpanInScope {
  start: SpanStart;
  name: string;
}

export default createRule<[RecordSpanErrorsOptions], MessageIds>({
  name: 'record-span-errors',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        "Require a catch inside a span's scope to record the error on the span: recordException and an ERROR status",
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      errorNotRecorded:
        'This catch handles an error inside span `{{span}}` without {{missing}}: the trace shows the operation as successful and the error is invisible in it. Record it before handling it.',
      recordError: 'Record the error on `{{span}}`: {{calls}}.',
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
          errorRecorders: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Functions (by name) that record an error on the span passed to them (both `recordException` and an ERROR status).',
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
    const uses = new SpanUses(context, { endingFunctions: new Set() });
    const recorders = new Set(options.errorRecorders ?? []);
    const spansByCatch = new Map<TSESTree.CatchClause, SpanInScope[]>();

    /** The catch clauses of the span's function (not of functions nested in it) that follow the start and see the span. */
    function collect(start: SpanStart): void {
      const variable = start.variable;
      if (!variable) return;
      const visible = variable.scope.block.range;
      // startActiveSpan's span lives in its callback, which is inside the call.
      const after = start.callback ? start.callback.body.range[0] : start.call.range[1];
      const visit = (node: TSESTree.Node): void => {
        if (isFunctionNode(node) && node !== start.owner) return;
        if (
          node.type === AST_NODE_TYPES.CatchClause &&
          node.range[0] > after &&
          node.range[0] >= visible[0] &&
          node.range[1] <= visible[1]
        ) {
          spansByCatch.set(node, [...(spansByCatch.get(node) ?? []), { start, name: variable.name }]);
        }
        forEachChild(node, visit);
      };
      visit(start.owner.type === AST_NODE_TYPES.Program ? start.owner : start.owner.body);
    }

    function recordingOf(handler: TSESTree.CatchClause, span: string): ErrorRecording {
      return caughtErrorRecording(handler.body, span, uses, recorders);
    }

    /** A catch that rethrows to an enclosing catch (of the same span's function) that records the error. */
    function rethrowsToRecordingCatch(handler: TSESTree.CatchClause, spans: readonly SpanInScope[]): boolean {
      if (!rethrows(handler.body)) return false;
      for (let node: TSESTree.Node | undefined = handler.parent; node && !isFunctionNode(node); node = node.parent) {
        const parent: TSESTree.Node | undefined = node.parent;
        if (parent?.type === AST_NODE_TYPES.TryStatement && parent.block === node && parent.handler) {
          const outer = parent.handler;
          if (spans.some(({ name }) => complete(recordingOf(outer, name)))) return true;
          if (!rethrows(outer.body)) return false;
        }
      }
      return false;
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier)
          return;
        if (callee.property.name !== 'startSpan' && callee.property.name !== 'startActiveSpan') return;
        const start = spanStartOf(node, context);
        if (start?.disposition === 'local' || (start?.variable && start.disposition === 'handedOn')) collect(start);
      },
      'Program:exit'() {
        for (const [handler, spans] of spansByCatch) {
          // An empty catch carries on as if nothing failed (a fallback, a best-effort step): the operation did not
          // fail, so the span stays unset; whether the error should be kept is no-swallowed-errors' question.
          if (handler.body.body.length === 0) continue;
          if (spans.some(({ name }) => complete(recordingOf(handler, name)))) continue;
          if (rethrowsToRecordingCatch(handler, spans)) continue;
          // The innermost span: the one started last before the catch.
          const { name } = spans.reduce((latest, span) =>
            span.start.call.range[0] > latest.start.call.range[0] ? span : latest,
          );
          const recording = recordingOf(handler, name);
          const missing = { exception: !recording.exception, status: !recording.status };
          const error = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : 'err';
          const what = [
            missing.exception ? `\`${name}.recordException(${error})\`` : '',
            missing.status ? `\`${name}.setStatus({ code: SpanStatusCode.ERROR })\`` : '',
          ].filter(Boolean);
          context.report({
            ...(handler.param ? { node: handler.param } : { loc: sourceCode.getFirstToken(handler)!.loc }),
            messageId: 'errorNotRecorded',
            data: { span: name, missing: what.join(' and ') },
            suggest: [
              {
                messageId: 'recordError',
                data: { span: name, calls: what.join(', ') },
                fix: (fixer) =>
                  recordErrorFixes(fixer, sourceCode, context.filename, handler, name, missing, recording.nonErrorCode),
              },
            ],
          });
        }
      },
    };
  },
});

function complete(recording: ErrorRecording): boolean {
  return recording.exception && recording.status;
}

/** A `throw` in the catch body, outside nested functions. */
function rethrows(body: TSESTree.BlockStatement): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) found = true;
    else forEachChild(node, visit);
  };
  visit(body);
  return found;
}
