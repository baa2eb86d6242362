import * as fs from 'node:fs';
import * as net from 'node:net';
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

/** A TCP port free on 127.0.0.1 right now (tests only ever listen on loopback). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `promise`, or `fallback` after `ms` (the timer is cleared either way, so it never holds the process open). */
export async function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
