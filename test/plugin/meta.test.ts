import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import plugin from 'eslint-plugin-observability';
import { repoRoot } from '../helpers';

interface RuleMeta {
  type?: string;
  docs?: { url?: string; description?: string; recommended?: string | false };
  messages?: Record<string, string>;
  schema?: unknown;
}

const root = repoRoot();
const rules = plugin.rules as Record<string, { meta: RuleMeta }>;
const ruleIds = Object.keys(rules);
const readmePath = path.join(root, 'README.md');

describe('plugin meta', () => {
  it('exports meta with the package name and version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'eslint-plugin', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    assert.equal(plugin.meta.name, 'eslint-plugin-observability');
    assert.equal(plugin.meta.version, pkg.version);
  });

  it('indexes every rule file in src/rules', () => {
    const files = fs
      .readdirSync(path.join(root, 'eslint-plugin', 'src', 'rules'))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''));
    assert.deepEqual([...files].sort(), [...ruleIds].sort());
  });

  for (const id of ruleIds) {
    describe(id, () => {
      const meta = rules[id].meta;

      it('is kebab-case with camelCase message ids', () => {
        assert.match(id, /^[a-z]+(-[a-z]+)*$/);
        for (const messageId of Object.keys(meta.messages ?? {})) assert.match(messageId, /^[a-z][a-zA-Z]*$/);
      });

      it('has a docs URL derived from its name that points at its docs page', () => {
        assert.ok(meta.docs?.url?.endsWith(`/eslint-plugin/docs/rules/${id}.md`), meta.docs?.url);
      });

      it('has a docs page with what, why, flagged and accepted examples, options and fixes', () => {
        const docsFile = path.join(root, 'eslint-plugin', 'docs', 'rules', `${id}.md`);
        assert.ok(fs.existsSync(docsFile), `${docsFile} is missing`);
        const docs = fs.readFileSync(docsFile, 'utf8');
        assert.ok(docs.startsWith(`# observability/${id}\n`), 'docs start with the rule id as title');
        assert.ok(docs.includes(meta.docs?.description ?? '\u0000'), 'docs repeat the rule description');
        assert.ok(
          docs.includes('<!-- end auto-generated rule header -->'),
          'docs have the generated header (`npm run docs`)',
        );
        for (const heading of ['## Why', '## Examples', '### Flagged', '### Accepted', '## Options']) {
          assert.ok(docs.includes(heading), `docs lack "${heading}"`);
        }
        assert.ok(docs.includes('## Suggestions') || docs.includes('## Fixes'), 'docs describe the fixes');
      });

      it('has a rule test file', () => {
        assert.ok(fs.existsSync(path.join(root, 'test', 'rules', `${id}.test.ts`)));
      });

      it('has an options schema', () => {
        assert.ok(Array.isArray(meta.schema), 'schema is an array (positional options)');
      });

      it('is in configs.all, and in configs.recommended exactly when docs.recommended says so', () => {
        assert.ok(plugin.configs.all.rules?.[`observability/${id}`], 'configs.all lists it');
        assert.equal(plugin.configs.recommended.rules?.[`observability/${id}`], meta.docs?.recommended || undefined);
      });
    });
  }

  it('configs refer to the plugin itself under the observability prefix', () => {
    assert.equal(plugin.configs.recommended.plugins?.observability, plugin);
    assert.equal(plugin.configs.all.plugins?.observability, plugin);
    assert.equal(plugin.configs.recommended.name, 'observability/recommended');
  });

  it('README lists every rule between the generated markers (`npm run docs:check` compares the whole list)', () => {
    const readme = fs.readFileSync(readmePath, 'utf8');
    const list = readme.slice(
      readme.indexOf('<!-- begin auto-generated rules list -->'),
      readme.indexOf('<!-- end auto-generated rules list -->'),
    );
    for (const id of ruleIds) assert.ok(list.includes(`[${id}](eslint-plugin/docs/rules/${id}.md)`), id);
  });

  it('README starts with the two commands a newcomer runs', () => {
    const readme = fs.readFileSync(readmePath, 'utf8');
    const install = readme.indexOf('npm install && npm start');
    const test = readme.indexOf('npm test');
    assert.ok(install > 0 && test > install, 'Quick start shows `npm install && npm start`, then `npm test`');
    assert.ok(
      fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8').includes('npm test'),
      '.ci/run calls the README test command',
    );
  });
});
