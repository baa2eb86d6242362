import * as path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isSourceFile, withLintedModule } from '../modules';
import { serviceModelFor } from './index';
import { appsCreatedIn } from './queries';
export {
  appsCreatedIn,
  DEFAULT_EXEMPT_PATHS,
  endsWithPath,
  judgedRoutes,
  matchesPathList,
  modelRelative,
  routesDeclaredIn,
  routesOfApp,
  scopesOfApp,
} from './queries';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { RouteModel, ScopeModel, ServiceModel } from './types';

/** Whether a rule on the service model can judge this file at all (a real path to a source file). */
export function isServiceSourceFile(filename: string): boolean {
  return path.isAbsolute(filename) && isSourceFile(filename);
}

/**
 * The model of the linted file's project, from a rule's `Program:exit`: the file is read through ESLint's own AST
 * (no second parse) and the rest once per run. A gap in the analysis must not fail the user's lint run, so an
 * internal error yields no model (and is rethrown under OBSERVABILITY_LINT_DEBUG, for tests).
 */
export function modelForLintedFile(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  program: TSESTree.Program,
  loggingMiddleware: readonly string[] = [],
): ServiceModel | undefined {
  const filename = context.filename;
  const sourceCode = context.sourceCode;
  // Every service rule asks for the same file in the same pass: check the model's files once, not once per rule.
  const key = loggingMiddleware.join('\0');
  const perFile = modelsThisPass.get(sourceCode) ?? new Map<string, ServiceModel | undefined>();
  modelsThisPass.set(sourceCode, perFile);
  if (perFile.has(key)) return perFile.get(key);
  let model: ServiceModel | undefined;
  try {
    model = withLintedModule(filename, sourceCode.text, program, () =>
      serviceModelFor(filename, context.languageOptions, loggingMiddleware),
    );
  } catch (error) {
    if (process.env.OBSERVABILITY_LINT_DEBUG) throw error;
  }
  perFile.set(key, model);
  return model;
}

const modelsThisPass = new WeakMap<object, Map<string, ServiceModel | undefined>>();

/**
 * The listener of a rule that judges whole apps: after ESLint's traversal, `visit` is called with the project's
 * model for each app created in the linted file (where such a rule reports and inserts).
 */
export function forEachAppCreatedHere(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  visit: (model: ServiceModel, app: ScopeModel) => void,
): TSESLint.RuleListener {
  if (!isServiceSourceFile(context.filename)) return {};
  return {
    'Program:exit'(program) {
      const model = modelForLintedFile(context, program);
      if (!model) return;
      for (const app of appsCreatedIn(model, context.filename)) visit(model, app);
    },
  };
}

/** `a, b, c, …` for messages. */
export function examplesOf(routes: readonly RouteModel[], max = 3): string {
  const shown = routes.slice(0, max).map((route) => `${route.method} ${route.path || '/'}`);
  return shown.join(', ') + (routes.length > max ? ', …' : '');
}

/** The location a report at a model position uses (a point). */
export function locOf(location: { line: number; column: number }): TSESTree.SourceLocation {
  return {
    start: { line: location.line, column: location.column - 1 },
    end: { line: location.line, column: location.column - 1 },
  };
}

/** Option schemas shared by the service rules. */
export function exemptPathsSchema(what: string): JSONSchema4 {
  return {
    type: 'array',
    items: { type: 'string', pattern: '^/' },
    description: `Paths (and everything below them) that need no ${what}.`,
  };
}

export function middlewareNamesSchema(what: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string', minLength: 1 }, description: `Names of middleware that ${what}.` };
}
