import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { findVariable, memberName, staticChain, truncate, unwrap } from './ast';
import { type CardinalityReason, LabelValueJudge } from './cardinality';
import { type RuleContext } from './spans';
import { splitWords } from './words';

/**
 * Span names must be low-cardinality: backends group, sample and alert by name. A name is judged part by part (the
 * expressions of a template literal, the operands of a `+` chain) with the label-value judgement of the metrics
 * rules, plus SQL text, which only span names carry.
 */

export type SpanNameReason = CardinalityReason | 'sql';

export interface UnboundedPart {
  /** The expression inside the name (a template's `${…}`, an operand, or the whole name). */
  node: TSESTree.Node;
  reason: SpanNameReason;
  /** What makes it unbounded, as the user wrote it. */
  subject: string;
}

export interface SpanNameVerdict {
  /** The name's pieces in order: text, or an expression. */
  pieces: Array<{ text: string } | { node: TSESTree.Node }>;
  unbounded: UnboundedPart[];
  /** The name is a variable holding a composed name: the parts are not at hand to move into attributes. */
  indirect: boolean;
  /** For SQL text: the name OpenTelemetry's database conventions give the span (`SELECT orders`). */
  sqlSummary?: string;
}

/** What each reason makes of a span name, for messages. */
export const SPAN_NAME_REASON_TEXT: Record<SpanNameReason, string> = {
  url: 'one span name per URL',
  ip: 'one span name per client IP address',
  id: 'one span name per id',
  user: 'one span name per user',
  unique: 'a new span name on every call',
  time: 'a new span name on every call',
  'error-message': 'one span name per error message',
  header: 'one span name per header value',
  query: 'one span name per query-string value',
  body: 'one span name per request-body value',
  fallback: 'one span name per unmatched URL',
  email: 'one span name per e-mail address',
  token: 'one span name per token',
  sql: 'one span name per SQL statement',
};

const SQL_NAMES = new Set(['query', 'querytext', 'querystring', 'statement', 'sqltext']);
/** SQL as a statement reads, not a name that starts with a verb (`update order` is fine). */
const SQL_TEXT = /^\s*(select\b[\s\S]*\bfrom\b|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b)/i;

export class SpanNameJudge {
  private readonly labels: LabelValueJudge;

  constructor(
    private readonly context: RuleContext,
    routeTemplates: ReadonlyArray<readonly string[]>,
  ) {
    this.labels = new LabelValueJudge(context, { routeTemplates });
  }

  judge(name: TSESTree.Node): SpanNameVerdict {
    const pieces = piecesOf(name);
    const unbounded: UnboundedPart[] = [];
    const text = pieces.map((piece) => ('text' in piece ? piece.text : '?')).join('');
    const sqlText = SQL_TEXT.test(text);
    for (const piece of pieces) {
      if (!('node' in piece)) continue;
      const verdict = this.labels.judge(piece.node);
      const subject = truncate(this.context.sourceCode.getText(piece.node));
      if (verdict.bounded === false)
        unbounded.push({
          node: piece.node,
          reason: verdict.reason,
          subject: verdict.origin ? `${subject} (${verdict.origin})` : subject,
        });
      else if (sqlText || isSqlName(piece.node)) unbounded.push({ node: piece.node, reason: 'sql', subject });
    }
    const only = unwrap(name);
    const indirect = only.type === AST_NODE_TYPES.Identifier && composedConstant(only, this.context);
    if (sqlText && unbounded.length > 0) {
      // The whole statement is the value; the name is its operation and table.
      return {
        pieces,
        unbounded: [{ node: name, reason: 'sql', subject: truncate(this.context.sourceCode.getText(name)) }],
        indirect,
        sqlSummary: sqlSummaryOf(text),
      };
    }
    return { pieces, unbounded, indirect };
  }
}

/** A template literal's text and expressions, a `+` chain's operands, or the whole expression. */
function piecesOf(name: TSESTree.Node): SpanNameVerdict['pieces'] {
  const value = unwrap(name);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    const pieces: SpanNameVerdict['pieces'] = [];
    value.quasis.forEach((quasi, index) => {
      if (quasi.value.cooked) pieces.push({ text: quasi.value.cooked });
      const expression = value.expressions[index];
      if (expression) pieces.push({ node: expression });
    });
    return pieces;
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return [...piecesOf(value.left), ...piecesOf(value.right)];
  }
  if (value.type === AST_NODE_TYPES.Literal)
    return typeof value.value === 'string' ? [{ text: value.value }] : [{ node: value }];
  return [{ node: value }];
}

function isSqlName(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  const name =
    value.type === AST_NODE_TYPES.Identifier
      ? value.name
      : value.type === AST_NODE_TYPES.MemberExpression
        ? memberName(value)
        : undefined;
  if (name === undefined) return false;
  // `req.query` is the query string, judged as such by the label-value judgement.
  const owner = value.type === AST_NODE_TYPES.MemberExpression ? staticChain(value.object)?.at(-1) : undefined;
  if (owner !== undefined && /^(req|request|ctx|context)$/.test(owner)) return false;
  const words = splitWords(name);
  return words.includes('sql') || SQL_NAMES.has(words.join(''));
}

/** `SELECT … FROM orders` → `SELECT orders` ({db.operation.name} {db.collection.name}). */
function sqlSummaryOf(text: string): string {
  const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
  const table = /\b(?:from|into|update)\s+([A-Za-z_][\w.]*)/i.exec(text)?.[1];
  return table ? `${operation} ${table}` : operation;
}

/** `const spanName = \`GET ${req.url}\``: a variable holding a composed name. */
function composedConstant(identifier: TSESTree.Identifier, context: RuleContext): boolean {
  const def = findVariable(context.sourceCode.getScope(identifier), identifier.name)?.defs[0];
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
  const init = unwrap(def.node.init);
  return (
    init.type === AST_NODE_TYPES.TemplateLiteral ||
    (init.type === AST_NODE_TYPES.BinaryExpression && init.operator === '+')
  );
}

/** The attribute a moved value is recorded under: OpenTelemetry's semantic conventions where one fits. */
export function attributeKeyFor(part: UnboundedPart): string {
  switch (part.reason) {
    case 'url':
    case 'fallback':
      return 'url.path';
    case 'sql':
      return 'db.query.text';
    case 'ip':
      return 'client.address';
    case 'user':
      return 'enduser.id';
    case 'email':
      return 'user.email';
    case 'error-message':
      return 'exception.message';
    case 'query':
      return 'url.query';
    case 'time':
      return 'app.timestamp';
    default:
      break;
  }
  const chain = staticChain(part.node) ?? [];
  const words = chain
    .filter((segment) => !/^(this|req|request|ctx|context|params|query|body|input|args|data)$/.test(segment))
    .flatMap((segment) => splitWords(segment));
  const key = words.join('.');
  return key.includes('.') ? key : `app.${key || 'value'}`;
}
