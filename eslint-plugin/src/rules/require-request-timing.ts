import { untimedRoutes, type RequireRequestTimingOptions } from '../analysis/service-model/coverage';
import {
  examplesOf,
  exemptPathsSchema,
  forEachAppCreatedHere,
  locOf,
  middlewareNamesSchema,
} from '../analysis/service-model/lint';
import { REQUEST_DURATION_METRIC, requestTimingInsertion } from '../fixes/request-timing';
import { serviceInsertionFix } from '../fixes/service-insertion';
import { withPython } from '../languages/python/rule';
import { createRule } from '../util/createRule';
import { requestTimingPython } from './python/require-request-timing';

export type { RequireRequestTimingOptions };

export type MessageIds = 'noRequestMetric' | 'noRequestTiming' | 'addRequestTiming';

export default withPython(
  createRule<[RequireRequestTimingOptions], MessageIds>({
    name: 'require-request-timing',
    meta: {
      type: 'suggestion',
      docs: {
        description:
          'Require request durations: a latency histogram when the service has a metrics library, a logged duration otherwise',
        recommended: 'warn',
      },
      hasSuggestions: true,
      messages: {
        noRequestMetric:
          '{{count}} route(s) of this app are not timed by a metric ({{examples}}): {{why}}, but no request-duration histogram is recorded (express-prom-bundle, fastify-metrics, a startTimer() middleware or hook).',
        noRequestTiming:
          "{{count}} route(s) of this app are not timed ({{examples}}): no request log with a duration (pino-http, morgan, Fastify's logger) and no middleware measures them.",
        addRequestTiming: 'Time every request: {{what}}, and add timed(operation, fn) for awaited calls.',
      },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            exemptPaths: exemptPathsSchema('timing'),
            requireMetric: {
              type: 'string',
              enum: ['auto', 'always', 'never'],
              description: 'When a request-duration metric is required instead of a logged duration.',
            },
            middleware: middlewareNamesSchema('time requests'),
          },
        },
      ],
      defaultOptions: [{}],
    },
    defaultOptions: [{}],
    create(context, [options]) {
      return forEachAppCreatedHere(context, (model, app) => {
        const timing = untimedRoutes(model, app, options);
        if (!timing) return;
        const { untimed, metricRequired, library, servesMetrics } = timing;
        const fix = serviceInsertionFix(context.sourceCode, context.filename, model, app, (profile) =>
          metricRequired && !profile.promClient ? undefined : requestTimingInsertion(profile, servesMetrics),
        );
        const what = metricRequired
          ? `a ${REQUEST_DURATION_METRIC} histogram${servesMetrics ? '' : ' and GET /metrics'}`
          : 'the duration of each request in a log line';
        context.report({
          loc: locOf(app.location),
          messageId: metricRequired ? 'noRequestMetric' : 'noRequestTiming',
          data: {
            count: String(untimed.length),
            examples: examplesOf(untimed),
            why: library ? `${library} is a dependency` : "requireMetric is 'always'",
          },
          suggest: fix ? [{ messageId: 'addRequestTiming', data: { what }, fix }] : [],
        });
      });
    },
  }),
  requestTimingPython,
);
