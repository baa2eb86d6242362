import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['require-span-end'];
const tester = new RuleTester();
/** Files of a project whose `src/tracing.ts` and `src/tracing-helpers.js` export tracing helpers. */
const file = (name: string): string => fixturePath('spans', 'src', name);

tester.run('require-span-end', rule, {
  valid: [
    {
      // trigger.dev's CLI: the catch records through a helper, ends the span and rethrows.
      name: 'a local helper that only records the error on the span, then end() and rethrow in the catch',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<number>;
declare function sanitize(error: unknown): Error;
function recordErr(span: Span, error: unknown) {
  if (error instanceof Error) {
    span.recordException(sanitize(error));
  } else {
    span.recordException(String(error));
  }
  span.setStatus({ code: SpanStatusCode.ERROR });
}
export async function charge() {
  return await tracer.startActiveSpan('charge', async (span) => {
    try {
      const total = await work();
      span.end();
      return total;
    } catch (e) {
      recordErr(span, e);
      span.end();
      throw e;
    }
  });
}
`,
    },
    {
      name: 'an imported recording helper under a condition, then end() and rethrow in the catch',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
import { recordError } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<number>;
declare class SkipError extends Error {}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    const total = await work();
    span.end();
    return total;
  } catch (e) {
    if (!(e instanceof SkipError)) {
      recordError(span, e);
    }
    span.end();
    throw e;
  }
}
`,
    },
    {
      // A project's own tracer class decides what ending means (trigger.dev's TriggerTracer ends in finally).
      name: 'a tracer made by new from a project class, imported: not an OpenTelemetry tracer',
      filename: file('cache.ts'),
      code: `import { tracer } from './own-tracer';
export function cached(key: string) {
  return tracer.startActiveSpan('cache', (span) => {
    span.setAttribute('cache.key', key);
    return key;
  });
}
`,
    },
    {
      name: "a tracer constructed here (k6's Tracer from k6/x/otel): not OpenTelemetry's API",
      filename: file('load.js'),
      code: `import { Tracer } from 'k6/x/otel';
const tracer = new Tracer();
export function visit() {
  const span = tracer.startSpan('user_index');
  JSON.parse('{}');
  span.end();
}
`,
    },
    {
      // A span a test leaks ends with the test process.
      name: 'a test file is not checked by default',
      filename: fixturePath('spans', 'test', 'tracing.test.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('t');
export function traced() {
  const span = tracer.startSpan('work');
  JSON.parse('{}');
  span.end();
}
`,
    },
    {
      name: 'end() in a finally that covers the rest',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'start inside the try whose finally ends it',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  let span: Span | undefined;
  try {
    span = tracer.startSpan('charge');
    await work();
  } finally {
    span?.end();
  }
}
`,
    },
    {
      name: 'startActiveSpan callback with try/finally',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await work();
    } finally {
      span.end();
    }
  });
}
`,
    },
    {
      name: 'startActiveSpan with options and context',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', { kind: SpanKind.SERVER }, context.active(), async (span) => {
    try {
      await work();
    } catch (error) {
      log(error);
    } finally {
      span.end();
    }
  });
}
`,
    },
    {
      name: "a returned span is the caller's to end",
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function begin() {
  return tracer.startSpan('job');
}
`,
    },
    {
      name: 'a span held, annotated, then returned',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function begin(id: string) {
  const span = tracer.startSpan('job');
  span.setAttribute('job.id', id);
  return span;
}
`,
    },
    {
      name: 'a span stored on this',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export class Session {
  span?: Span;
  open() {
    this.span = tracer.startSpan('session');
  }
}
`,
    },
    {
      name: 'a span pushed into an array',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

const open: Span[] = [];
export function begin() {
  const span = tracer.startSpan('job');
  open.push(span);
  work();
}
`,
    },
    {
      name: 'a span passed to a function the rule cannot read',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare function track(span: Span): void;
export async function begin() {
  const span = tracer.startSpan('job');
  track(span);
  await work();
}
`,
    },
    {
      name: 'ended by a response callback',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
import type { Request, Response, NextFunction } from 'express';
const tracer = trace.getTracer('http');
export function tracing(req: Request, res: Response, next: NextFunction) {
  const span = tracer.startSpan('request');
  res.on('finish', () => span.end());
  next();
}
`,
    },
    {
      name: 'ended by promise.finally',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function load() {
  const span = tracer.startSpan('load');
  return work().finally(() => span.end());
}
`,
    },
    {
      name: 'not a tracer: a profiler',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare const profiler: { startSpan(name: string): { stop(): void } };
export async function render() {
  const s = profiler.startSpan('render');
  await work();
  profiler.startSpan('x');
}
`,
    },
    {
      name: 'not a tracer: Sentry.startSpan ends its own span',
      filename: file('orders.ts'),
      code: `import * as Sentry from '@sentry/node';
export async function load() {
  return Sentry.startSpan({ name: 'load' }, async () => {
    await fetch('http://x');
  });
}
`,
    },
    {
      name: 'dd-trace tracer (spans end with finish())',
      filename: file('dd.js'),
      code: `const tracer = require('dd-trace').init();
async function handle() {
  const span = tracer.startSpan('web.request');
  await work();
  span.finish();
}
module.exports = { handle };
`,
    },
    {
      name: 'opentracing tracer imported by name',
      filename: file('orders.ts'),
      code: `import { globalTracer } from 'opentracing';
const tracer = globalTracer();
export function handle() {
  tracer.startSpan('x');
}
`,
    },
    {
      name: 'started and ended at once',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function mark() {
  tracer.startSpan('mark').end();
}
`,
    },
    {
      name: 'nothing that can throw between start and end',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function mark(route: string) {
  const span = tracer.startSpan('mark');
  span.setAttribute('http.route', route);
  span.addEvent('marked', { at: Date.now() });
  span.end();
}
`,
    },
    {
      name: 'an early return that ends the span first',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function check(ok: boolean) {
  const span = tracer.startSpan('check');
  if (!ok) {
    span.end();
    return false;
  }
  span.setAttribute('ok', true);
  span.end();
  return true;
}
`,
    },
    {
      name: 'ended in the try and in a catch that rethrows',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
    span.end();
  } catch (error) {
    span.end();
    throw error;
  }
}
`,
    },
    {
      name: 'a local wrapper that ends its span in finally',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

async function withSpan<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    span.end();
  }
}
export function charge() {
  const span = tracer.startSpan('charge');
  return withSpan(span, () => work());
}
`,
    },
    {
      name: 'an imported wrapper (project module) that ends its span in finally',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
import { withSpan } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  await withSpan(span, () => work());
}
`,
    },
    {
      name: 'an imported CommonJS wrapper that ends its span in finally',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

const { finishSpan } = require('./tracing-helpers');
async function charge(order) {
  const span = tracer.startSpan('charge');
  return finishSpan(span, () => order.pay());
}
module.exports = { charge };
`,
    },
    {
      name: 'a configured ending function called in finally',
      filename: file('orders.ts'),
      options: [{ endingFunctions: ['closeSpan'] }],
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare function closeSpan(span: Span): void;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } finally {
    closeSpan(span);
  }
}
`,
    },
    {
      name: 'NestJS: an injected Tracer with try/finally',
      filename: file('orders.ts'),
      code: `import { Injectable } from '@nestjs/common';
import type { Tracer } from '@opentelemetry/api';
@Injectable()
export class OrdersService {
  constructor(private readonly otel: Tracer) {}
  async charge() {
    const span = this.otel.startSpan('charge');
    try {
      await Promise.resolve();
    } finally {
      span.end();
    }
  }
}
`,
    },
    {
      name: 'startActiveSpan handing the span to a function',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare function handle(span: Span): Promise<void>;
export function run() {
  return tracer.startActiveSpan('run', (span) => handle(span));
}
`,
    },
    {
      name: 'startActiveSpan without a parameter ending the active span',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function run() {
  tracer.startActiveSpan('run', () => {
    trace.getActiveSpan()?.end();
  });
}
`,
    },
    {
      name: 'a span assigned to a variable of the module',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

let current: Span | undefined;
export function begin() {
  current = tracer.startSpan('session');
  work();
}
export function finish() {
  current?.end();
}
`,
    },
    {
      name: 'CommonJS with try/finally',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } finally {
    span.end();
  }
}
module.exports = { charge };
`,
    },
    {
      name: 'context.with around the work, before the try only context calls',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  const ctx = trace.setSpan(context.active(), span);
  try {
    await context.with(ctx, () => work());
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'a class method that ends the span in finally',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export class Jobs {
  private tracer = trace.getTracer('jobs');
  async run() {
    const span = this.tracer.startSpan('run');
    return this.finish(span, () => work());
  }
  private async finish(span: Span, fn: () => Promise<void>) {
    try {
      await fn();
    } finally {
      span.end();
    }
  }
}
`,
    },
    {
      name: 'a span returned inside an object',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function begin() {
  const span = tracer.startSpan('job');
  return { span, done: () => span.end() };
}
`,
    },
    {
      name: 'both branches end the span',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function finish(ok: boolean) {
  const span = tracer.startSpan('finish');
  if (ok) {
    span.end();
  } else {
    span.setAttribute('failed', true);
    span.end();
  }
}
`,
    },
    {
      name: 'startSpan on a parameter not named like a tracer is not judged',
      filename: file('orders.js'),
      code: `async function charge(otel, order) {
  const span = otel.startSpan('charge');
  await order.pay();
}
module.exports = { charge };
`,
    },
  ],
  invalid: [
    {
      // A helper that annotates the span but also does work of its own may throw before end() runs.
      name: 'a helper that records and awaits a notification, before end() in the catch',
      filename: file('orders.ts'),
      code: `import { trace, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function notify(error: unknown): Promise<void>;
async function report(span: Span, error: unknown) {
  span.recordException(error as Error);
  await notify(error);
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (e) {
    await report(span, e);
    span.end();
    throw e;
  }
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 10,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { trace, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function notify(error: unknown): Promise<void>;
async function report(span: Span, error: unknown) {
  span.recordException(error as Error);
  await notify(error);
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } catch (e) {
      await report(span, e);
      span.end();
      throw e;
    }
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a recording helper in a catch that rethrows without end()',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
import { recordError } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (e) {
    recordError(span, e);
    throw e;
  }
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 6,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { trace } from '@opentelemetry/api';
import { recordError } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } catch (e) {
      recordError(span, e);
      throw e;
    }
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'checkTestFiles: a test file is checked when asked',
      filename: fixturePath('spans', 'test', 'tracing.test.ts'),
      options: [{ checkTestFiles: true }],
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('t');
export function traced() {
  const span = tracer.startSpan('work');
  JSON.parse('{}');
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 4,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('t');
export function traced() {
  const span = tracer.startSpan('work');
  try {
    JSON.parse('{}');
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'await between start and end, no finally',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  await work();
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'never ended',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  span.setAttribute('order.kind', 'card');
  await work();
}
`,
      errors: [
        {
          messageId: 'neverEnded',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    span.setAttribute('order.kind', 'card');
    await work();
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a discarded span',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function mark() {
  tracer.startSpan('mark');
}
`,
      errors: [
        {
          messageId: 'neverEnded',
          line: 7,
          suggestions: [],
        },
      ],
    },
    {
      name: 'end() only at the end of the try block',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
    span.end();
  } catch (error) {
    log(error);
  }
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
      span.end();
    } catch (error) {
      log(error);
    }
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'end() only on one branch',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function finish(ok: boolean) {
  const span = tracer.startSpan('finish');
  if (ok) {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function finish(ok: boolean) {
  const span = tracer.startSpan('finish');
  try {
    if (ok) {
      span.end();
    }
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an early return before end()',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function check(input?: string) {
  const span = tracer.startSpan('check');
  if (!input) return;
  span.setAttribute('input.length', input.length);
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function check(input?: string) {
  const span = tracer.startSpan('check');
  try {
    if (!input) return;
    span.setAttribute('input.length', input.length);
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'startActiveSpan ending after the work',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => {
    await work();
    span.end();
  });
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await work();
    } finally {
      span.end();
    }
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'startActiveSpan with options and context, ended after the work',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', { kind: SpanKind.CONSUMER }, context.active(), async (span) => {
    await work();
    span.end();
  });
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', { kind: SpanKind.CONSUMER }, context.active(), async (span) => {
    try {
      await work();
    } finally {
      span.end();
    }
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'startActiveSpan never ending its span',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  tracer.startActiveSpan('sync', (span) => {
    span.setAttribute('sync.kind', 'full');
  });
}
`,
      errors: [
        {
          messageId: 'neverEnded',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  tracer.startActiveSpan('sync', (span) => {
    try {
      span.setAttribute('sync.kind', 'full');
    } finally {
      span.end();
    }
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'startActiveSpan callback without a parameter',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  tracer.startActiveSpan('sync', () => {
    work();
  });
}
`,
      errors: [
        {
          messageId: 'neverEnded',
          line: 7,
          suggestions: [],
        },
      ],
    },
    {
      name: 'async expression-bodied callback',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => work());
}
`,
      errors: [
        {
          messageId: 'neverEnded',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => { try { return await work(); } finally { span.end(); } });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: end after a call that can throw',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

async function charge(order) {
  const span = tracer.startSpan('charge');
  await order.pay();
  span.end();
}
module.exports = { charge };
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 5,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } finally {
    span.end();
  }
}
module.exports = { charge };
`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: startActiveSpan',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

function sync(store) {
  return tracer.startActiveSpan('sync', async (span) => {
    await store.flush();
    span.end();
  });
}
module.exports = { sync };
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 5,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

function sync(store) {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await store.flush();
    } finally {
      span.end();
    }
  });
}
module.exports = { sync };
`,
            },
          ],
        },
      ],
    },
    {
      name: 'this.tracer in a class',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export class Orders {
  constructor(private readonly tracer = trace.getTracer('orders')) {}
  async charge() {
    const span = this.tracer.startSpan('charge');
    await work();
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 9,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export class Orders {
  constructor(private readonly tracer = trace.getTracer('orders')) {}
  async charge() {
    const span = this.tracer.startSpan('charge');
    try {
      await work();
    } finally {
      span.end();
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS: an injected Tracer under another name',
      filename: file('orders.ts'),
      code: `import { Injectable } from '@nestjs/common';
