/**
 * An ESLint formatter that writes SARIF 2.1.0 for code-scanning tools (GitHub's `upload-sarif`, Azure DevOps):
 *
 *   npx eslint . --format ./node_modules/eslint-plugin-observability/dist/formatters/sarif.js --output-file x.sarif
 *
 * Rules carry their `meta.docs.url` as `helpUri`; findings suppressed by a directive are kept with an in-source
 * suppression (code scanning shows them as dismissed); files that could not be parsed are reported as tool
 * notifications, not as findings. It has no dependencies: the formatter most teams used before pulled in
 * ESLint 8, lodash and a charset detector declared as `latest`, which broke `npm ci` whenever that one published.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  suppressions?: Array<{ kind: string; justification: string }>;
}

interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages?: LintMessage[];
}

interface RuleMeta {
  docs?: { description?: string; url?: string };
}

interface FormatterContext {
  cwd?: string;
  rulesMeta?: Record<string, RuleMeta>;
}

interface SarifRule {
  id: string;
  shortDescription?: { text: string };
  helpUri?: string;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function region(message: LintMessage): Record<string, number> {
  const located: Record<string, number> = {
    startLine: Math.max(message.line ?? 1, 1),
    startColumn: Math.max(message.column ?? 1, 1),
  };
  if (message.endLine !== undefined) located.endLine = message.endLine;
  if (message.endColumn !== undefined) located.endColumn = message.endColumn;
  return located;
}

/** Paths under the working directory are written relative to it (what code scanning matches against the checkout). */
function artifactUri(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative))
    return relative.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(filePath).href;
}

function formatSarif(results: readonly LintResult[], context: FormatterContext = {}): string {
  const cwd = context.cwd ?? process.cwd();
  const rules: SarifRule[] = [];
  const indexes = new Map<string, number>();
  const ruleIndex = (id: string): number => {
    let index = indexes.get(id);
    if (index === undefined) {
      const meta = context.rulesMeta?.[id];
      index =
        rules.push({
          id,
          ...(meta?.docs?.description ? { shortDescription: { text: meta.docs.description } } : {}),
          ...(meta?.docs?.url ? { helpUri: meta.docs.url } : {}),
        }) - 1;
      indexes.set(id, index);
    }
    return index;
  };
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  for (const result of results) {
    const uri = artifactUri(result.filePath, cwd);
    const location = (message: LintMessage): unknown[] => [
      { physicalLocation: { artifactLocation: { uri }, region: region(message) } },
    ];
    const suppressed = (result.suppressedMessages ?? []).map((message) => ({ message, suppressed: true }));
    for (const { message, suppressed: isSuppressed } of [
      ...result.messages.map((message) => ({ message, suppressed: false })),
      ...suppressed,
    ]) {
      if (message.fatal || message.ruleId === null) {
        notifications.push({ level: 'error', message: { text: message.message }, locations: location(message) });
        continue;
      }
      sarifResults.push({
        ruleId: message.ruleId,
        ruleIndex: ruleIndex(message.ruleId),
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: location(message),
        ...(isSuppressed
          ? {
              suppressions: (message.suppressions ?? [{ kind: 'directive', justification: '' }]).map((entry) => ({
                kind: 'inSource',
                justification: entry.justification,
              })),
            }
          : {}),
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ESLint', informationUri: 'https://eslint.org', rules } },
        invocations: [{ executionSuccessful: true, toolConfigurationNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

// ESLint loads a formatter module's default export (CommonJS: module.exports).
export = formatSarif;
