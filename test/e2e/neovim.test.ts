import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers';
import { editorWorkspace, requireEditor } from './editor';

const LEAKY =
  "import pino from 'pino';\nconst logger = pino();\nexport function login(password: string) {\n  logger.info({ password }, 'login');\n}\n";

const LEAKY_PY =
  'import logging\n\nlog = logging.getLogger(__name__)\n\ndef login(user_id: int, password: str) -> None:\n    log.info("login", extra={"user_id": user_id, "password": password})\n';

interface NeovimResult {
  ok: boolean;
  steps: string[];
  diagnostics: Array<{ message: string; source: string; lnum: number }>;
  code_actions: string[];
}

function hasNeovim(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('Neovim (real editor, headless) with the language server', function () {
  this.timeout(90_000);

  before(function () {
    requireEditor(this, hasNeovim(), 'Neovim', 'neovim');
  });

  /** Opens `file` in a headless Neovim with the server, applies the code action titled `action`, writes the file. */
  function runNeovim(workspace: string, file: string, action: string): NeovimResult {
    const out = path.join(workspace, 'result.json');
    const run = spawnSync(
      'nvim',
      [
        '--headless',
        '--noplugin',
        '-i',
        'NONE',
        '-u',
        path.join(repoRoot(), 'test', 'e2e', 'nvim', 'lsp-e2e.lua'),
        file,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          OUT: out,
          LSP_CMD: `${process.execPath} ${path.join(repoRoot(), 'server', 'bin', 'observability-lint-server.js')} --stdio`,
          ACTION_TITLE: action,
          XDG_CONFIG_HOME: path.join(workspace, 'config'),
          XDG_DATA_HOME: path.join(workspace, 'data'),
          XDG_STATE_HOME: path.join(workspace, 'state'),
        },
      },
    );
    const result = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult) : undefined;
    assert.ok(result, `Neovim wrote no result (exit ${run.status}): ${run.stderr}`);
    assert.ok(result.ok, result.steps.join('\n'));
    return result;
  }

  it('shows the diagnostic, applies a quick fix, writes the file, and the diagnostic is gone', () => {
    const { workspace, file } = editorWorkspace('observability-nvim-', 'src/login.ts', LEAKY);
    const result = runNeovim(workspace, file, 'Remove `password` from the logged object.');
    assert.equal(result.diagnostics[0]?.source, 'observability');
    assert.equal(result.diagnostics[0]?.lnum, 3);
    assert.match(result.diagnostics[0]?.message ?? '', /`password` \(credential\) is written to the log/);
    assert.ok(result.code_actions.includes('Disable observability/no-pii-in-logs for this line'));
    assert.equal(fs.readFileSync(file, 'utf8'), LEAKY.replace('{ password }', '{}'));
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('does the same in a Python file: the finding, the quick fix applied and written, the finding gone', () => {
    const { workspace, file } = editorWorkspace('observability-nvim-py-', 'app/auth.py', LEAKY_PY);
    fs.writeFileSync(path.join(workspace, 'requirements.txt'), 'fastapi\n');
    const result = runNeovim(workspace, file, 'Remove `password` from the logged object.');
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.source, diagnostic.lnum]),
      [['observability', 5]],
    );
    assert.match(result.diagnostics[0]?.message ?? '', /`password` \(credential\) is written to the log/);
    assert.equal(fs.readFileSync(file, 'utf8'), LEAKY_PY.replace(', "password": password', ''));
    fs.rmSync(workspace, { recursive: true, force: true });
  });
});
