import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { enclosingStatement, isFunctionNode, propertyKeyName, unwrap } from '../analysis/ast';
import { fileAloneModel, findProjectRoot, lateMounts, routeCoverage, type RouteModel, type ScopeModel, type ServiceModel } from '../analysis/service-model';
import { DEFAULT_EXEMPT_PATHS, examplesOf, isServiceSourceFile, locOf, matchesPathList, modelForLintedFile } from '../analysis/service-model/lint';
import { importedAs, importFixes } from '../fixes/imports';
import { insertRequestLogging, NEST_INTERCEPTOR_IMPORTS, NEST_LOGGING_INTERCEPTOR, requestLoggingFor } from '../fixes/request-logging';
import { appCreation, appVariableOf, factoryCall } from '../fixes/service-insertion';
import { projectDependencies } from '../analysis/modules';
import { projectLogger, serviceProfile } from '../analysis/service-profile';
import { createRule } from '../util/createRule';

export interface RequireRouteLoggingOptions {
  /** Paths never required to be logged: each matches itself and everything below it. */
  exemptPaths?: string[];
  /** Report routers whose app is not visible (a library of routers mounted elsewhere). */
  assumeNoGlobalLogging?: boolean;
  /** Middleware names (or packages) that log requests, for packages the rule does not know. */
  loggingMiddleware?: string[];
}

export type MessageIds = 'routeNotLogged' | 'routesHereNotLogged' | 'mountBeforeLogger' | 'appRoutesNotLogged' | 'addRequestLogging' | 'enableFastifyLogger' | 'addHandlerLog' | 'moveLoggerBeforeMount' | 'addLoggingInterceptor';

