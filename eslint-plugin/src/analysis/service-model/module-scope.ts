import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import {
  forEachChild,
  type ImportBinding,
  importBindings,
  isFunctionNode,
  isWholeModule,
  memberName,
  propertyKeyName,
  requiredModule,
  unwrap,
} from '../ast';
import { isLoggerName } from '../loggers';
import {
  fileOfProgram as programFile,
  isProjectSpecifier,
  moduleTextOf,
  parseModule,
  resolveImport,
  resolveRelativeModule,
} from '../modules';

const LOGGER_PACKAGES = new Set([
  'pino',
  'winston',
  'bunyan',
  'log4js',
  'debug',
  'consola',
  'signale',
  'loglevel',
  'tslog',
]);

type Declaration = TSESTree.Node;

/**
 * One module seen without ESLint's scope manager (other files are parsed by us): imports, declarations
 * found by walking up blocks, and functions resolved across relative imports.
 */
export class ModuleScope {
  private readonly imports: ReadonlyMap<string, ImportBinding>;
  private static readonly cache = new WeakMap<TSESTree.Program, ModuleScope>();

  static of(
    program: TSESTree.Program,
    file: string,
    text: string,
    languageOptions: TSESLint.FlatConfig.LanguageOptions,
  ): ModuleScope {
    let scope = ModuleScope.cache.get(program);
    if (!scope) {
      scope = new ModuleScope(program, file, text, languageOptions);
      ModuleScope.cache.set(program, scope);
    }
    return scope;
  }

  /** The module at `file`, parsed (once per content) with the same parser options. */
  static forFile(file: string, languageOptions: TSESLint.FlatConfig.LanguageOptions): ModuleScope | undefined {
    const program = parseModule(file, languageOptions);
    const text = moduleTextOf(file);
    return program && text !== undefined ? ModuleScope.of(program, file, text, languageOptions) : undefined;
  }

  private constructor(
    readonly program: TSESTree.Program,
    readonly file: string,
    private readonly source: string,
    readonly languageOptions: TSESLint.FlatConfig.LanguageOptions,
  ) {
    this.imports = importBindings(program);
  }

  text(node: TSESTree.Node): string {
    return this.source.slice(node.range[0], node.range[1]);
  }

  /** Path relative to `root`, with `/`. */
  relative(root: string): string {
    return path.relative(root, this.file).split(path.sep).join('/');
  }

  /** Line starts, for locations from ranges: modules are parsed without `loc` objects to keep them small. */
  private lineStarts: number[] | undefined;

  location(node: TSESTree.Node, root: string): { file: string; line: number; column: number } {
    const { line, column } = this.position(node.range[0]);
    return { file: this.relative(root), line, column: column + 1 };
  }

  /** 1-based line and 0-based column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= [
      0,
      ...[...this.source.matchAll(/\r\n?|\n|\u2028|\u2029/g)].map((match) => match.index + match[0].length),
    ]);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] };
  }

  /** The import a name refers to (`express`, `{ Router }`, `require('pino-http')`). */
  importOf(name: string): ImportBinding | undefined {
    return this.imports.get(name);
  }

