import { endsWithPath } from '../../analysis/service-model/queries';
import { LIVENESS_PATHS, READINESS_PATHS } from '../../analysis/service-model/middleware';
import type { RequireHealthEndpointsOptions } from '../../analysis/service-model/coverage';
import {
  answeredProbePaths,
  pythonAppsCreatedIn,
  pythonServiceModel,
  routesOfPythonApp,
} from '../../analysis/python/service-lint';
import { probesNotServed } from '../../fixes/python/health-endpoints';
import type { PythonServiceProfile } from '../../fixes/python/service-fixes';
import type { PythonRuleContext, PythonRuleHalf } from '../../languages/python/rule';
import { pythonAppFix } from './service';

/**
 * require-health-endpoints on FastAPI and Starlette: an app created in the linted file with routes but no GET
 * liveness or readiness route (under any prefix, in any router or mounted sub-app) is reported at its creation.
 */
export const healthEndpointsPython: PythonRuleHalf<RequireHealthEndpointsOptions> = {
  messages: {
    addHealthEndpointsPython: 'Add {{routes}} to this app.',
  },
  create(context: PythonRuleContext, options: RequireHealthEndpointsOptions) {
    const liveness = options.livenessPaths ?? LIVENESS_PATHS;
    const readiness = options.readinessPaths ?? READINESS_PATHS;
    return {
      'module:exit'() {
        const model = pythonServiceModel(context);
        if (!model) return;
        for (const app of pythonAppsCreatedIn(model, context.filename)) {
          // No routes, or routes from a router or ASGI app of an installed package (it may serve the probes).
          if (routesOfPythonApp(model, app).length === 0 || app.unresolvedRoutes) continue;
          const answered = answeredProbePaths(model, app);
          const missing = {
            liveness: !answered.some((path) => endsWithPath(path, liveness) && !endsWithPath(path, readiness)),
            readiness: !answered.some((path) => endsWithPath(path, readiness)),
          };
          if (!missing.liveness && !missing.readiness) continue;
          const parts = [
            ...(missing.liveness ? [`liveness endpoint (GET ${liveness.slice(0, 3).join(', ')})`] : []),
            ...(missing.readiness ? [`readiness endpoint (GET ${readiness.slice(0, 2).join(', ')})`] : []),
          ];
          const consequence =
            missing.liveness && missing.readiness
              ? 'whether it is alive or ready for traffic'
              : missing.liveness
                ? 'whether it is alive (hung processes are never restarted)'
                : 'whether it is ready (traffic reaches it before its dependencies are)';
          const fixed = pythonAppFix('healthEndpoints', context, model, app, undefined, {
            probePaths: { liveness, readiness },
          });
          context.report({
            loc: app.call.loc,
            messageId: 'missingProbes',
            data: { missing: parts.join(' and no '), consequence },
            suggest: fixed
              ? [
                  {
                    messageId: 'addHealthEndpointsPython',
                    data: { routes: addedProbes(fixed.profile) },
                    fix: fixed.fix,
                  },
                ]
              : [],
          });
        }
      },
    };
  },
};

/** What the health fix adds: the probes the app does not serve, at the first of the rule's paths for each. */
function addedProbes(profile: PythonServiceProfile): string {
  const { liveness, readiness, livenessPath, readinessPath } = probesNotServed(profile);
  return [
    ...(liveness ? [`GET ${livenessPath} (liveness, checks nothing)`] : []),
    ...(readiness
      ? [`GET ${readinessPath} (readiness: runs the checks registered with register_readiness_check)`]
      : []),
  ].join(' and ');
}
