import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import {
  findVariable,
  forEachChild,
  importBindings,
  isFunctionNode,
  isWholeModule,
  memberName,
  propertyKeyName,
  requiredModule,
  returnedExpressions,
  terminalName,
  unwrap,
} from './ast';
import {
  fileOfProgram,
  isProjectSpecifier,
  moduleTextOf,
  parseModule,
  resolveImport,
  resolveRelativeModule,
  topLevelDefinitions,
} from './modules';
import { heldValues } from './held-values';
import { helperSinks } from './label-helpers';
import { ModuleScope } from './service-model/module-scope';
import { findProjectRoot, projectScan } from './modules';
import { METRICS_PACKAGES, METRICS_TEXT, NEST_PROMETHEUS, STATSD_MODULES } from './text-probes';
import { remembered } from '../util/memo';
import { objectUse, promUse, statsdTagsUse } from './label-uses';
import { injectedMetricName } from './nest-prometheus';
import { callSitesOf } from './label-uses';
export { callSitesOf, promBundleCall, promBundleOptions, SEMCONV_KEYS } from './label-uses';

export type { LabelUse, MetricDeclaration, MetricKind, MetricLibrary } from './metric-types';
import type { LabelUse, MetricDeclaration, MetricKind } from './metric-types';

// Maps, not object literals: `OTEL_FACTORIES['hasOwnProperty']` must not find Object.prototype.
const PROM_CLASSES = new Map<string, MetricKind>([
  ['Counter', 'counter'],
  ['Gauge', 'gauge'],
  ['Histogram', 'histogram'],
  ['Summary', 'summary'],
]);
const OTEL_FACTORIES = new Map<string, MetricKind>([
  ['createCounter', 'counter'],
  ['createUpDownCounter', 'up-down-counter'],
  ['createHistogram', 'histogram'],
  ['createGauge', 'gauge'],
  ['createObservableCounter', 'observable-counter'],
  ['createObservableGauge', 'observable-gauge'],
  ['createObservableUpDownCounter', 'observable-up-down-counter'],
]);
/** prom-client methods whose first argument may be a label object; `end` is what `startTimer()` returns. */
const PROM_LABEL_METHODS = new Set([
  'inc',
  'dec',
  'set',
  'observe',
  'setToCurrentTime',
  'zero',
  'startTimer',
  'labels',
  'remove',
  'increment',
]);
/** Names of functions that may wrap a metric constructor (`createCounter(options)`); only these are looked into. */
const FACTORY_NAME = /(counter|gauge|histogram|summary|metric)/i;
const STATSD_METHODS = new Set([
  'increment',
  'decrement',
  'timing',
  'histogram',
  'gauge',
  'gaugeDelta',
  'distribution',
  'set',
  'unique',
  'timer',
  'asyncTimer',
  'asyncDistTimer',
  'check',
  'event',
]);
const NEST_PROVIDERS = new Map<string, MetricKind>([
  ['makeCounterProvider', 'counter'],
  ['makeGaugeProvider', 'gauge'],
  ['makeHistogramProvider', 'histogram'],
  ['makeSummaryProvider', 'summary'],
]);

/**
 * The shapes a metric declaration can take: `new X(…)` (a prom-client class when X is one), a factory-named call
 * (`createHistogram(options)`, when the factory passes its options to a prom-client class) or an OpenTelemetry
 * `meter.createX(…)`. Every call and `new` of every file is asked about: anything else is rejected here, cheaply.
 */
type DeclarationShape =
  | { via: 'new'; node: TSESTree.NewExpression; callee: TSESTree.Node }
  | { via: 'provider'; node: TSESTree.CallExpression; callee: TSESTree.Node; kind: MetricKind }
  | { via: 'factory'; node: TSESTree.CallExpression; callee: TSESTree.Identifier }
  | { via: 'meter'; node: TSESTree.CallExpression; kind: MetricKind };

