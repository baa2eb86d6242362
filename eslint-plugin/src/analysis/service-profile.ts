import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { findVariable, requiredModule, unwrap } from './ast';
import { isProjectSpecifier } from './modules';
import { projectDependencies, type ProjectDependencies } from './modules';
import type { Framework } from './service-model/types';
import { moduleStyleOf, type ModuleStyle } from './module-style';

/** How the project's logger takes a message and fields. */
export type LoggerStyle = 'fields-first' | 'message-first';

export interface ProjectLogger {
  /** The local name of a logger instance at the file's top level (`logger`, `log`). */
  name: string;
  style: LoggerStyle;
  /** `pino()` / `pino({ … })` creating it in this file: options a fix may extend (`mixin`). */
  pinoCall?: TSESTree.CallExpression;
}

/**
 * Everything a template adapts to: the framework, the app's local name, TS or JS, ESM or CommonJS, the project's
 * dependencies (prom-client, pino, winston…) and the logger this file already has.
 */
export interface ServiceProfile {
  framework: Framework;
  app: string;
  typescript: boolean;
  style: ModuleStyle;
  dependencies: ProjectDependencies;
  logger: ProjectLogger | undefined;
  /** How this file reaches prom-client when the project depends on it: a local namespace name, imported or to import. */
  promClient: { local: string; imported: boolean } | undefined;
}

export function serviceProfile(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  framework: Framework,
  app: string,
  root: string,
): ServiceProfile {
  const dependencies = projectDependencies(root);
  const existing = promClientNamespace(sourceCode);
  return {
    framework,
    app,
    typescript: /\.(ts|tsx|mts|cts)$/.test(filename),
    style: moduleStyleOf(sourceCode, filename),
    dependencies,
    logger: projectLogger(sourceCode, filename, dependencies),
    promClient: dependencies.has('prom-client')
      ? existing
        ? { local: existing, imported: true }
        : { local: 'promClient', imported: false }
      : undefined,
  };
}

/** `import * as client from 'prom-client'`, `import client from …`, `const client = require('prom-client')`. */
function promClientNamespace(sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.source.value === 'prom-client' &&
      statement.importKind !== 'type'
    ) {
      const whole = statement.specifiers.find((specifier) => specifier.type !== AST_NODE_TYPES.ImportSpecifier);
      if (whole) return whole.local.name;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (requiredModule(declarator.init) === 'prom-client' && declarator.id.type === AST_NODE_TYPES.Identifier)
          return declarator.id.name;
      }
    }
  }
  return undefined;
}

/**
 * A logger instance the file already has at the top level (`logger`, `log`), for inserted log lines: imported from
 * the project's own logger module, or created here by a logging library. `logger` from koa-logger or hono/logger is
 * a middleware factory, not a logger, and is never used.
 */
export function projectLogger(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  dependencies: ProjectDependencies,
): ProjectLogger | undefined {
  const manager = sourceCode.scopeManager;
  const moduleScope =
    manager?.globalScope?.childScopes.find((child) => child.type === 'module') ?? manager?.globalScope;
  for (const name of ['logger', 'log']) {
    const def = moduleScope ? findVariable(moduleScope, name)?.defs[0] : undefined;
    if (!def) continue;
    if (
      def.type === 'ImportBinding' &&
      def.parent?.type === AST_NODE_TYPES.ImportDeclaration &&
      isProjectSpecifier(filename, def.parent.source.value)
    ) {
      return { name, style: styleOfDependencies(dependencies) };
    }
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      const init = unwrap(def.node.init);
      const callee =
        init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.NewExpression
          ? sourceCode.getText(init.callee)
          : '';
      if (/winston|log4js|getLogger/.test(callee)) return { name, style: 'message-first' };
      if (/^(pino|bunyan\.createLogger|[\w.]*\.child)$/.test(callee)) {
        const options =
          init.type === AST_NODE_TYPES.CallExpression && callee === 'pino' && init.arguments[0]
            ? unwrap(init.arguments[0])
            : undefined;
        const extensible =
          init.type === AST_NODE_TYPES.CallExpression &&
          callee === 'pino' &&
          (!options || options.type === AST_NODE_TYPES.ObjectExpression);
        return {
          name,
          style: /\.child$/.test(callee) ? styleOfDependencies(dependencies) : 'fields-first',
          ...(extensible ? { pinoCall: init } : {}),
        };
      }
      if (/^(createLogger|Logger)$/.test(callee)) return { name, style: styleOfDependencies(dependencies) };
      // `const { logger } = require('./lib/logger')`
      if (
        def.node.id.type === AST_NODE_TYPES.ObjectPattern &&
        init.type === AST_NODE_TYPES.CallExpression &&
        /^require\(['"]\./.test(sourceCode.getText(init))
      )
        return { name, style: styleOfDependencies(dependencies) };
    }
  }
  return undefined;
}

function styleOfDependencies(dependencies: ProjectDependencies): LoggerStyle {
  if (dependencies.has('pino') || dependencies.has('bunyan')) return 'fields-first';
  return 'message-first';
}

/** A metric prefix from the package name: `@acme/orders-api` → `orders_api`. */
export function metricPrefix(dependencies: ProjectDependencies): string {
  const base = (dependencies.name ?? 'app')
    .replace(/^@[^/]+\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(base) ? base : `app_${base}`.replace(/_+$/, '');
}
