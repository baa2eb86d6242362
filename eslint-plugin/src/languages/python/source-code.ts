import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import type { PyComment, PyNode } from './nodes';

const commentParser = new ConfigCommentParser();

const DIRECTIVE_TYPES = new Set(['eslint-disable', 'eslint-enable', 'eslint-disable-line', 'eslint-disable-next-line']);

interface DirectiveProblem {
  ruleId: null;
  message: string;
  loc: PyComment['loc'];
}

/**
 * A Python file as ESLint sees it: its text, lines and locations (from plugin-kit's text base), the tree, its
 * comments, and `# eslint-disable…` comments honoured as in JavaScript.
 */
export class PythonSourceCode extends TextSourceCodeBase {
  declare ast: PyNode;
  readonly comments: PyComment[];

  constructor({ text, ast, comments }: { text: string; ast: PyNode; comments: PyComment[] }) {
    // `TextSourceCodeBase` is typed for its own AST shapes; a PyNode has the `loc` and `range` it reads.
    super({ text, ast: ast });
    this.comments = comments;
  }

  override getParent(node: PyNode): PyNode | undefined {
    return node.parent ?? undefined;
  }

  /** Enter and exit steps, depth first, in source order: what ESLint's traverser hands to the rules' listeners. */
  override traverse(): Iterable<VisitNodeStep> {
    const steps: VisitNodeStep[] = [];
    const visit = (node: PyNode): void => {
      steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node, node.parent] }));
      for (const child of node.children) visit(child);
      steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, node.parent] }));
    };
    visit(this.ast);
    return steps;
  }

  getDisableDirectives(): { problems: DirectiveProblem[]; directives: Directive[] } {
    const problems: DirectiveProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.comments) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed || !DIRECTIVE_TYPES.has(parsed.label)) continue;
      if (parsed.label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({
          ruleId: null,
          message: `${parsed.label} comment should not span multiple lines.`,
          loc: comment.loc,
        });
        continue;
      }
      directives.push(
        new Directive({
          type: parsed.label.slice('eslint-'.length) as 'disable' | 'enable' | 'disable-line' | 'disable-next-line',
          node: comment,
          value: parsed.value,
          justification: parsed.justification,
        }),
      );
    }
    return { problems, directives };
  }
}
