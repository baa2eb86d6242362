import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { findVariable, importBindings, isWholeModule } from '../analysis/ast';
import { OTEL_API } from '../analysis/spans';
import { importFixes, importTargetOf, topLevelNames } from './imports';

/** The code the tracing rules' suggestions write: try/finally around a span's work, error recording, span names. */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The whitespace that starts the line `offset` is on, when nothing but whitespace precedes `offset` on it. */
function lineIndent(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** One indentation step as the file writes it (two spaces unless the file indents with tabs or four spaces). */
function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match) return '  ';
  if (match[1].startsWith('\t')) return '\t';
  return match[1].length % 4 === 0 && !/\n {2}\S/.test(text) ? '    ' : '  ';
}

/**
 * Wraps `statements` (consecutive, in one block) in `try { … } finally { span.end(); }`, leaving out `drop`
 * (top-level `span.end();` statements the finally replaces). Multi-line code is re-indented one step unless a
 * template literal spans lines (its text must not change).
 */
export function wrapInTryFinally(
  sourceCode: SourceCode,
  statements: readonly TSESTree.Node[],
  drop: ReadonlySet<TSESTree.Node>,
  spanName: string,
): { range: [number, number]; text: string } | undefined {
  const first = statements[0];
  const last = statements[statements.length - 1];
  if (!first || !last) return undefined;
  const text = sourceCode.text;
  const kept = statements.filter((statement) => !drop.has(statement));
  if (kept.some((statement) => statement.type === AST_NODE_TYPES.FunctionDeclaration)) return undefined;
  const end = `${spanName}.end();`;
  const indent = lineIndent(text, first.range[0]);
  if (indent === undefined) {
    const body = kept.map((statement) => sourceCode.getText(statement)).join(' ');
    return { range: [first.range[0], last.range[1]], text: `try { ${body} } finally { ${end} }` };
  }
  const unit = indentUnit(text);
  const pieces: string[] = [];
  statements.forEach((statement, index) => {
    if (drop.has(statement)) return;
    // Keep the comments and blank lines before a statement that stays (not before the first one kept).
    const previous = statements[index - 1];
    const from = previous && pieces.length > 0 ? previous.range[1] : statement.range[0];
    pieces.push(text.slice(from, statement.range[1]));
  });
  let body = pieces.join('');
  const multiLineTemplate = sourceCode.ast.tokens?.some(
    (token) =>
      token.type === 'Template' &&
      token.range[0] >= first.range[0] &&
      token.range[1] <= last.range[1] &&
      token.value.includes('\n'),
  );
  if (!multiLineTemplate) body = body.replace(/\n(?=[^\n])/g, `\n${unit}`);
  if (drop.size > 0) body = body.replace(/\n[ \t]*\n[ \t]*\n/g, '\n\n');
  const inner = indent + unit;
  const wrapped = kept.length > 0 ? `try {\n${inner}${body}\n${indent}} finally {\n${inner}${end}\n${indent}}` : end;
  return { range: [first.range[0], last.range[1]], text: wrapped };
}

/** How the file can name `SpanStatusCode`, and the import to add when it cannot yet. */
export function spanStatusCodeReference(
  sourceCode: SourceCode,
): { reference: string; needsImport: boolean } | undefined {
  for (const [local, binding] of importBindings(sourceCode.ast)) {
    if (binding.module !== OTEL_API) continue;
    if (binding.imported === 'SpanStatusCode') return { reference: local, needsImport: false };
  }
  for (const [local, binding] of importBindings(sourceCode.ast)) {
    if (binding.module === OTEL_API && isWholeModule(binding))
      return { reference: `${local}.SpanStatusCode`, needsImport: false };
  }
  if (topLevelNames(sourceCode).has('SpanStatusCode')) return undefined;
  return { reference: 'SpanStatusCode', needsImport: true };
}

/** A name for a catch clause's missing parameter that nothing in scope uses. */
export function freshErrorName(sourceCode: SourceCode, node: TSESTree.Node): string {
  const scope = sourceCode.getScope(node);
  const used = (name: string): boolean =>
    findVariable(scope, name) !== undefined || sourceCode.getText(node).includes(name);
  return ['err', 'error', 'caughtError'].find((name) => !used(name)) ?? 'caughtError';
}

/**
 * Inserts `span.recordException(err); span.setStatus({ code: SpanStatusCode.ERROR });` (those missing) at the start
 * of the catch, names the catch parameter when it has none, and imports SpanStatusCode in the file's module style.
 */