function declarationShape(node: TSESTree.Node): DeclarationShape | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) return { via: 'new', node, callee: node.callee };
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(node.callee);
  // `makeCounterProvider({ name, help, labelNames })` (or `prometheus.makeCounterProvider`): checked against its import.
  const provider = node.arguments[0] ? NEST_PROVIDERS.get(terminalName(callee) ?? '') : undefined;
  if (provider) return { via: 'provider', node, callee, kind: provider };
  if (callee.type === AST_NODE_TYPES.Identifier)
    return FACTORY_NAME.test(callee.name) && node.arguments[0] ? { via: 'factory', node, callee } : undefined;
  const method = node.callee.type === AST_NODE_TYPES.MemberExpression ? memberName(node.callee) : undefined;
  const kind = method !== undefined ? OTEL_FACTORIES.get(method) : undefined;
  return kind ? { via: 'meter', node, kind } : undefined;
}

const declarations = new WeakMap<TSESTree.Node, MetricDeclaration | null>();
const resolvers = new WeakMap<TSESLint.SourceCode, MetricsResolver>();

/** A metrics library by package name; every `@opentelemetry/…` package counts too. */
function isMetricsModule(module: string): boolean {
  return METRICS_PACKAGES.has(module) || module.startsWith('@opentelemetry/');
}

const MAX_IMPORT_DEPTH = 4;

/**
 * Whether the module, or one it imports (up to MAX_IMPORT_DEPTH levels), names a metrics library: texts only, from
 * the project's scan (every file read once per run).
 */
function moduleReachesMetrics(file: string): boolean {
  return projectScan(findProjectRoot(file)).reaches(file, 'names-metrics', MAX_IMPORT_DEPTH);
}

/** Recognises metrics and the label sets recorded on them, in one file and the modules it imports metrics from. */
export class MetricsResolver {
  private readonly cache = new Map<TSESTree.Node, MetricDeclaration | null>();
  /** `specifier\0export` → the metric it names: every use of an imported metric in the file asks again. */
  private readonly imported = new Map<string, MetricDeclaration | null>();
  /** Both metrics rules ask first whether the file can touch a metric at all. */
  private touchesMetrics: boolean | undefined;

