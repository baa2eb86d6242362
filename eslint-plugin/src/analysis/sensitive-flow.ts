import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findVariable,
  isConstantMember,
  isFunctionNode,
  memberName,
  propertyKeyName,
  returnedExpressions,
  staticChain,
  terminalName,
  truncate,
  unwrap,
} from './ast';
import { type Category, classifyNameCached, type NameOptions } from './sensitive-names';
import { DeclaredTypes, type TypeFacts, TypeInformation } from './types';
import { decodesTokenClaims } from './token-claims';
import { assignedValueSaysOtherwise, personRecordName, personRecordOfChain, type RecordName } from './person-records';
import { constantStringOf, type ProjectImports } from './project-imports';
import { selfDescription } from './self-description';
import { HttpClientValues, type HttpClientValue } from './http-client-values';
import { isErrorName, splitWords } from './words';

/** One sensitive value found in a logged expression. */
export interface Finding {
  /** Where it enters the log call (an argument, a property value, an alias). */
  node: TSESTree.Node;
  /** What leaks, as the user wrote it: `password`, `req.body.password`, `getAccessToken()`. */
  subject: string;
  category: Category;
  /** `record`: a whole person record recognised by its name (`user`, `savedUser`, `users.rows`). */
  /** `http-client`: a whole axios response or error (its `config.headers` and response body). */
  kind: 'value' | 'fields' | 'request' | 'environment' | 'record' | 'http-client';
  /** For `http-client` findings: which of the two it is. */
  client?: HttpClientValue;
  /** When `node` is an alias, the expression it holds (`p` holds `req.body.password`). */
  origin?: string;
  /** For whole objects: their sensitive fields. */
  fields?: ReadonlyArray<{ name: string; category: Category }>;
  /** Whether the object has an `id` to log instead. */
  hasId?: boolean;
  /** Path of the sensitive value below `node` (for pino `redact`), or null when it is mixed into a string. */
  keys: string[] | null;
}

/** A function parameter a logged value came from: the function then forwards that parameter to the log. */
export interface ParameterReference {
  fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
  index: number;
  rest: boolean;
}

export interface FlowResult {
  /** Provably harmless: a constant, a number or boolean, a length, a sanitizer's output. */
  safe: boolean;
  findings: Finding[];
  parameters: ParameterReference[];
}

const SAFE: FlowResult = Object.freeze({ safe: true, findings: [], parameters: [] });
const UNKNOWN: FlowResult = Object.freeze({ safe: false, findings: [], parameters: [] });

export interface FlowOptions {
  names: NameOptions;
  enabledCategories: ReadonlySet<Category>;
  /** Exact callee names (`redact`, `maskPan`) whose results are safe, besides the built-in sanitizer words. */
  sanitizers: ReadonlySet<string>;
}

/** Words that make a call's result safe to log: `redact(x)`, `maskEmail(x)`, `hash(x)`, `crypto…digest()`. */
const SANITIZER_WORDS = new Set([
  'redact',
  'redacted',
  'mask',
  'masked',
  'scrub',
  'sanitize',
  'sanitise',
  'sanitized',
  'anonymize',
  'anonymise',
  'hash',
  'encrypt',
  'obfuscate',
  'censor',
  'pseudonymize',
  'pseudonymise',
  'digest',
  'hmac',
  'sha',
  'md5',
  'bcrypt',
  'argon2',
  'scrypt',
  'fingerprint',
  'truncate',
  'elide',
]);
/** Whether a function's name says it makes its argument safe to log (`redact`, `maskEmail`, `sanitizeMeta`). */
export function isSanitizerName(name: string): boolean {
  return splitWords(name).some((word) => SANITIZER_WORDS.has(word));
}

/** Calls whose results are never sensitive: predicates, counts, numbers. */
const SAFE_CALLS = new Set([
  'Boolean',
  'Number',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'isArray',
  'keys',
  'has',
  'includes',
  'startsWith',
  'endsWith',
  'test',
  'indexOf',
  'lastIndexOf',
  'some',
  'every',
  'localeCompare',
  'getTime',
  'now',
  'typeOf',
  'isValid',
  'compare',
  'compareSync',
  'verify',
  'equals',
  'match',
  'count',
  'size',
  'byteLength',
]);
/**
 * Query-builder and driver calls that return how many rows went, never the rows: knex `delete()`/`del()` without
 * arguments (the count), Prisma and MongoDB `deleteMany` (`{ count }`, `{ deletedCount }`), Sequelize
 * `Model.destroy` (the count), MongoDB counts. `delete(criteria)` is left out: Prisma's returns the deleted record.
 */
