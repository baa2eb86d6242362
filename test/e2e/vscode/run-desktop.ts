import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../helpers';
import { serviceWorkspace } from './workspace';

/**
 * `npm run test:vscode`: the extension suite in a desktop VS Code, through @vscode/test-electron, for contributors
 * who have one (it downloads VS Code unless VSCODE_EXECUTABLE points at an installed build). CI runs the same suite
 * in code-server instead (test/e2e/vscode.test.ts): no VS Code download is possible there.
 */
async function main(): Promise<void> {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = serviceWorkspace('desktop');
  const results = path.join(os.tmpdir(), `observability-vscode-results-${process.pid}.json`);
  const code = await runTests({
    ...(process.env.VSCODE_EXECUTABLE
      ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE }
      : { version: '1.100.3' }),
    extensionDevelopmentPath: repoRoot(),
    extensionTestsPath: path.join(repoRoot(), 'out', 'test', 'vscode', 'index.js'),
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions'],
    extensionTestsEnv: { OBS_VSCODE_RESULTS: results, OBS_VSCODE_SUITE: 'extension' },
  });
  if (fs.existsSync(results)) console.log(fs.readFileSync(results, 'utf8'));
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(`The desktop VS Code run failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
