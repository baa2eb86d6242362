import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { propertyKeyName, staticChain, unwrap } from '../analysis/ast';
import { errorUsesIn } from '../analysis/error-values';
import { type ErrorLogIdiom, type LoggerAtHand } from '../analysis/logger-at-hand';
import {
  errField,
  fieldName,
  fieldsCode,
  type MessagePart,
  messageParts,
  messageWithout,
  nestStack,
  objectWithProperties,
} from './error-logging';

/** printf placeholders: pino's own interpolation, and console's. */
export const PRINTF = /%[sdifjoOc]/;

/** The level a console method becomes in each logger. */
const CONSOLE_LEVELS: Record<ErrorLogIdiom, Record<string, string>> = {
  pino: { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug', trace: 'trace' },
  winston: { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug', trace: 'debug' },
  nestjs: { log: 'log', info: 'log', warn: 'warn', error: 'error', debug: 'debug', trace: 'verbose' },
  console: {},
};
/** console methods that write a log line. */
export function isConsoleLogMethod(method: string): boolean {
  return method in CONSOLE_LEVELS.pino;
}

/** Field names the logger writes itself. */
const RESERVED: Record<'pino' | 'winston', ReadonlySet<string>> = {
  pino: new Set(['level', 'time', 'pid', 'hostname', 'msg']),
  winston: new Set(['level', 'message']),
};
/** `SERVICE_NAME`, `Config.REGION`, literals: constants that keep the message one string. */
export function isConstant(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return true;
  const chain = staticChain(value);
  const last = chain?.[chain.length - 1];
  return last !== undefined && /^[A-Z][A-Z0-9_]+$/.test(last);
}

/**
 * `` logger.info(`order ${order.id} shipped`) `` → pino `logger.info({ orderId: order.id }, 'order shipped')`,
 * winston `logger.info('order shipped', { orderId: order.id })`. Undefined when other arguments follow the message.
 */
export function interpolationRewrite(
  call: TSESTree.CallExpression,
  messageIndex: number,
  parts: MessagePart[],
  values: TSESTree.Expression[],
  idiom: 'pino' | 'winston',
  sourceCode: Readonly<TSESLint.SourceCode>,
): { range: [number, number]; text: string } | undefined {
  const args = call.arguments;
  const dropped = new Set<TSESTree.Node>(values);
  const message = messageWithout(parts, (expression) => dropped.has(expression), sourceCode);
  if (!message) return undefined;
  const existing =
    messageIndex === 1 ? unwrap(args[0]) : idiom === 'winston' && args.length === 2 ? unwrap(args[1]) : undefined;
  if (existing && existing.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (idiom === 'pino' ? args.length > messageIndex + 1 : args.length > (existing ? 2 : 1)) return undefined;
  const taken = new Set<string>(
    existing
      ? existing.properties.flatMap((property) =>
          property.type === AST_NODE_TYPES.Property ? [propertyKeyName(property) ?? ''] : [],
        )
      : [],
  );
  const fields = fieldsCode(
    values.map((value) => ({ name: fieldName(value, taken, RESERVED[idiom]), value })),
    sourceCode,
  );
  const object = existing ? objectWithProperties(existing, fields, sourceCode) : `{ ${fields} }`;
  const range: [number, number] = [args[0].range[0], args[args.length - 1].range[1]];
  return { range, text: idiom === 'pino' ? `${object}, ${message}` : `${message}, ${object}` };
}

/** `console.log('order', order.id, 'shipped')` in the logger's idiom, or undefined when it does not map plainly. */
export function consoleRewrite(
  call: TSESTree.CallExpression,
  method: string,
  logger: LoggerAtHand,
  sourceCode: Readonly<TSESLint.SourceCode>,
  callbackErrorNames: ReadonlySet<string>,
): string | undefined {
  const level = CONSOLE_LEVELS[logger.idiom][method];
  if (!level) return undefined;
  const [first, ...rest] = call.arguments;
  const parts = first ? messageParts(first) : undefined;
  if (
    !parts ||
    parts.some((part) => typeof part === 'string' && PRINTF.test(part)) ||
    rest.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)
  )
    return undefined;
  const values = parts.filter((part): part is TSESTree.Expression => typeof part !== 'string' && !isConstant(part));
  const dropped = new Set<TSESTree.Node>(values);
  const message = messageWithout(parts, (expression) => dropped.has(expression), sourceCode);
  if (!message) return undefined;
  const scope = sourceCode.getScope(call);
  const isError = (node: TSESTree.Node): boolean => {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.NewExpression)
      return /(?:Error|Exception)$/.test(staticChain(unwrap(value.callee))?.pop() ?? '');
    return (
      value.type === AST_NODE_TYPES.Identifier &&
      errorUsesIn(node, scope, callbackErrorNames, sourceCode).some((use) => use.kind === 'whole' && use.node === value)
    );
  };
  const errors = rest.filter(isError);
  const others = [...values, ...rest.filter((argument) => !isError(argument))] as TSESTree.Expression[];
  if (values.some((value) => errorUsesIn(value, scope, callbackErrorNames, sourceCode).length > 0) || errors.length > 1)
    return undefined;
  const receiver = `${logger.receiver}.${level}`;
  const error = errors[0] ? sourceCode.getText(errors[0]) : undefined;
  switch (logger.idiom) {
    case 'pino': {
      const taken = new Set<string>(error ? ['err'] : []);
      const fields = [
        error ? errField(error) : '',
        fieldsCode(
          others.map((value) => ({ name: fieldName(value, taken, RESERVED.pino), value })),
          sourceCode,
        ),
      ]
        .filter(Boolean)
        .join(', ');
      return fields ? `${receiver}({ ${fields} }, ${message})` : `${receiver}(${message})`;
    }
    case 'winston': {
      if (error && others.length > 0) return undefined;
      if (error) return `${receiver}(${message}, ${error})`;
      const taken = new Set<string>();
      const fields = fieldsCode(
        others.map((value) => ({ name: fieldName(value, taken, RESERVED.winston), value })),
        sourceCode,
      );
      return fields ? `${receiver}(${message}, { ${fields} })` : `${receiver}(${message})`;
    }
    case 'nestjs':
      if (others.length > 0) return undefined;
      return error ? `${receiver}(${message}, ${nestStack(error, false)})` : `${receiver}(${message})`;
    default:
      return undefined;
  }
}