export default createRule<[RequireRouteLoggingOptions], MessageIds>({
  name: 'require-route-logging',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require every HTTP route to be covered by request logging (middleware, hook, interceptor, or the handler itself)',
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      routeNotLogged: '{{method}} {{path}} is not logged: {{reason}}.',
      routesHereNotLogged: '{{count}} routes registered here are not logged ({{examples}}): {{reason}}.',
      mountBeforeLogger: 'Routes under {{path}} are mounted before {{logger}} is registered ({{where}}), so their requests are not logged.',
      addRequestLogging: 'Register {{what}} before the first route.',
      enableFastifyLogger: "Turn on Fastify's logger (`logger: true`): it logs every request and response.",
      addHandlerLog: 'Log the request in this handler.',
      moveLoggerBeforeMount: 'Register {{logger}} before this mount.',
      appRoutesNotLogged: '{{count}} route(s) of this app declared in other files are not logged ({{examples}}): {{reason}}.',
      addLoggingInterceptor: 'Register a global interceptor that logs every request.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          exemptPaths: { type: 'array', items: { type: 'string', pattern: '^/' }, description: 'Paths (and everything below them) that need no request log.' },
          assumeNoGlobalLogging: { type: 'boolean', description: 'Report routers even when no app that mounts them is visible.' },
          loggingMiddleware: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Names of middleware that log requests.' },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const filename = context.filename;
    if (!isServiceSourceFile(filename)) return {};
    const sourceCode = context.sourceCode;
    const exempt = options.exemptPaths ?? DEFAULT_EXEMPT_PATHS;
    const loggingMiddleware = options.loggingMiddleware ?? [];

    return {
      'Program:exit'(program) {
        let model = modelForLintedFile(context, program, loggingMiddleware);
        let here = model ? path.relative(model.root, filename).split(path.sep).join('/') : filename;
        let routes = model ? routesByFile(model).get(here) ?? [] : [];
        if (routes.length === 0 && options.assumeNoGlobalLogging && !model?.files.includes(here)) {
          model = fileAloneModel(filename, context.languageOptions, loggingMiddleware);
          here = model ? path.relative(model.root, filename).split(path.sep).join('/') : filename;
          routes = model ? routesByFile(model).get(here) ?? [] : [];
        }
        if (!model) return;
        const relative = (file: string): string => (file === filename ? here : path.relative(model!.root, file).split(path.sep).join('/'));
        const currentModel = model;
        const scopes = new Map(model.scopes.map((scope) => [scope.id, scope]));
        // One report per registration: a route table registered in a loop, or `router.on(['GET', 'POST'], …)`, is
        // one place to fix, however many routes it makes.
        const unloggedAt = new Map<string, { route: RouteModel; reason: string; routes: RouteModel[] }>();
        for (const route of routes) {
          if (matchesPathList(route.path, exempt)) continue;
          const coverage = routeCoverage(currentModel, route, 'request-logging');
          if (coverage.covered) continue;
          const at = `${route.location.line}:${route.location.column}`;
          const group = unloggedAt.get(at);
          if (!group) unloggedAt.set(at, { route, reason: coverage.reason ?? 'nothing logs it', routes: [route] });
          else if (!group.routes.some((other) => other.method === route.method && other.path === route.path)) group.routes.push(route);
        }
        for (const { route, reason, routes: group } of unloggedAt.values()) {
          const app = scopes.get(route.chain[0]?.scope ?? route.scope);
          if (group.length > 1) {
            const appWide = app && app.location.file === here ? appWideSuggestion(app, currentModel) : undefined;
            context.report({ loc: locOf(route.location), messageId: 'routesHereNotLogged', data: { count: String(group.length), examples: examplesOf(group), reason: reason.replace(/ before it$/, ' before them') }, suggest: appWide ? [appWide] : [] });
            continue;
          }
          context.report({
            loc: locOf(route.location),
            messageId: 'routeNotLogged',
            data: { method: route.method, path: route.path || '/', reason },
            suggest: suggestionsFor(route, app, currentModel),
          });
        }
        // Routes declared in other files (routers, plugins, NestJS controllers) are fixed where the app is created:
        // report there once for the whole app, with the app-wide suggestion.
        for (const app of currentModel.scopes) {
          if (app.kind !== 'app' || app.framework === 'nextjs' || app.location.file !== relative(filename)) continue;
          const unlogged = currentModel.routes.filter(
            (route) => route.chain[0]?.scope === app.id && (app.framework === 'nestjs' || route.location.file !== app.location.file) && !matchesPathList(route.path, exempt) && unloggedWithoutLateLogger(currentModel, route),
          );
          if (unlogged.length === 0) continue;
          const examples = examplesOf(unlogged);
          const suggestion = app.framework === 'nestjs' ? nestInterceptorSuggestion(app) : appWideSuggestion(app, currentModel);
          const reason = app.framework === 'nestjs' ? 'no interceptor, middleware or nestjs-pino logs requests' : (routeCoverage(currentModel, unlogged[0]!, 'request-logging').reason ?? 'nothing logs them');
          context.report({ loc: locOf(app.location), messageId: 'appRoutesNotLogged', data: { count: String(unlogged.length), examples, reason }, suggest: suggestion ? [suggestion] : [] });
        }
        for (const { scope, mount, late } of lateMounts(currentModel, 'request-logging')) {
          if (mount.location.file !== relative(filename)) continue;
          const subtreeUncovered = currentModel.routes.some((route) => route.chain.some((step) => step.scope === scope.id && step.before === mount.order) && !matchesPathList(route.path, exempt) && !routeCoverage(currentModel, route, 'request-logging').covered);
          if (!subtreeUncovered) continue;
          const moved = late.location.file === mount.location.file ? moveLoggerSuggestion(offsetOf(mount.location), offsetOf(late.location)) : undefined;
          context.report({
            loc: locOf(mount.location),
            messageId: 'mountBeforeLogger',
            data: { path: mount.path || '/', logger: late.name, where: `${late.location.file}:${late.location.line}` },
            suggest: moved ? [moved] : [],
          });
        }
      },
    };

    /** Not logged, and not because a logger comes too late (the mount is reported for that, with a move). */
    function unloggedWithoutLateLogger(model: ServiceModel, route: RouteModel): boolean {
      const coverage = routeCoverage(model, route, 'request-logging');
      return !coverage.covered && !coverage.late;
    }

    function suggestionsFor(route: RouteModel, app: ScopeModel | undefined, model: ServiceModel): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (app && app.location.file === path.relative(model.root, filename).split(path.sep).join('/')) {
        const appWide = appWideSuggestion(app, model);
        if (appWide) suggestions.push(appWide);
      }
      const handlerLog = handlerLogSuggestion(route);
      if (handlerLog) suggestions.push(handlerLog);
      return suggestions;
    }

    /** In the file that creates the app: request logging for every route, before the first one. */
    function appWideSuggestion(app: ScopeModel, model: ServiceModel): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      const creation = appCreation(sourceCode, app);
      if (!creation) return undefined;
      if (app.framework === 'fastify') {
        // With the logger already on (a route silenced by its logLevel), turning it on changes nothing.
        if (app.options.frameworkRequestLogging && !app.options.requestLoggingDisabled) return undefined;
        const call = factoryCall(creation.node);
        return call ? { messageId: 'enableFastifyLogger', fix: (fixer) => enableFastifyLogger(fixer, call) } : undefined;
      }
      const appName = appVariableOf(creation);
      if (!appName) return undefined;
      const here = path.relative(model.root, filename).split(path.sep).join('/');
      const registrations = [...app.mounts, ...model.routes.filter((route) => route.scope === app.id && !matchesPathList(route.path, exempt))]
        .filter((registration) => registration.location.file === here)
        .map((registration) => offsetOf(registration.location))
        .filter((offset) => offset > creation.node.range[1]);
      const first = Math.min(...registrations);
      const before = Number.isFinite(first) ? statementAt(first) : undefined;
      if (!before) return undefined;
      // A Hono file that already imports hono/logger keeps the project's choice.
      const honoLogger = app.framework === 'hono' ? importedAs(sourceCode, 'hono/logger') : undefined;
      const insertion = honoLogger
        ? { what: 'hono/logger', statement: `${appName}.use(${honoLogger}());`, imports: [] }
        : requestLoggingFor(app.framework, appName, serviceProfile(sourceCode, filename, app.framework, appName, model.root));
      if (!insertion) return undefined;
      // A package the file already imports under another name is called by that name, not imported again.
      const imports = insertion.imports.filter((request) => {
        const local = importedAs(sourceCode, request.module);
        const wanted = request.named?.[0] ?? request.defaultName ?? request.namespace;
        if (!local || !wanted) return true;
        insertion.statement = insertion.statement.replace(new RegExp(`\\b${wanted}\\(`), `${local}(`);
        return false;
      });
      return { messageId: 'addRequestLogging', data: { what: insertion.what }, fix: (fixer) => insertRequestLogging(fixer, sourceCode, filename, before, { ...insertion, imports }) };
    }

    /** `app.useGlobalInterceptors(new RequestLoggingInterceptor())` after `NestFactory.create`, the class at the end of the file. */
    function nestInterceptorSuggestion(app: ScopeModel): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      if (!/\.(ts|mts|cts)$/.test(filename) || sourceCode.ast.sourceType !== 'module') return undefined;
      const creation = appCreation(sourceCode, app);
      const appName = creation ? appVariableOf(creation) : undefined;
      if (!creation || !appName) return undefined;
      const indent = ' '.repeat(creation.statement.loc.start.column);
      return {
        messageId: 'addLoggingInterceptor',
        fix: (fixer) => [
          fixer.insertTextAfter(creation.statement, `\n${indent}${appName}.useGlobalInterceptors(new RequestLoggingInterceptor());`),
          fixer.insertTextAfterRange([sourceCode.text.length, sourceCode.text.length], `${sourceCode.text.endsWith('\n') ? '' : '\n'}${NEST_LOGGING_INTERCEPTOR}`),
          ...importFixes(fixer, sourceCode, { style: 'esm', typescript: true }, NEST_INTERCEPTOR_IMPORTS),
        ],
      };
    }

    /** A log line at the start of the handler: inline in the route call, an exported route function, a controller method. */
    function handlerLogSuggestion(route: RouteModel): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      const handler = handlerAt(nodeAt(route.location));
      if (!handler?.body) return undefined;
      const body = handler.body;
      const logger = projectLogger(sourceCode, filename, projectDependencies(findProjectRoot(filename)))?.name ?? 'console';
      const line = `${logger}.info('${`${route.method} ${route.path || '/'}`.replace(/['\\]/g, '\\$&')}');`;
      if (body.type !== AST_NODE_TYPES.BlockStatement) {
        // `(req, res) => res.json([])` becomes a block that logs, then returns what it returned; a
        // parenthesised body (`() => ({})`) is replaced with its parentheses.
        const open = sourceCode.getTokenBefore(body);
        const close = sourceCode.getTokenAfter(body);
        const wrapped = open?.value === '(' && close?.value === ')' && sourceCode.getTokenBefore(open)?.value === '=>';
        const range: TSESTree.Range = wrapped ? [open.range[0], close.range[1]] : body.range;
        return { messageId: 'addHandlerLog', fix: (fixer) => fixer.replaceTextRange(range, `{\n  ${line}\n  return ${sourceCode.getText(body)};\n}`) };
      }
      const first = body.body[0];
      // On the brace's line the log line goes inline; otherwise on its own line, indented like the first statement.
      const separator = first && first.loc.start.line === body.loc.start.line ? ' ' : `\n${' '.repeat(first?.loc.start.column ?? 0)}`;
      return {
        messageId: 'addHandlerLog',
        fix: (fixer) => (first ? fixer.insertTextBefore(first, `${line}${separator}`) : fixer.replaceText(body, `{ ${line} }`)),
      };
    }

    function handlerAt(node: TSESTree.Node | undefined): TSESTree.FunctionLike | undefined {
      for (let current = node; current; current = current.parent) {
        if (current.type === AST_NODE_TYPES.MethodDefinition) return current.value;
        if (current.type === AST_NODE_TYPES.ExportDefaultDeclaration) return isFunctionNode(current.declaration) ? current.declaration : undefined;
        if (current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
        if (current.type === AST_NODE_TYPES.VariableDeclarator) return current.init && isFunctionNode(unwrap(current.init)) ? (unwrap(current.init) as TSESTree.FunctionLike) : undefined;
        if (current.type === AST_NODE_TYPES.CallExpression) {
          // In `app.route('/x').get(h)` the first call met is `route('/x')`: keep climbing to the one with the handler.
          const inline = [...current.arguments].reverse().map((argument) => unwrap(argument)).find(isFunctionNode) ?? routeOptionHandler(current);
          if (inline) return inline as TSESTree.FunctionLike;
        }
        if (current.type === AST_NODE_TYPES.Program) return undefined;
      }
      return undefined;
    }

    /** `app.use(logger)` registered after a mount: move it before the mount (same file, both whole statements). */
    function moveLoggerSuggestion(mountOrder: number, loggerOrder: number): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      const mountStatement = statementAt(mountOrder);
      const loggerStatement = statementAt(loggerOrder);
      if (!mountStatement || !loggerStatement || mountStatement.parent !== loggerStatement.parent || loggerStatement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      const text = sourceCode.getText(loggerStatement);
      const indent = ' '.repeat(mountStatement.loc.start.column);
      const start = sourceCode.getIndexFromLoc({ line: loggerStatement.loc.start.line, column: 0 });
      const lineEnd = sourceCode.text.indexOf('\n', loggerStatement.range[1]);
      const end = lineEnd < 0 ? sourceCode.text.length : lineEnd + 1;
      const wholeLines = sourceCode.text.slice(start, loggerStatement.range[0]).trim() === '' && sourceCode.text.slice(loggerStatement.range[1], end).trim() === '';
      return {
        messageId: 'moveLoggerBeforeMount',
        data: { logger: text.replace(/;$/, '').slice(0, 40) },
        fix: (fixer) => [fixer.insertTextBefore(mountStatement, `${text}\n${indent}`), wholeLines ? fixer.removeRange([start, end]) : fixer.remove(loggerStatement)],
      };
    }

    function nodeAt(location: { line: number; column: number }): TSESTree.Node | undefined {
      if (location.line > sourceCode.lines.length) return undefined;
      const index = sourceCode.getIndexFromLoc({ line: location.line, column: location.column - 1 });
      const node = sourceCode.getNodeByRangeIndex(index);
      return node ?? undefined;
    }

    /** The statement (directly in a block or the program) that contains offset `index`. */
    /** Where a model location (1-based column) is in the linted file. */
    function offsetOf(location: { line: number; column: number }): number {
      return sourceCode.getIndexFromLoc({ line: location.line, column: location.column - 1 });
    }

    function statementAt(index: number): TSESTree.Statement | undefined {
      const node = sourceCode.getNodeByRangeIndex(index);
      return node ? enclosingStatement(node) : undefined;
    }
  },
});