  private constructor(private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {}

  /**
   * The resolver of the linted file: both metrics rules ask about the same receivers, and the answers depend only
   * on the file (its tree, name and parser), not on the rule asking.
   */
  static of(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): MetricsResolver {
    let resolver = resolvers.get(context.sourceCode);
    if (!resolver) resolvers.set(context.sourceCode, (resolver = new MetricsResolver(context)));
    return resolver;
  }

  private get program(): TSESTree.Program {
    return this.context.sourceCode.ast;
  }

  /**
   * Whether this file can touch a metric at all: it imports a metrics library, or a project module that (itself or
   * through its own imports, a few levels deep) mentions one. Files that cannot skip all the analysis; the check
   * reads module texts, never parses them.
   */
  importsMetrics(): boolean {
    return (this.touchesMetrics ??= this.importsMetricsUncached());
  }

  private importsMetricsUncached(): boolean {
    // A `require('prom-client')` inside a handler (metrics created lazily) binds nothing at the top.
    if (METRICS_TEXT.test(this.context.sourceCode.text)) return true;
    for (const { module } of importBindings(this.program).values()) {
      if (isMetricsModule(module)) return true;
      if (isProjectSpecifier(this.context.filename, module)) {
        const file = resolveRelativeModule(this.context.filename, module);
        if (file && moduleReachesMetrics(file)) return true;
      }
    }
    return false;
  }

  /** A `new Counter(...)` / `meter.createHistogram(...)` / `createCounter(options)` expression in `program` (this file's or another). */
  declarationAt(expression: TSESTree.Node, program: TSESTree.Program, local: boolean): MetricDeclaration | undefined {
    const node = unwrap(expression);
    const shape = declarationShape(node);
    if (!shape) return undefined;
    // Both metrics rules ask about the same nodes; the answer depends only on the node (and its file's imports).
    const cached = declarations.get(node);
    if (cached !== undefined)
      return cached === null ? undefined : cached.local === local ? cached : { ...cached, local };
    const declaration = this.declarationUncached(shape, program, local);
    declarations.set(node, declaration ?? null);
    return declaration;
  }

  private declarationUncached(
    shape: DeclarationShape,
    program: TSESTree.Program,
    local: boolean,
  ): MetricDeclaration | undefined {
    const { node } = shape;
    if (shape.via === 'meter') {
      const nameArgument = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      const options = node.arguments[1] ? unwrap(node.arguments[1]) : undefined;
      const declaration: MetricDeclaration = { library: 'opentelemetry', kind: shape.kind, node, local };
      if (nameArgument?.type === AST_NODE_TYPES.Literal && typeof nameArgument.value === 'string') {
        declaration.name = nameArgument.value;
        declaration.nameNode = nameArgument;
      }
      if (options?.type === AST_NODE_TYPES.ObjectExpression) declaration.options = options;
      return declaration;
    }
    const kind =
      shape.via === 'factory'
        ? this.factoryKindOf(shape.callee, program)
        : // A project function of the same name (`makeCounterProvider(options)` wrapping `new Counter(options)`) is a factory.
          shape.via === 'provider'
          ? (this.nestProviderKindOf(shape.callee, shape.kind, program) ??
            (shape.callee.type === AST_NODE_TYPES.Identifier ? this.factoryKindOf(shape.callee, program) : undefined))
          : this.promClassOf(shape.callee, program);
    if (!kind) return undefined;
    const options = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    const declaration: MetricDeclaration = { library: 'prom-client', kind, node, local };
    if (options?.type === AST_NODE_TYPES.ObjectExpression) {
      declaration.options = options;
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(property);
        const value = unwrap(property.value);
        if (key === 'name' && value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') {
          declaration.name = value.value;
          declaration.nameNode = value;
        }
        if (key === 'labelNames' && value.type === AST_NODE_TYPES.ArrayExpression) {
          declaration.labelNamesNode = value;
          declaration.labelNames = value.elements.map((element) =>
            element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? element.value : '',
          );
        }
      }
    }
    return declaration;
  }

  private readonly factoryKinds = new Map<TSESTree.Node, MetricKind | null>();

  /**
   * `createCounter({ name, labelNames })` where `createCounter` (local or imported from a relative module)
   * passes its first parameter to `new Counter(…)`: the call declares a metric with those options.
   */
  private factoryKindOf(callee: TSESTree.Identifier, program: TSESTree.Program): MetricKind | undefined {
    let fn: TSESTree.Node | undefined;
    let fnProgram = program;
    const binding = importBindings(program).get(callee.name);
    const from = program === this.program ? this.context.filename : fileOfProgram(program);
    if (binding && isProjectSpecifier(from, binding.module)) {
      const resolved = from
        ? resolveImport(
            from,
            binding.module,
            isWholeModule(binding) ? 'default' : binding.imported,
            this.context.languageOptions,
          )
        : undefined;
      if (!resolved) return undefined;
      fn = resolved.node;
      fnProgram = resolved.program;
    } else if (!binding) {
      fn = topLevelDefinitions(program).get(callee.name);
    }
    if (!fn || !isFunctionNode(fn)) return undefined;
    const cached = this.factoryKinds.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    const parameter = fn.params[0];
    let kind: MetricKind | undefined;
    if (parameter?.type === AST_NODE_TYPES.Identifier) {
      const visit = (node: TSESTree.Node): void => {
        if (kind) return;
        if (
          node.type === AST_NODE_TYPES.NewExpression &&
          node.arguments[0]?.type === AST_NODE_TYPES.Identifier &&
          node.arguments[0].name === parameter.name
        ) {
          kind = this.promClassOf(node.callee, fnProgram);
        }
        if (!isFunctionNode(node) || node === fn) forEachChild(node, visit);
      };
      visit(fn.body);
    }
    this.factoryKinds.set(fn, kind ?? null);
    return kind;
  }

