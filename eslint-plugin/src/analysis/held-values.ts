import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { isWholeModule, memberName, propertyKeyName, requiredModule, unwrap } from './ast';
import { fileOfProgram, isProjectSpecifier, moduleTextOf, resolveImport } from './modules';
import { analysisHostFor } from './host';
import { ModuleScope } from './service-model/module-scope';
import { findProjectRoot, projectScan } from './modules';
import { isTestOrScriptPath } from './test-files';
import { forEachChild } from './ast';
import * as path from 'node:path';

/** An expression that creates a value, in the module where it stands. */
export interface Held {
  node: TSESTree.Node;
  scope: ModuleScope;
}

/** Chains longer than this (`a.b.c.d…` through as many modules) are not followed: real holders are two or three deep. */
const MAX_DEPTH = 8;
/** A value may come from a few places (`a ?? b`, a field set in two methods); more than this is not a holder. */
const MAX_CANDIDATES = 8;

/**
 * The expressions a reference may hold, followed through locals, destructuring, imports and requires of project
 * modules, object-literal properties, class instances (`this.x = …` in any method, fields, statics) and `a || b`
 * fallbacks: `Counters.requests` → the `new Counter(…)` in `export const Counters = { requests: new Counter(…) }`,
 * in this module or another. Expressions that are not references (a `new`, a call, a literal) hold themselves:
 * the caller decides which of them it understands. Module resolution is the project's own (modules.ts and
 * ModuleScope); nothing here resolves a path.
 */
export function heldValues(
  expression: TSESTree.Node,
  scope: ModuleScope,
  depth = 0,
  throughParameters = false,
): Held[] {
  if (depth > MAX_DEPTH) return [];
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return heldByName(node, scope, depth, throughParameters);
    case AST_NODE_TYPES.MemberExpression: {
      const key = memberName(node);
      if (key === undefined) return [];
      if (node.object.type === AST_NODE_TYPES.ThisExpression) {
        const owner = scope.enclosingClassOf(node);
        return owner ? instanceMember({ node: owner, scope }, key, depth, throughParameters) : [];
      }
      return memberOf(node.object, key, scope, depth, throughParameters);
    }
    case AST_NODE_TYPES.CallExpression: {
      // `require('./metrics')` is the module's `module.exports`.
      const required = requiredModule(node);
      if (required !== undefined) {
        const exported = scope.requireDefault(required);
        return exported ? heldValues(exported.node, exported.scope, depth + 1, throughParameters) : [];
      }
      return [{ node, scope }];
    }
    // `register.getSingleMetric('x') || new Gauge(…)`, `cached ?? create()`: either side may be the value.
    case AST_NODE_TYPES.LogicalExpression:
      return limit([
        ...heldValues(node.left, scope, depth + 1, throughParameters),
        ...heldValues(node.right, scope, depth + 1, throughParameters),
      ]);
    case AST_NODE_TYPES.ConditionalExpression:
      return limit([
        ...heldValues(node.consequent, scope, depth + 1, throughParameters),
        ...heldValues(node.alternate, scope, depth + 1, throughParameters),
      ]);
    default:
      return [{ node, scope }];
  }
}

function heldByName(
  identifier: TSESTree.Identifier,
  scope: ModuleScope,
  depth: number,
  throughParameters: boolean,
): Held[] {
  const declaration = scope.declarationOf(identifier);
  // `const { requests } = Counters` (nearer than an import of the same name, were there one).
  const destructured = declaration === undefined ? scope.destructuredFrom(identifier) : undefined;
  if (destructured) return memberOf(destructured.source, destructured.key, scope, depth, throughParameters);
  if (throughParameters) {
    const bound = boundByParameterOrLoop(identifier, scope, depth);
    if (bound) return bound;
  }
  // The import, unless a parameter or a nearer declaration hides it.
  const binding =
    declaration === undefined || declaration.type === AST_NODE_TYPES.ImportDeclaration
      ? scope.importOf(identifier.name)
      : undefined;
  if (binding) {
    // A namespace has no value of its own: only its members (`metrics.requests`) are followed.
    if (binding.imported === '*') return [];
    const imported = scope.importedValue(identifier.name);
    return imported ? heldValues(imported.node, imported.scope, depth + 1, throughParameters) : [];
  }
  if (declaration?.type === AST_NODE_TYPES.VariableDeclarator) {
    return declaration.init && declaration.id.type === AST_NODE_TYPES.Identifier
      ? heldValues(declaration.init, scope, depth + 1, throughParameters)
      : [];
  }
  if (declaration?.type === AST_NODE_TYPES.ClassDeclaration || declaration?.type === AST_NODE_TYPES.FunctionDeclaration)
    return [{ node: declaration, scope }];
  return [];
}