const routeIndex = new WeakMap<ServiceModel, Map<string, RouteModel[]>>();

/** The model's routes by file, indexed once per model (every linted file asks). */
function routesByFile(model: ServiceModel): Map<string, RouteModel[]> {
  let index = routeIndex.get(model);
  if (!index) {
    index = new Map();
    for (const route of model.routes) {
      const list = index.get(route.location.file) ?? [];
      list.push(route);
      index.set(route.location.file, list);
    }
    routeIndex.set(model, index);
  }
  return index;
}

function routeOptionHandler(call: TSESTree.CallExpression | undefined): TSESTree.FunctionLike | undefined {
  const options = call?.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'handler' && isFunctionNode(unwrap(property.value))) return unwrap(property.value) as TSESTree.FunctionLike;
  }
  return undefined;
}

/** `Fastify()` → `Fastify({ logger: true })`; `logger: false` → `true`; `disableRequestLogging: true` → `false`. */
function enableFastifyLogger(fixer: TSESLint.RuleFixer, call: TSESTree.CallExpression): TSESLint.RuleFix[] {
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!options) return [fixer.replaceText(call, `${call.callee.type === AST_NODE_TYPES.Identifier ? call.callee.name : 'Fastify'}({ logger: true })`)];
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const fixes: TSESLint.RuleFix[] = [];
  let hasLogger = false;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(property);
    const value = unwrap(property.value);
    if (key === 'logger' || key === 'loggerInstance') {
      hasLogger = true;
      if (value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === null)) fixes.push(fixer.replaceText(value, 'true'));
    }
    if (key === 'disableRequestLogging' && !(value.type === AST_NODE_TYPES.Literal && value.value === false)) fixes.push(fixer.replaceText(property.value, 'false'));
  }
  if (!hasLogger) fixes.push(options.properties.length > 0 ? fixer.insertTextBefore(options.properties[0]!, 'logger: true, ') : fixer.replaceText(options, '{ logger: true }'));
  return fixes;
}