  /**
   * The prom-client class a constructor callee names, however it was bound: `Counter` imported or required by
   * name, `client.Counter` on a default, namespace or required module, `const { Counter } = client`, or a
   * `require('prom-client')` inside the function that creates the metric.
   */
  private promClassOf(callee: TSESTree.Node, program: TSESTree.Program): MetricKind | undefined {
    const source = this.scopeOf(program)?.packageOf(callee);
    if (source?.module !== 'prom-client') return undefined;
    if (source.member === undefined)
      return source.imported === undefined ? undefined : PROM_CLASSES.get(source.imported);
    // `register.Counter` is not a class: only members of the module itself are.
    const wholeModule =
      source.imported === undefined ||
      source.imported === 'default' ||
      source.imported === '*' ||
      source.imported === 'require';
    return wholeModule ? PROM_CLASSES.get(source.member) : undefined;
  }

  /**
   * `makeCounterProvider(…)` imported from `@willsoto/nestjs-prometheus` (by name, or as a member of the module):
   * the provider registers a prom-client metric of that kind with the options it is given. A local function of
   * the same name is not the package's.
   */
  private nestProviderKindOf(
    callee: TSESTree.Node,
    kind: MetricKind,
    program: TSESTree.Program,
  ): MetricKind | undefined {
    const source = this.scopeOf(program)?.packageOf(callee);
    if (source?.module !== NEST_PROMETHEUS) return undefined;
    const exported = source.member ?? source.imported;
    const wholeModule =
      source.member === undefined ||
      source.imported === undefined ||
      source.imported === 'default' ||
      source.imported === '*' ||
      source.imported === 'require';
    return wholeModule && exported !== undefined && NEST_PROVIDERS.get(exported) === kind ? kind : undefined;
  }

  /** The module of a program (this file's or one parsed from another), for lookups without ESLint's scopes. */
  private scopeOf(program: TSESTree.Program): ModuleScope | undefined {
    if (program === this.program)
      return ModuleScope.of(program, this.context.filename, this.context.sourceCode.text, this.context.languageOptions);
    const file = fileOfProgram(program);
    const text = file ? moduleTextOf(file) : undefined;
    return file && text !== undefined ? ModuleScope.of(program, file, text, this.context.languageOptions) : undefined;
  }

  /**
   * A metric held where the receiver points: `Counters.requests` (an object literal's property, here or in
   * another module), `metrics.requests` (an instance of a class that sets `this.requests = new Counter(…)`),
   * `const { requests } = Counters`.
   */
  private heldMetric(node: TSESTree.Node, depth: number): MetricDeclaration | undefined {
    const scope = this.scopeOf(this.program);
    if (!scope) return undefined;
    for (const held of heldValues(node, scope)) {
      if (held.node === node) continue;
      const metric =
        held.scope.program === this.program
          ? this.resolveMetric(held.node, depth + 1)
          : this.declarationAt(held.node, held.scope.program, false);
      if (metric) return metric;
    }
    return undefined;
  }

  /** The metric a receiver refers to: a local, a class field, an import from a relative module, a helper's parameter. */
  resolveMetric(expression: TSESTree.Node, depth = 0): MetricDeclaration | undefined {
    if (depth > 5) return undefined;
    const node = unwrap(expression);
    const cached = this.cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.cache.set(node, null);
    const result = this.resolveUncached(node, depth);
    this.cache.set(node, result ?? null);
    return result;
  }

