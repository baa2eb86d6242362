import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureCorpus } from './bench-corpus';

/**
 * Is a change slower? `npm run bench:compare -- <other checkout>` lints the bench corpus with this checkout and
 * another one (built, with its own node_modules), alternating between them in fresh processes, and compares the
 * plugin's cost over ESLint running one empty rule (b/e) in both wall time and CPU time.
 *
 * Both checkouts run the same rules (the seven that every version has, or `--rules a,b,c`), so a checkout with more
 * rules is not charged for them. Alternating runs share whatever else the machine does; CPU time is steadier
 * than wall time when something else runs.
 */
const DEFAULT_RULES = [
  'no-pii-in-logs',
  'no-high-cardinality-labels',
  'metric-naming',
  'require-route-logging',
  'require-correlation-id',
  'require-request-timing',
  'require-health-endpoints',
];

interface Round {
  eMs: number;
  bMs: number;
  eCpuMs: number;
  bCpuMs: number;
  findings: number;
}

type Loaded = { Linter: new (options: { cwd: string }) => LinterLike };
interface LinterLike {
  verify(text: string, config: unknown[], options: { filename: string }): Array<{ fatal?: boolean }>;
}

function sourceFiles(dir: string): Array<{ file: string; text: string }> {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(file);
    }
  };
  walk(dir);
  return found.sort().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

/** One process: the given checkout's ESLint, plugin and parser, `rounds` interleaved pairs of (e, b) passes. */
function worker(checkout: string, corpus: string, rounds: number, rules: string[]): Round[] {
  /* eslint-disable @typescript-eslint/no-require-imports -- modules of the other checkout, resolved from it */
  const load = (module: string): unknown => require(require.resolve(module, { paths: [checkout] }));
  const { Linter } = load('eslint') as Loaded;
  const plugin = load('eslint-plugin-observability') as { rules: Record<string, unknown> };
  const serviceModel = load('eslint-plugin-observability/service-model') as {
    clearModuleCaches?: () => void;
    defaultAnalysisHost?: () => { invalidate(): void };
  };
  const tsParser = load('@typescript-eslint/parser');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const clear = (): void =>
    serviceModel.clearModuleCaches
      ? serviceModel.clearModuleCaches()
      : serviceModel.defaultAnalysisHost?.().invalidate();
  const missing = rules.filter((id) => !(id in plugin.rules));
  if (missing.length > 0) throw new Error(`${checkout} has no rule ${missing.join(', ')}`);
  const files = sourceFiles(corpus);
  const parsers = [
    {
      files: ['**/*.{js,mjs,cjs,jsx}'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
  ];
  const empty = [
    ...parsers,
    {
      plugins: { bench: { rules: { empty: { create: () => ({ Program() {} }) } } } },
      rules: { 'bench/empty': 'error' },
    },
  ];
  const all = [
    ...parsers,
    {
      plugins: { observability: plugin },
      rules: Object.fromEntries(rules.map((id) => [`observability/${id}`, 'warn'])),
    },
  ];
  const linter = new Linter({ cwd: corpus });
  const pass = (config: unknown[]): { ms: number; cpuMs: number; findings: number } => {
    clear();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let findings = 0;
    for (const { file, text } of files) findings += linter.verify(text, config, { filename: file }).length;
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, findings };
  };
  pass(empty);
  pass(all);
  return Array.from({ length: rounds }, () => {
    const e = pass(empty);
    const b = pass(all);
    return { eMs: e.ms, bMs: b.ms, eCpuMs: e.cpuMs, bCpuMs: b.cpuMs, findings: b.findings };
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quartiles = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 4)].toFixed(3)}–${sorted[Math.floor((sorted.length * 3) / 4)].toFixed(3)}`;
};

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') {
    process.stdout.write(JSON.stringify(worker(args[1], args[2], Number(args[3]), args[4].split(','))));
    return;
  }
  const rulesFlag = args.indexOf('--rules');
  const rules = rulesFlag >= 0 ? args.splice(rulesFlag, 2)[1].split(',') : DEFAULT_RULES;
  const [other, iterationsArg] = args;
  const here = path.join(__dirname, '..', '..');
  if (!other || !fs.existsSync(path.join(other, 'eslint-plugin', 'dist', 'index.js'))) {
    console.error('usage: npm run bench:compare -- <other built checkout> [iterations] [--rules a,b,c]');
    process.exitCode = 2;
    return;
  }
  const corpus = path.join(here, 'bench', 'corpus');
  ensureCorpus(corpus);
  const iterations = Number(iterationsArg ?? 4);
  const checkouts = [path.resolve(other), here];
  const rounds = new Map<string, Round[]>(checkouts.map((checkout) => [checkout, []]));
  for (let iteration = 0; iteration < iterations; iteration++) {
    for (const checkout of checkouts) {
      const output = execFileSync(process.execPath, [__filename, '--worker', checkout, corpus, '3', rules.join(',')], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      rounds.get(checkout)!.push(...(JSON.parse(output) as Round[]));
    }
  }
  console.log(
    `${rules.length} rules over ${corpus}; ${iterations} alternating processes per checkout, 3 rounds each.\n`,
  );
  console.log(
    '| checkout | findings | b/e wall (median, IQR) | b/e CPU (median, IQR) | fastest b ms |\n| --- | --- | --- | --- | --- |',
  );
  for (const [checkout, measured] of rounds) {
    const wall = measured.map((round) => round.bMs / round.eMs);
    const cpu = measured.map((round) => round.bCpuMs / round.eCpuMs);
    console.log(
      `| ${path.relative(process.cwd(), checkout) || '.'} | ${measured[0].findings} | ${median(wall).toFixed(3)} (${quartiles(wall)}) | ${median(cpu).toFixed(3)} (${quartiles(cpu)}) | ${Math.min(...measured.map((round) => round.bMs)).toFixed(0)} |`,
    );
  }
}

main();
