import type { PyNode } from '../../languages/python/nodes';
import type { PythonImports } from '../../languages/python/imports';
import { calleeMethod, dottedName, field } from '../../languages/python/query';
import { isLoggerName, LEVEL_METHODS } from '../loggers';
import { attributeWrites, enclosingClass, type PythonBindings } from './bindings';
import { PythonProjectModules } from './project-modules';

/** The logging libraries a Python log call is recognised in. */
export type PyLoggerLibrary =
  | 'logging'
  | 'structlog'
  | 'loguru'
  | 'named'
  | 'configured'
  | 'print'
  | 'stdio'
  /** A local function that passes its parameter on to a log. */
  | 'wrapper';

/** How the message's placeholders take the positional arguments after it. */
export type PyFormatStyle = 'percent' | 'brace' | 'none';

export interface PySinkCall {
  library: PyLoggerLibrary;
  /** The message (or event) argument, when the call has one: the positional arguments after it fill its placeholders. */
  message: PyNode | undefined;
  style: PyFormatStyle;
  /** Positional arguments whose values are written (the message included), and `*args`. */
  positional: PyNode[];
  /** Keyword arguments whose values are written, with the key each is written under (`extra=` is its dict). */
  keywords: Array<{ key: string; argument: PyNode; value: PyNode }>;
  /** `**kwargs` passed to the call. */
  splats: PyNode[];
  /** Whether the keywords go into the record whole (structlog, loguru `bind`) rather than being formatted. */
  binding: boolean;
}

const STDLIB_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);
const STRUCTLOG_METHODS = new Set([
  ...STDLIB_METHODS,
  'msg',
  'failure',
  'err',
  'adebug',
  'ainfo',
  'awarning',
  'awarn',
  'aerror',
  'aexception',
  'acritical',
  'afatal',
  'alog',
  'amsg',
]);
const LOGURU_METHODS = new Set([
  'trace',
  'debug',
  'info',
  'success',
  'warning',
  'error',
  'critical',
  'exception',
  'log',
]);
const NAMED_METHODS = new Set([...LEVEL_METHODS, ...STRUCTLOG_METHODS, ...LOGURU_METHODS]);
/** Methods that attach their keywords to every later line. */
const BINDING_METHODS: Readonly<Record<'structlog' | 'loguru' | 'named' | 'configured', ReadonlySet<string>>> = {
  structlog: new Set(['bind', 'new']),
  loguru: new Set(['bind', 'contextualize']),
  named: new Set(['bind', 'new', 'contextualize']),
  configured: new Set(['bind', 'new', 'contextualize']),
};
/** Every method name some logger writes with. */
const MAY_LOG: ReadonlySet<string> = new Set([
  ...NAMED_METHODS,
  ...STRUCTLOG_METHODS,
  ...LOGURU_METHODS,
  ...Object.values(BINDING_METHODS).flatMap((each) => [...each]),
]);
/** Methods that return another logger of the same library. */
const DERIVING_METHODS = new Set(['bind', 'new', 'opt', 'getChild', 'patch', 'unbind', 'try_unbind']);
/** Keyword arguments of stdlib log calls that are not written as data. */
const CONTROL_KEYWORDS = new Set(['exc_info', 'stack_info', 'stacklevel']);
/** Functions that bind context for every later line of the request or thread. */
const CONTEXT_BINDERS = new Set(['structlog.contextvars.bind_contextvars', 'structlog.threadlocal.bind_threadlocal']);
/** Functions that write their arguments to the terminal, like `print`. */
const STDIO_WRITERS = new Set([
  'sys.stdout.write',
  'sys.stderr.write',
  'click.echo',
  'click.secho',
  'typer.echo',
  'typer.secho',
  'pprint.pprint',
  'pprint.pp',
  'rich.print',
]);
const STDLIB_FACTORIES = new Set(['logging.getLogger', 'logging.LoggerAdapter', 'logging.Logger']);
const STRUCTLOG_FACTORIES = new Set([
  'structlog.get_logger',
  'structlog.getLogger',
  'structlog.stdlib.get_logger',
  'structlog.wrap_logger',
  'structlog.PrintLogger',
]);

/**
 * Recognises Python log calls: the standard `logging` module and its loggers, structlog, loguru, `print`,
 * `sys.stdout.write`, the `loggers` option, and, like the JavaScript side, receivers named like loggers.
 */
export class PythonLoggerResolver {
  private readonly configured: ReadonlySet<string>;

