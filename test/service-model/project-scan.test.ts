import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from 'eslint';
import { analyzeService, defaultAnalysisHost } from 'eslint-plugin-observability/service-model';
import { observabilityConfig } from '../helpers';

/**
 * The project scan reads every source file once per run for project-wide facts: the model's app roots, and which
 * modules lead to a metrics library (the metrics rules skip files that cannot touch one). These tests write real
 * projects to a temp directory and observe both through the public API and real ESLint.
 */

function tempProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-scan-'));
  fs.writeFileSync(
    path.join(root, 'package.json'),
    '{"name":"svc","dependencies":{"express":"^5.0.0","prom-client":"^15.0.0"}}',
  );
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const METRICS =
  "import { Histogram } from 'prom-client';\nexport const duration = new Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames: ['route'] });\n";
const RECORDING = (from: string): string =>
  `import { duration } from '${from}';\nexport function record(req: { url: string }) {\n  duration.observe({ route: req.url }, 1);\n}\n`;

/** A chain of re-exporting modules: `hops` modules between the recording file and the metrics module. */
function chain(hops: number): Record<string, string> {
  const files: Record<string, string> = { 'src/metrics.ts': METRICS };
  for (let hop = 1; hop <= hops; hop++)
    files[`src/hop${hop}.ts`] = `export * from './${hop === hops ? 'metrics' : `hop${hop + 1}`}';\n`;
  return files;
}

function cardinalityFindings(root: string, file: string): string[] {
  const linter = new Linter({ cwd: root });
  const absolute = path.join(root, file);
  return linter
    .verify(
      fs.readFileSync(absolute, 'utf8'),
      observabilityConfig({ 'observability/no-high-cardinality-labels': 'error' }),
      { filename: absolute },
    )
    .map((message) => message.messageId ?? message.message);
}

describe('project scan: project-wide facts read once per run', () => {
  beforeEach(() => defaultAnalysisHost().invalidate());

  it('finds a metric through re-exports up to four modules away, and stops beyond (files that cannot touch a metric are skipped)', () => {
    const near = tempProject({ ...chain(3), 'src/routes.ts': RECORDING('./hop1') });
    const far = tempProject({ ...chain(5), 'src/routes.ts': RECORDING('./hop1') });
    try {
      assert.ok(cardinalityFindings(near, 'src/routes.ts').includes('unboundedValue'), 'three re-exports away: judged');
      assert.deepEqual(
        cardinalityFindings(far, 'src/routes.ts'),
        [],
        'five re-exports away: the file is not looked into',
      );
    } finally {
      fs.rmSync(near, { recursive: true, force: true });
      fs.rmSync(far, { recursive: true, force: true });
    }
  });

  it('a module that starts re-exporting a metric counts once its change is reported', () => {
    const root = tempProject({
      'src/metrics.ts': METRICS,
      'src/shared.ts': 'export const region = "eu";\n',
      'src/routes.ts': RECORDING('./shared'),
    });
    try {
      assert.deepEqual(cardinalityFindings(root, 'src/routes.ts'), []);
      const shared = path.join(root, 'src/shared.ts');
      fs.writeFileSync(shared, "export const region = 'eu';\nexport { duration } from './metrics';\n");
      defaultAnalysisHost().invalidate([{ file: shared, kind: 'changed' }]);
      assert.ok(cardinalityFindings(root, 'src/routes.ts').includes('unboundedValue'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('modules outside the scanned sources (a tests directory) are still read when a file imports them', () => {
    const root = tempProject({
      'tests/support/metrics.ts': METRICS,
      'tests/support/index.ts': "export * from './metrics';\n",
      'src/routes.ts': RECORDING('../tests/support/index'),
    });
    try {
      assert.ok(cardinalityFindings(root, 'src/routes.ts').includes('unboundedValue'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('terminus wired in a server file the model never reads counts as serving the probes', () => {
    const app =
      "import express from 'express';\nexport const app = express();\napp.get('/orders', (req, res) => res.end());\n";
    const withTerminus = tempProject({
      'src/app.js': app,
      'src/server.js':
        "import http from 'node:http';\nimport { createTerminus } from '@godaddy/terminus';\nimport { app } from './app.js';\ncreateTerminus(http.createServer(app), { healthChecks: { '/health': async () => {} } }).listen(3000);\n",
    });
    const without = tempProject({ 'src/app.js': app });
    const healthFindings = (root: string): string[] => {
      const file = path.join(root, 'src/app.js');
      return new Linter({ cwd: root })
        .verify(
          fs.readFileSync(file, 'utf8'),
          observabilityConfig({ 'observability/require-health-endpoints': 'error' }),
          { filename: file },
        )
        .map((message) => message.messageId ?? message.message);
    };
    try {
      assert.deepEqual(healthFindings(withTerminus), []);
      assert.deepEqual(healthFindings(without), ['missingProbes']);
    } finally {
      fs.rmSync(withTerminus, { recursive: true, force: true });
      fs.rmSync(without, { recursive: true, force: true });
    }
  });

  it('a file that becomes an app root is found once its change is reported (no rescan of the project)', () => {
    const root = tempProject({
      'src/users.js':
        "import { Router } from 'express';\nexport const users = Router();\nusers.get('/:id', (req, res) => res.end());\n",
      'src/server.js': "import { users } from './users.js';\nexport { users };\n",
    });
    try {
      assert.deepEqual(analyzeService(root).routes, [], 'no app yet: the router is not mounted anywhere');
      const server = path.join(root, 'src/server.js');
      fs.writeFileSync(
        server,
        "import express from 'express';\nimport { users } from './users.js';\nconst app = express();\napp.use('/users', users);\napp.listen(3000);\n",
      );
      defaultAnalysisHost().invalidate([{ file: server, kind: 'changed' }]);
      assert.deepEqual(
        analyzeService(root).routes.map((route) => `${route.method} ${route.path}`),
        ['GET /users/:id'],
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
