import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { memberName, staticChain, terminalName, unwrap } from '../analysis/ast';
import { type ErrorHandler } from '../analysis/error-handlers';
import { type LoggerAtHand } from '../analysis/logger-at-hand';

export type { ErrorLogIdiom, LoggerAtHand } from '../analysis/logger-at-hand';

/** A JavaScript string literal in single quotes. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** `{ err }` or `{ err: error }`: the field pino and bunyan serialize with type, message and stack. */
export function errField(errorCode: string): string {
  return errorCode === 'err' ? 'err' : `err: ${errorCode}`;
}

/** The stack NestJS's `Logger.error(message, stack)` takes, type-safe for an `unknown` catch parameter. */
export function nestStack(errorCode: string, knownError: boolean): string {
  return knownError
    ? `${errorCode}.stack`
    : `${errorCode} instanceof Error ? ${errorCode}.stack : String(${errorCode})`;
}

/**
 * A call that logs `errorCode` with `messageCode` in the logger's idiom: pino/bunyan `logger.error({ err }, msg)`,
 * winston `logger.error(msg, err)`, NestJS `this.logger.error(msg, err.stack)`, console `console.error(msg, err)`.
 */
export function errorLogCall(
  logger: Pick<LoggerAtHand, 'receiver' | 'idiom'>,
  level: string,
  messageCode: string,
  errorCode: string,
): string {
  switch (logger.idiom) {
    case 'pino':
      return `${logger.receiver}.${level}({ ${errField(errorCode)} }, ${messageCode})`;
    case 'nestjs':
      return `${logger.receiver}.${level}(${messageCode}, ${nestStack(errorCode, false)})`;
    default:
      return `${logger.receiver}.${level}(${messageCode}, ${errorCode})`;
  }
}

export const CONSOLE_LOGGER: LoggerAtHand = { receiver: 'console', idiom: 'console' };

/** A message string or template flattened into text and the expressions interpolated in it. */
export type MessagePart = string | TSESTree.Expression;

/** `` `a ${b} c` `` and `'a ' + b + ' c'` → ['a ', b, ' c']; a plain string literal → [text]; else undefined. */
export function messageParts(node: TSESTree.Node): MessagePart[] | undefined {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' ? [value.value] : undefined;
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts: MessagePart[] = [];
    value.quasis.forEach((quasi, index) => {
      parts.push(quasi.value.cooked ?? quasi.value.raw);
      const expression = value.expressions[index];
      if (expression) parts.push(expression);
    });
    return parts;
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    const parts: MessagePart[] = [];
    const flatten = (operand: TSESTree.Node): void => {
      const inner = unwrap(operand);
      if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
        flatten(inner.left);
        flatten(inner.right);
      } else if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') parts.push(inner.value);
      else if (inner.type === AST_NODE_TYPES.TemplateLiteral) parts.push(...(messageParts(inner) ?? []));
      else parts.push(operand as TSESTree.Expression);
    };
    flatten(value);
    // `a + b` of two numbers is no message: a string must take part.
    return parts.some((part) => typeof part === 'string') ? parts : undefined;
  }
  return undefined;
}

const REMOVED = '\u0000';
const KEPT = '\u0001';

/**
 * The message left when the `dropped` expressions leave it: the separators that introduced them go too
 * (`order #${id} shipped` → "order shipped", `failed: ${err.message}` → "failed"). Kept expressions stay
 * interpolated. Returns code (a quoted string or a template), or undefined when no text is left.
 */