  /** For `pinoHttp`, `expressWinston.logger`, `require('morgan')`: the package and export it comes from. */
  packageOf(node: TSESTree.Node, depth = 0): { module: string; imported?: string; member?: string } | undefined {
    // `const { a } = a.b` chains are short in real code; the bound only stops a self-referencing pattern.
    if (depth > 6) return undefined;
    const target = unwrap(node);
    const direct = requiredModule(target);
    if (direct) return isProjectSpecifier(this.file, direct) ? undefined : { module: direct };
    if (target.type === AST_NODE_TYPES.Identifier) {
      const binding = this.imports.get(target.name);
      if (binding && !this.isShadowed(target) && !isProjectSpecifier(this.file, binding.module))
        return { module: binding.module, imported: binding.imported };
      const init = this.localInit(target);
      if (init && unwrap(init).type !== AST_NODE_TYPES.Identifier) {
        const inner = unwrap(init);
        // `const itemRoutes = require('./routes/items')` is a module of the project, not a package.
        const required = inner.type === AST_NODE_TYPES.CallExpression ? requiredModule(inner) : undefined;
        if (required && !isProjectSpecifier(this.file, required)) return { module: required };
      }
      // `const { Counter } = client` (or `= require('prom-client')` inside a function): the package's member.
      const destructured = init ? undefined : this.destructuredFrom(target);
      const base = destructured ? this.packageOf(destructured.source, depth + 1) : undefined;
      return base && destructured
        ? { module: base.module, imported: base.imported, member: destructured.key }
        : undefined;
    }
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const base = this.packageOf(target.object, depth + 1);
      const member = memberName(target);
      return base && member ? { module: base.module, imported: base.imported, member } : undefined;
    }
    return undefined;
  }

  /**
   * Whether a nearer parameter or declaration hides the module-level import of the same name:
   * `function f(client) { client.Gauge }` is not prom-client's `client`.
   */
  private isShadowed(identifier: TSESTree.Identifier): boolean {
    const declaration = this.declarationOf(identifier);
    if (declaration === undefined || declaration.type === AST_NODE_TYPES.ImportDeclaration) return false;
    if (declaration.type !== AST_NODE_TYPES.VariableDeclarator) return true;
    const statement =
      declaration.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
        ? declaration.parent.parent
        : declaration.parent;
    return statement?.parent?.type !== AST_NODE_TYPES.Program;
  }

  /** The declaration of `identifier` visible where it is used: a variable, function, parameter or import. */
  declarationOf(identifier: TSESTree.Identifier): Declaration | undefined {
    for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
      if (isFunctionNode(node)) {
        for (const param of node.params) {
          const bound = boundIdentifier(param, identifier.name);
          if (bound) return bound;
        }
      }
      if (node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.BlockStatement) {
        const declaration = this.declarationsIn(node).get(identifier.name);
        if (declaration) return declaration;
      }
    }
    return undefined;
  }

  /**
   * Where a name bound by object destructuring comes from: `const { Counter, Histogram } = client` binds
   * `Histogram` to `client.Histogram`, `const { requests: r } = Counters` binds `r` to `Counters.requests`.
   * Undefined when a nearer parameter or declaration shadows the name, or the key is computed.
   */
  destructuredFrom(identifier: TSESTree.Identifier): { source: TSESTree.Expression; key: string } | undefined {
    for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
      if (isFunctionNode(node)) {
        for (const param of node.params) {
          const bound =
            param.type === AST_NODE_TYPES.AssignmentPattern
              ? param.left
              : param.type === AST_NODE_TYPES.TSParameterProperty
                ? param.parameter
                : param;
          if (bound.type === AST_NODE_TYPES.Identifier && bound.name === identifier.name) return undefined;
        }
      }
      if (node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.BlockStatement) {
        if (this.declarationsIn(node).has(identifier.name)) return undefined;
        const destructured = this.blockPatterns.get(node)?.get(identifier.name);
        if (destructured) return destructured;
      }
    }
    return undefined;
  }

  /** Names declared by a block's (or the module's) own statements; the first declaration of a name wins. */
  private readonly blockDeclarations = new Map<TSESTree.Node, Map<string, Declaration>>();
  /** Names a block binds by `const { key: name } = source`, filled with `blockDeclarations`. */
  private readonly blockPatterns = new Map<TSESTree.Node, Map<string, { source: TSESTree.Expression; key: string }>>();

  private declarationsIn(block: TSESTree.Program | TSESTree.BlockStatement): Map<string, Declaration> {
    let names = this.blockDeclarations.get(block);
    if (names) return names;
    names = new Map();
    const patterns = new Map<string, { source: TSESTree.Expression; key: string }>();
    this.blockPatterns.set(block, patterns);
    const declare = (name: string | undefined, declaration: Declaration): void => {
      if (name !== undefined && !names.has(name)) names.set(name, declaration);
    };
    for (const statement of block.body) {
      const declaration =
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
          ? statement.declaration
          : statement;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) declare(declarator.id.name, declarator);
          else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.init) {
            for (const property of declarator.id.properties) {
              if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
              const key = propertyKeyName(property);
              const value =
                property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
              if (key !== undefined && value.type === AST_NODE_TYPES.Identifier && !patterns.has(value.name))
                patterns.set(value.name, { source: declarator.init, key });
            }
          }
        }
      }
      if (
        declaration?.type === AST_NODE_TYPES.FunctionDeclaration ||
        declaration?.type === AST_NODE_TYPES.ClassDeclaration
      )
        declare(declaration.id?.name, declaration);
      if (statement.type === AST_NODE_TYPES.ImportDeclaration)
        for (const specifier of statement.specifiers) declare(specifier.local.name, statement);
    }
    this.blockDeclarations.set(block, names);
    return names;
  }

  /**
   * What a class stores under `name` on its instances: `app = express()` as a field, or `this.app = express()`
   * in the constructor or any method (classes that hold their app: `class Server { constructor() { this.app =
   * express() } }`). Values in source order; the caller decides which one it understands.
   */
  instanceMemberValues(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): TSESTree.Node[] {
    let members = this.classMembers.get(classNode);
    if (!members) {
      members = new Map();
      const add = (key: string, value: TSESTree.Node): void => {
        const list = members!.get(key) ?? [];
        list.push(value);
        members!.set(key, list);
      };
      for (const element of classNode.body.body) {
        if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && element.value) {
          const key = propertyKeyName(element);
          if (key) add(key, element.value);
        }
        if (element.type !== AST_NODE_TYPES.MethodDefinition || element.static) continue;
        // A constructor's parameter properties (`constructor(private app: Express)`) hold what the caller passes.
        const visit = (node: TSESTree.Node): void => {
          if (
            node.type === AST_NODE_TYPES.AssignmentExpression &&
            node.operator === '=' &&
            node.left.type === AST_NODE_TYPES.MemberExpression &&
            node.left.object.type === AST_NODE_TYPES.ThisExpression
          ) {
            const key = memberName(node.left);
            if (key) add(key, node.right);
          }
          // Functions declared inside a method have their own `this` (arrows share it).
          if (
            node !== element.value &&
            (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)
          )
            return;
          forEachChild(node, visit);
        };
        visit(element.value);
      }
      this.classMembers.set(classNode, members);
    }
    return members.get(name) ?? [];
  }

  private readonly classMembers = new Map<TSESTree.Node, Map<string, TSESTree.Node[]>>();

  private assignments?: Map<Declaration, TSESTree.Expression[]>;
  private memberAssignments?: Map<Declaration, Map<string, TSESTree.Expression[]>>;

  /**
   * What is stored on a variable's object after it is made: `logger.successHandler = morgan(…)` for `logger`'s
   * declaration and the key `successHandler`, read once per module.
   */
  memberAssignedValues(declaration: Declaration, key: string): TSESTree.Expression[] {
    if (!this.memberAssignments) {
      const found = new Map<Declaration, Map<string, TSESTree.Expression[]>>();
      const visit = (node: TSESTree.Node): void => {
        if (
          node.type === AST_NODE_TYPES.AssignmentExpression &&
          node.operator === '=' &&
          node.left.type === AST_NODE_TYPES.MemberExpression &&
          node.left.object.type === AST_NODE_TYPES.Identifier
        ) {
          const name = memberName(node.left);
          const target = name ? this.declarationOf(node.left.object) : undefined;
          if (target && name) {
            const byKey = found.get(target) ?? new Map<string, TSESTree.Expression[]>();
            found.set(target, byKey.set(name, [...(byKey.get(name) ?? []), node.right]));
          }
        }
        forEachChild(node, visit);
      };
      visit(this.program);
      this.memberAssignments = found;
    }
    return this.memberAssignments.get(declaration)?.get(key) ?? [];
  }

  /**
   * What a variable declared without a value is assigned later (`let fastify; … fastify = Fastify()`): the
   * right-hand sides of `name = …` that reach this declaration, read once per module.
   */
  assignedValues(declaration: Declaration): TSESTree.Expression[] {
    if (!this.assignments) {
      const found = new Map<Declaration, TSESTree.Expression[]>();
      const visit = (node: TSESTree.Node): void => {
        if (
          node.type === AST_NODE_TYPES.AssignmentExpression &&
          node.operator === '=' &&
          node.left.type === AST_NODE_TYPES.Identifier
        ) {
          const target = this.declarationOf(node.left);
          if (target) found.set(target, [...(found.get(target) ?? []), node.right]);
        }
        forEachChild(node, visit);
      };
      visit(this.program);
      this.assignments = found;
    }
    return this.assignments.get(declaration) ?? [];
  }

  /**
   * What `this.name` holds in an instance of the class, its own members first, then those it inherits from project
   * classes (`class UserController extends BaseController`, the base in this module or another).
   */
  inheritedMemberValues(
    classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    name: string,
  ): Array<{ node: TSESTree.Node; scope: ModuleScope }> {
    let owner: { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope } | undefined = {
      node: classNode,
      scope: this,
    };
    for (let level = 0; owner && level < 5; level++) {
      const current: { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope } = owner;
      const values = current.scope.instanceMemberValues(current.node, name);
      if (values.length > 0) return values.map((node) => ({ node, scope: current.scope }));
      owner = current.node.superClass ? current.scope.classOf(current.node.superClass) : undefined;
    }
    return [];
  }

  /**
   * How a name is bound when a parameter or a `for…of` binds it: the function and the parameter's position, or the
   * iterated expression, and the keys a destructuring pattern takes on the way (`({ controller: { router } })`
   * binds `router` to `controller.router` of the first argument).
   */
  parameterBinding(
    identifier: TSESTree.Identifier,
  ):
    | { kind: 'parameter'; fn: TSESTree.FunctionLike; index: number; keys: string[] }
    | { kind: 'loop'; iterated: TSESTree.Expression; keys: string[] }
    | undefined {
    for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
      if (isFunctionNode(node)) {
        for (const [index, param] of node.params.entries()) {
          const keys = patternKeys(param, identifier.name);
          if (keys) return { kind: 'parameter', fn: node, index, keys };
        }
      }
      if (node.type === AST_NODE_TYPES.ForOfStatement && node.left.type === AST_NODE_TYPES.VariableDeclaration) {
        const keys = node.left.declarations[0] ? patternKeys(node.left.declarations[0].id, identifier.name) : undefined;
        if (keys) return { kind: 'loop', iterated: node.right, keys };
      }
      if (
        (node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.BlockStatement) &&
        this.declarationsIn(node).has(identifier.name)
      )
        return undefined;
    }
    return undefined;
  }

  /** The class whose instance `this` is where `node` stands (arrow functions keep the outer `this`). */
  enclosingClassOf(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (
        current.type === AST_NODE_TYPES.FunctionExpression &&
        current.parent?.type !== AST_NODE_TYPES.MethodDefinition &&
        current.parent?.type !== AST_NODE_TYPES.PropertyDefinition
      )
        return undefined;
      if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
      if (current.type === AST_NODE_TYPES.ClassBody) {
        const owner = current.parent;
        return owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression
          ? owner
          : undefined;
      }
    }
    return undefined;
  }

  /** The class a `new C()` instantiates, when it is declared in this module or imported from the project. */
  classOf(
    callee: TSESTree.Node,
  ): { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope } | undefined {
    const node = unwrap(callee);
    if (node.type === AST_NODE_TYPES.ClassExpression) return { node, scope: this };
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declaration = this.declarationOf(node);
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration) return { node: declaration, scope: this };
    if (
      declaration?.type === AST_NODE_TYPES.VariableDeclarator &&
      declaration.init &&
      unwrap(declaration.init).type === AST_NODE_TYPES.ClassExpression
    ) {
      return { node: unwrap(declaration.init) as TSESTree.ClassExpression, scope: this };
    }
    const resolved = this.importedValue(node.name);
    const value = resolved ? unwrap(resolved.node) : undefined;
    if (value?.type === AST_NODE_TYPES.ClassDeclaration || value?.type === AST_NODE_TYPES.ClassExpression)
      return { node: value, scope: resolved!.scope };
    // `module.exports = App` / `export default App` after `class App …`.
    if (value?.type === AST_NODE_TYPES.Identifier && resolved!.scope !== this) return resolved!.scope.classOf(value);
    return undefined;
  }

  /** The initialiser of a `const x = …` the identifier refers to. */
  localInit(identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
    const declaration = this.declarationOf(identifier);
    return declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init ? declaration.init : undefined;
  }

  /** A function an expression refers to: inline, a local declaration, or an export of a relative module. */
  functionOf(expression: TSESTree.Node, depth = 0): { node: TSESTree.FunctionLike; scope: ModuleScope } | undefined {
    if (depth > 6) return undefined;
    const node = unwrap(expression);
    if (isFunctionNode(node)) return { node, scope: this };
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `require('./routes')` is the module's export; `factory()` is judged by the factory.
      const required = requiredModule(node);
      if (required) {
        const exported = this.requireDefault(required);
        return exported ? exported.scope.functionOf(exported.node, depth + 1) : undefined;
      }
      return this.functionOf(node.callee, depth + 1);
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declaration = this.declarationOf(node);
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration) return { node: declaration, scope: this };
    if (
      declaration?.type === AST_NODE_TYPES.VariableDeclarator &&
      declaration.init &&
      declaration.id.type === AST_NODE_TYPES.Identifier &&
      !this.imports.has(node.name)
    ) {
      return this.functionOf(declaration.init, depth + 1);
    }
    if (this.imports.has(node.name)) {
      const target = this.importedValue(node.name);
      return target ? target.scope.functionOf(target.node, depth + 1) : undefined;
    }
    return undefined;
  }

  /** What an imported name holds in its project module: `const x = require('./x')` or `import { x } from './x'`. */
  importedValue(name: string): { node: TSESTree.Node; scope: ModuleScope } | undefined {
    const binding = this.imports.get(name);
    if (!binding || !isProjectSpecifier(this.file, binding.module)) return undefined;
    return binding.imported === 'require' ? this.requireDefault(binding.module) : this.resolveImported(name);
  }

  /** What `require(specifier)` of a relative module returns: its `module.exports` or default export. */
  requireDefault(specifier: string): { node: TSESTree.Node; scope: ModuleScope } | undefined {
    if (!isProjectSpecifier(this.file, specifier)) return undefined;
    const file = resolveRelativeModule(this.file, specifier);
    const target = file ? ModuleScope.forFile(file, this.languageOptions) : undefined;
    if (!target) return undefined;
    for (const statement of target.program.body) {
      if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration)
        return { node: statement.declaration, scope: target };
      if (
        statement.type === AST_NODE_TYPES.ExpressionStatement &&
        statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
        target.text(statement.expression.left).replace(/\s+/g, '') === 'module.exports'
      ) {
        const value = unwrap(statement.expression.right);
        if (value.type === AST_NODE_TYPES.Identifier) {
          const declaration = target.declarationOf(value);
          if (declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init)
            return { node: declaration.init, scope: target };
          if (declaration) return { node: declaration, scope: target };
        }
        return { node: value, scope: target };
      }
    }
    return undefined;
  }

  /** What an imported name refers to in its (relative) module, following re-exports. */
  resolveImported(name: string): { node: TSESTree.Node; scope: ModuleScope } | undefined {
    const binding = this.imports.get(name);
    if (!binding || !isProjectSpecifier(this.file, binding.module)) return undefined;
    const resolved = resolveImport(
      this.file,
      binding.module,
      isWholeModule(binding) ? 'default' : binding.imported,
      this.languageOptions,
    );
    if (!resolved) return undefined;
    const file = resolveFileOf(resolved.program, this.file, binding.module);
    const text = file ? moduleTextOf(file) : undefined;
    if (!file || text === undefined) return undefined;
    const scope = ModuleScope.of(resolved.program, file, text, this.languageOptions);
    const node =
      resolved.node.type === AST_NODE_TYPES.Identifier
        ? (scope.declarationOf(resolved.node) ?? resolved.node)
        : resolved.node;
    const value = node.type === AST_NODE_TYPES.VariableDeclarator && node.init ? node.init : node;
    return { node: value, scope };
  }

  /**
   * What a reference to another module of the project is there: `logging.requestLogger` where
   * `const logging = require('./logging')`, or an imported name whose export is a value (`morgan(…)`).
   */
  exportedValueOf(reference: TSESTree.Node): { node: TSESTree.Node; scope: ModuleScope } | undefined {
    const node = unwrap(reference);
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier) {
      const binding = this.imports.get(node.object.name);
      const property = memberName(node);
      if (
        !binding ||
        !isProjectSpecifier(this.file, binding.module) ||
        !property ||
        (binding.imported !== 'default' && !isWholeModule(binding))
      )
        return undefined;
      const resolved = resolveImport(this.file, binding.module, property, this.languageOptions);
      const file = resolved
        ? (programFile(resolved.program) ?? resolveRelativeModule(this.file, binding.module))
        : undefined;
      const text = file ? moduleTextOf(file) : undefined;
      if (!resolved || !file || text === undefined) return undefined;
      return { node: resolved.node, scope: ModuleScope.of(resolved.program, file, text, this.languageOptions) };
    }
    if (
      node.type === AST_NODE_TYPES.Identifier &&
      isProjectSpecifier(this.file, this.imports.get(node.name)?.module ?? '')
    ) {
      const resolved = this.resolveImported(node.name);
      // Functions are judged by their bodies elsewhere; here only values such as `morgan(format)`.
      return resolved && unwrap(resolved.node).type === AST_NODE_TYPES.CallExpression ? resolved : undefined;
    }
    return undefined;
  }

  /** A name bound to a logger instance or logger package (`const log = pino()`, `import logger from 'winston'`). */
  isLoggerBinding(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const binding = this.imports.get(target.name);
    if (binding)
      return (
        LOGGER_PACKAGES.has(binding.module) ||
        (isProjectSpecifier(this.file, binding.module) && isLoggerName(target.name))
      );
    const init = this.localInit(target);
    const created = init ? unwrap(init) : undefined;
    if (created?.type === AST_NODE_TYPES.CallExpression) {
      const source = this.packageOf(created.callee);
      return source !== undefined && LOGGER_PACKAGES.has(source.module);
    }
    return false;
  }
}

