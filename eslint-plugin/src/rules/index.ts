import noPiiInLogs from './no-pii-in-logs';

/** Every rule of the plugin, by id. The meta-test checks this against `src/rules/*.ts`, the docs and the tests. */
export const rules = {
  'no-pii-in-logs': noPiiInLogs,
};

export type RuleId = keyof typeof rules;
