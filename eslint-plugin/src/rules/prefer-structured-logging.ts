import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import {
  findVariable,
  forEachChild,
  importBindings,
  isGlobalReference,
  memberName,
  propertyKeyName,
  staticChain,
  unwrap,
} from '../analysis/ast';
import { DEFAULT_CALLBACK_ERROR_NAMES } from '../analysis/error-handlers';
import { errorUsesIn } from '../analysis/error-values';
import {
  dependenciesOf,
  hasStructuredLoggerDependency,
  idiomOfDependencies,
  idiomOfLibrary,
  loggerAtHand,
} from '../analysis/logger-at-hand';
import { LEVEL_METHODS, type LoggerResolver, loggerResolverOf } from '../analysis/loggers';
import { findProjectRoot } from '../analysis/modules';
import { isTestOrScriptFile } from '../analysis/test-files';
import { messageParts } from '../fixes/error-logging';
import {
  consoleRewrite,
  interpolationRewrite,
  isConsoleLogMethod,
  isConstant,
  PRINTF,
} from '../fixes/structured-logging';
import { importFixes, importTargetOf } from '../fixes/imports';
import { createRule } from '../util/createRule';

export interface PreferStructuredLoggingOptions {
  checkConsole?: boolean;
  checkInterpolation?: boolean;
  allowConsoleIn?: string[];
  loggers?: string[];
  checkTestFiles?: boolean;
}

export type MessageIds = 'console' | 'interpolated' | 'useLogger' | 'useFields';

/** Files that run as command-line tools, not as the service: `bin/`, `cli/`, `migrations/`, `seed*`. */
const COMMAND_LINE_PATH = /(?:^|\/)(?:bin|cli|migrations|seeds?)\/|(?:^|\/)(?:cli|seed)\.[cm]?[jt]s$/;
/**
 * Modules where console is the only output there is: the logger's own module (`logger.ts`, `logging.ts`,
 * `logger.server.ts`), whose fallback and transport console is, and the configuration the logger itself is built
 * from (`env.ts`, `environment.ts`, `config.ts`, `settings.ts`), which is loaded before any logger exists.
 */
const LOGGER_OR_CONFIG_MODULE =
  /(?:^|\/)(?:loggers?|logging|log|env|environment|config|configuration|settings)(?:\.[\w-]+)*\.[cm]?[jt]sx?$/i;
/** Error trackers: a module that imports one and calls its `init()` sets it up, and reports its own failures to stderr. */
const ERROR_TRACKER_MODULE =
  /^(?:@sentry\/|@bugsnag\/|bugsnag$|rollbar$|@rollbar\/|@honeybadger-io\/|honeybadger$|@airbrake\/|airbrake$|raven$)/;

