/**
 * eslint-doc-generator: each rule doc's header (configs, suggestions/fixes, options) and the README rule list,
 * generated from the plugin's `meta`. Run from the repository root as `eslint-doc-generator eslint-plugin`
 * (`npm run docs`; `npm run docs:check` fails when anything is stale).
 * @type {import('eslint-doc-generator').GenerateOptions}
 */
module.exports = {
  // Paths are relative to the plugin root (`eslint-plugin/`); the README lives one level up.
  pathRuleDoc: 'docs/rules/{name}.md',
  pathRuleList: '../README.md',
  ruleDocTitleFormat: 'prefix-name',
  ruleDocNotices: ['description', 'deprecated', 'configs', 'fixableAndHasSuggestions', 'options'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'fixable',
    'hasSuggestions',
    'options',
    'deprecated',
  ],
  configEmoji: [
    ['recommended', '✅'],
    ['all', '🌐'],
    // Rules with a Python half (the python config lints .py files with them).
    ['python', '🐍'],
  ],
  // Every page has an "## Options" section (meta.test.ts), also "None." for rules without options, which this
  // check would reject; the generated options lists keep named options documented instead.
  ruleDocSectionOptions: false,
};
