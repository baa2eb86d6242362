import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GrafanaDashboard } from 'eslint-plugin-observability/alerts';
import { freeLoopbackPort } from '../helpers';
import {
  cli,
  fixedCheckoutService,
  request,
  requirePrometheus,
  type RunningService,
  startService,
  writeFile,
} from './support';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface Alert {
  labels: Record<string, string>;
  state: string;
}
interface RuleGroupStatus {
  rules: Array<{ name: string; health: string; lastError?: string; type: string }>;
}

function getJson<T>(port: number, pathname: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          const parsed = JSON.parse(body) as { status: string; data: T; error?: string };
          if (parsed.status !== 'success') reject(new Error(`${pathname}: ${parsed.error ?? body}`));
          else resolve(parsed.data);
        } catch (error) {
          reject(new Error(`${pathname}: ${String(error)}: ${body}`));
        }
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${pathname}`)));
    req.on('error', reject);
  });
}

/** Polls `probe` every 500 ms until it returns a value, for at most `seconds`; fails with `what` and the last answer. */
async function eventually<T>(
  what: string,
  seconds: number,
  probe: () => Promise<T | undefined>,
  last: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} within ${seconds}s. ${lastError}\n${last()}`);
}

/**
 * End to end: the checkout service, fixed by the suggestions, runs on 127.0.0.1; a real Prometheus (Debian's package)
 * scrapes it every second and evaluates the generated rules every second; traffic goes to loopback, then an outage
 * turns the payment route's answers into 502s and HttpErrorRatioHigh must go to firing — read from Prometheus' HTTP API.
 */
