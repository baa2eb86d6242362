import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath } from '../helpers';
import { cli, fixedCheckoutService, writeFile } from './support';

/** A throw-away project: package.json with `dependencies`, and source files (relative path → text). */
function project(name: string, dependencies: Record<string, string>, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `observability-alerts-${name.replace(/\W+/g, '-')}-`));
  writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, dependencies }));
  for (const [file, text] of Object.entries(files)) writeFile(path.join(dir, file), text);
  return dir;
}

const outputDir = (): string =>
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'observability-alerts-out-')), 'generated');

describe('observability-lint alerts: the command, its options and what it finds in the code', function () {
  this.timeout(120_000);

  it('prints its help (exit 0), and the dispatcher refuses a command it does not have (exit 2)', () => {
    const help = cli('alerts', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: observability-lint alerts \[dir\] --output DIR/);
    for (const option of [
      '--job',
      '--error-ratio',
      '--latency-p95',
      '--latency-p99',
      '--for',
      '--down-for',
      '--window',
    ])
      assert.ok(help.stdout.includes(option), option);
    const unknown = cli('deploy');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'deploy'/);
    const none = cli();
    assert.equal(none.status, 2);
    assert.match(none.stderr, /Commands:\n {2}report .*\n {2}alerts/);
    const listed = cli('--help');
    assert.equal(listed.status, 0);
    assert.match(listed.stdout, /Commands:\n {2}report .*\n {2}alerts/);
  });

  for (const [args, message] of [
    [['--output'], /argument missing|requires an argument|option '--output/i],
    [[], /--output DIR is required/],
    [['--output', 'x', '--error-ratio', '5'], /--error-ratio must be a number between 0 and 1 .*got 5/],
    [['--output', 'x', '--error-ratio', 'lots'], /--error-ratio must be a number/],
    [['--output', 'x', '--latency-p99', 'fast'], /--latency-p99 must be a positive duration .*got fast/],
    [['--output', 'x', '--latency-p95', '0ms'], /--latency-p95 must be a positive duration/],
    [['--output', 'x', '--for', '10 minutes'], /--for must be a Prometheus duration .*got 10 minutes/],
    [['--output', 'x', '--window', '0m'], /--window must be longer than zero/],
    [['--output', 'x', '--job', 'a b'], /--job must be letters/],
    [['--output', 'x', '--thresholds', '1'], /Unknown option '--thresholds'/],
    [['--output', 'x', 'one', 'two'], /one directory expected, got 2/],
    [['/no/such/directory', '--output', 'x'], /\/no\/such\/directory is not a directory/],
  ] as const) {
    it(`exits 2 with a clear message: alerts ${args.join(' ')}`, () => {
      const fixture = fixturePath('run-services', 'express-alerts');
      const withDir = args.some((arg) => arg.startsWith('/') || arg === 'one') ? [...args] : [fixture, ...args];
      const result = cli('alerts', ...withDir);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /observability-lint alerts --help/);
      assert.equal(result.stdout, '');
    });
  }

  it('says so on stderr, exits 0 and writes nothing when the code records no request metric', () => {
    const out = outputDir();
    // The fixture before the timing fix: prom-client is a dependency, but nothing declares a histogram.
    const result = cli('alerts', fixturePath('run-services', 'express-alerts'), '--output', out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /records no request-duration histogram .*nothing written/);
    assert.match(result.stderr, /require-request-timing/);
    assert.equal(result.stdout, '');
    assert.ok(!fs.existsSync(out), 'no output directory is created');
  });

  it('a histogram of something else than requests (the timed() operations) is no request metric', () => {
    const dir = project(
      'worker',
      { 'prom-client': '15.1.3' },
      {
        'index.js':
          "const client = require('prom-client');\nconst jobs = new client.Histogram({ name: 'job_duration_seconds', help: 'j', labelNames: ['queue', 'outcome'] });\nexports.run = (queue) => { const end = jobs.startTimer({ queue }); end({ outcome: 'ok' }); };\n",
      },
    );
    const out = outputDir();
    const result = cli('alerts', dir, '--output', out);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /records no request-duration histogram/);
    assert.ok(!fs.existsSync(out));
  });

  it('finds the histogram the timing fix inserts: its name, unit, labels, and that it is recorded; names the files after the package', () => {
    const dir = fixedCheckoutService();
    const out = outputDir();
    const result = cli('alerts', dir, '--output', out);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '', 'no notes or warnings: recorded, served on /metrics, with route and status labels');
    assert.match(
      result.stdout,
      /^http_request_duration_seconds \(prom-client, app\.js:\d+; seconds; labels route=route, method=method, status=status_code\), job checkout:/,
    );
    assert.deepEqual(fs.readdirSync(out).sort(), ['checkout.dashboard.json', 'checkout.rules.yml']);
    const rules = fs.readFileSync(path.join(out, 'checkout.rules.yml'), 'utf8');
    assert.match(
      rules,
      /sum by \(job, route\) \(rate\(http_request_duration_seconds_count\{job="checkout"\}\[5m\]\)\)/,
    );
    assert.match(
      rules,
      /histogram_quantile\(0\.99, sum by \(job, route, le\) \(rate\(http_request_duration_seconds_bucket\{job="checkout"\}\[5m\]\)\)\)/,
    );
    assert.match(rules, /status_code=~"5\.\."/);
    assert.match(rules, /expr: 'job:http_request_errors:ratio_rate5m\{job="checkout"\} > 0\.05'\n {8}for: 10m/);
    assert.match(rules, /expr: 'job:http_request_duration_seconds:p99_rate5m\{job="checkout"\} > 1'/);
    assert.match(rules, /expr: 'job:http_request_duration_seconds:p95_rate5m\{job="checkout"\} > 0\.5'/);
    assert.match(rules, /expr: 'up\{job="checkout"\} == 0'\n {8}for: 5m/);
    assert.match(rules, /expr: 'absent\(up\{job="checkout"\}\)'/);
  });

  it('options set the job, thresholds, durations and window', () => {
    const dir = fixedCheckoutService();
    const out = outputDir();
    const result = cli(
      'alerts',
      dir,
      '-o',
      out,
      '--job',
      'payments',
      '--error-ratio',
      '0.01',
      '--latency-p95',
      '250ms',
      '--latency-p99',
      '2s',
      '--for',
      '2m',
      '--down-for',
      '1m',
      '--window',
      '1m',
    );
    assert.equal(result.status, 0, result.stderr);
    const rules = fs.readFileSync(path.join(out, 'payments.rules.yml'), 'utf8');
    assert.match(rules, /expr: 'job:http_request_errors:ratio_rate1m\{job="payments"\} > 0\.01'\n {8}for: 2m/);
    assert.match(rules, /p95_rate1m\{job="payments"\} > 0\.25'/);
    assert.match(rules, /p99_rate1m\{job="payments"\} > 2'/);
    assert.match(rules, /expr: 'up\{job="payments"\} == 0'\n {8}for: 1m/);
    assert.match(rules, /\[1m\]/);
    assert.doesNotMatch(rules, /\[5m\]|job="checkout"/);
    const dashboard = JSON.parse(fs.readFileSync(path.join(out, 'payments.dashboard.json'), 'utf8')) as {
      title: string;
    };
    assert.equal(dashboard.title, 'payments: HTTP requests (RED)');
  });

  it('express-prom-bundle: its http_request_duration_seconds with path, method and status_code (the labels its options turn on)', () => {
    const dir = project(
      'catalog',
      { express: '5.2.1', 'express-prom-bundle': '8.0.0', 'prom-client': '15.1.3' },
      {
        'src/app.js':
          "const express = require('express');\nconst promBundle = require('express-prom-bundle');\nconst app = express();\napp.use(promBundle({ includeMethod: true, includePath: true }));\napp.get('/items/:id', (req, res) => res.json({}));\nmodule.exports = app;\n",
      },
    );
    const out = outputDir();
    const result = cli('alerts', dir, '--output', out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /^http_request_duration_seconds \(express-prom-bundle, src\/app\.js:4; seconds; labels route=path, method=method, status=status_code\), job catalog:/,
    );
    const rules = fs.readFileSync(path.join(out, 'catalog.rules.yml'), 'utf8');
    assert.match(rules, /record: job_path:http_requests:rate5m\n {8}expr: 'sum by \(job, path\) /);
    assert.match(rules, /sum by \(job, path, le\)/);
  });

  it('express-prom-bundle without includePath: no per-route rules, and it says so', () => {
    const dir = project(
      'search',
      { express: '5.2.1', 'express-prom-bundle': '8.0.0' },
      {
        'app.mjs':
          "import express from 'express';\nimport promBundle from 'express-prom-bundle';\nexport const app = express();\napp.use(promBundle({ includeMethod: true }));\n",
      },
    );
    const out = outputDir();
    const result = cli('alerts', dir, '--output', out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /no route label: no per-route rules or panels/);
    const rules = fs.readFileSync(path.join(out, 'search.rules.yml'), 'utf8');
    assert.doesNotMatch(rules, /job_path|job_route/);
    assert.match(rules, /HttpErrorRatioHigh/);
  });

  it("a project's own histogram in milliseconds with handler/code labels: thresholds converted to its unit", () => {
    const dir = project(
      '@acme/gateway',
      { fastify: '5.12.8', 'prom-client': '15.1.3' },
      {
        'src/metrics.ts':
          "import { Histogram } from 'prom-client';\nexport const latency = new Histogram({ name: 'gateway_request_latency_ms', help: 'l', labelNames: ['handler', 'code'], buckets: [5, 50, 500, 5000] });\n",
        'src/server.ts':
          "import Fastify from 'fastify';\nimport { latency } from './metrics';\nconst app = Fastify();\napp.addHook('onResponse', async (request, reply) => { latency.observe({ handler: request.routeOptions.url ?? 'unmatched', code: String(reply.statusCode) }, reply.elapsedTime); });\napp.get('/metrics', async () => '');\n",
      },
    );
    const out = outputDir();
    const result = cli('alerts', dir, '--output', out, '--latency-p99', '1.5s');
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /^gateway_request_latency_ms \(prom-client, src\/metrics\.ts:2; milliseconds; labels route=handler, status=code\), job gateway:/,
    );
    const rules = fs.readFileSync(path.join(out, 'gateway.rules.yml'), 'utf8');
    assert.match(rules, /p99_rate5m\{job="gateway"\} > 1500'/);
    assert.match(rules, /p95_rate5m\{job="gateway"\} > 500'/);
    assert.match(rules, /code=~"5\.\."/);
    const dashboard = fs.readFileSync(path.join(out, 'gateway.dashboard.json'), 'utf8');
    assert.match(dashboard, /"unit": "ms"/);
  });

  it('a declared but never recorded request histogram is used, with a warning', () => {
    const dir = project(
      'billing',
      { 'prom-client': '15.1.3' },
      {
        'metrics.js':
          "const client = require('prom-client');\nmodule.exports.httpDuration = new client.Histogram({ name: 'http_request_duration_seconds', help: 'd', labelNames: ['method', 'route', 'status_code'] });\n",
      },
    );
    const out = outputDir();
    const result = cli('alerts', dir, '--output', out);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /declared \(metrics\.js:2\) but no call that records it was found/);
    assert.ok(fs.existsSync(path.join(out, 'billing.rules.yml')));
  });
});