  private resolveUncached(node: TSESTree.Node, depth: number): MetricDeclaration | undefined {
    const direct = this.declarationAt(node, this.program, true);
    if (direct) return direct;
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      // `register.getSingleMetric('x') ?? new Histogram({ name: 'x', … })`: registered once, even when the module is
      // loaded again (hot reload, tests). Either side names the metric.
      return this.resolveMetric(node.left, depth + 1) ?? this.resolveMetric(node.right, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
      // `getHistogram().record(…)`: a local function that returns (or lazily creates) the metric.
      const def = findVariable(this.context.sourceCode.getScope(node), node.callee.name)?.defs[0];
      const fn =
        def?.node.type === AST_NODE_TYPES.FunctionDeclaration
          ? def.node
          : def?.node.type === AST_NODE_TYPES.VariableDeclarator
            ? def.node.init
            : undefined;
      if (!fn || !isFunctionNode(fn)) return undefined;
      for (const returned of returnedExpressions(fn)) {
        const metric = this.resolveMetric(returned, depth + 1);
        if (metric) return metric;
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(node.callee);
      // `metric.labels(…)` is a child of the metric; `register.getSingleMetric('name')` looks one up.
      if (method === 'labels') return this.resolveMetric(node.callee.object, depth + 1);
      if (method === 'getSingleMetric') {
        const wanted = node.arguments[0];
        if (wanted?.type === AST_NODE_TYPES.Literal && typeof wanted.value === 'string')
          return this.findDeclarationByName(wanted.value);
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      return this.classFieldMetric(node, depth) ?? this.injectedMetric(node) ?? this.heldMetric(node, depth);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      // `metrics.httpDuration` where `import * as metrics from './metrics'`
      const base = unwrap(node.object);
      const name = memberName(node);
      if (base.type === AST_NODE_TYPES.Identifier && name) {
        const binding = importBindings(this.program).get(base.name);
        if (binding && isWholeModule(binding) && isProjectSpecifier(this.context.filename, binding.module)) {
          const metric = this.importedMetric(binding.module, name);
          if (metric) return metric;
        }
      }
      return this.heldMetric(node, depth);
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.context.sourceCode.getScope(node), node.name);
    const def = variable?.defs[0];
    if (!def) return undefined;
    if (
      def.type === 'ImportBinding' ||
      (def.node.type === AST_NODE_TYPES.VariableDeclarator && requiredModule(def.node.init) !== undefined)
    ) {
      const binding = importBindings(this.program).get(node.name);
      if (binding && isProjectSpecifier(this.context.filename, binding.module))
        return this.importedMetric(
          binding.module,
          binding.imported === 'default' || isWholeModule(binding) ? 'default' : binding.imported,
        );
      return undefined;
    }
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.Identifier) {
      // `const h = new Histogram(…)`, or `let h = null; … h = meter.createHistogram(…)`.
      const written = [
        def.node.init,
        ...(variable?.references ?? []).map((reference) =>
          reference.isWrite() && !reference.init ? reference.writeExpr : undefined,
        ),
      ];
      for (const expression of written) {
        const metric = expression ? this.resolveMetric(expression, depth + 1) : undefined;
        if (metric) return metric;
      }
      return undefined;
    }
    if (def.type === 'Parameter' && isFunctionNode(def.node)) {
      return this.metricPassedTo(def.node, def.name, depth);
    }
    // `const { requests } = Counters`
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.ObjectPattern)
      return this.heldMetric(node, depth);
    return undefined;
  }

  /** `function newMeter(hist, route) {…}`: the metric is what call sites in this file pass. */
  private metricPassedTo(
    fn: TSESTree.FunctionLike,
    parameter: TSESTree.Node,
    depth: number,
  ): MetricDeclaration | undefined {
    const index = fn.params.indexOf(parameter as TSESTree.Parameter);
    if (index < 0) return undefined;
    for (const call of callSitesOf(fn, this.context)) {
      const argument = call.arguments[index];
      const metric = argument ? this.resolveMetric(argument, depth + 1) : undefined;
      if (metric) return metric;
    }
    return undefined;
  }

