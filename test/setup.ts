import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';

// typescript-eslint's RuleTester needs the runner's hooks; mocha has `after`, not `afterAll`.
RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// In tests an internal analysis error must fail loudly, never be skipped silently.
process.env.OBSERVABILITY_LINT_DEBUG ??= '1';

// Python's grammar is WebAssembly, which loads asynchronously; ESLint parses synchronously. Load it once, first.
before(async function loadPythonGrammar() {
  this.timeout(30_000);
  await plugin.languages.python.load();
});
