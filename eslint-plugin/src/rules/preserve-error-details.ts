import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { propertyKeyName, terminalName, unwrap } from '../analysis/ast';
import { attemptedOperation, DEFAULT_CALLBACK_ERROR_NAMES, enclosingHandler } from '../analysis/error-handlers';
import { errorUsesIn, type ErrorUse, pinoErrorKeys, winstonDropsLoneErrors } from '../analysis/error-values';
import {
  dependenciesOf,
  type ErrorLogIdiom,
  identifiedIdiom,
  idiomOfDependencies,
  idiomOfLibrary,
  loggerAtHand,
} from '../analysis/logger-at-hand';
import {
  LEVEL_METHODS,
  type LoggerResolver,
  loggerResolverOf,
  pinoLoggedArguments,
  type SinkCall,
} from '../analysis/loggers';
import { type ProjectImports, projectImportsOf } from '../analysis/project-imports';
import { isTestOrScriptFile } from '../analysis/test-files';
import { droppedErrorEdit, errorAddedEdit, errorKeyEdit, errorTextEdit } from '../fixes/error-details';
import { quote } from '../fixes/error-logging';
import { createRule } from '../util/createRule';

export interface PreserveErrorDetailsOptions {
  callbackErrorNames?: string[];
  loggers?: string[];
  checkTestFiles?: boolean;
}

export type MessageIds =
  'errorDropped' | 'errorUnderKey' | 'errorAsText' | 'loneWinstonError' | 'errorNotLogged' | 'logErrorObject';

/** Levels at which a failure is reported: there the error's type and stack are what an operator needs. */
const ERROR_LEVELS = new Set(['error', 'fatal', 'crit', 'critical', 'alert', 'emerg', 'emergency']);

export default createRule<[PreserveErrorDetailsOptions], MessageIds>({
  name: 'preserve-error-details',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require log calls to keep an error's type, message and stack: the error object under the key the logger serializes",
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      errorDropped:
        'pino drops `{{error}}`: arguments after the message are only written for its printf placeholders, so the log line says nothing of the error. Put it in the fields: `{ err }`.',
      errorUnderKey:
        '`{{key}}` holds an Error, which {{library}} writes as `{}`: no type, message or stack. {{advice}}',
      errorAsText:
        '{{how}} logs the error as text while `{{error}}` is at hand: its type and stack are lost. Log the error object itself.',
      loneWinstonError:
        "This winston logger has no `format.errors()`, so `{{error}}` alone is written without its message and stack. Give a message and the error: `logger.error('…', err)`.",
      errorNotLogged:
        '`{{error}}` is at hand but not in this error log line: the line says something failed, not what or where. Log the error object.',
      logErrorObject: 'Log the error object: `{{code}}`.',
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
              'First-parameter names that make a callback error-first, so that its first parameter is known to be an Error (default: err, error, er, e, ex, exc, exception).',
          },
          loggers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'More logger receivers (`audit`) or logging functions (`track`).',
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
    const configured = new Set(options.loggers ?? []);
    const projectImports = (): ProjectImports => projectImportsOf(context);
    const loggers = (): LoggerResolver => loggerResolverOf(context, options.loggers);
    let defaultIdiom: ErrorLogIdiom | undefined | null;
    /** The idiom of a logger the resolver only knows by name (`this.logger`, an imported `logger`): what suggestions are written in. */
    const idiomOfNamed = (call: TSESTree.CallExpression, receiver: TSESTree.Node): ErrorLogIdiom | undefined => {
      const atHand = loggerAtHand(call, sourceCode, context.filename, loggers(), context.languageOptions);
      if (atHand && !atHand.importFrom && atHand.receiver === sourceCode.getText(receiver)) return atHand.idiom;
      if (defaultIdiom === undefined) defaultIdiom = idiomOfDependencies(dependenciesOf(context.filename)) ?? null;
      return defaultIdiom ?? undefined;
    };

    return {
      CallExpression(call) {
        const callee = unwrap(call.callee);
        if (call.arguments.length === 0) return;
        const levelMethod =
          callee.type === AST_NODE_TYPES.MemberExpression &&
          !callee.computed &&
          callee.property.type === AST_NODE_TYPES.Identifier &&
          (LEVEL_METHODS.has(callee.property.name) || configured.size > 0);
        const cheapMatch = levelMethod || (callee.type === AST_NODE_TYPES.Identifier && configured.has(callee.name));
        if (!cheapMatch) return;
        const sink = loggers().sinkOf(call);
        if (!sink || sink.logger.library === 'stdio' || sink.logger.library === 'debug') return;
        const level =
          callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
            ? callee.property.name
            : 'log';
        const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
        const library = sink.logger.library;
        const idiom =
          library === 'named' || library === 'configured'
            ? idiomOfNamed(call, receiver)
            : idiomOfLibrary(library, 'console');
        // How an Error under a key or after the message is written depends on the library: judged only when it is known.
        const identified = identifiedIdiom(call, receiver, library, sourceCode, loggers(), projectImports());
        const scope = sourceCode.getScope(call);
        const uses = call.arguments.flatMap((argument) => errorUsesIn(argument, scope, callbackErrorNames, sourceCode));
        const report = new Reporter(context, call, sourceCode);

        if (identified === 'pino' && checkPinoDropped(report, call, uses)) return;
        if (checkUnderKey(report, call, uses, sink, identified)) return;
        if (
          identified === 'winston' &&
          library === 'winston' &&
          checkLoneWinston(report, call, uses, receiver, scope, sourceCode)
        )
          return;
        const errorLevel =
          ERROR_LEVELS.has(level) ||
          (level === 'log' &&
            call.arguments.some((argument) => argument.type === AST_NODE_TYPES.Literal && argument.value === 'error'));
        if (!errorLevel) return;
        if (checkAsText(report, call, uses, idiom)) return;
        if (uses.length === 0) checkNotLogged(report, call, idiom, callbackErrorNames);
      },
    };
  },
});

