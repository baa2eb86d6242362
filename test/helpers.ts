import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';

/** The repository root (where the extension manifest lives), found from the compiled test's location. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'tsconfig.test.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export function fixturePath(...segments: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...segments);
}

/** A flat config that runs the given observability rules on JS and TS files with typescript-eslint's parser. */
export function observabilityConfig(rules: Linter.RulesRecord): Linter.Config[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parser = require('@typescript-eslint/parser') as Linter.Parser;
  return [
    {
      files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
      languageOptions: { parser, sourceType: 'module' },
      plugins: { observability: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules,
    },
  ];
}
