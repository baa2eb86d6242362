import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { forEachChild, isFunctionNode, memberName, staticChain, unwrap } from './ast';
import { type CallNames, type ErrorHandler } from './error-handlers';
import { type LoggerResolver } from './loggers';

/** Receivers that are the HTTP response: sending an error there tells the client, not the operators. */
const RESPONSE_ROOTS = new Set([
  'res',
  'response',
  'resp',
  'reply',
  'ctx',
  'c',
  'h',
  'rep',
  'NextResponse',
  'Response',
]);
const RESPONSE_METHODS = new Set([
  'json',
  'send',
  'end',
  'write',
  'render',
  'sendStatus',
  'text',
  'html',
  'jsonp',
  'redirect',
  'status',
  'code',
  'header',
  'set',
  'type',
  'body',
  'sendFile',
]);
/** Calls that only turn the error into text: what happens to the text decides. */
const STRINGIFIERS = new Set(['String', 'JSON.stringify', 'util.inspect', 'inspect', 'util.format', 'format']);

/** Default error-tracker calls and receivers: recording the failure there makes it observable. */
export const DEFAULT_RECORDERS: readonly string[] = [
  'captureException',
  'captureMessage',
  'recordException',
  'noticeError',
  'Sentry',
  'Bugsnag',
  'bugsnag',
  'Rollbar',
  'rollbar',
  'errorTracker',
  'newrelic',
  'Honeybadger',
  'airbrake',
  'appsignal',
  'datadogRum',
  'reportError',
];

export interface HandlingContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  loggers: LoggerResolver;
  recorders: CallNames;
}

/** Why a handler is not a swallow, or undefined when it drops the error. */
export type Handling = 'comment' | 'throws' | 'logs' | 'records' | 'uses';

/**
 * How a handler deals with its error: a comment explaining it, a throw, a log call, an error-tracker call, or a use
 * of the error that hands it on (`next(err)`, `return err`, `this.failure = err`) or decides on it
 * (`if (err.code === 'ENOENT')`). Sending it in a response only (`res.status(500).json({ error: err.message })`),
 * testing only that it exists (`if (err) return`) or turning it into text that goes nowhere is no handling.
 */
export function handlingOf(handler: ErrorHandler, context: HandlingContext): Handling | undefined {
  const { sourceCode } = context;
  if (sourceCode.getCommentsInside(handler.body).length > 0) return 'comment';
  let found: Handling | undefined;
  const visit = (node: TSESTree.Node, nested: boolean): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement && !nested) {
      found = 'throws';
      return;
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `return Promise.reject(…)` rejects like a throw; `done(new ParseError())` hands on a failure of its own.
      const callee = staticChain(unwrap(node.callee))?.join('.');
      if (callee === 'Promise.reject' && !nested) {
        found = 'throws';
        return;
      }
      if (
        node.arguments.some(isNewError) ||
        (callee !== undefined &&
          CALLBACK_NAMES.has(callee) &&
          node.arguments.length > 0 &&
          !isNullish(node.arguments[0]))
      ) {
        found = 'uses';
        return;
      }
      if (context.loggers.sinkOf(node)) {
        found = 'logs';
        return;
      }
      if (context.recorders.matches(node)) {
        found = 'records';
        return;
      }
    }
    const inner = nested || isFunctionNode(node);
    forEachChild(node, (child) => visit(child, inner));
  };
  visit(handler.body, false);
  if (found) return found;
  if (!handler.binding) return undefined;
  const variable = sourceCode
    .getDeclaredVariables(handler.node)
    .find((candidate) => candidate.name === handler.binding!.name);
  return variable?.references.some((reference) => useHandles(reference.identifier, context, 0)) ? 'uses' : undefined;
}

/**
 * Whether one use of the error hands it on or decides on it, climbing from the reference through the expressions
 * that carry its value (`{ cause: err }`, `err.message`, `[err]`) to what takes that value.
 */