const COUNT_RESULT_CALLS = new Set(['deleteMany', 'destroy', 'countDocuments', 'estimatedDocumentCount']);
const COUNT_RESULT_WITHOUT_ARGUMENTS = new Set(['delete', 'del']);
/** Calls that pass their receiver's or arguments' content through: `String(x)`, `JSON.stringify(x)`, `x.trim()`. */
const PASS_THROUGH_CALLS = new Set([
  'String',
  'stringify',
  'inspect',
  'format',
  'formatWithOptions',
  'toString',
  'toJSON',
  'valueOf',
  'concat',
  'join',
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'padStart',
  'padEnd',
  'replace',
  'replaceAll',
  'split',
  'from',
  'encodeURIComponent',
  'encodeURI',
  'btoa',
  'atob',
  'assign',
  'entries',
  'values',
  'fromEntries',
  'structuredClone',
  'cloneDeep',
  'clone',
  'merge',
  'flat',
  'map',
  'filter',
  'reverse',
  'sort',
  'toSorted',
  'at',
  'repeat',
  'Error',
  'freeze',
  'find',
  'findLast',
  'slice',
]);
/** Pass-through calls whose result still shows an object's fields (the rest turn a record into `[object Object]`). */
const RECORD_KEEPING_CALLS = new Set([
  'stringify',
  'inspect',
  'format',
  'formatWithOptions',
  'toJSON',
  'assign',
  'entries',
  'values',
  'fromEntries',
  'structuredClone',
  'cloneDeep',
  'clone',
  'merge',
  'flat',
  'filter',
  'reverse',
  'sort',
  'toSorted',
  'at',
  'freeze',
  'find',
  'findLast',
  'slice',
  'concat',
  'from',
]);
/** Calls whose name says they return a secret: `getAccessToken()`, `generateOtp()`, `jwt.sign()`. */
export const GETTER_VERBS: ReadonlySet<string> = new Set([
  'get',
  'fetch',
  'read',
  'load',
  'generate',
  'create',
  'issue',
  'sign',
  'make',
  'build',
  'retrieve',
  'decrypt',
  'reveal',
  'new',
  'mint',
]);
/** Properties that never carry the value itself. */
const SAFE_PROPERTIES = new Set(['length', 'size', 'byteLength', 'constructor', 'name']);
/** Whole request carriers, judged on request-like objects: `req.body`, `ctx.request.headers`, `event.headers`. */
const REQUEST_CARRIERS = new Set([
  'body',
  'rawBody',
  'headers',
  'cookies',
  'signedCookies',
  'session',
  'payload',
  'raw',
  'query',
]);
const REQUEST_NAMES = new Set(['req', 'request', 'incoming', 'incomingRequest', 'event', 'rawRequest']);
/** Koa's `ctx.body` is the response; only its request-side carriers count. */
const CONTEXT_CARRIERS = new Set(['headers', 'header', 'cookies', 'session', 'query']);
/** Properties of HTTP-client errors that hold the request with its Authorization header (axios, got). */
const ERROR_REQUEST_CARRIERS = new Set(['config', 'request', 'response', 'options']);
const HTTP_CLIENT_ERROR_TYPES = new Set(['AxiosError', 'HTTPError', 'RequestError', 'GotError']);
/** Header names read through `req.get('x')`, `headers.get('x')`, `ctx.get('x')`, `c.req.header('x')`, `config.get('x')`. */
const NAMED_GETTERS = new Set(['get', 'header', 'getHeader', 'getItem', 'getSecret', 'getString']);
/** A literal label right before an interpolated value says what it is: `password=${x}`, `Bearer ${t}`. */
export const LABEL_BEFORE_VALUE =
  /(password|passwd|pwd|secret|token|api[ _-]?key|apikey|cookie|ssn|authorization|credentials?)["']?\s*[:=]\s*["']?$/i;
export const BEARER_BEFORE_VALUE = /\bbearer\s+$/i;

type LocalFunction = ParameterReference['fn'];

/** Decides, for expressions written to a log, which sensitive values they carry. One per linted file. */
export class SensitiveFlow {
  private readonly bindingCache = new Map<TSESTree.Node, FlowResult>();
  private readonly inProgress = new Set<TSESTree.Node>();
  private readonly declaredTypes: DeclaredTypes;
  private readonly httpClient: HttpClientValues;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly options: FlowOptions,
    private readonly types: TypeInformation,
    /** Other project modules, for imported constants and types; undefined: none are looked into. */
    private readonly imports?: ProjectImports,
  ) {
    this.declaredTypes = new DeclaredTypes(sourceCode.ast, imports);
    this.httpClient = new HttpClientValues(sourceCode, imports);
  }

  evaluate(expression: TSESTree.Node, depth = 0): FlowResult {
    if (depth > 12) return UNKNOWN;
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.ThisExpression:
      case AST_NODE_TYPES.MetaProperty:
        return SAFE;
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.BinaryExpression:
        return this.evaluateConcatenation(node, depth);
      case AST_NODE_TYPES.Identifier:
        return this.evaluateIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.evaluateMember(node, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.evaluateCall(node, depth);
      case AST_NODE_TYPES.NewExpression:
        return /Error$/.test(terminalName(node.callee) ?? '')
          ? this.combine(node.arguments.map((a) => this.evaluate(a, depth + 1)))
          : UNKNOWN;
      case AST_NODE_TYPES.ObjectExpression:
        return this.evaluateObject(node, depth);
      case AST_NODE_TYPES.ArrayExpression:
        return this.combine(node.elements.map((element) => (element ? this.evaluate(element, depth + 1) : SAFE)));
      case AST_NODE_TYPES.SpreadElement:
        return this.evaluate(node.argument, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.combine([this.evaluate(node.left, depth + 1), this.evaluate(node.right, depth + 1)]);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.combine([this.evaluate(node.consequent, depth + 1), this.evaluate(node.alternate, depth + 1)]);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.evaluate(node.right, depth + 1);
      case AST_NODE_TYPES.SequenceExpression:
        return this.evaluate(node.expressions[node.expressions.length - 1], depth + 1);
      default:
        return UNKNOWN;
    }
  }

  private evaluateIdentifier(node: TSESTree.Identifier, depth: number): FlowResult {
    if (node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity') return SAFE;
    const variable = findVariable(this.sourceCode.getScope(node), node.name);
    const def = variable?.defs[0];
    const typeFacts = this.factsOf(node, def?.name);
    if (typeFacts.primitiveSafe) return SAFE;
    const byName = this.judgeName(node.name, undefined);
    // The whole request: serializers keep its headers (Authorization, Cookie), frameworks attach the body.
    const wholeRequest =
      (node.name === 'req' || node.name === 'request') &&
      (!def || def.type === 'Parameter') &&
      this.enabled('request-data');
    if (wholeRequest) return this.result([this.finding(node, node.name, 'request-data', 'request', [])]);
    const client = this.enabled('request-data') ? this.httpClient.valueOf(node, def) : undefined;
    if (client) return this.result([this.clientFinding(node, node.name, client)]);

    if (
      def &&
      variable &&
      (def.type === 'Variable' || (def.type === 'Parameter' && def.node.type !== AST_NODE_TYPES.TSDeclareFunction))
    ) {
      let held = UNKNOWN;
      if (def.type === 'Variable') {
        held = this.evaluateWrites(variable, depth, node);
        if (held.safe) return SAFE;
      } else if (isFunctionNode(def.node) && !byName) {
        const parameter = parameterPosition(def.node, def.name);
        if (parameter) held = { safe: false, findings: [], parameters: [{ fn: def.node, ...parameter }] };
      }
      if (byName) return this.result([this.finding(node, node.name, byName, 'value', [])], held.parameters);
      if (held.findings.length > 0) {
        return this.result(
          held.findings.map((finding) => this.asAlias(finding, node)),
          held.parameters,
        );
      }
      const typed =
        this.fieldsFinding(node, node.name, typeFacts) ??
        this.recordFinding(node, node.name, personRecordName(node.name), typeFacts, variable);
      return typed ? this.result([typed], held.parameters) : held;
    }
    if (byName) return this.result([this.finding(node, node.name, byName, 'value', [])]);
    const typed =
      this.fieldsFinding(node, node.name, typeFacts) ??
      this.recordFinding(node, node.name, personRecordName(node.name), typeFacts, variable);
    return typed ? this.result([typed]) : UNKNOWN;
  }

  /**
   * A whole person record known only by its name (`user`, `savedUser`, `users.rows`): reported unless its
   * declared type lists its fields (then `fieldsFinding` judged them), says it is text (`user: string`), or what
   * the variable was assigned says it is something else (`const user = req.body.username`, `{ id, role }`).
   */
  private recordFinding(
    node: TSESTree.Node,
    subject: string,
    record: RecordName | undefined,
    facts: TypeFacts | undefined,
    variable?: TSESLint.Scope.Variable,
  ): Finding | undefined {
    if (!record || !this.enabled('contact')) return undefined;
    if (facts?.properties || facts?.stringLike || facts?.primitiveSafe) return undefined;
    for (const def of variable?.defs ?? []) {
      if (
        def.node.type === AST_NODE_TYPES.VariableDeclarator &&
        def.node.id === def.name &&
        def.node.init &&
        assignedValueSaysOtherwise(def.node.init)
      )
        return undefined;
    }
    for (const reference of variable?.references ?? []) {
      if (
        reference.isWrite() &&
        !reference.init &&
        reference.writeExpr &&
        assignedValueSaysOtherwise(reference.writeExpr)
      )
        return undefined;
    }
    return { ...this.finding(node, truncate(subject), 'contact', 'record', []), hasId: !record.plural };
  }

  /** Union of everything ever assigned to a variable (its initialiser, destructuring, later writes). */
  private evaluateWrites(variable: TSESLint.Scope.Variable, depth: number, use?: TSESTree.Node): FlowResult {
    // Writes after the use, in the same function and outside any loop around it, cannot reach it: `result` logged
    // before `result = { …, accessToken }` logs what it held then.
    const cutoff = use && !insideLoop(use) ? use : undefined;
    const useFunction = cutoff ? this.sourceCode.getScope(cutoff).variableScope : undefined;
    const reaches = (reference: TSESLint.Scope.Reference): boolean =>
      !cutoff || reference.identifier.range[0] < cutoff.range[0] || reference.from.variableScope !== useFunction;
    const skipsLater = variable.references.some(
      (reference) => reference.isWrite() && !reference.init && !reaches(reference),
    );
    const key = variable.defs[0].name;
    const cacheKey = skipsLater ? cutoff : key;
    const cached = this.bindingCache.get(cacheKey!);
    if (cached) return cached;
    if (this.inProgress.has(key)) return UNKNOWN;
    this.inProgress.add(key);
    const results: FlowResult[] = [];
    for (const def of variable.defs) {
      if (def.node.type !== AST_NODE_TYPES.VariableDeclarator) continue;
      const declarator = def.node;
      if (!declarator.init) {
        // `let x;` starts undefined; `declare const x` and loop variables hold values we do not see.
        const declaration = declarator.parent;
        const opaque =
          declaration?.declare === true ||
          declaration?.parent?.type === AST_NODE_TYPES.ForOfStatement ||
          declaration?.parent?.type === AST_NODE_TYPES.ForInStatement;
        results.push(opaque ? UNKNOWN : SAFE);
        continue;
      }
      results.push(
        declarator.id === def.name
          ? this.evaluate(declarator.init, depth + 1)
          : this.evaluateDestructured(declarator.init, def.name, depth),
      );
    }
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init || !reference.writeExpr || !reaches(reference)) continue;
      results.push(this.evaluate(reference.writeExpr, depth + 1));
    }
    const result = results.length === 0 ? UNKNOWN : this.combine(results);
    this.inProgress.delete(key);
    this.bindingCache.set(cacheKey!, result);
    return result;
  }

  /** `const { body: { password: p } } = req` → what `req.body.password` is; `const { a, ...rest } = x` → x without a. */
  private evaluateDestructured(init: TSESTree.Expression, target: TSESTree.Node, depth: number): FlowResult {
    const keys: string[] = [];
    let omitted: string[] | undefined;
    let defaultValue: TSESTree.Node | undefined;
    let current: TSESTree.Node = target;
    while (current.parent && current.parent.type !== AST_NODE_TYPES.VariableDeclarator) {
      const parent: TSESTree.Node = current.parent;
      if (parent.type === AST_NODE_TYPES.Property) {
        const key = propertyKeyName(parent);
        if (key === undefined) return UNKNOWN;
        keys.unshift(key);
      } else if (
        parent.type === AST_NODE_TYPES.RestElement &&
        parent.parent?.type === AST_NODE_TYPES.ObjectPattern &&
        keys.length === 0
      ) {
        omitted = parent.parent.properties.flatMap((property) =>
          property.type === AST_NODE_TYPES.Property ? [propertyKeyName(property) ?? ''] : [],
        );
      } else if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
        defaultValue = parent.right;
      } else if (parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.RestElement) {
        return this.evaluate(init, depth + 1).safe ? SAFE : UNKNOWN;
      }
      current = parent;
    }
    const fallback = defaultValue ? this.evaluate(defaultValue, depth + 1) : SAFE;
    if (omitted) return this.withoutKeys(this.evaluate(init, depth + 1), omitted);
    if (keys.length === 0) return this.evaluate(init, depth + 1);
    const accessed = this.evaluateAccess(
      init,
      keys,
      target,
      `${truncate(this.sourceCode.getText(init), 32)}.${keys.join('.')}`,
    );
    return defaultValue ? this.combine([accessed, fallback]) : accessed;
  }

  private evaluateMember(node: TSESTree.MemberExpression, depth: number): FlowResult {
    const name = memberName(node);
    if (name === undefined) {
      // `req.headers[REQUEST_ID_HEADER]`: a key held by a constant is judged like the same key written out.
      const key = node.computed
        ? constantStringOf(node.property, this.sourceCode.getScope(node), this.imports)
        : undefined;
      if (key !== undefined) return this.evaluateAccess(node.object, [key], node, this.sourceCode.getText(node));
      // `headers[name]`, `list[0]`: an element of something sensitive is still sensitive.
      const container = this.evaluate(node.object, depth + 1);
      return container.findings.length > 0
        ? this.result(
            container.findings.map((f) => ({ ...f, node, keys: null })),
            container.parameters,
          )
        : UNKNOWN;
    }
    return this.evaluateAccess(node.object, [name], node, this.sourceCode.getText(node));
  }

  /** Judges `base.k1.k2…` (a member chain or a destructuring) and reports it at `reportAt`. */
  private evaluateAccess(
    base: TSESTree.Node,
    keys: readonly string[],
    reportAt: TSESTree.Node,
    subject: string,
  ): FlowResult {
    const last = keys[keys.length - 1];
    const chain = [...(staticChain(base) ?? [terminalName(base) ?? '?']), ...keys];
    const owner = chain[chain.length - 2];
    const ownerOfOwner = chain[chain.length - 3];
    const display = truncate(subject);

    if (chain[0] === 'process' && chain[1] === 'env') {
      if (chain.length === 2) return this.result([this.finding(reportAt, display, 'environment', 'environment', [])]);
      if (chain.length === 3) {
        const verdict = this.judgeName(last, undefined);
        return verdict ? this.result([this.finding(reportAt, display, verdict, 'value', [])]) : SAFE;
      }
    }
    if (SAFE_PROPERTIES.has(last) && !(last === 'name' && owner !== undefined && this.judgeName('name', owner)))
      return SAFE;
    if (owner !== undefined && this.isRequestCarrier(owner, last, ownerOfOwner)) {
      return this.result([this.finding(reportAt, display, 'request-data', 'request', [])]);
    }
    if (
      owner !== undefined &&
      ERROR_REQUEST_CARRIERS.has(last) &&
      (isErrorName(owner) || (owner === 'response' && last === 'config' && isErrorName(ownerOfOwner)))
    ) {
      return this.result([this.finding(reportAt, display, 'request-data', 'request', [])]);
    }
    if (keys.length === 1 && isConstantMember(this.sourceCode.getScope(reportAt), base, last)) return SAFE;
    const verdict = this.judgeName(last, owner);
    if (verdict) return this.result([this.finding(reportAt, display, verdict, 'value', [])]);
    const facts =
      this.types.available && reportAt.type === AST_NODE_TYPES.MemberExpression
        ? this.types.factsOf(reportAt)
        : undefined;
    if (facts?.primitiveSafe) return SAFE;
    const typed = facts ? this.fieldsFinding(reportAt, display, facts) : undefined;
    if (typed) return this.result([typed]);
    // `req.user`, `ctx.state.user`, `users.rows`, and `const { user } = ctx.state`.
    const record =
      reportAt.type === AST_NODE_TYPES.MemberExpression ? personRecordOfChain(reportAt) : personRecordName(last);
    const whole = this.recordFinding(reportAt, display, record, facts);
    return whole ? this.result([whole]) : UNKNOWN;
  }

  private isRequestCarrier(owner: string, property: string, ownerOfOwner: string | undefined): boolean {
    // The query string carries reset tokens, magic-link codes and e-mails like a body does; Apollo's
    // `requestContext.request.query` is the GraphQL document instead.
    if (
      property === 'query' &&
      ownerOfOwner !== undefined &&
      /context$/i.test(ownerOfOwner) &&
      ownerOfOwner !== 'context'
    )
      return false;
    if (REQUEST_NAMES.has(owner)) return REQUEST_CARRIERS.has(property);
    if ((owner === 'ctx' || owner === 'context') && CONTEXT_CARRIERS.has(property)) return true;
    // Hono `c.req.raw.headers`, Next `request.raw`: `req` reached through a context.
    return owner === 'raw' && ownerOfOwner !== undefined && REQUEST_NAMES.has(ownerOfOwner) && property === 'headers';
  }

  private evaluateCall(node: TSESTree.CallExpression, depth: number): FlowResult {
    const callee = unwrap(node.callee);
    const name = terminalName(callee);
    if (name === undefined) return UNKNOWN;
    // `jwt.verify(token, secret)`: the claims of who is signed in, logged whole like a user record (before the safe
    // calls: a `verify` elsewhere returns a boolean).
    if (this.enabled('contact') && decodesTokenClaims(node, this.sourceCode.ast)) {
      return this.result([
        {
          ...this.finding(node, `${truncate(this.sourceCode.getText(callee), 40)}()`, 'contact', 'record', []),
          hasId: true,
        },
      ]);
    }
    if (this.isSanitizer(name, callee)) return SAFE;
    if (SAFE_CALLS.has(name) || COUNT_RESULT_CALLS.has(name)) return SAFE;
    if (this.enabled('request-data') && this.httpClient.isAwaitedRequest(node)) {
      return this.result([this.clientFinding(node, `${truncate(this.sourceCode.getText(callee), 40)}()`, 'response')]);
    }
    if (
      COUNT_RESULT_WITHOUT_ARGUMENTS.has(name) &&
      node.arguments.length === 0 &&
      callee.type === AST_NODE_TYPES.MemberExpression
    )
      return SAFE;
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
    const receiverName = receiver ? terminalName(receiver) : undefined;

    if ((name === 'slice' || name === 'substring' || name === 'substr') && receiver) {
      return isShortExcerpt(name, node.arguments) ? SAFE : this.evaluate(receiver, depth + 1);
    }
    if ((name === 'map' || name === 'flatMap') && receiver && isFunctionNode(node.arguments[0])) {
      return this.evaluateMapped(receiver, node.arguments[0], depth);
    }
    if (name === 'forEach') return SAFE;
    if ((name === 'replace' || name === 'replaceAll') && receiver && isMaskingReplacement(node.arguments[1]))
      return SAFE;
    if ((name === 'pick' || name === 'omit') && node.arguments.length >= 2 && receiverName !== 'this') {
      return this.evaluatePickOmit(name, node, depth);
    }
    const gotName =
      NAMED_GETTERS.has(name) && node.arguments[0]
        ? constantStringOf(node.arguments[0], this.sourceCode.getScope(node), this.imports)
        : undefined;
    if (gotName !== undefined) {
      const verdict = this.judgeName(gotName, receiverName);
      return verdict
        ? this.result([this.finding(node, truncate(this.sourceCode.getText(node)), verdict, 'value', [])])
        : UNKNOWN;
    }
    if (PASS_THROUGH_CALLS.has(name)) {
      const parts = node.arguments.map((argument) => this.evaluate(argument, depth + 1));
      if (receiver && !isModuleLike(receiverName)) parts.push(this.evaluate(receiver, depth + 1));
      const combined = this.combine(parts);
      // `JSON.stringify(user)` writes the record out; `String(user)` is `[object Object]`, `users.join()` text.
      const findings = RECORD_KEEPING_CALLS.has(name)
        ? combined.findings
        : combined.findings.filter((finding) => !printsAsText(finding));
      return this.result(
        findings.map((finding) => ({ ...finding, keys: null })),
        combined.parameters,
        combined.safe,
      );
    }
    const returned = this.judgeReturnedSecret(name, receiverName);
    if (returned)
      return this.result([
        this.finding(node, `${truncate(this.sourceCode.getText(callee), 40)}()`, returned, 'value', []),
      ]);
    const facts = this.types.available ? this.types.factsOf(node) : undefined;
    if (facts?.primitiveSafe) return SAFE;
    const typed = facts
      ? this.fieldsFinding(node, `${truncate(this.sourceCode.getText(callee), 40)}()`, facts)
      : undefined;
    return typed ? this.result([typed]) : UNKNOWN;
  }

  /**
   * `tokens.map((t) => t.name)` is what the callback returns, not the list; when the callback returns its element
   * (or part of a sensitive one), the list's findings stand.
   */
  private evaluateMapped(receiver: TSESTree.Node, callback: LocalFunction, depth: number): FlowResult {
    const returned = returnedExpressions(callback).map((expression) => this.evaluate(expression, depth + 1));
    const mapped = this.combine(returned);
    const usesElement = mapped.parameters.some((parameter) => parameter.fn === callback);
    const parameters = mapped.parameters.filter((parameter) => parameter.fn !== callback);
    if (!usesElement)
      return this.result(
        mapped.findings.map((finding) => ({ ...finding, keys: null })),
        parameters,
        mapped.safe,
      );
    const list = this.evaluate(receiver, depth + 1);
    return this.result(
      [...list.findings, ...mapped.findings].map((finding) => ({ ...finding, keys: null })),
      [...list.parameters, ...parameters],
      list.safe && mapped.safe,
    );
  }

  /** `_.pick(user, ['id', 'name'])` keeps only those keys; `_.omit(user, ['password'])` removes them. */
  private evaluatePickOmit(name: 'pick' | 'omit', node: TSESTree.CallExpression, depth: number): FlowResult {
    const source = node.arguments[0];
    const keys = node.arguments.slice(1).flatMap((argument) => {
      const value = unwrap(argument);
      if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return [value.value];
      if (value.type === AST_NODE_TYPES.ArrayExpression) {
        return value.elements.flatMap((element) =>
          element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value] : [],
        );
      }
      return [];
    });
    if (name === 'omit') return this.withoutKeys(this.evaluate(source, depth + 1), keys);
    const findings = keys.flatMap((key) => {
      const verdict = this.judgeName(key, terminalName(source));
      return verdict
        ? [this.finding(node, `${truncate(this.sourceCode.getText(source), 24)}.${key}`, verdict, 'value', [key])]
        : [];
    });
    return findings.length > 0 ? this.result(findings) : SAFE;
  }

  /** What remains of a value once `keys` are removed; removing a sensitive key from a whole request is taken as intent. */
  private withoutKeys(value: FlowResult, keys: readonly string[]): FlowResult {
    if (value.safe) return SAFE;
    const removesSensitive = keys.some((key) => this.judgeName(key, undefined));
    const kept: Finding[] = [];
    for (const finding of value.findings) {
      if (finding.keys && finding.keys.length > 0 && keys.includes(finding.keys[0])) continue;
      // `_.omit(error, ['config'])` drops the request configuration and its headers.
      if (finding.kind === 'http-client') {
        if (!keys.includes('config')) kept.push(finding);
        continue;
      }
      if (finding.kind === 'request' || finding.kind === 'environment') {
        if (!removesSensitive) kept.push(finding);
        continue;
      }
      if (finding.fields) {
        const fields = finding.fields.filter((field) => !keys.includes(field.name));
        if (fields.length > 0) kept.push({ ...finding, fields, category: fields[0].category });
        continue;
      }
      if (!(finding.keys?.length === 0 && keys.some((key) => finding.subject.endsWith(key)))) kept.push(finding);
    }
    return this.result(kept, value.parameters, kept.length === 0 && value.findings.length > 0);
  }

  private evaluateObject(node: TSESTree.ObjectExpression, depth: number): FlowResult {
    const parts: FlowResult[] = [];
    for (const [index, property] of node.properties.entries()) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        // `{ ...headers, authorization: '[REDACTED]' }`: a later key replaces what the spread carried under it,
        // like `_.omit` (the later value is judged on its own).
        const replaced = keysAfter(node.properties, index);
        const spread = this.evaluate(property.argument, depth + 1);
        parts.push(replaced.length > 0 ? this.withoutKeys(spread, replaced) : spread);
        continue;
      }
      if (property.kind !== 'init' || property.method) continue;
      parts.push(this.evaluateKeyedValue(propertyKeyName(property), property.value, depth));
    }
    return this.combine(this.withoutQueryBesideUrl(node, parts));
  }

  /**
   * A value written under a key, judged like a property of a logged object: by the value, and by the key when the
   * value says nothing of itself. Span attributes (`setAttribute('user.email', v)`), Sentry tags and extras and
   * baggage entries are keyed values too.
   */
  evaluateKeyed(key: string | undefined, value: TSESTree.Node): FlowResult {
    return this.evaluateKeyedValue(key, value, 0);
  }

  private evaluateKeyedValue(key: string | undefined, valueNode: TSESTree.Node, depth: number): FlowResult {
    const value = this.evaluate(valueNode, depth + 1);
    if (value.safe) return SAFE;
    let findings = value.findings;
    if (findings.length === 0 && key !== undefined) {
      // `{ fullName: method.fullName }`: the key names a value read from `method`, which can clear it (never
      // make it sensitive: `{ name: user.role }` is no person's name).
      const read = unwrap(valueNode);
      const owner = read.type === AST_NODE_TYPES.MemberExpression ? terminalName(read.object) : undefined;
      const verdict =
        this.judgeName(key, undefined) &&
        (owner === undefined ? this.judgeName(key, undefined) : this.judgeName(key, owner));
      if (verdict && !this.labelGivesWay(valueNode, verdict))
        findings = [this.finding(valueNode, key, verdict, 'value', [])];
    }
    return this.result(
      findings.map((finding) => ({
        ...finding,
        keys: finding.keys && key !== undefined ? [key, ...finding.keys] : null,
      })),
      value.parameters,
    );
  }

  /**
   * `{ method: request.method, url: request.url, query: request.query }`: the URL carries the query string the
   * `query` object was parsed from, and the URL is accepted; the parsed copy beside it exposes nothing more.
   */
  private withoutQueryBesideUrl(node: TSESTree.ObjectExpression, parts: FlowResult[]): FlowResult[] {
    const urls = new Set<string>();
    for (const property of node.properties) {
      const value = property.type === AST_NODE_TYPES.Property ? unwrap(property.value) : undefined;
      if (value?.type === AST_NODE_TYPES.MemberExpression && /^(url|originalUrl)$/.test(memberName(value) ?? ''))
        urls.add(this.sourceCode.getText(value.object));
    }
    if (urls.size === 0) return parts;
    return parts.map((part) => {
      const kept = part.findings.filter(
        (finding) =>
          !(
            finding.kind === 'request' &&
            finding.node.type === AST_NODE_TYPES.MemberExpression &&
            memberName(finding.node) === 'query' &&
            urls.has(this.sourceCode.getText(finding.node.object))
          ),
      );
      return kept.length === part.findings.length
        ? part
        : this.result(kept, part.parameters, kept.length === 0 && part.parameters.length === 0);
    });
  }

  /** Template literals and `+` chains: every interpolated part counts, and a label such as `password=` marks the next one. */
  private evaluateConcatenation(node: TSESTree.TemplateLiteral | TSESTree.BinaryExpression, depth: number): FlowResult {
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator !== '+') return SAFE;
    const parts: TSESTree.Node[] = [];
    flattenConcatenation(node, parts);
    const results: FlowResult[] = [];
    let textBefore = '';
    for (const part of parts) {
      if (part.type === AST_NODE_TYPES.TemplateElement) {
        textBefore += part.value.cooked ?? '';
        continue;
      }
      if (part.type === AST_NODE_TYPES.Literal) {
        textBefore += String(part.value);
        continue;
      }
      let value = this.evaluate(part, depth + 1);
      if (!value.safe && value.findings.length === 0) {
        const label =
          LABEL_BEFORE_VALUE.exec(textBefore)?.[1] ?? (BEARER_BEFORE_VALUE.test(textBefore) ? 'bearer' : undefined);
        const verdict = label ? this.judgeName(label, undefined) : undefined;
        if (label && verdict && !this.labelGivesWay(part, verdict))
          value = this.result(
            [this.finding(part, truncate(this.sourceCode.getText(part)), verdict, 'value', null)],
            value.parameters,
          );
      }
      // `${user}` is `[object Object]` for a record, and a login name when `user` is text: only a record written
      // out by a call (`${JSON.stringify(user)}`) reaches the line.
      const findings =
        part.type === AST_NODE_TYPES.CallExpression
          ? value.findings
          : value.findings.filter((finding) => !printsAsText(finding));
      results.push(
        this.result(
          findings.map((finding) => ({ ...finding, keys: null })),
          value.parameters,
          value.safe,
        ),
      );
      textBefore = '';
    }
    return this.combine(results);
  }

  /**
   * A label (`` `API key: ${…}` ``, `{ apiKey: … }`) names the line's topic; the value's own name says what it is.
   * An error or message is never the labelled secret, an id or type of a key is not the key, and the name of a
   * key is not the key, though a name under a person-name label (`{ fullName: profile.displayName }`) is one.
   */
  private labelGivesWay(value: TSESTree.Node, labelled: Category): boolean {
    const described = selfDescription(value);
    return described === 'outcome' || described === 'metadata' || (described === 'naming' && labelled !== 'contact');
  }

  private judgeName(name: string, owner: string | undefined): Category | undefined {
    const verdict = classifyNameCached(name, this.options.names, owner);
    return verdict && this.options.enabledCategories.has(verdict.category) ? verdict.category : undefined;
  }

  private judgeReturnedSecret(name: string, receiverName: string | undefined): Category | undefined {
    if (name === 'sign' && receiverName !== undefined && /^(jwt|jsonwebtoken|jose|token)$/i.test(receiverName))
      return this.enabled('credential');
    const words = splitWords(name);
    if (words.length < 2 || !GETTER_VERBS.has(words[0])) return undefined;
    return this.judgeName(words.slice(1).join('_'), undefined);
  }

  private enabled(category: Category): Category | undefined {
    return this.options.enabledCategories.has(category) ? category : undefined;
  }

  private isSanitizer(name: string, callee: TSESTree.Node): boolean {
    if (this.options.sanitizers.has(name) || this.options.sanitizers.has(this.sourceCode.getText(callee))) return true;
    return isSanitizerName(name);
  }

  private factsOf(node: TSESTree.Identifier, declared: TSESTree.Node | undefined): TypeFacts {
    if (this.types.available) return this.types.factsOf(node);
    const annotation =
      declared?.type === AST_NODE_TYPES.Identifier ? declared.typeAnnotation?.typeAnnotation : undefined;
    return this.declaredTypes.factsOfAnnotation(annotation);
  }

  /** A whole object whose type has sensitive fields: `user: User` with `email` and `password`. */
  private fieldsFinding(node: TSESTree.Node, subject: string, facts: TypeFacts): Finding | undefined {
    if (facts.typeName && HTTP_CLIENT_ERROR_TYPES.has(facts.typeName) && this.enabled('request-data')) {
      return this.finding(node, truncate(subject), 'request-data', 'request', []);
    }
    if (!facts.properties) return undefined;
    const owner = facts.properties.typeName ?? subject;
    const fields = facts.properties.names.flatMap((name) => {
      const category = this.judgeName(name, owner);
      return category ? [{ name, category }] : [];
    });
    if (fields.length === 0) return undefined;
    const hasId = facts.properties.names.includes('id');
    return { ...this.finding(node, truncate(subject), fields[0].category, 'fields', []), fields, hasId };
  }

  private finding(
    node: TSESTree.Node,
    subject: string,
    category: Category,
    kind: Finding['kind'],
    keys: string[] | null,
  ): Finding {
    return { node, subject, category, kind, keys };
  }

  private clientFinding(node: TSESTree.Node, subject: string, client: HttpClientValue): Finding {
    return { ...this.finding(node, truncate(subject), 'request-data', 'http-client', []), client };
  }

  private asAlias(finding: Finding, alias: TSESTree.Identifier): Finding {
    return { ...finding, node: alias, origin: finding.origin ?? finding.subject, subject: alias.name };
  }

  private result(findings: Finding[], parameters: ParameterReference[] = [], safe = false): FlowResult {
    if (findings.length === 0 && parameters.length === 0) return safe ? SAFE : UNKNOWN;
    return { safe: false, findings, parameters };
  }

  /** Safe only when every part is; otherwise every part's findings. */
  private combine(results: readonly FlowResult[]): FlowResult {
    if (results.every((result) => result.safe)) return SAFE;
    const findings = results.flatMap((result) => result.findings);
    const parameters = results.flatMap((result) => result.parameters);
    return this.result(findings, parameters);
  }
}