/**
 * Whether an expression starts at a parameter of a function or method that is not an array callback:
 * `registerRoutes(path, router) { this.app.use(path, router) }`, whose values come from its callers.
 */
export function isParameterBound(expression: TSESTree.Node, scope: ModuleScope): boolean {
  let node = unwrap(expression);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
  return (
    node.type === AST_NODE_TYPES.Identifier &&
    scope.parameterBinding(node)?.kind === 'parameter' &&
    !isElementBound(node, scope)
  );
}

/**
 * Whether an expression (`route.router`, `basePath`) starts at a name bound by a loop over an array or by the element
 * parameter of an array callback: what the service model follows through `heldValues(…, true)` without reading the
 * callers of every function whose parameter reaches a registration.
 */
export function isElementBound(expression: TSESTree.Node, scope: ModuleScope): boolean {
  let node = unwrap(expression);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const binding = scope.parameterBinding(node);
  if (!binding) return false;
  if (binding.kind === 'loop') return true;
  const call = binding.fn.parent;
  return (
    binding.index === 0 &&
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === binding.fn &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    ELEMENT_CALLBACKS.has(memberName(call.callee) ?? '')
  );
}

/**
 * The objects an element-bound expression is read from, one step before its value: `new UserRoute()` for
 * `route.router`, the `controller` of each element for `({ controller: { router } })`. Their classes are where a
 * router's routes are registered.
 */
export function elementHolders(expression: TSESTree.Node, scope: ModuleScope): Held[] {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.MemberExpression) return heldValues(node.object, scope, 0, true);
  if (node.type !== AST_NODE_TYPES.Identifier || !scope.parameterBinding(node)?.keys.length) return [];
  return boundByParameterOrLoop(node, scope, 0, true) ?? [];
}

/** Array methods whose callback's first parameter is each element in turn. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);

/**
 * A name bound by a parameter or a loop, as the service model needs it (`routes.forEach((route) => app.use(route.router))`
 * with `new App([new UserRoute()])` elsewhere): the elements of the array a callback or `for…of` walks, or what the
 * function's callers pass (a constructor's `new C(…)`, a method's `this.m(…)`, a function's calls), then the keys a
 * destructuring pattern picks (`({ controller: { router } })`). Undefined when the name is bound otherwise.
 */
function boundByParameterOrLoop(
  identifier: TSESTree.Identifier,
  scope: ModuleScope,
  depth: number,
  dropLastKey = false,
): Held[] | undefined {
  const found = scope.parameterBinding(identifier);
  if (!found) return undefined;
  const binding = dropLastKey ? { ...found, keys: found.keys.slice(0, -1) } : found;
  let sources: Held[];
  if (binding.kind === 'loop') {
    sources = elementsOf(binding.iterated, scope, depth);
  } else {
    const call = binding.fn.parent;
    const isCallback =
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === binding.fn &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      ELEMENT_CALLBACKS.has(memberName(call.callee) ?? '');
    sources =
      isCallback && binding.index === 0
        ? elementsOf((call.callee as TSESTree.MemberExpression).object, scope, depth)
        : limit(
            argumentsPassedTo(binding.fn, binding.index, scope).flatMap((argument) =>
              heldValues(argument.node, argument.scope, depth + 1, true),
            ),
          );
  }
  return limit(
    sources.flatMap((source) =>
      binding.keys.reduce<Held[]>(
        (held, key) => held.flatMap((holder) => propertyOf(holder, key, depth, true)),
        [source],
      ),
    ),
    ELEMENTS_LIMIT,
  );
}

