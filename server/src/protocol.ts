/**
 * The names the extension, the server and the manifest share: commands and settings, declared once. The client
 * registers its commands from here, the server dispatches from here, and `npm run manifest` writes the root
 * package.json's `contributes` from here plus the plugin's rules. This module imports nothing, so the client's
 * bundle stays small.
 */

/** The settings section (`observabilityLint.*`) and the prefix of every command the extension contributes. */
export const SETTINGS_SECTION = 'observabilityLint';
export const COMMAND_CATEGORY = 'Observability Lint';

/**
 * Commands the server runs through `workspace/executeCommand`; Neovim, Emacs and other LSP clients bind these ids.
 * They differ from the extension's ids on purpose: vscode-languageclient registers a VS Code command for every id
 * the server announces, and would collide with the extension's own command of the same id.
 */
export const SERVER_COMMANDS = {
  showDocumentation: 'observability.showDocumentation',
  insertCorrelationId: 'observability.insertCorrelationId',
  insertHealthEndpoints: 'observability.insertHealthEndpoints',
  insertRequestTiming: 'observability.insertRequestTiming',
  wrapInTiming: 'observability.wrapInTiming',
} as const;
export type ServerCommand = (typeof SERVER_COMMANDS)[keyof typeof SERVER_COMMANDS];

/**
 * `observability/serviceReport` (client → server): the route report of a workspace folder, the JSON of
 * `observability-lint report --format json`, computed from the folder's analysis (unsaved buffers included).
 * Params: `{ folder?: uri }` (default: every workspace folder). Result: `[{ folder: uri, report }]`, one per folder.
 */
export const SERVICE_REPORT_REQUEST = 'observability/serviceReport';
export interface ServiceReportParams {
  /** A workspace folder (or any directory) as a `file:` URI; every workspace folder when absent. */
  folder?: string;
}

/**
 * The Explorer's **Observability** view: services and routes of `observability/serviceReport`. `npm run manifest`
 * writes it to `contributes.views.explorer`; its item `contextValue`s say which insertable piece a service lacks.
 */
export const ROUTES_VIEW = { id: 'observabilityLint.routes', name: 'Observability', container: 'explorer' } as const;
export const SERVICE_MISSING = {
  requestId: 'service-missing-request-id',
  health: 'service-missing-health',
  timing: 'service-missing-timing',
} as const;

/** A service item's context menu entry, shown when the service lacks the piece. */
function serviceMenu(missing: string): ViewMenu {
  return {
    menu: 'view/item/context',
    when: `view == ${ROUTES_VIEW.id} && viewItem =~ /${missing}/`,
    group: '1_insert',
  };
}

/** A place in a view's menus: its title bar or an item's context menu (`group: 'inline'` puts it on the item). */
export interface ViewMenu {
  menu: 'view/title' | 'view/item/context';
  when: string;
  group: string;
}

/** Where a command is offered in the palette: always, only in JavaScript/TypeScript editors, or never. */
/** The editor languages the extension lints (VS Code language ids): its document selector and activation events. */
export const LINTED_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python'] as const;

export type PaletteVisibility = 'always' | 'javascriptEditors' | 'never';
export const JAVASCRIPT_EDITORS_WHEN = 'editorLangId =~ /^(javascript|typescript)(react)?$/';

export interface ExtensionCommand {
  /** The VS Code command id users bind in keybindings.json: never change one. */
  id: string;
  title: string;
  palette: PaletteVisibility;
  /** The server command it forwards to, with the active document (and the selection for `selection`). */
  server?: { command: ServerCommand; target: 'document' | 'selection' };
  /** The rule whose fix (its first suggestion) the command inserts. */
  rule?: string;
  /** A codicon (`$(refresh)`) for menus that show icons. */
  icon?: string;
  /** Where the command appears in views. */
  viewMenus?: readonly ViewMenu[];
}