export function messageWithout(
  parts: readonly MessagePart[],
  dropped: (expression: TSESTree.Expression) => boolean,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string | undefined {
  const kept: TSESTree.Expression[] = [];
  let text = '';
  for (const part of parts) {
    // eslint-disable-next-line no-control-regex -- NUL marks where removed text was
    if (typeof part === 'string') text += part.replace(/[\u0000\u0001]/g, '');
    else if (dropped(part)) text += REMOVED;
    else {
      text += `${KEPT}${kept.length}${KEPT}`;
      kept.push(part);
    }
  }
  const cleaned = text
    // `shipped to ${country}` → "shipped", not "shipped to": a preposition ending the message goes with its value.
    // eslint-disable-next-line no-control-regex -- NUL marks where removed text was
    .replace(/\s+(?:to|from|for|of|in|at|by|with|on|as|id)\s*[#=:@]?\s*\u0000[\s.!]*$/i, '')
    // eslint-disable-next-line no-control-regex -- NUL marks where removed text was
    .replace(/(["'([{<])\s*\u0000\s*([\])}>"'])/g, REMOVED)
    // eslint-disable-next-line no-control-regex -- NUL marks where removed text was
    .replace(/\s*[#=:@]?\s*\u0000\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s:=,;\-–—|/]+$/, '')
    .replace(/^[\s:=,;\-–—|/]+/, '');
  if (!/[A-Za-z]/.test(cleaned.replace(new RegExp(`${KEPT}\\d+${KEPT}`, 'g'), ''))) return undefined;
  if (kept.length === 0) return quote(cleaned);
  const template = cleaned
    .replace(/[`\\]/g, (char) => `\\${char}`)
    .replace(/\$\{/g, '\\${')
    .replace(
      new RegExp(`${KEPT}(\\d+)${KEPT}`, 'g'),
      (_match, index: string) => `\${${sourceCode.getText(kept[Number(index)])}}`,
    );
  return `\`${template}\``;
}

/** Names a log field after the value it holds: `orderId` for `order.id`, `userId` for `req.params.userId`, `count` for `items.length`. */
export function fieldName(node: TSESTree.Node, taken: Set<string>, reserved: ReadonlySet<string>): string {
  const value = unwrap(node);
  let name: string | undefined;
  const chain = staticChain(value);
  if (chain && chain[chain.length - 1] !== 'this') {
    const last = chain[chain.length - 1];
    const owner = chain.length > 1 ? chain[chain.length - 2] : undefined;
    if (last === 'length' || last === 'size') name = owner ? `${owner}Count` : 'count';
    else if (owner && owner !== 'this' && /^(id|name|type|status|code|key|count|state|version|url|path)$/i.test(last))
      name = owner + last[0].toUpperCase() + last.slice(1);
    else name = last;
  } else if (value.type === AST_NODE_TYPES.CallExpression) {
    const called = terminalName(value.callee);
    if (called && /^get[A-Z]/.test(called)) name = called[3].toLowerCase() + called.slice(4);
    else if (
      called &&
      value.callee.type === AST_NODE_TYPES.MemberExpression &&
      (called === 'toString' || called === 'toFixed' || called === 'toISOString' || called === 'join')
    ) {
      return fieldName(value.callee.object, taken, reserved);
    }
  } else if (value.type === AST_NODE_TYPES.MemberExpression && value.computed) {
    const base = terminalName(value.object);
    if (base) name = base;
  }
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) name = 'value';
  if (reserved.has(name)) name = `${name}Value`;
  let candidate = name;
  for (let index = 2; taken.has(candidate); index++) candidate = `${name}${index}`;
  taken.add(candidate);
  return candidate;
}

/** `{ orderId: order.id, status }`: fields as code, shorthand where the name is the value. */
export function fieldsCode(
  fields: ReadonlyArray<{ name: string; value: TSESTree.Node }>,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string {
  return fields
    .map(({ name, value }) => {
      const text = sourceCode.getText(value);
      return text === name ? name : `${name}: ${text}`;
    })
    .join(', ');
}

/** Adds properties at the end of an object literal's text: `{ a }` → `{ a, err }`, `{}` → `{ err }`. */
export function objectWithProperties(
  object: TSESTree.ObjectExpression,
  added: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string {
  if (object.properties.length === 0) return `{ ${added} }`;
  const last = object.properties[object.properties.length - 1];
  const before = sourceCode.text.slice(object.range[0], last.range[1]);
  const after = sourceCode.text.slice(last.range[1], object.range[1]);
  const trailingComma = /^\s*,/.test(after);
  return `${before}, ${added}${trailingComma ? after.replace(/^\s*,/, '') : after}`;
}

/** The method a log call uses (`error` in `logger.error(…)`). */
export function logLevelOf(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
}

/** The indentation of the line `node` starts on. */
export function indentOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

/**
 * Inserts `statement` first in a block (or turns an arrow's expression body into a block that runs it first and
 * still returns the value). Keeps the file's indentation.
 */
export function insertFirstInBody(
  fixer: TSESLint.RuleFixer,
  body: TSESTree.BlockStatement | TSESTree.Expression,
  statement: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix {
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const first = body.body[0];
    if (first) {
      const sameLine = first.loc.start.line === body.loc.start.line;
      return fixer.insertTextBefore(first, sameLine ? `${statement} ` : `${statement}\n${indentOf(first, sourceCode)}`);
    }
    const outer = indentOf(body, sourceCode);
    return fixer.replaceText(body, `{\n${outer}  ${statement}\n${outer}}`);
  }
  const expression = unwrap(body);
  const returnsNothing = expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined';
  const value = sourceCode.getText(body);
  // `() => ({})`: the parentheses around the body go with it.
  const opening = sourceCode.getTokenBefore(body);
  const closing = sourceCode.getTokenAfter(body);
  const parenthesized = opening?.value === '(' && closing?.value === ')';
  const range: [number, number] = parenthesized ? [opening.range[0], closing.range[1]] : body.range;
  return fixer.replaceTextRange(range, returnsNothing ? `{ ${statement} }` : `{ ${statement} return ${value}; }`);
}

/** Adds the error parameter a handler lacks: `catch {` → `catch (err) {`, `() =>` → `(err) =>`. */
export function errorBindingFixes(
  fixer: TSESLint.RuleFixer,
  handler: ErrorHandler,
  name: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix[] {
  if (handler.binding) return [];
  if (handler.node.type === AST_NODE_TYPES.CatchClause) {
    const keyword = sourceCode.getFirstToken(handler.node)!;
    return [fixer.insertTextAfter(keyword, ` (${name})`)];
  }
  const opening = sourceCode.getFirstToken(handler.node, { filter: (token) => token.value === '(' });
  return opening ? [fixer.insertTextAfter(opening, name)] : [];
}

/**
 * `throw new Error('saveOrder failed', { cause: err })` at the end of a catch or promise handler, unless its last
 * statement already leaves (a return after which a throw would never run). Error-first callbacks and listeners get
 * none: a throw there crashes the process.
 */
export function rethrowWithCauseFix(
  handler: ErrorHandler,
  errorName: string,
  message: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.ReportFixFunction | undefined {
  if (handler.kind === 'callback' || handler.kind === 'error-listener') return undefined;
  const statement = `throw new Error(${message}, { cause: ${errorName} });`;
  const body = handler.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) {
    const value = unwrap(body);
    const fallbackValue =
      value.type === AST_NODE_TYPES.Literal ||
      (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
      ((value.type === AST_NODE_TYPES.ArrayExpression || value.type === AST_NODE_TYPES.ObjectExpression) &&
        sourceCode.getText(value).replace(/\s/g, '').length <= 2);
    if (!fallbackValue) return undefined;
    return (fixer) => {
      const opening = sourceCode.getTokenBefore(body);
      const closing = sourceCode.getTokenAfter(body);
      const range: [number, number] =
        opening?.value === '(' && closing?.value === ')' ? [opening.range[0], closing.range[1]] : body.range;
      return [
        ...errorBindingFixes(fixer, handler, errorName, sourceCode),
        fixer.replaceTextRange(range, `{ ${statement} }`),
      ];
    };
  }
  const last = body.body[body.body.length - 1];
  const leaves =
    last &&
    [
      AST_NODE_TYPES.ReturnStatement,
      AST_NODE_TYPES.BreakStatement,
      AST_NODE_TYPES.ContinueStatement,
      AST_NODE_TYPES.ThrowStatement,
    ].includes(last.type);
  if (leaves) return undefined;
  return (fixer) => {
    const fixes = errorBindingFixes(fixer, handler, errorName, sourceCode);
    if (last) fixes.push(fixer.insertTextAfter(last, `\n${indentOf(last, sourceCode)}${statement}`));
    else {
      const outer = indentOf(body, sourceCode);
      fixes.push(fixer.replaceText(body, `{\n${outer}  ${statement}\n${outer}}`));
    }
    return fixes;
  };
}
