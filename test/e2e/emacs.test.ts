import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers';
import { editorWorkspace, requireEditor } from './editor';

const LEAKY =
  "const pino = require('pino');\nconst logger = pino();\nfunction login(password) {\n  logger.info({ password }, 'login');\n}\nmodule.exports = { login };\n";

function hasEmacsWithEglot(): boolean {
  const probe = spawnSync('emacs', ['--batch', '--eval', "(progn (require 'eglot) (kill-emacs 0))"], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return probe.status === 0;
}

describe('Emacs + eglot (real editor, batch mode) with the language server', function () {
  this.timeout(120_000);

  before(function () {
    requireEditor(this, hasEmacsWithEglot(), 'Emacs with eglot', 'emacs-nox elpa-eglot');
  });

  it('shows the diagnostic through flymake, applies a quick fix, saves, and the diagnostic is gone', () => {
    const { workspace, file } = editorWorkspace('observability-eglot-', 'src/login.js', LEAKY);
    const out = path.join(workspace, 'result.json');
    const run = spawnSync('emacs', ['--batch', '-l', path.join(repoRoot(), 'test', 'e2e', 'emacs', 'eglot-e2e.el')], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        HOME: workspace,
        OUT: out,
        E2E_FILE: file,
        LSP_SERVER_JS: path.join(repoRoot(), 'server', 'bin', 'observability-lint-server.js'),
        ACTION_TITLE: 'Log whether `password` is present instead of its value.',
      },
    });
    const result = fs.existsSync(out)
      ? (JSON.parse(fs.readFileSync(out, 'utf8')) as {
          ok: boolean;
          steps: string[];
          diagnostics?: string[];
          actions?: string[];
        })
      : undefined;
    assert.ok(result, `Emacs wrote no result (exit ${run.status}): ${run.stderr.slice(-2000)}`);
    assert.ok(result.ok, `${result.steps.join('\n')}\n${run.stderr.slice(-1500)}`);
    assert.match(result.diagnostics?.[0] ?? '', /`password` \(credential\) is written to the log/);
    assert.ok(result.actions?.includes('Disable observability/no-pii-in-logs for this line'));
    assert.equal(fs.readFileSync(file, 'utf8'), LEAKY.replace('{ password }', '{ password: Boolean(password) }'));
    fs.rmSync(workspace, { recursive: true, force: true });
  });
});
