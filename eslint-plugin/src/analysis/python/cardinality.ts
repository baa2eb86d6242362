import type { PyNode } from '../../languages/python/nodes';
import type { PythonImports } from '../../languages/python/imports';
import {
  ancestors,
  field,
  interpolations,
  isFString,
  keywordArgument,
  parameterNames,
  positionalArguments,
  stringValue,
  walk,
} from '../../languages/python/query';
import { type CardinalityReason, nameReason } from '../cardinality';
import { isErrorName } from '../words';
import { bindsName, targetNames } from './prometheus';

/** The web framework whose request object a raw-URL value comes from: it decides the route-template expression. */
export type PythonFramework = 'starlette' | 'flask' | 'django';

export interface PythonUnbounded {
  bounded: false;
  reason: CardinalityReason;
  /** The offending expression as written, and where it is. */
  subject: string;
  node: PyNode;
  /** When reached through a variable: what it holds. */
  origin?: string;
  /** A raw URL: the request (or ASGI scope) it was read from, and its framework. */
  requestBase?: PyNode;
  framework?: PythonFramework;
  /** `requestBase` is an ASGI scope dict rather than a request. */
  viaScope?: boolean;
  /** An error message: the exception expression (`e` of `str(e)`). */
  exception?: PyNode;
  /** Reached through a helper's parameter: `node` is the argument at the call site. */
  viaParameter?: boolean;
}

export type PythonValueVerdict = { bounded: true } | { bounded: 'unknown' } | PythonUnbounded;

const BOUNDED: PythonValueVerdict = { bounded: true };
const UNKNOWN: PythonValueVerdict = { bounded: 'unknown' };

const REQUEST_NAMES = new Set([
  'request',
  'req',
  'websocket',
  'ws',
  'http_request',
  'incoming_request',
  'starlette_request',
]);
/** Route templates as access chains (`request.scope["route"].path` is `request.scope.route.path`). */
const ROUTE_TEMPLATES: ReadonlyArray<readonly string[]> = [
  ['scope', 'route', 'path'],
  ['scope', 'route', 'path_format'],
  ['route', 'path'],
  ['route', 'path_format'],
  ['url_rule', 'rule'],
  ['resolver_match', 'route'],
  ['resolver_match', 'view_name'],
  ['resolver_match', 'url_name'],
  ['matched_route', 'path'],
  ['match_info', 'route', 'resource', 'canonical'],
];
const BOUNDED_REQUEST_PROPERTIES = new Set([
  'method',
  'scheme',
  'http_version',
  'is_secure',
  'is_json',
  'endpoint',
  'blueprint',
  'url_rule',
  'type',
]);
const URL_PROPERTIES = new Set(['url', 'path', 'full_path', 'path_info', 'raw_path', 'base_url', 'url_root']);
const QUERY_PROPERTIES = new Set(['query_params', 'args', 'GET', 'query_string', 'query', 'rel_url']);
const BODY_PROPERTIES = new Set(['form', 'POST', 'json', 'data', 'body', 'values', 'files']);
const PARAM_PROPERTIES = new Set(['path_params', 'view_args', 'match_info', 'kwargs']);
const HEADER_PROPERTIES = new Set(['headers', 'META', 'environ', 'cookies', 'COOKIES']);
const IP_HEADERS =
  /^(x[-_]forwarded[-_]for|x[-_]real[-_]ip|remote[-_]addr|http[-_]x[-_]forwarded[-_]for|http[-_]x[-_]real[-_]ip|cf[-_]connecting[-_]ip|true[-_]client[-_]ip)$/i;
