import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath, repoRoot } from '../helpers';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function npm(cwd: string, args: readonly string[]): { status: number | null; output: string; stdout: string } {
  const result = spawnSync(NPM, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, stdout: result.stdout };
}

/**
 * `npx observability-lint report` from a fresh install of the packed plugin: the tarball holds the bin and what it
 * requires, and without @typescript-eslint/parser (not a dependency of the plugin) TypeScript is still read.
 */
describe('observability-lint from a fresh install of the packed plugin', function () {
  this.timeout(300_000);
  let scratch: string;
  before(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-report-pack-'))));
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('npm pack, npm install <tarball>, npx observability-lint report, and npx eslint on a Python file', function () {
    const packed = npm(repoRoot(), ['pack', './eslint-plugin', '--pack-destination', scratch, '--json']);
    assert.equal(packed.status, 0, packed.output);
    const [{ filename, files }] = JSON.parse(packed.stdout) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const paths = files.map((file) => file.path);
    assert.ok(
      paths.includes('bin/observability-lint.js') &&
        paths.includes('dist/report/cli.js') &&
        paths.includes('dist/analysis/service-model/report.js') &&
        paths.includes('grammars/tree-sitter-python.wasm'),
      paths.join(', '),
    );

    const project = path.join(scratch, 'consumer');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    const tarball = path.join(scratch, path.basename(filename));
    // From the npm cache when it holds every dependency; the registry otherwise.
    let installed = npm(project, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball]);
    if (installed.status !== 0)
      installed = npm(project, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball]);
    if (installed.status !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(installed.output)) {
      console.log("      skipped: the plugin's dependencies are neither in the npm cache nor reachable");
      this.skip();
    }
    assert.equal(installed.status, 0, installed.output);
    assert.ok(
      !fs.existsSync(path.join(project, 'node_modules', '@typescript-eslint', 'parser')),
      "typescript-eslint's parser is not installed: the fallback reads TypeScript",
    );

    fs.cpSync(fixturePath('services', 'express-ts'), path.join(project, 'service'), { recursive: true });
    const report = spawnSync(NPM, ['exec', '--no', '--', 'observability-lint', 'report', 'service'], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(report.status, 0, report.stderr);
    assert.equal(
      report.stdout,
      fs.readFileSync(fixturePath('report-snapshots', 'express-ts.table.txt'), 'utf8'),
      'the same table as in this repository',
    );
    const help = spawnSync(NPM, ['exec', '--no', '--', 'observability-lint', 'report', '--bogus'], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(help.status, 2);
    assert.match(help.stderr, /unknown option --bogus/);

    // Python from the installed package: its grammar (.wasm) and web-tree-sitter come with it; ESLint is its peer.
    fs.writeFileSync(
      path.join(project, 'eslint.config.mjs'),
      "import observability from 'eslint-plugin-observability';\nawait observability.languages.python.load();\nexport default [observability.configs.python];\n",
    );
    fs.writeFileSync(
      path.join(project, 'auth.py'),
      'import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef login(password):\n    log.info("login %s", password)\n',
    );
    const linted = spawnSync(NPM, ['exec', '--no', '--', 'eslint', '--format', 'json', 'auth.py'], {
      cwd: project,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(linted.stdout || '[]') as Array<{ messages: Array<{ ruleId: string; line: number }> }>;
    assert.deepEqual(
      result?.messages.map((message) => [message.ruleId, message.line]),
      [['observability/no-pii-in-logs', 7]],
      linted.stderr,
    );
  });
});
