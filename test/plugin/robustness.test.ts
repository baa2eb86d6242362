import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { repoRoot } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as Linter.Parser;

/** Valid but unusual code: the rule must neither throw nor guess. */
const ODD_SNIPPETS = [
  'console.log(); logger.info(); logger.child(); debug();',
  'console.log(...[]); logger.info(...args, ...rest);',
  'console.log(a[b], a[b][c], a?.[b]?.(c), (0, logger.info)(password));',
  'class A { #logger = console; #password = ""; m() { this.#logger.log(this.#password); } }',
  'class B extends C { m(password) { super.log(password); super.info?.(password); } }',
  'function f() { console.log(new.target, import.meta); }',
  'logger.info(tag`password ${secret}`); logger.info(`${`${`${password}`}`}`);',
  'const { [key]: value, ...rest } = req.body; console.log(value, rest);',
  'const [first, ...others] = tokens; console.log(first, others);',
  'let a = b; let b = a; console.log(a, b);',
  'var x = x || {}; x.password = x.password || ""; console.log(x);',
  'function loop(n) { return n ? loop(n - 1) : logger.info(n); } loop(password);',
  'const log = (x) => log(x); log(password);',
  'function a(p) { b(p); } function b(q) { a(q); console.log(q); } a(token);',
  'for (const secret of secrets) console.log(secret);',
  'for (const k in req.body) console.log(k, req.body[k]);',
  'label: { console.log(password); break label; }',
  'with_ = 1; console.log(eval("password"));',
  'async function* g() { for await (const token of stream) yield console.log(await token); }',
  'console.log(typeof password, void token, -pin, !secret, password in obj, password instanceof String);',
  'console.log((password, token)); console.log((a = password));',
  'console.log({ get password() { return 1; }, set token(v) {}, ["x"]: secret, [`y`]: token, 1: pin, async *gen() {} });',
  'logger[level](password); logger["info"](password); console["log"](token);',
  'const pino = require("pino"); const l = pino(pino.destination(1)); l.info({ password });',
  'import * as winston from "winston"; const l = winston.createLogger(); l.child({ token }).info(password);',
  'export default function (req, res) { res.log.info(req.body); }',
  // Metrics in odd shapes.
  'import client from "prom-client"; new client.Counter(); new client.Gauge(opts); new client.Histogram({ labelNames: [...names, 1, null, , `x`] });',
  'import { Histogram } from "prom-client"; const h = new Histogram({ name: 1, labelNames: "x" }); h.labels(); h.observe(); h.observe(...args); h.labels(...vals).inc();',
  'import { metrics } from "@opentelemetry/api"; const m = metrics.getMeter(); m.createCounter(); m.createHistogram(name).record(); m.createCounter("x").add(1, attrs, ctx);',
  'import StatsD from "hot-shots"; const s = new StatsD(); s.increment(); s.timing("x", 1, [,]); s.gauge("x", 1, [`${a}`, "k:" + v]);',
  'import client from "prom-client"; const end = new client.Histogram({ name: "x_seconds", help: "h" }).startTimer(); end(); end(labels); end({ [k]: v });',
  'import client from "prom-client"; client.register.setDefaultLabels(); client.register.getSingleMetric(name).inc({ route: req.url });',
  'import promBundle from "express-prom-bundle"; promBundle(); promBundle({ transformLabels() {}, normalizePath: [[/x/, "y"]] });',
  'import client from "prom-client"; function f(h) { return f(h); } f(new client.Counter({ name: "a_total", help: "h", labelNames: ["route"] }));',
  'import client from "prom-client"; class A { c = new client.Counter({ name: "b_total", help: "h", labelNames: ["p"] }); constructor() { this.d = this.c; } m(req) { this.d.inc({ p: req.url }); } }',
  'import * as m from "./does-not-exist"; m.histogram.observe({ route: req.url }, 1); import("./also-missing");',
];
const TS_ONLY = [
  'enum E { password = "x" } console.log(E.password);',
  'declare const logger: any; logger.info(<string>password, password!, password as unknown as number, password satisfies string);',
  'namespace N { export const token = "x"; } console.log(N.token);',
  'function f<T extends { password: string }>(x: T) { console.log(x); }',
  'abstract class S { abstract logger: { info(x: unknown): void }; run(password: string) { this.logger.info({ password }); } }',
  'type T = { email: string }; const x = {} as T; console.log(x);',
];

function lintAll(code: string, filename: string, parser?: Linter.Parser): Linter.LintMessage[] {
  const linter = new Linter({ cwd: repoRoot() });
  const config: Linter.Config[] = [
    {
      files: ['**/*'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', ...(parser ? { parser } : {}) },
    },
    plugin.configs.all as Linter.Config,
  ];
  return linter.verify(code, config, { filename: path.join(repoRoot(), filename) });
}

describe('robustness: the rules never throw on valid code', () => {
  for (const snippet of ODD_SNIPPETS) {
    it(`JS: ${snippet.slice(0, 70)}`, () => {
      const messages = lintAll(snippet, 'odd.js');
      assert.deepEqual(
        messages.filter((message) => message.fatal).map((message) => message.message),
        [],
      );
      const withTs = lintAll(snippet, 'odd.ts', tsParser);
      assert.deepEqual(
        withTs.filter((message) => message.fatal).map((message) => message.message),
        [],
      );
    });
  }
  for (const snippet of TS_ONLY) {
    it(`TS: ${snippet.slice(0, 70)}`, () => {
      const messages = lintAll(snippet, 'odd.ts', tsParser);
      assert.deepEqual(
        messages.filter((message) => message.fatal).map((message) => message.message),
        [],
      );
    });
  }

  it('the example service and every fixture lint without a crash', () => {
    const roots = [path.join(repoRoot(), 'examples'), path.join(repoRoot(), 'test', 'fixtures')];
    let files = 0;
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules') walk(file);
        else if (/\.(m|c)?(j|t)sx?$/.test(entry.name)) {
          files++;
          const messages = lintAll(fs.readFileSync(file, 'utf8'), path.relative(repoRoot(), file), tsParser);
          assert.deepEqual(
            messages.filter((message) => message.fatal).map((message) => message.message),
            [],
            file,
          );
        }
      }
    };
    roots.forEach(walk);
    assert.ok(files > 5);
  });
});
