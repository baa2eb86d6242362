/**
 * `npm run eval:real`: lints real open-source services (eval/real/services/*.json, pinned commits) with the
 * plugin's recommended config and scores the findings against labels written by hand.
 *
 *   --sources DIR   checkouts, one folder per service (default eval/real/.sources); fetched with git when absent
 *   --only NAME     only this service (repeatable)
 *   --json FILE     write scores, false positives and misses as JSON
 *   --no-fetch      never run git: a missing checkout is reported and skipped
 *   --services DIR  the labels (default eval/real/services)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import {
  type Finding,
  formatRatio,
  scoreService,
  type ServiceLabels,
  type ServiceScore,
  totalScores,
  validateLabels,
} from './eval-score';

const repoRoot = path.join(__dirname, '..', '..');
const evalDir = path.join(repoRoot, 'eval', 'real');
const SOURCE_FILES = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}';
/** What a service's own build, dependencies and vendored assets put next to its sources. */
const IGNORED = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/.next/**',
  '**/out/**',
  '**/*.min.js',
  '**/*.d.ts',
  '**/public/**',
  '**/vendor/**',
];

interface Options {
  sources: string;
  services: string;
  only: string[];
  json?: string;
  fetch: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    sources: path.join(evalDir, '.sources'),
    services: path.join(evalDir, 'services'),
    only: [],
    fetch: true,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--sources') options.sources = path.resolve(value());
    else if (argument === '--services') options.services = path.resolve(value());
    else if (argument === '--only') options.only.push(value());
    else if (argument === '--json') options.json = path.resolve(value());
    else if (argument === '--no-fetch') options.fetch = false;
    else throw new Error(`unknown argument ${argument} (see the header of scripts/eval-real.ts)`);
  }
  return options;
}

export function loadServices(directory = path.join(evalDir, 'services')): ServiceLabels[] {
  const files = fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const problems: string[] = [];
  const services = files.map((file) => {
    const parsed = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as unknown;
    problems.push(...validateLabels(parsed, file));
    return parsed as ServiceLabels;
  });
  if (problems.length > 0) throw new Error(`labels are malformed:\n  ${problems.join('\n  ')}`);
  return services;
}

/** The checkout of a service at its pinned commit: reused when its marker names the commit, else fetched. */
function checkout(service: ServiceLabels, options: Options): string | undefined {
  const directory = path.join(options.sources, service.name);
  const marker = path.join(directory, '.eval-commit');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === service.commit) return directory;
  if (!options.fetch) {
    console.error(
      `  ${service.name}: no checkout at ${service.commit.slice(0, 12)} in ${options.sources} (--no-fetch)`,
    );
    return undefined;
  }
  fs.rmSync(directory, { recursive: true, force: true });
  fs.mkdirSync(directory, { recursive: true });
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: directory, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  try {
    git('init', '-q');
    git('fetch', '-q', '--depth', '1', `https://github.com/${service.repo}.git`, service.commit);
    git('checkout', '-q', 'FETCH_HEAD');
    fs.rmSync(path.join(directory, '.git'), { recursive: true, force: true });
    fs.writeFileSync(marker, `${service.commit}\n`);
    return directory;
  } catch (error) {
    console.error(`  ${service.name}: could not fetch ${service.repo}@${service.commit}: ${(error as Error).message}`);
    return undefined;
  }
}

function lintConfig(): Linter.Config[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parser = require('@typescript-eslint/parser') as Linter.Parser;
  const recommended = plugin.configs.recommended as unknown as Linter.Config;
  return [
    { ignores: IGNORED },
    {
      ...recommended,
      files: [SOURCE_FILES],
      languageOptions: { parser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
  ];
}

async function lintService(root: string): Promise<{ findings: Finding[]; unparsed: string[] }> {
  defaultAnalysisHost().invalidate();
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: lintConfig(),
    errorOnUnmatchedPattern: false,
  });
  const results = await eslint.lintFiles(['.']);
  const findings: Finding[] = [];
  const unparsed: string[] = [];
  for (const result of results) {
    const file = path.relative(root, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (message.fatal) unparsed.push(`${file}:${message.line}: ${message.message}`);
      else if (message.ruleId?.startsWith('observability/')) {
        findings.push({
          rule: message.ruleId.slice('observability/'.length),
          file,
          line: message.line,
          message: message.message,
        });
      }
    }
  }
  return { findings, unparsed };
}

function snippetAt(root: string, file: string, line: number): string {
  try {
    return (fs.readFileSync(path.join(root, file), 'utf8').split(/\r?\n/)[line - 1] ?? '').trim().slice(0, 80);
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const all = loadServices(options.services);
  const unknown = options.only.filter((name) => !all.some((service) => service.name === name));
  if (unknown.length > 0) throw new Error(`no service named ${unknown.join(', ')} in eval/real/services`);
  const services = options.only.length > 0 ? all.filter((service) => options.only.includes(service.name)) : all;
  const scores: ServiceScore[] = [];
  const roots = new Map<string, string>();
  const skipped: string[] = [];
  for (const service of services) {
    const directory = checkout(service, options);
    if (!directory) {
      skipped.push(service.name);
      continue;
    }
    const root = path.join(directory, service.root ?? '.');
    roots.set(service.name, root);
    const started = Date.now();
    const { findings, unparsed } = await lintService(root);
    const score = scoreService(service, findings);
    scores.push(score);
    console.error(
      `  ${service.name}: ${findings.length} findings, ${service.labels.length} labels, ${Date.now() - started} ms${unparsed.length ? `, ${unparsed.length} files not parsed` : ''}`,
    );
    for (const line of unparsed.slice(0, 5)) console.error(`    not parsed: ${line}`);
  }
  const totals = totalScores(scores);
  console.log(
    `\nReal-service evaluation: ${scores.length} services, ${scores.reduce((sum, score) => sum + [...score.byRule.values()].reduce((n, rule) => n + rule.labels, 0), 0)} labels`,
  );
  console.log('rule                         precision  recall   TP   FP  amb  labels found');
  for (const total of totals) {
    console.log(
      `${total.rule.padEnd(28)} ${formatRatio(total.precision).padStart(9)} ${formatRatio(total.recall).padStart(7)} ${String(total.truePositives).padStart(4)} ${String(total.falsePositives).padStart(4)} ${String(total.ambiguous).padStart(4)} ${String(total.labels).padStart(7)} ${String(total.found).padStart(5)}`,
    );
  }
  const falsePositives = scores.flatMap((score) => score.falsePositives);
  const misses = scores.flatMap((score) => score.misses);
  console.log(`\nFalse positives (${falsePositives.length}):`);
  for (const item of falsePositives) {
    console.log(
      `  ${item.rule}  ${item.service}/${item.file}:${item.line}  ${snippetAt(roots.get(item.service)!, item.file, item.line)}\n      ${item.message ?? ''}`,
    );
  }
  console.log(`\nMisses (${misses.length}):`);
  for (const item of misses)
    console.log(
      `  ${item.rule}  ${item.service}/${item.file}:${item.line}  ${item.snippet ?? ''}${item.why ? `  (${item.why})` : ''}`,
    );
  if (skipped.length > 0) console.log(`\nNot evaluated (no checkout): ${skipped.join(', ')}`);
  if (options.json) {
    const json = {
      version: 1,
      totals,
      services: scores.map((score) => ({ ...score, byRule: [...score.byRule.values()] })),
      skipped,
    };
    fs.writeFileSync(options.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  if (skipped.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
}
