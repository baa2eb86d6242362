import lowCardinalitySpanNames from './low-cardinality-span-names';
import metricNaming from './metric-naming';
import noHighCardinalityLabels from './no-high-cardinality-labels';
import noPiiInLogs from './no-pii-in-logs';
import noSwallowedErrors from './no-swallowed-errors';
import preferStructuredLogging from './prefer-structured-logging';
import preserveErrorDetails from './preserve-error-details';
import recordSpanErrors from './record-span-errors';
import requireCorrelationId from './require-correlation-id';
import requireHealthEndpoints from './require-health-endpoints';
import requireRequestTiming from './require-request-timing';
import requireRouteLogging from './require-route-logging';
import requireSpanEnd from './require-span-end';

/** Every rule of the plugin, by id. The meta-test checks this against `src/rules/*.ts`, the docs and the tests. */
export const rules = {
  'low-cardinality-span-names': lowCardinalitySpanNames,
  'metric-naming': metricNaming,
  'no-high-cardinality-labels': noHighCardinalityLabels,
  'no-pii-in-logs': noPiiInLogs,
  'no-swallowed-errors': noSwallowedErrors,
  'prefer-structured-logging': preferStructuredLogging,
  'preserve-error-details': preserveErrorDetails,
  'record-span-errors': recordSpanErrors,
  'require-correlation-id': requireCorrelationId,
  'require-health-endpoints': requireHealthEndpoints,
  'require-request-timing': requireRequestTiming,
  'require-route-logging': requireRouteLogging,
  'require-span-end': requireSpanEnd,
};

export type RuleId = keyof typeof rules;