/**
 * Objects that turn into harmless text when made a string: a record prints as `[object Object]`, an axios error
 * as its message (`AxiosError: Request failed with status code 500`), a response as `[object Object]`.
 */
function printsAsText(finding: Finding): boolean {
  return finding.kind === 'record' || finding.kind === 'http-client';
}

/** Static keys of the plain properties written after position `index` of an object literal. */
function keysAfter(properties: TSESTree.ObjectExpression['properties'], index: number): string[] {
  return properties.slice(index + 1).flatMap((property) => {
    const key = property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined;
    return key === undefined ? [] : [key];
  });
}

function flattenConcatenation(node: TSESTree.Node, parts: TSESTree.Node[]): void {
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    flattenConcatenation(node.left, parts);
    flattenConcatenation(node.right, parts);
  } else if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    node.quasis.forEach((quasi, index) => {
      parts.push(quasi);
      const expression = node.expressions[index];
      if (expression) parts.push(expression);
    });
  } else {
    parts.push(node.type === AST_NODE_TYPES.Literal ? node : unwrap(node));
  }
}

function parameterPosition(fn: LocalFunction, name: TSESTree.Node): { index: number; rest: boolean } | undefined {
  for (let index = 0; index < fn.params.length; index++) {
    let param: TSESTree.Node = fn.params[index];
    if (param.type === AST_NODE_TYPES.TSParameterProperty) param = param.parameter;
    if (param.type === AST_NODE_TYPES.AssignmentPattern) param = param.left;
    if (param === name) return { index, rest: false };
    if (param.type === AST_NODE_TYPES.RestElement && param.argument === name) return { index, rest: true };
  }
  return undefined;
}