export const EXTENSION_COMMANDS: readonly ExtensionCommand[] = [
  {
    id: 'observabilityLint.insertCorrelationId',
    title: 'Insert correlation-ID middleware',
    palette: 'javascriptEditors',
    server: { command: SERVER_COMMANDS.insertCorrelationId, target: 'document' },
    rule: 'require-correlation-id',
    viewMenus: [serviceMenu(SERVICE_MISSING.requestId)],
  },
  {
    id: 'observabilityLint.insertHealthEndpoints',
    title: 'Insert health endpoints',
    palette: 'javascriptEditors',
    server: { command: SERVER_COMMANDS.insertHealthEndpoints, target: 'document' },
    rule: 'require-health-endpoints',
    viewMenus: [serviceMenu(SERVICE_MISSING.health)],
  },
  {
    id: 'observabilityLint.insertRequestTiming',
    title: 'Insert request timing',
    palette: 'javascriptEditors',
    server: { command: SERVER_COMMANDS.insertRequestTiming, target: 'document' },
    rule: 'require-request-timing',
    viewMenus: [serviceMenu(SERVICE_MISSING.timing)],
  },
  {
    id: 'observabilityLint.wrapInTiming',
    title: 'Wrap in timing',
    palette: 'javascriptEditors',
    server: { command: SERVER_COMMANDS.wrapInTiming, target: 'selection' },
  },
  {
    id: 'observabilityLint.refreshRoutes',
    title: 'Refresh routes',
    palette: 'always',
    icon: '$(refresh)',
    viewMenus: [{ menu: 'view/title', when: `view == ${ROUTES_VIEW.id}`, group: 'navigation' }],
  },
  { id: 'observabilityLint.restartServer', title: 'Restart server', palette: 'always' },
  { id: 'observabilityLint.showOutput', title: 'Show output', palette: 'always' },
];

/** The extension's command of an id; throws on a typo, so a renamed command fails at startup, not on first use. */
export function extensionCommand(id: string): ExtensionCommand {
  const command = EXTENSION_COMMANDS.find((candidate) => candidate.id === id);
  if (!command) throw new Error(`No command ${id} in protocol.ts`);
  return command;
}

/** The server commands that insert a rule's fix, with that rule. */
export const INSERT_COMMAND_RULES: Readonly<Record<string, string>> = Object.fromEntries(
  EXTENSION_COMMANDS.flatMap((command) =>
    command.server && command.rule ? [[command.server.command, command.rule]] : [],
  ),
);

/** A VS Code configuration property (a JSON schema with VS Code's extra keys). */
export interface SettingSchema {
  type?: string | string[];
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  default: unknown;
  scope: 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';
  markdownDescription: string;
  [schemaKey: string]: unknown;
}

/** Settings whose JSON schema is written here (per-rule settings come from the plugin's rules). */
export const SETTINGS = {
  enable: {
    type: 'boolean',
    default: true,
    scope: 'resource',
    markdownDescription: 'Lint JavaScript, TypeScript and Python files with Observability Lint.',
  },
  run: {
    type: 'string',
    enum: ['onType', 'onSave'],
    enumDescriptions: ['Lint while you type (debounced).', 'Lint only when the file is saved.'],
    default: 'onType',
    scope: 'resource',
    markdownDescription: 'When to lint.',
  },
  useProjectConfig: {
    type: 'boolean',
    default: true,
    scope: 'resource',
    markdownDescription:
      "When the workspace's `eslint.config.*` loads `eslint-plugin-observability`, lint with the workspace's ESLint and config (its severities and options win). Ignored in Restricted Mode: untrusted workspaces only run the bundled configuration.",
  },
  'trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    markdownDescription:
      'Trace the communication between VS Code and the Observability Lint server in the output channel.',
  },
} as const satisfies Record<string, SettingSchema>;

/** Settings a workspace must not control in Restricted Mode (it would run the workspace's own ESLint config). */
export const RESTRICTED_SETTINGS: ReadonlyArray<keyof typeof SETTINGS> = ['useProjectConfig'];

/** `observabilityLint.rules.<rule id>`: a severity, `default`, or `[severity, options]`. */
export const RULES_SETTING = 'rules';
export const RULE_SEVERITIES = ['off', 'warn', 'error'] as const;
/** The rule's severity in the configuration in use is kept. */
export const DEFAULT_RULE_SETTING = 'default';

/**
 * `observabilityLint.pii.<option>`: options of `no-pii-in-logs` offered as their own settings. Their JSON schema is
 * the rule's; the description and the editor default (empty: the rule's own defaults apply) are here.
 */
export const PII_SETTING = 'pii';
export const PII_RULE = 'no-pii-in-logs';
export const PII_SETTINGS: Readonly<Record<string, { default: unknown; markdownDescription: string }>> = {
  extraSensitiveNames: {
    default: [],
    markdownDescription:
      '`no-pii-in-logs`: more sensitive names, judged by words like the catalogue (`loyaltyNumber` also matches `customerLoyaltyNumber`).',
  },
  allowNames: { default: [], markdownDescription: '`no-pii-in-logs`: names that are never sensitive.' },
  loggers: {
    default: [],
    markdownDescription:
      '`no-pii-in-logs`: more log sinks (a receiver such as `audit`, or a function such as `track`).',
  },
  sanitizers: { default: [], markdownDescription: '`no-pii-in-logs`: functions whose result is safe to log.' },
  categories: {
    default: {},
    markdownDescription: '`no-pii-in-logs`: turn categories on or off (`{ "network": true }`).',
  },
};
