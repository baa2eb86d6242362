import * as path from 'node:path';
import { analysisHostFor } from '../host';

/** How far up from a file an absolute import's top package is looked for (`app.metrics` from `app/api/routes.py`). */
const MAX_PACKAGE_DEPTH = 8;

/**
 * The file and text of a project module a Python file imports: `.metrics` / `..core.metrics` relative to the file,
 * `app.metrics` from the nearest folder above the file that holds `app/metrics.py` (or `app/metrics/__init__.py`).
 * Texts come from the analysis host (the editor's buffers, else the disk). Undefined for an installed package.
 */
export function importedModuleText(file: string, dotted: string): { file: string; text: string } | undefined {
  const texts = analysisHostFor(file).texts;
  const dots = /^\.*/.exec(dotted)?.[0].length ?? 0;
  const parts = dotted
    .slice(dots)
    .split('.')
    .filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  const bases: string[] = [];
  if (dots > 0) {
    let base = path.dirname(file);
    for (let i = 1; i < dots; i++) base = path.dirname(base);
    bases.push(base);
  } else {
    let base = path.dirname(file);
    for (let i = 0; i < MAX_PACKAGE_DEPTH; i++) {
      bases.push(base);
      const parent = path.dirname(base);
      if (parent === base) break;
      base = parent;
    }
  }
  for (const base of bases) {
    for (const candidate of [path.join(base, ...parts) + '.py', path.join(base, ...parts, '__init__.py')]) {
      if (candidate === file) continue;
      const text = texts.text(candidate);
      if (text !== undefined) return { file: candidate, text };
    }
  }
  return undefined;
}
