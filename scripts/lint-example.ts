import * as path from 'node:path';
import { ESLint } from 'eslint';

/** `npm start`: lints the bundled example service with the plugin, as a user's own `eslint .` would. */
export async function lintExample(
  directory = path.join(__dirname, '..', '..', 'examples', 'express-service'),
): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({ cwd: directory });
  return eslint.lintFiles(['.']);
}

async function main(): Promise<void> {
  const directory = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'examples', 'express-service'));
  const results = await lintExample(directory);
  const formatter = await new ESLint({ cwd: directory }).loadFormatter('stylish');
  const output = await formatter.format(results);
  const problems = results.reduce((sum, result) => sum + result.messages.length, 0);
  console.log(`Observability Lint on ${path.relative(process.cwd(), directory) || '.'} (${results.length} files)`);
  console.log(output || '\nNo findings.');
  const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal));
  if (fatal.length > 0) {
    console.error(`${fatal.length} file(s) could not be parsed.`);
    process.exitCode = 2;
    return;
  }
  console.log(
    `${problems} finding(s). The example plants them on purpose: see the "// expect:" comments in its sources.`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
