import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseTypeScript } from '@typescript-eslint/parser';
import { renderSnippets, SNIPPET_LANGUAGES, type Snippet } from '../../scripts/snippets';
import { renderPythonSnippets } from '../../scripts/snippets-python';
import plugin from 'eslint-plugin-observability';
import { repoRoot } from '../helpers';

/** A snippet as VS Code inserts it when every placeholder keeps its default. */
function expand(snippet: Snippet): string {
  return snippet.body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\\$/g, '$')
    .replace(/\\\\/g, '\\');
}

/** What a TypeScript snippet needs around it to type-check: the app it registers on, when it does not create one. */
function preamble(key: string, code: string): string {
  if (/^const app = /m.test(code)) return '';
  if (key.startsWith('express ')) return "declare const app: import('express').Express;\n";
  if (key.startsWith('fastify ')) return "declare const app: import('fastify').FastifyInstance;\n";
  if (key.startsWith('koa ')) return "declare const app: InstanceType<typeof import('koa')>;\n";
  if (key.startsWith('hono ')) return "declare const app: import('hono').Hono;\n";
  if (key.startsWith('nestjs ')) return "declare const app: import('@nestjs/common').INestApplication;\n";
  return '';
}

const snippetsOf = (language: string): Record<string, Snippet> =>
  JSON.parse(fs.readFileSync(path.join(repoRoot(), 'snippets', `${language}.json`), 'utf8')) as Record<string, Snippet>;

describe('snippets (snippets/*.json)', function () {
  this.timeout(120_000);

  for (const language of SNIPPET_LANGUAGES) {
    it(`${language}: generated from the fixes' templates and up to date (npm run snippets)`, () => {
      assert.equal(
        fs.readFileSync(path.join(repoRoot(), 'snippets', `${language}.json`), 'utf8'),
        renderSnippets(language),
      );
    });
  }

  it('covers every framework with request IDs, health and timing, plus timed(), metrics, loggers and a traced operation', () => {
    const prefixes = new Set(
      [...Object.values(snippetsOf('javascript')), ...Object.values(snippetsOf('typescript'))].map(
        (snippet) => snippet.prefix,
      ),
    );
    for (const framework of ['express', 'fastify', 'koa', 'hono', 'nestjs'])
      for (const feature of ['request-id', 'health', 'timing'])
        assert.ok(prefixes.has(`obs-${framework}-${feature}`), `obs-${framework}-${feature}`);
    for (const prefix of [
      'obs-timed',
      'obs-histogram',
      'obs-counter',
      'obs-pino',
      'obs-winston',
      'obs-nextjs-request-id',
      'obs-nextjs-health',
      'obs-nextjs-ready',
      'obs-nextjs-helper',
      'obs-traced',
    ])
      assert.ok(prefixes.has(prefix), prefix);
  });

  it('python: generated from the Python fixes and up to date (npm run snippets)', async () => {
    assert.equal(
      fs.readFileSync(path.join(repoRoot(), 'snippets', 'python.json'), 'utf8'),
      await renderPythonSnippets(),
    );
  });

  it('python: FastAPI request IDs, timing, request log, probes, a whole observed service, metrics and structlog', () => {
    const prefixes = new Set(Object.values(snippetsOf('python')).map((snippet) => snippet.prefix));
    for (const prefix of [
      'obs-fastapi-request-id',
      'obs-fastapi-request-id-structlog',
      'obs-fastapi-timing',
      'obs-fastapi-request-log',
      'obs-fastapi-request-log-structlog',
      'obs-fastapi-health',
      'obs-fastapi-service',
      'obs-py-histogram',
      'obs-py-counter',
      'obs-structlog',
    ])
      assert.ok(prefixes.has(prefix), prefix);
  });

  it('every Python snippet, expanded with its defaults, parses (and compiles with /usr/bin/python3 when it is there)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-py-snippets-'));
    try {
      const files = Object.entries(snippetsOf('python')).map(([key, snippet], index) => {
        const code = `${expand(snippet)}\n`;
        assert.equal(plugin.languages.python.parse({ path: 'snippet.py', body: code }).ok, true, key);
        const file = path.join(dir, `snippet_${index}.py`);
        fs.writeFileSync(file, code);
        return file;
      });
      if (fs.existsSync('/usr/bin/python3')) {
        const compiled = spawnSync('/usr/bin/python3', ['-m', 'py_compile', ...files], { encoding: 'utf8' });
        assert.equal(compiled.status, 0, compiled.stderr);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every JavaScript snippet, expanded with its defaults, parses as CommonJS', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const espree = require('espree') as { parse(code: string, options: unknown): unknown };
    for (const [key, snippet] of Object.entries(snippetsOf('javascript'))) {
      assert.doesNotThrow(() => espree.parse(expand(snippet), { ecmaVersion: 'latest', sourceType: 'commonjs' }), key);
    }
  });

  it('every TypeScript snippet parses, and type-checks (strict) against the real framework types', () => {
    const dir = path.join(repoRoot(), 'out', 'test', 'snippets-check');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const checked: string[] = [];
    for (const [key, snippet] of Object.entries(snippetsOf('typescript'))) {
      const code = expand(snippet);
      assert.doesNotThrow(() => parseTypeScript(code, { sourceType: 'module', ecmaVersion: 'latest' }), key);
      const file = `${key.replace(/\W+/g, '-')}.ts`;
      fs.writeFileSync(path.join(dir, file), `${preamble(key, code)}${code}`);
      checked.push(file);
    }
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          esModuleInterop: true,
          skipLibCheck: true,
          experimentalDecorators: true,
          types: ['node'],
          typeRoots: [path.join(repoRoot(), 'node_modules', '@types')],
          // The Next.js route snippets import the helper snippet the way create-next-app projects do.
          paths: { '@/lib/observability': ['./nextjs-observability-helper.ts'] },
        },
        files: checked,
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [path.join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir],
      { encoding: 'utf8' },
    );
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    assert.ok(checked.length >= 20, `${checked.length} snippets type-checked`);
  });
});