export default createRule<[PreferStructuredLoggingOptions], MessageIds>({
  name: 'prefer-structured-logging',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        "Prefer the service's structured logger with values in fields over console calls and messages built from values",
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      console:
        "`console.{{method}}` in a service that logs with {{library}}: the line has no level, timestamp or request context, and skips the logger's redaction and transport. {{advice}}",
      interpolated:
        'The message is built from {{values}}: every line is a different string, so logs cannot be grouped, counted or filtered by ' +
        'these values. Pass them as fields and keep the message constant.',
      useLogger: 'Use `{{code}}`.',
      useFields: 'Log the values as fields: `{{code}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkConsole: {
            type: 'boolean',
            description: 'Report `console.*` in services that have a structured logger (default true).',
          },
          checkInterpolation: {
            type: 'boolean',
            description: 'Report log messages built by interpolation or concatenation of values (default true).',
          },
          allowConsoleIn: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Path fragments (relative to the project root) where `console` is fine, besides tests, scripts and `bin/`: `src/cli/`, `instrumentation.ts`.',
          },
          loggers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'More logger receivers (`audit`) or logging functions (`track`).',
          },
          checkTestFiles: {
            type: 'boolean',
            description: 'Also check tests, mocks, fixtures and scripts; off by default.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const filename = context.filename;
    if (!options.checkTestFiles && isTestOrScriptFile(filename)) return {};
    const sourceCode = context.sourceCode;
    const relative = (
      path.isAbsolute(filename) ? path.relative(findProjectRoot(filename), filename) : filename
    ).replace(/\\/g, '/');
    const dependencies = dependenciesOf(filename);
    const fileLibrary = structuredLibraryImported(sourceCode.ast);
    // console is judged only where a structured logger is the service's choice; log calls prove it themselves.
    const structured = hasStructuredLoggerDependency(dependencies) || fileLibrary !== undefined;
    const checkConsole =
      structured &&
      (options.checkConsole ?? true) &&
      !COMMAND_LINE_PATH.test(relative) &&
      !LOGGER_OR_CONFIG_MODULE.test(relative) &&
      !(options.allowConsoleIn ?? []).some((fragment) => relative.includes(fragment)) &&
      !setsUpErrorTracker(sourceCode.ast);
    const checkInterpolation = options.checkInterpolation ?? true;
    if (!checkConsole && !checkInterpolation) return {};
    const libraryName =
      fileLibrary ??
      ['pino', 'winston', 'bunyan', 'log4js', 'nestjs-pino'].find((name) => dependencies.has(name)) ??
      'NestJS';
    const defaultIdiom = idiomOfDependencies(dependencies);
    const callbackErrorNames = new Set(DEFAULT_CALLBACK_ERROR_NAMES);
    const loggers = (): LoggerResolver => loggerResolverOf(context, options.loggers);

    const reportConsole = (call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): void => {
      const logger = loggerAtHand(call, sourceCode, filename, loggers(), context.languageOptions);
      const rewrite = logger ? consoleRewrite(call, method, logger, sourceCode, callbackErrorNames) : undefined;
      context.report({
        node: callee,
        messageId: 'console',
        data: {
          method,
          library: libraryName,
          advice: logger ? `Use \`${logger.receiver}\`.` : "Use the service's logger.",
        },
        suggest:
          logger && rewrite
            ? [
                {
                  messageId: 'useLogger',
                  data: { code: shorten(rewrite) },
                  fix: (fixer) => {
                    const fixes = [fixer.replaceText(call, rewrite)];
                    if (logger.importFrom) {
                      const { specifier, name, isDefault } = logger.importFrom;
                      fixes.push(
                        ...importFixes(fixer, sourceCode, importTargetOf(sourceCode, filename), [
                          isDefault ? { module: specifier, defaultName: name } : { module: specifier, named: [name] },
                        ]),
                      );
                    }
                    return fixes;
                  },
                },
              ]
            : [],
      });
    };

    return {
      CallExpression(call) {
        const callee = unwrap(call.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length === 0) return;
        const method = memberName(callee);
        if (method === undefined) return;
        const object = unwrap(callee.object);
        if (object.type === AST_NODE_TYPES.Identifier && object.name === 'console') {
          if (checkConsole && isConsoleLogMethod(method) && isGlobalReference(sourceCode.getScope(call), 'console'))
            reportConsole(call, callee, method);
          return;
        }
        if (!checkInterpolation || !LEVEL_METHODS.has(method)) return;
        const sink = loggers().sinkOf(call);
        if (!sink) return;
        const library = sink.logger.library;
        const idiom =
          library === 'named' || library === 'configured' ? defaultIdiom : idiomOfLibrary(library, 'console');
        if (idiom !== 'pino' && idiom !== 'winston') return;
        const messageIndex = idiom === 'pino' && call.arguments.length >= 2 && !messageParts(call.arguments[0]) ? 1 : 0;
        const message = call.arguments[messageIndex];
        const parts = message ? messageParts(message) : undefined;
        if (!message || !parts) return;
        const scope = sourceCode.getScope(call);
        const values = parts.filter(
          (part): part is TSESTree.Expression =>
            typeof part !== 'string' && !isConstant(part) && !isFixedValue(part, scope, sourceCode, 0),
        );
        if (values.length === 0 || parts.some((part) => typeof part === 'string' && PRINTF.test(part))) return;
        // An error turned into text is preserve-error-details' finding, with its own fix.
        if (values.some((value) => errorUsesIn(value, scope, callbackErrorNames, sourceCode).length > 0)) return;
        const rewrite = interpolationRewrite(call, messageIndex, parts, values, idiom, sourceCode);
        context.report({
          node: message,
          messageId: 'interpolated',
          data: {
            values:
              values
                .slice(0, 3)
                .map((value) => `\`${shorten(sourceCode.getText(value), 30)}\``)
                .join(', ') + (values.length > 3 ? '…' : ''),
          },
          suggest: rewrite
            ? [
                {
                  messageId: 'useFields',
                  data: { code: shorten(previewOf(call, rewrite, sourceCode)) },
                  fix: (fixer) => fixer.replaceTextRange(rewrite.range, rewrite.text),
                },
              ]
            : [],
        });
      },
    };
  },
});

