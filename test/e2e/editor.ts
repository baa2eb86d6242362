import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Skips a suite whose editor is missing, saying so; under CI (where .ci/run installs the editors from
 * Debian) a missing editor fails the suite instead, so a skip can never pass for a run.
 */
export function requireEditor(context: Mocha.Context, available: boolean, editor: string, install: string): void {
  if (available) return;
  if (process.env.CI) throw new Error(`${editor} is not installed: .ci/run must \`apt-get install -y ${install}\``);
  console.warn(
    `    SKIPPED: ${editor} is not installed here (apt-get install -y ${install}); the editor test did not run.`,
  );
  context.skip();
}

/** A throw-away project with a package.json and one source file; returns the file's path. */
export function editorWorkspace(
  prefix: string,
  relativeFile: string,
  text: string,
): { workspace: string; file: string } {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(
    path.join(workspace, 'package.json'),
    JSON.stringify({ name: prefix.replace(/\W+$/, ''), private: true, dependencies: { pino: '^9.0.0' } }),
  );
  const file = path.join(workspace, relativeFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return { workspace, file };
}
