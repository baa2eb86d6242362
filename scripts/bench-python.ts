import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';

/**
 * Python against TypeScript, per 1,000 lines: the same service written twice (a FastAPI app with routers, logging,
 * prometheus_client metrics; an Express app with routers, pino, prom-client), each file about 1,000 lines, linted
 * with the plugin's config for its language (`configs.python`; `configs.all` with @typescript-eslint/parser). Each
 * pass clears the analysis caches, as one lint run does. The criterion: Python costs no more than TypeScript.
 */
const RESOURCES = ['orders', 'invoices', 'products', 'customers', 'shipments', 'payments', 'reviews', 'carts'];
const FILES = 4;

function pythonRouter(resource: string, handlers: number): string {
  const lines = [
    'import logging',
    'import time',
    '',
    'from fastapi import APIRouter, HTTPException, Request',
    'from prometheus_client import Counter',
    'from pydantic import BaseModel',
    '',
    'log = logging.getLogger(__name__)',
    `router = APIRouter(prefix="/${resource}")`,
    `${resource.toUpperCase()}_CREATED = Counter("${resource}_created", "Created ${resource}", ["status"])`,
    '',
    '',
    `class ${resource[0].toUpperCase()}${resource.slice(1)}In(BaseModel):`,
    '    name: str',
    '    quantity: int',
    '    note: str | None = None',
    '',
  ];
  for (let index = 0; index < handlers; index++) {
    lines.push(
      '',
      `@router.get("/{item_id}/part${index}")`,
      `async def read_part${index}(item_id: int, request: Request):`,
      `    """Reads part ${index} of one item."""`,
      '    started = time.perf_counter()',
      `    log.info("reading part ${index} of %s", item_id)`,
      '    if item_id < 0:',
      '        raise HTTPException(status_code=404, detail="not found")',
      `    result = {"id": item_id, "part": ${index}, "method": request.method}`,
      '    for key in sorted(result):',
      '        if key.startswith("_"):',
      '            continue',
      `    ${resource.toUpperCase()}_CREATED.labels(status="ok").inc()`,
      '    log.debug("took %.3f", time.perf_counter() - started)',
      '    return result',
      '',
      `@router.post("/part${index}")`,
      `async def create_part${index}(body: ${resource[0].toUpperCase()}${resource.slice(1)}In):`,
      `    log.info("creating part ${index}", extra={"quantity": body.quantity})`,
      '    return {"name": body.name, "quantity": body.quantity}',
    );
  }
  return `${lines.join('\n')}\n`;
}

function typescriptRouter(resource: string, handlers: number): string {
  const lines = [
    "import { Router, type Request, type Response } from 'express';",
    "import pino from 'pino';",
    "import { Counter } from 'prom-client';",
    '',
    'const log = pino();',
    `export const router = Router();`,
    `const created = new Counter({ name: '${resource}_created_total', help: 'Created ${resource}', labelNames: ['status'] });`,
    '',
    `interface ${resource[0].toUpperCase()}${resource.slice(1)}In {`,
    '  name: string;',
    '  quantity: number;',
    '  note?: string;',
    '}',
  ];
  for (let index = 0; index < handlers; index++) {
    lines.push(
      '',
      `router.get('/:itemId/part${index}', (req: Request, res: Response) => {`,
      `  // Reads part ${index} of one item.`,
      '  const started = performance.now();',
      '  const itemId = Number(req.params.itemId);',
      `  log.info({ itemId }, 'reading part ${index}');`,
      '  if (itemId < 0) {',
      "    res.status(404).json({ detail: 'not found' });",
      '    return;',
      '  }',
      `  const result = { id: itemId, part: ${index}, method: req.method };`,
      "  created.labels({ status: 'ok' }).inc();",
      "  log.debug({ ms: performance.now() - started }, 'took');",
      '  res.json(result);',
      '});',
      '',
      `router.post('/part${index}', (req: Request, res: Response) => {`,
      `  const body = req.body as ${resource[0].toUpperCase()}${resource.slice(1)}In;`,
      `  log.info({ quantity: body.quantity }, 'creating part ${index}');`,
      '  res.json({ name: body.name, quantity: body.quantity });',
      '});',
    );
  }
  return `${lines.join('\n')}\n`;
}

function pythonApp(): string {
  const imports = RESOURCES.slice(0, FILES).map((resource) => `from .routers import ${resource}`);
  const includes = RESOURCES.slice(0, FILES).map((resource) => `app.include_router(${resource}.router)`);
  return `${['import logging', '', 'from fastapi import FastAPI', '', ...imports, '', 'app = FastAPI()', ...includes].join('\n')}\n`;
}

function typescriptApp(): string {
  const imports = RESOURCES.slice(0, FILES).map(
    (resource) => `import { router as ${resource} } from './routers/${resource}';`,
  );
  const mounts = RESOURCES.slice(0, FILES).map((resource) => `app.use('/${resource}', ${resource});`);
  return `${["import express from 'express';", ...imports, '', 'const app = express();', ...mounts, 'app.listen(3000);'].join('\n')}\n`;
}

