import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { memberName, terminalName, unwrap } from './ast';
import { isErrorName, splitWords } from './words';

/**
 * What a value says it is, by its own name: `apiKeyCreationError`, `err.message`, `e.toString()`,
 * `response.id`. A label written before it (`` `API key: ${…}` ``, `{ apiKey: … }`) names the topic of the
 * line; when the value's own name says it is an error, a message, a status or metadata of something (its id,
 * name, type, length, expiry), the value is that, not the secret the label names.
 */

/** Head words of values that describe a secret, or an outcome, without holding the secret itself. */
const DESCRIPTIVE_HEADS = new Set([
  // outcomes
  'errors', 'message', 'msg', 'messages', 'reason', 'status', 'statuses', 'stack', 'description', 'details', 'detail', 'cause',
  'outcome', 'warning', 'warnings',
  // identity and metadata of a secret
  'id', 'ids', 'identifier', 'uuid', 'guid', 'arn', 'name', 'names', 'alias', 'label', 'title', 'type', 'types', 'kind',
  'length', 'len', 'count', 'size', 'expiry', 'expires', 'expiration', 'ttl', 'age', 'prefix', 'suffix', 'hint',
  'version', 'index', 'idx', 'timestamp', 'state', 'scope', 'scopes', 'policy', 'algorithm', 'alg', 'format', 'source',
]);

/** Calls that turn their receiver or argument into text without changing what it is. */
const STRINGIFYING = new Set(['toString', 'String', 'stringify', 'inspect', 'valueOf', 'toJSON', 'trim', 'toLowerCase', 'toUpperCase']);

/** The name an expression gives its value: the identifier, the last property, or what a stringifying call wraps. */
export function describedName(expression: TSESTree.Node, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    const name = terminalName(callee);
    if (name === undefined) return undefined;
    if (!STRINGIFYING.has(name)) return name;
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
    // `e.toString()` describes `e`; `JSON.stringify(x)`, `String(x)` describe `x`.
    const wrapped = receiver && !(receiver.type === AST_NODE_TYPES.Identifier && /^(JSON|util|String|Object)$/.test(receiver.name)) ? receiver : node.arguments[0];
    return wrapped ? describedName(wrapped, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * True when the value's own name says it is an error, a message or status, or metadata (`id`, `name`, `type`,
 * `length`, `expiry`…) rather than what a label before it names. `value`, `v`, `newPass` say nothing: the label
 * stands for them.
 */
export function describesItselfAsNonSecret(expression: TSESTree.Node): boolean {
  const name = describedName(expression);
  if (name === undefined) return false;
  if (isErrorName(name)) return true;
  const words = splitWords(name);
  const head = words[words.length - 1];
  return head !== undefined && DESCRIPTIVE_HEADS.has(head);
}
