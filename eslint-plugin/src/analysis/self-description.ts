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

/** Head words of outcomes: whatever a label says, these are the error or status of the operation. */
const OUTCOME_HEADS = new Set([
  'errors',
  'message',
  'msg',
  'messages',
  'reason',
  'status',
  'statuses',
  'stack',
  'description',
  'details',
  'detail',
  'cause',
  'outcome',
  'warning',
  'warnings',
]);
/** Head words of a secret's identity and metadata: its id, type, length, expiry (not the secret). */
const METADATA_HEADS = new Set([
  'id',
  'ids',
  'identifier',
  'uuid',
  'guid',
  'arn',
  'type',
  'types',
  'kind',
  'length',
  'len',
  'count',
  'size',
  'expiry',
  'expires',
  'expiration',
  'ttl',
  'age',
  'prefix',
  'suffix',
  'hint',
  'version',
  'index',
  'idx',
  'timestamp',
  'state',
  'scope',
  'scopes',
  'policy',
  'algorithm',
  'alg',
  'format',
  'source',
]);
/** A name: the name of a key is not the key, but a name under a `fullName` label is a person's name. */
const NAMING_HEADS = new Set(['name', 'names', 'alias', 'label', 'title']);

/** What a value's own name says it is, when that is something a label should not override. */
export type SelfDescription = 'outcome' | 'metadata' | 'naming';

/** Calls that turn their receiver or argument into text without changing what it is. */
const STRINGIFYING = new Set([
  'toString',
  'String',
  'stringify',
  'inspect',
  'valueOf',
  'toJSON',
  'trim',
  'toLowerCase',
  'toUpperCase',
]);

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
    const wrapped =
      receiver && !(receiver.type === AST_NODE_TYPES.Identifier && /^(JSON|util|String|Object)$/.test(receiver.name))
        ? receiver
        : node.arguments[0];
    return wrapped ? describedName(wrapped, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * What the value's own name says it is: an error, a message or status (`outcome`), metadata such as an `id`,
 * `type`, `length` or `expiry` (`metadata`), or a name (`naming`). Undefined when the name says nothing a label
 * should give way to: `value`, `v`, `newPass`.
 */
export function selfDescription(expression: TSESTree.Node): SelfDescription | undefined {
  const name = describedName(expression);
  return name === undefined ? undefined : describeName(name);
}

/** `selfDescription` for a name already known (`errorMessage` → outcome, `apiKeyId` → metadata). */
export function describeName(name: string): SelfDescription | undefined {
  if (isErrorName(name)) return 'outcome';
  const words = splitWords(name);
  const head = words[words.length - 1];
  if (head === undefined) return undefined;
  if (OUTCOME_HEADS.has(head)) return 'outcome';
  if (METADATA_HEADS.has(head)) return 'metadata';
  if (NAMING_HEADS.has(head)) return 'naming';
  return undefined;
}
