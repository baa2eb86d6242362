import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers';

/** What the page's callbacks read of an element (the tests compile without the DOM library). */
interface PageElement {
  getBoundingClientRect(): { width: number };
  parentElement: PageElement | null;
  getAttribute(name: string): string | null;
  textContent: string | null;
}

const CHROMIUM = '/usr/bin/chromium';
const BIN = path.join(repoRoot(), 'eslint-plugin', 'bin', 'observability-lint.js');
/** `UPDATE_SCREENSHOT=1` refreshes the README's picture of the page. */
const SCREENSHOT = path.join(repoRoot(), 'docs', 'report.png');

/**
 * The html report in headless Chromium: it renders from the file alone (every request other than the page itself
 * is refused and counted), the coverage bars have their widths, and clicking a header sorts the route table.
 */
describe('report --format html in headless Chromium', function () {
  this.timeout(120_000);
  let scratch: string;
  before(function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    skipped: ${CHROMIUM} is not installed`);
      this.skip();
    }
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-report-html-'));
  });
  after(() => scratch && fs.rmSync(scratch, { recursive: true, force: true }));

  it('renders offline, draws the bars and sorts the route table on a click', async () => {
    const page = path.join(scratch, 'report.html');
    const built = spawnSync(
      process.execPath,
      [BIN, 'report', 'examples/express-service', '--format', 'html', '--output', page],
      { cwd: repoRoot(), encoding: 'utf8' },
    );
    assert.equal(built.status, 0, built.stderr);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const elsewhere: string[] = [];
      await tab.route('**/*', (route) => {
        if (route.request().url() === pathToFileURL(page).toString()) return route.continue();
        elsewhere.push(route.request().url());
        return route.abort();
      });
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(pathToFileURL(page).toString());
      assert.deepEqual(elsewhere, [], 'the page loads nothing else');
      assert.equal(await tab.title(), 'Observability route report');

      const bars = await tab.$$eval('.service .fill', (fills: PageElement[]) =>
        fills.map((fill) => [
          fill.getBoundingClientRect().width,
          fill.parentElement!.getBoundingClientRect().width,
          Number(fill.parentElement!.getAttribute('aria-valuenow')),
        ]),
      );
      assert.ok(bars.length >= 3);
      for (const [width, track, value] of bars)
        assert.ok(
          Math.abs(width - (track * value) / 100) < 1.5,
          `a bar of ${value}% is drawn ${width}px of ${track}px`,
        );

      const column = async (index: number): Promise<string[]> =>
        tab.$$eval(`#routes tbody tr td:nth-child(${index})`, (cells: PageElement[]) =>
          cells.map((cell) => cell.textContent ?? ''),
        );
      const paths = await column(3);
      assert.ok(paths.length >= 4);
      await tab.click('#routes th[data-key="path"]');
      assert.deepEqual(
        await column(3),
        [...paths].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)),
      );
      assert.equal(await tab.getAttribute('#routes th[data-key="path"]', 'aria-sort'), 'ascending');
      await tab.click('#routes th[data-key="path"]');
      assert.equal(await tab.getAttribute('#routes th[data-key="path"]', 'aria-sort'), 'descending');
      assert.deepEqual(
        (await column(3))[0],
        [...paths].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()))[0],
      );

      // Sorting by a verdict puts the routes missing it first.
      await tab.click('#routes th[data-key="logged"]');
      const logged = await column(5);
      assert.deepEqual(
        logged,
        [...logged].sort((a, b) => (a === '✗' ? 0 : 1) - (b === '✗' ? 0 : 1)),
      );
      assert.equal(await tab.getAttribute('#routes th[data-key="path"]', 'aria-sort'), 'none');
      assert.deepEqual(errors, []);

      if (process.env.UPDATE_SCREENSHOT === '1' || !fs.existsSync(SCREENSHOT)) {
        await tab.click('#routes th[data-key="location"]');
        await tab.screenshot({ path: SCREENSHOT, fullPage: true });
      }
    } finally {
      await browser.close();
    }
  });
});
