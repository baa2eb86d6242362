import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { memberName, terminalName, unwrap } from './ast';
import { BOOLEAN_PREFIXES, MADE_SAFE_WORDS } from './sensitive-names';
import { describeName } from './self-description';
import { splitWords } from './words';

/**
 * Whole person records judged by name: `user`, `savedUser`, `profile`, `customers`, `users.rows`, `req.user`.
 * A user or customer object holds a name, an e-mail, often a password hash; logging it whole copies all of it.
 * Only the head noun counts: `userId`, `userCount`, `userAgent`, `userService`, `username` are other things.
 */

/** Head nouns of records about a person (singular and plural). */
const RECORD_WORDS: ReadonlySet<string> = new Set([
  'user',
  'users',
  'profile',
  'profiles',
  'customer',
  'customers',
  'account',
  'accounts',
  'member',
  'members',
  'patient',
  'patients',
  'person',
  'persons',
  'people',
  'employee',
  'employees',
  'subscriber',
  'subscribers',
  'applicant',
  'applicants',
  'contact',
  'contacts',
]);
const PLURAL_RECORD_WORDS: ReadonlySet<string> = new Set(
  [...RECORD_WORDS].filter((word) => word.endsWith('s') || word === 'people'),
);
/** Trailing words of a record's wrapping: `userData`, `profileJson`, `users.rows`, `profile._json`. */
const WRAPPING_TAILS: ReadonlySet<string> = new Set([
  'data',
  'info',
  'details',
  'record',
  'records',
  'obj',
  'object',
  'doc',
  'docs',
  'document',
  'documents',
  'row',
  'rows',
  'json',
  'raw',
  'payload',
  'list',
  'dto',
  'entity',
  'entities',
  'item',
  'items',
  'result',
  'results',
]);
/** Words that say the record was reduced to what is safe to show: `safeUser`, `publicProfile`, `userSummary`. */
const REDUCED_WORDS: ReadonlySet<string> = new Set([
  'safe',
  'public',
  'sanitized',
  'sanitised',
  'anonymous',
  'minimal',
  'summary',
  'stub',
  'ref',
  'reference',
  'lite',
]);

export interface RecordName {
  /** The head noun is plural (`users`, `users.rows`): a list, which has no single `.id` to log instead. */
  plural: boolean;
}

/** Whether a variable or property name names a whole person record, and how. */
export function personRecordName(name: string): RecordName | undefined {
  // `User`, `UserController`: classes and types, not values.
  if (/^[A-Z][a-z]/.test(name)) return undefined;
  const words = splitWords(name);
  if (words.length === 0) return undefined;
  if (words.length > 1 && BOOLEAN_PREFIXES.has(words[0])) return undefined;
  if (words.some((word) => MADE_SAFE_WORDS.has(word) || REDUCED_WORDS.has(word))) return undefined;
  let end = words.length - 1;
  while (end > 0 && WRAPPING_TAILS.has(words[end])) end--;
  const head = words[end];
  return RECORD_WORDS.has(head) ? { plural: PLURAL_RECORD_WORDS.has(head) } : undefined;
}

/**
 * The record name of a member chain: `req.user`, `ctx.state.user`, `users.rows`, `profile._json`, `users[0]`.
 * Wrapping properties (`rows`, `data`, `_json`) defer to what they wrap; a subscript to the list it reads.
 */
export function personRecordOfChain(node: TSESTree.Node): RecordName | undefined {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return personRecordName(value.name);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(value);
  if (name === undefined) {
    // `users[0]`: one element of a list of records is one record.
    const list = value.computed ? personRecordOfChain(value.object) : undefined;
    return list ? { plural: false } : undefined;
  }
  const words = splitWords(name);
  if (words.length > 0 && words.every((word) => WRAPPING_TAILS.has(word))) return personRecordOfChain(value.object);
  // `req.user`, `ctx.state.user`, `res.locals.user`: the authenticated principal, as often the token's claims
  // (ids and roles) as the stored user, so its name alone does not say it holds personal data.
  const owner = terminalName(value.object);
  if (owner !== undefined && PRINCIPAL_HOLDERS.has(owner)) return undefined;
  return personRecordName(name);
}

const PRINCIPAL_HOLDERS: ReadonlySet<string> = new Set([
  'req',
  'request',
  'ctx',
  'context',
  'state',
  'locals',
  'session',
  'socket',
  'handshake',
  'auth',
]);

/**
 * Whether what a variable was assigned says it is something other than a record despite its name:
 * `const user = req.body.username`, `const user = { id, role }`, `const user = getUserName()`.
 * Calls that fetch or build something (`await repo.findOne()`) say nothing, and the variable's name stands.
 */
export function assignedValueSaysOtherwise(init: TSESTree.Node): boolean {
  const value = unwrap(init);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
      return !personRecordOfChain(value);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = terminalName(value.callee) ?? '';
      if (STRINGIFYING_CALLS.has(callee)) return true;
      // `getUserName()`, `readAccountId()` name what they return; `findById()`, `save()` do not, and in
      // `getUserById()` the object of the verb is the user (what follows `by` is the argument).
      const words = splitWords(callee);
      const by = words.findIndex(
        (word, index) => index > 0 && (word === 'by' || word === 'for' || word === 'from' || word === 'with'),
      );
      const returned = by > 0 ? words.slice(0, by) : words;
      return returned.length > 1 && NAMING_VERBS.has(returned[0]) && describeName(returned.join('_')) !== undefined;
    }
    default:
      return false;
  }
}

const NAMING_VERBS: ReadonlySet<string> = new Set([
  'get',
  'read',
  'load',
  'fetch',
  'compute',
  'extract',
  'parse',
  'resolve',
  'to',
  'format',
]);

/** Calls whose result is text made of the value (`String(user)` is `[object Object]`, `names.join()` a list of names). */
const STRINGIFYING_CALLS: ReadonlySet<string> = new Set([
  'String',
  'toString',
  'join',
  'trim',
  'toLowerCase',
  'toUpperCase',
]);
