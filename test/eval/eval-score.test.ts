import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Finding, scoreService, type ServiceLabels, totalScores, validateLabels } from '../../scripts/eval-score';
import { loadServices } from '../../scripts/eval-real';

const COMMIT = 'a'.repeat(40);

function service(overrides: Partial<ServiceLabels> = {}): ServiceLabels {
  return {
    name: 'svc',
    repo: 'owner/svc',
    commit: COMMIT,
    rules: ['no-pii-in-logs', 'require-route-logging'],
    labels: [
      { rule: 'no-pii-in-logs', file: 'src/a.ts', line: 10 },
      { rule: 'no-pii-in-logs', file: 'src/b.ts', line: 5 },
      { rule: 'require-route-logging', file: 'src/app.ts', line: 3 },
    ],
    ambiguous: [{ rule: 'no-pii-in-logs', file: 'src/c.ts', line: 20 }],
    ...overrides,
  };
}

describe('real-service evaluation scorer', () => {
  it('matches a finding to a label of the same rule and file within ±2 lines, never across rules or files', () => {
    const findings: Finding[] = [
      { rule: 'no-pii-in-logs', file: 'src/a.ts', line: 12 }, // TP (+2)
      { rule: 'no-pii-in-logs', file: 'src/b.ts', line: 8 }, // FP (+3)
      { rule: 'require-route-logging', file: 'src/a.ts', line: 10 }, // FP: other rule at a pii label
      { rule: 'no-pii-in-logs', file: './src/c.ts', line: 21 }, // ambiguous
    ];
    const score = scoreService(service(), findings);
    const pii = score.byRule.get('no-pii-in-logs')!;
    assert.deepEqual(
      { tp: pii.truePositives, fp: pii.falsePositives, amb: pii.ambiguous, labels: pii.labels, found: pii.found },
      { tp: 1, fp: 1, amb: 1, labels: 2, found: 1 },
    );
    assert.equal(pii.precision, 0.5);
    assert.equal(pii.recall, 0.5);
    const routes = score.byRule.get('require-route-logging')!;
    assert.equal(routes.precision, 0);
    assert.equal(routes.recall, 0);
    assert.deepEqual(
      score.misses.map((miss) => `${miss.file}:${miss.line}`),
      ['src/b.ts:5', 'src/app.ts:3'],
    );
    assert.deepEqual(
      score.falsePositives.map((item) => `${item.rule} ${item.file}:${item.line}`),
      ['no-pii-in-logs src/b.ts:8', 'require-route-logging src/a.ts:10'],
    );
  });

  it('ignores findings of rules the service was not labelled for; no findings means no precision, not zero', () => {
    const score = scoreService(service({ rules: ['no-pii-in-logs'] }), [
      { rule: 'metric-naming', file: 'src/m.ts', line: 1 },
    ]);
    assert.deepEqual([...score.byRule.keys()], ['no-pii-in-logs']);
    assert.equal(score.byRule.get('no-pii-in-logs')!.precision, undefined);
    assert.equal(score.byRule.get('no-pii-in-logs')!.recall, 0);
  });

  it('sums counts over services before computing ratios (micro average)', () => {
    const first = scoreService(service(), [{ rule: 'no-pii-in-logs', file: 'src/a.ts', line: 10 }]);
    const second = scoreService(service({ name: 'other' }), [
      { rule: 'no-pii-in-logs', file: 'src/a.ts', line: 10 },
      { rule: 'no-pii-in-logs', file: 'src/b.ts', line: 5 },
      { rule: 'no-pii-in-logs', file: 'src/z.ts', line: 1 },
    ]);
    const pii = totalScores([first, second]).find((score) => score.rule === 'no-pii-in-logs')!;
    assert.equal(pii.truePositives, 3);
    assert.equal(pii.falsePositives, 1);
    assert.equal(pii.precision, 0.75);
    assert.equal(pii.recall, 3 / 4);
  });

  it('rejects malformed labels with the file and the entry named', () => {
    const problems = validateLabels(
      {
        name: 'x',
        repo: 'not a repo',
        commit: 'abc',
        rules: ['no-pii-in-logs'],
        labels: [{ rule: 'metric-naming', file: '/abs.ts', line: 0, snippet: 'y'.repeat(81) }],
      },
      'x.json',
    );
    assert.deepEqual(problems, [
      'x.json: "repo" must be owner/name',
      'x.json: "commit" must be 40 hex digits',
      'x.json: labels[0]: rule "metric-naming" is not in "rules"',
      'x.json: labels[0]: "file" must be a path relative to the root',
      'x.json: labels[0]: "line" must be a 1-based line number',
      'x.json: labels[0]: "snippet" must be at most 80 characters',
    ]);
    assert.deepEqual(validateLabels(service(), 'svc.json'), []);
  });

  it('loads a directory of label files and refuses it when one is malformed', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-labels-'));
    try {
      fs.writeFileSync(path.join(directory, 'svc.json'), JSON.stringify(service()));
      assert.deepEqual(
        loadServices(directory).map((entry) => entry.name),
        ['svc'],
      );
      fs.writeFileSync(path.join(directory, 'bad.json'), JSON.stringify({ ...service(), commit: 'nope' }));
      assert.throws(() => loadServices(directory), /bad\.json: "commit" must be 40 hex digits/);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
