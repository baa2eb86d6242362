import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import type {
  PythonServiceConcern,
  PythonServiceProfile,
  pythonServiceFix as PythonServiceFix,
} from '../../eslint-plugin/src/fixes/python/service-fixes';
import type { PyNode } from '../../eslint-plugin/src/languages/python/nodes';
import type { PythonSourceCode } from '../../eslint-plugin/src/languages/python/source-code';
import { fixturePath, repoRoot } from '../helpers';

/** The Python the services run on: Debian's, with fastapi, uvicorn, structlog and prometheus_client. */
export const PYTHON = '/usr/bin/python3';

export const CONCERNS: readonly PythonServiceConcern[] = [
  'correlationId',
  'requestTiming',
  'healthEndpoints',
  'requestLogging',
];

/**
 * `pythonServiceFix` from the built plugin, for tests of the fix itself and of the output a rule's suggestion must
 * give (the package exports no path to it).
 */
function servicePythonFix(): typeof PythonServiceFix {
  const file = path.join(repoRoot(), 'eslint-plugin', 'dist', 'fixes', 'python', 'service-fixes.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { pythonServiceFix: typeof PythonServiceFix }).pythonServiceFix;
}

/** Which Python modules `/usr/bin/python3` lacks (all of `modules` when it is not there at all). */
export function missingPythonModules(modules: readonly string[]): string[] {
  if (!fs.existsSync(PYTHON)) return [...modules];
  return modules.filter(
    (module) => spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8', timeout: 60_000 }).status !== 0,
  );
}

/**
 * Skips a suite whose Python modules are missing, saying which; under CI (CI=1) a missing module fails the suite
 * instead, so a skip never passes for a run.
 */
export function requirePythonModules(context: Mocha.Context, modules: readonly string[]): void {
  const missing = missingPythonModules(modules);
  if (fs.existsSync(PYTHON) && missing.length === 0) return;
  const what = fs.existsSync(PYTHON)
    ? `${PYTHON} lacks the Python modules ${missing.join(', ')} (Debian: apt-get install -y ${missing.map((module) => `python3-${module.replace(/_/g, '-')}`).join(' ')})`
    : `${PYTHON} is not installed`;
  if (process.env.CI) throw new Error(`${what}: the Python service-fix run cannot run`);
  console.warn(`    SKIPPED: ${what}; the Python service-fix run did not run.`);
  context.skip();
}

/** `py_compile` on each file: the Python compiler accepts it. Returns the compiler's complaint, or ''. */
export function pyCompileErrors(files: readonly string[]): string {
  const result = spawnSync(PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 ? '' : `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}`;
}

/** A fresh copy of a Python fixture service in a temporary directory. */
export function copyPythonService(name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `observability-py-${name}-`));
  fs.cpSync(fixturePath('python-services', name), target, { recursive: true });
  return target;
}

/**
 * The statement that binds `appName` to `FastAPI(...)` or `Starlette(...)` anywhere in the module (module level or a
 * factory), else to any call (`API()` after `from fastapi import FastAPI as API`): the first in source order.
 */
export function findAppStatement(module: PyNode, appName: string): PyNode | undefined {
  const creations: Array<{ statement: PyNode; callee: string }> = [];
  const visit = (node: PyNode): void => {
    if (node.type === 'expression_statement') {
      const assignment = node.children[0];
      const left = assignment?.children.find((child) => child.field === 'left');
      const right = assignment?.children.find((child) => child.field === 'right');
      const callee = right?.type === 'call' ? right.children.find((child) => child.field === 'function') : undefined;
      if (assignment?.type === 'assignment' && left?.text === appName && callee)
        creations.push({ statement: node, callee: callee.text });
    }
    for (const child of node.children) visit(child);
  };
  visit(module);
  return (creations.find(({ callee }) => /(^|\.)(FastAPI|Starlette)$/.test(callee)) ?? creations[0])?.statement;
}

/** Lints `text` as Python with one rule that reports the concern's fix, and returns ESLint's merged fix. */
function fixFor(
  text: string,
  filename: string,
  concern: PythonServiceConcern,
  profile: PythonServiceProfile,
): { range: [number, number]; text: string } | undefined {
  const pythonServiceFix = servicePythonFix();
  const linter = new Linter({ cwd: path.dirname(filename) });
  const capture = {
    meta: {
      type: 'suggestion' as const,
      fixable: 'code' as const,
      languages: ['observability/python'],
      messages: { missing: 'missing {{concern}}' },
    },
    create(context: { sourceCode: PythonSourceCode; report(descriptor: unknown): void }) {
      return {
        module(module: PyNode) {
          const statement = findAppStatement(module, profile.appName);
          if (!statement) throw new Error(`no ${profile.appName} = FastAPI(...) in ${filename}`);
          const fix = pythonServiceFix(concern, context.sourceCode, statement, profile);
          if (fix) context.report({ node: statement, messageId: 'missing', data: { concern }, fix });
        },
      };
    },
  };
  const messages = linter.verify(
    text,
    [
      {
        files: ['**/*.py'],
        plugins: {
          observability: plugin as never,
          probe: { rules: { capture: capture as never } },
        },
        language: 'observability/python',
        rules: { 'probe/capture': 'error' },
      },
    ],
    { filename },
  );
  const fatal = messages.find((message) => message.fatal || message.ruleId !== 'probe/capture');
  if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  return messages[0]?.fix;
}

