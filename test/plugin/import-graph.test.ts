import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

/**
 * Dependencies run one way: rules → fixes → analysis → util. A rule reads facts and hands the edit to a fix; a fix
 * never asks a rule; the analysis knows neither (so a second language or the language server can reuse it).
 */
const LAYERS = [
  'util',
  'languages',
  'analysis',
  'fixes',
  'refactors',
  'rules',
  'formatters',
  'report',
  'alerts',
  'cli',
] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import, besides itself. */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  util: [],
  // Languages other than JavaScript (Python): a grammar, its trees and source code, below any analysis of them.
  languages: ['util'],
  analysis: ['languages', 'util'],
  fixes: ['analysis', 'languages', 'util'],
  refactors: ['fixes', 'analysis', 'util'],
  rules: ['fixes', 'analysis', 'languages', 'util'],
  formatters: [],
  // The route report's formats and command line: views of the analysis, never of rules or fixes.
  report: ['analysis', 'util'],
  // Generators of artefacts outside the code (Prometheus rules, dashboards) read the analysis' facts.
  alerts: ['analysis', 'util'],
  // Command-line commands: one module per command, on top of what they run.
  cli: ['report', 'alerts', 'analysis', 'languages', 'util'],
};

const SOURCE = path.join(repoRoot(), 'eslint-plugin', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function layerOf(file: string): Layer | undefined {
  const top = path.relative(SOURCE, file).split(path.sep)[0];
  return (LAYERS as readonly string[]).includes(top ?? '') ? (top as Layer) : undefined;
}

/** Relative imports and requires of a module, resolved to files under src (type-only imports count too). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"](\.[^'"]+)['"]/g)].map(
    (match) => match[1],
  );
  return specifiers.map((specifier) => path.resolve(path.dirname(file), specifier));
}

/** The imports of `layer`'s files that go where it may not. */
function violations(layer: Layer, files: readonly string[], imports: (file: string) => string[]): string[] {
  return files
    .filter((file) => layerOf(file) === layer)
    .flatMap((file) =>
      imports(file)
        .map((target) => ({ target, targetLayer: layerOf(target) }))
        .filter(
          ({ targetLayer }) =>
            targetLayer !== undefined && targetLayer !== layer && !ALLOWED[layer].includes(targetLayer),
        )
        .map(({ target }) => `${path.relative(SOURCE, file)} imports ${path.relative(SOURCE, target)}`),
    );
}

describe('the plugin imports in one direction (rules → fixes → analysis → util)', () => {
  const files = sourceFiles(SOURCE);

  it('reads every layer (the check sees the code it guards)', () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of ['util', 'analysis', 'fixes', 'rules'] as const)
      assert.ok(layers.has(layer), `no files in ${layer}/`);
    assert.ok(files.length > 50);
  });

  for (const layer of LAYERS) {
    it(`${layer}/ imports only ${ALLOWED[layer].length > 0 ? ALLOWED[layer].join(', ') : 'itself'}`, () => {
      assert.deepEqual(violations(layer, files, importsOf), []);
    });
  }

  it('the check reports an uphill import (it is not vacuous)', () => {
    const fix = path.join(SOURCE, 'fixes', 'a.ts');
    const analysis = path.join(SOURCE, 'analysis', 'b.ts');
    const graph: Record<string, string[]> = {
      [fix]: [path.join(SOURCE, 'rules', 'r')],
      [analysis]: [path.join(SOURCE, 'fixes', 'f'), path.join(SOURCE, 'util', 'u')],
    };
    assert.deepEqual(
      violations('fixes', [fix, analysis], (file) => graph[file] ?? []),
      [`fixes${path.sep}a.ts imports rules${path.sep}r`],
    );
    assert.deepEqual(
      violations('analysis', [fix, analysis], (file) => graph[file] ?? []),
      [`analysis${path.sep}b.ts imports fixes${path.sep}f`],
    );
  });
});