function useHandles(reference: TSESTree.Node, context: HandlingContext, depth: number): boolean {
  let child: TSESTree.Node = reference;
  let touched = false;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object !== child) return false;
        if (inDecision(parent)) return true;
        touched = true;
        continue;
      case AST_NODE_TYPES.BinaryExpression:
        if (isDecidingComparison(parent, child) && inDecision(parent)) return true;
        continue;
      case AST_NODE_TYPES.CallExpression: {
        if (parent.callee === child) continue;
        if (context.loggers.sinkOf(parent)) return true;
        const name = staticChain(unwrap(parent.callee))?.join('.');
        if (name !== undefined && STRINGIFIERS.has(name)) continue;
        if (isResponse(parent.callee)) return isFastifyReplyOfError(parent, reference, touched);
        return true;
      }
      case AST_NODE_TYPES.NewExpression:
        if (isResponse(parent.callee)) return false;
        continue;
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression:
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child;
      case AST_NODE_TYPES.AssignmentExpression:
        return (
          parent.right === child && !(parent.left.type === AST_NODE_TYPES.MemberExpression && isResponse(parent.left))
        );
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
        const alias = context.sourceCode.getDeclaredVariables(parent)[0];
        return (
          alias?.references.some(
            (use) => use.identifier !== parent.id && useHandles(use.identifier, context, depth + 1),
          ) ?? false
        );
      }
      case AST_NODE_TYPES.Property:
        if (parent.value !== child) return false;
        continue;
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return false;
        continue;
      default:
        return false;
    }
  }
  return false;
}

/** Callbacks and rejecters that take a failure first: given anything but null, they report one. */
const CALLBACK_NAMES = new Set(['next', 'reject', 'done', 'cb', 'callback']);

/** `new ParseError(…)`, `new FST_ERR_CTP_INVALID_JSON_BODY()`: a construction named like an error. */
function isNewError(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.NewExpression) return false;
  const name = staticChain(unwrap(value.callee))?.pop();
  return name !== undefined && /Error|Exception|(?:^|_)ERR(?:_|$)/.test(name);
}

function isNullish(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined')
  );
}

/** `err instanceof X`, `err.code === 'ENOENT'`: a comparison with something other than null or undefined. */
function isDecidingComparison(binary: TSESTree.BinaryExpression, side: TSESTree.Node): boolean {
  if (binary.operator === 'instanceof' || binary.operator === 'in') return true;
  if (!['===', '!==', '==', '!='].includes(binary.operator)) return false;
  const other = unwrap(binary.left === side ? binary.right : binary.left);
  const nullish =
    (other.type === AST_NODE_TYPES.Literal && other.value === null) ||
    (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined');
  return !nullish;
}

/** Whether an expression is (part of) the test of an `if`, `?:`, `switch` or loop: the error decides the path taken. */
function inDecision(node: TSESTree.Node): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === child;
      case AST_NODE_TYPES.SwitchStatement:
        return parent.discriminant === child;
      case AST_NODE_TYPES.SwitchCase:
        return parent.test === child;
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        continue;
      case AST_NODE_TYPES.CallExpression:
        // `err.message.includes('timeout')`, `isRetryable(err)` inside a test.
        continue;
      default:
        return false;
    }
  }
  return false;
}

/** `res.status(500).json(…)`, `reply.send(…)`, `ctx.body = …`, `NextResponse.json(…)`: rooted in a response object. */
function isResponse(callee: TSESTree.Node): boolean {
  let node = unwrap(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'Response';
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(node);
  if (method === undefined || !RESPONSE_METHODS.has(method)) return false;
  for (;;) {
    if (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
    else if (node.type === AST_NODE_TYPES.CallExpression) node = unwrap(node.callee);
    else break;
  }
  return node.type === AST_NODE_TYPES.Identifier && RESPONSE_ROOTS.has(node.name);
}

/** Fastify's `reply.send(err)` with the Error itself goes through its error handler, which logs it. */
function isFastifyReplyOfError(call: TSESTree.CallExpression, reference: TSESTree.Node, touched: boolean): boolean {
  if (touched || call.arguments[0] !== reference) return false;
  let node = unwrap(call.callee);
  for (;;) {
    if (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
    else if (node.type === AST_NODE_TYPES.CallExpression) node = unwrap(node.callee);
    else break;
  }
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'reply';
}
