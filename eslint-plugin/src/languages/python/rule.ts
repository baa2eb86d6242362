import { ESLintUtils } from '@typescript-eslint/utils';
import { PYTHON_LANGUAGE_ID } from './language';
import type { PyNode, Position, SourceLocation } from './nodes';
import { PythonSourceCode } from './source-code';

/** ESLint's id of JavaScript (and TypeScript, through a parser): what every rule of this plugin supports. */
export const JS_LANGUAGE_ID = 'js/js';

export interface PythonFix {
  range: [number, number];
  text: string;
}

/** The fixer ESLint hands to a fix function; Python fixes work on ranges. */
export interface PythonFixer {
  insertTextBeforeRange(range: [number, number], text: string): PythonFix;
  insertTextAfterRange(range: [number, number], text: string): PythonFix;
  replaceTextRange(range: [number, number], text: string): PythonFix;
  removeRange(range: [number, number]): PythonFix;
}

export type PythonFixFunction = (fixer: PythonFixer) => PythonFix | PythonFix[] | null;

export interface PythonSuggestion<MessageId extends string = string> {
  messageId: MessageId;
  data?: Record<string, string>;
  fix: PythonFixFunction;
}

export interface PythonReport<MessageId extends string = string> {
  node?: PyNode;
  loc?: SourceLocation | Position;
  messageId: MessageId;
  data?: Record<string, string>;
  fix?: PythonFixFunction | null;
  suggest?: PythonSuggestion<MessageId>[];
}

/** What a rule's Python half sees of ESLint's rule context. */
export interface PythonRuleContext<MessageId extends string = string> {
  sourceCode: PythonSourceCode;
  filename: string;
  physicalFilename: string;
  cwd: string;
  settings: Record<string, unknown>;
  report(descriptor: PythonReport<MessageId>): void;
}

export type PythonListeners = Record<string, (node: PyNode) => void>;

/**
 * The Python half of a rule: the same concern and the same options as its JavaScript half, over Python trees.
 * `messages` adds the messages only Python needs (its suggestions name Python code).
 */
export interface PythonRuleHalf<Options, MessageId extends string = string> {
  messages?: Record<MessageId, string>;
  create(context: PythonRuleContext<MessageId>, options: Options): PythonListeners;
}

export interface RuleLike {
  meta: { messages: Record<string, string>; languages?: string[] };
  defaultOptions?: readonly unknown[];
  create(context: never): unknown;
}

export function isPythonSource(sourceCode: unknown): sourceCode is PythonSourceCode {
  return sourceCode instanceof PythonSourceCode;
}

/**
 * One rule for both languages: ESLint sees one id, one schema and one set of options; the rule declares both
 * languages in `meta.languages`, and each file goes to the half for its language.
 */
export function withPython<Rule extends RuleLike, Options>(rule: Rule, python: PythonRuleHalf<Options, string>): Rule {
  const defaults = (rule.defaultOptions ?? []) as unknown as [Options];
  return {
    ...rule,
    meta: {
      ...rule.meta,
      languages: [JS_LANGUAGE_ID, PYTHON_LANGUAGE_ID],
      messages: { ...rule.meta.messages, ...python.messages },
    },
    create(context: { sourceCode: unknown; options: unknown[] }) {
      if (!isPythonSource(context.sourceCode)) return rule.create(context as never);
      const [options] = ESLintUtils.applyDefault(defaults, context.options as [Options]);
      return python.create(context as unknown as PythonRuleContext, options);
    },
  };
}

/**
 * Marks a rule as JavaScript only, so that ESLint (≥ 10.2) refuses it on a Python file instead of running it. ESLint
 * 9 does not read `meta.languages`; there a Python file turned on for such a rule gets no listeners instead of a
 * crash deep in JavaScript analysis.
 */
export function javascriptOnly<Rule extends RuleLike>(rule: Rule): Rule {
  if (rule.meta.languages) return rule;
  return {
    ...rule,
    meta: { ...rule.meta, languages: [JS_LANGUAGE_ID] },
    create(context: { sourceCode: unknown }) {
      return isPythonSource(context.sourceCode) ? {} : rule.create(context as never);
    },
  };
}