describe('generated rules in a real Prometheus scraping the fixed service on 127.0.0.1', function () {
  this.timeout(240_000);
  let service: RunningService | undefined;
  let prometheus: ChildProcess | undefined;
  let prometheusOutput = '';
  let port = 0;
  let work = '';
  let dashboard: GrafanaDashboard;
  const failFile = path.join(os.tmpdir(), `observability-alerts-outage-${process.pid}`);
  const query = (promql: string): Promise<Sample[]> =>
    getJson<{ result: Sample[] }>(port, `/api/v1/query?query=${encodeURIComponent(promql)}`).then(
      (data) => data.result,
    );
  const alerts = (): Promise<Alert[]> =>
    getJson<{ alerts: Alert[] }>(port, '/api/v1/alerts').then((data) => data.alerts);

  before(async function () {
    requirePrometheus(this);
    fs.rmSync(failFile, { force: true });
    const dir = fixedCheckoutService();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'observability-alerts-prometheus-'));
    // Short for: so that the test sees firing within its bounds; the window stays the default 5m.
    const generated = cli('alerts', dir, '--output', path.join(work, 'rules'), '--for', '5s');
    assert.equal(generated.status, 0, generated.stderr);
    dashboard = JSON.parse(
      fs.readFileSync(path.join(work, 'rules', 'checkout.dashboard.json'), 'utf8'),
    ) as GrafanaDashboard;
    service = await startService(dir, { PAYMENTS_DOWN_FILE: failFile });
    port = await freeLoopbackPort();
    const config = writeFile(
      path.join(work, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'rule_files:',
        `  - ${JSON.stringify(path.join(work, 'rules', '*.rules.yml'))}`,
        'scrape_configs:',
        '  - job_name: checkout',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${service.port}']`,
        '',
      ].join('\n'),
    );
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(work, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout!.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString('utf8')));
    prometheus.stderr!.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString('utf8')));
    await eventually(
      'Prometheus is ready',
      30,
      async () => {
        if (prometheus!.exitCode !== null) throw new Error(`prometheus exited (${prometheus!.exitCode})`);
        const samples = await query('up{job="checkout"}');
        return samples[0]?.value[1] === '1' ? true : undefined;
      },
      () => prometheusOutput,
    );
  });

  after(async () => {
    fs.rmSync(failFile, { force: true });
    if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await service?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('loads every generated rule and evaluates it without error', async () => {
    const groups = await eventually(
      'both rule groups evaluated',
      20,
      async () => {
        const data = await getJson<{ groups: RuleGroupStatus[] }>(port, '/api/v1/rules');
        return data.groups.length === 2 &&
          data.groups.every((group) => group.rules.every((rule) => rule.health === 'ok'))
          ? data.groups
          : undefined;
      },
      () => prometheusOutput,
    );
    const rules = groups.flatMap((group) => group.rules);
    assert.equal(rules.length, 15);
    assert.deepEqual(
      rules
        .filter((rule) => rule.type === 'alerting')
        .map((rule) => rule.name)
        .sort(),
      ['HttpErrorRatioHigh', 'HttpLatencyP95High', 'HttpLatencyP99High', 'TargetDown', 'TargetMissing'],
    );
  });

  /**
   * Waits until Prometheus has scraped the series `selector` names. A series' first sample counts no increase (rate()
   * sees the counter only from there), so each route and status is recorded once and scraped before the traffic.
   */
  const scraped = (selector: string): Promise<Sample[]> =>
    eventually(`Prometheus scrapes ${selector}`, 20, async () => {
      const samples = await query(selector);
      return samples.length > 0 ? samples : undefined;
    });

  it('records request rate, 5xx ratio (0 while nothing fails) and latency quantiles per route from real traffic', async () => {
    assert.equal((await request(service!.port, 'GET', '/orders/0')).status, 200);
    assert.equal((await request(service!.port, 'POST', '/orders/0/pay')).status, 201);
    await scraped('http_request_duration_seconds_count{job="checkout", route="/orders/:id/pay", status_code="201"}');
    await scraped('http_request_duration_seconds_count{job="checkout", route="/orders/:id", status_code="200"}');
    for (let id = 1; id <= 30; id++) assert.equal((await request(service!.port, 'GET', `/orders/${id}`)).status, 200);
    for (let id = 1; id <= 10; id++)
      assert.equal((await request(service!.port, 'POST', `/orders/${id}/pay`)).status, 201);
    const routeRate = await eventually('a request rate for /orders/:id', 30, async () => {
      const samples = await query('job_route:http_requests:rate5m{job="checkout", route="/orders/:id"}');
      return samples.length === 1 && Number(samples[0].value[1]) > 0 ? samples : undefined;
    });
    assert.equal(routeRate[0].metric.route, '/orders/:id');
    const ratio = await query('job:http_request_errors:ratio_rate5m{job="checkout"}');
    assert.equal(ratio.length, 1, 'the ratio is recorded before any failure');
    assert.equal(Number(ratio[0].value[1]), 0);
    const p99 = await eventually('p99 of /orders/:id/pay', 20, async () => {
      const samples = await query(
        'job_route:http_request_duration_seconds:p99_rate5m{job="checkout", route="/orders/:id/pay"}',
      );
      return samples.length === 1 && Number.isFinite(Number(samples[0].value[1])) ? samples : undefined;
    });
    assert.ok(
      Number(p99[0].value[1]) > 0 && Number(p99[0].value[1]) < 1,
      `p99 ${p99[0].value[1]}s: fast loopback requests`,
    );
    const firing = (await alerts()).filter((alert) => alert.state === 'firing');
    assert.deepEqual(firing, [], 'nothing fires while the service is healthy');
  });

  it('every dashboard query returns data from this Prometheus', async () => {
    const queries = dashboard.panels.flatMap((panel) =>
      panel.type === 'row' ? [] : panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })),
    );
    for (const { panel, expr } of queries) {
      const promql = expr
        .replace(/\$job/g, 'checkout')
        .replace(/\$route/g, '.*')
        .replace(/\$__rate_interval/g, '1m');
      const samples = await query(promql);
      assert.ok(samples.length > 0, `${panel}: ${promql} returns no series`);
    }
  });

  it('HttpErrorRatioHigh goes to firing after injected 5xx responses, with the job label', async () => {
    fs.writeFileSync(failFile, 'payment provider down');
    assert.equal((await request(service!.port, 'POST', '/orders/0/pay')).status, 502);
    await scraped('http_request_duration_seconds_count{job="checkout", status_code="502"}');
    for (let id = 1; id <= 60; id++)
      assert.equal((await request(service!.port, 'POST', `/orders/${id}/pay`)).status, 502);
    const states = new Set<string>();
    const alert = await eventually(
      'HttpErrorRatioHigh firing',
      60,
      async () => {
        const found = (await alerts()).find((candidate) => candidate.labels.alertname === 'HttpErrorRatioHigh');
        if (found) states.add(found.state);
        return found?.state === 'firing' ? found : undefined;
      },
      () => `states seen: ${[...states].join(', ') || 'none'}`,
    );
    assert.deepEqual(alert.labels, { alertname: 'HttpErrorRatioHigh', job: 'checkout', severity: 'critical' });
    const ratio = await query('job:http_request_errors:ratio_rate5m{job="checkout"}');
    assert.ok(Number(ratio[0].value[1]) > 0.05, `ratio ${ratio[0].value[1]}`);
    const routeRatio = await query(
      'job_route:http_request_errors:ratio_rate5m{job="checkout", route="/orders/:id/pay"}',
    );
    assert.ok(Number(routeRatio[0].value[1]) > 0.5, `the payment route's ratio ${routeRatio[0]?.value[1]}`);
    const others = (await alerts()).filter(
      (candidate) => candidate.state === 'firing' && candidate.labels.alertname !== 'HttpErrorRatioHigh',
    );
    assert.deepEqual(others, [], 'only the error-ratio alert fires: the target is up and fast');
  });
});
