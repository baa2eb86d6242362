import * as fs from 'node:fs';
import * as path from 'node:path';
import plugin from 'eslint-plugin-observability';
import {
  COMMAND_CATEGORY,
  DEFAULT_RULE_SETTING,
  EXTENSION_COMMANDS,
  JAVASCRIPT_EDITORS_WHEN,
  LINTED_LANGUAGES,
  type PaletteVisibility,
  PII_RULE,
  PII_SETTING,
  PII_SETTINGS,
  RESTRICTED_SETTINGS,
  ROUTES_VIEW,
  RULE_SEVERITIES,
  RULES_SETTING,
  SETTINGS,
  SETTINGS_SECTION,
  type SettingSchema,
} from 'observability-lint-server/protocol';

/**
 * Writes the extension manifest's commands, command palette and view menu entries, the Explorer view, settings and Restricted Mode settings (root
 * package.json) from `server/src/protocol.ts` and the plugin's rules: `npm run manifest`; `--check` fails when the
 * manifest is stale.
 */

interface RuleMeta {
  docs?: { description?: string; recommended?: 'error' | 'warn' | false };
  schema?: unknown;
}

type JsonObject = Record<string, unknown>;

const PREFIX = plugin.meta.namespace;

/** The rule's positional options schemas; an object-form schema (not an array) cannot be offered as a setting. */
function positionalOptions(id: string, meta: RuleMeta): JsonObject[] {
  if (meta.schema === undefined) return [];
  if (!Array.isArray(meta.schema))
    throw new Error(`${id}: meta.schema must be an array of positional options to become a setting`);
  return meta.schema as JsonObject[];
}

function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

/** `observabilityLint.rules.<id>`: `default`, a severity, or `[severity, ...options]` checked by the rule's schema. */
function ruleSetting(id: string, meta: RuleMeta): SettingSchema {
  const options = positionalOptions(id, meta);
  const severityOnly = { type: 'string', enum: [DEFAULT_RULE_SETTING, ...RULE_SEVERITIES] };
  const recommended = meta.docs?.recommended;
  const keeps = recommended
    ? `keeps the recommended severity (\`${recommended}\`)`
    : 'keeps it off (it is not in `configs.recommended`)';
  const description = `Severity of \`${PREFIX}/${id}\`: ${sentence(meta.docs?.description ?? id)} \`${DEFAULT_RULE_SETTING}\` ${keeps}`;
  const common = { default: DEFAULT_RULE_SETTING, scope: 'resource' } as const;
  if (options.length === 0)
    return { ...severityOnly, ...common, markdownDescription: `${description}. The rule has no options.` };
  return {
    type: ['string', 'array'],
    anyOf: [
      severityOnly,
      {
        type: 'array',
        items: [{ type: 'string', enum: RULE_SEVERITIES }, ...options],
        minItems: 2,
        maxItems: 1 + options.length,
      },
    ],
    ...common,
    markdownDescription: `${description}; \`[severity, options]\` sets options too.`,
  };
}

/** `observabilityLint.pii.<option>`: the option's schema from `no-pii-in-logs`, with the setting's description and default. */
function piiSetting(option: string, rules: Record<string, { meta: RuleMeta }>): SettingSchema {
  const [optionsSchema] = positionalOptions(PII_RULE, rules[PII_RULE]?.meta ?? {});
  const properties = (optionsSchema?.properties ?? {}) as Record<string, JsonObject>;
  const schema = properties[option];
  if (!schema) throw new Error(`${PII_RULE} has no option ${option} (protocol.ts PII_SETTINGS)`);
  const { description: _ruleDescription, ...typeSchema } = schema;
  return { ...typeSchema, ...PII_SETTINGS[option], scope: 'resource' };
}

export function configurationProperties(): Record<string, SettingSchema> {
  const rules = plugin.rules as unknown as Record<string, { meta: RuleMeta }>;
  const properties: Record<string, SettingSchema> = {};
  for (const [key, schema] of Object.entries(SETTINGS)) properties[`${SETTINGS_SECTION}.${key}`] = schema;
  for (const id of Object.keys(rules).sort())
    properties[`${SETTINGS_SECTION}.${RULES_SETTING}.${id}`] = ruleSetting(id, rules[id].meta);
  for (const option of Object.keys(PII_SETTINGS))
    properties[`${SETTINGS_SECTION}.${PII_SETTING}.${option}`] = piiSetting(option, rules);
  return properties;
}

const PALETTE_WHEN: Readonly<Record<PaletteVisibility, string | undefined>> = {
  always: undefined,
  javascriptEditors: JAVASCRIPT_EDITORS_WHEN,
  never: 'false',
};

/** The manifest with its generated parts replaced; everything else is kept as written. */
export function withGeneratedManifest(manifestText: string): string {
  const manifest = JSON.parse(manifestText) as JsonObject & {
    contributes: JsonObject & { menus?: JsonObject };
    capabilities: { untrustedWorkspaces: JsonObject };
  };
  const activationEvents = Array.isArray(manifest.activationEvents) ? (manifest.activationEvents as string[]) : [];
  manifest.activationEvents = [
    ...LINTED_LANGUAGES.map((language) => `onLanguage:${language}`),
    ...activationEvents.filter((event) => !event.startsWith('onLanguage:')),
  ];
  manifest.contributes.configuration = { title: COMMAND_CATEGORY, properties: configurationProperties() };
  manifest.contributes.commands = EXTENSION_COMMANDS.map((command) => ({
    command: command.id,
    title: command.title,
    category: COMMAND_CATEGORY,
    ...(command.icon ? { icon: command.icon } : {}),
  }));
  manifest.contributes.views = {
    ...(manifest.contributes.views as JsonObject | undefined),
    [ROUTES_VIEW.container]: [{ id: ROUTES_VIEW.id, name: ROUTES_VIEW.name }],
  };
  const viewMenu = (menu: string): JsonObject[] =>
    EXTENSION_COMMANDS.flatMap((command) =>
      (command.viewMenus ?? [])
        .filter((place) => place.menu === menu)
        .map((place) => ({ command: command.id, when: place.when, group: place.group })),
    );
  manifest.contributes.menus = {
    ...manifest.contributes.menus,
    commandPalette: EXTENSION_COMMANDS.flatMap((command) => {
      const when = PALETTE_WHEN[command.palette];
      return when ? [{ command: command.id, when }] : [];
    }),
    'view/title': viewMenu('view/title'),
    'view/item/context': viewMenu('view/item/context'),
  };
  manifest.capabilities.untrustedWorkspaces.restrictedConfigurations = RESTRICTED_SETTINGS.map(
    (key) => `${SETTINGS_SECTION}.${key}`,
  );
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export const MANIFEST_PATH = path.join(__dirname, '..', '..', 'package.json');

if (require.main === module) {
  const before = fs.readFileSync(MANIFEST_PATH, 'utf8');
  const after = withGeneratedManifest(before);
  if (process.argv.includes('--check')) {
    if (before !== after) {
      console.error('package.json (contributes, restrictedConfigurations) is stale: run `npm run manifest`.');
      process.exit(1);
    }
  } else if (before !== after) {
    fs.writeFileSync(MANIFEST_PATH, after);
    console.log('package.json contributes updated.');
  } else {
    console.log('package.json contributes is current.');
  }
}
