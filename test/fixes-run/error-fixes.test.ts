import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import * as ts from 'typescript';
import { defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { fixturePath, observabilityConfig, repoRoot } from '../helpers';

/** The three error rules, run together: a fix for one must not make another report. */
const ERROR_RULES = ['no-swallowed-errors', 'preserve-error-details', 'prefer-structured-logging'].map(
  (rule) => `observability/${rule}`,
);

type LogLine = Record<string, unknown> & {
  msg?: string;
  err?: { type?: string; message?: string; stack?: string };
  error?: unknown;
};

/**
 * A copy of test/fixtures/run-errors under out/ (so that `require('pino')` finds the repository's pino), with
 * src/orders.js written from its template: `placeOrder` catches an `OrderRejected` and handles it with
 * `handling` (a log call, or nothing).
 */
function serviceWith(handling: string): { dir: string; file: string } {
  const dir = path.join(repoRoot(), 'out', 'test', 'fixes-run', 'services', 'run-errors');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(fixturePath('run-errors'), dir, { recursive: true });
  const template = fs.readFileSync(path.join(dir, 'src', 'orders.js.template'), 'utf8');
  const file = path.join(dir, 'src', 'orders.js');
  const code = handling ? template.replace('LOSSY_LOG_CALL;', handling) : template.replace(/\n\s*LOSSY_LOG_CALL;/, '');
  fs.writeFileSync(file, code);
  return { dir, file };
}

/** Loads the service afresh (real pino writing to a stream), places an order that fails, returns the log lines. */
async function linesAfterFailure(dir: string): Promise<LogLine[]> {
  for (const name of ['orders.js', 'log-stream.js']) delete require.cache[path.join(dir, 'src', name)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lines } = require(path.join(dir, 'src', 'log-stream.js')) as { lines: LogLine[] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { placeOrder } = require(path.join(dir, 'src', 'orders.js')) as {
    placeOrder: (order: unknown) => Promise<boolean>;
  };
  assert.equal(await placeOrder({ id: 'o-17', items: [] }), false, 'the failure is handled: placeOrder answers false');
  return lines.slice();
}

function lint(file: string): Linter.LintMessage[] {
  defaultAnalysisHost().invalidate();
  const linter = new Linter({ cwd: repoRoot() });
  const messages = linter.verify(
    fs.readFileSync(file, 'utf8'),
    observabilityConfig(Object.fromEntries(ERROR_RULES.map((rule) => [rule, 'warn']))),
    { filename: file },
  );
  const fatal = messages.find((message) => message.fatal);
  assert.ok(!fatal, `${file} parses: ${fatal?.message}`);
  return messages.filter((message) => message.ruleId && ERROR_RULES.includes(message.ruleId));
}

/** Applies the first suggestion of the one finding of `ruleId` through its text edit, as an editor would. */
function applySuggestion(file: string, ruleId: string, messageId: string): string {
  const findings = lint(file);
  assert.deepEqual(
    findings.map((finding) => `${finding.ruleId}:${finding.messageId}`),
    [`observability/${ruleId}:${messageId}`],
  );
  const suggestion = findings[0].suggestions?.[0];
  assert.ok(suggestion, 'the finding offers a suggestion');
  const text = fs.readFileSync(file, 'utf8');
  const fixed = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
  fs.writeFileSync(file, fixed);
  return fixed;
}

function assertErrorSerialized(line: LogLine | undefined): void {
  assert.ok(line, 'a log line is written');
  assert.equal(line.level, 50, 'at error level');
  assert.equal(line.err?.type, 'OrderRejected', 'err.type names the error class');
  assert.equal(line.err?.message, 'order o-17 has no items');
  assert.match(
    line.err?.stack ?? '',
    /^OrderRejected: order o-17 has no items\n\s+at saveOrder /,
    'err.stack is the stack trace',
  );
}

describe('error fixes run for real (pino writing to a stream)', function () {
  this.timeout(120_000);

  const lossy: Array<{ name: string; call: string; messageId: string; before: (line: LogLine) => void }> = [
    {
      name: 'an Error under another key than err',
      call: "logger.error({ error: err }, 'order not saved');",
      messageId: 'errorUnderKey',
      // JSON keeps only own enumerable properties: the `name` the subclass assigns, never message or stack.
      before: (line) =>
        assert.deepEqual(line.error, { name: 'OrderRejected' }, 'pino writes the Error without message and stack'),
    },
    {
      name: 'an Error after a message without placeholders',
      call: "logger.error('order not saved', err);",
      messageId: 'errorDropped',
      before: (line) => {
        assert.equal(line.msg, 'order not saved');
        assert.equal(line.err, undefined, 'pino drops the Error');
        assert.doesNotMatch(JSON.stringify(line), /OrderRejected|no items/);
      },
    },
    {
      name: 'the error message interpolated into the message',
      call: 'logger.error(`order not saved: ${err.message}`);',
      messageId: 'errorAsText',
      before: (line) => {
        assert.equal(line.msg, 'order not saved: order o-17 has no items');
        assert.equal(line.err, undefined);
        assert.doesNotMatch(JSON.stringify(line), /OrderRejected|at saveOrder/, 'neither type nor stack');
      },
    },
  ];

  for (const { name, call, messageId, before } of lossy) {
    it(`preserve-error-details: ${name} gets its type, message and stack back`, async () => {
      const { dir, file } = serviceWith(call);
      const beforeLines = await linesAfterFailure(dir);
      assert.equal(beforeLines.length, 1);
      before(beforeLines[0]);
      assert.equal(beforeLines[0].err?.stack, undefined, 'no stack before the fix');

      const fixed = applySuggestion(file, 'preserve-error-details', messageId);
      assert.match(fixed, /logger\.error\(\{ err \}, 'order not saved'\);/);
      assert.deepEqual(lint(file), [], 'the fixed code parses and no error rule reports it again');

      const afterLines = await linesAfterFailure(dir);
      assert.equal(afterLines.length, 1);
      assertErrorSerialized(afterLines[0]);
      assert.equal(afterLines[0].msg, 'order not saved');
    });
  }

  it('no-swallowed-errors: a swallowed failure appears in the log after the fix', async () => {
    const { dir, file } = serviceWith('');
    assert.deepEqual(await linesAfterFailure(dir), [], 'before the fix the failure leaves no log line');

    const fixed = applySuggestion(file, 'no-swallowed-errors', 'swallowed');
    assert.match(fixed, /\} catch \(err\) \{\n {4}logger\.error\(\{ err \}, 'saveOrder failed'\);\n {4}return false;/);
    assert.deepEqual(lint(file), [], 'the fixed code parses and no error rule reports it again');

    const afterLines = await linesAfterFailure(dir);
    assert.equal(afterLines.length, 1);
    assertErrorSerialized(afterLines[0]);
    assert.equal(afterLines[0].msg, 'saveOrder failed');
  });

  it('no-swallowed-errors: the rethrow suggestion keeps the original as cause', async () => {
    const { dir, file } = serviceWith('');
    const findings = lint(file);
    const rethrow = findings[0]?.suggestions?.find((candidate) => candidate.messageId === 'rethrowWithCause');
    // The handler ends with `return false`: a throw after it would never run, so none is offered.
    assert.equal(rethrow, undefined);
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(/\n\s*return false;\n(\s*\}\n\s*\}\n\nmodule)/, '\n$1'),
    );
    const [finding] = lint(file);
    const suggestion = finding?.suggestions?.find((candidate) => candidate.messageId === 'rethrowWithCause');
    assert.ok(suggestion);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]),
    );
    assert.deepEqual(lint(file), []);
    for (const name of ['orders.js', 'log-stream.js']) delete require.cache[path.join(dir, 'src', name)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { placeOrder } = require(path.join(dir, 'src', 'orders.js')) as {
      placeOrder: (order: unknown) => Promise<boolean>;
    };
    await assert.rejects(placeOrder({ id: 'o-17', items: [] }), (error: Error & { cause?: Error }) => {
      assert.equal(error.message, 'saveOrder failed');
      assert.equal(error.cause?.name, 'OrderRejected');
      return true;
    });
  });

  it('TypeScript: every suggestion of the three rules, applied in turn, type-checks in strict mode and leaves nothing to report', () => {
    const dir = path.join(repoRoot(), 'out', 'test', 'fixes-run', 'services', 'run-errors-ts');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(fixturePath('run-errors-ts'), dir, { recursive: true });
    const files = ['pino-orders.ts', 'orders.service.ts', 'winston-orders.ts'].map((name) =>
      path.join(dir, 'src', name),
    );
    const applied: string[] = [];
    for (const file of files) {
      for (let round = 0; ; round++) {
        assert.ok(round < 20, `${file}: the suggestions converge`);
        const finding = lint(file).find((message) => message.suggestions?.length);
        if (!finding) break;
        const suggestion = finding.suggestions![0];
        const text = fs.readFileSync(file, 'utf8');
        fs.writeFileSync(
          file,
          text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]),
        );
        applied.push(`${path.basename(file)} ${finding.ruleId}:${finding.messageId}`);
      }
      assert.deepEqual(
        lint(file).map((message) => `${message.line} ${message.ruleId}:${message.messageId}`),
        [],
        `${file}: nothing left to report`,
      );
    }
    assert.deepEqual(applied.sort(), [
      'orders.service.ts observability/no-swallowed-errors:swallowed',
      'orders.service.ts observability/preserve-error-details:errorAsText',
      'pino-orders.ts observability/no-swallowed-errors:swallowed',
      'pino-orders.ts observability/no-swallowed-errors:swallowed',
      'pino-orders.ts observability/prefer-structured-logging:console',
      'pino-orders.ts observability/prefer-structured-logging:interpolated',
      'pino-orders.ts observability/preserve-error-details:errorAsText',
      'pino-orders.ts observability/preserve-error-details:errorUnderKey',
      'winston-orders.ts observability/no-swallowed-errors:swallowed',
      'winston-orders.ts observability/prefer-structured-logging:interpolated',
      'winston-orders.ts observability/preserve-error-details:errorUnderKey',
    ]);
    const program = ts.createProgram(files, {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      esModuleInterop: true,
      experimentalDecorators: true,
      noUnusedLocals: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file
        ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1} `
        : '';
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    });
    assert.deepEqual(diagnostics, [], files.map((file) => fs.readFileSync(file, 'utf8')).join('\n'));
  });
});
