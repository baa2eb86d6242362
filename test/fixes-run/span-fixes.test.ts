import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { Linter } from 'eslint';
import * as ts from 'typescript';
import { fixturePath, observabilityConfig, repoRoot } from '../helpers';

/**
 * The tracing rules' suggestions, proven by running the code they fix against a real OpenTelemetry SDK: a payment
 * step whose span leaks when the payment throws, whose catch leaves the span green, and whose span name carries the
 * order id. Before the fixes no span is exported; after them, one ended span with status ERROR, an exception event,
 * a constant name and the id as an attribute.
 */

const RULES = ['require-span-end', 'record-span-errors', 'low-cardinality-span-names'].map(
  (id) => `observability/${id}`,
);
const config = observabilityConfig(Object.fromEntries(RULES.map((id) => [id, 'warn'])));
const runDir = path.join(repoRoot(), 'out', 'test', 'span-fixes-run');

interface Order {
  id: string;
  status?: string;
  pay(): Promise<void>;
}
type Charge = (order: Order) => Promise<Order>;

/** Remembers every span started, ended or not: a leaked span is never exported, but it was started. */
class StartedSpans implements SpanProcessor {
  readonly spans: Span[] = [];
  onStart(span: Span): void {
    this.spans.push(span);
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function findings(code: string, filename: string): Linter.LintMessage[] {
  return new Linter()
    .verify(code, config, filename)
    .filter((message) => message.fatal || (message.ruleId && RULES.includes(message.ruleId)));
}

/** Applies the rules' suggestions one at a time (the first of each finding), linting again after each, as an editor does. */
function applySuggestions(code: string, filename: string): { code: string; applied: string[] } {
  const applied: string[] = [];
  for (let round = 0; round < 10; round++) {
    const finding = findings(code, filename).find((message) => message.suggestions?.length);
    if (!finding) return { code, applied };
    const { fix } = finding.suggestions![0];
    code = code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
    applied.push(finding.ruleId!);
  }
  throw new Error(`suggestions still offered after 10 rounds:\n${code}`);
}

function load(file: string): Charge {
  delete require.cache[require.resolve(file)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { charge: Charge }).charge;
}

const declined = (): Order => ({ id: 'order-17', pay: () => Promise.reject(new Error('card declined')) });
const accepted = (): Order => ({ id: 'order-18', pay: () => Promise.resolve() });

describe('tracing fixes run: spans exported with errors recorded', function () {
  this.timeout(120_000);
  const exporter = new InMemorySpanExporter();
  const started = new StartedSpans();

  before(() => {
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.mkdirSync(runDir, { recursive: true });
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), started] }),
    );
  });
  beforeEach(() => {
    exporter.reset();
    started.spans.length = 0;
  });
  after(() => trace.disable());

  /** Runs `charge` on a declined payment: it must reject, as the original did. */
  async function declinedRun(charge: Charge): Promise<void> {
    await assert.rejects(charge(declined()));
  }

  function assertErrorSpan(spans: readonly ReadableSpan[], message: RegExp): void {
    assert.equal(spans.length, 1, 'one ended span exported');
    const [span] = spans;
    assert.equal(span.name, 'charge', 'a constant span name');
    assert.equal(span.attributes['order.id'], 'order-17', 'the order id as an attribute');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    const exception = span.events.find((event) => event.name === 'exception');
    assert.ok(exception, 'an exception event');
    assert.match(String(exception.attributes?.['exception.message']), message);
  }

  it('JavaScript (CommonJS): the leaked, green span becomes one ended ERROR span with the exception', async () => {
    const filename = fixturePath('run-spans', 'charge.js');
    const original = fs.readFileSync(filename, 'utf8');
    const before = path.join(runDir, 'charge-before.js');
    fs.writeFileSync(before, original);

    await declinedRun(load(before));
    assert.equal(
      exporter.getFinishedSpans().length,
      0,
      'before the fixes, the span of a failed payment is never exported',
    );
    assert.equal(started.spans.length, 1);
    assert.equal(started.spans[0].ended, false, 'it was started and never ended');
    assert.equal(started.spans[0].status.code, SpanStatusCode.UNSET);
    assert.equal(started.spans[0].name, 'charge order-17', 'one span name per order');

    const { code: fixed, applied } = applySuggestions(original, filename);
    assert.deepEqual([...applied].sort(), [
      'observability/low-cardinality-span-names',
      'observability/record-span-errors',
      'observability/require-span-end',
    ]);
    assert.deepEqual(findings(fixed, filename), [], 'the fixed code parses and no rule reports it again (idempotent)');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const espree = require('espree') as { parse(code: string, options: unknown): unknown };
    assert.doesNotThrow(() => espree.parse(fixed, { ecmaVersion: 'latest', sourceType: 'commonjs' }));
    assert.match(
      fixed,
      /const \{ SpanStatusCode \} = require\('@opentelemetry\/api'\);/,
      'SpanStatusCode required, CommonJS style',
    );

    const after = path.join(runDir, 'charge-fixed.js');
    fs.writeFileSync(after, fixed);
    exporter.reset();
    started.spans.length = 0;
    await declinedRun(load(after));
    assertErrorSpan(exporter.getFinishedSpans(), /card declined/);

    // The successful path still ends the span, with no error on it.
    exporter.reset();
    const order = await load(after)(accepted());
    assert.equal(order.status, 'paid');
    const [ok] = exporter.getFinishedSpans();
    assert.equal(ok?.status.code, SpanStatusCode.UNSET);
    assert.equal(ok?.events.length, 0);
  });

  it('TypeScript (startActiveSpan, catch without a parameter): the fixed module type-checks under strict and runs', async () => {
    const filename = fixturePath('run-spans', 'charge.ts');
    const original = fs.readFileSync(filename, 'utf8');
    const compile = (code: string): string =>
      ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } })
        .outputText;
    const before = path.join(runDir, 'charge-ts-before.js');
    fs.writeFileSync(before, compile(original));
    await declinedRun(load(before));
    assert.equal(exporter.getFinishedSpans().length, 0, 'before the fixes, nothing is exported');
    assert.equal(started.spans[0]?.ended, false);

    const { code: fixed, applied } = applySuggestions(original, filename);
    assert.deepEqual([...applied].sort(), [
      'observability/low-cardinality-span-names',
      'observability/record-span-errors',
      'observability/require-span-end',
    ]);
    assert.deepEqual(findings(fixed, filename), [], 'idempotent');
    assert.match(
      fixed,
      /import \{ trace, SpanStatusCode \} from '@opentelemetry\/api';/,
      'merged into the existing import',
    );
    assert.match(fixed, /catch \(err\) \{/, 'the catch got a parameter');

    const checkDir = path.join(runDir, 'typecheck');
    fs.mkdirSync(checkDir, { recursive: true });
    fs.writeFileSync(path.join(checkDir, 'charge.ts'), fixed);
    fs.writeFileSync(
      path.join(checkDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          skipLibCheck: true,
          types: [],
          typeRoots: [],
        },
        files: ['charge.ts'],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [path.join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', checkDir],
      { encoding: 'utf8' },
    );
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr + '\n' + fixed);

    const after = path.join(runDir, 'charge-ts-fixed.js');
    fs.writeFileSync(after, compile(fixed));
    exporter.reset();
    await declinedRun(load(after));
    assertErrorSpan(exporter.getFinishedSpans(), /^card declined$/);
  });
});
