import type { TSESLint } from '@typescript-eslint/utils';
import { allRules, pythonRules, recommendedRules } from './configs';
import { pythonLanguage } from './languages/python/language';
import { rules } from './rules';

// Read at runtime so the published version and `meta.version` never disagree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

const PREFIX = 'observability';

const plugin = {
  meta: { name, version, namespace: PREFIX },
  rules,
  languages: { python: pythonLanguage },
  configs: {} as {
    recommended: TSESLint.FlatConfig.Config;
    all: TSESLint.FlatConfig.Config;
    python: TSESLint.FlatConfig.Config;
  },
};

/**
 * The JavaScript configs leave Python files alone: they have no `files`, so without this they would also apply to
 * the `.py` files that `configs.python` brings in, and ESLint refuses a JavaScript-only rule on a Python file.
 */
const PYTHON_FILES = ['**/*.py', '**/*.pyi'];

// Configs refer to the plugin object itself, as ESLint's flat-config docs require for self-referencing plugins.
plugin.configs.recommended = {
  name: `${PREFIX}/recommended`,
  ignores: PYTHON_FILES,
  plugins: { [PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: recommendedRules(rules, PREFIX),
};
plugin.configs.all = {
  name: `${PREFIX}/all`,
  ignores: PYTHON_FILES,
  plugins: { [PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: allRules(rules, PREFIX),
};
// Python through ESLint's language plugins: the grammar must be loaded first (`await plugin.languages.python.load()`).
plugin.configs.python = {
  name: `${PREFIX}/python`,
  files: PYTHON_FILES,
  plugins: { [PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  language: `${PREFIX}/python`,
  rules: pythonRules(rules, PREFIX),
};

export = plugin;
