import { matchesPathList } from '../../analysis/service-model/queries';
import type { PyApp, PyRoute, PyServiceModel } from '../../analysis/python/service-model';
import {
  pythonAppsCreatedIn,
  pythonExamples,
  pythonRouteCoverage,
  pythonServiceModel,
  PYTHON_DEFAULT_EXEMPT_PATHS,
} from '../../analysis/python/service-lint';
import type { PythonRuleContext, PythonRuleHalf, PythonSuggestion } from '../../languages/python/rule';
import type { RequireRouteLoggingOptions } from '../require-route-logging';
import { pythonAppFix } from './service';

/**
 * require-route-logging on FastAPI and Starlette: each route declared in the linted file that no request-logging
 * middleware (of its app or a mounted sub-app), router dependency, route class or log call in its handler covers
 * is reported at its decorator; the routes of an app created here but declared in other modules once, at the app.
 * A router no visible app includes is judged only with `assumeNoGlobalLogging` (by its handlers alone).
 */
export const routeLoggingPython: PythonRuleHalf<RequireRouteLoggingOptions> = {
  messages: {
    addRequestLoggingMiddleware:
      'Add an HTTP middleware to this app that logs each request once: method, route template, status and duration (probes and /metrics excepted).',
  },
  create(context: PythonRuleContext, options: RequireRouteLoggingOptions) {
    const exempt = options.exemptPaths ?? PYTHON_DEFAULT_EXEMPT_PATHS;
    const declared = new Set(options.loggingMiddleware ?? []);
    return {
      'module:exit'() {
        const model = pythonServiceModel(context, options.assumeNoGlobalLogging === true);
        if (!model) return;
        const appWide = (app: PyApp | undefined): PythonSuggestion[] => {
          const fix = app ? pythonAppFix('requestLogging', context, model, app)?.fix : undefined;
          return fix ? [{ messageId: 'addRequestLoggingMiddleware', fix }] : [];
        };

        const unlogged = (route: PyRoute) =>
          !matchesPathList(route.path, exempt) &&
          !route.apps.some((app) => app.opaque) &&
          !pythonRouteCoverage(route, 'request-logging', declared).covered;

        // Routes declared here, grouped by the place that declares them (`api_route(methods=[...])`, a router
        // included twice).
        const byPlace = new Map<PyRoute['node'], PyRoute[]>();
        for (const route of model.routes) {
          if (route.file !== context.filename || !unlogged(route)) continue;
          const group = byPlace.get(route.node) ?? [];
          if (!group.some((other) => other.method === route.method && other.path === route.path)) group.push(route);
          byPlace.set(route.node, group);
        }
        for (const [node, routes] of byPlace) {
          const first = routes[0];
          const reason = pythonRouteCoverage(first, 'request-logging', declared).reason ?? 'nothing logs it';
          const app = first.apps[0];
          const suggest = app && app.file === context.filename ? appWide(app) : [];
          if (routes.length > 1) {
            context.report({
              loc: node.loc,
              messageId: 'routesHereNotLogged',
              data: {
                count: String(routes.length),
                examples: pythonExamples(routes),
                reason,
              },
              suggest,
            });
          } else {
            context.report({
              loc: node.loc,
              messageId: 'routeNotLogged',
              data: { method: first.method, path: first.path || '/', reason },
              suggest,
            });
          }
        }

        // Routes of an app created here but declared in other modules: reported once, at the app.
        for (const app of pythonAppsCreatedIn(model, context.filename)) {
          const elsewhere = routesElsewhere(model, app).filter(unlogged);
          if (elsewhere.length === 0) continue;
          const reason = (
            pythonRouteCoverage(elsewhere[0], 'request-logging', declared).reason ?? 'nothing logs them'
          ).replace('its handler does not', 'their handlers do not');
          context.report({
            loc: app.call.loc,
            messageId: 'appRoutesNotLogged',
            data: { count: String(elsewhere.length), examples: pythonExamples(elsewhere), reason },
            suggest: appWide(app),
          });
        }
      },
    };
  },
};

function routesElsewhere(model: PyServiceModel, app: PyApp): PyRoute[] {
  const seen = new Set<string>();
  return model.routes.filter((route) => {
    if (route.apps[0] !== app || route.file === app.file) return false;
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