const RESPONSE_NAMES = /^(response|resp|res|reply|r)$/;
const BOUNDED_RESPONSE_PROPERTIES = new Set(['status_code', 'status', 'reason', 'reason_phrase', 'ok']);
const ERROR_MESSAGE_PROPERTIES = new Set([
  'args',
  'message',
  'msg',
  'detail',
  'strerror',
  'reason',
  'text',
  'description',
]);
const BOUNDED_ERROR_PROPERTIES = new Set(['status_code', 'code', 'errno', 'status', '__class__', 'error_code']);
/** Calls whose result is new on every call: `uuid.uuid4()`, `secrets.token_hex()`. */
const UNIQUE_CALLS = new Set([
  'uuid.uuid1',
  'uuid.uuid4',
  'uuid.uuid7',
  'secrets.token_hex',
  'secrets.token_urlsafe',
  'secrets.token_bytes',
  'os.urandom',
  'random.random',
  'random.randint',
  'random.getrandbits',
  'bson.ObjectId',
  'bson.objectid.ObjectId',
  'ulid.new',
  'ulid.ULID',
  'nanoid.generate',
  'shortuuid.uuid',
]);
const UNIQUE_NAMES = new Set(['uuid1', 'uuid4', 'uuid7', 'token_hex', 'token_urlsafe', 'ObjectId', 'nanoid', 'ulid']);
const TIME_CALLS = new Set([
  'time.time',
  'time.time_ns',
  'time.monotonic',
  'time.perf_counter',
  'time.ctime',
  'datetime.datetime.now',
  'datetime.datetime.utcnow',
  'datetime.datetime.today',
  'datetime.date.today',
  'datetime.now',
  'datetime.utcnow',
  'date.today',
]);
const TIME_FORMATS = new Set(['isoformat', 'timestamp', 'strftime', 'ctime', 'isoweekday']);
const PASS_THROUGH_METHODS = new Set([
  'lower',
  'upper',
  'strip',
  'lstrip',
  'rstrip',
  'title',
  'casefold',
  'replace',
  'removeprefix',
  'removesuffix',
  'encode',
  'decode',
  'format',
  'split',
  'rsplit',
  'partition',
  'join',
]);
const PASS_THROUGH_FUNCTIONS = new Set([
  'str',
  'int',
  'float',
  'round',
  'abs',
  'min',
  'max',
  'urllib.parse.quote',
  'urllib.parse.unquote',
  'urllib.parse.quote_plus',
  'math.floor',
  'math.ceil',
]);

export interface PythonCardinalityOptions {
  /** Extra route-template chains (`request.state.route_name`), from the rule's `routeTemplates` option. */
  routeTemplates: ReadonlyArray<readonly string[]>;
}

/**
 * The chain of names an access spells, with string subscripts and `.get("key")` as names:
 * `request.scope["route"].path` and `request.scope.get("route").path` are both `request.scope.route.path`.
 */
export function accessChain(node: PyNode | undefined): string[] | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
      return [node.text];
    case 'attribute': {
      const object = accessChain(field(node, 'object'));
      const attribute = field(node, 'attribute');
      return object && attribute ? [...object, attribute.text] : undefined;
    }
    case 'subscript': {
      const key = stringValue(field(node, 'subscript'));
      const value = accessChain(field(node, 'value'));
      return value && key !== undefined ? [...value, key] : undefined;
    }
    case 'call': {
      const callee = field(node, 'function');
      const [key] = positionalArguments(node);
      if (callee?.type !== 'attribute' || field(callee, 'attribute')?.text !== 'get') return undefined;
      const value = accessChain(field(callee, 'object'));
      const name = stringValue(key);
      return value && name !== undefined ? [...value, name] : undefined;
    }
    case 'parenthesized_expression':
      return accessChain(node.children[0]);
    default:
      return undefined;
  }
}

function endsWith(chain: readonly string[], tail: readonly string[]): boolean {
  if (tail.length > chain.length) return false;
  return tail.every((segment, index) => chain[chain.length - tail.length + index] === segment);
}

