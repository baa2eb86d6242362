import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import { RuleTester as EslintRuleTester } from 'eslint';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';
import { detectionOnly } from './detection-only';

const rule = plugin.rules['no-swallowed-errors'];
const detection = detectionOnly(rule);
const ts = new TsRuleTester();
const js = new EslintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });

/** Services whose package.json decides the logger; their `src/logger.*` exports one to import. */
const pinoFile = fixturePath('error-rules', 'pino-service', 'src', 'orders.ts');
const winstonFile = fixturePath('error-rules', 'winston-service', 'src', 'orders.js');
const nestFile = fixturePath('error-rules', 'nest-service', 'src', 'orders.service.ts');
const plainFile = fixturePath('error-rules', 'plain-service', 'src', 'orders.ts');
const PINO = "import pino from 'pino';\nconst logger = pino();\n";
const swallowed = { messageId: 'swallowed' as const };

describe('no-swallowed-errors', () => {
  ts.run('no-swallowed-errors: what is not a swallow', detection, {
    valid: [
      // A comment says why the error is ignored.
      'try { await cache.set(key, value); } catch { /* the cache is best effort */ }',
      'try { await cache.set(key, value); } catch (err) {\n  // a cold cache only costs latency\n  return null;\n}',
      'warmCache().catch(() => { /* best effort: the next request fills it */ });',
      // Probes whose failure is the answer.
      'function parseBody(raw: string) { try { return JSON.parse(raw); } catch { return {}; } }',
      'function isUrl(input: string) { try { new URL(input); return true; } catch { return false; } }',
      "function hasSharp() { try { require.resolve('sharp'); return true; } catch { return false; } }",
      "let sharp; try { sharp = require('sharp'); } catch { sharp = undefined; }",
      'function exists(p: string) { try { fs.accessSync(p); return true; } catch { return false; } }',
      'function exists(p: string) { try { return fs.statSync(p).isFile(); } catch { return false; } }',
      'const present = await fs.promises.access(p).then(() => true).catch(() => false);',
      "const optional = await import('pino-pretty').catch(() => null);",
      'function toInt(v: string) { try { return BigInt(v.trim()); } catch { return null; } }',
      'function tokenValid(t: string) { try { jwt.verify(t, secret); return true; } catch { return false; } }',
      'fs.stat(p, (err, stats) => { done(!err && stats.isFile()); });',
      'function serialize(obj: unknown) { try { return JSON.stringify(obj); } catch { return \'"[circular]"\'; } }',
      'function parse(body: string, done: Function) { try { done(null, secureJsonParse(body)); } catch { done(new InvalidJsonBodyError(), undefined); } }',
      "function readManifest(p: string) { return fs.promises.readFile(p, 'utf8').catch(() => Promise.reject(new Error(`manifest not found: ${p}`))); }",
      // A binding named to be ignored says so.
      'try { await cache.set(key, value); } catch (_) {}',
      'try { await cache.set(key, value); } catch (_err) { return null; }',
      {
        code: 'try { await cache.set(key, value); } catch (ignored) {}',
        options: [{ ignoredBindingPattern: '^ignored$' }],
      },
      // The error decides what happens.
      "async function readConfig() { try { return await fs.promises.readFile(p, 'utf8'); } catch (err) { if (err.code === 'ENOENT') return null; } }",
      "try { await repo.save(order); } catch (err) { if (err instanceof UniqueViolation) { res.status(409).json({ error: 'exists' }); } }",
      "try { await send(); } catch (error) { switch (error.code) { case 'ECONNRESET': retry(); break; default: break; } }",
      // Logged, with any logger the plugin recognises.
      `${PINO}try { await saveOrder(order); } catch (err) { logger.error({ err }, 'save failed'); }`,
      "import winston from 'winston';\nconst logger = winston.createLogger();\ntry { await saveOrder(order); } catch (err) { logger.error('save failed', err); }",
      'try { await saveOrder(order); } catch (err) { console.error(err); }',
      'try { await saveOrder(order); } catch (err) { req.log.warn({ err }, "retrying"); await saveOrder(order); }',
      `${PINO}try { await saveOrder(order); } catch (err) { setImmediate(() => logger.error({ err }, 'late')); }`,
      // A log line without the error is still a trace (preserve-error-details asks for the error itself).
      `${PINO}try { await saveOrder(order); } catch { logger.warn('order not saved, will retry'); }`,
      // Passed on.
      'app.get("/orders", async (req, res, next) => { try { res.json(await list()); } catch (err) { next(err); } });',
      'new Promise((resolve, reject) => { stream.on("error", (err) => reject(err)); });',
      'db.query(sql, (err, rows) => { if (err) return callback(err); callback(null, rows); });',
      'fetchUser(id).then(render, (err) => done(err));',
      'fetchUser(id).catch((e) => next(e));',
      'try { await saveOrder(order); } catch (err) { return { ok: false, error: err }; }',
      'try { await saveOrder(order); } catch (err) { this.lastFailure = err; }',
      'try { await saveOrder(order); } catch (err) { const failure = toAppError(err); next(failure); }',
      'try { await saveOrder(order); } catch (err) { failures.push(err); }',
      'router.get("/x", async (ctx) => { try { ctx.body = await load(); } catch (err) { ctx.throw(500, err); } });',
      'fastify.get("/x", async (request, reply) => { try { return await load(); } catch (err) { reply.code(500).send(err); } });',
      // Rethrown, with or without a cause.
      "try { await saveOrder(order); } catch (err) { throw new AppError('order not saved', { cause: err }); }",
      "try { await saveOrder(order); } catch { throw new HttpException('order not saved', 502); }",
      // Recorded by an error tracker or a span.
      'try { await saveOrder(order); } catch (err) { Sentry.captureException(err); }',
      'try { await saveOrder(order); } catch (err) { span.recordException(err); span.setStatus({ code: 2 }); }',
      {
        code: 'try { await saveOrder(order); } catch (err) { reportFailure("orders"); }',
        options: [{ recorders: ['reportFailure'] }],
      },
      {
        code: 'function load() { try { return yaml.load(text); } catch { return {}; } }',
        options: [{ probeCalls: ['yaml.load'] }],
      },
      // Error middleware and error handlers that log or pass on.
      "app.use((err, req, res, next) => { req.log.error({ err }, 'unhandled'); res.status(500).json({ error: 'internal' }); });",
      'app.use((err, req, res, next) => next(err));',
      "fastify.setErrorHandler((error, request, reply) => { request.log.error({ err: error }, 'request failed'); reply.code(500).send({ error: 'internal' }); });",
      'app.use((req, res, next) => { res.setHeader("x-powered-by", "orders"); next(); });',
      // Not error handlers: element and event callbacks, success callbacks.
      'items.map((e, i) => e.id + i);',
      "button.addEventListener('click', (e, extra) => {});",
      "emitter.on('data', (e, meta) => {});",
      'fetchUser(id).then((user) => render(user));',
      'schedule((error: string, attempt: number) => {});',
      // A destructured error is judged unknown.
      'try { await saveOrder(order); } catch ({ message }) { res.status(500).json({ message }); }',
      // Tests and scripts are not services.
      { code: 'try { await saveOrder(order); } catch {}', filename: 'src/orders.test.ts' },
      {
        code: 'try { await seed(); } catch (err) {}',
        filename: fixturePath('error-rules', 'pino-service', 'scripts', 'seed.ts'),
      },
    ],
    invalid: [
      { code: 'try { await saveOrder(order); } catch (err) {}', errors: [swallowed] },
      {
        code: 'try { await saveOrder(order); } catch { return null; }',
        errors: [{ ...swallowed, line: 1, column: 33 }],
      },
      // Answering the client is not telling the operators.
      {
        code: 'try { res.json(await list()); } catch (err) { res.status(500).json({ error: err.message }); }',
        errors: [swallowed],
      },
      {
        code: 'try { res.json(await list()); } catch (err) { res.status(500).send(String(err)); }',
        errors: [swallowed],
      },
      {
        code: 'try { res.json(await list()); } catch (err) { const message = err.message; res.status(500).json({ message }); }',
        errors: [swallowed],
      },
      {
        code: 'router.get("/x", async (ctx) => { try { ctx.body = await load(); } catch (err) { ctx.status = 500; ctx.body = { error: err.message }; } });',
        errors: [swallowed],
      },
      {
        code: 'export function GET() { return load().catch((e) => NextResponse.json({ error: String(e) }, { status: 500 })); }',
        errors: [swallowed],
      },
      // Testing only that there is an error decides nothing about it.
      {
        code: 'fs.readFile(p, (err, data) => { if (err) return res.status(500).end(); res.send(data); });',
        errors: [swallowed],
      },
      { code: 'db.get(key, (err, value) => { if (!err) resolve(value); });', errors: [swallowed] },
      { code: 'try { await saveOrder(order); } catch (err) { if (err !== null) return; }', errors: [swallowed] },
      { code: 'try { await saveOrder(order); } catch (err) { if (err) { retry(); } }', errors: [swallowed] },
      // A probe with real work beside it is no probe.
      {
        code: 'try { const order = JSON.parse(raw); await db.orders.insert(order); } catch { return false; }',
        errors: [swallowed],
      },
      { code: 'const user = await fetchUser(id).catch(() => null);', errors: [swallowed] },
      { code: 'fetchUser(id).then(render, () => {});', errors: [swallowed] },
      { code: "stream.on('error', () => {});", errors: [swallowed] },
      { code: 'client.connect((e, conn) => { pool.add(conn); });', errors: [swallowed] },
      {
        code: 'queue.process(async (job) => { try { await handle(job); } catch (error) { await job.moveToFailed({ message: "failed" }); } });',
        errors: [swallowed],
      },
      {
        code: 'export async function GET() { try { return Response.json(await load()); } catch (err) { return new Response(JSON.stringify({ error: String(err) }), { status: 500 }); } }',
        errors: [swallowed],
      },
      // An Express error middleware that answers without logging hides every unhandled error.
      {
        code: "app.use((err, req, res, next) => { res.status(500).json({ error: 'internal' }); });",
        errors: [swallowed],
      },
      {
        code: "fastify.setErrorHandler((error, request, reply) => { reply.code(500).send({ error: 'internal' }); });",
        errors: [swallowed],
      },
      // Tests are checked when asked.
      {
        code: 'try { await saveOrder(order); } catch {}',
        filename: 'src/orders.test.ts',
        options: [{ checkTestFiles: true }],
        errors: [swallowed],
      },
      // Only the configured names make a callback error-first.
      {
        code: 'load((failure, data) => { render(data); });',
        options: [{ callbackErrorNames: ['failure'] }],
        errors: [swallowed],
      },
    ],
  });

  ts.run('no-swallowed-errors: probes, teardown, client errors and intent said above', detection, {
    valid: [
      // Probe verbs as the first or last word of a name of any length.
      'function isEcr(host: string) { try { parseEcrRegistryDomain(host); return true; } catch { return false; } }',
      'function state(s: string) { try { return verifyOAuthState(s); } catch { return undefined; } }',
      'function core(body: string) { try { return base32hexDecode(body.slice(0, 16)); } catch { return undefined; } }',
      // Id decoders, a parsed URL read, a time zone check, a liveness probe, a date, a clone, browser storage.
      'function toRunId(id: string) { try { return RunId.fromFriendlyId(id); } catch { return null; } }',
      'function batch(id: string) { try { return BatchId.toId(id); } catch { return null; } }',
      "function schemaOf(cs: string) { try { return new URL(cs).searchParams.get('schema') ?? undefined; } catch { return undefined; } }",
      "function last(u: string) { try { const url = new URL(u); const q = url.searchParams.get('id'); if (q) return q; const s = url.pathname.split('/').filter(Boolean); return s[s.length - 1] ?? u; } catch { return u; } }",
      'function safeUrl(u: string) { try { const parsed = new URL(u); return SAFE.has(parsed.protocol) ? parsed.href : undefined; } catch { return undefined; } }',
      'function validZone(timeZone: string) { try { new Intl.DateTimeFormat("en-US", { timeZone }); return true; } catch { return false; } }',
      'function alive(pid: number) { try { process.kill(pid, 0); return true; } catch { return false; } }',
      'function show(d: Date) { try { return d.toISOString().replace("T", " "); } catch { return "unknown"; } }',
      'function readLast(key: string) { try { const raw = window.localStorage.getItem(key); return raw ? JSON.parse(raw) : null; } catch { return null; } }',
      // A parse with pure work beside it: array callbacks, Math, functions of the file that are pure themselves.
      'function tags(payload: string) { try { const s = JSON.parse(payload); if (!Array.isArray(s.tags)) return null; return s.tags.filter((t) => typeof t === "string"); } catch { return null; } }',
      'function deepEqual(a: unknown, b: unknown): boolean { return a === b || (typeof a === "object" && Object.keys(a).every((k) => deepEqual(a[k], b[k]))); }\nfunction jsonEqual(a: string, b: string) { try { return deepEqual(JSON.parse(a), JSON.parse(b)); } catch { return a === b; } }',
      'function uris(raw: string) { try { const list = JSON.parse(raw); if (!Array.isArray(list) || list.some((u) => typeof u !== "string")) { return json({ error: "uris" }, { status: 400 }); } return [...new Set(list)]; } catch { return json({ error: "uris" }, { status: 400 }); } }',
      // Best-effort teardown: an empty handler around a release, in a finally, a signal or an abort handler.
      'void subscriber.quit().catch(() => {});',
      'await Promise.all(workers.map((worker) => worker.terminate().catch(() => {})));',
      'await api.cancelRun(id).catch(() => {});',
      'try { controller.close(); } catch {}',
      'try { await upstream?.body?.cancel(); } catch {}',
      'async function run() { try { await work(); } finally { await handle.flush().catch(() => {}); } }',
      "process.on('SIGTERM', () => { void flushAll().catch(() => {}); });",
      "signal.addEventListener('abort', () => { notifyServer().catch(() => {}); });",
      // A request body that does not parse answered with a client error.
      'export async function action({ request }) { let body; try { body = await request.json(); } catch { return json({ error: "Invalid JSON body" }, { status: 400 }); } return save(body); }',
      'export async function action({ request }) { let body; try { const raw = await request.text(); body = raw.length > 0 ? JSON.parse(raw) : {}; } catch { return new Response("bad body", { status: 422 }); } return save(body); }',
      'app.post("/x", async (req, res) => { let body; try { body = JSON.parse(await readBody(req)); } catch { return res.status(400).json({ error: "invalid" }); } res.json(body); });',
      'export async function action({ request }) { let parsed; try { const raw = JSON.parse(await request.text()); const result = Body.safeParse(raw); if (!result.success) return json({ error: result.error.flatten() }, { status: 400 }); parsed = result.data; } catch { return json({ error: "Invalid JSON body" }, { status: 400 }); } return save(parsed); }',
      // A body read with a constant fallback, typically for an error message.
      'if (!res.ok) { const text = await res.text().catch(() => ""); throw new Error(`create failed: ${res.status} ${text}`); }',
      'const data = await response.json().catch(() => undefined);',
      'const body = await request.json().catch(() => ({}));',
      // Intent written just above the statement.
      '// Last-resort source: a Redis failure must not break the report.\nconst pending = await deps.queueLength(env).catch(() => undefined);',
      'async function sample() {\n  // Transient errors are skipped: the next sample retries.\n  try {\n    return await probeLag();\n  } catch {\n    return undefined;\n  }\n}',
      // A side `.catch()` on a promise whose rejection is observed where it is returned.
      'function backstop<T>(promise: Promise<T>): Promise<T> { promise.catch(() => {}); return promise; }',
      'function start(opts) { const completion = run(opts); completion.catch(() => {}); return { chatId: opts.chatId, completion }; }',
    ],
    invalid: [
      // A 5xx answer without a log stays a swallow, even after a body read.
      {
        code: 'try { await service.call(run); } catch { return json({ error: "Internal Server Error" }, { status: 500 }); }',
        errors: [swallowed],
      },
      {
        code: 'try { const body = await request.json(); await save(body); } catch { return json({ error: "bad" }, { status: 400 }); }',
        errors: [swallowed],
      },
      {
        code: 'try { body = await request.json(); } catch { return json({ error: "failed" }, { status: 500 }); }',
        errors: [swallowed],
      },
      // Cache removals and user handlers are not teardown.
      { code: 'platformCache.billingLimit.remove(organizationId).catch(() => {});', errors: [swallowed] },
      { code: 'void Promise.resolve(handler(chunk.payload)).catch(() => {});', errors: [swallowed] },
      { code: 'await client.quit().catch(() => { retries++; });', errors: [swallowed] },
      { code: 'try { await orders.cancel(id); } catch { return false; }', errors: [swallowed] },
      // A fallback that is not constant, or a read that is not a body.
      { code: 'const user = await fetchUser(id).catch(() => "");', errors: [swallowed] },
      { code: 'const users = await db.users.find({ active: true }).catch(() => []);', errors: [swallowed] },
      {
        code: 'try { const rows = db.users.find({ active: true }); return rows; } catch { return []; }',
        errors: [swallowed],
      },
      // A comment above that does not speak of the failure, or is not just above.
      {
        code: '// Returning true marks the record consumed.\nvoid Promise.resolve(handler(chunk)).catch(() => {});',
        errors: [swallowed],
      },
      {
        code: '// Degrade on error.\n\nconst counts = await repo.count().catch(() => new Map());',
        errors: [swallowed],
      },
      {
        code: 'declare function save(id: string): void;\nfunction put(raw: string) { try { save(JSON.parse(raw)); } catch { return null; } }',
        errors: [swallowed],
      },
      // A side `.catch()` on a promise that goes nowhere else.
      { code: 'function fire() { const p = sync(); p.catch(() => {}); }', errors: [swallowed] },
      // A function of the file that does I/O is no probe.
      {
        code: 'async function load(id: string) { return db.find(id); }\nfunction get(raw: string) { try { return load(JSON.parse(raw)); } catch { return null; } }',
        errors: [swallowed],
      },
    ],
  });

  ts.run("no-swallowed-errors: suggestions in the logger's idiom", rule, {
    valid: [],
    invalid: [
      {
        code: `${PINO}async function save(order) {\n  try {\n    await saveOrder(order);\n  } catch (err) {}\n}`,
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: `${PINO}async function save(order) {\n  try {\n    await saveOrder(order);\n  } catch (err) {\n    logger.error({ err }, 'saveOrder failed');\n  }\n}`,
              },
              {
                messageId: 'rethrowWithCause',
                output: `${PINO}async function save(order) {\n  try {\n    await saveOrder(order);\n  } catch (err) {\n    throw new Error('saveOrder failed', { cause: err });\n  }\n}`,
              },
            ],
          },
        ],
      },
      {
        // No binding: one is added; a handler that returns gets no rethrow after it.
        code: `${PINO}async function find(id) {\n  try {\n    return await db.orders.findById(id);\n  } catch {\n    return null;\n  }\n}`,
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: `${PINO}async function find(id) {\n  try {\n    return await db.orders.findById(id);\n  } catch (err) {\n    logger.error({ err }, 'findById failed');\n    return null;\n  }\n}`,
              },
            ],
          },
        ],
      },
      {
        code: `${PINO}const user = await fetchUser(id).catch(() => null);`,
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: `${PINO}const user = await fetchUser(id).catch((err) => { logger.error({ err }, 'fetchUser failed'); return null; });`,
              },
              {
                messageId: 'rethrowWithCause',
                output: `${PINO}const user = await fetchUser(id).catch((err) => { throw new Error('fetchUser failed', { cause: err }); });`,
              },
            ],
          },
        ],
      },
      {
        // An error-first callback also runs on success: the log line is guarded.
        code: `${PINO}fs.readFile(p, (err, data) => { if (err) return res.status(500).end(); res.send(data); });`,
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: `${PINO}fs.readFile(p, (err, data) => { if (err) logger.error({ err }, 'readFile failed'); if (err) return res.status(500).end(); res.send(data); });`,
              },
            ],
          },
        ],
      },
      {
        // An 'error' listener: the emitter names what failed; no rethrow (it would crash the process).
        code: `${PINO}stream.on('error', () => {});`,
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: `${PINO}stream.on('error', (err) => {\n  logger.error({ err }, 'stream failed');\n});`,
              },
            ],
          },
        ],
      },
      {
        // The innermost call names what failed, not the response it fed.
        code: `${PINO}app.get('/orders', async (req, res) => {\n  try {\n    res.json(await listOrders());\n  } catch (err) {\n    res.status(500).json({ error: 'internal' });\n  }\n});`,
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: `${PINO}app.get('/orders', async (req, res) => {\n  try {\n    res.json(await listOrders());\n  } catch (err) {\n    logger.error({ err }, 'listOrders failed');\n    res.status(500).json({ error: 'internal' });\n  }\n});`,
              },
            ],
          },
        ],
      },
      {
        // A name already taken in the handler's scope is not reused.
        code: `${PINO}const err = 1;\ntry { await saveOrder(order); } catch { use(err); }`,
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: `${PINO}const err = 1;\ntry { await saveOrder(order); } catch (error) { logger.error({ err: error }, 'saveOrder failed'); use(err); }`,
              },
              {
                messageId: 'rethrowWithCause',
                output: `${PINO}const err = 1;\ntry { await saveOrder(order); } catch (error) { use(err);\nthrow new Error('saveOrder failed', { cause: error }); }`,
              },
            ],
          },
        ],
      },
      {
        // winston takes the error after the message.
        code: "import winston from 'winston';\nconst logger = winston.createLogger({});\ntry { await saveOrder(order); } catch (e) { res.status(500).end(); }",
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output:
                  "import winston from 'winston';\nconst logger = winston.createLogger({});\ntry { await saveOrder(order); } catch (e) { logger.error('saveOrder failed', e); res.status(500).end(); }",
              },
            ],
          },
        ],
      },
      {
        // NestJS: the class's own logger, with the stack it takes as second argument.
        filename: nestFile,
        code: "import { Injectable, Logger } from '@nestjs/common';\n@Injectable()\nexport class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  async cancel(id: string) {\n    try {\n      await this.repo.cancel(id);\n    } catch (err) {\n      return false;\n    }\n  }\n}",
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output:
                  "import { Injectable, Logger } from '@nestjs/common';\n@Injectable()\nexport class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  async cancel(id: string) {\n    try {\n      await this.repo.cancel(id);\n    } catch (err) {\n      this.logger.error('cancel failed', err instanceof Error ? err.stack : String(err));\n      return false;\n    }\n  }\n}",
              },
            ],
          },
        ],
      },
      {
        // No logger in the service: console.
        filename: plainFile,
        code: 'try { await saveOrder(order); } catch (err) {}',
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output: "try { await saveOrder(order); } catch (err) {\n  console.error('saveOrder failed', err);\n}",
              },
              {
                messageId: 'rethrowWithCause',
                output:
                  "try { await saveOrder(order); } catch (err) {\n  throw new Error('saveOrder failed', { cause: err });\n}",
              },
            ],
          },
        ],
      },
      {
        // The service's logger module is imported.
        filename: pinoFile,
        code: "import { db } from './db';\n\nexport async function cancel(id: string) {\n  try {\n    await db.cancel(id);\n  } catch (err) {\n    return false;\n  }\n}",
        errors: [
          {
            ...swallowed,
            suggestions: [
              {
                messageId: 'logError',
                output:
                  "import { db } from './db';\nimport { logger } from './logger';\n\nexport async function cancel(id: string) {\n  try {\n    await db.cancel(id);\n  } catch (err) {\n    logger.error({ err }, 'cancel failed');\n    return false;\n  }\n}",
              },
            ],
          },
        ],
      },
      {
        // CommonJS: the service's logger module is required.
        filename: winstonFile,
        code: "const db = require('./db');\n\nasync function cancel(id) {\n  try {\n    await db.cancel(id);\n  } catch (err) {\n    return false;\n  }\n}\nmodule.exports = { cancel };",
        languageOptions: { parserOptions: { sourceType: 'script' } },
        errors: [
          {
            messageId: 'swallowed',
            suggestions: [
              {
                messageId: 'logError',
                output:
                  "const db = require('./db');\nconst { logger } = require('./logger');\n\nasync function cancel(id) {\n  try {\n    await db.cancel(id);\n  } catch (err) {\n    logger.error('cancel failed', err);\n    return false;\n  }\n}\nmodule.exports = { cancel };",
              },
            ],
          },
        ],
      },
    ],
  });

  js.run('no-swallowed-errors (JavaScript)', rule as never, {
    valid: [
      {
        code: "const fs = require('fs');\nfunction exists(p) { try { fs.accessSync(p); return true; } catch (e) { return false; } }",
        languageOptions: { sourceType: 'commonjs' },
      },
      {
        code: 'app.use((req, res, next) => { loadUser(req).then(() => next(), next); });',
        languageOptions: { sourceType: 'commonjs' },
      },
      {
        code: 'db.query(sql, function (err, rows) { if (err) { console.error("query failed", err); return; } use(rows); });',
        languageOptions: { sourceType: 'commonjs' },
      },
      { code: 'promise.catch(function (error) { throw error; });', languageOptions: { sourceType: 'commonjs' } },
    ],
    invalid: [
      {
        code: 'promise.then(ok, function () {});',
        errors: [
          {
            messageId: 'swallowed',
            suggestions: [
              {
                messageId: 'logError',
                output: "promise.then(ok, function (err) {\n  console.error('operation failed', err);\n});",
              },
              {
                messageId: 'rethrowWithCause',
                output:
                  "promise.then(ok, function (err) {\n  throw new Error('operation failed', { cause: err });\n});",
              },
            ],
          },
        ],
      },
    ],
  });
});
