import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findVariable } from '../analysis/ast';
import {
  attemptedOperation,
  callHandler,
  CallNames,
  catchClauseHandler,
  DEFAULT_CALLBACK_ERROR_NAMES,
  DEFAULT_PROBE_CALLS,
  type ErrorHandler,
  guardsOnlyProbes,
  PROBE_VERBS,
} from '../analysis/error-handlers';
import { commentAbove, isBestEffortTeardown, observedElsewhere } from '../analysis/error-best-effort';
import { DEFAULT_RECORDERS, handlingOf } from '../analysis/error-handling';
import { loggerAtHand } from '../analysis/logger-at-hand';
import { type LoggerResolver, loggerResolverOf } from '../analysis/loggers';
import { isTestOrScriptFile } from '../analysis/test-files';
import {
  CONSOLE_LOGGER,
  errorBindingFixes,
  errorLogCall,
  insertFirstInBody,
  quote,
  rethrowWithCauseFix,
} from '../fixes/error-logging';
import { importFixes, importTargetOf } from '../fixes/imports';
import { createRule } from '../util/createRule';

export interface NoSwallowedErrorsOptions {
  callbackErrorNames?: string[];
  recorders?: string[];
  probeCalls?: string[];
  loggers?: string[];
  ignoredBindingPattern?: string;
  checkTestFiles?: boolean;
}

export type MessageIds = 'swallowed' | 'logError' | 'rethrowWithCause';

const WHAT: Record<ErrorHandler['kind'], string> = {
  catch: 'This `catch`',
  'promise-catch': 'This `.catch()` handler',
  rejection: 'This rejection handler',
  callback: 'This error-first callback',
  'error-listener': "This `'error'` listener",
};

