import { fileAloneModel, routeCoverage, type ServiceModel } from '../analysis/service-model';
import { mountsBeforeLogger, unloggedRegistrations, unloggedRoutesElsewhere } from '../analysis/service-model/coverage';
import {
  DEFAULT_EXEMPT_PATHS,
  examplesOf,
  isServiceSourceFile,
  locOf,
  modelForLintedFile,
  modelRelative,
  routesDeclaredIn,
} from '../analysis/service-model/lint';
import { RouteLoggingFixes, type RouteLoggingFixId, type RouteLoggingSuggestion } from '../fixes/route-logging';
import { withPython } from '../languages/python/rule';
import { createRule } from '../util/createRule';
import { routeLoggingPython } from './python/require-route-logging';

export interface RequireRouteLoggingOptions {
  /** Paths never required to be logged: each matches itself and everything below it. */
  exemptPaths?: string[];
  /** Report routers whose app is not visible (a library of routers mounted elsewhere). */
  assumeNoGlobalLogging?: boolean;
  /** Middleware names (or packages) that log requests, for packages the rule does not know. */
  loggingMiddleware?: string[];
}

export type MessageIds =
  'routeNotLogged' | 'routesHereNotLogged' | 'mountBeforeLogger' | 'appRoutesNotLogged' | RouteLoggingFixId;

export default withPython(
  createRule<[RequireRouteLoggingOptions], MessageIds>({
    name: 'require-route-logging',
    meta: {
      type: 'suggestion',
      docs: {
        description:
          'Require every HTTP route to be covered by request logging (middleware, hook, interceptor, or the handler itself)',
        recommended: 'warn',
      },
      hasSuggestions: true,
      messages: {
        routeNotLogged: '{{method}} {{path}} is not logged: {{reason}}.',
        routesHereNotLogged: '{{count}} routes registered here are not logged ({{examples}}): {{reason}}.',
        mountBeforeLogger:
          'Routes under {{path}} are mounted before {{logger}} is registered ({{where}}), so their requests are not logged.',
        addRequestLogging: 'Register {{what}} before the first route.',
        enableFastifyLogger: "Turn on Fastify's logger (`logger: true`): it logs every request and response.",
        addHandlerLog: 'Log the request in this handler.',
        moveLoggerBeforeMount: 'Register {{logger}} before this mount.',
        appRoutesNotLogged:
          '{{count}} route(s) of this app declared in other files are not logged ({{examples}}): {{reason}}.',
        addLoggingInterceptor: 'Register a global interceptor that logs every request.',
      },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            exemptPaths: {
              type: 'array',
              items: { type: 'string', pattern: '^/' },
              description: 'Paths (and everything below them) that need no request log.',
            },
            assumeNoGlobalLogging: {
              type: 'boolean',
              description: 'Report routers even when no app that mounts them is visible.',
            },
            loggingMiddleware: {
              type: 'array',
              items: { type: 'string', minLength: 1 },
              description: 'Names of middleware that log requests.',
            },
          },
        },
      ],
      defaultOptions: [{}],
    },
    defaultOptions: [{}],
    create(context, [options]) {
      const filename = context.filename;
      if (!isServiceSourceFile(filename)) return {};
      const exempt = options.exemptPaths ?? DEFAULT_EXEMPT_PATHS;
      const loggingMiddleware = options.loggingMiddleware ?? [];
      const fixes = new RouteLoggingFixes(context.sourceCode, filename, exempt);

      return {
        'Program:exit'(program) {
          const model = modelOfThisFile(modelForLintedFile(context, program, loggingMiddleware));
          if (!model) return;
          const here = modelRelative(model, filename);
          const scopes = new Map(model.scopes.map((scope) => [scope.id, scope]));
          const appWideHere = (scopeId: string | undefined): RouteLoggingSuggestion[] => {
            const app = scopeId ? scopes.get(scopeId) : undefined;
            const suggestion = app && app.location.file === here ? fixes.appWide(app, model) : undefined;
            return suggestion ? [suggestion] : [];
          };

          for (const { route, reason, routes } of unloggedRegistrations(model, routesDeclaredIn(model, here), exempt)) {
            const app = route.chain[0]?.scope ?? route.scope;
            if (routes.length > 1) {
              const data = {
                count: String(routes.length),
                examples: examplesOf(routes),
                reason: reason.replace(/ before it$/, ' before them'),
              };
              context.report({
                loc: locOf(route.location),
                messageId: 'routesHereNotLogged',
                data,
                suggest: appWideHere(app),
              });
              continue;
            }
            const handlerLog = fixes.handlerLog(route);
            const data = { method: route.method, path: route.path || '/', reason };
            context.report({
              loc: locOf(route.location),
              messageId: 'routeNotLogged',
              data,
              suggest: [...appWideHere(app), ...(handlerLog ? [handlerLog] : [])],
            });
          }

          // Routes declared in other files (routers, plugins, NestJS controllers) are fixed where the app is created:
          // reported there once for the whole app, with the app-wide suggestion.
          for (const app of model.scopes) {
            if (app.kind !== 'app' || app.framework === 'nextjs' || app.location.file !== here) continue;
            const unlogged = unloggedRoutesElsewhere(model, app, exempt);
            if (unlogged.length === 0) continue;
            const nest = app.framework === 'nestjs';
            const suggestion = nest ? fixes.nestInterceptor(app) : fixes.appWide(app, model);
            const reason = nest
              ? 'no interceptor, middleware or nestjs-pino logs requests'
              : (routeCoverage(model, unlogged[0], 'request-logging').reason ?? 'nothing logs them');
            context.report({
              loc: locOf(app.location),
              messageId: 'appRoutesNotLogged',
              data: { count: String(unlogged.length), examples: examplesOf(unlogged), reason },
              suggest: suggestion ? [suggestion] : [],
            });
          }

          for (const { mount, late } of mountsBeforeLogger(model, here, exempt)) {
            const moved =
              late.location.file === mount.location.file ? fixes.moveLogger(mount.location, late.location) : undefined;
            const data = {
              path: mount.path || '/',
              logger: late.name,
              where: `${late.location.file}:${late.location.line}`,
            };
            context.report({
              loc: locOf(mount.location),
              messageId: 'mountBeforeLogger',
              data,
              suggest: moved ? [moved] : [],
            });
          }
        },
      };

      /**
       * The project's model, or — with `assumeNoGlobalLogging`, when no visible app mounts this file's routers — a model
       * of the file alone, its routers taken as roots.
       */
      function modelOfThisFile(model: ServiceModel | undefined): ServiceModel | undefined {
        if (!options.assumeNoGlobalLogging) return model;
        const here = model ? modelRelative(model, filename) : undefined;
        if (model && here !== undefined && (routesDeclaredIn(model, here).length > 0 || model.files.includes(here)))
          return model;
        return fileAloneModel(filename, context.languageOptions, loggingMiddleware);
      }
    },
  }),
  routeLoggingPython,
);
