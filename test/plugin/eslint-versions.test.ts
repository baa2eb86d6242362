import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import plugin from 'eslint-plugin-observability';
import { repoRoot } from '../helpers';

/** ESLint 10 is the dev dependency `eslint`; ESLint 9 is installed under the alias `eslint-v9`. */
const versions: Array<[label: string, module: string]> = [
  ['ESLint 10', 'eslint'],
  ['ESLint 9', 'eslint-v9'],
];
const extensions = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'];
const source = (ext: string): string =>
  ext === 'cjs' || ext === 'cts'
    ? "const pino = require('pino');\nconst logger = pino();\nfunction login(req) { logger.info({ password: req.body.password }); }\nmodule.exports = { login };\n"
    : `import pino from 'pino';\nconst logger = pino();\nexport function login(req${ext.startsWith('t') || ext === 'mts' ? ': any' : ''}) { logger.info({ password: req.body.password }); }\n`;

interface LintMessage {
  ruleId: string | null;
  line: number;
  fatal?: boolean;
  message: string;
}
interface ESLintLike {
  lintText(code: string, options: { filePath: string }): Promise<Array<{ messages: LintMessage[] }>>;
}
interface ESLintModule {
  ESLint: new (options: Record<string, unknown>) => ESLintLike;
}

describe('works in ESLint 9 and 10 flat config', () => {
  const root = repoRoot();
  for (const [label, module] of versions) {
    describe(label, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ESLint } = require(module) as ESLintModule;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tsParser = require('@typescript-eslint/parser') as unknown;
      const eslint = new ESLint({
        cwd: root,
        overrideConfigFile: true,
        overrideConfig: [
          { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
          {
            files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
            languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
          },
          plugin.configs.all,
        ],
      });
      it('reports in .py files (the Python language, after the one await)', async () => {
        await plugin.languages.python.load();
        const python = new ESLint({
          cwd: root,
          overrideConfigFile: true,
          overrideConfig: [plugin.configs.all, plugin.configs.python],
        });
        const [result] = await python.lintText(
          'import logging\nlog = logging.getLogger(__name__)\n\ndef login(password):\n    log.info("login %s", password)\n',
          { filePath: path.join(root, 'examples', 'express-service', 'src', 'sample.py') },
        );
        assert.deepEqual(
          result.messages.map((m) => [m.ruleId, m.line]),
          [['observability/no-pii-in-logs', 5]],
        );
      });
      for (const ext of extensions) {
        it(`reports in .${ext} files`, async () => {
          const [result] = await eslint.lintText(source(ext), {
            filePath: path.join(root, 'examples', 'express-service', 'src', `sample.${ext}`),
          });
          const messages = result.messages;
          assert.deepEqual(
            messages.filter((m) => m.fatal).map((m) => m.message),
            [],
          );
          assert.deepEqual(
            messages.map((m) => [m.ruleId, m.line]),
            [['observability/no-pii-in-logs', 3]],
          );
        });
      }
    });
  }

  it('loads through import() as well as require()', async () => {
    const imported = (await import('eslint-plugin-observability')) as { default: typeof plugin };
    assert.equal(imported.default.rules['no-pii-in-logs'], plugin.rules['no-pii-in-logs']);
  });
});
