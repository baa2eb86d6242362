import type { PyNode } from '../../languages/python/nodes';
import type { PythonImports } from '../../languages/python/imports';
import { calleeMethod, dottedName, field, isFString, stringValue, walk } from '../../languages/python/query';
import { truncate } from '../ast';
import { personRecordName } from '../person-records';
import { describeName } from '../self-description';
import { BEARER_BEFORE_VALUE, GETTER_VERBS, isSanitizerName, LABEL_BEFORE_VALUE, MASK_TEXT } from '../sensitive-flow';
import { type Category, classifyNameCached, type NameOptions } from '../sensitive-names';
import { isErrorName, splitWords } from '../words';
import type { PyBinding, PythonBindings } from './bindings';
import { type PyFormatStyle, unwrap } from './loggers';
import type { ModelInfo } from './models';

/** One sensitive value found in what a Python log call writes. */
export interface PyFinding {
  /** Where it enters the log call (an argument, a keyword or dict value, an interpolation, an alias). */
  node: PyNode;
  /** What leaks, as written: `password`, `request.headers`, `body.model_dump()`. */
  subject: string;
  category: Category;
  /** `fields`: an object whose class has sensitive fields; `record`: a person record serialised whole. */
  kind: 'value' | 'fields' | 'request' | 'environment' | 'record';
  /** When `node` is an alias, the expression it holds. */
  origin?: string;
  fields?: ReadonlyArray<{ name: string; category: Category }>;
  /** The object whose `.id` can be logged instead (`body` for `body.model_dump()`). */
  idOf?: PyNode;
}

/** A parameter of a function the value came from: the function then forwards that parameter to the log. */
export interface PyParameterReference {
  fn: PyNode;
  /** Its position among the function's parameters, and its name (for keyword arguments at the call). */
  index: number;
  name: string;
  /** `*args`: every positional argument from `index` on. */
  rest: boolean;
}

export interface PyFlowResult {
  /** Provably harmless: a constant, a number, a boolean, a length, a sanitizer's output. */
  safe: boolean;
  findings: PyFinding[];
  parameters: PyParameterReference[];
}

const SAFE: PyFlowResult = Object.freeze({ safe: true, findings: [], parameters: [] });
const UNKNOWN: PyFlowResult = Object.freeze({ safe: false, findings: [], parameters: [] });

export interface PyFlowOptions {
  names: NameOptions;
  enabledCategories: ReadonlySet<Category>;
  /** Exact callee names (`redact`, `mask_pan`, `utils.redact`) whose results are safe, besides the sanitizer words. */
  sanitizers: ReadonlySet<string>;
}

/** What a class holds (`email: str`, `password = Column(String)`), by class name; undefined when unknown. */
export type ModelLookup = (className: string) => ModelInfo | undefined;

