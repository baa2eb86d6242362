import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { enclosingStatement, findVariable, forEachChild, isFunctionNode, memberName, staticChain, unwrap } from './ast';
import { type ErrorHandler } from './error-handlers';
import { splitWords } from './words';

/**
 * Shapes where dropping the error is the intent, not an oversight: best-effort teardown, a body read answered with
 * a client error or a constant fallback, a comment just above, a promise whose rejection is observed elsewhere.
 */

/** First words of calls that release or stop something: failing to do so on the way out changes nothing. */
const TEARDOWN_WORDS = new Set([
  'quit',
  'close',
  'disconnect',
  'terminate',
  'kill',
  'cancel',
  'abort',
  'shutdown',
  'cleanup',
  'clean',
  'destroy',
  'unsubscribe',
  'end',
  'stop',
  'release',
  'dispose',
  'unlink',
  'rm',
  'rmdir',
  'unref',
  'unwatch',
]);
/** Zero-argument methods that read a request or response body. */
const BODY_READS = new Set(['json', 'text', 'arrayBuffer', 'blob', 'formData']);
/** Events whose listeners run while the process or an operation goes away. */
const TEARDOWN_EVENTS = new Set([
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR2',
  'exit',
  'beforeExit',
  'abort',
  'close',
]);
/** A comment that speaks of the failure: it says why the error is dropped. */
const FAILURE_WORDS =
  /\b(?:ignor|best[- ]?effort|fail|error|errs?\b|reject|unhandled|swallow|crash|throw|harmless|non-?fatal|not fatal|fire[- ]and[- ]forget|must not break|may already|already (?:closed|gone|ended)|invalid|malformed|not valid|last[- ]resort|transient|optional)/i;

/** The name a call is made by: `cancelRun` in `api.cancelRun(id)`, `stopBundling` in `stopBundling?.()`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return undefined;
}

/** `client.quit()`, `worker.terminate()`, `reader.cancel(reason)`, `handle.cleanup()`, `api.cancelRun(id)`. */
export function isTeardownCall(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  if (name === undefined) return false;
  const first = splitWords(name)[0];
  return first !== undefined && TEARDOWN_WORDS.has(first);
}

/** `request.json()`, `res.text()`: reading a body, which fails on a malformed or already-read one. */
export function isBodyRead(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return (
    call.arguments.length === 0 &&
    callee.type === AST_NODE_TYPES.MemberExpression &&
    BODY_READS.has(memberName(callee) ?? '')
  );
}

/** `""`, `null`, `undefined`, `0`, `false`, `{}`, `[]`, `void 0`: a value that carries nothing of the failure. */
export function isConstantFallback(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.Identifier:
      return value.name === 'undefined';
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return value.type === AST_NODE_TYPES.ObjectExpression
        ? value.properties.length === 0
        : value.elements.length === 0;
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator === 'void' && value.argument.type === AST_NODE_TYPES.Literal;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.length === 0;
    default:
      return false;
  }
}

/** A handler that does nothing or only yields a constant: `() => {}`, `() => ""`, `catch {}`, `catch { return null; }`. */
export function isEmptyOrConstant(handler: ErrorHandler): boolean {
  const body = handler.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return isConstantFallback(body);
  return body.body.every(
    (statement) =>
      statement.type === AST_NODE_TYPES.ReturnStatement &&
      (!statement.argument || isConstantFallback(statement.argument)),
  );
}

/** A handler that does nothing: `() => {}`, `() => undefined`, `catch {}`, `catch { return; }`. */
export function isEmptyHandler(handler: ErrorHandler): boolean {
  const body = handler.body;
  const nothing = (node: TSESTree.Node | null | undefined): boolean =>
    !node ||
    (unwrap(node).type === AST_NODE_TYPES.Identifier && (unwrap(node) as TSESTree.Identifier).name === 'undefined') ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void');
  if (body.type !== AST_NODE_TYPES.BlockStatement) return nothing(body);
  return body.body.every(
    (statement) => statement.type === AST_NODE_TYPES.ReturnStatement && nothing(statement.argument),
  );
}

/** Whether a status number is a client error (4xx). */
function isClientStatus(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  return (
    value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' && value.value >= 400 && value.value < 500
  );
}

/**
 * A response with a 4xx status: `json({ … }, { status: 400 })`, `new Response(…, { status: 422 })`,
 * `res.status(400)…`, `reply.code(400)`, `ctx.status = 400`, `ctx.throw(400)`.
 */