/** The file a resolved program came from (the module reader knows every program it parsed). */
function resolveFileOf(program: TSESTree.Program, fromFile: string, specifier: string): string | undefined {
  return programFile(program) ?? resolveRelativeModule(fromFile, specifier);
}

/** The keys that lead to `name` in a binding pattern (`[]` for the name itself), or undefined when it does not bind it. */
function patternKeys(pattern: TSESTree.Node, name: string): string[] | undefined {
  const node =
    pattern.type === AST_NODE_TYPES.AssignmentPattern
      ? pattern.left
      : pattern.type === AST_NODE_TYPES.TSParameterProperty
        ? pattern.parameter
        : pattern;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name ? [] : undefined;
  if (node.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = propertyKeyName(property);
    const inner = key !== undefined ? patternKeys(property.value, name) : undefined;
    if (inner) return [key!, ...inner];
  }
  return undefined;
}

/** The identifier a parameter binds under `name`, itself or inside a destructuring pattern (`({ fastify })`). */
function boundIdentifier(pattern: TSESTree.Node, name: string): TSESTree.Identifier | undefined {
  const node =
    pattern.type === AST_NODE_TYPES.AssignmentPattern
      ? pattern.left
      : pattern.type === AST_NODE_TYPES.TSParameterProperty
        ? pattern.parameter
        : pattern;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name ? node : undefined;
  if (node.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of node.properties) {
      const found =
        property.type === AST_NODE_TYPES.Property
          ? boundIdentifier(property.value, name)
          : property.type === AST_NODE_TYPES.RestElement
            ? boundIdentifier(property.argument, name)
            : undefined;
      if (found) return found;
    }
  }
  if (node.type === AST_NODE_TYPES.ArrayPattern) {
    for (const element of node.elements) {
      const found = element ? boundIdentifier(element, name) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}
