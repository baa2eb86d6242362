import { ESLintUtils } from '@typescript-eslint/utils';

/** Where each rule's documentation lives; diagnostics (CLI, SARIF, the language server) link here. */
export const RULE_DOCS_BASE_URL =
  'https://github.com/observability-lint/observability-lint/blob/main/eslint-plugin/docs/rules/';

export function ruleDocsUrl(ruleName: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleName}.md`;
}

export interface ObservabilityRuleDocs {
  description: string;
  /** Severity in `configs.recommended`; `false` keeps the rule out of it (it is still in `configs.all`). */
  recommended: 'error' | 'warn' | false;
  /** True when the rule gives better answers with type information (it still works without). */
  usesTypeInformation?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<ObservabilityRuleDocs>(ruleDocsUrl);
