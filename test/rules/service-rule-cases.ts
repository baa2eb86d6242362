import * as assert from 'node:assert/strict';
import { Linter } from 'eslint';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { fixturePath, observabilityConfig, repoRoot } from '../helpers';

/**
 * Table tests for the rules that judge a whole service (reported at the app's creation, fixed with inserted
 * code). Each invalid case checks the report and its first suggestion: the output parses, contains what the
 * template must insert, and a second pass of the same rule reports nothing (idempotence). The exact inserted
 * code is proven by running it (test/fixes-run/service-fixes.test.ts).
 */
/** Code every case starts from. */
export const EXPRESS = "import express from 'express';\n";
export const ROUTE = "app.get('/orders', (_req, res) => { res.json([]); });\n";
export const FASTIFY = "import Fastify from 'fastify';\n";
export const KOA = "import Koa from 'koa';\nimport Router from '@koa/router';\n";
export const HONO = "import { Hono } from 'hono';\n";
/** Next.js: the route file every Next.js case lints (it exists on disk, so the model finds it). */
export const NEXT_ROUTE = 'app/orders/route.ts';
export const NEXT_PLAIN = 'export async function GET(): Promise<Response> {\n  return Response.json([]);\n}\n';
export const NEXT_WRAPPED =
  "import { timedRoute } from '../../lib/observability';\nexport const GET = timedRoute('/orders', async () => Response.json([]));\n";
export const NEXT_LOGGED_ONLY =
  "import { withLogging } from '../../lib/observability';\nexport const GET = withLogging(async () => Response.json([]));\n";

export interface ServiceRuleCase {
  name: string;
  /** A fixture project under test/fixtures/service-rules (its package.json decides prom-client, pino…). */
  project: 'plain' | 'prom' | 'otel' | 'terminus' | 'pino' | 'next' | 'next-mw';
  file?: string;
  code: string;
  options?: Record<string, unknown>;
  /** Absent: the rule must not report. */
  error?: {
    messageId: string;
    line?: number;
    /** Fragments the message contains. */
    message?: string[];
    /** The suggestion offered (`null`: none is offered). */
    suggestion?: string | null;
    /** Fragments the suggestion's output contains. */
    output?: string[];
    /** Fragments the output must not contain. */
    notInOutput?: string[];
  };
}

export function lintWith(
  ruleId: string,
  filename: string,
  code: string,
  options?: Record<string, unknown>,
): Linter.LintMessage[] {
  const linter = new Linter({ cwd: repoRoot() });
  return linter.verify(
    code,
    observabilityConfig({ [`observability/${ruleId}`]: options ? ['warn', options] : 'warn' }),
    { filename },
  );
}

export function runServiceRuleCases(ruleId: string, cases: readonly ServiceRuleCase[]): void {
  describe(ruleId, () => {
    beforeEach(() => defaultAnalysisHost().invalidate());
    const valid = cases.filter((entry) => !entry.error);
    const invalid = cases.filter((entry) => entry.error);
    it(`has at least 40 cases, half of them negatives (${cases.length}: ${valid.length} valid, ${invalid.length} invalid)`, () => {
      assert.ok(cases.length >= 40);
      assert.ok(valid.length * 2 >= cases.length);
    });
    for (const entry of cases) {
      it(`${entry.error ? 'reports' : 'accepts'}: ${entry.name}`, () => {
        const filename = fixturePath('service-rules', entry.project, entry.file ?? 'src/app.ts');
        const messages = lintWith(ruleId, filename, entry.code, entry.options);
        const fatal = messages.find((message) => message.fatal);
        assert.equal(fatal, undefined, fatal?.message);
        const own = messages.filter((message) => message.ruleId === `observability/${ruleId}`);
        if (!entry.error) {
          assert.deepEqual(
            own.map((message) => message.message),
            [],
          );
          return;
        }
        const expected = entry.error;
        assert.equal(own.length, 1, JSON.stringify(own.map((message) => message.message)));
        const [report] = own as [Linter.LintMessage];
        assert.equal(report.messageId, expected.messageId);
        if (expected.line !== undefined) assert.equal(report.line, expected.line);
        for (const fragment of expected.message ?? [])
          assert.ok(report.message.includes(fragment), `message "${report.message}" lacks "${fragment}"`);
        const suggestion = report.suggestions?.[0];
        if (expected.suggestion === null) {
          assert.equal(suggestion, undefined, 'no suggestion is offered');
          return;
        }
        assert.ok(suggestion, 'a suggestion is offered');
        if (expected.suggestion) assert.equal(suggestion.messageId, expected.suggestion);
        const output =
          entry.code.slice(0, suggestion.fix.range[0]) +
          suggestion.fix.text +
          entry.code.slice(suggestion.fix.range[1]);
        for (const fragment of expected.output ?? [])
          assert.ok(output.includes(fragment), `output lacks "${fragment}":\n${output}`);
        for (const fragment of expected.notInOutput ?? [])
          assert.ok(!output.includes(fragment), `output has "${fragment}":\n${output}`);
        defaultAnalysisHost().invalidate();
        const again = lintWith(ruleId, filename, output, entry.options);
        const broken = again.find((message) => message.fatal);
        assert.equal(broken, undefined, `the output parses: ${broken?.message}\n${output}`);
        assert.deepEqual(
          again.filter((message) => message.ruleId === `observability/${ruleId}`).map((message) => message.message),
          [],
          `second pass offers nothing:\n${output}`,
        );
      });
    }
  });
}