/** `x.slice(-4)` (last four) and `x.slice(0, 6)` (a prefix) are the usual ways to show a secret's identity, not the secret. */
function isShortExcerpt(method: string, args: readonly TSESTree.CallExpressionArgument[]): boolean {
  const numbers = args.map((arg) => {
    const value = unwrap(arg);
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') return value.value;
    if (
      value.type === AST_NODE_TYPES.UnaryExpression &&
      value.operator === '-' &&
      value.argument.type === AST_NODE_TYPES.Literal &&
      typeof value.argument.value === 'number'
    )
      return -value.argument.value;
    return undefined;
  });
  if (numbers.some((n) => n === undefined) || numbers.length === 0) return false;
  const [start, end] = numbers as number[];
  if (method === 'slice' && start < 0 && start >= -4 && end === undefined) return true;
  if (start === 0 && end !== undefined && end > 0 && end <= 6) return method !== 'substr' || end <= 6;
  return false;
}

/** A replacement text that masks what it replaces: `':***@'`, `'[REDACTED]'`, `'<hidden>'`, `'*'`. */
export const MASK_TEXT =
  /\*{3,}|•{3,}|#{3,}|x{4,}|[[<(](?:redacted|filtered|hidden|masked|removed|scrubbed|secret|omitted|sensitive)[\]>)]/i;

