import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

const ESLINT_BIN = path.join(repoRoot(), 'node_modules', 'eslint', 'bin', 'eslint.js');

/** A project outside the repository that installs the plugin (a link to the built package) and ESLint's CLI. */
function project(config: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-python-cli-'));
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(
    path.join(repoRoot(), 'eslint-plugin'),
    path.join(root, 'node_modules', 'eslint-plugin-observability'),
  );
  fs.writeFileSync(path.join(root, 'eslint.config.mjs'), config);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function eslint(root: string, ...args: string[]): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

const WITH_AWAIT = `import observability from 'eslint-plugin-observability';
await observability.languages.python.load();
export default [observability.configs.recommended, observability.configs.python];
`;

describe('Python from the command line (npx eslint, a real project, eslint.config.mjs)', function () {
  this.timeout(60_000);
  const roots: string[] = [];
  after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

  it('lints .py files next to .js files in one run, once the config awaits the grammar', () => {
    const root = project(WITH_AWAIT, {
      'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'app/broken.py': 'def f(:\n    pass\n',
      'src/index.js': "console.log('ok');\n",
    });
    roots.push(root);
    const { out } = eslint(root, '.');
    const results = JSON.parse(out.slice(out.indexOf('['))) as Array<{
      filePath: string;
      messages: Array<{ fatal?: boolean; message: string; line: number }>;
    }>;
    const byFile = new Map(results.map((result) => [path.relative(root, result.filePath), result.messages]));
    assert.deepEqual([...byFile.keys()].sort(), ['app/broken.py', 'app/main.py', 'eslint.config.mjs', 'src/index.js']);
    const [syntax] = byFile.get('app/broken.py')!;
    assert.equal(syntax.fatal, true);
    assert.match(syntax.message, /Parsing error: Syntax error/);
    assert.equal(syntax.line, 1);
  });

  it('without the await, says which line to add instead of failing obscurely', () => {
    const root = project(
      "import observability from 'eslint-plugin-observability';\nexport default [observability.configs.python];\n",
      { 'main.py': 'print(1)\n' },
    );
    roots.push(root);
    const { status, out } = eslint(root, 'main.py');
    assert.notEqual(status, 0);
    assert.match(out, /await observability\.languages\.python\.load\(\)/);
  });
});
