import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findVariable,
  isConstantMember,
  isFunctionNode,
  memberName,
  staticChain,
  terminalName,
  truncate,
  unwrap,
} from './ast';
import { callSitesOf } from './metrics';
import { TypeInformation } from './types';
import { isErrorName, splitWords } from './words';

/** Why a label value or name multiplies series. */
export type CardinalityReason =
  | 'url'
  | 'ip'
  | 'id'
  | 'user'
  | 'unique'
  | 'time'
  | 'error-message'
  | 'header'
  | 'query'
  | 'body'
  | 'fallback'
  | 'email'
  | 'token';

export const REASON_TEXT: Record<CardinalityReason, string> = {
  url: 'one series per URL (ids, query strings)',
  ip: 'one series per client IP address',
  id: 'one series per id',
  user: 'one series per user',
  unique: 'a new series on every call',
  time: 'a new series on every call (timestamps never repeat)',
  'error-message': 'one series per error message (they embed ids and values)',
  header: 'one series per header value (clients choose them)',
  query: 'one series per query-string value',
  body: 'one series per request-body value',
  fallback: 'one series per unmatched URL (404 probes, scanners)',
  email: 'one series per e-mail address',
  token: 'one series per token',
};

export const REASON_ADVICE: Record<CardinalityReason, string> = {
  url: 'use the route template',
  ip: 'drop it, or record it on spans or logs',
  id: 'drop it, or record it on spans, logs or exemplars',
  user: 'drop it, or use a bounded attribute such as the plan or tier',
  unique: 'drop it',
  time: 'drop it; the sample already has a timestamp',
  'error-message': 'use `err.name` or `err.code`',
  header: 'map it to a small set of known values',
  query: 'map it to a small set of known values',
  body: 'map it to a small set of known values',
  fallback: "use a constant such as 'unmatched' for requests no route matched",
  email: 'drop it',
  token: 'drop it',
};

export interface Unbounded {
  bounded: false;
  reason: CardinalityReason;
  /** The offending expression as the user wrote it, and where it is (inside the label value). */
  subject: string;
  node: TSESTree.Node;
  /** The request object of a raw-URL value (`req`, `request`, `ctx`, `c.req`), for the route-template fix. */
  requestBase?: TSESTree.Node;
  framework?: 'express' | 'fastify' | 'koa' | 'hono';
  /** When reached through a variable: what it holds. */
  origin?: string;
  /** When reached through a helper's parameter: `node` is the argument at the call site. */
  viaParameter?: boolean;
}

export type ValueVerdict =
  | { bounded: true }
  | { bounded: 'unknown'; parameters: Array<{ fn: TSESTree.FunctionLike; index: number }> }
  | Unbounded;

const BOUNDED: ValueVerdict = { bounded: true };
const UNKNOWN: ValueVerdict = { bounded: 'unknown', parameters: [] };

const REQUEST_NAMES = new Set(['req', 'request', 'ctx', 'context', 'incomingRequest', 'rawRequest']);
const URL_PROPERTIES = new Set([
  'url',
  'originalUrl',
  'path',
  'pathname',
  'href',
  'rawPath',
  'search',
  'querystring',
  'URL',
  'uri',
]);
const ROUTE_TEMPLATES: ReadonlyArray<readonly string[]> = [
  ['route', 'path'],
  ['routeOptions', 'url'],
  ['routerPath'],
  ['routePath'],
  ['_matchedRoute'],
  ['_matchedRouteName'],
  ['routeOptions', 'config', 'url'],
  ['matchedRoute'],
];
const BOUNDED_REQUEST_PROPERTIES = new Set(['method', 'protocol', 'httpVersion', 'secure', 'xhr', 'baseUrl']);
const BOUNDED_RESPONSE_PROPERTIES = new Set(['statusCode', 'status', 'statusMessage', 'headersSent', 'finished']);
const UNIQUE_CALLS = new Set([
  'randomUUID',
  'uuid',
  'uuidv4',
  'uuidv7',
  'v4',
  'v7',
  'v1',
  'nanoid',
  'cuid',
  'ulid',
  'random',
  'randomBytes',
  'hrtime',
  'generateId',
  'objectId',
  'ObjectId',
]);
const TIME_CALLS = new Set([
  'now',
  'toISOString',
  'toUTCString',
  'toLocaleString',
  'toLocaleDateString',
  'toLocaleTimeString',
  'getTime',
  'valueOf',
  'toJSON',
  'format',
]);
const PASS_THROUGH = new Set([
  'String',
  'toString',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'slice',
  'substring',
  'replace',
  'replaceAll',
  'concat',
  'normalize',
  'decodeURIComponent',
  'encodeURIComponent',
  'split',
  'join',
  'at',
]);