/** The elements of the array an expression holds (array literals, held where they are). */
function elementsOf(array: TSESTree.Node, scope: ModuleScope, depth: number): Held[] {
  return limit(
    heldValues(array, scope, depth + 1, true).flatMap((held) => {
      const node = unwrap(held.node);
      if (node.type !== AST_NODE_TYPES.ArrayExpression) return [];
      return node.elements.flatMap((element) =>
        element && element.type !== AST_NODE_TYPES.SpreadElement
          ? heldValues(element, held.scope, depth + 1, true)
          : [],
      );
    }),
    ELEMENTS_LIMIT,
  );
}

/** Route and controller lists run longer than other holders: a service may mount a few dozen routers from one array. */
const ELEMENTS_LIMIT = 64;

/** What `object.key` holds. */
function memberOf(
  object: TSESTree.Node,
  key: string,
  scope: ModuleScope,
  depth: number,
  throughParameters = false,
): Held[] {
  const base = unwrap(object);
  // `const { Counters } = require('./metrics')`: the export itself, ESM or CommonJS.
  const required = requiredModule(base);
  if (required !== undefined && isProjectSpecifier(scope.file, required)) {
    const resolved = resolveImport(scope.file, required, key, scope.languageOptions);
    const target = resolved ? scopeOf(resolved.program, scope) : undefined;
    if (resolved && target) return heldValues(resolved.node, target, depth + 1, throughParameters);
  }
  if (base.type === AST_NODE_TYPES.Identifier) {
    const binding = scope.importOf(base.name);
    // `import * as metrics from './metrics'`, `const metrics = require('./metrics')`: the module's export `key`
    // (ESM exports, `exports.key = …`, `module.exports = { key }`).
    if (binding && isWholeModule(binding)) {
      const resolved = resolveImport(scope.file, binding.module, key, scope.languageOptions);
      const target = resolved ? scopeOf(resolved.program, scope) : undefined;
      if (resolved && target) return heldValues(resolved.node, target, depth + 1, throughParameters);
      if (binding.imported === '*') return [];
    }
  }
  const stored = storedOnVariable(base, key, scope, depth);
  if (stored.length > 0)
    return limit(stored.flatMap((value) => heldValues(value.node, value.scope, depth + 1, throughParameters)));
  return limit(
    heldValues(base, scope, depth + 1, throughParameters).flatMap((holder) =>
      propertyOf(holder, key, depth, throughParameters),
    ),
    throughParameters ? ELEMENTS_LIMIT : MAX_CANDIDATES,
  );
}

/**
 * What `key` holds on an instance of `owner`: its fields and `this.key = …` (own or inherited), else — following
 * parameters — a constructor parameter property (`constructor(private server: IServer)`): the argument of this
 * `new` when known, else what every `new Owner(…)` of the project passes.
 */
function instanceMember(
  owner: { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; scope: ModuleScope },
  key: string,
  depth: number,
  throughParameters: boolean,
  created?: { node: TSESTree.NewExpression; scope: ModuleScope },
): Held[] {
  const values = owner.scope.inheritedMemberValues(owner.node, key);
  if (values.length > 0 || !throughParameters)
    return limit(values.flatMap((value) => heldValues(value.node, value.scope, depth + 1, throughParameters)));
  const constructor = owner.node.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
  const index =
    constructor?.value.params.findIndex(
      (param) =>
        param.type === AST_NODE_TYPES.TSParameterProperty &&
        param.parameter.type === AST_NODE_TYPES.Identifier &&
        param.parameter.name === key,
    ) ?? -1;
  if (!constructor || index < 0) return [];
  const passed = created
    ? created.node.arguments[index]
      ? [{ node: created.node.arguments[index], scope: created.scope }]
      : []
    : argumentsPassedTo(constructor.value, index, owner.scope);
  return limit(passed.flatMap((argument) => heldValues(argument.node, argument.scope, depth + 1, true)));
}