  private classFieldMetric(node: TSESTree.MemberExpression, depth: number): MetricDeclaration | undefined {
    const name = memberName(node);
    let current: TSESTree.Node | undefined = node.parent;
    while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
    if (!current || !name) return undefined;
    for (const member of current.body) {
      if (
        member.type === AST_NODE_TYPES.PropertyDefinition &&
        member.key.type === AST_NODE_TYPES.Identifier &&
        member.key.name === name &&
        member.value
      ) {
        return this.resolveMetric(member.value, depth + 1);
      }
    }
    // `this.x = new Histogram(…)` in the constructor
    const constructorMethod = current.body.find(
      (member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
    );
    if (constructorMethod?.type === AST_NODE_TYPES.MethodDefinition) {
      for (const statement of constructorMethod.value.body?.body ?? []) {
        if (
          statement.type !== AST_NODE_TYPES.ExpressionStatement ||
          statement.expression.type !== AST_NODE_TYPES.AssignmentExpression
        )
          continue;
        const { left, right } = statement.expression;
        if (
          left.type === AST_NODE_TYPES.MemberExpression &&
          left.object.type === AST_NODE_TYPES.ThisExpression &&
          memberName(left) === name
        ) {
          return this.resolveMetric(right, depth + 1);
        }
      }
    }
    return undefined;
  }

  /**
   * `this.counter` where the class's member is injected by `@InjectMetric('name')` (a constructor parameter property,
   * a decorated parameter the constructor stores as `this.counter`, or a decorated class property): the metric
   * a `@willsoto/nestjs-prometheus` provider declares under that name, in this module or another of the project.
   */
  private injectedMetric(node: TSESTree.MemberExpression): MetricDeclaration | undefined {
    const key = memberName(node);
    const scope = this.scopeOf(this.program);
    const owner = scope?.enclosingClassOf(node);
    if (!key || !scope || !owner) return undefined;
    const name = injectedMetricName(owner, key, scope);
    return name === undefined ? undefined : this.providerNamed(name);
  }

  /** `@InjectMetric` name → its provider: every use of an injected member in the file asks again. */
  private readonly providers = new Map<string, MetricDeclaration | null>();

  /** The provider that declares the metric `name`: in this module first, then in the project's modules that declare providers. */
  private providerNamed(name: string): MetricDeclaration | undefined {
    return remembered(this.providers, name, () => this.providerNamedUncached(name));
  }

  private providerNamedUncached(name: string): MetricDeclaration | undefined {
    const local = providersOf(this.program, this).get(name);
    if (local) return this.declarationAt(local, this.program, true);
    const file = this.context.filename;
    for (const candidate of projectScan(findProjectRoot(file)).currentFilesMatching('nest-prometheus-providers')) {
      if (candidate === file) continue;
      const program = parseModule(candidate, this.context.languageOptions);
      const found = program ? providersOf(program, this).get(name) : undefined;
      if (program && found) return this.declarationAt(found, program, false);
    }
    return undefined;
  }

  private importedMetric(specifier: string, exportName: string): MetricDeclaration | undefined {
    return remembered(this.imported, `${specifier}\0${exportName}`, () =>
      this.importedMetricUncached(specifier, exportName),
    );
  }

  private importedMetricUncached(specifier: string, exportName: string): MetricDeclaration | undefined {
    const resolved = resolveImport(this.context.filename, specifier, exportName, this.context.languageOptions);
    if (!resolved) return undefined;
    // `export const httpDuration = new Histogram(…)`, or a local re-exported by name.
    const node =
      resolved.node.type === AST_NODE_TYPES.Identifier
        ? topLevelDefinitions(resolved.program).get(resolved.node.name)
        : resolved.node;
    return node ? this.declarationAt(node, resolved.program, false) : undefined;
  }

  private findDeclarationByName(name: string): MetricDeclaration | undefined {
    let found: MetricDeclaration | undefined;
    const visit = (node: TSESTree.Node): void => {
      if (found) return;
      if (node.type === AST_NODE_TYPES.NewExpression) {
        const declaration = this.declarationAt(node, this.program, true);
        if (declaration?.name === name) found = declaration;
      }
      forEachChild(node, visit);
    };
    visit(this.program);
    return found;
  }

  /**
   * The label sets a call records, with the metric it records on: prom-client `labels/inc/observe/set/startTimer`
   * and timers' `end(labels)`, OpenTelemetry `add/record/observe`, StatsD tags.
   */
  labelUseOf(call: TSESTree.CallExpression): LabelUse | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return this.timerEndUse(call, callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (!method) return undefined;
    if (PROM_LABEL_METHODS.has(method)) {
      const metric = this.resolveMetric(callee.object);
      if (metric?.library === 'prom-client') return promUse(call, method, metric);
      // Otherwise not a prom-client metric (a child from `labels()` adds no labels): other libraries may still match.
    }
    if (method === 'add' || method === 'record' || method === 'bind') {
      const metric = this.resolveMetric(callee.object);
      if (metric?.library !== 'opentelemetry') return undefined;
      // `bind(labels)` is the pre-1.0 API, still copied from old examples: the labels are its first argument.
      return objectUse(call, method === 'bind' ? call.arguments[0] : call.arguments[1], metric, 'opentelemetry');
    }
    if (method === 'observe' && this.isObservableResult(callee.object)) {
      const attributes = call.arguments.length >= 3 ? call.arguments[2] : call.arguments[1];
      return objectUse(call, attributes, undefined, 'opentelemetry');
    }
    if (method === 'setDefaultLabels' && this.isPromRegistry(callee.object))
      return objectUse(call, call.arguments[0], undefined, 'default-labels');
    if (STATSD_METHODS.has(method) && this.isStatsdClient(callee.object)) {
      const tags = [...call.arguments].reverse().find((argument) => {
        const value = unwrap(argument);
        return value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression;
      });
      return tags ? statsdTagsUse(call, tags) : undefined;
    }
    return undefined;
  }

  /**
   * The label sets a call hands to a helper of another module that records them: `newMeter(histogram, req.url)`,
   * `record(Counters.requests, { path: req.path })`, `recordRequest(req.url)` where the helper's own metric takes
   * the value. Judged here, where the values are; the metric must resolve (passed, or the helper's own).
   */
  helperUsesOf(call: TSESTree.CallExpression): LabelUse[] {
    const callee = unwrap(call.callee);
    if (
      call.arguments.length === 0 ||
      (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression)
    )
      return [];
    const scope = this.scopeOf(this.program);
    // Helpers of this module are judged from their own label uses (their parameters lead to these calls).
    const helper = scope
      ? heldValues(callee, scope).find((held) => isFunctionNode(held.node) && held.scope.program !== this.program)
      : undefined;
    if (!helper || !isFunctionNode(helper.node)) return [];
    const uses: LabelUse[] = [];
    for (const sink of helperSinks(helper.node, helper.scope)) {
      const passed = sink.metricParameter !== undefined ? call.arguments[sink.metricParameter] : undefined;
      const metric = passed
        ? this.resolveMetric(passed)
        : sink.metricParameter === undefined
          ? this.metricOfModule(sink.receiver, helper.scope)
          : undefined;
      if (metric?.library !== sink.library) continue;
      const labels: LabelUse['labels'] = [];
      let object: TSESTree.ObjectExpression | undefined;
      for (const { label, position, parameter } of sink.values) {
        const value = call.arguments[parameter];
        if (value && value.type !== AST_NODE_TYPES.SpreadElement)
          labels.push({ name: label ?? (position !== undefined ? metric.labelNames?.[position] : undefined), value });
      }
      const whole = sink.objectParameter !== undefined ? call.arguments[sink.objectParameter] : undefined;
      const value = whole ? unwrap(whole) : undefined;
      if (value?.type === AST_NODE_TYPES.ObjectExpression) {
        object = value;
        labels.push(...(objectUse(call, value, metric, sink.library)?.labels ?? []));
      } else if (value?.type === AST_NODE_TYPES.Identifier) {
        // A label set held in a variable; `labels(route)` may also be the first label's value.
        labels.push({ name: undefined, value });
        if (sink.firstPositional) labels.push({ name: metric.labelNames?.[0], value, index: 0 });
      } else if (value && sink.firstPositional) {
        labels.push({ name: metric.labelNames?.[0], value });
      }
      if (labels.length > 0) uses.push({ metric, call, object, labels, source: sink.library, viaHelper: true });
    }
    return uses;
  }

  /** A metric the helper's module holds (`Counters.requests` in a helper of the metrics module). */
  private metricOfModule(receiver: TSESTree.Node, scope: ModuleScope): MetricDeclaration | undefined {
    for (const held of heldValues(receiver, scope)) {
      const metric = this.declarationAt(held.node, held.scope.program, held.scope.program === this.program);
      if (metric) return metric;
    }
    return undefined;
  }

  /** `const end = histogram.startTimer(); … end({ route })` */
  private timerEndUse(call: TSESTree.CallExpression, callee: TSESTree.Identifier): LabelUse | undefined {
    const variable = findVariable(this.context.sourceCode.getScope(call), callee.name);
    const def = variable?.defs[0];
    if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
    const init = unwrap(def.node.init);
    if (
      init.type !== AST_NODE_TYPES.CallExpression ||
      init.callee.type !== AST_NODE_TYPES.MemberExpression ||
      memberName(init.callee) !== 'startTimer'
    )
      return undefined;
    const metric = this.resolveMetric(init.callee.object);
    if (metric?.library !== 'prom-client') return undefined;
    return objectUse(call, call.arguments[0], metric, 'prom-client');
  }

  /** The parameter of an OpenTelemetry observable callback: `counter.addCallback((result) => result.observe(…))`. */
  private isObservableResult(receiver: TSESTree.Node): boolean {
    const node = unwrap(receiver);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(this.context.sourceCode.getScope(node), node.name)?.defs[0];
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return false;
    const call = def.node.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression)
      return false;
    const method = memberName(call.callee);
    return method === 'addCallback' || method === 'addBatchObservableCallback';
  }

