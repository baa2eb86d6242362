import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import plugin from 'eslint-plugin-observability';
import { repoRoot } from '../helpers';

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string; scope?: string }> }; commands: Array<{ command: string; title: string }>; snippets: Array<{ language: string; path: string }> };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;

describe('the VS Code extension manifest (root package.json)', () => {
  it('targets VS Code ^1.91.0 (vscode-languageclient 11) and activates on JS/TS files and eslint.config.*', () => {
    assert.equal(manifest.engines.vscode, '^1.91.0');
    for (const language of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    assert.ok(manifest.activationEvents.some((event) => event.startsWith('workspaceContains:') && event.includes('eslint.config')));
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('contributes a described setting with a default for every rule and every server setting', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const rule of Object.keys(plugin.rules)) assert.ok(properties[`observabilityLint.rules.${rule}`], rule);
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(property.markdownDescription, `${key} has a description`);
      assert.ok('default' in property, `${key} has a default`);
      assert.ok(property.scope, `${key} has a scope`);
    }
    for (const key of ['enable', 'run', 'useProjectConfig', 'trace.server', 'pii.extraSensitiveNames', 'pii.allowNames']) assert.ok(properties[`observabilityLint.${key}`], key);
  });

  it('registers every contributed command in the client, and says what Restricted Mode limits', () => {
    const client = fs.readFileSync(path.join(repoRoot(), 'client', 'src', 'extension.ts'), 'utf8');
    for (const { command } of manifest.contributes.commands) assert.ok(client.includes(`'${command}'`), command);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /Restricted Mode/);
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['observabilityLint.useProjectConfig']);
  });

  it('points its snippets at files that exist', () => {
    for (const snippet of manifest.contributes.snippets) assert.ok(fs.existsSync(path.join(repoRoot(), snippet.path)), snippet.path);
  });
});
