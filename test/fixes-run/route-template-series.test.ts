import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { fixturePath, repoRoot } from '../helpers';

const REQUESTS = 1000;

interface AppModule {
  createApp: () => http.RequestListener;
}

/** Applies one ESLint fix (a suggestion's edit) to the text. */
function applyFix(text: string, fix: { range: [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

function get(port: number, pathname: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`timeout on ${pathname}`)));
    request.on('error', reject);
  });
}

/** Starts the app on loopback, sends `/users/1` … `/users/N` (bounded concurrency), returns the route label values. */
async function seriesAfterTraffic(modulePath: string): Promise<string[]> {
  delete require.cache[require.resolve(modulePath)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require(modulePath) as AppModule;
  const server = http.createServer(createApp());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  try {
    for (let start = 1; start <= REQUESTS; start += 50) {
      const batch = [];
      for (let id = start; id < start + 50 && id <= REQUESTS; id++) batch.push(get(port, `/users/${id}`, agent));
      const responses = await Promise.all(batch);
      assert.ok(responses.every((response) => response.status === 200));
    }
    const metrics = await get(port, '/metrics', agent);
    assert.equal(metrics.status, 200);
    const routes = new Set<string>();
    for (const line of metrics.body.split('\n')) {
      const match = /^http_request_duration_seconds_count\{([^}]*)\}/.exec(line);
      const route = match ? /route="([^"]*)"/.exec(match[1])?.[1] : undefined;
      if (route !== undefined && route !== '/metrics') routes.add(route);
    }
    return [...routes];
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('no-high-cardinality-labels fix, proven with real prom-client and Express on 127.0.0.1', () => {
  it(`${REQUESTS} requests to /users/1…/users/${REQUESTS}: ${REQUESTS} series before the suggestion, 1 after`, async function () {
    this.timeout(120_000);
    const original = fixturePath('prom-series', 'app.js');
    const source = fs.readFileSync(original, 'utf8');
    const linter = new Linter({ cwd: repoRoot() });
    const messages = linter.verify(
      source,
      [
        { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
        plugin.configs.recommended as Linter.Config,
      ],
      { filename: original },
    );
    const finding = messages.find((message) => message.ruleId === 'observability/no-high-cardinality-labels');
    assert.ok(finding, 'the rule reports the raw path');
    const suggestion = finding.suggestions?.find((candidate) => candidate.messageId === 'useRouteTemplate');
    assert.ok(suggestion, 'a route-template suggestion is offered');
    const fixed = applyFix(source, suggestion.fix);
    assert.match(fixed, /route: req\.route\?\.path \?\? 'unmatched'/);

    // The fixed module is written next to the compiled tests so it resolves the same express and prom-client.
    const fixedPath = path.join(repoRoot(), 'out', 'test', 'fixes-run', 'prom-series-fixed.js');
    fs.mkdirSync(path.dirname(fixedPath), { recursive: true });
    fs.writeFileSync(fixedPath, fixed);
    const afterLint = linter.verify(
      fixed,
      [
        { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
        plugin.configs.recommended as Linter.Config,
      ],
      { filename: fixedPath },
    );
    assert.deepEqual(
      afterLint.filter((message) => message.ruleId === 'observability/no-high-cardinality-labels'),
      [],
      'the fix is not reported again',
    );

    const before = await seriesAfterTraffic(original);
    assert.equal(before.length, REQUESTS, 'one series per concrete URL before the fix');
    const after = await seriesAfterTraffic(fixedPath);
    assert.deepEqual(after, ['/users/:id'], 'one series, labelled with the route template, after the fix');
  });
});
