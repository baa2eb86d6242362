import { isPythonGrammarLoaded, loadPythonGrammar, NOT_LOADED_MESSAGE } from './grammar';
import { PYTHON_NODE_TYPES } from './node-types';
import { parsePython, type PyComment, type PyNode } from './nodes';
import { PythonSourceCode } from './source-code';

/** The language's id in a config: `language: 'observability/python'`. */
export const PYTHON_LANGUAGE_ID = 'observability/python';

export interface PythonFile {
  path: string;
  body: string | Uint8Array;
}

type PythonParseResult =
  | { ok: true; ast: PyNode; comments: PyComment[] }
  | { ok: false; errors: { message: string; line: number; column: number }[] };

const visitorKeys: Record<string, string[]> = Object.fromEntries(
  [...PYTHON_NODE_TYPES, 'ERROR'].map((type) => [type, ['children']]),
);

/**
 * Python for ESLint (≥ 9.7): files are parsed by tree-sitter's Python grammar into `PyNode`s, lines count from 1
 * and columns from 0, as tree-sitter counts them. A file with a syntax error fails to parse, as JavaScript does,
 * so no rule reasons over a half-recovered tree.
 */
export const pythonLanguage = {
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: 'type',
  visitorKeys,
  defaultLanguageOptions: {},

  validateLanguageOptions(languageOptions: Record<string, unknown>): void {
    const unknown = Object.keys(languageOptions ?? {});
    if (unknown.length > 0) {
      throw new Error(`observability/python has no language options; remove ${unknown.join(', ')}`);
    }
  },

  /** Resolves once the grammar's WebAssembly is loaded; every parse after that is synchronous. */
  load(): Promise<void> {
    return loadPythonGrammar();
  },

  get loaded(): boolean {
    return isPythonGrammarLoaded();
  },

  parse(file: PythonFile): PythonParseResult {
    if (!isPythonGrammarLoaded()) throw new Error(NOT_LOADED_MESSAGE);
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const { module, comments, syntaxError } = parsePython(text);
    if (syntaxError) return { ok: false, errors: [syntaxError] };
    return { ok: true, ast: module, comments };
  },

  createSourceCode(file: PythonFile, input: { ast: PyNode; comments: PyComment[] }): PythonSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PythonSourceCode({ text, ast: input.ast, comments: input.comments });
  },
};

export type PythonLanguage = typeof pythonLanguage;