/** Reports on one call, with the suggestion rewriting its argument list. */
class Reporter {
  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<MessageIds, [PreserveErrorDetailsOptions]>>,
    readonly call: TSESTree.CallExpression,
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
  ) {}

  text(node: TSESTree.Node): string {
    return this.sourceCode.getText(node);
  }

  /** The range of the call's arguments, from the first to the last. */
  argumentsRange(): [number, number] {
    const args = this.call.arguments;
    return [args[0].range[0], args[args.length - 1].range[1]];
  }

  report(
    node: TSESTree.Node,
    messageId: MessageIds,
    data: Record<string, string>,
    rewrite?: { range: [number, number]; text: string },
  ): void {
    const suggest = rewrite
      ? [
          {
            messageId: 'logErrorObject' as const,
            data: { code: shorten(this.previewOf(rewrite)) },
            fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange(rewrite.range, rewrite.text),
          },
        ]
      : [];
    this.context.report({ node, messageId, data, suggest });
  }

  private previewOf(rewrite: { range: [number, number]; text: string }): string {
    const [start, end] = this.call.range;
    const text = this.sourceCode.text;
    return text.slice(start, rewrite.range[0]) + rewrite.text + text.slice(rewrite.range[1], end);
  }
}

function shorten(code: string): string {
  const oneLine = code.replace(/\s+/g, ' ');
  return oneLine.length > 90 ? `${oneLine.slice(0, 89)}…` : oneLine;
}

/** The message an operation's failure gets when the original message was only the error's text. */
function fallbackMessage(call: TSESTree.CallExpression): string {
  const handler = enclosingHandler(call, new Set(DEFAULT_CALLBACK_ERROR_NAMES));
  const operation = handler
    ? attemptedOperation(
        handler,
        (candidate) => candidate === call || LEVEL_METHODS.has(terminalName(candidate.callee) ?? ''),
      )
    : undefined;
  return quote(operation ? `${operation} failed` : 'operation failed');
}

/** pino: `logger.error('failed', err)` writes "failed" alone. */
function checkPinoDropped(report: Reporter, call: TSESTree.CallExpression, uses: ErrorUse[]): boolean {
  const logged = new Set(pinoLoggedArguments(call.arguments));
  const dropped = call.arguments.find(
    (argument) => !logged.has(argument) && uses.some((use) => use.kind === 'whole' && use.node === unwrap(argument)),
  );
  if (!dropped) return false;
  const errorCode = report.text(dropped);
  const rewrite = droppedErrorEdit(call, dropped, report.sourceCode);
  report.report(dropped, 'errorDropped', { error: errorCode }, rewrite);
  return true;
}