/**
 * `logger.successHandler = morgan(…)` after `const logger = winston.createLogger(…)`: a property stored on a variable's
 * object later, here or in the module the variable is imported from (`module.exports = logger`).
 */
function storedOnVariable(base: TSESTree.Node, key: string, scope: ModuleScope, depth: number): Held[] {
  let name = base.type === AST_NODE_TYPES.Identifier ? base : undefined;
  let where = scope;
  for (let step = 0; name && step < 3 && depth < MAX_DEPTH; step++) {
    // Imported (`import logger from`, `const logger = require(…)`): the exporting module's own variable
    // (`module.exports = logger`, `export default logger`); else the variable declared here.
    const imported =
      where.importOf(name.name) !== undefined && where.declarationOf(name)?.type !== AST_NODE_TYPES.Identifier;
    const declaration = imported ? undefined : where.declarationOf(name);
    if (declaration) {
      const assigned = where.memberAssignedValues(declaration, key);
      return assigned.map((node) => ({ node, scope: where }));
    }
    const exported = imported ? where.importedValue(name.name) : undefined;
    const variable = exported ? defaultExportedVariable(exported.scope) : undefined;
    if (!exported || !variable) return [];
    name = variable;
    where = exported.scope;
  }
  return [];
}

/** The variable a module exports whole: `module.exports = logger`, `export default logger`. */
function defaultExportedVariable(scope: ModuleScope): TSESTree.Identifier | undefined {
  for (const statement of scope.program.body) {
    if (
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration &&
      statement.declaration.type === AST_NODE_TYPES.Identifier
    )
      return statement.declaration;
    if (
      statement.type !== AST_NODE_TYPES.ExpressionStatement ||
      statement.expression.type !== AST_NODE_TYPES.AssignmentExpression
    )
      continue;
    const { left, right } = statement.expression;
    const exportsWhole =
      left.type === AST_NODE_TYPES.MemberExpression &&
      left.object.type === AST_NODE_TYPES.Identifier &&
      left.object.name === 'module' &&
      memberName(left) === 'exports';
    if (exportsWhole && right.type === AST_NODE_TYPES.Identifier) return right;
  }
  return undefined;
}

/** What a holder stores under `key`: an object literal's property, an instance's field, a class's static. */
function propertyOf(holder: Held, key: string, depth: number, throughParameters = false): Held[] {
  const node = unwrap(holder.node);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    // The last property of that name wins, as at run time; a spread after it could replace it, but rarely does.
    const property = node.properties.findLast(
      (candidate) =>
        candidate.type === AST_NODE_TYPES.Property &&
        candidate.kind === 'init' &&
        !candidate.method &&
        propertyKeyName(candidate) === key,
    );
    return property?.type === AST_NODE_TYPES.Property
      ? heldValues(property.value, holder.scope, depth + 1, throughParameters)
      : [];
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const created = holder.scope.classOf(node.callee);
    return created ? instanceMember(created, key, depth, throughParameters, { node, scope: holder.scope }) : [];
  }
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
    return limit(
      node.body.body.flatMap((member) =>
        member.type === AST_NODE_TYPES.PropertyDefinition &&
        member.static &&
        member.value &&
        propertyKeyName(member) === key
          ? heldValues(member.value, holder.scope, depth + 1)
          : [],
      ),
    );
  }
  return [];
}

function scopeOf(program: TSESTree.Program, from: ModuleScope): ModuleScope | undefined {
  if (program === from.program) return from;
  const file = fileOfProgram(program);
  const text = file ? moduleTextOf(file) : undefined;
  return file && text !== undefined ? ModuleScope.of(program, file, text, from.languageOptions) : undefined;
}

function limit(values: Held[], max = MAX_CANDIDATES): Held[] {
  return values.length > max ? values.slice(0, max) : values;
}

/**
 * What the callers of `fn` pass as its `index`th argument, in the project's non-test modules: `new C(…)` for a
 * constructor, `this.m(…)` within the class for a method, calls by name (local or imported) for a function. Found by
 * the name in the text first, then confirmed on the parsed call; remembered per function.
 */
