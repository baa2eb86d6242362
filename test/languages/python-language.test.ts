import * as assert from 'node:assert/strict';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';

const CWD = '/project';
const FILE = `${CWD}/app/main.py`;

function callsRule(): Linter.Config {
  return {
    files: ['**/*.py'],
    plugins: {
      probe: {
        rules: {
          calls: {
            meta: { languages: ['observability/python'], messages: { call: 'call {{name}}' } },
            create(context) {
              return {
                call(node: { children: { text: string }[] }) {
                  context.report({ node: node, messageId: 'call', data: { name: node.children[0].text } });
                },
              };
            },
          },
        },
      },
    },
    rules: { 'probe/calls': 'error' },
  };
}

describe('the Python language (tree-sitter grammar through ESLint)', () => {
  const linter = new Linter({ cwd: CWD });
  const python = [plugin.configs.python as Linter.Config, callsRule()];

  it('parses Python and reports with 1-based lines and columns', () => {
    const messages = linter.verify('import logging\nlog = logging.getLogger(__name__)\n', python, { filename: FILE });
    assert.deepEqual(
      messages.map(({ message, line, column, endColumn }) => ({ message, line, column, endColumn })),
      [{ message: 'call logging.getLogger', line: 2, column: 7, endColumn: 34 }],
    );
  });

  it('counts columns in UTF-16 code units, as editors do', () => {
    const [message] = linter.verify('x = "héllo😀"; print(x)\n', python, { filename: FILE });
    assert.equal(message.column, 16);
  });

  it('fails on a syntax error as JavaScript does: one fatal message at the error, no rule runs', () => {
    const messages = linter.verify('def f(:\n    print(1)\n', python, { filename: FILE });
    assert.equal(messages.length, 1);
    assert.equal(messages[0].fatal, true);
    assert.match(messages[0].message, /^Parsing error: Syntax error/);
    assert.deepEqual([messages[0].line, messages[0].column], [1, 7]);
  });

  it('honours # eslint-disable-line and # eslint-disable-next-line comments', () => {
    const text =
      'print(1)  # eslint-disable-line probe/calls\n# eslint-disable-next-line probe/calls\nprint(2)\nprint(3)\n';
    const messages = linter.verify(text, python, { filename: FILE });
    assert.deepEqual(
      messages.map(({ line }) => line),
      [4],
    );
  });

  it('keeps the JavaScript configs off Python files, so a JavaScript-only rule never meets a Python tree', () => {
    const configs = [plugin.configs.all as Linter.Config, ...python];
    assert.doesNotThrow(() => linter.verify('print(1)\n', configs, { filename: FILE }));
    const jsOnly = Object.entries(plugin.rules).filter(
      ([, rule]) => !(rule.meta as { languages?: string[] }).languages?.includes('observability/python'),
    );
    assert.ok(jsOnly.length > 0);
    for (const [, rule] of jsOnly) assert.deepEqual((rule.meta as { languages?: string[] }).languages, ['js/js']);
  });

  it('refuses a JavaScript-only rule turned on for a Python file, naming it', () => {
    const config: Linter.Config[] = [
      ...python,
      { files: ['**/*.py'], rules: { 'observability/require-span-end': 'warn' } },
    ];
    assert.throws(() => linter.verify('print(1)\n', config, { filename: FILE }), /require-span-end/);
  });

  it('has no language options, and says so for an unknown one', () => {
    assert.throws(
      () =>
        linter.verify('print(1)\n', [...python, { files: ['**/*.py'], languageOptions: { version: 3 } }], {
          filename: FILE,
        }),
      /no language options/,
    );
  });
});
