import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import type { KnownSettings, Settings } from './settings';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as Linter.Parser;

/** Files bigger than this, or minified, are skipped with one informational message. */
export const MAX_BYTES = 1_000_000;
const LINTABLE = /\.(?:js|jsx|mjs|cjs|ts|tsx|mts|cts|py|pyi)$/;
const PYTHON = /\.pyi?$/;

/** Rule ids with a Python half: the only ones a Python file may be linted with (ESLint refuses the others). */
const PYTHON_RULES = new Set(
  Object.entries(plugin.rules)
    .filter(([, rule]) => (rule.meta as { languages?: string[] }).languages?.includes('observability/python'))
    .map(([id]) => id),
);

export interface LintOutcome {
  messages: Linter.LintMessage[];
  /** Why the file was not linted, when it was not. */
  skipped?: string;
  /** Which configuration linted it. */
  via: 'bundled' | 'project';
}

export const RULE_IDS = Object.keys(plugin.rules);

/** What settings are checked against, read from the plugin itself (rule ids; `no-pii-in-logs`' option names and types). */
export const KNOWN_SETTINGS: KnownSettings = {
  rules: RULE_IDS,
  piiOptions: Object.fromEntries(
    Object.entries(
      (
        (plugin.rules as Record<string, { meta: { schema?: unknown } }>)['no-pii-in-logs']?.meta.schema as
          Array<{ properties?: Record<string, { type?: string }> }> | undefined
      )?.[0]?.properties ?? {},
    ).map(([name, schema]) => [name, schema.type ?? 'object']),
  ),
};

/** Why a text should not be linted: too large, minified, or binary. */
export function skipReason(text: string): string | undefined {
  if (text.length > MAX_BYTES) return `larger than ${MAX_BYTES / 1_000_000} MB`;
  if (text.includes('\u0000')) return 'binary content';
  const lines = text.split('\n');
  const longest = lines.reduce((max, line) => Math.max(max, line.length), 0);
  if (longest > 20_000 || (lines.length > 5 && text.length / lines.length > 1_000)) return 'minified (very long lines)';
  return undefined;
}

/** The options object of a rule entry (`['warn', { … }]`), if it has one. */
function optionsOfEntry(entry: Linter.RuleEntry | undefined): Record<string, unknown> | undefined {
  const options = Array.isArray(entry) ? (entry[1] as unknown) : undefined;
  return options && typeof options === 'object' ? (options as Record<string, unknown>) : undefined;
}

/** A rule entry with `options` under its own (options written in the rule's entry win). */
function withOptions(entry: Linter.RuleEntry | undefined, options: Record<string, unknown>): Linter.RuleEntry {
  const severity = Array.isArray(entry) ? entry[0] : (entry ?? 'error');
  return severity === 'off' || severity === 0 ? severity : [severity, { ...options, ...optionsOfEntry(entry) }];
}

