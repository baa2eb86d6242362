import * as fs from 'node:fs';
import * as path from 'node:path';

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
