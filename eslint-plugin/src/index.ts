import type { TSESLint } from '@typescript-eslint/utils';
import { allRules, recommendedRules } from './configs';
import { rules } from './rules';

// Read at runtime so the published version and `meta.version` never disagree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

const PREFIX = 'observability';

const plugin = {
  meta: { name, version, namespace: PREFIX },
  rules,
  configs: {} as {
    recommended: TSESLint.FlatConfig.Config;
    all: TSESLint.FlatConfig.Config;
  },
};

// Configs refer to the plugin object itself, as ESLint's flat-config docs require for self-referencing plugins.
plugin.configs.recommended = {
  name: `${PREFIX}/recommended`,
  plugins: { [PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: recommendedRules(rules, PREFIX),
};
plugin.configs.all = {
  name: `${PREFIX}/all`,
  plugins: { [PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: allRules(rules, PREFIX),
};

export = plugin;