const LITERALS = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis', 'lambda', 'comparison_operator']);
/** Calls whose result says nothing of the value: lengths, truth, numbers, types, predicates. */
const SAFE_CALLS = new Set([
  'len',
  'bool',
  'int',
  'float',
  'isinstance',
  'issubclass',
  'hasattr',
  'callable',
  'type',
  'id',
  'any',
  'all',
  'sum',
  'abs',
  'round',
  'hash',
  'count',
  'startswith',
  'endswith',
  'isdigit',
  'isalpha',
  'isalnum',
  'isupper',
  'islower',
  'isspace',
  'keys',
  'exists',
  'verify',
  'check_password',
  'verify_password',
  'compare_digest',
  'checkpw',
  'match',
  'fullmatch',
  'time',
  'monotonic',
  'perf_counter',
  'now',
  'utcnow',
  'uuid4',
  'getsizeof',
]);
/** Calls that pass their argument's or receiver's content through: `str(x)`, `x.strip()`, `json.dumps(x)`. */
const PASS_THROUGH_CALLS = new Set([
  'str',
  'repr',
  'format',
  'dumps',
  'dict',
  'list',
  'tuple',
  'set',
  'frozenset',
  'sorted',
  'reversed',
  'copy',
  'deepcopy',
  'strip',
  'lstrip',
  'rstrip',
  'lower',
  'upper',
  'title',
  'casefold',
  'capitalize',
  'encode',
  'decode',
  'replace',
  'split',
  'rsplit',
  'join',
  'removeprefix',
  'removesuffix',
  'ljust',
  'rjust',
  'zfill',
  'center',
  'items',
  'values',
  'b64encode',
  'urlsafe_b64encode',
  'b64decode',
  'quote',
  'quote_plus',
  'urlencode',
  'pformat',
]);
/** Calls that write an object out field by field: `body.model_dump()`, `vars(user)`, `asdict(user)`. */
const SERIALISING_METHODS = new Set([
  'dict',
  'model_dump',
  'json',
  'model_dump_json',
  'to_dict',
  'as_dict',
  'asdict',
  '_asdict',
  'to_json',
  'serialize',
]);
const SERIALISING_FUNCTIONS = new Set(['vars', 'asdict', 'jsonable_encoder', 'model_to_dict', 'to_dict']);
/** Constructors and validators of a model class: `SignUp(**data)`, `SignUp.model_validate(data)`. */
const MODEL_BUILDERS = new Set([
  'parse_obj',
  'parse_raw',
  'model_validate',
  'model_validate_json',
  'from_orm',
  'construct',
  'model_construct',
]);
/** Readers of a named entry: `headers.get('authorization')`, `os.getenv('API_KEY')`, `data.pop('password')`. */
const NAMED_GETTERS = new Set(['get', 'getenv', 'getlist', 'pop', 'setdefault', 'get_secret', 'getitem']);
const REQUEST_NAMES = new Set(['req', 'request', 'incoming', 'incoming_request', 'raw_request', 'websocket', 'ws']);
/** What a request object carries that can hold credentials and personal data (Starlette, Flask, Django). */
const REQUEST_CARRIERS = new Set([
  'headers',
  'cookies',
  'query_params',
  'session',
  'form',
  'args',
  'values',
  'json',
  'data',
  'body',
  'files',
  'POST',
  'GET',
  'COOKIES',
  'META',
  'scope',
]);
/** Request methods that return the body: `await request.json()`, `request.get_json()`. */
const REQUEST_READERS = new Set(['json', 'body', 'form', 'get_json', 'get_data', 'stream', 'read']);
/** Attributes of a request that are fine to log whole. */
const SAFE_REQUEST_PARTS = new Set(['method', 'url', 'path', 'path_params', 'client', 'base_url', 'state', 'app']);

/** Decides which sensitive values a Python expression carries. One per linted file. */
export class PythonSensitiveFlow {
  private readonly cache = new Map<PyNode, PyFlowResult>();
  private readonly inProgress = new Set<PyNode>();

  constructor(
    private readonly imports: PythonImports,
    private readonly bindings: PythonBindings,
    private readonly options: PyFlowOptions,
    private readonly modelLookup: ModelLookup,
  ) {}

