import type { TSESLint } from '@typescript-eslint/utils';
import type { ObservabilityRuleDocs } from './util/createRule';

type Severity = 'error' | 'warn';
interface RuleWithDocs {
  meta: { docs?: Partial<ObservabilityRuleDocs>; languages?: string[] };
}

/** `configs.recommended`: each rule at the severity its `meta.docs.recommended` names. */
export function recommendedRules(rules: Record<string, RuleWithDocs>, prefix: string): Record<string, Severity> {
  const entries = Object.entries(rules).flatMap(([id, rule]) => {
    const severity = rule.meta.docs?.recommended;
    return severity ? [[`${prefix}/${id}`, severity] as const] : [];
  });
  return Object.fromEntries(entries);
}

/** `configs.all`: every rule, at its recommended severity or as a warning. */
export function allRules(rules: Record<string, RuleWithDocs>, prefix: string): Record<string, Severity> {
  return Object.fromEntries(
    Object.entries(rules).map(([id, rule]) => [`${prefix}/${id}`, rule.meta.docs?.recommended || 'warn']),
  );
}

/** `configs.python`: the rules with a Python half, at their recommended severity or as a warning. */
export function pythonRules(rules: Record<string, RuleWithDocs>, prefix: string): Record<string, Severity> {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => rule.meta.languages?.includes(`${prefix}/python`))
      .map(([id, rule]) => [`${prefix}/${id}`, rule.meta.docs?.recommended || 'warn']),
  );
}

export type FlatConfig = TSESLint.FlatConfig.Config;
