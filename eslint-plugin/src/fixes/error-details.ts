import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { propertyKeyName, unwrap } from '../analysis/ast';
import { type ErrorUse } from '../analysis/error-values';
import { type ErrorLogIdiom } from '../analysis/logger-at-hand';
import { errField, messageParts, messageWithout, nestStack, objectWithProperties } from './error-logging';

/** One replacement in a log call: its arguments, or one of them. */
export interface ArgumentsEdit {
  range: [number, number];
  text: string;
}

/** From the first argument to the last. */
function argumentsRange(call: TSESTree.CallExpression): [number, number] {
  const args = call.arguments;
  return [args[0].range[0], args[args.length - 1].range[1]];
}

function hasErrKey(object: TSESTree.ObjectExpression, except?: TSESTree.Node): boolean {
  return object.properties.some(
    (property) =>
      property !== except && property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'err',
  );
}

/**
 * pino: the argument it drops moves into the fields: `logger.error('failed', err)` → `logger.error({ err }, 'failed')`;
 * `logger.error({ id }, 'failed', err)` → `logger.error({ id, err }, 'failed')`.
 */
export function droppedErrorEdit(
  call: TSESTree.CallExpression,
  dropped: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): ArgumentsEdit | undefined {
  const errorCode = sourceCode.getText(dropped);
  const [first, second] = call.arguments;
  const others = call.arguments.filter((argument) => argument !== dropped);
  const fields = first ? unwrap(first) : undefined;
  if (first && fields?.type !== AST_NODE_TYPES.ObjectExpression && others.length === 1 && others[0] === first) {
    return { range: argumentsRange(call), text: `{ ${errField(errorCode)} }, ${sourceCode.getText(first)}` };
  }
  if (second && fields?.type === AST_NODE_TYPES.ObjectExpression && others.length === 2 && !hasErrKey(fields)) {
    return {
      range: argumentsRange(call),
      text: `${objectWithProperties(fields, errField(errorCode), sourceCode)}, ${sourceCode.getText(second)}`,
    };
  }
  return undefined;
}

/** An Error under the wrong key: pino/bunyan rename it to `err`; winston takes a lone meta error as the argument itself. */
export function errorKeyEdit(
  call: TSESTree.CallExpression,
  object: TSESTree.ObjectExpression,
  property: TSESTree.Property,
  errorCode: string,
  idiom: 'pino' | 'winston',
): ArgumentsEdit | undefined {
  if (idiom === 'pino') return hasErrKey(object) ? undefined : { range: property.range, text: errField(errorCode) };
  const messageFirst = call.arguments[0] !== object && call.arguments[1] === object && call.arguments.length === 2;
  return messageFirst && object.properties.length === 1 ? { range: object.range, text: errorCode } : undefined;
}

/** The bound error added to an error line that lacks it, in the logger's idiom. */
export function errorAddedEdit(
  call: TSESTree.CallExpression,
  errorCode: string,
  idiom: ErrorLogIdiom,
  sourceCode: Readonly<TSESLint.SourceCode>,
): ArgumentsEdit | undefined {
  const args = call.arguments;
  const first = args[0];
  const value = unwrap(first);
  const text = sourceCode.getText(first);
  switch (idiom) {
    case 'pino':
      if (value.type === AST_NODE_TYPES.ObjectExpression && args.length <= 2) {
        return hasErrKey(value)
          ? undefined
          : { range: first.range, text: objectWithProperties(value, errField(errorCode), sourceCode) };
      }
      return args.length === 1 && messageParts(value)
        ? { range: first.range, text: `{ ${errField(errorCode)} }, ${text}` }
        : undefined;
    case 'nestjs':
      return args.length === 1 ? { range: first.range, text: `${text}, ${nestStack(errorCode, false)}` } : undefined;
    default:
      return args.length === 1 ? { range: first.range, text: `${text}, ${errorCode}` } : undefined;
  }
}

/**
 * The error's text replaced by the error: `{ error: err.message }` → `{ err }` (pino) or `err` (winston, console);
 * `console.error('failed:', err.message)` → `console.error('failed:', err)`; `` `failed: ${err.message}` `` → the
 * message without it and the error beside it, in the logger's idiom.
 */
export function errorTextEdit(
  call: TSESTree.CallExpression,
  asText: ReadonlyArray<Extract<ErrorUse, { kind: 'text' }>>,
  errorCode: string,
  idiom: ErrorLogIdiom,
  knownError: boolean,
  sourceCode: Readonly<TSESLint.SourceCode>,
  fallbackMessage: () => string,
): ArgumentsEdit | undefined {
  const textNodes = new Set<TSESTree.Node>(asText.map((use) => use.node));
  const isText = (node: TSESTree.Node): boolean => textNodes.has(node) || textNodes.has(unwrap(node));
  const containing = (argument: TSESTree.Node): boolean =>
    asText.some((use) => use.node.range[0] >= argument.range[0] && use.node.range[1] <= argument.range[1]);
  const args = call.arguments;
  const holders = args.filter(containing);
  if (holders.length !== 1) return undefined;
  const holder = holders[0];
  const holderIndex = args.indexOf(holder);
  const value = unwrap(holder);

  // The error's text as a property of a fields object: `{ error: err.message }` → `{ err }` (pino), or the error itself (winston).
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const property = value.properties.find(
      (candidate) => candidate.type === AST_NODE_TYPES.Property && isText(candidate.value),
    );
    if (!property || asText.length !== 1) return undefined;
    if (idiom === 'pino' && holderIndex === 0) {
      const hasErr = value.properties.some(
        (other) => other !== property && other.type === AST_NODE_TYPES.Property && propertyKeyName(other) === 'err',
      );
      return hasErr ? undefined : { range: property.range, text: errField(errorCode) };
    }
    if (
      (idiom === 'winston' || idiom === 'console') &&
      holderIndex === args.length - 1 &&
      holderIndex > 0 &&
      value.properties.length === 1
    )
      return { range: value.range, text: errorCode };
    return undefined;
  }

  // The error's text as an argument of its own: `console.error('failed:', err.message)` → `console.error('failed:', err)`.
  if (
    isText(holder) &&
    holderIndex > 0 &&
    (idiom === 'console' || idiom === 'winston') &&
    holderIndex === args.length - 1
  ) {
    return { range: holder.range, text: errorCode };
  }

  // The error's text in the message: `` `failed: ${err.message}` `` → a message without it, and the error beside it.
  const messageIndex =
    idiom === 'pino' && args.length === 2 && unwrap(args[0]).type === AST_NODE_TYPES.ObjectExpression ? 1 : 0;
  if (holderIndex !== messageIndex || args.length > messageIndex + 1) return undefined;
  const parts = isText(holder) ? [] : messageParts(holder);
  if (!parts) return undefined;
  const message = messageWithout(parts, (expression) => isText(expression), sourceCode) ?? fallbackMessage();
  switch (idiom) {
    case 'pino': {
      if (messageIndex === 1) {
        const object = unwrap(args[0]) as TSESTree.ObjectExpression;
        if (
          object.properties.some(
            (property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'err',
          )
        )
          return undefined;
        return {
          range: argumentsRange(call),
          text: `${objectWithProperties(object, errField(errorCode), sourceCode)}, ${message}`,
        };
      }
      return { range: argumentsRange(call), text: `{ ${errField(errorCode)} }, ${message}` };
    }
    case 'nestjs':
      return { range: argumentsRange(call), text: `${message}, ${nestStack(errorCode, knownError)}` };
    default:
      return { range: argumentsRange(call), text: `${message}, ${errorCode}` };
  }
}