/** Whether the module imports an error tracker and calls its `init()` (`Sentry.init({ dsn })`, `import { init } from '@sentry/node'`). */
function setsUpErrorTracker(program: TSESTree.Program): boolean {
  const trackers = new Set(
    [...importBindings(program)]
      .filter(([, binding]) => ERROR_TRACKER_MODULE.test(binding.module))
      .map(([name]) => name),
  );
  if (trackers.size === 0) return false;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const chain = staticChain(unwrap(node.callee));
      if (
        chain &&
        trackers.has(chain[0]) &&
        (chain.length === 1 ? chain[0] === 'init' : chain[chain.length - 1] === 'init')
      ) {
        found = true;
        return;
      }
    }
    forEachChild(node, visit);
  };
  visit(program);
  return found;
}

/**
 * A value that is the same on every line: a literal, a template of such values, a `const` initialised with one, a
 * `let` only ever assigned them, a `readonly` class field with a literal initialiser (`this.name`), or configuration
 * read once at startup (`process.env.PORT`). Interpolating it does not make the message vary.
 */
function isFixedValue(
  node: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): boolean {
  if (depth > 4) return false;
  const value = unwrap(node);
  const fixed = (child: TSESTree.Node): boolean => isFixedValue(child, scope, sourceCode, depth + 1);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.every(fixed);
    case AST_NODE_TYPES.BinaryExpression:
      return value.operator === '+' && fixed(value.left) && fixed(value.right);
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scope, value.name);
      const def = variable?.defs[0];
      if (
        !variable ||
        variable.defs.length !== 1 ||
        def?.node.type !== AST_NODE_TYPES.VariableDeclarator ||
        def.node.id.type !== AST_NODE_TYPES.Identifier
      )
        return false;
      const declaration = def.node.parent;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return false;
      const init = def.node.init;
      if (declaration.kind === 'const')
        return (
          init !== null &&
          init !== undefined &&
          isFixedValue(init, sourceCode.getScope(def.node), sourceCode, depth + 1)
        );
      if (declaration.kind !== 'let') return false;
      // A `let` whose every write is a literal: `let host = '0.0.0.0'; if (ipv6) host = '[::]';`.
      const writes = variable.references.filter((reference) => reference.isWrite());
      return (
        writes.length > 0 &&
        writes.every((reference) => {
          const written = reference.writeExpr ? unwrap(reference.writeExpr) : undefined;
          const parent = reference.identifier.parent;
          const plain =
            parent?.type === AST_NODE_TYPES.VariableDeclarator ||
            (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=');
          return (
            plain &&
            written !== undefined &&
            (written.type === AST_NODE_TYPES.Literal ||
              (written.type === AST_NODE_TYPES.TemplateLiteral && written.expressions.length === 0))
          );
        })
      );
    }
    case AST_NODE_TYPES.MemberExpression: {
      const chain = staticChain(value);
      // `process.env.PORT`: configuration, fixed for the process's life.
      if (chain?.length === 3 && chain[0] === 'process' && chain[1] === 'env')
        return isGlobalReference(scope, 'process');
      if (
        value.computed &&
        unwrap(value.object).type === AST_NODE_TYPES.MemberExpression &&
        staticChain(unwrap(value.object))?.join('.') === 'process.env' &&
        value.property.type === AST_NODE_TYPES.Literal
      )
        return true;
      // `this.name` with `readonly name = 'PythonExtension'` in the enclosing class.
      if (unwrap(value.object).type === AST_NODE_TYPES.ThisExpression && !value.computed)
        return readonlyLiteralField(value, memberName(value));
      return false;
    }
    default:
      return false;
  }
}

function readonlyLiteralField(node: TSESTree.Node, name: string | undefined): boolean {
  if (name === undefined) return false;
  let current: TSESTree.Node | undefined = node.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  const field = current?.body.find(
    (element): element is TSESTree.PropertyDefinition =>
      element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && propertyKeyName(element) === name,
  );
  const initial = field?.value ? unwrap(field.value) : undefined;
  return field?.readonly === true && initial?.type === AST_NODE_TYPES.Literal;
}

/** A structured logging library this file imports: the evidence when the project's manifest is not at hand. */
function structuredLibraryImported(program: TSESTree.Program): string | undefined {
  for (const binding of importBindings(program).values()) {
    if (['pino', 'winston', 'bunyan', 'nestjs-pino', 'log4js'].includes(binding.module)) return binding.module;
    if (binding.module === '@nestjs/common' && binding.imported === 'Logger') return 'NestJS';
  }
  return undefined;
}

function shorten(code: string, max = 90): string {
  const oneLine = code.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function previewOf(
  call: TSESTree.CallExpression,
  rewrite: { range: [number, number]; text: string },
  sourceCode: Readonly<TSESLint.SourceCode>,
): string {
  const text = sourceCode.text;
  return text.slice(call.range[0], rewrite.range[0]) + rewrite.text + text.slice(rewrite.range[1], call.range[1]);
}
