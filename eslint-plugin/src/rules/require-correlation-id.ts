import { routesWithoutRequestId, type RequireCorrelationIdOptions } from '../analysis/service-model/coverage';
import {
  examplesOf,
  exemptPathsSchema,
  forEachAppCreatedHere,
  locOf,
  middlewareNamesSchema,
} from '../analysis/service-model/lint';
import { correlationIdInsertion } from '../fixes/correlation-id';
import { serviceInsertionFix } from '../fixes/service-insertion';
import { withPython } from '../languages/python/rule';
import { createRule } from '../util/createRule';
import { correlationIdPython } from './python/require-correlation-id';

export type { RequireCorrelationIdOptions };

export type MessageIds = 'noCorrelationId' | 'addCorrelationId';

export default withPython(
  createRule<[RequireCorrelationIdOptions], MessageIds>({
    name: 'require-correlation-id',
    meta: {
      type: 'suggestion',
      docs: {
        description:
          'Require a request ID (correlation ID) on every request of a service: kept from X-Request-ID when valid, generated otherwise, echoed and logged',
        recommended: 'warn',
      },
      hasSuggestions: true,
      messages: {
        noCorrelationId:
          '{{count}} route(s) of this app get no request ID ({{examples}}): {{reason}}. Without one, the log lines of a request cannot be followed across services.',
        addCorrelationId:
          'Add request-ID middleware: keep a valid incoming X-Request-ID or generate one, echo it, and expose getRequestId().',
      },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            exemptPaths: exemptPathsSchema('request ID'),
            middleware: middlewareNamesSchema('set request IDs'),
          },
        },
      ],
      defaultOptions: [{}],
    },
    defaultOptions: [{}],
    create(context, [options]) {
      return forEachAppCreatedHere(context, (model, app) => {
        const uncovered = routesWithoutRequestId(model, app, options);
        if (uncovered.length === 0) return;
        const reason =
          uncovered.find(({ coverage }) => coverage.late)?.coverage.reason ??
          'no request-ID middleware, pino-http genReqId or Fastify genReqId covers them';
        const fix = serviceInsertionFix(context.sourceCode, context.filename, model, app, correlationIdInsertion);
        context.report({
          loc: locOf(app.location),
          messageId: 'noCorrelationId',
          data: { count: String(uncovered.length), examples: examplesOf(uncovered.map(({ route }) => route)), reason },
          suggest: fix ? [{ messageId: 'addCorrelationId', fix }] : [],
        });
      });
    },
  }),
  correlationIdPython,
);
