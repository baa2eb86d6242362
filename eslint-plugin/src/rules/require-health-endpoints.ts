import * as path from 'node:path';
import { moduleTextOf } from '../analysis/modules';
import type { ScopeModel, ServiceModel } from '../analysis/service-model';
import { appsCreatedIn, endsWithPath, isServiceSourceFile, locOf, modelForLintedFile, routesOfApp, scopesOfApp } from '../analysis/service-model/lint';
import { LIVENESS_PATHS, READINESS_PATHS } from '../analysis/service-model/middleware';
import { healthInsertion } from '../fixes/health-endpoints';
import { serviceInsertionFix } from '../fixes/service-insertion';
import { projectDependencies } from '../fixes/service-profile';
import { createRule } from '../util/createRule';

export interface RequireHealthEndpointsOptions {
  /** Paths that answer a liveness probe (also under a prefix: `/api/health`). */
  livenessPaths?: string[];
  /** Paths that answer a readiness probe. */
  readinessPaths?: string[];
}

export type MessageIds = 'missingProbes' | 'addHealthEndpoints';

/** Probes served outside the app's routes: terminus and lightship wire them on the server. */
const PROBE_LIBRARIES = /\bcreateTerminus\s*\(|\bcreateLightship\s*\(/;
/** Their servers answer probes wherever the app is created (terminus wraps the HTTP server, lightship listens apart). */
const PROBE_PACKAGES = ['@godaddy/terminus', 'lightship'];
const PROBE_METHODS = new Set(['GET', 'ALL', 'HEAD']);

export default createRule<[RequireHealthEndpointsOptions], MessageIds>({
  name: 'require-health-endpoints',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require liveness (/health) and readiness (/health/ready) endpoints on every service',
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      missingProbes: 'This app has no {{missing}}: orchestrators (Kubernetes, ECS, load balancers) cannot tell {{consequence}}.',
      addHealthEndpoints: 'Add {{routes}} (readiness runs the checks registered with registerReadinessCheck()).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          livenessPaths: { type: 'array', items: { type: 'string', pattern: '^/' }, minItems: 1, description: 'Paths that answer a liveness probe.' },
          readinessPaths: { type: 'array', items: { type: 'string', pattern: '^/' }, minItems: 1, description: 'Paths that answer a readiness probe.' },
        },
      },
    ],
    defaultOptions: [{}],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (!isServiceSourceFile(context.filename)) return {};
    const liveness = options.livenessPaths ?? LIVENESS_PATHS;
    const readiness = options.readinessPaths ?? READINESS_PATHS;
    return {
      'Program:exit'(program) {
        const model = modelForLintedFile(context, program);
        if (!model || wiresProbeLibrary(model)) return;
        for (const app of appsCreatedIn(model, context.filename)) {
          const routes = routesOfApp(model, app);
          if (routes.length === 0) continue;
          const probes = routes.filter((route) => PROBE_METHODS.has(route.method));
          const roles = new Set(scopesOfApp(model, app).flatMap((scope) => scope.middleware.flatMap((middleware) => middleware.roles)));
          // A readiness path like `/health/ready` must not count as liveness because it ends below `/health`.
          const hasLiveness = roles.has('health') || probes.some((route) => endsWithPath(route.path, liveness) && !endsWithPath(route.path, readiness));
          const hasReadiness = roles.has('readiness') || probes.some((route) => endsWithPath(route.path, readiness));
          if (hasLiveness && hasReadiness) continue;
          report(app, model, { liveness: !hasLiveness, readiness: !hasReadiness });
        }
      },
    };

    function report(app: ScopeModel, model: ServiceModel, missing: { liveness: boolean; readiness: boolean }): void {
      const parts = [...(missing.liveness ? [`liveness endpoint (GET ${liveness.slice(0, 3).join(', ')})`] : []), ...(missing.readiness ? [`readiness endpoint (GET ${readiness.slice(0, 2).join(', ')})`] : [])];
      const consequence = missing.liveness && missing.readiness ? 'whether it is alive or ready for traffic' : missing.liveness ? 'whether it is alive (hung processes are never restarted)' : 'whether it is ready (traffic reaches it before its dependencies are)';
      const fix = serviceInsertionFix(context.sourceCode, context.filename, model, app, (profile) => healthInsertion(profile, missing, { liveness: liveness[0] ?? '/health', readiness: readiness[0] ?? '/health/ready' }));
      const routes = [...(missing.liveness ? [`GET ${liveness[0]}`] : []), ...(missing.readiness ? [`GET ${readiness[0]}`] : [])].join(' and ');
      context.report({
        loc: locOf(app.location),
        messageId: 'missingProbes',
        data: { missing: parts.join(' and no '), consequence },
        suggest: fix ? [{ messageId: 'addHealthEndpoints', data: { routes }, fix }] : [],
      });
    }
  },
});

function wiresProbeLibrary(model: ServiceModel): boolean {
  const dependencies = projectDependencies(model.root);
  if (PROBE_PACKAGES.some((name) => dependencies.has(name))) return true;
  return model.files.some((file) => PROBE_LIBRARIES.test(moduleTextOf(path.join(model.root, file)) ?? ''));
}