export function argumentsPassedTo(fn: TSESTree.FunctionLike, index: number, scope: ModuleScope): Held[] {
  // Callers are found by reading the project: the host forgets what they pass whenever a file may have changed.
  const memo = analysisHostFor(scope.file).passedArguments;
  const known = memo.get(fn)?.get(index) as Held[] | undefined;
  if (known) return known;
  // A receiver's class read through its constructor's callers can lead back here: what is being found is not known yet.
  const found = memo.guard(fn, undefined, () => findArgumentsPassedTo(fn, index, scope));
  if (!found) return [];
  const byIndex = memo.get(fn) ?? new Map<number, unknown[]>();
  memo.set(fn, byIndex.set(index, found));
  return found;
}

function findArgumentsPassedTo(fn: TSESTree.FunctionLike, index: number, scope: ModuleScope): Held[] {
  const found: Held[] = [];
  const method = fn.parent?.type === AST_NODE_TYPES.MethodDefinition ? fn.parent : undefined;
  const owner = method?.parent?.parent;
  const ownerClass =
    owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression
      ? owner
      : undefined;
  if (method && ownerClass && method.kind === 'method') {
    const name = !method.computed && method.key.type === AST_NODE_TYPES.Identifier ? method.key.name : undefined;
    // `this.initializeRoutes(routes)` within the class, and `server.registerRoutes('/auth', router)` anywhere on an
    // instance of it (the server a class holds, passed to its constructor).
    for (const caller of name ? callerScopes(scope, name) : []) {
      const visit = (node: TSESTree.Node): void => {
        forEachChild(node, visit);
        if (node.type !== AST_NODE_TYPES.CallExpression || !node.arguments[index]) return;
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== name) return;
        const receiver = unwrap(callee.object);
        const onInstance =
          receiver.type === AST_NODE_TYPES.ThisExpression
            ? caller.enclosingClassOf(receiver) === ownerClass
            : heldValues(receiver, caller, 1, true).some((held) => {
                const value = unwrap(held.node);
                return (
                  value.type === AST_NODE_TYPES.NewExpression && held.scope.classOf(value.callee)?.node === ownerClass
                );
              });
        if (onInstance) found.push({ node: node.arguments[index], scope: caller });
      };
      visit(caller.program);
    }
  } else {
    const constructed = method?.kind === 'constructor' ? ownerClass : undefined;
    const name = constructed ? constructed.id?.name : functionName(fn);
    if (name) {
      for (const caller of callerScopes(scope, name)) {
        const visit = (node: TSESTree.Node): void => {
          forEachChild(node, visit);
          if (
            (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) ||
            !node.arguments[index]
          )
            return;
          if (constructed) {
            if (node.type === AST_NODE_TYPES.NewExpression && caller.classOf(node.callee)?.node === constructed)
              found.push({ node: node.arguments[index], scope: caller });
            return;
          }
          if (node.type !== AST_NODE_TYPES.CallExpression) return;
          const callee = unwrap(node.callee);
          const calledName =
            callee.type === AST_NODE_TYPES.Identifier
              ? callee.name
              : callee.type === AST_NODE_TYPES.MemberExpression
                ? memberName(callee)
                : undefined;
          if (calledName === name && caller.functionOf(callee)?.node === fn)
            found.push({ node: node.arguments[index], scope: caller });
        };
        visit(caller.program);
      }
    }
  }
  return found;
}

/**
 * The modules that may call `name`: the function's own module first (it may be the linted file, not yet on disk),
 * then the project's non-test files whose scanned text calls the name.
 */
function* callerScopes(scope: ModuleScope, name: string): Generator<ModuleScope> {
  const root = findProjectRoot(scope.file);
  yield scope;
  for (const file of projectScan(root).filesCalling(name)) {
    if (file === scope.file || isTestOrScriptPath(path.relative(root, file))) continue;
    const caller = ModuleScope.forFile(file, scope.languageOptions);
    if (caller) yield caller;
  }
}

/** A function's own name, or the name of the variable it is assigned to. */
export function functionName(fn: TSESTree.FunctionLike): string | undefined {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id)
    return fn.id.name;
  if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier)
    return fn.parent.id.name;
  return undefined;
}