  constructor(
    private readonly imports: PythonImports,
    private readonly bindings: PythonBindings,
    configuredLoggers: readonly string[],
    /** The linted file and the project's modules: a logger imported from one is followed to its creation. */
    private readonly project?: { filename: string; modules: PythonProjectModules },
  ) {
    // `this.audit` in a JavaScript option is `self.audit` in Python.
    this.configured = new Set(configuredLoggers.flatMap((name) => [name, name.replace(/^this\./, 'self.')]));
  }

  sinkOf(call: PyNode): PySinkCall | undefined {
    const callee = field(call, 'function');
    if (!callee) return undefined;
    if (callee.type === 'identifier') {
      if (this.configured.has(callee.text)) return this.sink(call, 'configured', 0);
      if (callee.text === 'print' && this.bindings.bindingOf(callee) === undefined) return this.sink(call, 'print', 0);
    }
    const qualified = this.qualify(callee);
    if (qualified !== undefined) {
      if (CONTEXT_BINDERS.has(qualified)) return this.sink(call, 'structlog', 0, true);
      const [module, method] = splitLast(qualified);
      if (module === 'logging' && STDLIB_METHODS.has(method))
        return this.sink(call, 'logging', method === 'log' ? 1 : 0);
      if (STDIO_WRITERS.has(qualified)) return this.sink(call, 'stdio', 0);
    }
    if (callee.type !== 'attribute') return undefined;
    const method = calleeMethod(call);
    const receiver = field(callee, 'object');
    if (!method || !receiver) return undefined;
    // The cheap test first: only a level or binding method, or any method of a configured logger, can log.
    if (!MAY_LOG.has(method) && this.configured.size === 0) return undefined;
    const library = this.resolveLogger(receiver, 0);
    if (!library) return undefined;
    if (library !== 'logging' && BINDING_METHODS[library as keyof typeof BINDING_METHODS]?.has(method))
      return this.sink(call, library, 0, true);
    if (!isLogMethod(library, method)) return undefined;
    return this.sink(call, library, method === 'log' || method === 'alog' ? 1 : 0);
  }

  /** The library of the logger an expression evaluates to, or undefined when it is no logger we know. */
  resolveLogger(expression: PyNode, depth: number): PyLoggerLibrary | undefined {
    if (depth > 6) return undefined;
    const node = unwrap(expression);
    const dotted = dottedName(node);
    if (dotted !== undefined && this.configured.has(dotted)) return 'configured';
    if (node.type === 'call') return this.createdBy(node, depth + 1);
    const qualified = this.qualify(node);
    if (qualified === 'loguru.logger') return 'loguru';
    if (qualified === 'logging.root') return 'logging';
    if (qualified !== undefined && node.type === 'identifier') {
      const imported = this.importedLogger(qualified, depth);
      if (imported) return imported;
    }
    if (node.type === 'identifier') {
      const binding = this.bindings.bindingOf(node);
      if (binding?.kind === 'writes') {
        for (const write of binding.writes) {
          if (write.how !== 'value' || !write.value) continue;
          const library = this.resolveLogger(write.value, depth + 1);
          if (library) return library;
        }
      } else if (binding?.kind === 'parameter' && binding.annotation && /Logger\b/.test(binding.annotation.text)) {
        return 'named';
      }
      return isLoggerName(node.text) ? 'named' : undefined;
    }
    if (node.type === 'attribute') {
      const object = field(node, 'object');
      const attribute = field(node, 'attribute')?.text ?? '';
      if (object && /^(self|cls)$/.test(object.text)) {
        const owner = enclosingClass(node);
        for (const value of owner ? attributeWrites(owner, attribute) : []) {
          const library = this.resolveLogger(value, depth + 1);
          if (library) return library;
        }
      }
      return isLoggerName(attribute) ? 'named' : undefined;
    }
    return undefined;
  }

  /** `from app.core.log import audit` where that module says `audit = logging.getLogger("audit")`. */
  private importedLogger(qualified: string, depth: number): PyLoggerLibrary | undefined {
    const dot = qualified.lastIndexOf('.');
    if (!this.project || dot <= 0) return undefined;
    const module = this.project.modules.resolve(qualified.slice(0, dot), this.project.filename);
    const value = module ? PythonProjectModules.topLevelValue(module.module, qualified.slice(dot + 1)) : undefined;
    if (!module || !value) return undefined;
    const there = new PythonLoggerResolver(module.imports, this.bindings, [], {
      filename: module.file,
      modules: this.project.modules,
    });
    const library = there.resolveLogger(value, depth + 1);
    // Only what the module makes a logger: its own name heuristics say nothing here.
    return library === 'named' && !isLoggerName(qualified.slice(dot + 1)) ? undefined : library;
  }

