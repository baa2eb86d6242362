import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import plugin from 'eslint-plugin-observability';
import { EXTENSION_COMMANDS, ROUTES_VIEW, SERVER_COMMANDS, SERVICE_MISSING } from 'observability-lint-server/protocol';
import { withGeneratedManifest } from '../../scripts/manifest';
import { repoRoot } from '../helpers';

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: {
    untrustedWorkspaces: { supported: string | boolean; description?: string; restrictedConfigurations?: string[] };
  };
  contributes: {
    configuration: {
      properties: Record<
        string,
        { default?: unknown; markdownDescription?: string; scope?: string; anyOf?: Array<{ items?: unknown[] }> }
      >;
    };
    commands: Array<{ command: string; title: string }>;
    menus: {
      commandPalette: Array<{ command: string; when: string }>;
      'view/title': Array<{ command: string; when: string }>;
      'view/item/context': Array<{ command: string; when: string }>;
    };
    views: Record<string, Array<{ id: string; name: string }>>;
    snippets: Array<{ language: string; path: string }>;
  };
}

const manifestText = fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;

describe('the VS Code extension manifest (root package.json)', () => {
  it('targets VS Code ^1.91.0 (vscode-languageclient 11) and activates on JS/TS and Python files and eslint.config.*', () => {
    assert.equal(manifest.engines.vscode, '^1.91.0');
    for (const language of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python'])
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    assert.ok(
      manifest.activationEvents.some(
        (event) => event.startsWith('workspaceContains:') && event.includes('eslint.config'),
      ),
    );
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
    for (const key of [
      'enable',
      'run',
      'useProjectConfig',
      'trace.server',
      'pii.extraSensitiveNames',
      'pii.allowNames',
    ])
      assert.ok(properties[`observabilityLint.${key}`], key);
  });

  it('is generated from protocol.ts and the rules (run `npm run manifest`)', () => {
    assert.equal(manifestText, withGeneratedManifest(manifestText));
  });

  it("offers each rule's options with the rule's own schema and description", () => {
    const properties = manifest.contributes.configuration.properties;
    for (const [id, rule] of Object.entries(
      plugin.rules as Record<string, { meta: { schema?: readonly unknown[]; docs?: { description?: string } } }>,
    )) {
      const setting = properties[`observabilityLint.rules.${id}`];
      assert.ok(setting.markdownDescription?.includes(rule.meta.docs!.description!), id);
      const optionsForm = setting.anyOf?.find((form) => Array.isArray(form.items));
      assert.deepEqual(optionsForm?.items?.slice(1) ?? [], rule.meta.schema ?? [], id);
    }
  });

  it('keeps the command ids users bind, and runs each command in the client or forwards it to a server command', () => {
    const ids = manifest.contributes.commands.map(({ command }) => command);
    for (const command of [
      'insertCorrelationId',
      'insertHealthEndpoints',
      'insertRequestTiming',
      'wrapInTiming',
      'restartServer',
      'showOutput',
    ])
      assert.ok(ids.includes(`observabilityLint.${command}`), command);
    assert.deepEqual(
      manifest.contributes.menus.commandPalette.map(({ command }) => command),
      [
        'observabilityLint.insertCorrelationId',
        'observabilityLint.insertHealthEndpoints',
        'observabilityLint.insertRequestTiming',
        'observabilityLint.wrapInTiming',
      ],
    );
    const client = fs.readFileSync(path.join(repoRoot(), 'client', 'src', 'extension.ts'), 'utf8');
    const serverCommands: readonly string[] = Object.values(SERVER_COMMANDS);
    for (const id of ids) {
      const command = EXTENSION_COMMANDS.find((candidate) => candidate.id === id);
      assert.ok(command, `${id} is declared in protocol.ts`);
      if (command.server)
        assert.ok(serverCommands.includes(command.server.command), `${id} forwards to a server command`);
      else assert.ok(client.includes(`'${id}'`), `${id} has a handler in the client`);
    }
  });

  it('contributes the Observability view, its refresh button, and an insert command per piece a service item can lack', () => {
    assert.deepEqual(manifest.contributes.views.explorer, [{ id: ROUTES_VIEW.id, name: 'Observability' }]);
    assert.deepEqual(
      manifest.contributes.menus['view/title'].map(({ command }) => command),
      ['observabilityLint.refreshRoutes'],
    );
    assert.deepEqual(
      manifest.contributes.menus['view/item/context'].map(({ command, when }) => [
        command,
        Object.values(SERVICE_MISSING).find((token) => when.includes(`/${token}/`)),
      ]),
      [
        ['observabilityLint.insertCorrelationId', SERVICE_MISSING.requestId],
        ['observabilityLint.insertHealthEndpoints', SERVICE_MISSING.health],
        ['observabilityLint.insertRequestTiming', SERVICE_MISSING.timing],
      ],
    );
  });

  it('says what Restricted Mode limits', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /Restricted Mode/);
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, [
      'observabilityLint.useProjectConfig',
    ]);
  });

  it('points its snippets at files that exist', () => {
    for (const snippet of manifest.contributes.snippets)
      assert.ok(fs.existsSync(path.join(repoRoot(), snippet.path)), snippet.path);
  });
});