/** An Error under a key its logger does not serialize: pino and bunyan (other than `err`), winston (any key). */
function checkUnderKey(
  report: Reporter,
  call: TSESTree.CallExpression,
  uses: ErrorUse[],
  sink: SinkCall,
  idiom: 'pino' | 'winston' | undefined,
): boolean {
  if (idiom === undefined) return false;
  const library = sink.logger.library === 'bunyan' ? 'bunyan' : idiom;
  const accepted =
    idiom === 'pino' ? (library === 'bunyan' ? new Set(['err']) : pinoErrorKeys(sink.logger)) : new Set<string>();
  if (!accepted) return false;
  for (const use of uses) {
    // `err.stack` is text; only the Error object itself is written as {}.
    if (use.kind !== 'whole' || unwrap(use.node).type !== AST_NODE_TYPES.Identifier) continue;
    if (use.node.parent?.type !== AST_NODE_TYPES.Property || use.node.parent.value !== use.node) continue;
    const property = use.node.parent;
    const object = property.parent;
    if (object.type !== AST_NODE_TYPES.ObjectExpression || !call.arguments.includes(object)) continue;
    // pino writes only the merging object's keys through serializers; nested keys are other objects.
    if (idiom === 'pino' && call.arguments[0] !== object) continue;
    const key = propertyKeyName(property);
    if (key === undefined || accepted.has(key)) continue;
    const advice =
      idiom === 'pino'
        ? `Put it under \`err\`, which ${library}'s error serializer writes with type, message and stack.`
        : "Pass the error itself after the message (`logger.error('…', err)`): winston then keeps its message and stack.";
    report.report(
      property,
      'errorUnderKey',
      { key, library, advice },
      errorKeyEdit(call, object, property, report.text(use.node), idiom),
    );
    return true;
  }
  return false;
}

/** winston without `format.errors()`: `logger.error(err)` writes `{"level":"error"}` and nothing else. */
function checkLoneWinston(
  report: Reporter,
  call: TSESTree.CallExpression,
  uses: ErrorUse[],
  receiver: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const [only] = call.arguments;
  if (call.arguments.length !== 1 || !only || !uses.some((use) => use.kind === 'whole' && use.node === unwrap(only)))
    return false;
  if (winstonDropsLoneErrors(receiver, scope, sourceCode) !== true) return false;
  const errorCode = report.text(only);
  report.report(
    only,
    'loneWinstonError',
    { error: errorCode },
    { range: only.range, text: `${fallbackMessage(call)}, ${errorCode}` },
  );
  return true;
}

/** `logger.error(err.message)`, `` `failed: ${err}` ``, `String(err)` while the Error itself could be logged. */
function checkAsText(
  report: Reporter,
  call: TSESTree.CallExpression,
  uses: ErrorUse[],
  idiom: ErrorLogIdiom | undefined,
): boolean {
  const asText = uses.filter((use): use is Extract<ErrorUse, { kind: 'text' }> => use.kind === 'text');
  const first = asText[0];
  if (!first || uses.some((use) => use.kind === 'whole' && use.variable === first.variable)) return false;
  const errorCode = first.reference.name;
  const knownError = asText.every((use) => /\.message$/.test(use.how));
  const rewrite = idiom
    ? errorTextEdit(call, asText, errorCode, idiom, knownError, report.sourceCode, () => fallbackMessage(call))
    : undefined;
  report.report(first.node, 'errorAsText', { how: `\`${shorten(first.how)}\``, error: errorCode }, rewrite);
  return true;
}

/** `catch (err) { logger.error('payment failed') }`: the error is bound and never used. */
function checkNotLogged(
  report: Reporter,
  call: TSESTree.CallExpression,
  idiom: ErrorLogIdiom | undefined,
  callbackErrorNames: ReadonlySet<string>,
): void {
  const handler = enclosingHandler(call, callbackErrorNames);
  if (!handler?.binding) return;
  const variable = report.sourceCode
    .getDeclaredVariables(handler.node)
    .find((candidate) => candidate.name === handler.binding!.name);
  if (!variable || variable.references.length > 0) return;
  // An error-first callback's error may be null here: only a log inside `if (err)` is known to be about it.
  if (handler.kind === 'callback') return;
  const errorCode = handler.binding.name;
  const rewrite = idiom ? errorAddedEdit(call, errorCode, idiom, report.sourceCode) : undefined;
  report.report(call, 'errorNotLogged', { error: errorCode }, rewrite);
}
