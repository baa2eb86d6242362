import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildRouteReport, type RouteReport } from '../analysis/service-model/report';
import { diffReports, formatDiffMarkdown, formatDiffText } from './diff';
import { formatHtml } from './html';
import { COLOURS, formatJson, formatMarkdown, formatTable, PLAIN } from './text';

/** `observability-lint report [dir]`: the bin of eslint-plugin-observability. */

export const USAGE = `Usage: observability-lint report [dir] [options]

Lists every service under dir (default: the current directory) with its health, readiness and /metrics
endpoints, and every route with whether it is logged, gets a request ID and is timed, as the rules
require-route-logging, require-correlation-id, require-request-timing and require-health-endpoints judge
them (default options).

Options:
  --format FORMAT   table (default), json, markdown or html
  --output FILE     write the report to FILE instead of standard output
  --diff BASE_REF   also build the report for the git revision BASE_REF and list only what got worse
                    (new uncovered routes, coverage that dropped); exits 1 when something did
  --help            show this help

Exit codes: 0 done (also when no service is found), 1 --diff found something worse, 2 bad usage or failure.
`;

const FORMATS = ['table', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

class UsageError extends Error {}

interface ReportArguments {
  dir: string;
  format: Format;
  output?: string;
  diff?: string;
  help: boolean;
}

function parseArguments(args: readonly string[]): ReportArguments {
  const parsed: ReportArguments = { dir: '.', format: 'table', help: false };
  const positional: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--help' || arg === '-h') {
      parsed.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag !== '--format' && flag !== '--output' && flag !== '--diff') throw new UsageError(`unknown option ${flag}`);
    const value = inline ?? args[++index];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`${flag} needs a value`);
    if (flag === '--format') {
      if (!(FORMATS as readonly string[]).includes(value))
        throw new UsageError(`unknown format "${value}": use ${FORMATS.join(', ')}`);
      parsed.format = value as Format;
    } else if (flag === '--output') parsed.output = value;
    else parsed.diff = value;
  }
  if (positional.length > 1)
    throw new UsageError(`one directory at most, got ${positional.map((arg) => `"${arg}"`).join(' ')}`);
  if (positional[0]) parsed.dir = positional[0];
  if (parsed.diff !== undefined && parsed.format === 'html')
    throw new UsageError('--diff lists what got worse as table, json or markdown, not html');
  return parsed;
}

/** Runs the command line; resolves to the exit code. */
export function main(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout).write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'report') {
    io.stderr.write(`observability-lint: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let args: ReportArguments;
  try {
    args = parseArguments(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`observability-lint report: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    return report(args, io);
  } catch (error) {
    io.stderr.write(`observability-lint report: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function report(args: ReportArguments, io: CliIo): number {
  const dir = path.resolve(io.cwd, args.dir);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${args.dir} is not a directory`);
  const current = buildRouteReport(dir, { onProgress: progressOn(io) });
  if (current.services.length === 0)
    io.stderr.write(
      `No service found under ${args.dir}: no source file there creates an Express, Fastify, Koa, Hono, NestJS or Next.js app.\n`,
    );
  const toFile = args.output !== undefined;
  const colour = !toFile && io.stdout.isTTY === true && !io.env.NO_COLOR;
  let text: string;
  let exitCode = 0;
  if (args.diff !== undefined) {
    const diff = diffReports(reportAtRevision(dir, args.diff), current, args.diff);
    text =
      args.format === 'json'
        ? `${JSON.stringify(diff, null, 2)}\n`
        : args.format === 'markdown'
          ? formatDiffMarkdown(diff)
          : formatDiffText(diff);
    exitCode = diff.regressions.length > 0 ? 1 : 0;
  } else {
    text =
      args.format === 'json'
        ? formatJson(current)
        : args.format === 'markdown'
          ? formatMarkdown(current)
          : args.format === 'html'
            ? formatHtml(current)
            : formatTable(current, colour ? COLOURS : PLAIN);
  }
  if (toFile) {
    const output = path.resolve(io.cwd, args.output!);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, text);
    io.stderr.write(`Wrote the report to ${args.output}\n`);
  } else io.stdout.write(text);
  return exitCode;
}

/** Progress on a terminal only (one line, rewritten), when there is more than one project to analyse. */
function progressOn(io: CliIo): ((done: number, total: number, project: string) => void) | undefined {
  if (io.stderr.isTTY !== true) return undefined;
  return (done, total, project) => {
    if (total < 2) return;
    const line = `Analysing projects: ${done}/${total} ${path.relative(io.cwd, project) || '.'}`;
    io.stderr.write(`\r\u001b[2K${done === total ? '' : line.slice(0, 120)}`);
  };
}

function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`--diff needs git: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout.trim();
}

/**
 * The report of `dir` as it was at `ref`: the revision's tree is exported with `git archive` into a temporary
 * directory (the repository, its index and its worktrees are left alone), reported on, and removed.
 */
function reportAtRevision(dir: string, ref: string): RouteReport {
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  const prefix = git(dir, ['rev-parse', '--show-prefix']);
  const commit = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (commit.status !== 0) throw new Error(`--diff ${ref}: no such revision in ${top}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'observability-report-'));
  try {
    const archive = path.join(scratch, 'base.tar');
    const tree = path.join(scratch, 'tree');
    fs.mkdirSync(tree);
    git(top, ['archive', '--format=tar', `--output=${archive}`, commit.stdout.trim()]);
    const untar = spawnSync('tar', ['-xf', archive, '-C', tree], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`unpacking ${ref} failed: ${untar.error?.message ?? untar.stderr}`);
    const baseDir = path.join(tree, prefix);
    if (!fs.existsSync(baseDir)) return { version: 1, services: [], problems: [] };
    return buildRouteReport(baseDir);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