/**
 * The text of `text` after the fix for `concern` with `profile` on the app `profile.appName` (its first creation), as
 * `pythonServiceFix` makes it; throws when that fix inserts nothing. What a rule's suggestion must give when it hands
 * the fix the right concern, app statement and profile.
 */
export function pythonServiceFixOutput(
  text: string,
  filename: string,
  concern: PythonServiceConcern,
  profile: PythonServiceProfile,
): string {
  const fix = fixFor(text, filename, concern, profile);
  if (!fix) throw new Error(`the ${concern} fix inserts nothing into ${filename} for ${profile.appName}`);
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/**
 * Applies the service fixes for `concerns` to the Python module `file`, one at a time and in order (each fix sees what
 * the previous ones inserted), and returns the concerns whose fix changed the file: the fix itself, with a profile
 * given by hand. The rules' suggestions are applied by `applyServiceSuggestions`.
 */
export function applyPythonServiceFixes(
  file: string,
  profile: PythonServiceProfile,
  concerns: readonly PythonServiceConcern[] = CONCERNS,
): PythonServiceConcern[] {
  const { text, applied } = fixPythonText(fs.readFileSync(file, 'utf8'), file, profile, concerns);
  if (applied.length > 0) fs.writeFileSync(file, text);
  return applied;
}

/** `applyPythonServiceFixes` on a text: the fixed text and the concerns whose fix changed it. */
export function fixPythonText(
  original: string,
  filename: string,
  profile: PythonServiceProfile,
  concerns: readonly PythonServiceConcern[] = CONCERNS,
): { text: string; applied: PythonServiceConcern[] } {
  const applied: PythonServiceConcern[] = [];
  let text = original;
  for (const concern of concerns) {
    const fix = fixFor(text, filename, concern, profile);
    if (!fix) continue;
    text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    applied.push(concern);
  }
  return { text, applied };
}

/** The rules whose suggestions add the service-level code, by the concern of their fix. */
export const SERVICE_RULES: Record<PythonServiceConcern, string> = {
  correlationId: 'observability/require-correlation-id',
  requestTiming: 'observability/require-request-timing',
  healthEndpoints: 'observability/require-health-endpoints',
  requestLogging: 'observability/require-route-logging',
};
const SERVICE_RULE_IDS = new Set(Object.values(SERVICE_RULES));

/** Lints a Python module with `configs.python`, as a user's `eslint.config.mjs` would (the grammar loaded first). */
export async function lintPython(text: string, filename: string): Promise<Linter.LintMessage[]> {
  await plugin.languages.python.load();
  const linter = new Linter({ cwd: path.dirname(filename) });
  const messages = linter.verify(text, [plugin.configs.python as Linter.Config], { filename });
  const fatal = messages.find((message) => message.fatal || !message.ruleId);
  if (fatal) throw new Error(`${filename}:${fatal.line}: ${fatal.message}`);
  return messages;
}

/**
 * What a user does in the editor: lint the module with `configs.python`, apply the first suggestion of the first
 * finding of a service rule (require-correlation-id, -request-timing, -health-endpoints, -route-logging) that has
 * one, lint again, and so on until no such finding has a suggestion. Writes the file; returns the rules whose
 * suggestion was applied, in order.
 */
export async function applyServiceSuggestions(file: string): Promise<string[]> {
  let text = fs.readFileSync(file, 'utf8');
  const applied: string[] = [];
  for (;;) {
    const message = (await lintPython(text, file)).find(
      (candidate) => SERVICE_RULE_IDS.has(candidate.ruleId ?? '') && (candidate.suggestions?.length ?? 0) > 0,
    );
    if (!message) break;
    const { fix } = message.suggestions![0];
    const fixed = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    if (fixed === text || applied.length >= Object.keys(SERVICE_RULES).length * 2)
      throw new Error(`${file}: the suggestion of ${message.ruleId} does not settle: ${applied.join(', ')}`);
    text = fixed;
    applied.push(message.ruleId!);
  }
  if (applied.length > 0) fs.writeFileSync(file, text);
  return applied;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  body: string;
}

/** GET over HTTP on 127.0.0.1 with Node's fetch (a header value may carry raw bytes, as latin1 characters). */
export function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return request(port, 'GET', pathname, headers);
}

export async function request(
  port: number,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
