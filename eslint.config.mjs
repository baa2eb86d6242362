// The repository's own lint: typescript-eslint with type information over every TypeScript project,
// eslint-plugin-eslint-plugin over the rules, and this plugin over the language server and the extension.
// `eslint-plugin-observability` is the workspace package's built dist/: `npm run lint:code` builds it first.
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import prettier from 'eslint-config-prettier';
import observability from 'eslint-plugin-observability';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/out/',
    '**/dist/',
    'test/fixtures/',
    'bench/',
    'eval/real/.sources/',
    'examples/',
    '.vscode-test/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    name: 'typescript',
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // Each file is checked by the tsconfig.json nearest to it (eslint-plugin, server, client, scripts, test,
      // test/vscode), the same projects `tsc -b` builds.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Node and scope types (AST_NODE_TYPES, DefinitionType) are string enums whose values are the ESTree names;
      // the code compares them with those literals (`node.type === 'Identifier'`), which narrows just as well.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // tsc's own exemptions (noUnusedParameters): `_`-prefixed parameters and array elements; rest siblings are
      // how the code leaves keys out of an object (`const { project: _project, ...parserOptions } = …`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A caught value is passed on to `reject` as it was caught.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    name: 'javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
  },
  {
    // No package.json here sets "type": "module": .js files are CommonJS.
    name: 'commonjs',
    files: ['**/*.{js,cjs}'],
    // They run on Node: its globals beside CommonJS' own.
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', __filename: 'readonly' },
    },
  },
  {
    name: 'rules',
    files: ['eslint-plugin/src/rules/**/*.ts'],
    // Python halves are not ESLint rules: `withPython` joins each to its rule, which carries the meta.
    ignores: ['eslint-plugin/src/rules/python/**'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      // Both read one file: they miss keys passed through a spread (`data: { ...data, what }`) and the suggestion
      // messages fixes/ builds. RuleTester fails any case whose message keeps an unsubstituted placeholder.
      'eslint-plugin/no-missing-placeholders': 'off',
      'eslint-plugin/no-unused-message-ids': 'off',
    },
  },
  {
    name: 'rule tests',
    files: ['test/rules/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
  },
  {
    name: 'language server and extension',
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    extends: [observability.configs.recommended],
  },
  prettier,
);