  private isPromRegistry(receiver: TSESTree.Node): boolean {
    const node = unwrap(receiver);
    const names = importBindings(this.program);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const binding = names.get(node.name);
      if (binding?.module === 'prom-client') return true;
      const def = findVariable(this.context.sourceCode.getScope(node), node.name)?.defs[0];
      const init =
        def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
      return init?.type === AST_NODE_TYPES.NewExpression && terminalName(init.callee) === 'Registry';
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const base = unwrap(node.object);
      return (
        memberName(node) === 'register' &&
        base.type === AST_NODE_TYPES.Identifier &&
        names.get(base.name)?.module === 'prom-client'
      );
    }
    return false;
  }

  private isStatsdClient(receiver: TSESTree.Node): boolean {
    const node = unwrap(receiver);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(this.context.sourceCode.getScope(node), node.name)?.defs[0];
    const init =
      def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
    if (init?.type !== AST_NODE_TYPES.NewExpression && init?.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(init.callee);
    const names = importBindings(this.program);
    const base = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
    if (base.type === AST_NODE_TYPES.Identifier) {
      const binding = names.get(base.name);
      if (binding && STATSD_MODULES.has(binding.module)) return true;
      // `parent.childClient({…})`
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'childClient')
        return this.isStatsdClient(base);
    }
    return requiredModule(base) !== undefined && STATSD_MODULES.has(requiredModule(base)!);
  }
}

/** A program's `@willsoto/nestjs-prometheus` provider calls by declared metric name (the first of a name wins). */
const providersByProgram = new WeakMap<TSESTree.Program, Map<string, TSESTree.CallExpression>>();

function providersOf(program: TSESTree.Program, resolver: MetricsResolver): Map<string, TSESTree.CallExpression> {
  let found = providersByProgram.get(program);
  if (found) return found;
  const providers = new Map<string, TSESTree.CallExpression>();
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression && declarationShape(node)?.via === 'provider') {
      const declaration = resolver.declarationAt(node, program, false);
      if (declaration?.name !== undefined && !providers.has(declaration.name)) providers.set(declaration.name, node);
    }
    forEachChild(node, visit);
  };
  visit(program);
  providersByProgram.set(program, (found = providers));
  return found;
}
