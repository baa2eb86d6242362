import { RuleTester } from 'eslint';
import plugin from 'eslint-plugin-observability';

/**
 * ESLint's own RuleTester over the plugin's Python language (typescript-eslint's tester is bound to its parser).
 * Cases name a `.py` file so paths in messages and fixes read as Python; the grammar is loaded by test/setup.ts.
 */
export function pythonRuleTester(): RuleTester {
  return new RuleTester({
    files: ['**/*.py'],
    plugins: { observability: plugin as never },
    language: 'observability/python',
  });
}

/** The rule as ESLint's RuleTester takes it. */
export function pythonRule(id: keyof typeof plugin.rules): never {
  return plugin.rules[id] as never;
}
