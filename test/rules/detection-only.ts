import { type TSESLint } from '@typescript-eslint/utils';

/**
 * The rule with its suggestions left out of every report. RuleTester asks every reported error to list its
 * suggestions; tests about *what* is reported use this so that each case states only the finding, while the
 * suggestions themselves are tested on the rule as it is (test/rules/no-pii-in-logs.test.ts).
 */
export function detectionOnly<M extends string, O extends readonly unknown[]>(
  rule: TSESLint.RuleModule<M, O>,
): TSESLint.RuleModule<M, O> {
  return {
    ...rule,
    meta: { ...rule.meta, hasSuggestions: false },
    create(context) {
      const quiet = Object.create(context, {
        report: {
          value: (descriptor: TSESLint.ReportDescriptor<M>) => context.report({ ...descriptor, suggest: null }),
        },
      }) as typeof context;
      return rule.create(quiet);
    },
  };
}
