import * as fs from 'node:fs';
import * as path from 'node:path';
import plugin from 'eslint-plugin-observability';

export const TABLE_START = '<!-- begin auto-generated rules list -->';
export const TABLE_END = '<!-- end auto-generated rules list -->';

interface RuleMeta {
  type?: string;
  fixable?: string;
  hasSuggestions?: boolean;
  docs?: { description?: string; recommended?: string | false; usesTypeInformation?: boolean };
}

/** The README's rule table, generated from each rule's `meta` so it cannot drift from the code. */
export function renderRuleTable(): string {
  const rows = Object.entries(plugin.rules as Record<string, { meta: RuleMeta }>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, rule]) => {
      const docs = rule.meta.docs ?? {};
      const recommended = docs.recommended ? `${docs.recommended === 'error' ? '🔴' : '🟡'} ${docs.recommended}` : '';
      const fix = [rule.meta.fixable ? '🔧' : '', rule.meta.hasSuggestions ? '💡' : ''].join('');
      const types = docs.usesTypeInformation ? '💭' : '';
      return `| [${id}](eslint-plugin/docs/rules/${id}.md) | ${docs.description ?? ''} | ${recommended} | ${fix} | ${types} |`;
    });
  return [
    TABLE_START,
    '',
    '🔴/🟡 severity in `configs.recommended` · 🔧 autofix · 💡 suggestions · 💭 uses type information when available',
    '',
    '| Rule | Description | Recommended | Fixes | Types |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    TABLE_END,
  ].join('\n');
}

/** Replaces the table between the markers; throws when the markers are missing. */
export function withRuleTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md must contain ${TABLE_START} … ${TABLE_END}`);
  return readme.slice(0, start) + renderRuleTable() + readme.slice(end + TABLE_END.length);
}

export function readmePath(): string {
  return path.join(__dirname, '..', '..', 'README.md');
}

if (require.main === module) {
  const file = readmePath();
  const before = fs.readFileSync(file, 'utf8');
  const after = withRuleTable(before);
  if (process.argv.includes('--check')) {
    if (before !== after) {
      console.error('README.md rule table is stale: run `npm run docs`.');
      process.exit(1);
    }
  } else if (before !== after) {
    fs.writeFileSync(file, after);
    console.log('README.md rule table updated.');
  } else {
    console.log('README.md rule table is current.');
  }
}
