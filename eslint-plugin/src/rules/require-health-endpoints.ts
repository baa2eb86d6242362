import { missingProbes, type RequireHealthEndpointsOptions } from '../analysis/service-model/coverage';
import type { ScopeModel, ServiceModel } from '../analysis/service-model';
import { forEachAppCreatedHere, locOf } from '../analysis/service-model/lint';
import { LIVENESS_PATHS, READINESS_PATHS } from '../analysis/service-model/middleware';
import { healthInsertion } from '../fixes/health-endpoints';
import { serviceInsertionFix } from '../fixes/service-insertion';
import { withPython } from '../languages/python/rule';
import { createRule } from '../util/createRule';
import { healthEndpointsPython } from './python/require-health-endpoints';

export type { RequireHealthEndpointsOptions };

export type MessageIds = 'missingProbes' | 'addHealthEndpoints';

export default withPython(
  createRule<[RequireHealthEndpointsOptions], MessageIds>({
    name: 'require-health-endpoints',
    meta: {
      type: 'suggestion',
      docs: {
        description: 'Require liveness (/health) and readiness (/health/ready) endpoints on every service',
        recommended: 'warn',
      },
      hasSuggestions: true,
      messages: {
        missingProbes:
          'This app has no {{missing}}: orchestrators (Kubernetes, ECS, load balancers) cannot tell {{consequence}}.',
        addHealthEndpoints: 'Add {{routes}} (readiness runs the checks registered with registerReadinessCheck()).',
      },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            livenessPaths: {
              type: 'array',
              items: { type: 'string', pattern: '^/' },
              minItems: 1,
              description: 'Paths that answer a liveness probe.',
            },
            readinessPaths: {
              type: 'array',
              items: { type: 'string', pattern: '^/' },
              minItems: 1,
              description: 'Paths that answer a readiness probe.',
            },
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
        const fix = serviceInsertionFix(context.sourceCode, context.filename, model, app, (profile) =>
          healthInsertion(profile, missing, {
            liveness: liveness[0] ?? '/health',
            readiness: readiness[0] ?? '/health/ready',
          }),
        );
        const routes = [
          ...(missing.liveness ? [`GET ${liveness[0]}`] : []),
          ...(missing.readiness ? [`GET ${readiness[0]}`] : []),
        ].join(' and ');
        context.report({
          loc: locOf(app.location),
          messageId: 'missingProbes',
          data: { missing: parts.join(' and no '), consequence },
          suggest: fix ? [{ messageId: 'addHealthEndpoints', data: { routes }, fix }] : [],
        });
      }
    },
  }),
  healthEndpointsPython,
);
