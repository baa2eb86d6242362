// How a user adds the plugin: the recommended config, plus a TypeScript parser for .ts files.
import tsParser from '@typescript-eslint/parser';
import observability from 'eslint-plugin-observability';

export default [
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    languageOptions: { parser: tsParser, sourceType: 'module' },
  },
  observability.configs.recommended,
  {
    rules: {
      'observability/no-pii-in-logs': ['error', { redactor: { name: 'redact', import: './lib/redact.js' } }],
    },
  },
];