/** The receiver an access chain of length `depth` starts from (`request` of `request.url.path`, depth 2). */
function baseOf(node: PyNode, steps: number): PyNode {
  let current = node;
  for (let i = 0; i < steps; i++) {
    const next =
      current.type === 'attribute'
        ? field(current, 'object')
        : current.type === 'subscript'
          ? field(current, 'value')
          : current.type === 'call'
            ? field(field(current, 'function'), 'object')
            : current.type === 'parenthesized_expression'
              ? current.children[0]
              : undefined;
    if (!next) return current;
    current = next;
  }
  return current;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** Judges whether Python expressions used as label values take a bounded set of values. One per linted file. */
export class PythonLabelJudge {
  private readonly cache = new Map<PyNode, PythonValueVerdict>();
  /** Names that stand for a request in this file besides the usual ones (a starlette_exporter label callable's parameter). */
  private readonly extraRequests = new Set<PyNode>();
  readonly framework: PythonFramework | undefined;

  constructor(
    private readonly imports: PythonImports,
    private readonly options: PythonCardinalityOptions,
  ) {
    this.framework =
      imports.importsFrom('fastapi') || imports.importsFrom('starlette')
        ? 'starlette'
        : imports.importsFrom('flask')
          ? 'flask'
          : imports.importsFrom('django')
            ? 'django'
            : undefined;
  }

  /** A lambda or function whose first parameter is a request (starlette_exporter's label callables). */
  treatAsRequestParameter(fn: PyNode): void {
    this.extraRequests.add(fn);
  }

  judge(expression: PyNode, depth = 0): PythonValueVerdict {
    const cached = this.cache.get(expression);
    if (cached) return cached;
    this.cache.set(expression, UNKNOWN);
    const verdict = depth > 12 ? UNKNOWN : this.judgeUncached(expression, depth);
    this.cache.set(expression, verdict);
    return verdict;
  }

  private judgeUncached(node: PyNode, depth: number): PythonValueVerdict {
    switch (node.type) {
      case 'string':
        return isFString(node)
          ? this.combine(interpolations(node).map((each) => this.judge(each, depth + 1)))
          : BOUNDED;
      case 'concatenated_string':
        return this.combine(node.children.map((each) => this.judge(each, depth + 1)));
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'comparison_operator':
      case 'not_operator':
        return BOUNDED;
      case 'parenthesized_expression':
      case 'await':
        return node.children[0] ? this.judge(node.children[0], depth + 1) : UNKNOWN;
      case 'unary_operator':
        return this.judge(field(node, 'argument') ?? node.children[0], depth + 1);
      case 'binary_operator': {
        const parts = [field(node, 'left'), field(node, 'right')].flatMap((part) =>
          part?.type === 'tuple' && node.operator === '%' ? part.children : part ? [part] : [],
        );
        return this.combine(parts.map((part) => this.judge(part, depth + 1)));
      }
      case 'boolean_operator':
        return node.operator === 'and'
          ? this.judge(field(node, 'right')!, depth + 1)
          : this.judgeAlternatives(field(node, 'left')!, field(node, 'right')!, depth);
      case 'conditional_expression': {
        const [consequent, , alternate] = node.children;
        return consequent && alternate ? this.judgeAlternatives(consequent, alternate, depth) : UNKNOWN;
      }
      case 'attribute':
      case 'subscript':
        return this.judgeAccess(node, depth);
      case 'identifier':
        return this.judgeIdentifier(node, depth);
      case 'call':
        return this.judgeCall(node, depth);
      default:
        return UNKNOWN;
    }
  }

  /** `route.path if route else request.url.path`, `route_path or request.url.path`: the fallback is the problem. */
  private judgeAlternatives(first: PyNode, second: PyNode, depth: number): PythonValueVerdict {
    const a = this.judge(first, depth + 1);
    const b = this.judge(second, depth + 1);
    if (a.bounded === false && b.bounded !== false && this.isRouteTemplate(second)) return { ...a, reason: 'fallback' };
    if (b.bounded === false && this.isRouteTemplate(first)) return { ...b, reason: 'fallback' };
    return this.combine([a, b]);
  }

  isRouteTemplate(node: PyNode): boolean {
    const chain = accessChain(node);
    if (chain) return this.isTemplateChain(chain);
    if (node.type === 'call' && this.calleeName(node) === 'getattr') {
      const [object, attribute] = positionalArguments(node);
      const name = stringValue(attribute);
      const base = accessChain(object);
      return base !== undefined && name !== undefined && this.isTemplateChain([...base, name]);
    }
    if (node.type === 'conditional_expression') {
      const [consequent, , alternate] = node.children;
      return (
        (consequent !== undefined && this.isRouteTemplate(consequent)) ||
        (alternate !== undefined && this.isRouteTemplate(alternate))
      );
    }
    if (node.type === 'boolean_operator') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      return (left !== undefined && this.isRouteTemplate(left)) || (right !== undefined && this.isRouteTemplate(right));
    }
    if (node.type === 'parenthesized_expression' && node.children[0]) return this.isRouteTemplate(node.children[0]);
    return false;
  }

  private isTemplateChain(chain: readonly string[]): boolean {
    return [...ROUTE_TEMPLATES, ...this.options.routeTemplates].some(
      (template) => endsWith(chain, template) && (template.length > 1 || chain.length > 1),
    );
  }

  private isRequest(node: PyNode | undefined): boolean {
    if (!node || node.type !== 'identifier') return false;
    if (REQUEST_NAMES.has(node.text)) return true;
    for (const fn of this.extraRequests) {
      if (parameterNames(fn)[0] === node.text && ancestors(node).includes(fn)) return true;
    }
    return false;
  }

  /**
   * An exception object: bound by `except … as e` around it, or a parameter named like one (`exc` of a FastAPI
   * exception handler, `error`); a loop variable or an assignment of the same name is something else.
   */
  isException(node: PyNode | undefined): boolean {
    if (!node || node.type !== 'identifier') return false;
    if (this.isExceptAlias(node)) return true;
    if (!isErrorName(node.text) && node.text !== 'exc') return false;
    return this.parameterOwner(node) !== undefined;
  }

  private isExceptAlias(node: PyNode): boolean {
    return ancestors(node).some(
      (ancestor) =>
        ancestor.type === 'except_clause' &&
        ancestor.children.some((child) => child.type === 'as_pattern' && field(child, 'alias')?.text === node.text),
    );
  }

  private calleeName(call: PyNode): string | undefined {
    const callee = field(call, 'function');
    if (callee?.type === 'identifier') return this.imports.qualify(callee.text) ?? callee.text;
    return this.imports.qualifiedName(callee);
  }

  private judgeAccess(node: PyNode, depth: number): PythonValueVerdict {
    if (this.isRouteTemplate(node)) return BOUNDED;
    const chain = accessChain(node);
    const object = node.type === 'attribute' ? field(node, 'object') : field(node, 'value');
    // `type(e).__name__`, `e.__class__.__name__`: the class of an error is one of a few.
    if (node.type === 'attribute') {
      const attribute = field(node, 'attribute')?.text;
      if ((attribute === '__name__' || attribute === '__qualname__') && object) {
        if (object.type === 'call' && this.calleeName(object) === 'type') return BOUNDED;
        if (object.type === 'attribute' && field(object, 'attribute')?.text === '__class__') return BOUNDED;
      }
    }
    if (!chain) {
      // `parts[1]`, `path[:20]`: an element or slice of the value holds what it holds.
      if (node.type === 'subscript' && object) {
        const inner = this.judge(object, depth + 1);
        return inner.bounded === false
          ? { ...inner, node, subject: truncate(node.text), origin: inner.subject }
          : inner;
      }
      if (node.type === 'attribute' && object)
        return this.judgeMemberOf(node, object, field(node, 'attribute')?.text, depth);
      return UNKNOWN;
    }
    return this.judgeChain(node, chain, depth);
  }

  /** `x.attr` where `x` is not a plain chain (a call's result, a subscript with a computed key). */
  private judgeMemberOf(
    node: PyNode,
    object: PyNode,
    attribute: string | undefined,
    depth: number,
  ): PythonValueVerdict {
    if (attribute && TIME_FORMATS.has(attribute)) return UNKNOWN;
    if (object.type === 'call' && attribute) {
      const inner = this.judge(object, depth + 1);
      if (inner.bounded === false) return { ...inner, node, subject: truncate(node.text), origin: inner.subject };
    }
    const byName = attribute ? nameReason(attribute) : undefined;
    return byName ? this.unbounded(node, byName) : UNKNOWN;
  }

  private judgeChain(node: PyNode, chain: readonly string[], depth: number): PythonValueVerdict {
    const last = chain[chain.length - 1];
    const root = baseOf(node, chain.length - 1);
    const isRequestRoot = this.isRequest(root);
    // `os.environ["REGION"]`, `settings`-like constants read from the environment.
    if (this.imports.qualify(chain[0]) === 'os' && (chain[1] === 'environ' || chain[1] === 'getenv')) return BOUNDED;
    if (isRequestRoot && chain.length >= 2) {
      const verdict = this.judgeRequestChain(node, chain.slice(1), root);
      if (verdict) return verdict;
    }
    // A class-based view's `self.request` (Django, Django REST framework).
    if (chain[0] === 'self' && chain[1] === 'request' && chain.length >= 3) {
      const verdict = this.judgeRequestChain(node, chain.slice(2), baseOf(node, chain.length - 2));
      if (verdict) return verdict;
    }
    // An ASGI `scope["path"]` in middleware: the raw path; `scope["route"].path` was a template above.
    if (chain.length === 2 && chain[0] === 'scope') {
      if (chain[1] === 'path' || chain[1] === 'raw_path')
        return { ...this.unbounded(node, 'url'), requestBase: root, framework: 'starlette', viaScope: true };
      if (chain[1] === 'query_string') return this.unbounded(node, 'query');
      if (chain[1] === 'client') return this.unbounded(node, 'ip');
      if (chain[1] === 'method' || chain[1] === 'type' || chain[1] === 'scheme') return BOUNDED;
    }
    const owner = chain[chain.length - 2];
    if (
      owner !== undefined &&
      RESPONSE_NAMES.test(owner) &&
      chain.length === 2 &&
      BOUNDED_RESPONSE_PROPERTIES.has(last)
    )
      return BOUNDED;
    if (chain.length === 2 && this.isException(root)) {
      if (ERROR_MESSAGE_PROPERTIES.has(last)) return { ...this.unbounded(node, 'error-message'), exception: root };
      if (BOUNDED_ERROR_PROPERTIES.has(last)) return BOUNDED;
    }
    // `e.args[0]`
    if (chain.length === 1 && node.type === 'subscript') return UNKNOWN;
    if (chain.length === 1) return this.judgeIdentifier(node, depth);
    const byName = nameReason(last);
    if (byName) return this.unbounded(node, byName);
    return UNKNOWN;
  }

  /** What a request's property holds; `rest` is the chain after the request (`url.path`, `headers.user-agent`). */
  private judgeRequestChain(node: PyNode, rest: readonly string[], request: PyNode): PythonValueVerdict | undefined {
    const [first, second] = rest;
    const framework = (): PythonFramework | undefined => {
      if (first === 'scope') return 'starlette';
      if (first === 'full_path' || first === 'url_root') return 'flask';
      if (first === 'path_info') return 'django';
      return this.framework;
    };
    if (rest.length === 1 && BOUNDED_REQUEST_PROPERTIES.has(first)) return BOUNDED;
    if (first === 'url' && rest.length === 2) {
      if (second === 'scheme' || second === 'is_secure') return BOUNDED;
      if (second === 'query') return this.unbounded(node, 'query');
      if (second === 'hostname' || second === 'netloc' || second === 'port') return this.unbounded(node, 'header');
      if (second === 'path' || second === 'fragment' || second === 'components')
        return { ...this.unbounded(node, 'url'), requestBase: request, framework: 'starlette' };
      return undefined;
    }
    if (first === 'scope' && rest.length === 2) {
      if (second === 'path' || second === 'raw_path')
        return { ...this.unbounded(node, 'url'), requestBase: request, framework: 'starlette' };
      if (second === 'query_string') return this.unbounded(node, 'query');
      if (second === 'client') return this.unbounded(node, 'ip');
      if (second === 'method' || second === 'type') return BOUNDED;
      return undefined;
    }
    if (rest.length === 1 && URL_PROPERTIES.has(first)) {
      if (first === 'base_url' || first === 'url_root') return this.unbounded(node, 'header');
      return { ...this.unbounded(node, 'url'), requestBase: request, framework: framework() };
    }
    if (first === 'client' || first === 'remote_addr' || first === 'access_route') return this.unbounded(node, 'ip');
    if (first === 'host' || first === 'host_url') return this.unbounded(node, 'header');
    if (QUERY_PROPERTIES.has(first))
      return this.unbounded(node, rest.length > 1 ? (nameReason(rest[1]) ?? 'query') : 'query');
    if (BODY_PROPERTIES.has(first))
      return this.unbounded(node, rest.length > 1 ? (nameReason(rest[1]) ?? 'body') : 'body');
    if (PARAM_PROPERTIES.has(first))
      return rest.length > 1 ? this.unbounded(node, nameReason(rest[1]) ?? 'id') : this.unbounded(node, 'id');
    if (HEADER_PROPERTIES.has(first)) {
      if (rest.length < 2) return this.unbounded(node, 'header');
      const header = rest[1];
      if (IP_HEADERS.test(header)) return this.unbounded(node, 'ip');
      return this.unbounded(
        node,
        first.toLowerCase() === 'cookies' ? (nameReason(header) ?? 'token') : (nameReason(header) ?? 'header'),
      );
    }
    // `request.user.id`, `request.user.email`, `request.user.username`; `request.user.plan` is not.
    if (first === 'user' && rest.length === 2) {
      const reason = nameReason(second);
      if (reason) return this.unbounded(node, reason === 'email' ? 'email' : 'user');
      if (/^(username|login|name|sub|pk)$/.test(second)) return this.unbounded(node, 'user');
      return undefined;
    }
    if (first === 'user' && rest.length === 1) return this.unbounded(node, 'user');
    if (first === 'session' && rest.length === 2 && (second === 'session_key' || second === 'sid'))
      return this.unbounded(node, 'id');
    return undefined;
  }

  private judgeIdentifier(node: PyNode, depth: number): PythonValueVerdict {
    const name = node.text;
    if (this.isExceptAlias(node)) return { ...this.unbounded(node, 'error-message'), exception: node };
    const held = this.heldValues(node);
    if (held) {
      const verdict = this.combine(held.map((value) => this.judge(value, depth + 1)));
      if (verdict.bounded === false)
        return {
          ...verdict,
          node,
          subject: name,
          origin: verdict.origin ?? verdict.subject,
          requestBase: undefined,
          exception: undefined,
        };
      if (verdict.bounded === true) return verdict;
    } else if (this.hasBoundedAnnotation(node)) {
      return BOUNDED;
    }
    const byName = nameReason(name);
    if (byName) return this.unbounded(node, byName);
    const fn = held ? undefined : this.parameterOwner(node);
    return fn ? this.judgeParameter(fn, name, depth) : UNKNOWN;
  }

  /** The function `node` is a parameter of, when it is one (and not also assigned in the function). */
  private parameterOwner(node: PyNode): PyNode | undefined {
    const fn = ancestors(node).find(
      (each) => (each.type === 'function_definition' || each.type === 'lambda') && bindsName(each, node.text),
    );
    return fn?.type === 'function_definition' && parameterNames(fn).includes(node.text) ? fn : undefined;
  }

  /**
   * A helper's parameter used as a label value (`def record(path): REQUESTS.labels(path).inc()`): judged by what the
   * calls of this module pass it: `record(...)`, or `self.record(...)` / `Class.record(...)` for a method.
   */
  private judgeParameter(fn: PyNode, name: string, depth: number): PythonValueVerdict {
    const fnName = field(fn, 'name')?.text;
    const module = ancestors(fn).find((each) => each.type === 'module');
    if (!fnName || !module) return UNKNOWN;
    const owner = fn.parent?.parent?.type === 'class_definition' ? fn.parent.parent : undefined;
    const className = owner ? field(owner, 'name')?.text : undefined;
    const parameters = parameterNames(fn);
    const isStatic =
      owner !== undefined &&
      fn.parent?.type === 'decorated_definition' &&
      fn.parent.children.some((child) => child.type === 'decorator' && child.text === '@staticmethod');
    const offset = owner && !isStatic ? 1 : 0;
    const index = parameters.indexOf(name) - offset;
    let found: PythonUnbounded | undefined;
    walk(module, (call) => {
      if (found) return false;
      if (call.type !== 'call') return undefined;
      const callee = field(call, 'function');
      const matches = owner
        ? callee?.type === 'attribute' &&
          field(callee, 'attribute')?.text === fnName &&
          ['self', 'cls', className].includes(field(callee, 'object')?.text)
        : callee?.type === 'identifier' && callee.text === fnName;
      if (!matches) return undefined;
      const argument = keywordArgument(call, name) ?? (index >= 0 ? positionalArguments(call)[index] : undefined);
      const verdict = argument ? this.judge(argument, depth + 1) : UNKNOWN;
      if (verdict.bounded === false) found = { ...verdict, viaParameter: true };
      return undefined;
    });
    return found ?? UNKNOWN;
  }

  /**
   * The values assigned to a variable in the scope it is read in (every `name = …` of that function, or of the
   * module), when it is bound only by plain assignments there; undefined for parameters, loop targets and others.
   */
  private heldValues(node: PyNode): PyNode[] | undefined {
    const name = node.text;
    const scope =
      ancestors(node).find(
        (each) => (each.type === 'function_definition' || each.type === 'lambda') && bindsName(each, name),
      ) ?? ancestors(node).find((each) => each.type === 'module');
    if (!scope) return undefined;
    const body = scope.type === 'module' ? scope : field(scope, 'body');
    if (!body) return undefined;
    if (scope.type !== 'module' && parameterNames(scope).includes(name)) return undefined;
    const values: PyNode[] = [];
    let other = false;
    walk(body, (each) => {
      if (
        each !== body &&
        (each.type === 'function_definition' || each.type === 'lambda' || each.type === 'class_definition')
      )
        return false;
      if (each.type === 'assignment' && targetNames(field(each, 'left')).includes(name)) {
        const left = field(each, 'left');
        const right = field(each, 'right');
        if (left?.type === 'identifier' && right) values.push(right);
        else other = true;
      } else if (
        (each.type === 'augmented_assignment' || each.type === 'for_statement') &&
        targetNames(field(each, 'left')).includes(name)
      ) {
        other = true;
      } else if (each.type === 'as_pattern_target' && each.text === name) {
        other = true;
      }
      return undefined;
    });
    return values.length > 0 && !other ? values : undefined;
  }

  /** A parameter annotated `Literal[...]`, `bool` or an `Enum`-like type named so: a bounded set of values. */
  private hasBoundedAnnotation(node: PyNode): boolean {
    const fn = ancestors(node).find((each) => each.type === 'function_definition');
    const parameters = fn ? field(fn, 'parameters') : undefined;
    for (const parameter of parameters?.children ?? []) {
      if (parameter.type !== 'typed_parameter' && parameter.type !== 'typed_default_parameter') continue;
      const bound = parameter.children.find((child) => child.type === 'identifier' && child.field !== 'type');
      const named = field(parameter, 'name') ?? bound;
      if (named?.text !== node.text) continue;
      const type = field(parameter, 'type')?.text.replace(/\s+/g, '') ?? '';
      return /^(typing\.)?Literal\[/.test(type) || type === 'bool';
    }
    return false;
  }

  private judgeCall(node: PyNode, depth: number): PythonValueVerdict {
    const name = this.calleeName(node);
    const callee = field(node, 'function');
    const args = positionalArguments(node);
    const method = callee?.type === 'attribute' ? field(callee, 'attribute')?.text : undefined;
    const receiver = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
    if (name === 'type' || name === 'bool' || name === 'len' || name === 'isinstance')
      return name === 'len' ? UNKNOWN : BOUNDED;
    if (name === 'str' || name === 'repr' || name === 'format') {
      const [value] = args;
      if (value && this.isException(value)) return { ...this.unbounded(node, 'error-message'), exception: value };
    }
    if (name === 'traceback.format_exc' || name === 'traceback.format_exception')
      return this.unbounded(node, 'error-message');
    if (name && (UNIQUE_CALLS.has(name) || UNIQUE_NAMES.has(name.split('.').pop() ?? '')))
      return this.unbounded(node, 'unique');
    if (name && TIME_CALLS.has(name)) return this.unbounded(node, 'time');
    if (name === 'getattr') {
      const [object, attribute, fallback] = args;
      const attributeName = stringValue(attribute);
      const base = accessChain(object);
      if (base && attributeName !== undefined && this.isTemplateChain([...base, attributeName]))
        return fallback ? this.judgeAlternatives(node, fallback, depth) : BOUNDED;
      return UNKNOWN;
    }
    if (receiver && method) {
      const chain = accessChain(receiver);
      // Django's `request.get_full_path()`, `request.build_absolute_uri()`, `request.get_host()`; `request.json()`.
      if (this.isRequest(receiver)) {
        if (method === 'get_full_path' || method === 'build_absolute_uri' || method === 'get_full_path_info')
          return { ...this.unbounded(node, 'url'), requestBase: receiver, framework: 'django' };
        if (method === 'get_host') return this.unbounded(node, 'header');
        if (
          method === 'json' ||
          method === 'body' ||
          method === 'form' ||
          method === 'get_json' ||
          method === 'get_data'
        )
          return this.unbounded(node, 'body');
      }
      if (method === 'get' && chain) return this.judgeChainCall(node, depth);
      if (TIME_FORMATS.has(method)) {
        const inner = this.judge(receiver, depth + 1);
        return inner.bounded === false && inner.reason === 'time'
          ? { ...inner, node, subject: truncate(node.text) }
          : UNKNOWN;
      }
      if (PASS_THROUGH_METHODS.has(method)) {
        const parts = [receiver, ...args].filter((part) => part.type !== 'string' || isFString(part));
        // `"{} {}".format(request.method, request.url.path)`: the culprit is one of the parts, not the whole text.
        if (method === 'format' || method === 'join')
          return this.combine(parts.map((part) => this.judge(part, depth + 1)));
        return this.passThrough(node, parts, depth);
      }
    }
    if (name && PASS_THROUGH_FUNCTIONS.has(name)) return this.passThrough(node, args, depth);
    return UNKNOWN;
  }

  /** `request.headers.get("user-agent")`, `payload.get("user_id")`: judged as the access they spell. */
  private judgeChainCall(node: PyNode, depth: number): PythonValueVerdict {
    const chain = accessChain(node);
    if (!chain) return UNKNOWN;
    const verdict = this.judgeChain(node, chain, depth);
    const fallback = positionalArguments(node)[1] ?? keywordArgument(node, 'default');
    if (verdict.bounded !== false && fallback && this.isRouteTemplate(node)) {
      const other = this.judge(fallback, depth + 1);
      if (other.bounded === false) return { ...other, reason: 'fallback' };
    }
    return verdict;
  }

  /** `str(x)`, `x.lower()`, `"{}".format(x)`: as bounded as what goes in; reported on the whole call. */
  private passThrough(node: PyNode, parts: readonly PyNode[], depth: number): PythonValueVerdict {
    const verdict = this.combine(parts.map((part) => this.judge(part, depth + 1)));
    return verdict.bounded === false
      ? { ...verdict, node, subject: truncate(node.text), origin: verdict.origin ?? verdict.subject }
      : verdict;
  }

  unbounded(node: PyNode, reason: CardinalityReason): PythonUnbounded {
    return { bounded: false, reason, subject: truncate(node.text), node };
  }

  private combine(verdicts: readonly PythonValueVerdict[]): PythonValueVerdict {
    const unbounded = verdicts.find((verdict): verdict is PythonUnbounded => verdict.bounded === false);
    if (unbounded) return unbounded;
    return verdicts.every((verdict) => verdict.bounded === true) ? BOUNDED : UNKNOWN;
  }
}
