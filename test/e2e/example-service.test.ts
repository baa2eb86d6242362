import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintExample } from '../../scripts/lint-example';
import { repoRoot } from '../helpers';

/** Every `// expect: <rule>` marker in the example, as "file:line rule". */
function plantedProblems(directory: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) {
        fs.readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            for (const match of line.matchAll(/expect: ([a-z-]+)/g))
              found.push(`${path.relative(directory, file)}:${index + 1} observability/${match[1]}`);
          });
      }
    }
  };
  walk(path.join(directory, 'src'));
  return found.sort();
}

describe('example service (what `npm start` lints)', () => {
  it("reports exactly the planted problems, through the example's own eslint.config.mjs", async () => {
    const directory = path.join(repoRoot(), 'examples', 'express-service');
    const results = await lintExample(directory);
    const reported = results
      .flatMap((result) =>
        result.messages.map(
          (message) =>
            `${path.relative(directory, result.filePath)}:${message.line} ${message.ruleId ?? 'fatal: ' + message.message}`,
        ),
      )
      .sort();
    const planted = plantedProblems(directory);
    assert.ok(planted.length >= 10, 'the example plants problems');
    assert.deepEqual(reported, planted);
  });
});