export default createRule<[NoSwallowedErrorsOptions], MessageIds>({
  name: 'no-swallowed-errors',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow error handlers that drop the error: not rethrown, logged, passed on or recorded',
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      swallowed:
        '{{what}} drops {{error}}: it is not rethrown, logged, passed on or recorded{{response}}, so the failure leaves no trace. ' +
        'Log it, rethrow it with `cause`, or say in a comment why it is ignored.',
      logError: 'Log the error with `{{logger}}`.',
      rethrowWithCause: 'Rethrow it with the original as `cause`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          callbackErrorNames: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'First-parameter names that make a callback error-first (default: err, error, er, e, ex, exc, exception; `e`, `ex` and `exc` only with a second parameter).',
          },
          recorders: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'More calls that record a failure (`reportFailure`), receivers whose every method does (`errorTracker`), or chains ' +
              '(`metrics.failures.inc`); added to Sentry, Bugsnag, Rollbar, `captureException`, `recordException`…',
          },
          probeCalls: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'More calls whose failure is the answer (`isValidSignature`, `yaml.load`); added to JSON.parse, new URL, fs.access/stat/existsSync, require.resolve, parseInt…',
          },
          loggers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'More logger receivers (`audit`) or logging functions (`track`) that count as logging the error.',
          },
          ignoredBindingPattern: {
            type: 'string',
            description:
              'A regular expression for error bindings that say the error is ignored on purpose (default `^_`: `catch (_err) {}`).',
          },
          checkTestFiles: {
            type: 'boolean',
            description: 'Also check tests, mocks, fixtures and scripts; off by default.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (!options.checkTestFiles && isTestOrScriptFile(context.filename)) return {};
    const sourceCode = context.sourceCode;
    const callbackErrorNames = new Set(options.callbackErrorNames ?? DEFAULT_CALLBACK_ERROR_NAMES);
    const probes = new CallNames([...DEFAULT_PROBE_CALLS, ...(options.probeCalls ?? [])], PROBE_VERBS);
    const recorders = new CallNames([...DEFAULT_RECORDERS, ...(options.recorders ?? [])]);
    const loggers = (): LoggerResolver => loggerResolverOf(context, options.loggers);

    const ignoredBinding = new RegExp(options.ignoredBindingPattern ?? '^_');
    const check = (handler: ErrorHandler): void => {
      if (handler.binding && ignoredBinding.test(handler.binding.name)) return;
      if (guardsOnlyProbes(handler, probes, sourceCode)) return;
      if (isBestEffortTeardown(handler)) return;
      if (commentAbove(handler, sourceCode) || observedElsewhere(handler, sourceCode)) return;
      if (handlingOf(handler, { sourceCode, loggers: loggers(), recorders })) return;
      const errorName = handler.binding?.name ?? freshErrorName(handler, sourceCode);
      const operation = attemptedOperation(handler, (call) => loggers().sinkOf(call) !== undefined);
      const message = quote(operation ? `${operation} failed` : 'operation failed');
      const logger =
        loggerAtHand(handler.node, sourceCode, context.filename, loggers(), context.languageOptions) ?? CONSOLE_LOGGER;
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [
        {
          messageId: 'logError',
          data: { logger: logger.receiver },
          fix: (fixer) => {
            // An error-first callback runs on success too, with a null error.
            const logCall = `${errorLogCall(logger, 'error', message, errorName)};`;
            const statement = handler.kind === 'callback' ? `if (${errorName}) ${logCall}` : logCall;
            const fixes = [
              ...errorBindingFixes(fixer, handler, errorName, sourceCode),
              insertFirstInBody(fixer, handler.body, statement, sourceCode),
            ];
            if (logger.importFrom) {
              const { specifier, name, isDefault } = logger.importFrom;
              fixes.push(
                ...importFixes(fixer, sourceCode, importTargetOf(sourceCode, context.filename), [
                  isDefault ? { module: specifier, defaultName: name } : { module: specifier, named: [name] },
                ]),
              );
            }
            return fixes;
          },
        },
      ];
      const responds = sendsResponse(handler, sourceCode);
      // After an error response a throw only reaches a framework that can no longer answer.
      const rethrow = responds ? undefined : rethrowWithCauseFix(handler, errorName, message, sourceCode);
      if (rethrow) suggestions.push({ messageId: 'rethrowWithCause', fix: rethrow });
      context.report({
        loc: headOf(handler, sourceCode),
        messageId: 'swallowed',
        data: {
          what: WHAT[handler.kind],
          error: handler.binding ? `\`${handler.binding.name}\`` : 'the error',
          response: responds ? ' (an error response tells the client, not the operators)' : '',
        },
        suggest: suggestions,
      });
    };

    return {
      CatchClause(clause) {
        const handler = catchClauseHandler(clause);
        if (handler) check(handler);
      },
      CallExpression(call) {
        // Cheap first: only calls given a function can hand it an error.
        if (
          !call.arguments.some(
            (argument) =>
              argument.type === AST_NODE_TYPES.ArrowFunctionExpression ||
              argument.type === AST_NODE_TYPES.FunctionExpression,
          )
        )
          return;
        const handler = callHandler(call, callbackErrorNames);
        if (handler) check(handler);
      },
    };
  },
});

/** A name for the error that nothing in the handler's scope uses yet. */
function freshErrorName(handler: ErrorHandler, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const scope = sourceCode.getScope(handler.body);
  const used = (name: string): boolean =>
    findVariable(scope, name) !== undefined || scope.through.some((reference) => reference.identifier.name === name);
  return ['err', 'error', 'caughtError'].find((name) => !used(name)) ?? 'caughtError';
}

/** Whether the handler answers the request (`res.status(500).json(…)`, `reply.code(500).send()`): said in the message. */
function sendsResponse(handler: ErrorHandler, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return /\b(?:res|reply|response|ctx|c)\s*\.\s*(?:status|code|json|send|sendStatus|end|text)\s*\(|\bctx\.(?:status|body)\s*=/.test(
    sourceCode.getText(handler.body),
  );
}

/** Where to report: the `catch (err)` head, or the handler function's parameters, not the whole body. */
function headOf(handler: ErrorHandler, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.SourceLocation {
  const node = handler.node;
  const bodyStart = handler.body.loc.start;
  if (node.type === AST_NODE_TYPES.CatchClause)
    return {
      start: node.loc.start,
      end: handler.body.type === AST_NODE_TYPES.BlockStatement ? bodyStart : node.loc.end,
    };
  if (handler.body.type === AST_NODE_TYPES.BlockStatement) return { start: node.loc.start, end: bodyStart };
  const arrow = sourceCode.getTokenBefore(handler.body, { filter: (token) => token.value === '=>' });
  return { start: node.loc.start, end: arrow?.loc.end ?? node.loc.end };
}
