import {
  judgedPythonRoutes,
  pythonAppsCreatedIn,
  pythonExamples,
  pythonRouteCoverage,
  pythonServiceModel,
  PYTHON_DEFAULT_EXEMPT_PATHS,
} from '../../analysis/python/service-lint';
import type { PythonRuleContext, PythonRuleHalf } from '../../languages/python/rule';
import type { RequireCorrelationIdOptions } from '../../analysis/service-model/coverage';
import { pythonAppFix } from './service';

/**
 * require-correlation-id on FastAPI and Starlette: an app created in the linted file whose routes (routers of other
 * modules and mounted sub-apps included) no request-ID middleware covers is reported at its creation.
 */
export const correlationIdPython: PythonRuleHalf<RequireCorrelationIdOptions> = {
  messages: {
    addCorrelationIdMiddleware:
      'Add request-ID middleware to this app: keep a safe incoming X-Request-ID (else a new UUID), echo it in the response, and bind it to the log lines of the request.',
  },
  create(context: PythonRuleContext, options: RequireCorrelationIdOptions) {
    const exempt = options.exemptPaths ?? PYTHON_DEFAULT_EXEMPT_PATHS;
    const declared = new Set(options.middleware ?? []);
    return {
      'module:exit'() {
        const model = pythonServiceModel(context);
        if (!model) return;
        for (const app of pythonAppsCreatedIn(model, context.filename)) {
          const uncovered = judgedPythonRoutes(model, app, exempt, declared).filter(
            (route) => !pythonRouteCoverage(route, 'correlation-id', declared).covered,
          );
          if (uncovered.length === 0) continue;
          const reason = pythonRouteCoverage(uncovered[0], 'correlation-id', declared).reason ?? 'nothing sets one';
          const fix = pythonAppFix('correlationId', context, model, app)?.fix;
          context.report({
            loc: app.call.loc,
            messageId: 'noCorrelationId',
            data: { count: String(uncovered.length), examples: pythonExamples(uncovered), reason },
            suggest: fix ? [{ messageId: 'addCorrelationIdMiddleware', fix }] : [],
          });
        }
      },
    };
  },
};