export interface CardinalityOptions {
  /** Extra expressions that are route templates, written as member chains (`req.matchedPath`, `ctx.state.route`). */
  routeTemplates: ReadonlyArray<readonly string[]>;
}

/** Judges whether expressions used as label values take a bounded set of values. One per linted file. */
export class LabelValueJudge {
  private readonly cache = new Map<TSESTree.Node, ValueVerdict>();
  private readonly types: TypeInformation;

  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
    private readonly options: CardinalityOptions,
  ) {
    this.types = new TypeInformation(context.sourceCode.parserServices);
  }

  judge(expression: TSESTree.Node, depth = 0): ValueVerdict {
    const node = unwrap(expression);
    const cached = this.cache.get(node);
    if (cached) return cached;
    this.cache.set(node, UNKNOWN);
    const verdict = depth > 10 ? UNKNOWN : this.judgeUncached(node, depth);
    this.cache.set(node, verdict);
    return verdict;
  }

  private judgeUncached(node: TSESTree.Node, depth: number): ValueVerdict {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return BOUNDED;
      case AST_NODE_TYPES.TemplateLiteral:
        return this.combine(node.expressions.map((expression) => this.judge(expression, depth + 1)));
      case AST_NODE_TYPES.BinaryExpression:
        if (['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'in', 'instanceof'].includes(node.operator))
          return BOUNDED;
        return this.combine([this.judge(node.left, depth + 1), this.judge(node.right, depth + 1)]);
      case AST_NODE_TYPES.UnaryExpression:
        return node.operator === '!' || node.operator === 'typeof' || node.operator === 'void'
          ? BOUNDED
          : this.judge(node.argument, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.judgeAlternatives(node.consequent, node.alternate, depth);
      case AST_NODE_TYPES.LogicalExpression:
        return node.operator === '&&'
          ? this.judge(node.right, depth + 1)
          : this.judgeAlternatives(node.left, node.right, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.judgeMember(node);
      case AST_NODE_TYPES.Identifier:
        return this.judgeIdentifier(node, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.judgeCall(node, depth);
      case AST_NODE_TYPES.NewExpression:
        return terminalName(node.callee) === 'Date' ? this.unbounded(node, 'time') : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** `req.route ? req.route.path : req.path`, `req.route?.path ?? req.url`: the fallback is the problem. */
  private judgeAlternatives(first: TSESTree.Node, second: TSESTree.Node, depth: number): ValueVerdict {
    const a = this.judge(first, depth + 1);
    const b = this.judge(second, depth + 1);
    if (a.bounded === false && b.bounded !== false && this.isRouteTemplate(second)) return { ...a, reason: 'fallback' };
    if (b.bounded === false && this.isRouteTemplate(first)) return { ...b, reason: 'fallback' };
    return this.combine([a, b]);
  }

  isRouteTemplate(expression: TSESTree.Node): boolean {
    const chain = staticChain(expression);
    if (!chain) {
      const node = unwrap(expression);
      if (node.type === AST_NODE_TYPES.LogicalExpression || node.type === AST_NODE_TYPES.ConditionalExpression) {
        const [left, right] =
          node.type === AST_NODE_TYPES.LogicalExpression ? [node.left, node.right] : [node.consequent, node.alternate];
        return this.isRouteTemplate(left) || this.isRouteTemplate(right);
      }
      return false;
    }
    return [...ROUTE_TEMPLATES, ...this.options.routeTemplates].some(
      (template) => endsWith(chain, template) && (template.length > 1 || chain.length > 1),
    );
  }

  private judgeMember(node: TSESTree.MemberExpression): ValueVerdict {
    const chain = staticChain(node);
    const property = memberName(node);
    if (!property) return UNKNOWN;
    if (chain?.[0] === 'process' && chain[1] === 'env') return BOUNDED;
    if (this.isRouteTemplate(node)) return BOUNDED;
    const owner = chain ? chain[chain.length - 2] : terminalName(node.object);
    const ownerOfOwner = chain ? chain[chain.length - 3] : undefined;
    const isRequest = (name: string | undefined): boolean =>
      name !== undefined && (REQUEST_NAMES.has(name) || name === 'raw' || name === 'nextUrl');
    if (isRequest(owner)) {
      if (BOUNDED_REQUEST_PROPERTIES.has(property)) return BOUNDED;
      if (URL_PROPERTIES.has(property))
        return this.unbounded(node, 'url', this.requestOf(node.object), frameworkOf(node.object));
      if (property === 'ip' || property === 'ips' || property === 'hostname' || property === 'host')
        return this.unbounded(node, property.startsWith('ip') ? 'ip' : 'header');
      if (property === 'sessionID' || property === 'id') return this.unbounded(node, 'id');
      if (property === 'query') return this.unbounded(node, 'query');
      if (property === 'user') return this.unbounded(node, 'user');
    }
    // `req.query.userId`: the name says more than where it came from.
    if (owner === 'query' && isRequest(ownerOfOwner)) return this.unbounded(node, nameReason(property) ?? 'query');
    if (owner === 'params' && isRequest(ownerOfOwner)) return this.unbounded(node, nameReason(property) ?? 'id');
    if (owner === 'body' && isRequest(ownerOfOwner)) return this.unbounded(node, nameReason(property) ?? 'body');
    if ((owner === 'headers' || owner === 'header') && isRequest(ownerOfOwner))
      return this.unbounded(node, property === 'x-forwarded-for' || property === 'x-real-ip' ? 'ip' : 'header');
    if (owner === 'socket' || owner === 'connection')
      return property === 'remoteAddress' ? this.unbounded(node, 'ip') : UNKNOWN;
    // `req.user.id`, `req.user.email`, `req.user.username` identify the person; `req.user.role`/`.plan` do not.
    if (
      owner === 'user' &&
      isRequest(ownerOfOwner) &&
      (nameReason(property) || /^(username|userName|login|name|sub)$/.test(property))
    ) {
      return this.unbounded(node, nameReason(property) === 'email' ? 'email' : 'user');
    }
    if (
      owner !== undefined &&
      /^(res|response|reply|ctx|context)$/.test(owner) &&
      BOUNDED_RESPONSE_PROPERTIES.has(property)
    )
      return BOUNDED;
    if (owner !== undefined && isErrorName(owner)) {
      if (property === 'message' || property === 'stack') return this.unbounded(node, 'error-message');
      if (property === 'name' || property === 'code' || property === 'status' || property === 'statusCode')
        return BOUNDED;
    }
    // A literal in a const object or an enum (`ROUTES.USER = '/users/:id'`) is one value, whatever its key says.
    if (isConstantMember(this.context.sourceCode.getScope(node), node.object, property)) return BOUNDED;
    const byName = nameReason(property);
    if (byName) return this.unbounded(node, byName);
    return this.typeVerdict(node) ?? UNKNOWN;
  }

  private judgeIdentifier(node: TSESTree.Identifier, depth: number): ValueVerdict {
    if (node.name === 'undefined') return BOUNDED;
    const variable = findVariable(this.context.sourceCode.getScope(node), node.name);
    const def = variable?.defs[0];
    const typed = this.typeVerdict(node, def?.name);
    if (typed) return typed;
    if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id === def.name) {
      const writes = (variable?.references ?? []).filter((reference) => reference.isWrite() && !reference.init);
      const held = this.combine([
        this.judge(def.node.init, depth + 1),
        ...writes.map((reference) => (reference.writeExpr ? this.judge(reference.writeExpr, depth + 1) : UNKNOWN)),
      ]);
      if (held.bounded === false)
        return { ...held, node, subject: node.name, origin: held.origin ?? held.subject, requestBase: undefined };
      if (held.bounded === true) return held;
      const byName = nameReason(node.name);
      return byName ? this.unbounded(node, byName) : held;
    }
    if (def?.type === 'Parameter' && isFunctionNode(def.node)) {
      const byName = nameReason(node.name);
      if (byName) return this.unbounded(node, byName);
      const index = def.node.params.indexOf(def.name);
      if (index >= 0) return this.judgeParameter(def.node, index, depth);
      return UNKNOWN;
    }
    const byName = nameReason(node.name);
    return byName ? this.unbounded(node, byName) : UNKNOWN;
  }

  /** A helper's parameter used as a label value: judged by what each call site in this file passes. */
  private judgeParameter(fn: TSESTree.FunctionLike, index: number, depth: number): ValueVerdict {
    const calls = callSitesOf(fn, this.context);
    if (calls.length === 0) return { bounded: 'unknown', parameters: [{ fn, index }] };
    for (const call of calls) {
      const argument = call.arguments[index];
      if (!argument) continue;
      const verdict = this.judge(argument, depth + 1);
      if (verdict.bounded === false) return { ...verdict, viaParameter: true };
    }
    return this.combine(
      calls.map((call) => (call.arguments[index] ? this.judge(call.arguments[index], depth + 1) : BOUNDED)),
    );
  }

  private judgeCall(node: TSESTree.CallExpression, depth: number): ValueVerdict {
    const callee = unwrap(node.callee);
    const name = terminalName(callee);
    if (!name) return UNKNOWN;
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
    const receiverName = receiver ? terminalName(receiver) : undefined;
    if (UNIQUE_CALLS.has(name) && !(name === 'random' && receiverName !== 'Math' && receiverName !== 'crypto'))
      return this.unbounded(node, 'unique');
    if (
      TIME_CALLS.has(name) &&
      (receiverName === 'Date' ||
        receiverName === 'performance' ||
        receiverName === 'dayjs' ||
        receiverName === 'moment' ||
        (receiver !== undefined && unwrap(receiver).type === AST_NODE_TYPES.NewExpression))
    ) {
      return this.unbounded(node, 'time');
    }
    // Hono `c.req.param('id')`, `c.req.query('q')`, `c.req.header('x')`; Express/Koa `req.get('x')`.
    if ((receiver && REQUEST_NAMES.has(receiverName ?? '')) || (receiverName === 'req' && name !== 'json')) {
      if (name === 'param') return this.unbounded(node, 'id');
      if (name === 'query' || name === 'queries') return this.unbounded(node, 'query');
      if (name === 'header' || name === 'get' || name === 'getHeader') return this.unbounded(node, 'header');
    }
    if (name === 'get' && receiverName === 'searchParams') return this.unbounded(node, 'query');
    if (['floor', 'round', 'trunc', 'ceil'].includes(name) && receiverName === 'Math')
      return this.combine(node.arguments.map((argument) => this.judge(argument, depth + 1)));
    if (PASS_THROUGH.has(name)) {
      const parts = node.arguments
        .filter((argument) => unwrap(argument).type !== AST_NODE_TYPES.Literal)
        .map((argument) => this.judge(argument, depth + 1));
      if (receiver && !/^(JSON|Object|String)$/.test(receiverName ?? '')) parts.push(this.judge(receiver, depth + 1));
      const verdict = this.combine(parts);
      return verdict.bounded === false
        ? { ...verdict, node, subject: truncate(this.context.sourceCode.getText(node)), origin: verdict.subject }
        : verdict;
    }
    if (name === 'getRoutePath' || name === 'routePath') return BOUNDED;
    return UNKNOWN;
  }

  /** Literal unions, enums and booleans are bounded; from a TS annotation, or the checker when available. */
  private typeVerdict(node: TSESTree.Node, declared?: TSESTree.Node): ValueVerdict | undefined {
    const annotation =
      declared?.type === AST_NODE_TYPES.Identifier ? declared.typeAnnotation?.typeAnnotation : undefined;
    if (annotation && isBoundedType(annotation)) return BOUNDED;
    return this.types.isLiteralUnion(node) ? BOUNDED : undefined;
  }

  private requestOf(node: TSESTree.Node): TSESTree.Node {
    const base = unwrap(node);
    // `req.raw.url` → req; `request.nextUrl.pathname` → request
    if (base.type === AST_NODE_TYPES.MemberExpression && (memberName(base) === 'raw' || memberName(base) === 'nextUrl'))
      return unwrap(base.object);
    return base;
  }

  unbounded(
    node: TSESTree.Node,
    reason: CardinalityReason,
    requestBase?: TSESTree.Node,
    framework?: Unbounded['framework'],
  ): Unbounded {
    return {
      bounded: false,
      reason,
      subject: truncate(this.context.sourceCode.getText(node)),
      node,
      requestBase,
      framework,
    };
  }

  private combine(verdicts: readonly ValueVerdict[]): ValueVerdict {
    const unbounded = verdicts.find((verdict): verdict is Unbounded => verdict.bounded === false);
    if (unbounded) return unbounded;
    if (verdicts.every((verdict) => verdict.bounded === true)) return BOUNDED;
    return {
      bounded: 'unknown',
      parameters: verdicts.flatMap((verdict) => (verdict.bounded === 'unknown' ? verdict.parameters : [])),
    };
  }
}

function endsWith(chain: readonly string[], tail: readonly string[]): boolean {
  if (tail.length > chain.length) return false;
  return tail.every((segment, index) => chain[chain.length - tail.length + index] === segment);
}

function frameworkOf(base: TSESTree.Node): Unbounded['framework'] {
  const chain = staticChain(base) ?? [];
  const last = chain[chain.length - 1];
  if (chain.length >= 2 && chain[chain.length - 2] === 'c' && last === 'req') return 'hono';
  if (last === 'ctx' || last === 'context' || (last === 'request' && chain[chain.length - 2] === 'ctx')) return 'koa';
  if (last === 'request' || last === 'raw') return 'fastify';
  if (last === 'req') return 'express';
  return undefined;
}

function isBoundedType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSBooleanKeyword:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every(isBoundedType);
    default:
      return false;
  }
}

/**
 * Last words that name one value per entity, as real code spells them: `uid`, `guid`, `ident`, `sessionid`
 * (written as one word), `jti` (a JWT's id), `nonce`.
 */
const IDENTIFIER_WORDS = new Set([
  'id',
  'ids',
  'uuid',
  'guid',
  'uid',
  'ident',
  'identifier',
  'sessionid',
  'userid',
  'jti',
  'nonce',
]);
/** Words that only name a person or session when they stand alone (`sub` is a JWT's subject; `sub_type` is not). */
const ALONE_USER_WORDS = new Set(['sub', 'user', 'username', 'login', 'principal', 'session']);
/** Words after which `addr`/`address` is an IP address, and `agent` a user agent. */
const IP_QUALIFIERS = ['ip', 'remote', 'client', 'peer'];

/** Names that hold unbounded values whatever their source: `userId`, `requestId`, `email`, `clientIp`, `traceId`. */
export function nameReason(name: string): CardinalityReason | undefined {
  const words = splitWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  if (IDENTIFIER_WORDS.has(last))
    return words.length === 1 && last === 'id'
      ? 'id'
      : words.includes('user') || words.includes('customer') || last === 'userid'
        ? 'user'
        : 'id';
  if (words.length === 1 && ALONE_USER_WORDS.has(last)) return last === 'session' ? 'id' : 'user';
  if (words.length === 2 && words[0] === 'user' && last === 'name') return 'user';
  // A hash of an e-mail is still one value per person.
  if (last === 'email' || ((last === 'address' || last === 'hash') && words.includes('email'))) return 'email';
  if (last === 'ip' || ((last === 'address' || last === 'addr') && IP_QUALIFIERS.some((word) => words.includes(word))))
    return 'ip';
  if (last === 'agent' && words.includes('user')) return 'header';
  if (last === 'url' || last === 'uri' || last === 'href') return 'url';
  if (last === 'timestamp' || last === 'ts') return 'time';
  if (last === 'token') return 'token';
  return undefined;
}

/** Label names that are high-cardinality by definition: reported at the declaration. */
export function labelNameReason(name: string): CardinalityReason | undefined {
  const byName = nameReason(name);
  if (byName) return byName;
  const words = splitWords(name);
  const last = words[words.length - 1];
  if (last === 'query' || last === 'querystring') return 'query';
  if (last === 'target' && words.includes('http')) return 'url';
  if (last === 'full' && words.includes('url')) return 'url';
  return undefined;
}