/** Handlers per router so that each router file is close to 1,000 lines. */
function handlersFor(render: (resource: string, handlers: number) => string): number {
  const perHandler = render('x', 11).split('\n').length - render('x', 10).split('\n').length;
  const fixed = render('x', 0).split('\n').length;
  return Math.round((1000 - fixed) / perHandler);
}

export interface LanguageCorpus {
  root: string;
  files: Array<{ file: string; text: string }>;
  lines: number;
}

export function writeLanguageCorpora(): { python: LanguageCorpus; typescript: LanguageCorpus } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-languages-'));
  const write = (root: string, files: Record<string, string>): LanguageCorpus => {
    const written = Object.entries(files).map(([relative, text]) => {
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return { file, text };
    });
    return { root, files: written, lines: written.reduce((sum, { text }) => sum + text.split('\n').length - 1, 0) };
  };
  const pyHandlers = handlersFor(pythonRouter);
  const tsHandlers = handlersFor(typescriptRouter);
  const python = write(path.join(base, 'python'), {
    'requirements.txt': 'fastapi\nprometheus-client\n',
    'app/__init__.py': '',
    'app/routers/__init__.py': '',
    'app/main.py': pythonApp(),
    ...Object.fromEntries(
      RESOURCES.slice(0, FILES).map((resource) => [`app/routers/${resource}.py`, pythonRouter(resource, pyHandlers)]),
    ),
  });
  const typescript = write(path.join(base, 'typescript'), {
    'package.json': JSON.stringify({ dependencies: { express: '^5.0.0', pino: '^9.0.0', 'prom-client': '^15.0.0' } }),
    'src/app.ts': typescriptApp(),
    ...Object.fromEntries(
      RESOURCES.slice(0, FILES).map((resource) => [
        `src/routers/${resource}.ts`,
        typescriptRouter(resource, tsHandlers),
      ]),
    ),
  });
  python.files = python.files.filter(({ file }) => file.endsWith('.py'));
  typescript.files = typescript.files.filter(({ file }) => file.endsWith('.ts'));
  return { python, typescript };
}

function lintAll(linter: Linter, corpus: LanguageCorpus, config: Linter.Config[]): number {
  defaultAnalysisHost().invalidate();
  const start = performance.now();
  let fatal = 0;
  for (const { file, text } of corpus.files) {
    fatal += linter.verify(text, config, { filename: file }).filter((message) => message.fatal).length;
  }
  if (fatal > 0) throw new Error(`bench: ${fatal} parse errors in the ${path.basename(corpus.root)} corpus`);
  return performance.now() - start;
}

export interface LanguageComparison {
  pythonLines: number;
  typescriptLines: number;
  pythonMsPer1000: number;
  typescriptMsPer1000: number;
  rounds: number[];
  ratio: number;
  pythonFindings: number;
  typescriptFindings: number;
}

/** Interleaved rounds in this process; the ratio is the median of per-round ratios of ms per 1,000 lines. */
export async function comparePythonWithTypeScript(rounds = 7): Promise<LanguageComparison> {
  await plugin.languages.python.load();
  const { python, typescript } = writeLanguageCorpora();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tsParser = require('@typescript-eslint/parser') as Linter.Parser;
    const pyConfig: Linter.Config[] = [plugin.configs.python as Linter.Config];
    const tsConfig: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      plugin.configs.all as Linter.Config,
    ];
    const pyLinter = new Linter({ cwd: python.root });
    const tsLinter = new Linter({ cwd: typescript.root });
    const findings = (linter: Linter, corpus: LanguageCorpus, config: Linter.Config[]): number =>
      corpus.files.reduce((sum, { file, text }) => sum + linter.verify(text, config, { filename: file }).length, 0);
    const pythonFindings = findings(pyLinter, python, pyConfig);
    const typescriptFindings = findings(tsLinter, typescript, tsConfig);
    lintAll(pyLinter, python, pyConfig);
    lintAll(tsLinter, typescript, tsConfig);
    const py: number[] = [];
    const ts: number[] = [];
    for (let round = 0; round < rounds; round++) {
      py.push((lintAll(pyLinter, python, pyConfig) / python.lines) * 1000);
      ts.push((lintAll(tsLinter, typescript, tsConfig) / typescript.lines) * 1000);
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const perRound = py.map((value, round) => value / ts[round]);
    return {
      pythonLines: python.lines,
      typescriptLines: typescript.lines,
      pythonMsPer1000: median(py),
      typescriptMsPer1000: median(ts),
      rounds: perRound,
      ratio: median(perRound),
      pythonFindings,
      typescriptFindings,
    };
  } finally {
    fs.rmSync(path.dirname(python.root), { recursive: true, force: true });
  }
}