  evaluate(expression: PyNode, depth = 0): PyFlowResult {
    if (depth > 12) return UNKNOWN;
    const node = unwrap(expression);
    if (LITERALS.has(node.type)) return SAFE;
    switch (node.type) {
      case 'string':
        return isFString(node) ? this.evaluateFString(node, depth) : SAFE;
      case 'concatenated_string':
        return this.combine(node.children.map((part) => this.evaluate(part, depth + 1)));
      case 'identifier':
        return this.evaluateIdentifier(node, depth);
      case 'attribute':
        return this.evaluateAttribute(node, depth);
      case 'subscript':
        return this.evaluateSubscript(node, depth);
      case 'call':
        return this.evaluateCall(node, depth);
      case 'dictionary':
        return this.evaluateDictionary(node, depth);
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return this.combine(node.children.map((element) => this.evaluate(element, depth + 1)));
      case 'list_splat':
      case 'dictionary_splat':
        return node.children[0] ? this.evaluate(node.children[0], depth + 1) : UNKNOWN;
      case 'binary_operator':
        return this.evaluateBinary(node, depth);
      case 'unary_operator':
      case 'not_operator':
        return SAFE;
      case 'boolean_operator':
        return this.combine(node.children.map((part) => this.evaluate(part, depth + 1)));
      case 'conditional_expression': {
        // `a if condition else b`: the condition is not written.
        const [consequence, , alternative] = node.children;
        return this.combine(
          [consequence, alternative].flatMap((part) => (part ? [this.evaluate(part, depth + 1)] : [])),
        );
      }
      case 'named_expression': {
        const value = field(node, 'value');
        return value ? this.evaluate(value, depth + 1) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /**
   * A value written under a key (a keyword argument, a dict entry, an `extra` key): judged by its own name first,
   * and by the key when the value says nothing of itself.
   */
  evaluateKeyed(key: string | undefined, valueNode: PyNode, depth = 0): PyFlowResult {
    const value = this.evaluate(valueNode, depth + 1);
    if (value.safe || value.findings.length > 0 || key === undefined) return value;
    const read = unwrap(valueNode);
    const owner = read.type === 'attribute' ? terminalName(field(read, 'object')) : undefined;
    const verdict = this.judgeName(key, undefined) && this.judgeName(key, owner);
    if (!verdict || this.labelGivesWay(valueNode, verdict)) return value;
    return this.result([this.finding(valueNode, key, verdict, 'value')], false, value.parameters);
  }

  /**
   * The arguments that fill a message's placeholders: each is judged on its own, and a label right before its
   * placeholder (`"password=%s"`) marks a value whose own name says nothing.
   */
  evaluateFormatted(format: string | undefined, style: PyFormatStyle, values: readonly PyNode[]): PyFlowResult {
    const labels = style !== 'none' ? placeholderLabels(format, style) : [];
    return this.combine(values.map((value, index) => this.labelled(value, labels[index] ?? '', 0)));
  }

  private labelled(part: PyNode, textBefore: string, depth: number): PyFlowResult {
    const value = this.evaluate(part, depth + 1);
    if (!value.safe && value.findings.length === 0) {
      const label =
        LABEL_BEFORE_VALUE.exec(textBefore)?.[1] ?? (BEARER_BEFORE_VALUE.test(textBefore) ? 'bearer' : undefined);
      const verdict = label ? this.judgeName(label, undefined) : undefined;
      if (verdict && !this.labelGivesWay(part, verdict))
        return this.result([this.finding(part, truncate(part.text), verdict, 'value')], false, value.parameters);
    }
    // `f"{user}"` of an object of unknown class prints whatever its `__str__` says: only a record written out by a
    // serialising call, or an object whose class lists its fields, reaches the line.
    return this.result(
      value.findings.filter((finding) => finding.kind !== 'record' || unwrap(part).type === 'call'),
      value.safe,
      value.parameters,
    );
  }

  private evaluateFString(node: PyNode, depth: number): PyFlowResult {
    const results: PyFlowResult[] = [];
    let textBefore = '';
    for (const child of node.children) {
      if (child.type === 'string_content' || child.type === 'escape_sequence') textBefore += child.text;
      else if (child.type === 'interpolation') {
        const expression = field(child, 'expression');
        if (expression) results.push(this.labelled(expression, textBefore, depth));
        textBefore = '';
      }
    }
    return this.combine(results);
  }

  private evaluateBinary(node: PyNode, depth: number): PyFlowResult {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return UNKNOWN;
    if (node.operator === '+') {
      const parts: PyNode[] = [];
      flattenConcatenation(node, parts);
      const results: PyFlowResult[] = [];
      let textBefore = '';
      for (const part of parts) {
        const literal = stringValue(part);
        if (literal !== undefined) {
          textBefore += literal;
          continue;
        }
        results.push(this.labelled(part, textBefore, depth));
        textBefore = '';
      }
      return this.combine(results);
    }
    if (node.operator === '%') {
      const format = unwrap(left);
      if (format.type !== 'string' && format.type !== 'concatenated_string') return SAFE;
      const values = unwrap(right);
      const list = values.type === 'tuple' ? values.children : [values];
      return this.combine([
        this.evaluate(format, depth + 1),
        this.evaluateFormatted(stringValue(format), 'percent', list),
      ]);
    }
    // Arithmetic, bit operations, `"*" * len(x)`: numbers or masks.
    return SAFE;
  }

  private evaluateIdentifier(node: PyNode, depth: number): PyFlowResult {
    const name = node.text;
    if (name === 'None' || name === 'True' || name === 'False' || name === '__name__') return SAFE;
    const byName = this.judgeName(name, undefined);
    const binding = this.bindings.bindingOf(node);
    let held: PyFlowResult = UNKNOWN;
    if (binding?.kind === 'writes') {
      held = this.evaluateWrites(binding, depth);
      if (held.safe) return SAFE;
    } else if (binding?.kind === 'parameter' && !byName) {
      const parameter = parameterReference(binding.scope, binding.parameter, name);
      if (parameter) held = { safe: false, findings: [], parameters: [parameter] };
    }
    if (byName) return this.result([this.finding(node, name, byName, 'value')], false, held.parameters);
    if (held.findings.length > 0)
      return this.result(
        held.findings.map((finding) => this.asAlias(finding, node)),
        false,
        held.parameters,
      );
    // An ORM object prints as `<User 1>`; a Pydantic model or a dataclass prints its fields.
    const model = this.modelOf(node, binding);
    if (model?.printsFields) return this.fieldsResult(node, name, model.fields, node);
    return held;
  }

  /** Union of what the reaching writes hold; safe only when every write is. */
  private evaluateWrites(binding: Extract<PyBinding, { kind: 'writes' }>, depth: number): PyFlowResult {
    const key = binding.writes[0].statement;
    const cached = this.cache.get(key);
    if (cached && binding.writes.length === 1) return cached;
    if (this.inProgress.has(key)) return UNKNOWN;
    this.inProgress.add(key);
    const results = binding.writes.map((write): PyFlowResult => {
      if (!write.value) return UNKNOWN;
      if (write.how === 'value') return this.evaluate(write.value, depth + 1);
      if (write.how === 'element') {
        const iterable = this.evaluate(write.value, depth + 1);
        return this.result(
          iterable.findings.filter((finding) => finding.kind === 'value'),
          iterable.safe,
          iterable.parameters,
        );
      }
      return UNKNOWN;
    });
    const result = this.combine(results);
    this.inProgress.delete(key);
    if (binding.writes.length === 1) this.cache.set(key, result);
    return result;
  }

  private evaluateAttribute(node: PyNode, depth: number): PyFlowResult {
    const object = field(node, 'object');
    const attribute = field(node, 'attribute')?.text;
    if (!object || attribute === undefined) return UNKNOWN;
    if (attribute === '__dict__') return this.serialised(node, object, depth);
    return this.evaluateAccess(node, object, attribute);
  }

  private evaluateSubscript(node: PyNode, depth: number): PyFlowResult {
    const object = field(node, 'value');
    const subscript = field(node, 'subscript');
    if (!object || !subscript) return UNKNOWN;
    const key = stringValue(subscript);
    if (key !== undefined) return this.evaluateAccess(node, object, key);
    // `tokens[0]`, `headers[name]`: an element of something sensitive is still sensitive.
    const container = this.evaluate(object, depth + 1);
    return this.result(
      container.findings.map((finding) => ({ ...finding, node, subject: truncate(node.text), origin: undefined })),
    );
  }

  /** `base.key` or `base["key"]`: the environment, request carriers, then the key's name read from `base`. */
  private evaluateAccess(node: PyNode, base: PyNode, key: string): PyFlowResult {
    const baseName = terminalName(base);
    const display = truncate(node.text);
    const qualified = this.imports.qualify(dottedName(base));
    if (qualified === 'os.environ') {
      const verdict = this.judgeName(key, undefined);
      return verdict ? this.result([this.finding(node, display, verdict, 'value')]) : SAFE;
    }
    if (this.imports.qualify(dottedName(node)) === 'os.environ')
      return this.enabledResult(node, display, 'environment', 'environment');
    if (baseName !== undefined && REQUEST_NAMES.has(baseName) && base.type === 'identifier') {
      if (REQUEST_CARRIERS.has(key)) return this.enabledResult(node, display, 'request-data', 'request');
      if (SAFE_REQUEST_PARTS.has(key)) return UNKNOWN;
    }
    const verdict = this.judgeName(key, baseName);
    // `settings.api_key: SecretStr` prints as `**********`.
    if (verdict && base.type === 'identifier' && this.modelOf(base, undefined)?.masked.includes(key)) return SAFE;
    if (verdict) return this.result([this.finding(node, display, verdict, 'value')]);
    if (key === 'id' || key === 'pk' || key === '__class__' || key === '__name__') return SAFE;
    // `body.username` of a model whose other fields are sensitive is a field of its own, judged by its name.
    return UNKNOWN;
  }

  private evaluateCall(node: PyNode, depth: number): PyFlowResult {
    const callee = field(node, 'function');
    const name = terminalName(callee);
    if (!callee || name === undefined) return UNKNOWN;
    const receiver = callee.type === 'attribute' ? field(callee, 'object') : undefined;
    const args = positional(node);
    if (this.isSanitizer(name, callee)) return SAFE;
    if (SAFE_CALLS.has(name)) return SAFE;
    const words = splitWords(name);
    if (words.length > 1 && /^(is|has|can|should|check|validate|verify|count|num)$/.test(words[0])) return SAFE;
    // `os.getenv('API_KEY')`, `os.environ.get('SECRET')`: judged by the variable's name.
    const qualified = this.imports.qualify(dottedName(callee));
    if (qualified === 'os.getenv' || qualified === 'os.environ.get') {
      const key = stringValue(args[0]);
      const verdict = key !== undefined ? this.judgeName(key, undefined) : undefined;
      return verdict ? this.result([this.finding(node, truncate(node.text), verdict, 'value')]) : SAFE;
    }
    if (receiver) {
      const receiverName = terminalName(receiver);
      // `await request.json()`, `await request.body()`, `request.get_json()`: the body as sent.
      if (receiverName !== undefined && REQUEST_NAMES.has(receiverName) && REQUEST_READERS.has(name))
        return this.enabledResult(node, `${truncate(callee.text)}()`, 'request-data', 'request');
      if (SERIALISING_METHODS.has(name) && args.length === 0) return this.serialised(node, receiver, depth);
      if (name === 'replace' && isMaskingReplacement(args[1])) return SAFE;
      const key = NAMED_GETTERS.has(name) ? stringValue(args[0]) : undefined;
      if (key !== undefined) {
        const verdict = this.judgeName(key, receiverName);
        return verdict ? this.result([this.finding(node, truncate(node.text), verdict, 'value')]) : UNKNOWN;
      }
    } else if (SERIALISING_FUNCTIONS.has(name) && args[0]) {
      return this.serialised(node, args[0], depth);
    }
    const returned = this.judgeReturnedSecret(name, receiver);
    if (returned) return this.result([this.finding(node, `${truncate(callee.text, 40)}()`, returned, 'value')]);
    if (PASS_THROUGH_CALLS.has(name)) {
      const parts = args.map((argument) => this.evaluate(argument, depth + 1));
      if (receiver && !isModuleLike(receiver) && !this.isImportedName(receiver))
        parts.push(this.evaluate(receiver, depth + 1));
      const combined = this.combine(parts);
      return combined;
    }
    return UNKNOWN;
  }

  /** `jwt` in `jwt.encode(…)`, `base64` in `base64.b64encode(…)`: a module, not a value. */
  private isImportedName(node: PyNode): boolean {
    const value = unwrap(node);
    if (value.type !== 'identifier') return false;
    return this.bindings.isImported(value);
  }

  /** `body.model_dump()`, `vars(user)`, `user.__dict__`: every field of the object is written. */
  private serialised(node: PyNode, object: PyNode, depth: number): PyFlowResult {
    const subject = truncate(node.text);
    const model = this.modelOf(object, undefined);
    if (model) return this.fieldsResult(node, subject, model.fields, object);
    const value = this.evaluate(object, depth + 1);
    if (value.findings.length > 0) return this.result(value.findings.map((finding) => ({ ...finding, node, subject })));
    const record = personRecordName(terminalName(object) ?? '');
    if (record && this.enabled('contact')) {
      return this.result([
        { ...this.finding(node, subject, 'contact', 'record'), idOf: record.plural ? undefined : object },
      ]);
    }
    return value.safe ? SAFE : UNKNOWN;
  }

  private evaluateDictionary(node: PyNode, depth: number): PyFlowResult {
    const parts: PyFlowResult[] = [];
    const entries = node.children.filter((entry) => entry.type === 'pair' || entry.type === 'dictionary_splat');
    entries.forEach((entry, index) => {
      if (entry.type === 'pair') {
        const key = field(entry, 'key');
        const value = field(entry, 'value');
        if (value) parts.push(this.evaluateKeyed(stringValue(key), value, depth));
        return;
      }
      // `{**request.headers, "authorization": "***"}`: a later key replaces what the spread carried under it.
      const replaced = entries
        .slice(index + 1)
        .flatMap((later) => (later.type === 'pair' ? [stringValue(field(later, 'key'))] : []))
        .filter((key): key is string => key !== undefined);
      const spread = this.evaluate(entry, depth + 1);
      parts.push(replaced.length > 0 ? this.withoutKeys(spread, replaced) : spread);
    });
    return this.withoutQueryBesideUrl(entries, this.combine(parts));
  }

  /** What remains of a spread once later keys replace `keys`: replacing a sensitive key of a whole request is intent. */
  private withoutKeys(value: PyFlowResult, keys: readonly string[]): PyFlowResult {
    const lowered = keys.map((key) => key.toLowerCase());
    const removesSensitive = keys.some((key) => this.judgeName(key, undefined));
    const kept: PyFinding[] = [];
    for (const finding of value.findings) {
      if (finding.kind === 'request' || finding.kind === 'environment') {
        if (!removesSensitive) kept.push(finding);
      } else if (finding.fields) {
        const fields = finding.fields.filter((each) => !lowered.includes(each.name.toLowerCase()));
        if (fields.length > 0) kept.push({ ...finding, fields, category: fields[0].category });
      } else kept.push(finding);
    }
    return this.result(kept, kept.length === 0 && value.findings.length > 0, value.parameters);
  }

  /**
   * `{"url": str(request.url), "query": request.query_params}`: the URL carries the query string the parameters
   * were parsed from, and the URL is accepted; the parsed copy beside it exposes nothing more (as in JavaScript).
   */
  private withoutQueryBesideUrl(entries: readonly PyNode[], result: PyFlowResult): PyFlowResult {
    const urls = new Set<string>();
    for (const entry of entries) {
      let value = entry.type === 'pair' ? field(entry, 'value') : undefined;
      if (value?.type === 'call' && terminalName(field(value, 'function')) === 'str') value = positional(value)[0];
      const object =
        value?.type === 'attribute' && field(value, 'attribute')?.text === 'url' ? field(value, 'object') : undefined;
      if (object) urls.add(object.text);
    }
    if (urls.size === 0) return result;
    const kept = result.findings.filter(
      (finding) =>
        !(
          finding.kind === 'request' &&
          finding.node.type === 'attribute' &&
          field(finding.node, 'attribute')?.text === 'query_params' &&
          urls.has(field(finding.node, 'object')?.text ?? '')
        ),
    );
    return kept.length === result.findings.length
      ? result
      : this.result(kept, kept.length === 0 && result.parameters.length === 0, result.parameters);
  }

  /** The fields of the class an expression is an instance of, when that class is known. */
  private modelOf(node: PyNode, binding: PyBinding | undefined): ModelInfo | undefined {
    const value = unwrap(node);
    if (value.type === 'call') {
      const callee = field(value, 'function');
      const method = calleeMethod(value);
      const className =
        callee?.type === 'identifier'
          ? callee.text
          : callee?.type === 'attribute' && method && MODEL_BUILDERS.has(method)
            ? terminalName(field(callee, 'object'))
            : undefined;
      return className && /^[A-Z]/.test(className) ? this.modelLookup(className) : undefined;
    }
    if (value.type !== 'identifier') return undefined;
    const bound = binding ?? this.bindings.bindingOf(value);
    if (bound?.kind === 'parameter') return bound.annotation ? this.annotatedModel(bound.annotation) : undefined;
    if (bound?.kind !== 'writes') return undefined;
    for (const write of bound.writes) {
      const model =
        (write.annotation ? this.annotatedModel(write.annotation) : undefined) ??
        (write.how === 'value' && write.value ? this.modelOf(write.value, undefined) : undefined);
      if (model) return model;
    }
    return undefined;
  }

  /** `SignUp`, `Optional[SignUp]`, `SignUp | None`, `Annotated[SignUp, Body()]`: the first known model named. */
  private annotatedModel(annotation: PyNode): ModelInfo | undefined {
    let found: ModelInfo | undefined;
    walk(annotation, (node) => {
      if (found) return false;
      if (node.type === 'identifier' && /^[A-Z]/.test(node.text)) found = this.modelLookup(node.text);
      return undefined;
    });
    return found;
  }

  private fieldsResult(node: PyNode, subject: string, fields: readonly string[], object: PyNode): PyFlowResult {
    const finding = this.fieldsFinding(node, subject, fields, object);
    return finding ? this.result([finding]) : UNKNOWN;
  }

  private fieldsFinding(
    node: PyNode,
    subject: string,
    fields: readonly string[],
    object: PyNode,
  ): PyFinding | undefined {
    const owner = terminalName(object);
    const sensitive = fields.flatMap((name) => {
      const category = this.judgeName(name, owner);
      return category ? [{ name, category }] : [];
    });
    if (sensitive.length === 0) return undefined;
    return {
      ...this.finding(node, truncate(subject), sensitive[0].category, 'fields'),
      fields: sensitive,
      idOf: fields.includes('id') ? object : undefined,
    };
  }

  /** `get_access_token()`, `create_refresh_token(user)`, `jwt.encode(claims, key)`. */
  private judgeReturnedSecret(name: string, receiver: PyNode | undefined): Category | undefined {
    if (name === 'encode' && receiver && /^(jwt|jose|jws|token)$/i.test(receiver.text))
      return this.enabled('credential');
    const words = splitWords(name);
    if (words.length < 2 || !GETTER_VERBS.has(words[0])) return undefined;
    return this.judgeName(words.slice(1).join('_'), undefined);
  }

  private labelGivesWay(value: PyNode, labelled: Category): boolean {
    const name = describedName(value);
    const described = name === undefined ? undefined : describeName(name);
    return described === 'outcome' || described === 'metadata' || (described === 'naming' && labelled !== 'contact');
  }

  private isSanitizer(name: string, callee: PyNode): boolean {
    return this.options.sanitizers.has(name) || this.options.sanitizers.has(callee.text) || isSanitizerName(name);
  }

  judgeName(name: string, owner: string | undefined): Category | undefined {
    const verdict = classifyNameCached(name, this.options.names, owner);
    return verdict && this.options.enabledCategories.has(verdict.category) ? verdict.category : undefined;
  }

  private enabled(category: Category): Category | undefined {
    return this.options.enabledCategories.has(category) ? category : undefined;
  }

  private enabledResult(node: PyNode, subject: string, category: Category, kind: PyFinding['kind']): PyFlowResult {
    return this.enabled(category) ? this.result([this.finding(node, subject, category, kind)]) : UNKNOWN;
  }

  private finding(node: PyNode, subject: string, category: Category, kind: PyFinding['kind']): PyFinding {
    return { node, subject, category, kind };
  }

  private asAlias(finding: PyFinding, alias: PyNode): PyFinding {
    return { ...finding, node: alias, origin: finding.origin ?? finding.subject, subject: alias.text, idOf: undefined };
  }

  private result(findings: PyFinding[], safe = false, parameters: PyParameterReference[] = []): PyFlowResult {
    if (findings.length === 0 && parameters.length === 0) return safe ? SAFE : UNKNOWN;
    return { safe: false, findings, parameters };
  }

  combine(results: readonly PyFlowResult[]): PyFlowResult {
    if (results.every((result) => result.safe)) return SAFE;
    return this.result(
      results.flatMap((result) => result.findings),
      false,
      results.flatMap((result) => result.parameters),
    );
  }
}

/** The last name of an expression: `email` for `user.email`, `get` for `headers.get(…)`, `x` for `x[0]`. */
export function terminalName(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  if (value.type === 'identifier') return value.text;
  if (value.type === 'attribute') return field(value, 'attribute')?.text;
  if (value.type === 'call') return terminalName(field(value, 'function'));
  if (value.type === 'subscript') return terminalName(field(value, 'value'));
  return undefined;
}

/** The name a value gives itself: the identifier, the attribute, or what `str(…)` wraps. */
function describedName(node: PyNode): string | undefined {
  const value = unwrap(node);
  if (value.type === 'call') {
    const name = terminalName(field(value, 'function'));
    if (name === 'str' || name === 'repr') {
      const inner = positional(value)[0];
      return inner ? describedName(inner) : undefined;
    }
    return name;
  }
  if (value.type === 'subscript') {
    const key = stringValue(field(value, 'subscript'));
    return key ?? terminalName(value);
  }
  const name = terminalName(value);
  return name !== undefined && isErrorName(name) ? 'error' : name;
}

/** Where a parameter sits in its function's signature (`self` counts: methods are not followed). */
function parameterReference(fn: PyNode, parameter: PyNode, name: string): PyParameterReference | undefined {
  if (fn.type !== 'function_definition') return undefined;
  const parameters = (field(fn, 'parameters')?.children ?? []).filter(
    (each) => each.type !== 'comment' && each.type !== 'positional_separator' && each.type !== 'keyword_separator',
  );
  const index = parameters.indexOf(parameter);
  if (index < 0 || parameter.type === 'dictionary_splat_pattern') return undefined;
  return { fn, index, name, rest: parameter.type === 'list_splat_pattern' };
}

function positional(call: PyNode): PyNode[] {
  const list = field(call, 'arguments');
  if (list?.type !== 'argument_list') return [];
  return list.children.filter(
    (child) => child.type !== 'keyword_argument' && child.type !== 'dictionary_splat' && child.type !== 'comment',
  );
}

function flattenConcatenation(node: PyNode, parts: PyNode[]): void {
  const value = unwrap(node);
  if (value.type === 'binary_operator' && value.operator === '+') {
    const left = field(value, 'left');
    const right = field(value, 'right');
    if (left) flattenConcatenation(left, parts);
    if (right) flattenConcatenation(right, parts);
  } else parts.push(value);
}

/** `json.dumps`, `str.join`: the receiver is a module or a literal separator, not a value. */
function isModuleLike(receiver: PyNode): boolean {
  const value = unwrap(receiver);
  return value.type === 'string' || /^(json|str|os|base64|urllib|parse|copy|pprint|dataclasses)$/.test(value.text);
}

/** A replacement that masks what it replaces: `'***'`, `'[REDACTED]'`, `'*'`. */
function isMaskingReplacement(argument: PyNode | undefined): boolean {
  const text = stringValue(argument);
  return text !== undefined && (MASK_TEXT.test(text) || /^[*•]+$/.test(text));
}

const PERCENT_PLACEHOLDER = /%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[sdrifgeExXoca%]/g;
const BRACE_PLACEHOLDER = /\{\{|\}\}|\{[^{}]*\}/g;

/** The literal text before each placeholder of a format string (the text since the previous placeholder). */
export function placeholderLabels(format: string | undefined, style: PyFormatStyle): string[] {
  if (format === undefined) return [];
  const pattern = style === 'brace' ? BRACE_PLACEHOLDER : PERCENT_PLACEHOLDER;
  const labels: string[] = [];
  let last = 0;
  for (const match of format.matchAll(new RegExp(pattern.source, 'g'))) {
    if (match[0] === '%%' || match[0] === '{{' || match[0] === '}}') continue;
    labels.push(format.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
  }
  return labels;
}

/** The number of placeholders a format string has, or undefined when the message is not a plain string. */
export function placeholderCount(message: PyNode | undefined, style: PyFormatStyle): number | undefined {
  const text = stringValue(message);
  return text === undefined ? undefined : placeholderLabels(text, style).length;
}
