import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * The extension test entry VS Code's extension host calls (`extensionTestsPath`): the same suite runs in a desktop
 * VS Code (`npm run test:vscode`) and in code-server (part of `npm test`). Only an exit code leaves the host, so the
 * results are written to OBS_VSCODE_RESULTS for the runner to read.
 */
export async function run(): Promise<void> {
  const suite = process.env.OBS_VSCODE_SUITE ?? 'extension';
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  mocha.addFile(path.join(__dirname, `${suite}.suite.js`));
  const measurements = ((
    globalThis as { __observabilityMeasurements?: Record<string, number> }
  ).__observabilityMeasurements ??= {});
  const results = { passed: [] as string[], failed: [] as Array<{ title: string; error: string }>, measurements };
  await new Promise<void>((resolve, reject) => {
    try {
      mocha
        .run((failures) => {
          const out = process.env.OBS_VSCODE_RESULTS;
          if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
          if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
          else resolve();
        })
        .on('pass', (test) => results.passed.push(test.fullTitle()))
        .on('fail', (test, error: Error) =>
          results.failed.push({ title: test.fullTitle(), error: error.stack ?? error.message }),
        );
    } catch (error) {
      reject(error);
    }
  });
}