export function isClientErrorAnswer(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
    const name = calleeName(node);
    if (
      (name === 'status' || name === 'code' || name === 'sendStatus' || name === 'throw') &&
      isClientStatus(node.arguments[0])
    )
      return true;
    return node.arguments.some(
      (argument) =>
        argument.type === AST_NODE_TYPES.ObjectExpression &&
        argument.properties.some(
          (property) =>
            property.type === AST_NODE_TYPES.Property &&
            !property.computed &&
            property.key.type === AST_NODE_TYPES.Identifier &&
            property.key.name === 'status' &&
            isClientStatus(property.value),
        ),
    );
  }
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
    return memberName(node.left) === 'status' && isClientStatus(node.right);
  }
  return false;
}

/** Whether the handler answers with a client error and never with a server error. */
export function answersClientError(handler: ErrorHandler): boolean {
  let client = false;
  let server = false;
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node)) return;
    if (isClientErrorAnswer(node)) client = true;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number' && node.value >= 500 && node.value < 600)
      server = true;
    forEachChild(node, visit);
  };
  visit(handler.body);
  return client && !server;
}

/** Best-effort teardown by where it runs: an empty handler in a `finally` block, a signal or exit handler, or an abort listener. */
export function isBestEffortTeardown(handler: ErrorHandler): boolean {
  return isEmptyHandler(handler) && inTeardownContext(handler.node);
}

/** The promise a `.catch()` is chained on, followed back through `.then()`/`.finally()`. */
export function promiseBase(guarded: TSESTree.Node): TSESTree.Node {
  let base = unwrap(guarded);
  while (base.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(base.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      (method === 'then' || method === 'finally' || method === 'catch')
    )
      base = unwrap(callee.object);
    else break;
  }
  return base;
}

function inTeardownContext(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child) return true;
    if (isFunctionNode(parent) && isTeardownListener(parent)) return true;
  }
  return false;
}

/** `process.on('SIGTERM', fn)`, `signal.addEventListener('abort', fn)`, `const onAbort = () => …`. */
function isTeardownListener(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.includes(fn as TSESTree.CallExpressionArgument)
  ) {
    const event = parent.arguments[0];
    const name = calleeName(parent);
    if (
      name !== undefined &&
      /^(?:on|once|addListener|prependListener|addEventListener)$/.test(name) &&
      event?.type === AST_NODE_TYPES.Literal &&
      typeof event.value === 'string'
    ) {
      return TEARDOWN_EVENTS.has(event.value);
    }
    return false;
  }
  const target =
    parent?.type === AST_NODE_TYPES.VariableDeclarator
      ? parent.id
      : parent?.type === AST_NODE_TYPES.AssignmentExpression
        ? parent.left
        : undefined;
  const targetName = target ? staticChain(target)?.pop() : undefined;
  return targetName !== undefined && /^on_?abort$/i.test(targetName);
}

/** Whether a comment on the line(s) just above the statement (the `try`, or the statement holding the `.catch()`) speaks of the failure. */
export function commentAbove(handler: ErrorHandler, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const anchor: TSESTree.Node | undefined =
    handler.node.type === AST_NODE_TYPES.CatchClause ? handler.node.parent : enclosingStatement(handler.node);
  if (!anchor) return false;
  const comments = sourceCode.getCommentsBefore(anchor);
  if (comments.length === 0) return false;
  // The comments directly above: a contiguous run ending on the line before the statement.
  let line = anchor.loc.start.line;
  const text: string[] = [];
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i];
    if (comment.loc.end.line < line - 1) break;
    text.push(comment.value);
    line = comment.loc.start.line;
  }
  return FAILURE_WORDS.test(text.join(' '));
}

/**
 * A side `.catch()` that only keeps a rejection from being unhandled: the promise (a local) is also returned or
 * awaited in the same function, where the rejection is observed (`p.catch(() => {}); return p;`).
 */
export function observedElsewhere(handler: ErrorHandler, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (handler.kind !== 'promise-catch') return false;
  const guarded = unwrap(handler.guarded);
  if (guarded.type !== AST_NODE_TYPES.Identifier) return false;
  const call = handler.node.parent;
  if (call?.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const variable = findVariable(sourceCode.getScope(guarded), guarded.name);
  if (!variable) return false;
  return variable.references.some((reference) => reference.identifier !== guarded && isObserved(reference.identifier));
}

function isObserved(reference: TSESTree.Node): boolean {
  let child: TSESTree.Node = reference;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child;
      case AST_NODE_TYPES.Property:
        if (parent.value !== child) return false;
        continue;
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        continue;
      case AST_NODE_TYPES.CallExpression: {
        const chain = staticChain(unwrap(parent.callee))?.join('.');
        if (
          chain !== undefined &&
          /^Promise\.(?:all|allSettled|race|any)$/.test(chain) &&
          parent.arguments.includes(child as TSESTree.CallExpressionArgument)
        )
          continue;
        return false;
      }
      default:
        return false;
    }
  }
  return false;
}
