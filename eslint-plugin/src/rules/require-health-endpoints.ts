import { defineTextProbe, projectDependencies, projectScan } from '../analysis/project-scan';
import type { ScopeModel, ServiceModel } from '../analysis/service-model';
import { endsWithPath, forEachAppCreatedHere, locOf, routesOfApp, scopesOfApp } from '../analysis/service-model/lint';
import { LIVENESS_PATHS, READINESS_PATHS } from '../analysis/service-model/middleware';
import { healthInsertion, type MissingProbes } from '../fixes/health-endpoints';
import { serviceInsertionFix } from '../fixes/service-insertion';
import { createRule } from '../util/createRule';

export interface RequireHealthEndpointsOptions {
  /** Paths that answer a liveness probe (also under a prefix: `/api/health`). */
  livenessPaths?: string[];
  /** Paths that answer a readiness probe. */
  readinessPaths?: string[];
}

export type MessageIds = 'missingProbes' | 'addHealthEndpoints';

/** Probes served outside the app's routes: terminus and lightship wire them on the server. */
const PROBE_LIBRARY_PROBE = 'wires-probe-library';
defineTextProbe(PROBE_LIBRARY_PROBE, /\bcreateTerminus\s*\(|\bcreateLightship\s*\(/);
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
    const liveness = options.livenessPaths ?? LIVENESS_PATHS;
    const readiness = options.readinessPaths ?? READINESS_PATHS;
    return forEachAppCreatedHere(context, (model, app) => {
      const missing = missingProbes(model, app, options);
      if (missing) report(app, model, missing);
    });

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

/** The probes `app` lacks (undefined: none, or a probe library serves them), judged with the rule's options. */
export function missingProbes(model: ServiceModel, app: ScopeModel, options: RequireHealthEndpointsOptions): MissingProbes | undefined {
  const liveness = options.livenessPaths ?? LIVENESS_PATHS;
  const readiness = options.readinessPaths ?? READINESS_PATHS;
  const routes = routesOfApp(model, app);
  if (routes.length === 0 || wiresProbeLibrary(model)) return undefined;
  // Probe paths the app answers: GET routes, and middleware that answers a path itself (Koa, plain Node).
  const answered = [
    ...routes.filter((route) => PROBE_METHODS.has(route.method)).map((route) => route.path),
    ...scopesOfApp(model, app).flatMap((scope) => scope.middleware.flatMap((middleware) => middleware.answers ?? [])),
  ];
  // Packages that serve probes themselves (under-pressure, @nestjs/terminus) say so by their roles.
  const packaged = new Set(scopesOfApp(model, app).flatMap((scope) => scope.middleware.filter((middleware) => middleware.package).flatMap((middleware) => middleware.roles)));
  const missing = {
    liveness: !packaged.has('health') && !answered.some((path) => endsWithPath(path, liveness) && !endsWithPath(path, readiness)),
    readiness: !packaged.has('readiness') && !answered.some((path) => endsWithPath(path, readiness)),
  };
  return missing.liveness || missing.readiness ? missing : undefined;
}

/**
 * terminus or lightship serve the probes: a dependency, or wired in any source file of the project (the server
 * file that wraps the app is often not one the model reads), from the project's scan and the linted file's text.
 */
function wiresProbeLibrary(model: ServiceModel): boolean {
  return PROBE_PACKAGES.some((name) => projectDependencies(model.root).has(name)) || projectScan(model.root).currentFilesMatching(PROBE_LIBRARY_PROBE).length > 0;
}
