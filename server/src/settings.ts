import {
  DEFAULT_RULE_SETTING,
  PII_SETTING,
  RULE_SEVERITIES,
  RULES_SETTING,
  SETTINGS,
  SETTINGS_SECTION,
} from './protocol';

/** Settings under `observabilityLint` (declared in protocol.ts), from `initializationOptions` and `workspace/configuration`. */
export interface Settings {
  enable: boolean;
  /** Lint while typing (debounced) or only when the file is saved. */
  run: RunSetting;
  /** Per-rule severity or `[severity, options]`, keyed by rule id without the `observability/` prefix. */
  rules: Record<string, RuleSetting>;
  /** Lint with the workspace's ESLint flat config when it loads this plugin (trusted workspaces only). */
  useProjectConfig: boolean;
  /** Options for `no-pii-in-logs` (`extraSensitiveNames`, `allowNames`, `loggers`, `sanitizers`, `categories`, `redactor`). */
  pii: Record<string, unknown>;
  trace: { server: TraceSetting };
}

type RunSetting = (typeof SETTINGS.run.enum)[number];
type TraceSetting = (typeof SETTINGS)['trace.server']['enum'][number];
export type Severity = (typeof RULE_SEVERITIES)[number];
export type RuleSetting = Severity | [Severity, Record<string, unknown>];

export const DEFAULT_SETTINGS: Settings = {
  enable: SETTINGS.enable.default,
  run: SETTINGS.run.default,
  rules: {},
  useProjectConfig: SETTINGS.useProjectConfig.default,
  pii: {},
  trace: { server: SETTINGS['trace.server'].default },
};

const SEVERITIES: ReadonlySet<string> = new Set(RULE_SEVERITIES);
const isSeverity = (value: unknown): value is Severity => typeof value === 'string' && SEVERITIES.has(value);

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** `"a", "b" or "c"` */
function either(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? '');
}

/**
 * Reads settings as the client sent them: unknown keys and bad values are reported (one problem each) and
 * replaced by defaults, never fatal.
 */
/** What the settings are checked against: the plugin's rule ids, and `no-pii-in-logs`' option names with their JSON types. */
export interface KnownSettings {
  rules: readonly string[];
  piiOptions: Readonly<Record<string, string>>;
}

export function parseSettings(raw: unknown, known: KnownSettings): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, pii: {}, trace: { ...DEFAULT_SETTINGS.trace } };
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${SETTINGS_SECTION} settings must be an object, got ${JSON.stringify(raw)}; using defaults.`);
    return { settings, problems };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case 'enable':
      case 'useProjectConfig':
        if (typeof value === 'boolean') settings[key] = value;
        else
          problems.push(
            `${SETTINGS_SECTION}.${key} must be true or false, got ${JSON.stringify(value)}; using ${String(settings[key])}.`,
          );
        break;
      case 'run':
        if (isOneOf(SETTINGS.run.enum, value)) settings.run = value;
        else
          problems.push(
            `${SETTINGS_SECTION}.run must be ${either(SETTINGS.run.enum)}, got ${JSON.stringify(value)}; using ${JSON.stringify(DEFAULT_SETTINGS.run)}.`,
          );
        break;
      case 'trace': {
        const server = (value as { server?: unknown } | null)?.server;
        if (isOneOf(SETTINGS['trace.server'].enum, server)) settings.trace = { server };
        else
          problems.push(
            `${SETTINGS_SECTION}.trace.server must be ${either(SETTINGS['trace.server'].enum)}; using ${JSON.stringify(DEFAULT_SETTINGS.trace.server)}.`,
          );
        break;
      }
      case PII_SETTING:
        for (const [option, optionValue] of objectEntries(
          value,
          `${SETTINGS_SECTION}.${PII_SETTING}`,
          'an object of no-pii-in-logs options',
          problems,
        )) {
          const type = known.piiOptions[option];
          if (!type)
            problems.push(
              `${SETTINGS_SECTION}.${PII_SETTING}.${option} is not an option of no-pii-in-logs (known: ${Object.keys(known.piiOptions).join(', ')}); ignored.`,
            );
          else if (jsonType(optionValue) !== type)
            problems.push(
              `${SETTINGS_SECTION}.${PII_SETTING}.${option} must be an ${type}, got ${JSON.stringify(optionValue)}; ignored.`,
            );
          // An editor's empty defaults (`[]`, `{}`) change nothing: leave the rule's own defaults. Items are checked
          // by ESLint against the rule's schema (checkRuleOptions).
          else if (!isEmpty(optionValue)) settings.pii[option] = optionValue;
        }
        break;
      case RULES_SETTING:
        for (const [rule, setting] of objectEntries(
          value,
          `${SETTINGS_SECTION}.${RULES_SETTING}`,
          'an object of rule ids',
          problems,
        )) {
          const id = rule.replace(/^observability\//, '');
          if (!known.rules.includes(id)) {
            problems.push(
              `${SETTINGS_SECTION}.${RULES_SETTING}: unknown rule "${rule}" (known: ${known.rules.join(', ')}); ignored.`,
            );
            continue;
          }
          // `default` (the VS Code settings' default): keep the configuration's own severity.
          if (setting === DEFAULT_RULE_SETTING || setting === null) continue;
          const severity: unknown = Array.isArray(setting) ? setting[0] : setting;
          const options: unknown = Array.isArray(setting) ? setting[1] : undefined;
          if (!isSeverity(severity) || (options !== undefined && (typeof options !== 'object' || options === null))) {
            problems.push(
              `${SETTINGS_SECTION}.${RULES_SETTING}["${rule}"] must be "off", "warn", "error" or [severity, options]; ignored.`,
            );
            continue;
          }
          settings.rules[id] = options ? [severity, options as Record<string, unknown>] : severity;
        }
        break;
      default:
        problems.push(`${SETTINGS_SECTION}.${key} is not a setting of Observability Lint; ignored.`);
    }
  }
  return { settings, problems };
}

/** The entries of a settings object; anything else is one problem and no entries. */
function objectEntries(value: unknown, name: string, what: string, problems: string[]): Array<[string, unknown]> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return Object.entries(value as Record<string, unknown>);
  problems.push(`${name} must be ${what}; ignored.`);
  return [];
}

function jsonType(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
