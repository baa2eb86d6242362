import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/**
 * tree-sitter's Python grammar, compiled to WebAssembly (the `.wasm` that the `tree-sitter-python` package ships,
 * copied into `grammars/`), run by `web-tree-sitter`.
 *
 * ESLint calls a language's `parse` synchronously, but a WebAssembly runtime starts asynchronously: web-tree-sitter's
 * `Parser.init` and `Language.load` return promises and have no synchronous form. So the grammar is loaded once per
 * process, by an `await` before linting starts (`await observability.languages.python.load()` in
 * `eslint.config.mjs`; the language server and the CLI do it themselves), and every parse after that is synchronous.
 * Parsing before the load fails with a message that says exactly this.
 */
const GRAMMAR = 'tree-sitter-python.wasm';
const RUNTIME = 'web-tree-sitter.wasm';

/**
 * Where a `.wasm` file is: in the package (`grammars/`, and web-tree-sitter's own runtime in its package), or next
 * to a bundle that inlined this module (the VS Code extension's server copies both into `dist/grammars/`).
 */
function wasmFile(name: string): string {
  const candidates = [path.join(__dirname, '..', '..', '..', 'grammars', name), path.join(__dirname, 'grammars', name)];
  if (name === RUNTIME) {
    try {
      candidates.unshift(require.resolve(`web-tree-sitter/${RUNTIME}`));
    } catch {
      // Bundled: web-tree-sitter's package is not on disk; the copy next to the bundle is used.
    }
  }
  return candidates.find((file) => fs.existsSync(file)) ?? candidates[0];
}

export const NOT_LOADED_MESSAGE =
  'eslint-plugin-observability: the Python grammar is not loaded yet. ESLint parses synchronously and the grammar is ' +
  'WebAssembly, which loads asynchronously: add `await observability.languages.python.load();` to eslint.config.mjs ' +
  '(after `import observability from "eslint-plugin-observability"`), or `await plugin.languages.python.load()` ' +
  'before calling `Linter#verify` on Python.';

/**
 * The loaded grammar: immutable code, the same for every analysis host and every file, so it is process-wide like
 * any loaded library. Only `load` writes it, once.
 */
class LoadedGrammar {
  parser: Parser | undefined;
  loading: Promise<void> | undefined;

  load(): Promise<void> {
    this.loading ??= (async () => {
      await Parser.init({ locateFile: (name: string) => (name === RUNTIME ? wasmFile(RUNTIME) : name) });
      const language = await Language.load(fs.readFileSync(wasmFile(GRAMMAR)));
      const parser = new Parser();
      parser.setLanguage(language);
      this.parser = parser;
    })().catch((error: unknown) => {
      this.loading = undefined;
      throw new Error(`eslint-plugin-observability: could not load the Python grammar (${wasmFile(GRAMMAR)})`, {
        cause: error,
      });
    });
    return this.loading;
  }
}

const grammar = new LoadedGrammar();

/** Loads the Python grammar; resolves at once when it is already loaded. */
export function loadPythonGrammar(): Promise<void> {
  return grammar.load();
}

export function isPythonGrammarLoaded(): boolean {
  return grammar.parser !== undefined;
}

/**
 * Parses Python text synchronously and hands the tree to `read`; the tree lives in WebAssembly memory and is
 * freed when `read` returns, so `read` must copy what it keeps.
 */
export function withPythonTree<T>(text: string, read: (tree: Tree) => T): T {
  const parser = grammar.parser;
  if (!parser) throw new Error(NOT_LOADED_MESSAGE);
  const tree = parser.parse(text);
  if (!tree) throw new Error('eslint-plugin-observability: the Python parser returned no tree');
  try {
    return read(tree);
  } finally {
    tree.delete();
  }
}
