import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { enclosingStatement, isFunctionNode, propertyKeyName, unwrap } from '../analysis/ast';
import { findProjectRoot, projectDependencies } from '../analysis/modules';
import type { RouteModel, ScopeModel, ServiceModel } from '../analysis/service-model/types';
import { matchesPathList } from '../analysis/service-model/lint';
import { projectLogger, serviceProfile } from '../analysis/service-profile';
import { importedAs, importFixes } from './imports';
import {
  insertRequestLogging,
  NEST_INTERCEPTOR_IMPORTS,
  NEST_LOGGING_INTERCEPTOR,
  requestLoggingFor,
} from './request-logging';
import { appCreation, appVariableOf, factoryCall } from './service-insertion';

/** The suggestions `require-route-logging` offers, by message id. */
export type RouteLoggingFixId =
  'addRequestLogging' | 'enableFastifyLogger' | 'addHandlerLog' | 'moveLoggerBeforeMount' | 'addLoggingInterceptor';
export type RouteLoggingSuggestion = TSESLint.SuggestionReportDescriptor<RouteLoggingFixId>;

/**
 * The edits that make routes of the linted file logged: request logging for the whole app (the framework's
 * idiom and the project's logger), a log line in one handler, a logger moved before a mount, a NestJS interceptor.
 */
