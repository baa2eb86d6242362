import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

interface Sarif {
  version: string;
  runs: Array<{
    tool: { driver: { rules?: Array<{ id: string; helpUri?: string }> } };
    results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
  }>;
}

describe('CI with SARIF output (README instructions)', () => {
  it('eslint --format @microsoft/eslint-formatter-sarif reports findings with rule ids and docs links', function () {
    this.timeout(120_000);
    const root = repoRoot();
    const cwd = path.join(root, 'examples', 'express-service');
    const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
    let output = '';
    try {
      output = execFileSync(process.execPath, [eslintBin, '.', '--format', '@microsoft/eslint-formatter-sarif'], { cwd, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
      assert.fail('eslint should exit 1: the example has errors');
    } catch (error) {
      const failure = error as { status?: number; stdout?: string };
      assert.equal(failure.status, 1, 'exit 1 means findings, not a crash');
      output = failure.stdout ?? '';
    }
    const sarif = JSON.parse(output) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0]!.results;
    assert.ok(results.length >= 10);
    assert.ok(results.every((result) => result.ruleId.startsWith('observability/') && (result.level === 'error' || result.level === 'warning')));
    const reportedRules = new Set(results.map((result) => result.ruleId));
    assert.ok(reportedRules.size >= 3, 'every rule planted in the example shows up');
    for (const id of reportedRules) {
      const rule = sarif.runs[0]!.tool.driver.rules?.find((candidate) => candidate.id === id);
      assert.match(rule?.helpUri ?? '', new RegExp(`eslint-plugin/docs/rules/${id.split('/')[1]}\\.md$`), id);
    }
  });
});
