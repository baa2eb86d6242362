import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { ensureCorpus } from './bench-corpus';

const SOURCE_EXTENSIONS = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
const MEASURED_PASSES = 3;

type Mode = 'baseline' | 'empty-rule' | 'all';

interface WorkerReport {
  mode: Mode;
  files: number;
  bytes: number;
  lines: number;
  passesMs: number[];
  ruleMs: Record<string, number>;
  messages: number;
  fatal: number;
  maxRssMb: number;
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(file);
    }
  };
  walk(dir);
  return found.sort();
}

/** Wraps every rule so its listeners' time is summed per rule, the way ESLint's TIMING does it. */
function timedRules(ruleMs: Record<string, number>): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const [id, rule] of Object.entries(plugin.rules as unknown as Record<string, { meta: unknown; create: (context: unknown) => Record<string, (...args: unknown[]) => void> }>)) {
    rules[id] = {
      meta: rule.meta,
      create(context: unknown) {
        const start = performance.now();
        const listeners = rule.create(context);
        ruleMs[id] = (ruleMs[id] ?? 0) + performance.now() - start;
        const timed: Record<string, (...args: unknown[]) => void> = {};
        for (const [selector, listener] of Object.entries(listeners)) {
          timed[selector] = (...args: unknown[]) => {
            const t = performance.now();
            listener(...args);
            ruleMs[id] = (ruleMs[id] ?? 0) + performance.now() - t;
          };
        }
        return timed;
      },
    };
  }
  return rules;
}

function runWorker(mode: Mode, dir: string): WorkerReport {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsParser = require('@typescript-eslint/parser') as Linter.Parser;
  const files = sourceFiles(dir).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  const parserConfig: Linter.Config[] = [
    { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: TS_FILES, languageOptions: { parser: tsParser } },
  ];
  // ESLint skips its traversal (and code-path analysis) when no rule is on; one empty rule shows that fixed cost.
  const emptyRule: Linter.Config = {
    plugins: { bench: { rules: { empty: { create: () => ({ Program() {} }) } } } as never },
    rules: { 'bench/empty': 'error' },
  };
  const config: Linter.Config[] =
    mode === 'all' ? [...parserConfig, plugin.configs.all as Linter.Config]
    : mode === 'empty-rule' ? [...parserConfig, emptyRule]
    : parserConfig;
  // Linter only matches `files` globs below its cwd.
  const linter = new Linter({ cwd: dir });
  let messages = 0;
  let fatal = 0;
  const pass = (configToUse: Linter.Config[], count: boolean): number => {
    const start = performance.now();
    for (const { file, text } of files) {
      const result = linter.verify(text, configToUse, { filename: file });
      if (count) {
        messages += result.length;
        fatal += result.filter((message) => message.fatal).length;
      }
    }
    return performance.now() - start;
  };
  pass(config, true); // warm-up (JIT, module loading); also counts findings once
  const passesMs: number[] = [];
  for (let i = 0; i < MEASURED_PASSES; i++) passesMs.push(pass(config, false));
  const ruleMs: Record<string, number> = {};
  if (mode === 'all') {
    // A separate pass with timing wrappers, so their overhead never enters the ratio.
    const timed = { ...(plugin.configs.all as Linter.Config), plugins: { observability: { ...plugin, rules: timedRules(ruleMs) } as never } };
    pass([...parserConfig, timed], false);
  }
  return {
    mode,
    files: files.length,
    bytes: files.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0),
    lines: files.reduce((sum, { text }) => sum + text.split('\n').length, 0),
    passesMs,
    ruleMs,
    messages,
    fatal,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') {
    process.stdout.write(JSON.stringify(runWorker(args[1] as Mode, args[2]!)));
    return;
  }
  let dir: string;
  if (args[0]) {
    dir = path.resolve(args[0]);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      console.error(`bench: ${args[0]} is not a directory`);
      process.exitCode = 2;
      return;
    }
  } else {
    dir = path.join(__dirname, '..', '..', 'bench', 'corpus');
    ensureCorpus(dir);
  }
  const count = sourceFiles(dir).length;
  if (count === 0) {
    console.error(`bench: no JS/TS source files under ${dir}`);
    process.exitCode = 2;
    return;
  }
  console.log(`Linting ${count} files under ${path.relative(process.cwd(), dir) || '.'}: ${MEASURED_PASSES} measured passes after one warm-up, each configuration in its own process.`);
  const reports = (['baseline', 'empty-rule', 'all'] as const).map((mode) => {
    const output = execFileSync(process.execPath, [__filename, '--worker', mode, dir], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return JSON.parse(output) as WorkerReport;
  });
  const [baseline, emptyRule, all] = reports as [WorkerReport, WorkerReport, WorkerReport];
  const row = (report: WorkerReport, label: string): string => {
    const ms = median(report.passesMs);
    return `| ${label} | ${ms.toFixed(0)} | ${(report.files / (ms / 1000)).toFixed(0)} | ${(report.bytes / 1e6 / (ms / 1000)).toFixed(2)} | ${report.maxRssMb.toFixed(0)} |`;
  };
  console.log(`\nCorpus: ${baseline.files} files, ${baseline.lines} lines, ${(baseline.bytes / 1e6).toFixed(2)} MB; parse errors: ${baseline.fatal}`);
  console.log('\n| run | median ms | files/s | MB/s | peak RSS MB |\n| --- | --- | --- | --- | --- |');
  console.log(row(baseline, '(a) ESLint + parser, no rules'));
  console.log(row(emptyRule, '(e) ESLint + parser, one empty rule'));
  console.log(row(all, '(b) configs.all'));
  const ratio = median(all.passesMs) / median(baseline.passesMs);
  const traversal = median(emptyRule.passesMs) / median(baseline.passesMs);
  const overEmpty = median(all.passesMs) / median(emptyRule.passesMs);
  console.log(`\nRatio b/a: ${ratio.toFixed(3)} (target ≤ 1.10) ${ratio <= 1.1 ? 'within target' : 'over target'}`);
  console.log(`  of which ESLint's own traversal once any rule is on, e/a: ${traversal.toFixed(3)}; the plugin's rules over that, b/e: ${overEmpty.toFixed(3)}`);
  console.log(`Findings in (b): ${all.messages}`);
  const total = Object.values(all.ruleMs).reduce((sum, ms) => sum + ms, 0);
  console.log('\n| rule | time ms | relative |\n| --- | --- | --- |');
  for (const [id, ms] of Object.entries(all.ruleMs).sort((a, b) => b[1] - a[1])) {
    console.log(`| observability/${id} | ${ms.toFixed(1)} | ${total > 0 ? ((ms / total) * 100).toFixed(1) : '0'}% |`);
  }
}

main();
