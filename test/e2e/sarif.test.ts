import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

const SARIF_FORMATTER = path.join(
  repoRoot(),
  'node_modules',
  'eslint-plugin-observability',
  'dist',
  'formatters',
  'sarif.js',
);

interface Sarif {
  version: string;
  runs: Array<{
    tool: { driver: { rules?: Array<{ id: string; helpUri?: string }> } };
    results: Array<{
      ruleId: string;
      level: string;
      suppressions?: Array<{ kind: string; justification: string }>;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    invocations: Array<{
      toolConfigurationNotifications: Array<{
        message: { text: string };
        locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      }>;
    }>;
  }>;
}

describe('CI with SARIF output (README instructions)', () => {
  it("eslint --format <the plugin's SARIF formatter> reports findings with rule ids and docs links", function () {
    this.timeout(120_000);
    const root = repoRoot();
    const cwd = path.join(root, 'examples', 'express-service');
    const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
    let output: string;
    try {
      // The path a user writes: ./node_modules/eslint-plugin-observability/dist/formatters/sarif.js
      output = execFileSync(process.execPath, [eslintBin, '.', '--format', SARIF_FORMATTER], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 32 * 1024 * 1024,
      });
      assert.fail('eslint should exit 1: the example has errors');
    } catch (error) {
      const failure = error as { status?: number; stdout?: string };
      assert.equal(failure.status, 1, 'exit 1 means findings, not a crash');
      output = failure.stdout ?? '';
    }
    const sarif = JSON.parse(output) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.ok(results.length >= 10);
    assert.ok(
      results.every(
        (result) =>
          result.ruleId.startsWith('observability/') && (result.level === 'error' || result.level === 'warning'),
      ),
    );
    const reportedRules = new Set(results.map((result) => result.ruleId));
    assert.ok(reportedRules.size >= 3, 'every rule planted in the example shows up');
    for (const id of reportedRules) {
      const rule = sarif.runs[0].tool.driver.rules?.find((candidate) => candidate.id === id);
      assert.match(rule?.helpUri ?? '', new RegExp(`eslint-plugin/docs/rules/${id.split('/')[1]}\\.md$`), id);
    }
  });

  it('keeps suppressed findings as in-source suppressions and reports unparsable files as notifications, paths relative', async () => {
    const root = repoRoot();
    const cwd = path.join(root, 'examples', 'express-service');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ESLint } = require('eslint') as typeof import('eslint');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plugin = require('eslint-plugin-observability') as {
      configs: { recommended: import('eslint').Linter.Config };
    };
    // The snippet's console calls are about suppressing no-pii-in-logs; prefer-structured-logging (the example
    // service has pino) would add findings of its own to the SARIF run.
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended, { rules: { 'observability/prefer-structured-logging': 'off' } }],
    });
    const suppressed = await eslint.lintText(
      'const password = process.argv[2];\n// eslint-disable-next-line observability/no-pii-in-logs -- local debugging only\nconsole.log(password);\nconsole.log({ password });\n',
      { filePath: path.join(cwd, 'src', 'debug.js') },
    );
    const broken = await eslint.lintText('const = ;\n', { filePath: path.join(cwd, 'src', 'broken.js') });
    const formatter = await eslint.loadFormatter(SARIF_FORMATTER);
    const sarif = JSON.parse(
      await formatter.format([...suppressed, ...broken], {
        cwd,
        rulesMeta: eslint.getRulesMetaForResults([...suppressed, ...broken]),
      } as never),
    ) as Sarif;
    const run = sarif.runs[0];
    assert.deepEqual(
      run.results.map((result) => [
        result.ruleId,
        result.locations[0].physicalLocation.region.startLine,
        result.suppressions?.[0]?.justification,
      ]),
      [
        ['observability/no-pii-in-logs', 4, undefined],
        ['observability/no-pii-in-logs', 3, 'local debugging only'],
      ],
    );
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'src/debug.js');
    const notifications = run.invocations[0].toolConfigurationNotifications;
    assert.equal(notifications.length, 1);
    assert.match(notifications[0].message.text, /Parsing error/);
  });
});