  /** `logging.getLogger(__name__)`, `structlog.get_logger()`, `logger.bind(…)`, a project's `get_logger()`. */
  private createdBy(call: PyNode, depth: number): PyLoggerLibrary | undefined {
    const callee = field(call, 'function');
    const qualified = this.qualify(callee);
    if (qualified !== undefined) {
      if (STDLIB_FACTORIES.has(qualified)) return 'logging';
      if (STRUCTLOG_FACTORIES.has(qualified)) return 'structlog';
    }
    const method = calleeMethod(call);
    if (callee?.type === 'attribute' && method && DERIVING_METHODS.has(method)) {
      const receiver = field(callee, 'object');
      return receiver ? this.resolveLogger(receiver, depth + 1) : undefined;
    }
    // `from app.core.logging import get_logger`: the project's own factory.
    return method === 'get_logger' || method === 'getLogger' ? 'named' : undefined;
  }

  /** The qualified name of an imported name or attribute, unless a local binding shadows the import. */
  private qualify(node: PyNode | undefined): string | undefined {
    const dotted = dottedName(node);
    if (!node || dotted === undefined) return undefined;
    let base = node;
    while (base.type === 'attribute') base = field(base, 'object') ?? base;
    if (base.type !== 'identifier') return undefined;
    if (!this.bindings.isImported(base)) return undefined;
    return this.imports.qualify(dotted);
  }

  private sink(call: PyNode, library: PyLoggerLibrary, skip: number, binding = false): PySinkCall {
    const list = field(call, 'arguments');
    const children = list?.type === 'argument_list' ? list.children.filter((child) => child.type !== 'comment') : [];
    const positional = children.filter(
      (child) => child.type !== 'keyword_argument' && child.type !== 'dictionary_splat',
    );
    const logged = positional.slice(skip);
    const message = binding || logged[0]?.type === 'list_splat' ? undefined : logged[0];
    const keywords: PySinkCall['keywords'] = [];
    for (const child of children) {
      if (child.type !== 'keyword_argument') continue;
      const key = field(child, 'name')?.text;
      const value = field(child, 'value');
      if (key === undefined || !value || !keywordIsLogged(library, key)) continue;
      keywords.push({ key, argument: child, value });
    }
    return {
      library,
      message,
      style: styleOf(library, message),
      positional: logged,
      keywords,
      splats: library === 'print' || library === 'stdio' ? [] : children.filter((c) => c.type === 'dictionary_splat'),
      binding: binding || library === 'structlog' || library === 'loguru',
    };
  }
}

function isLogMethod(library: PyLoggerLibrary, method: string): boolean {
  switch (library) {
    case 'logging':
      return STDLIB_METHODS.has(method);
    case 'structlog':
      return STRUCTLOG_METHODS.has(method);
    case 'loguru':
      return LOGURU_METHODS.has(method);
    case 'configured':
      return !DERIVING_METHODS.has(method);
    default:
      return NAMED_METHODS.has(method);
  }
}

/** `print(…, file=…, sep=…)` and stdlib `exc_info=`, `stacklevel=` write no data of their own. */
function keywordIsLogged(library: PyLoggerLibrary, key: string): boolean {
  if (library === 'print' || library === 'stdio') return false;
  if (CONTROL_KEYWORDS.has(key)) return false;
  // The standard library takes no other keywords than `extra`, which is written key by key.
  return library !== 'logging' || key === 'extra';
}

function styleOf(library: PyLoggerLibrary, message: PyNode | undefined): PyFormatStyle {
  if (library === 'print' || library === 'stdio' || !message) return 'none';
  if (library === 'loguru') return 'brace';
  if (library === 'logging' || library === 'structlog') return 'percent';
  const text = message.type === 'string' ? message.text : '';
  if (/%[-#0 +]*\d*(?:\.\d+)?[sdrifgexXoc]/.test(text)) return 'percent';
  if (/\{[^{}]*\}/.test(text)) return 'brace';
  return 'percent';
}

function splitLast(qualified: string): [string, string] {
  const dot = qualified.lastIndexOf('.');
  return dot < 0 ? ['', qualified] : [qualified.slice(0, dot), qualified.slice(dot + 1)];
}

export function unwrap(node: PyNode): PyNode {
  let current = node;
  while ((current.type === 'parenthesized_expression' || current.type === 'await') && current.children.length === 1)
    current = current.children[0];
  return current;
}
