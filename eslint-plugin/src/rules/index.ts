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

import { javascriptOnly } from '../languages/python/rule';

/** Every rule of the plugin, by id; a rule without a Python half declares JavaScript as its only language. The meta-test checks this against `src/rules/*.ts`, the docs and the tests. */
export const rules = {
  'low-cardinality-span-names': javascriptOnly(lowCardinalitySpanNames),
  'metric-naming': javascriptOnly(metricNaming),
  'no-high-cardinality-labels': javascriptOnly(noHighCardinalityLabels),
  'no-pii-in-logs': javascriptOnly(noPiiInLogs),
  'no-swallowed-errors': javascriptOnly(noSwallowedErrors),
  'prefer-structured-logging': javascriptOnly(preferStructuredLogging),
  'preserve-error-details': javascriptOnly(preserveErrorDetails),
  'record-span-errors': javascriptOnly(recordSpanErrors),
  'require-correlation-id': javascriptOnly(requireCorrelationId),
  'require-health-endpoints': javascriptOnly(requireHealthEndpoints),
  'require-request-timing': javascriptOnly(requireRequestTiming),
  'require-route-logging': javascriptOnly(requireRouteLogging),
  'require-span-end': javascriptOnly(requireSpanEnd),
};

export type RuleId = keyof typeof rules;
