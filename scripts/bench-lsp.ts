import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { ensureCorpus } from './bench-corpus';

/**
 * `npm run bench:lsp`: latency from an edit to its diagnostics (pull requests, so the debounce is excluded)
 * on files of 300, 3,000 and 10,000 lines, and on a route-dense Express app (300 routes whose handlers log, ~3,000
 * lines, edited inside a handler), against a bare `Linter.verify` with the parser and no rules on the same text;
 * and the server's RSS after 5,000 edits against after 100. Ratios, measured in one run.
 */
const SIZES = [300, 3_000, 10_000];
const SAMPLES = 30;
const DENSE_ROUTES = 300;

/** An app file with `routes` routes (10 lines each) whose handlers log with pino; the edit point is in the middle one. */
function routeDenseApp(routes: number): string {
  const lines = [
    "import express from 'express';",
    "import pino from 'pino';",
    '',
    'const logger = pino();',
    'const app = express();',
    'app.use(express.json());',
    '',
  ];
  for (let i = 0; i < routes; i++) {
    lines.push(
      `app.get('/items${i}/:id', async (req, res) => {`,
      '  const id = req.params.id;',
      `  logger.info({ id, route: 'items${i}' }, 'handling items${i}');`,
      '  const started = Date.now();',
      `  const item = { id, kind: 'items${i}', count: ${i} };`,
      `  if (!item.id) { res.status(404).json({ error: 'not found' }); return; }`,
      `  logger.debug({ ms: Date.now() - started }, 'items${i} done');`,
      '  res.json(item);',
      '});',
      '',
    );
  }
  lines.push('app.listen(3000);', '');
  return lines.join('\n');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const corpusDir = path.join(__dirname, '..', '..', 'bench', 'corpus');
  const corpus = ensureCorpus(corpusDir).filter((file) => file.endsWith('.ts') && file.includes('/routes/'));
  const source = corpus
    .map((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('import '))
        .join('\n'),
    )
    .join('\n');
  const lines = source.split('\n');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'observability-bench-lsp-'));
  fs.writeFileSync(
    path.join(workspace, 'package.json'),
    JSON.stringify({ name: 'bench-lsp', private: true, dependencies: { express: '^5.0.0', pino: '^10.0.0' } }),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsParser = require('@typescript-eslint/parser') as Linter.Parser;
  const bare = new Linter({ cwd: path.parse(workspace).root });
  const bareConfig: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }];

  const child = spawn(
    process.execPath,
    [path.join(__dirname, '..', '..', 'server', 'bin', 'observability-lint-server.js'), '--stdio'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).toString(),
    capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
  });
  await connection.sendNotification('initialized', {});

  console.log(
    `Edit → diagnostics latency (pull request; debounce excluded), ${SAMPLES} edits per size, vs bare Linter.verify (parser, no rules):\n`,
  );
  console.log(
    '| lines | server p50 ms | server p95 ms | bare p50 ms | bare p95 ms | p95 ratio |\n| --- | --- | --- | --- | --- | --- |',
  );
  for (const size of SIZES) {
    const text = lines.slice(0, size).join('\n');
    const file = path.join(workspace, `file-${size}.ts`);
    const uri = pathToFileURL(file).toString();
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const server: number[] = [];
    const baseline: number[] = [];
    let current = text;
    for (let i = 0; i < SAMPLES; i++) {
      const insert = `// edit ${i}\n`;
      current = insert + current;
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: insert }],
      });
      const start = performance.now();
      await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      server.push(performance.now() - start);
      const bareStart = performance.now();
      bare.verify(current, bareConfig, { filename: file });
      baseline.push(performance.now() - bareStart);
    }
    console.log(
      `| ${size} | ${percentile(server, 50).toFixed(1)} | ${percentile(server, 95).toFixed(1)} | ${percentile(baseline, 50).toFixed(1)} | ${percentile(baseline, 95).toFixed(1)} | ${(percentile(server, 95) / percentile(baseline, 95)).toFixed(2)} |`,
    );
  }

  {
    // Typing inside one handler of a route-dense app: the edit changes one log message, the routes stay the same.
    const text = routeDenseApp(DENSE_ROUTES);
    const file = path.join(workspace, 'app.ts');
    const uri = pathToFileURL(file).toString();
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const marker = `'handling items${DENSE_ROUTES / 2}'`;
    const line = text.split('\n').findIndex((candidate) => candidate.includes(marker));
    const character = text.split('\n')[line].indexOf(marker) + marker.length - 1;
    const server: number[] = [];
    const baseline: number[] = [];
    let current = text;
    for (let i = 0; i < SAMPLES; i++) {
      const at = current.indexOf(marker.slice(0, -1)) + marker.length - 1 + i;
      current = `${current.slice(0, at)}x${current.slice(at)}`;
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [
          { range: { start: { line, character: character + i }, end: { line, character: character + i } }, text: 'x' },
        ],
      });
      const start = performance.now();
      const report = await connection.sendRequest<{ items?: unknown[] }>('textDocument/diagnostic', {
        textDocument: { uri },
      });
      server.push(performance.now() - start);
      if (i === 0 && (report.items?.length ?? 0) === 0)
        throw new Error(
          'the route-dense app should have findings (no request ID, timing, probes): is the plugin running?',
        );
      const bareStart = performance.now();
      bare.verify(current, bareConfig, { filename: file });
      baseline.push(performance.now() - bareStart);
    }
    console.log(
      `| ${text.split('\n').length} (${DENSE_ROUTES} routes, edit in a handler) | ${percentile(server, 50).toFixed(1)} | ${percentile(server, 95).toFixed(1)} | ${percentile(baseline, 50).toFixed(1)} | ${percentile(baseline, 95).toFixed(1)} | ${(percentile(server, 95) / percentile(baseline, 95)).toFixed(2)} (target ≤ 1.2) |`,
    );
  }

  // Memory: RSS after 100 edits vs after 5,000 on a 300-line file (every 50th edit is linted).
  const uri = pathToFileURL(path.join(workspace, 'memory.ts')).toString();
  let version = 1;
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'typescript', version, text: lines.slice(0, 300).join('\n') },
  });
  const edit = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      version++;
      const text = i % 2 === 0 ? `// ${version}\n` : '';
      const range =
        i % 2 === 0
          ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
          : { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      });
      if (version % 50 === 0) await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    }
  };
  await edit(100);
  const after100 = rssMb(child.pid!);
  await edit(4_900);
  const after5000 = rssMb(child.pid!);
  console.log(
    `\nServer RSS after 100 edits: ${after100.toFixed(0)} MB; after 5,000 edits: ${after5000.toFixed(0)} MB; growth ${(((after5000 - after100) / after100) * 100).toFixed(1)}% (target ≤ 20%).`,
  );
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
  fs.rmSync(workspace, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
