import * as path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { forgetLintedFile } from '../analysis/modules';
import { defaultLanguageOptions, serviceModelFor, type ScopeModel, type ServiceModel } from '../analysis/service-model';
import {
  missingProbes,
  routesWithoutRequestId,
  servesMetrics,
  untimedRoutes,
  type RequireCorrelationIdOptions,
  type RequireHealthEndpointsOptions,
} from '../analysis/service-model/coverage';
import { nextProjectFix, type NextNeeds, type ProjectFix } from './next-project';

export type { ProjectFileEdit, ProjectFix } from './next-project';
export type { TextChange } from './imports';

/** The rules whose findings a project fix can answer when an ESLint suggestion cannot (it edits one file only). */
export const PROJECT_FIX_RULES = [
  'require-correlation-id',
  'require-request-timing',
  'require-health-endpoints',
] as const;
export type ProjectFixRule = (typeof PROJECT_FIX_RULES)[number];

/** The project-fix rule a rule id (`observability/x` or `x`) names, if it is one. */
function projectFixRuleOf(ruleId: string): ProjectFixRule | undefined {
  const rule = ruleId.replace(/^observability\//, '');
  return (PROJECT_FIX_RULES as readonly string[]).includes(rule) ? (rule as ProjectFixRule) : undefined;
}

export function isProjectFixRule(ruleId: string): boolean {
  return projectFixRuleOf(ruleId) !== undefined;
}

/**
 * The project edit for a finding of a service rule in `filename`'s project, when the framework keeps the fix in
 * files of its own (Next.js: route handlers wrapped in `timedRoute()`, probe and metrics route files, the helper
 * module). Undefined when the rule finds nothing there or an ESLint suggestion does the job. `ruleOptions` are the
 * rule's own options (the user's configuration), so the edit covers what the rule reports.
 */
export function serviceProjectFix(
  filename: string,
  ruleId: string,
  ruleOptions: Record<string, unknown> = {},
  languageOptions: TSESLint.FlatConfig.LanguageOptions = defaultLanguageOptions(),
): ProjectFix | undefined {
  const rule = projectFixRuleOf(ruleId);
  if (!rule) return undefined;
  forgetLintedFile(path.resolve(filename));
  const model = serviceModelFor(path.resolve(filename), languageOptions, []);
  const app = model?.scopes.find((scope) => scope.kind === 'app' && scope.framework === 'nextjs');
  if (!model || !app) return undefined;
  const needs = needsOf(rule, model, app, ruleOptions);
  // Wrapped handlers record the request histogram: the same edit serves it, whichever rule's finding it answers.
  if (needs.wrap.length > 0 && !servesMetrics(model, app)) needs.metricsRoute = true;
  return nextProjectFix(model, needs, languageOptions);
}

function needsOf(
  rule: ProjectFixRule,
  model: ServiceModel,
  app: ScopeModel,
  options: Record<string, unknown>,
): NextNeeds {
  switch (rule) {
    case 'require-correlation-id':
      return {
        wrap: routesWithoutRequestId(model, app, options as RequireCorrelationIdOptions).map(({ route }) => route),
      };
    case 'require-request-timing': {
      const timing = untimedRoutes(model, app, options);
      return { wrap: timing?.untimed ?? [] };
    }
    case 'require-health-endpoints': {
      const healthOptions = options as RequireHealthEndpointsOptions;
      const probes = missingProbes(model, app, healthOptions);
      return {
        wrap: [],
        ...(probes ? { probes } : {}),
        probePaths: {
          liveness: healthOptions.livenessPaths?.[0] ?? '/health',
          readiness: healthOptions.readinessPaths?.[0] ?? '/health/ready',
        },
      };
    }
  }
}