import type { Tracer } from '@opentelemetry/api';
@Injectable()
export class OrdersService {
  constructor(private readonly otel: Tracer) {}
  async charge() {
    const span = this.otel.startSpan('charge');
    await Promise.resolve();
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { Injectable } from '@nestjs/common';
import type { Tracer } from '@opentelemetry/api';
@Injectable()
export class OrdersService {
  constructor(private readonly otel: Tracer) {}
  async charge() {
    const span = this.otel.startSpan('charge');
    try {
      await Promise.resolve();
    } finally {
      span.end();
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a helper that only annotates does not take the span over',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

function annotate(span: Span, route: string) {
  span.setAttribute('http.route', route);
}
export async function charge() {
  const span = tracer.startSpan('charge');
  annotate(span, '/orders');
  await work();
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 10,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

function annotate(span: Span, route: string) {
  span.setAttribute('http.route', route);
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    annotate(span, '/orders');
    await work();
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an imported helper that only annotates',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
import { annotate } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  annotate(span, '/orders');
  await work();
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 6,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { trace } from '@opentelemetry/api';
import { annotate } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    annotate(span, '/orders');
    await work();
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a local helper that ends without finally, at the end of the try',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

function finish(span: Span) {
  span.end();
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
    finish(span);
  } catch (error) {
    log(error);
  }
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 10,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

function finish(span: Span) {
  span.end();
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
      finish(span);
    } catch (error) {
      log(error);
    }
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a configured ending function, not in finally',
      filename: file('orders.ts'),
      options: [{ endingFunctions: ['closeSpan'] }],
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare function closeSpan(span: Span): void;
export async function charge() {
  const span = tracer.startSpan('charge');
  await work();
  closeSpan(span);
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 8,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare function closeSpan(span: Span): void;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
    closeSpan(span);
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a tracer under another name, from getTracer',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const t = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = t.startSpan('charge');
  await work();
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 5,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { trace } from '@opentelemetry/api';
const t = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = t.startSpan('charge');
  try {
    await work();
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'getTracer(...).startSpan inline',
      filename: file('orders.ts'),
      code: `import * as opentelemetry from '@opentelemetry/api';
declare function work(): Promise<void>;
export async function charge() {
  const span = opentelemetry.trace.getTracer('orders').startSpan('charge');
  await work();
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 4,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import * as opentelemetry from '@opentelemetry/api';
declare function work(): Promise<void>;
export async function charge() {
  const span = opentelemetry.trace.getTracer('orders').startSpan('charge');
  try {
    await work();
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'ended only in the catch',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.end();
    throw error;
  }
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } catch (error) {
      span.end();
      throw error;
    }
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a throw between start and end',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function parse(input: string) {
  const span = tracer.startSpan('parse');
  if (!input) throw new Error('empty input');
  span.end();
  return input;
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function parse(input: string) {
  const span = tracer.startSpan('parse');
  try {
    if (!input) throw new Error('empty input');
    return input;
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a loop between start and end',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function flush(items: string[]) {
  const span = tracer.startSpan('flush');
  for (const item of items) {
    await send(item);
  }
  span.end();
}
declare function send(item: string): Promise<void>;
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function flush(items: string[]) {
  const span = tracer.startSpan('flush');
  try {
    for (const item of items) {
      await send(item);
    }
  } finally {
    span.end();
  }
}
declare function send(item: string): Promise<void>;
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a finally that does not end the span',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } finally {
    log('done');
  }
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } finally {
      log('done');
    }
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a cast span',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge') as Span;
  await work();
  span.end();
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge') as Span;
  try {
    await work();
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'this.tracer.startActiveSpan in a service',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
export class Sync {
  private readonly tracer = trace.getTracer('sync');
  run(store: { flush(): Promise<void> }) {
    return this.tracer.startActiveSpan('sync', async (span) => {
      await store.flush();
      span.end();
    });
  }
}
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 5,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { trace } from '@opentelemetry/api';
export class Sync {
  private readonly tracer = trace.getTracer('sync');
  run(store: { flush(): Promise<void> }) {
    return this.tracer.startActiveSpan('sync', async (span) => {
      try {
        await store.flush();
      } finally {
        span.end();
      }
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a one-line function body',
      filename: file('orders.ts'),
      code: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() { const span = tracer.startSpan('charge'); await work(); span.end(); }
`,
      errors: [
        {
          messageId: 'notEndedOnEveryPath',
          line: 6,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() { const span = tracer.startSpan('charge'); try { await work(); } finally { span.end(); } }
`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: span never ended in a route handler',
      filename: file('routes.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

function register(app) {
  app.get('/orders', async (req, res) => {
    const span = tracer.startSpan('list orders');
    res.json(await req.db.orders());
  });
}
module.exports = { register };
`,
      errors: [
        {
          messageId: 'neverEnded',
          line: 6,
          suggestions: [
            {
              messageId: 'wrapInFinally',
              output: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

function register(app) {
  app.get('/orders', async (req, res) => {
    const span = tracer.startSpan('list orders');
    try {
      res.json(await req.db.orders());
    } finally {
      span.end();
    }
  });
}
module.exports = { register };
`,
            },
          ],
        },
      ],
    },
  ],
});
