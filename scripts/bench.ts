import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { moduleParseCounts, defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { ensureCorpus } from './bench-corpus';
import { comparePythonWithTypeScript, type LanguageComparison } from './bench-python';

const SOURCE_EXTENSIONS = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
const MEASURED_PASSES = 5;

/**
 * `all` is one lint run as the CLI makes it: the plugin's caches (service model, parsed modules, texts) are
 * cleared before each pass, so every pass builds the model again. `all-warm` keeps them from the pass before, as
 * a long-lived process (the language server, eslint_d) does: the model is reused while no file changed.
 */
const MODES = ['baseline', 'empty-rule', 'all', 'all-warm'] as const;
type Mode = (typeof MODES)[number];

interface TimingReport {
  /** In one lint run: modules the service model parsed itself, how many of them more than once, and how many are also linted (so ESLint parses them too). */
  modelParsed: number;
  modelParsedTwice: number;
  modelParsedAndLinted: number;
  files: number;
  bytes: number;
  lines: number;
  passesMs: Record<Mode, number[]>;
  /**
   * CPU time of the same passes (user + system, all of the process's threads, so garbage collection counts). On a
   * loaded machine wall time swings with what else runs; CPU time is what the lint itself spent.
   */
  passesCpuMs: Record<Mode, number[]>;
  ruleMs: Record<string, number>;
  messages: number;
  fatal: number;
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
  for (const [id, rule] of Object.entries(
    plugin.rules as unknown as Record<
      string,
      { meta: unknown; create: (context: unknown) => Record<string, (...args: unknown[]) => void> }
    >,
  )) {
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

interface CorpusFile {
  file: string;
  text: string;
}

function loadFiles(dir: string): CorpusFile[] {
  return sourceFiles(dir).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

function configFor(mode: Mode): Linter.Config[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsParser = require('@typescript-eslint/parser') as Linter.Parser;
  const parserConfig: Linter.Config[] = [
    {
      files: ['**/*.{js,mjs,cjs,jsx}'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: TS_FILES, languageOptions: { parser: tsParser } },
  ];
  // ESLint skips its traversal (and code-path analysis) when no rule is on; one empty rule shows that fixed cost.
  const emptyRule: Linter.Config = {
    plugins: { bench: { rules: { empty: { create: () => ({ Program() {} }) } } } },
    rules: { 'bench/empty': 'error' },
  };
  if (mode === 'all' || mode === 'all-warm') return [...parserConfig, plugin.configs.all as Linter.Config];
  if (mode === 'empty-rule') return [...parserConfig, emptyRule];
  return parserConfig;
}

function lintPass(
  linter: Linter,
  files: readonly CorpusFile[],
  config: Linter.Config[],
  mode: Mode,
): { ms: number; cpuMs: number; messages: number; fatal: number } {
  if (mode !== 'all-warm') defaultAnalysisHost().invalidate();
  let messages = 0;
  let fatal = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const { file, text } of files) {
    const result = linter.verify(text, config, { filename: file });
    messages += result.length;
    fatal += result.filter((message) => message.fatal).length;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, messages, fatal };
}

/** Timings: the three configurations interleaved in one process, so load and JIT state affect them alike. */
function runTimingWorker(dir: string): TimingReport {
  const files = loadFiles(dir);
  // Linter only matches `files` globs below its cwd.
  const linter = new Linter({ cwd: dir });
  const configs = MODES.map((mode) => configFor(mode));
  const passesMs: Record<Mode, number[]> = { baseline: [], 'empty-rule': [], all: [], 'all-warm': [] };
  const passesCpuMs: Record<Mode, number[]> = { baseline: [], 'empty-rule': [], all: [], 'all-warm': [] };
  let messages = 0;
  let fatal = 0;
  configs.forEach((config, index) => {
    const warm = lintPass(linter, files, config, MODES[index]);
    if (MODES[index] === 'all') messages = warm.messages;
    if (MODES[index] === 'baseline') fatal = warm.fatal;
  });
  for (let round = 0; round < MEASURED_PASSES; round++) {
    MODES.forEach((mode, index) => {
      const pass = lintPass(linter, files, configs[index], mode);
      passesMs[mode].push(pass.ms);
      passesCpuMs[mode].push(pass.cpuMs);
    });
  }
  // A separate lint run with timing wrappers, so their overhead never enters the ratio; it also counts the parses.
  const ruleMs: Record<string, number> = {};
  const timed = {
    ...(plugin.configs.all as Linter.Config),
    plugins: { observability: { ...plugin, rules: timedRules(ruleMs) } as never },
  };
  const before = new Map(moduleParseCounts());
  lintPass(linter, files, [...configFor('baseline'), timed], 'all');
  const parsedThisRun = [...moduleParseCounts()]
    .map(([file, count]) => [file, count - (before.get(file) ?? 0)] as const)
    .filter(([, count]) => count > 0);
  const linted = new Set(files.map(({ file }) => file));
  return {
    modelParsed: parsedThisRun.length,
    modelParsedTwice: parsedThisRun.filter(([, count]) => count > 1).length,
    modelParsedAndLinted: parsedThisRun.filter(([file]) => linted.has(file)).length,
    files: files.length,
    bytes: files.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0),
    lines: files.reduce((sum, { text }) => sum + text.split('\n').length, 0),
    passesMs,
    passesCpuMs,
    ruleMs,
    messages,
    fatal,
  };
}

/** Peak memory: one configuration per process, one pass. */
function runMemoryWorker(mode: Mode, dir: string): number {
  lintPass(new Linter({ cwd: dir }), loadFiles(dir), configFor(mode), mode);
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * A real service's sources from the npm registry (the only network a CI machine here has): `ghost@6.65.0` ships
 * its server as plain CommonJS. Downloaded once into the OS temp directory, never into the repository. The version
 * must be exact, so that two runs lint the same code.
 */
function realServiceFromNpm(spec: string | undefined, subdir = '.'): string | undefined {
  const match = spec ? /^((?:@[\w.-]+\/)?[\w.-]+)@(\d+\.\d+\.\d+(?:-[\w.]+)?)$/.exec(spec) : null;
  if (!match) {
    console.error(`bench: --npm needs an exact package version (name@1.2.3), got ${spec ?? 'nothing'}`);
    return undefined;
  }
  const [, name, version] = match;
  const cache = path.join(os.tmpdir(), 'observability-lint-bench', `${name.replace('/', '+')}-${version}`);
  const unpacked = path.join(cache, 'package');
  if (!fs.existsSync(path.join(unpacked, 'package.json'))) {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    console.log(`Fetching ${spec} from the npm registry into ${cache} …`);
    try {
      const tarball = execFileSync('npm', ['pack', spec!, '--silent', '--pack-destination', cache], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop()!;
      execFileSync('tar', ['-xzf', path.join(cache, tarball), '-C', cache]);
    } catch (error) {
      console.error(`bench: could not fetch ${spec}: ${(error as Error).message}`);
      return undefined;
    }
  }
  const dir = path.resolve(unpacked, subdir);
  if (!dir.startsWith(unpacked) || !fs.existsSync(dir)) {
    console.error(`bench: ${subdir} is not a directory of ${spec}`);
    return undefined;
  }
  return dir;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--timing') {
    process.stdout.write(JSON.stringify(runTimingWorker(args[1])));
    return;
  }
  if (args[0] === '--languages') {
    void comparePythonWithTypeScript().then((comparison) => process.stdout.write(JSON.stringify(comparison)));
    return;
  }
  if (args[0] === '--languages-only') {
    reportLanguages(worker(['--languages']));
    return;
  }
  if (args[0] === '--memory') {
    process.stdout.write(JSON.stringify(runMemoryWorker(args[1] as Mode, args[2])));
    return;
  }
  let dir: string;
  if (args[0] === '--npm') {
    const fetched = realServiceFromNpm(args[1], args[2]);
    if (!fetched) {
      process.exitCode = 2;
      return;
    }
    dir = fetched;
  } else if (args[0]) {
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
  console.log(
    `Linting ${count} files under ${path.relative(process.cwd(), dir) || '.'}: one warm-up, then ${MEASURED_PASSES} interleaved rounds of every configuration; peak RSS from one process per configuration.`,
  );
  const timing = JSON.parse(worker(['--timing', dir])) as TimingReport;
  // One pass per process: the warm mode's peak is the cold one's (its caches only matter from a second pass on).
  const rss = Object.fromEntries(
    MODES.map((mode) => [
      mode,
      mode === 'all-warm' ? Number.NaN : (JSON.parse(worker(['--memory', mode, dir])) as number),
    ]),
  ) as Record<Mode, number>;
  const ms = (mode: Mode): number => median(timing.passesMs[mode]);
  const row = (mode: Mode, label: string): string =>
    `| ${label} | ${ms(mode).toFixed(0)} | ${(timing.files / (ms(mode) / 1000)).toFixed(0)} | ${(timing.bytes / 1e6 / (ms(mode) / 1000)).toFixed(2)} | ${Number.isNaN(rss[mode]) ? 'as (b)' : rss[mode].toFixed(0)} |`;
  console.log(
    `\nCorpus: ${timing.files} files, ${timing.lines} lines, ${(timing.bytes / 1e6).toFixed(2)} MB; parse errors: ${timing.fatal}`,
  );
  console.log('\n| run | median ms | files/s | MB/s | peak RSS MB |\n| --- | --- | --- | --- | --- |');
  console.log(row('baseline', '(a) ESLint + parser, no rules'));
  console.log(row('empty-rule', '(e) ESLint + parser, one empty rule'));
  console.log(row('all', '(b) configs.all, one lint run (caches cleared: the model is built in every pass)'));
  console.log(row('all-warm', '(w) configs.all, caches kept from the pass before (language server, eslint_d)'));
  // Each round runs every configuration back to back: the ratio within a round is not skewed by load that drifts between rounds.
  const pairedRatio = (mode: Mode): { ratio: number; rounds: number[] } => {
    const rounds = timing.passesMs[mode].map((value, round) => value / timing.passesMs.baseline[round]);
    return { ratio: median(rounds), rounds };
  };
  const cold = pairedRatio('all');
  const warm = pairedRatio('all-warm');
  const verdict = (ratio: number): string => (ratio <= 1.1 ? 'within target' : 'over target');
  console.log(
    `\nRatio b/a, one lint run (median of ${cold.rounds.length} per-round ratios): ${cold.ratio.toFixed(3)} (target ≤ 1.10) ${verdict(cold.ratio)}; rounds ${cold.rounds.map((value) => value.toFixed(3)).join(', ')}; ratio of medians ${(ms('all') / ms('baseline')).toFixed(3)}`,
  );
  console.log(
    `Ratio w/a, warm caches: ${warm.ratio.toFixed(3)} ${verdict(warm.ratio)}; rounds ${warm.rounds.map((value) => value.toFixed(3)).join(', ')}`,
  );
  console.log(
    `  of which ESLint's own traversal once any rule is on, e/a: ${(ms('empty-rule') / ms('baseline')).toFixed(3)}; the plugin over that, b/e: ${(ms('all') / ms('empty-rule')).toFixed(3)}, w/e: ${(ms('all-warm') / ms('empty-rule')).toFixed(3)}`,
  );
  const cpuRatio = (mode: Mode, over: Mode): { ratio: number; rounds: number[] } => {
    const rounds = timing.passesCpuMs[mode].map((value, round) => value / timing.passesCpuMs[over][round]);
    return { ratio: median(rounds), rounds };
  };
  const cpuCold = cpuRatio('all', 'empty-rule');
  console.log(
    `  in CPU time (steadier than wall time when other work shares the machine): b/e ${cpuCold.ratio.toFixed(3)} (rounds ${cpuCold.rounds.map((value) => value.toFixed(3)).join(', ')}), e/a ${cpuRatio('empty-rule', 'baseline').ratio.toFixed(3)}, w/e ${cpuRatio('all-warm', 'empty-rule').ratio.toFixed(3)}`,
  );
  console.log(`Findings in (b): ${timing.messages}`);
  console.log(
    `Service model, in one lint run: ${timing.modelParsed} modules parsed by the analysis itself (a linted file's own model reuses ESLint's AST); ` +
      `parsed more than once by the analysis: ${timing.modelParsedTwice}; of those modules, ${timing.modelParsedAndLinted} are also linted, so ESLint parses them a second time ` +
      '(an app file linted before the routers it mounts needs them first).',
  );
  const total = Object.values(timing.ruleMs).reduce((sum, ms) => sum + ms, 0);
  console.log(
    '\nTime per rule in one lint run (the model is built inside the first rule that asks for it in each file):',
  );
  console.log('\n| rule | time ms | relative |\n| --- | --- | --- |');
  for (const [id, ms] of Object.entries(timing.ruleMs).sort((a, b) => b[1] - a[1])) {
    console.log(`| observability/${id} | ${ms.toFixed(1)} | ${total > 0 ? ((ms / total) * 100).toFixed(1) : '0'}% |`);
  }
  reportLanguages(worker(['--languages']));
}

function worker(args: string[]): string {
  return execFileSync(process.execPath, [__filename, ...args], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
}

/** Python against TypeScript per 1,000 lines, in a process of its own (`npm run bench -- --languages-only` alone). */
function reportLanguages(output: string): void {
  const comparison = JSON.parse(output) as LanguageComparison;
  console.log(
    `\nPython against TypeScript, the same service in each (${comparison.pythonLines} and ${comparison.typescriptLines} lines; configs.python vs configs.all with @typescript-eslint/parser; caches cleared each pass):`,
  );
  console.log('\n| language | ms per 1,000 lines | findings |\n| --- | --- | --- |');
  console.log(`| Python | ${comparison.pythonMsPer1000.toFixed(1)} | ${comparison.pythonFindings} |`);
  console.log(`| TypeScript | ${comparison.typescriptMsPer1000.toFixed(1)} | ${comparison.typescriptFindings} |`);
  console.log(
    `Ratio Python/TypeScript per 1,000 lines (median of ${comparison.rounds.length} per-round ratios): ${comparison.ratio.toFixed(3)} (target ≤ 1.00) ${comparison.ratio <= 1 ? 'within target' : 'over target'}; rounds ${comparison.rounds.map((value) => value.toFixed(3)).join(', ')}`,
  );
}

main();
