import * as path from 'node:path';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { forEachChild, importBindings, staticChain, unwrap } from '../analysis/ast';
import { findExport, parseBuffer, parseModule, topLevelDefinitions } from '../analysis/modules';
import { importEdits, moduleStyleOfProgram, type TextChange } from '../fixes/imports';
import { appFilesOf, defaultLanguageOptions } from '../analysis/service-model/index';

/** A replacement in the refactored file's text (offsets into it). */
export type SourceEdit = TextChange;

export type WrapInTiming =
  | { available: true; title: string; edits: SourceEdit[] }
  /** The awaited call is there, but no `timed()` can be used from this file: the reason says what to do first. */
  | { available: false; title: string; reason: string };

const TITLE = 'Wrap in timing';

/**
 * "Wrap in timing" on the awaited call at `selection`: `await db.users.find(id)` becomes
 * `await timed('db.users.find', () => db.users.find(id))`, with `timed` imported from the module of the project
 * that exports it (the one the request-timing fix inserted) unless the file already has it. Undefined when there
 * is no awaited call there, or it is already timed.
 */
export function wrapInTiming(
  file: string,
  text: string,
  selection: [number, number],
  languageOptions: TSESLint.FlatConfig.LanguageOptions = defaultLanguageOptions(),
): WrapInTiming | undefined {
  // Cheap before parsing: the lines the selection touches must hold an `await`.
  const lineStart = text.lastIndexOf('\n', selection[0] - 1) + 1;
  const lineEnd = text.indexOf('\n', selection[1]);
  if (!text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).includes('await')) return undefined;
  const program = parseBuffer(file, text, languageOptions);
  if (!program) return undefined;
  const call = awaitedCallAt(program, selection);
  if (!call) return undefined;
  const operation = operationName(call, text);
  const title = `${TITLE}: timed('${operation}', …)`;
  const wrapped: SourceEdit = { range: call.range, text: `timed('${operation}', () => ${text.slice(...call.range)})` };
  const declared = new Set([...topLevelDefinitions(program).keys(), ...importBindings(program).keys()]);
  if (declared.has('timed')) return { available: true, title, edits: [wrapped] };
  const provider = timedProvider(file, languageOptions);
  if (!provider)
    return {
      available: false,
      title,
      reason: 'This project has no timed() helper yet: run "Insert request timing" on the app first (it adds timed()).',
    };
  const style = moduleStyleOfProgram(program, file);
  if (style !== 'esm') {
    return {
      available: false,
      title,
      reason: `timed() is exported by ${path.basename(provider)}; requiring the app from a CommonJS module it loads would be circular. Import timed where it is safe, then wrap.`,
    };
  }
  const imports = importEdits(
    { body: program.body, text, declared },
    { style, typescript: /\.(ts|tsx|mts|cts)$/.test(file) },
    [{ module: specifierFor(program, file, provider), named: ['timed'] }],
  );
  return { available: true, title, edits: [...imports, wrapped] };
}

/** The innermost `await call()` whose range holds the selection, unless that call is `timed(…)` itself. */
function awaitedCallAt(program: TSESTree.Program, [start, end]: [number, number]): TSESTree.CallExpression | undefined {
  let found: TSESTree.CallExpression | undefined;
  const visit = (node: TSESTree.Node): void => {
    if (node.range[0] > start || node.range[1] < end) return;
    if (node.type === AST_NODE_TYPES.AwaitExpression) {
      const argument = unwrap(node.argument);
      if (argument.type === AST_NODE_TYPES.CallExpression) found = isTimedCall(argument) ? undefined : argument;
    }
    forEachChild(node, visit);
  };
  visit(program);
  return found;
}

function isTimedCall(call: TSESTree.CallExpression): boolean {
  return call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'timed';
}

/** `db.users.find(id)` → `db.users.find`; `this.repo.save(x)` → `repo.save`; anything else: the callee's last name. */
function operationName(call: TSESTree.CallExpression, text: string): string {
  const chain = staticChain(call.callee)?.filter((part) => part !== 'this');
  const name = chain?.length
    ? chain.join('.')
    : (/([A-Za-z_$][\w$]*)\s*$/.exec(text.slice(...call.callee.range))?.[1] ?? 'operation');
  return name.slice(0, 64).replace(/[^\w.$-]/g, '_');
}

/** The project module that exports `timed` (where the request-timing fix put it): the apps' files. */
function timedProvider(file: string, languageOptions: TSESLint.FlatConfig.LanguageOptions): string | undefined {
  return appFilesOf(file, languageOptions).find((candidate) => {
    if (candidate === file) return false;
    const program = parseModule(candidate, languageOptions);
    return program !== undefined && findExport(program, 'timed') !== undefined;
  });
}

/** `./app` or `../app.js`: written the way the file's other relative imports are (with `.js` under NodeNext). */
function specifierFor(program: TSESTree.Program, file: string, provider: string): string {
  const relatives = program.body.flatMap((statement) =>
    statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value.startsWith('.')
      ? [statement.source.value]
      : [],
  );
  const withExtension = relatives.some((specifier) => /\.(m|c)?js$/.test(specifier));
  let relative = path.relative(path.dirname(file), provider).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const stem = relative.replace(/\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, '');
  if (!withExtension) return stem.replace(/\/index$/, '');
  const extension = /\.(m|c)?[jt]sx?$/.exec(relative)?.[0] ?? '.js';
  return stem + extension.replace(/ts(x?)$/, 'js$1').replace(/\.jsx$/, '.js');
}
