import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, fixedCheckoutService, requirePrometheus, writeFile } from './support';

/**
 * The generated rules, checked by Prometheus' own tool: `promtool check rules` (syntax, PromQL, templates) and
 * `promtool test rules` (each alert fires on synthetic series that should fire it, and stays silent on series that
 * should not; the `for:` holds it back until its time).
 */
describe('generated Prometheus rules, checked and unit-tested by promtool', function () {
  this.timeout(180_000);
  let out: string;
  let rulesFile: string;

  before(function () {
    requirePrometheus(this);
    const dir = fixedCheckoutService();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'observability-alerts-promtool-'));
    const result = cli('alerts', dir, '--output', out);
    assert.equal(result.status, 0, result.stderr);
    rulesFile = path.join(out, 'checkout.rules.yml');
  });

  function promtool(...args: string[]): { status: number | null; output: string } {
    const result = spawnSync('promtool', args, { encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('promtool check rules passes: 10 recording and 5 alerting rules', () => {
    const check = promtool('check', 'rules', rulesFile);
    assert.equal(check.status, 0, check.output);
    assert.match(check.output, /SUCCESS: 15 rules found/);
  });

  it('promtool check rules passes with every option set, and fails on a broken file (the check is not vacuous)', () => {
    const dir = fixedCheckoutService();
    const custom = path.join(out, 'custom');
    const result = cli(
      'alerts',
      dir,
      '-o',
      custom,
      '--job',
      'payments-eu',
      '--error-ratio',
      '0.015',
      '--latency-p95',
      '120ms',
      '--latency-p99',
      '0.75s',
      '--for',
      '1h30m',
      '--down-for',
      '90s',
      '--window',
      '2m',
    );
    assert.equal(result.status, 0, result.stderr);
    const check = promtool('check', 'rules', path.join(custom, 'payments-eu.rules.yml'));
    assert.equal(check.status, 0, check.output);
    const broken = writeFile(
      path.join(custom, 'broken.rules.yml'),
      fs.readFileSync(rulesFile, 'utf8').replace('sum by (job) (rate(', 'sum by (job) (rate(('),
    );
    assert.notEqual(promtool('check', 'rules', broken).status, 0);
  });

  it('promtool test rules: every alert fires on series that should fire it, and only after its for:', () => {
    const rules = fs.readFileSync(rulesFile, 'utf8');
    assert.match(rules, /for: 10m/);
    const job = 'checkout';
    const count = (status: string, values: string) => ({
      series: `http_request_duration_seconds_count{job="${job}", instance="127.0.0.1:3000", route="/orders/:id/pay", method="POST", status_code="${status}"}`,
      values,
    });
    const buckets = (values: (le: string) => string) =>
      ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'].map((le) => ({
        series: `http_request_duration_seconds_bucket{job="${job}", instance="127.0.0.1:3000", route="/orders/:id", method="GET", status_code="200", le="${le}"}`,
        values: values(le),
      }));
    const up = (values: string) => ({ series: `up{job="${job}", instance="127.0.0.1:3000"}`, values });
    const annotations = (alert: string, labels: Record<string, string>, value: string) =>
      annotationsOf(rules, alert, labels, value);
    const none = (alertname: string, at = '20m') => ({ eval_time: at, alertname, exp_alerts: [] });
    const tests = [
      {
        name: '25% of requests answer 5xx: HttpErrorRatioHigh fires after 10m, not before',
        interval: '1m',
        input_series: [count('201', '0+60x40'), count('502', '0+20x40'), up('1x40')],
        alert_rule_test: [
          none('HttpErrorRatioHigh', '5m'),
          {
            eval_time: '20m',
            alertname: 'HttpErrorRatioHigh',
            exp_alerts: [
              {
                exp_labels: { severity: 'critical', job },
                exp_annotations: annotations('HttpErrorRatioHigh', { job }, '25%'),
              },
            ],
          },
          none('TargetDown'),
          none('TargetMissing'),
        ],
      },
      {
        name: '1 request in 61 answers 5xx (1.6%): HttpErrorRatioHigh stays silent',
        interval: '1m',
        input_series: [count('201', '0+60x40'), count('502', '0+1x40'), up('1x40')],
        alert_rule_test: [none('HttpErrorRatioHigh')],
      },
      {
        name: 'no 5xx at all: the recorded ratio is 0 (not absent), and nothing fires',
        interval: '1m',
        input_series: [count('201', '0+60x40'), up('1x40')],
        alert_rule_test: [none('HttpErrorRatioHigh')],
        promql_expr_test: [
          {
            expr: `job:http_request_errors:ratio_rate5m{job="${job}"}`,
            eval_time: '20m',
            exp_samples: [{ labels: `job:http_request_errors:ratio_rate5m{job="${job}"}`, value: 0 }],
          },
        ],
      },
      {
        name: 'every request slower than the largest bucket (10s): p95 and p99 alerts fire',
        interval: '1m',
        input_series: [...buckets((le) => (le === '+Inf' ? '0+60x40' : '0x40')), up('1x40')],
        alert_rule_test: [
          none('HttpLatencyP99High', '5m'),
          {
            eval_time: '20m',
            alertname: 'HttpLatencyP95High',
            exp_alerts: [
              {
                exp_labels: { severity: 'warning', job },
                exp_annotations: annotations('HttpLatencyP95High', { job }, '10'),
              },
            ],
          },
          {
            eval_time: '20m',
            alertname: 'HttpLatencyP99High',
            exp_alerts: [
              {
                exp_labels: { severity: 'critical', job },
                exp_annotations: annotations('HttpLatencyP99High', { job }, '10'),
              },
            ],
          },
          none('HttpErrorRatioHigh'),
        ],
      },
      {
        name: 'every request faster than 5ms: no latency alert',
        interval: '1m',
        input_series: [...buckets(() => '0+60x40'), up('1x40')],
        alert_rule_test: [none('HttpLatencyP95High'), none('HttpLatencyP99High')],
      },
      {
        name: 'the target does not answer scrapes: TargetDown fires after 5m',
        interval: '1m',
        input_series: [up('0x40')],
        alert_rule_test: [
          none('TargetDown', '3m'),
          {
            eval_time: '20m',
            alertname: 'TargetDown',
            exp_alerts: [
              {
                exp_labels: { severity: 'critical', job, instance: '127.0.0.1:3000' },
                exp_annotations: annotations('TargetDown', { job, instance: '127.0.0.1:3000' }, '0'),
              },
            ],
          },
          none('TargetMissing'),
        ],
      },
      {
        name: 'Prometheus has no target of the job: TargetMissing fires, TargetDown cannot',
        interval: '1m',
        input_series: [{ series: 'up{job="another-service", instance="10.0.0.1:80"}', values: '1x40' }],
        alert_rule_test: [
          {
            eval_time: '20m',
            alertname: 'TargetMissing',
            exp_alerts: [
              {
                exp_labels: { severity: 'critical', job },
                exp_annotations: annotations('TargetMissing', { job }, '1'),
              },
            ],
          },
          none('TargetDown'),
        ],
      },
    ];
    // YAML is a superset of JSON: the test file is written as JSON.
    const testFile = writeFile(
      path.join(out, 'checkout.rules.test.yml'),
      JSON.stringify({ rule_files: [rulesFile], evaluation_interval: '1m', tests }, null, 2),
    );
    const result = promtool('test', 'rules', testFile);
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /SUCCESS/);

    // Not vacuous: the same tests fail against rules whose error threshold is above the injected 25%.
    const lenient = writeFile(path.join(out, 'lenient', 'checkout.rules.yml'), rules.replace('> 0.05', '> 0.5'));
    const lenientTests = writeFile(
      path.join(out, 'lenient', 'test.yml'),
      JSON.stringify({ rule_files: [lenient], evaluation_interval: '1m', tests: [tests[0]] }),
    );
    const failed = promtool('test', 'rules', lenientTests);
    assert.notEqual(failed.status, 0, failed.output);
    assert.match(failed.output, /HttpErrorRatioHigh/);
  });
});

/**
 * The annotations an alert of the rule file renders for `labels` and `value`: its templates with `{{ $labels.x }}`,
 * `{{ $value }}` and `{{ $value | humanizePercentage }}` filled in (the only template forms the generator writes).
 */
function annotationsOf(
  rules: string,
  alert: string,
  labels: Record<string, string>,
  value: string,
): Record<string, string> {
  const block = rules.split('      - alert: ').find((part) => part.startsWith(`${alert}\n`));
  assert.ok(block, `alert ${alert} in the rules`);
  const annotations: Record<string, string> = {};
  for (const match of block.matchAll(/^ {10}(summary|description): '((?:[^']|'')*)'$/gm)) {
    annotations[match[1]] = match[2]
      .replace(/''/g, "'")
      .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '')
      .replace(/\{\{ \$value(?: \| humanizePercentage)? \}\}/g, value);
  }
  assert.deepEqual(Object.keys(annotations).sort(), ['description', 'summary'], `annotations of ${alert}`);
  return annotations;
}