/**
 * `dbUrl.replace(/:([^:@]+)@/, ':***@')`: whatever the pattern matched is replaced by a mask, and writing a mask
 * is the author's statement that the rest is safe to show. A replacement that is nothing but mask characters
 * (`'*'`, `'•'`) counts too: `x.replace(/.(?=.{4})/g, '*')` keeps the last four.
 */
function isMaskingReplacement(argument: TSESTree.Node | undefined): boolean {
  if (!argument) return false;
  const value = unwrap(argument);
  let text: string | undefined;
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') text = value.value;
  else if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0)
    text = value.quasis[0]?.value.cooked ?? undefined;
  if (text === undefined) return false;
  return MASK_TEXT.test(text) || /^[*•]+$/.test(text);
}

/** `JSON.stringify`, `util.format`, `Object.assign`: the receiver is a namespace, not a value. */
function isModuleLike(name: string | undefined): boolean {
  return (
    name === undefined || /^(JSON|Object|Array|util|String|Buffer|_|lodash|structuredClone|Number|Math)$/.test(name)
  );
}

/** Whether a loop encloses the node within its function: a write later in the body reaches the next iteration. */
function insideLoop(node: TSESTree.Node): boolean {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.ForStatement ||
      current.type === AST_NODE_TYPES.ForInStatement ||
      current.type === AST_NODE_TYPES.ForOfStatement ||
      current.type === AST_NODE_TYPES.WhileStatement ||
      current.type === AST_NODE_TYPES.DoWhileStatement
    )
      return true;
  }
  return false;
}
