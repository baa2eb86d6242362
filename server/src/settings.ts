/** Settings under `observabilityLint`, from `initializationOptions` and `workspace/configuration`. */
export interface Settings {
  enable: boolean;
  /** Lint while typing (debounced) or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Per-rule severity or `[severity, options]`, keyed by rule id without the `observability/` prefix. */
  rules: Record<string, RuleSetting>;
  /** Lint with the workspace's ESLint flat config when it loads this plugin (trusted workspaces only). */
  useProjectConfig: boolean;
  /** Options for `no-pii-in-logs` (`extraSensitiveNames`, `allowNames`, `loggers`, `sanitizers`, `categories`, `redactor`). */
  pii: Record<string, unknown>;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export type Severity = 'off' | 'warn' | 'error';
export type RuleSetting = Severity | [Severity, Record<string, unknown>];

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: {},
  useProjectConfig: true,
  pii: {},
  trace: { server: 'off' },
};

const PII_OPTIONS: Readonly<Record<string, (value: unknown) => boolean>> = {
  extraSensitiveNames: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string' || (typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string')),
  allowNames: isStringArray,
  loggers: isStringArray,
  sanitizers: isStringArray,
  categories: (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((flag) => typeof flag === 'boolean'),
  redactor: (value) => typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string',
};

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'warn', 'error']);

/**
 * Reads settings as the client sent them: unknown keys and bad values are reported (one problem each) and
 * replaced by defaults, never fatal.
 */
export function parseSettings(raw: unknown, knownRules: readonly string[]): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, pii: {}, trace: { ...DEFAULT_SETTINGS.trace } };
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`observabilityLint settings must be an object, got ${JSON.stringify(raw)}; using defaults.`);
    return { settings, problems };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case 'enable':
      case 'useProjectConfig':
        if (typeof value === 'boolean') settings[key] = value;
        else problems.push(`observabilityLint.${key} must be true or false, got ${JSON.stringify(value)}; using ${String(settings[key])}.`);
        break;
      case 'run':
        if (value === 'onType' || value === 'onSave') settings.run = value;
        else problems.push(`observabilityLint.run must be "onType" or "onSave", got ${JSON.stringify(value)}; using "onType".`);
        break;
      case 'trace': {
        const server = (value as { server?: unknown } | null)?.server;
        if (server === 'off' || server === 'messages' || server === 'verbose') settings.trace = { server };
        else problems.push(`observabilityLint.trace.server must be "off", "messages" or "verbose"; using "off".`);
        break;
      }
      case 'pii':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          problems.push('observabilityLint.pii must be an object of no-pii-in-logs options; ignored.');
          break;
        }
        for (const [option, optionValue] of Object.entries(value as Record<string, unknown>)) {
          const valid = PII_OPTIONS[option];
          if (!valid) problems.push(`observabilityLint.pii.${option} is not an option of no-pii-in-logs (known: ${Object.keys(PII_OPTIONS).join(', ')}); ignored.`);
          else if (!valid(optionValue)) problems.push(`observabilityLint.pii.${option} has an invalid value ${JSON.stringify(optionValue)}; ignored.`);
          // An editor's empty defaults (`[]`, `{}`) change nothing: leave the rule's own defaults.
          else if (!isEmpty(optionValue)) settings.pii[option] = optionValue;
        }
        break;
      case 'rules':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          problems.push('observabilityLint.rules must be an object of rule ids; ignored.');
          break;
        }
        for (const [rule, setting] of Object.entries(value as Record<string, unknown>)) {
          const id = rule.replace(/^observability\//, '');
          if (!knownRules.includes(id)) {
            problems.push(`observabilityLint.rules: unknown rule "${rule}" (known: ${knownRules.join(', ')}); ignored.`);
            continue;
          }
          // `default` (the VS Code settings' default): keep the configuration's own severity.
          if (setting === 'default' || setting === null) continue;
          const severity = Array.isArray(setting) ? setting[0] : setting;
          const options = Array.isArray(setting) ? setting[1] : undefined;
          if (typeof severity !== 'string' || !SEVERITIES.has(severity) || (options !== undefined && (typeof options !== 'object' || options === null))) {
            problems.push(`observabilityLint.rules["${rule}"] must be "off", "warn", "error" or [severity, options]; ignored.`);
            continue;
          }
          settings.rules[id] = options ? [severity as Severity, options as Record<string, unknown>] : (severity as Severity);
        }
        break;
      default:
        problems.push(`observabilityLint.${key} is not a setting of Observability Lint; ignored.`);
    }
  }
  return { settings, problems };
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