export function recordErrorFixes(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  filename: string,
  handler: TSESTree.CatchClause,
  spanName: string,
  missing: { exception: boolean; status: boolean },
  /** The code of a non-error status the catch sets: replaced rather than overridden by it. */
  nonErrorCode?: TSESTree.Node,
): TSESLint.RuleFix[] | null {
  if (handler.param && handler.param.type !== AST_NODE_TYPES.Identifier) return null;
  const status = missing.status ? spanStatusCodeReference(sourceCode) : undefined;
  if (missing.status && !status) return null;
  const target = importTargetOf(sourceCode, filename);
  const fixes: TSESLint.RuleFix[] = [];
  let errorName = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  if (!errorName) {
    errorName = freshErrorName(sourceCode, handler);
    const catchToken = sourceCode.getFirstToken(handler)!;
    fixes.push(fixer.insertTextAfter(catchToken, ` (${errorName})`));
  }
  const calls: string[] = [];
  if (missing.exception)
    calls.push(`${spanName}.recordException(${errorName}${target.typescript ? ' as Error' : ''});`);
  if (missing.status && status && nonErrorCode)
    fixes.push(fixer.replaceText(nonErrorCode, `${status.reference}.ERROR`));
  else if (missing.status && status) calls.push(`${spanName}.setStatus({ code: ${status.reference}.ERROR });`);
  const body = handler.body;
  const first = body.body[0];
  if (calls.length === 0) return [...fixes, ...importsFor(fixer, sourceCode, target, status)];
  const indent = first ? lineIndent(sourceCode.text, first.range[0]) : undefined;
  if (first && indent !== undefined)
    fixes.push(fixer.insertTextBefore(first, `${calls.join(`\n${indent}`)}\n${indent}`));
  else
    fixes.push(
      fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], ` ${calls.join(' ')}${first ? '' : ' '}`),
    );
  return [...fixes, ...importsFor(fixer, sourceCode, target, status)];
}

function importsFor(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  target: ReturnType<typeof importTargetOf>,
  status: { needsImport: boolean } | undefined,
): TSESLint.RuleFix[] {
  return status?.needsImport
    ? importFixes(fixer, sourceCode, target, [{ module: OTEL_API, named: ['SpanStatusCode'] }])
    : [];
}

/** A string literal in the quote style of `like`. */
export function quotedLike(sourceCode: SourceCode, like: TSESTree.Node, value: string): string {
  const raw = sourceCode.getText(like);
  const quote = raw.startsWith('"') ? '"' : "'";
  return `${quote}${value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

/** `{ 'url.path': req.url }` entries, merged into a call's `SpanOptions` (added when the call has none). */
export function attributesFixes(
  fixer: TSESLint.RuleFixer,
  call: TSESTree.CallExpression,
  method: 'startSpan' | 'startActiveSpan',
  entries: string,
): TSESLint.RuleFix[] | null {
  const [name, second] = call.arguments;
  if (!name) return null;
  const options = method === 'startSpan' ? second : call.arguments.length >= 3 ? second : undefined;
  if (!options) return [fixer.insertTextAfter(name, `, { attributes: { ${entries} } }`)];
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const attributes = options.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      property.key.name === 'attributes',
  );
  if (attributes) {
    const value = attributes.value;
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const firstEntry = value.properties[0];
    return [
      firstEntry ? fixer.insertTextBefore(firstEntry, `${entries}, `) : fixer.replaceText(value, `{ ${entries} }`),
    ];
  }
  const firstProperty = options.properties[0];
  return [
    firstProperty
      ? fixer.insertTextBefore(firstProperty, `attributes: { ${entries} }, `)
      : fixer.replaceText(options, `{ attributes: { ${entries} } }`),
  ];
}

/**
 * The span name without its unbounded pieces: `'GET'` from `` `GET ${req.url}` ``, `` `${req.method}` `` when a
 * bounded expression stays; `fallback` when nothing is left.
 */
export function constantSpanName(
  sourceCode: SourceCode,
  nameNode: TSESTree.Node,
  pieces: ReadonlyArray<{ text: string } | { node: TSESTree.Node }>,
  moved: ReadonlySet<TSESTree.Node>,
  fallback: string,
): string {
  const kept = pieces.filter((piece) => !('node' in piece && moved.has(piece.node)));
  const tidy = (text: string): string => text.replace(/\s{2,}/g, ' ');
  const hasExpression = kept.some((piece) => 'node' in piece);
  if (!hasExpression) {
    const text = tidy(kept.map((piece) => (piece as { text: string }).text).join('')).replace(
      /^[\s:/#.,=-]+|[\s:/#.,=-]+$/g,
      '',
    );
    return quotedLike(sourceCode, nameNode, text || fallback);
  }
  const expressions = kept.filter((piece): piece is { node: TSESTree.Node } => 'node' in piece);
  const onlySeparators = kept.every((piece) => 'node' in piece || /^[\s:/#.,=-]*$/.test(piece.text));
  const onlyExpression = expressions.length === 1 && onlySeparators ? expressions[0].node : undefined;
  if (onlyExpression) return sourceCode.getText(onlyExpression);
  const body = kept
    .map((piece) =>
      'node' in piece
        ? `\${${sourceCode.getText(piece.node)}}`
        : piece.text.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${'),
    )
    .join('');
  return `\`${tidy(body).replace(/^[\s:/#.,=-]+|[\s:/#.,=-]+$/g, '')}\``;
}