export class RouteLoggingFixes {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly filename: string,
    /** Paths the rule does not judge: their registrations do not decide where logging must go. */
    private readonly exempt: readonly string[],
  ) {}

  /** In the file that creates the app: request logging for every route, before the first one. */
  appWide(app: ScopeModel, model: ServiceModel): RouteLoggingSuggestion | undefined {
    const creation = appCreation(this.sourceCode, app);
    if (!creation) return undefined;
    if (app.framework === 'fastify') {
      // With the logger already on (a route silenced by its logLevel), turning it on changes nothing.
      if (app.options.frameworkRequestLogging && !app.options.requestLoggingDisabled) return undefined;
      const call = factoryCall(creation.node);
      return call ? { messageId: 'enableFastifyLogger', fix: (fixer) => enableFastifyLogger(fixer, call) } : undefined;
    }
    const appName = appVariableOf(creation);
    if (!appName) return undefined;
    const here = path.relative(model.root, this.filename).split(path.sep).join('/');
    const registrations = [
      ...app.mounts,
      ...model.routes.filter((route) => route.scope === app.id && !matchesPathList(route.path, this.exempt)),
    ]
      .filter((registration) => registration.location.file === here)
      .map((registration) => this.offsetOf(registration.location))
      .filter((offset) => offset > creation.node.range[1]);
    const first = Math.min(...registrations);
    const before = Number.isFinite(first) ? this.statementAt(first) : undefined;
    if (!before) return undefined;
    // A Hono file that already imports hono/logger keeps the project's choice.
    const honoLogger = app.framework === 'hono' ? importedAs(this.sourceCode, 'hono/logger') : undefined;
    const insertion = honoLogger
      ? { what: 'hono/logger', statement: `${appName}.use(${honoLogger}());`, imports: [] }
      : requestLoggingFor(
          app.framework,
          appName,
          serviceProfile(this.sourceCode, this.filename, app.framework, appName, model.root),
        );
    if (!insertion) return undefined;
    // A package the file already imports under another name is called by that name, not imported again.
    const imports = insertion.imports.filter((request) => {
      const local = importedAs(this.sourceCode, request.module);
      const wanted = request.named?.[0] ?? request.defaultName ?? request.namespace;
      if (!local || !wanted) return true;
      insertion.statement = insertion.statement.replace(new RegExp(`\\b${wanted}\\(`), `${local}(`);
      return false;
    });
    return {
      messageId: 'addRequestLogging',
      data: { what: insertion.what },
      fix: (fixer) => insertRequestLogging(fixer, this.sourceCode, this.filename, before, { ...insertion, imports }),
    };
  }

  /** `app.useGlobalInterceptors(new RequestLoggingInterceptor())` after `NestFactory.create`, the class at the end of the file. */
  nestInterceptor(app: ScopeModel): RouteLoggingSuggestion | undefined {
    if (!/\.(ts|mts|cts)$/.test(this.filename) || this.sourceCode.ast.sourceType !== 'module') return undefined;
    const creation = appCreation(this.sourceCode, app);
    const appName = creation ? appVariableOf(creation) : undefined;
    if (!creation || !appName) return undefined;
    const indent = ' '.repeat(creation.statement.loc.start.column);
    return {
      messageId: 'addLoggingInterceptor',
      fix: (fixer) => [
        fixer.insertTextAfter(
          creation.statement,
          `\n${indent}${appName}.useGlobalInterceptors(new RequestLoggingInterceptor());`,
        ),
        fixer.insertTextAfterRange(
          [this.sourceCode.text.length, this.sourceCode.text.length],
          `${this.sourceCode.text.endsWith('\n') ? '' : '\n'}${NEST_LOGGING_INTERCEPTOR}`,
        ),
        ...importFixes(fixer, this.sourceCode, { style: 'esm', typescript: true }, NEST_INTERCEPTOR_IMPORTS),
      ],
    };
  }

  /** A log line at the start of the handler: inline in the route call, an exported route function, a controller method. */
  handlerLog(route: RouteModel): RouteLoggingSuggestion | undefined {
    const handler = this.handlerAt(this.nodeAt(route.location));
    if (!handler?.body) return undefined;
    const body = handler.body;
    const logger =
      projectLogger(this.sourceCode, this.filename, projectDependencies(findProjectRoot(this.filename)))?.name ??
      'console';
    const line = `${logger}.info('${`${route.method} ${route.path || '/'}`.replace(/['\\]/g, '\\$&')}');`;
    if (body.type !== AST_NODE_TYPES.BlockStatement) {
      // `(req, res) => res.json([])` becomes a block that logs, then returns what it returned; a
      // parenthesised body (`() => ({})`) is replaced with its parentheses.
      const open = this.sourceCode.getTokenBefore(body);
      const close = this.sourceCode.getTokenAfter(body);
      const wrapped =
        open?.value === '(' && close?.value === ')' && this.sourceCode.getTokenBefore(open)?.value === '=>';
      const range: TSESTree.Range = wrapped ? [open.range[0], close.range[1]] : body.range;
      return {
        messageId: 'addHandlerLog',
        fix: (fixer) => fixer.replaceTextRange(range, `{\n  ${line}\n  return ${this.sourceCode.getText(body)};\n}`),
      };
    }
    const first = body.body[0];
    // On the brace's line the log line goes inline; otherwise on its own line, indented like the first statement.
    const separator =
      first && first.loc.start.line === body.loc.start.line ? ' ' : `\n${' '.repeat(first?.loc.start.column ?? 0)}`;
    return {
      messageId: 'addHandlerLog',
      fix: (fixer) =>
        first ? fixer.insertTextBefore(first, `${line}${separator}`) : fixer.replaceText(body, `{ ${line} }`),
    };
  }

  private handlerAt(node: TSESTree.Node | undefined): TSESTree.FunctionLike | undefined {
    for (let current = node; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.MethodDefinition) return current.value;
      if (current.type === AST_NODE_TYPES.ExportDefaultDeclaration)
        return isFunctionNode(current.declaration) ? current.declaration : undefined;
      if (current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
      if (current.type === AST_NODE_TYPES.VariableDeclarator)
        return current.init && isFunctionNode(unwrap(current.init))
          ? (unwrap(current.init) as TSESTree.FunctionLike)
          : undefined;
      if (current.type === AST_NODE_TYPES.CallExpression) {
        // In `app.route('/x').get(h)` the first call met is `route('/x')`: keep climbing to the one with the handler.
        const inline =
          [...current.arguments]
            .reverse()
            .map((argument) => unwrap(argument))
            .find(isFunctionNode) ?? routeOptionHandler(current);
        if (inline) return inline;
      }
      if (current.type === AST_NODE_TYPES.Program) return undefined;
    }
    return undefined;
  }

  /** `app.use(logger)` registered after a mount: move it before the mount (same file, both whole statements). */
  moveLogger(
    mount: { line: number; column: number },
    logger: { line: number; column: number },
  ): RouteLoggingSuggestion | undefined {
    const mountStatement = this.statementAt(this.offsetOf(mount));
    const loggerStatement = this.statementAt(this.offsetOf(logger));
    if (
      !mountStatement ||
      !loggerStatement ||
      mountStatement.parent !== loggerStatement.parent ||
      loggerStatement.type !== AST_NODE_TYPES.ExpressionStatement
    )
      return undefined;
    const text = this.sourceCode.getText(loggerStatement);
    const indent = ' '.repeat(mountStatement.loc.start.column);
    const start = this.sourceCode.getIndexFromLoc({ line: loggerStatement.loc.start.line, column: 0 });
    const lineEnd = this.sourceCode.text.indexOf('\n', loggerStatement.range[1]);
    const end = lineEnd < 0 ? this.sourceCode.text.length : lineEnd + 1;
    const wholeLines =
      this.sourceCode.text.slice(start, loggerStatement.range[0]).trim() === '' &&
      this.sourceCode.text.slice(loggerStatement.range[1], end).trim() === '';
    return {
      messageId: 'moveLoggerBeforeMount',
      data: { logger: text.replace(/;$/, '').slice(0, 40) },
      fix: (fixer) => [
        fixer.insertTextBefore(mountStatement, `${text}\n${indent}`),
        wholeLines ? fixer.removeRange([start, end]) : fixer.remove(loggerStatement),
      ],
    };
  }

  private nodeAt(location: { line: number; column: number }): TSESTree.Node | undefined {
    if (location.line > this.sourceCode.lines.length) return undefined;
    const index = this.sourceCode.getIndexFromLoc({ line: location.line, column: location.column - 1 });
    const node = this.sourceCode.getNodeByRangeIndex(index);
    return node ?? undefined;
  }

  /** Where a model location (1-based column) is in the linted file. */
  private offsetOf(location: { line: number; column: number }): number {
    return this.sourceCode.getIndexFromLoc({ line: location.line, column: location.column - 1 });
  }

  private statementAt(index: number): TSESTree.Statement | undefined {
    const node = this.sourceCode.getNodeByRangeIndex(index);
    return node ? enclosingStatement(node) : undefined;
  }
}