/** The bundled configuration: the plugin's recommended rules, adjusted by the user's settings. */
export function bundledConfig(filePath: string, settings: Settings): Linter.Config[] {
  if (PYTHON.test(filePath)) return bundledPythonConfig(settings);
  const typescript = /\.(ts|tsx|mts|cts)$/.test(filePath);
  const rules: Linter.RulesRecord = { ...(plugin.configs.recommended.rules as Linter.RulesRecord) };
  for (const [id, setting] of Object.entries(settings.rules)) rules[`observability/${id}`] = setting;
  if (Object.keys(settings.pii).length > 0)
    rules['observability/no-pii-in-logs'] = withOptions(rules['observability/no-pii-in-logs'], settings.pii);
  return [
    {
      // Without a `files` match ESLint lints only .js/.mjs/.cjs; the Linter's cwd is the filesystem root, so
      // this glob matches any absolute path.
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: /\.(cjs|cts)$/.test(filePath) ? 'commonjs' : 'module',
        ...(typescript ? { parser: tsParser } : {}),
        parserOptions: { ecmaFeatures: { jsx: /x$/.test(filePath) || /\.jsx?$/.test(filePath) } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { observability: plugin as unknown as ESLint.Plugin },
      rules,
    },
  ];
}

/** Python files: `configs.python`, with the user's settings for the rules that have a Python half. */
function bundledPythonConfig(settings: Settings): Linter.Config[] {
  const rules: Linter.RulesRecord = { ...(plugin.configs.python.rules as Linter.RulesRecord) };
  for (const [id, setting] of Object.entries(settings.rules))
    if (PYTHON_RULES.has(id)) rules[`observability/${id}`] = setting;
  if (Object.keys(settings.pii).length > 0 && PYTHON_RULES.has('no-pii-in-logs'))
    rules['observability/no-pii-in-logs'] = withOptions(rules['observability/no-pii-in-logs'], settings.pii);
  return [
    {
      files: ['**/*.py', '**/*.pyi'],
      language: 'observability/python',
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { observability: plugin as unknown as ESLint.Plugin },
      rules,
    },
  ];
}

/**
 * The only place the server touches ESLint. A bundled `Linter` with the plugin's recommended config by
 * default; the workspace's own ESLint and flat config when it loads this plugin and the user allows it.
 */
export class DocumentLinter {
  // At the filesystem root, so the config's `files` glob covers every file an editor opens.
  private readonly linter = new Linter({ cwd: path.parse(process.cwd()).root });
  private readonly projectEslint = new Map<string, ESLint | null>();
  /**
   * Python's grammar is WebAssembly, loaded asynchronously once; ESLint then parses synchronously. Started with the
   * server so that the first Python file does not wait for it.
   */
  private readonly pythonGrammar = plugin.languages.python.load();

  isLintable(filePath: string): boolean {
    return LINTABLE.test(filePath);
  }

  async lint(
    text: string,
    filePath: string,
    settings: Settings,
    workspaceRoot: string | undefined,
  ): Promise<LintOutcome> {
    const skipped = skipReason(text);
    if (skipped) return { messages: [], skipped, via: 'bundled' };
    if (PYTHON.test(filePath)) await this.pythonGrammar;
    const project = this.workspaceLinter(settings, workspaceRoot);
    if (project) {
      const [result] = await project.lintText(text, { filePath });
      return { messages: result?.messages ?? [], via: 'project' };
    }
    return {
      messages: this.linter.verify(text, bundledConfig(filePath, settings), { filename: filePath }),
      via: 'bundled',
    };
  }

  /** ESLint's own verdict on the rule options the settings carry (each rule's schema), or undefined when valid. */
  checkRuleOptions(settings: Settings): string | undefined {
    try {
      this.linter.verify('', bundledConfig(path.join(path.parse(process.cwd()).root, 'settings-check.js'), settings));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    }
  }

  /** The text with every autofix applied (`source.fixAll.observability`). */
  fixAll(text: string, filePath: string, settings: Settings): string {
    if (skipReason(text) || !this.canLint(filePath)) return text;
    return this.linter.verifyAndFix(text, bundledConfig(filePath, settings), { filename: filePath }).output;
  }

  /**
   * One rule alone, with the user's options for it: the service commands ask a rule for its suggestion even
   * when the user's settings turned it off (the command is an explicit request).
   */
  lintWithRule(text: string, filePath: string, settings: Settings, ruleId: string): Linter.LintMessage[] {
    if (skipReason(text) || !this.canLint(filePath)) return [];
    if (PYTHON.test(filePath) && !PYTHON_RULES.has(ruleId)) return [];
    const options = optionsOfEntry(settings.rules[ruleId] as Linter.RuleEntry | undefined);
    const rules: Record<string, Settings['rules'][string]> = Object.fromEntries(
      RULE_IDS.map((id) => [id, 'off' as const]),
    );
    rules[ruleId] = options ? ['warn', options] : 'warn';
    return this.linter
      .verify(text, bundledConfig(filePath, { ...settings, rules }), { filename: filePath })
      .filter((message) => message.ruleId === `observability/${ruleId}`);
  }

  /**
   * The options `ruleId` runs with for `filePath`: the workspace config's when the workspace's ESLint lints it, else
   * the settings'. Project fixes need them to fix what the rule reports (its exempt paths, probe paths).
   */
  async ruleOptions(
    filePath: string,
    settings: Settings,
    workspaceRoot: string | undefined,
    ruleId: string,
  ): Promise<Record<string, unknown>> {
    const project = this.workspaceLinter(settings, workspaceRoot);
    const entry = project
      ? ((await project.calculateConfigForFile(filePath)) as Linter.Config | undefined)?.rules?.[
          `observability/${ruleId}`
        ]
      : (settings.rules[ruleId] as Linter.RuleEntry | undefined);
    return optionsOfEntry(entry) ?? {};
  }

  /** Whether a synchronous lint can run now: a Python file needs the grammar, which `lint` waits for. */
  private canLint(filePath: string): boolean {
    return !PYTHON.test(filePath) || plugin.languages.python.loaded;
  }

  /** Forget project linters (their config may have changed). */
  reset(): void {
    this.projectEslint.clear();
  }

  /** The workspace's ESLint when the settings allow it and its config loads this plugin; else the bundled linter is used. */
  private workspaceLinter(settings: Settings, workspaceRoot: string | undefined): ESLint | undefined {
    return settings.useProjectConfig && workspaceRoot ? this.projectLinter(workspaceRoot) : undefined;
  }

  /** The workspace's ESLint, when its flat config mentions this plugin. */
  private projectLinter(root: string): ESLint | undefined {
    if (this.projectEslint.has(root)) return this.projectEslint.get(root) ?? undefined;
    let eslint: ESLint | null = null;
    const config = [
      'eslint.config.js',
      'eslint.config.mjs',
      'eslint.config.cjs',
      'eslint.config.ts',
      'eslint.config.mts',
    ]
      .map((name) => path.join(root, name))
      .find((file) => fs.existsSync(file));
    if (config && fs.readFileSync(config, 'utf8').includes('eslint-plugin-observability')) {
      try {
        // The workspace's own ESLint when it has one, so its version and plugins match its config.
        const resolved = require.resolve('eslint', { paths: [root] });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { ESLint: WorkspaceESLint } = require(resolved) as typeof import('eslint');
        eslint = new WorkspaceESLint({ cwd: root });
      } catch {
        // No ESLint installed in the workspace (or one that fails to load): its config runs on the bundled ESLint.
        eslint = new ESLint({ cwd: root });
      }
    }
    this.projectEslint.set(root, eslint);
    return eslint ?? undefined;
  }
}
