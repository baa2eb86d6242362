import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the VS Code extension: the client (`dist/extension.js`, `vscode` left to the host) and the language server
 * with ESLint, the parser and the plugin inside (`dist/server.js`), so the .vsix needs no node_modules.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  } as const;
  await build({
    ...common,
    entryPoints: [path.join(root, 'client', 'src', 'extension.ts')],
    outfile: path.join(root, 'dist', 'extension.js'),
    external: ['vscode'],
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'server', 'src', 'server.ts')],
    outfile: path.join(root, 'dist', 'server.js'),
    mainFields: ['module', 'main'],
    // TypeScript flat configs load through jiti in the workspace's own ESLint; the bundled one lints without configs.
    external: ['jiti', 'jiti/package.json'],
  });
  // The server's Python grammar and web-tree-sitter's runtime are WebAssembly, read from disk next to the bundle.
  const grammars = path.join(root, 'dist', 'grammars');
  fs.mkdirSync(grammars, { recursive: true });
  fs.copyFileSync(
    path.join(root, 'eslint-plugin', 'grammars', 'tree-sitter-python.wasm'),
    path.join(grammars, 'tree-sitter-python.wasm'),
  );
  fs.copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(grammars, 'web-tree-sitter.wasm'));
  for (const file of ['extension.js', 'server.js']) {
    const size = fs.statSync(path.join(root, 'dist', file)).size;
    console.log(`dist/${file}: ${(size / 1024 / 1024).toFixed(2)} MB`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