function routeOptionHandler(call: TSESTree.CallExpression | undefined): TSESTree.FunctionLike | undefined {
  const options = call?.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of options.properties) {
    if (
      property.type === AST_NODE_TYPES.Property &&
      propertyKeyName(property) === 'handler' &&
      isFunctionNode(unwrap(property.value))
    )
      return unwrap(property.value) as TSESTree.FunctionLike;
  }
  return undefined;
}

/** `Fastify()` → `Fastify({ logger: true })`; `logger: false` → `true`; `disableRequestLogging: true` → `false`. */
function enableFastifyLogger(fixer: TSESLint.RuleFixer, call: TSESTree.CallExpression): TSESLint.RuleFix[] {
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!options)
    return [
      fixer.replaceText(
        call,
        `${call.callee.type === AST_NODE_TYPES.Identifier ? call.callee.name : 'Fastify'}({ logger: true })`,
      ),
    ];
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const fixes: TSESLint.RuleFix[] = [];
  let hasLogger = false;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(property);
    const value = unwrap(property.value);
    if (key === 'logger' || key === 'loggerInstance') {
      hasLogger = true;
      if (value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === null))
        fixes.push(fixer.replaceText(value, 'true'));
    }
    if (key === 'disableRequestLogging' && !(value.type === AST_NODE_TYPES.Literal && value.value === false))
      fixes.push(fixer.replaceText(property.value, 'false'));
  }
  if (!hasLogger)
    fixes.push(
      options.properties.length > 0
        ? fixer.insertTextBefore(options.properties[0], 'logger: true, ')
        : fixer.replaceText(options, '{ logger: true }'),
    );
  return fixes;
}
