import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['record-span-errors'];
const tester = new RuleTester();
/** Files of a project whose `src/tracing.ts` and `src/tracing-helpers.js` export tracing helpers. */
const file = (name: string): string => fixturePath('spans', 'src', name);

tester.run('record-span-errors', rule, {
  valid: [
    {
      // A catch that carries on as if nothing failed is no-swallowed-errors' question, not a failed span.
      name: 'an empty catch is not judged',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {} finally {
    span.end();
  }
}
`,
    },
    {
      name: 'both calls in the catch',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'in the other order, with a status message',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    span.recordException(error as Error);
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'a local helper that does both',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

function recordError(span: import('@opentelemetry/api').Span, error: unknown) {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR });
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'an imported helper (project module) that does both',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
import { recordError } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'an imported CommonJS helper that does both',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

const { failSpan } = require('./tracing-helpers');
async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } catch (err) {
    failSpan(span, err);
    throw err;
  } finally {
    span.end();
  }
}
module.exports = { charge };
`,
    },
    {
      name: 'a configured recorder',
      filename: file('orders.ts'),
      options: [{ errorRecorders: ['markSpanFailed'] }],
      code: `import { trace } from '@opentelemetry/api';
import { markSpanFailed } from '@acme/telemetry';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    markSpanFailed(span, error);
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'a try/catch before the span starts',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge(raw: string) {
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    input = {};
  }
  const span = tracer.startSpan('charge');
  span.setAttribute('input', String(input));
  span.end();
}
`,
    },
    {
      name: 'a catch in a callback nested in the span is not judged',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge(items: string[]) {
  const span = tracer.startSpan('charge');
  try {
    await Promise.all(items.map(async (item) => {
      try {
        await work();
      } catch {
        log(item);
      }
    }));
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'a span declared inside the try is not visible in its catch',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  try {
    const span = tracer.startSpan('charge');
    await work();
    span.end();
  } catch (error) {
    log(error);
  }
}
`,
    },
    {
      name: 'a namespace import: api.SpanStatusCode.ERROR',
      filename: file('orders.ts'),
      code: `import * as api from '@opentelemetry/api';
const tracer = api.trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: api.SpanStatusCode.ERROR });
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'status code written as 2',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: 2 });
  } finally {
    span.end();
  }
}
module.exports = { charge };
`,
    },
    {
      name: 'a status the rule cannot read',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare const failed: { code: SpanStatusCode };
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus(failed);
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'rethrown to an enclosing catch that records',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } catch (error) {
      log(error);
      throw error;
    }
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
`,
    },
    {
      name: 'not a tracer: a catch next to profiler.startSpan',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

declare const profiler: { startSpan(name: string): { stop(): void } };
export async function render() {
  const s = profiler.startSpan('render');
  try {
    await work();
  } catch (error) {
    log(error);
  }
  s.stop();
}
`,
    },
    {
      name: 'startActiveSpan callback recording the error',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
`,
    },
    {
      name: 'CommonJS with both calls',
      filename: file('orders.js'),
      code: `const { trace, SpanStatusCode } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');
async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
}
module.exports = { charge };
`,
    },
    {
      name: 'a catch in another function than the span',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function begin() {
  const span = tracer.startSpan('job');
  return span;
}
export async function other() {
  try {
    await work();
  } catch (error) {
    log(error);
  }
}
`,
    },
    {
      name: 'NestJS service with an injected tracer, recording',
      filename: file('orders.ts'),
      code: `import { Injectable } from '@nestjs/common';
import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
@Injectable()
export class OrdersService {
  constructor(private readonly tracer: Tracer) {}
  async charge() {
    const span = this.tracer.startSpan('charge');
    try {
      await Promise.resolve();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
    } finally {
      span.end();
    }
  }
}
`,
    },
    {
      name: 'a class method that does both',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export class Orders {
  private tracer = trace.getTracer('orders');
  async charge() {
    const span = this.tracer.startSpan('charge');
    try {
      await work();
    } catch (error) {
      this.fail(span, error);
    } finally {
      span.end();
    }
  }
  private fail(span: import('@opentelemetry/api').Span, error: unknown) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
}
`,
    },
    {
      name: 'recorded on the outer of two spans',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  const child = tracer.startSpan('charge.card');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
  } finally {
    child.end();
    span.end();
  }
}
`,
    },
    {
      name: 'a span ended at once holds no scope',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function mark() {
  tracer.startSpan('mark').end();
  try {
    await work();
  } catch (error) {
    log(error);
  }
}
`,
    },
    {
      name: 'Sentry.startSpan is not an OpenTelemetry tracer',
      filename: file('orders.ts'),
      code: `import * as Sentry from '@sentry/node';
export async function load() {
  return Sentry.startSpan({ name: 'load' }, async () => {
    try {
      await fetch('http://x');
    } catch (error) {
      console.error(error);
    }
  });
}
`,
    },
    {
      name: 'dd-trace spans are not judged',
      filename: file('dd.js'),
      code: `const tracer = require('dd-trace').init();
async function handle(work) {
  const span = tracer.startSpan('web.request');
  try {
    await work();
  } catch (err) {
    span.setTag('error', err);
  } finally {
    span.finish();
  }
}
module.exports = { handle };
`,
    },
    {
      name: 'a try before startActiveSpan in the same function',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function sync(raw: string) {
  let config = {};
  try {
    config = JSON.parse(raw);
  } catch {
    config = {};
  }
  return tracer.startActiveSpan('sync', (span) => {
    span.setAttribute('config', JSON.stringify(config));
    span.end();
  });
}
`,
    },
    {
      name: 'the status chained before end()',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
    span.end();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR }).end();
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a catch that only rethrows',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
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
      name: 'a catch without a parameter',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch {
    log('charge failed');
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log('charge failed');
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
      name: 'recordException without the status',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    throw error;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.recordException(error as Error);
    throw error;
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
      name: 'the status without recordException',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
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
      name: 'an OK status is not an error status',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.OK });
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
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
      name: 'CommonJS: SpanStatusCode required next to the existing require',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } catch (err) {
    console.error(err);
    throw err;
  } finally {
    span.end();
  }
}
module.exports = { charge };
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 8,
          suggestions: [
            {
              messageId: 'recordError',
              output: `const { trace } = require('@opentelemetry/api');
const { SpanStatusCode } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR });
    console.error(err);
    throw err;
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
      name: 'ES module JavaScript (.mjs)',
      filename: file('orders.mjs'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } catch (err) {
    return null;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 7,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
export async function charge(order) {
  const span = tracer.startSpan('charge');
  try {
    await order.pay();
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR });
    return null;
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
      name: 'a namespace import is used as it is',
      filename: file('orders.ts'),
      code: `import * as api from '@opentelemetry/api';
const tracer = api.trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 8,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import * as api from '@opentelemetry/api';
const tracer = api.trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: api.SpanStatusCode.ERROR });
    throw error;
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
      name: 'SpanStatusCode already imported',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    log(error);
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log(error);
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
      name: 'startActiveSpan callback',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await work();
    } catch (error) {
      log(error);
      throw error;
    } finally {
      span.end();
    }
  });
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export function sync() {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      log(error);
      throw error;
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
      name: 'a local helper that only sets the status',
      filename: file('orders.ts'),
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

function markFailed(span: import('@opentelemetry/api').Span) {
  span.setStatus({ code: SpanStatusCode.ERROR });
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    markFailed(span);
    throw error;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 13,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

function markFailed(span: import('@opentelemetry/api').Span) {
  span.setStatus({ code: SpanStatusCode.ERROR });
}
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    markFailed(span);
    throw error;
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
      name: 'an imported helper that only sets the status',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
import { markFailed } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    markFailed(span);
    throw error;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 9,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace } from '@opentelemetry/api';
import { markFailed } from './tracing';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    markFailed(span);
    throw error;
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
      name: 'a fallback value returned from the catch',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function price(): Promise<number> {
  const span = tracer.startSpan('price');
  try {
    await work();
    return 1;
  } catch (error) {
    log(error);
    return 0;
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 11,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function price(): Promise<number> {
  const span = tracer.startSpan('price');
  try {
    await work();
    return 1;
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log(error);
    return 0;
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
      name: 'a span assigned inside the try',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  let span: import('@opentelemetry/api').Span | undefined;
  try {
    span = tracer.startSpan('charge');
    await work();
  } catch (error) {
    log(error);
  } finally {
    span?.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 11,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  let span: import('@opentelemetry/api').Span | undefined;
  try {
    span = tracer.startSpan('charge');
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log(error);
  } finally {
    span?.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a rethrow to an enclosing catch that does not record either',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } catch (error) {
      throw error;
    }
  } catch (error) {
    log(error);
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 11,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    }
  } catch (error) {
    log(error);
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
        {
          messageId: 'errorNotRecorded',
          line: 14,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    try {
      await work();
    } catch (error) {
      throw error;
    }
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log(error);
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
      name: 'a one-line catch',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) { throw error; } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) { span.recordException(error as Error); span.setStatus({ code: SpanStatusCode.ERROR }); throw error; } finally {
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
      name: 'NestJS service',
      filename: file('orders.ts'),
      code: `import { Injectable } from '@nestjs/common';
import type { Tracer } from '@opentelemetry/api';
@Injectable()
export class OrdersService {
  constructor(private readonly tracer: Tracer) {}
  async charge() {
    const span = this.tracer.startSpan('charge');
    try {
      await Promise.resolve();
    } catch (error) {
      throw error;
    } finally {
      span.end();
    }
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { Injectable } from '@nestjs/common';
import type { Tracer } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
@Injectable()
export class OrdersService {
  constructor(private readonly tracer: Tracer) {}
  async charge() {
    const span = this.tracer.startSpan('charge');
    try {
      await Promise.resolve();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
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
      name: 'a destructured catch parameter: reported without a suggestion',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch ({ message }) {
    log(message);
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [],
        },
      ],
    },
    {
      name: 'CommonJS without an OpenTelemetry require: the tracer is a parameter',
      filename: file('jobs.js'),
      code: `async function run(tracer, job) {
  const span = tracer.startSpan('job');
  try {
    await job();
  } catch (err) {
    console.error(err);
  } finally {
    span.end();
  }
}
module.exports = { run };
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 5,
          suggestions: [
            {
              messageId: 'recordError',
              output: `const { SpanStatusCode } = require('@opentelemetry/api');
async function run(tracer, job) {
  const span = tracer.startSpan('job');
  try {
    await job();
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR });
    console.error(err);
  } finally {
    span.end();
  }
}
module.exports = { run };
`,
            },
          ],
        },
      ],
    },
    {
      name: 'TypeScript without imports: the tracer is a parameter',
      filename: file('orders.ts'),
      code: `import type { Tracer } from '@opentelemetry/api';
export async function run(tracer: Tracer, job: () => Promise<void>) {
  const span = tracer.startSpan('job');
  try {
    await job();
  } catch (err) {
    console.error(err);
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 6,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import type { Tracer } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
export async function run(tracer: Tracer, job: () => Promise<void>) {
  const span = tracer.startSpan('job');
  try {
    await job();
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    console.error(err);
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
      name: 'two catches in the span',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    log(error);
  }
  try {
    await work();
  } catch (error) {
    log(error);
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log(error);
  }
  try {
    await work();
  } catch (error) {
    log(error);
  } finally {
    span.end();
  }
}
`,
            },
          ],
        },
        {
          messageId: 'errorNotRecorded',
          line: 15,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    log(error);
  }
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log(error);
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
      name: 'a catch in a loop inside the span',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function flush(items: string[]) {
  const span = tracer.startSpan('flush');
  for (const item of items) {
    try {
      await send(item);
    } catch (error) {
      log(error);
    }
  }
  span.end();
}
declare function send(item: string): Promise<void>;
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 11,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function flush(items: string[]) {
  const span = tracer.startSpan('flush');
  for (const item of items) {
    try {
      await send(item);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      log(error);
    }
  }
  span.end();
}
declare function send(item: string): Promise<void>;
`,
            },
          ],
        },
      ],
    },
    {
      name: 'another span name',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function handle() {
  const rootSpan = tracer.startSpan('handle');
  try {
    await work();
  } catch (error) {
    log(error);
  } finally {
    rootSpan.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 10,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

export async function handle() {
  const rootSpan = tracer.startSpan('handle');
  try {
    await work();
  } catch (error) {
    rootSpan.recordException(error as Error);
    rootSpan.setStatus({ code: SpanStatusCode.ERROR });
    log(error);
  } finally {
    rootSpan.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a catch parameter named e',
      filename: file('orders.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

function sync(store) {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await store.flush();
    } catch (e) {
      console.warn('sync failed', e);
    } finally {
      span.end();
    }
  });
}
module.exports = { sync };
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 8,
          suggestions: [
            {
              messageId: 'recordError',
              output: `const { trace } = require('@opentelemetry/api');
const { SpanStatusCode } = require('@opentelemetry/api');
const tracer = trace.getTracer('orders');

function sync(store) {
  return tracer.startActiveSpan('sync', async (span) => {
    try {
      await store.flush();
    } catch (e) {
      span.recordException(e);
      span.setStatus({ code: SpanStatusCode.ERROR });
      console.warn('sync failed', e);
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
      name: 'a name err already taken in scope',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

const err = 'unused';
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch {
    log(err);
  } finally {
    span.end();
  }
}
`,
      errors: [
        {
          messageId: 'errorNotRecorded',
          line: 11,
          suggestions: [
            {
              messageId: 'recordError',
              output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
declare function work(): Promise<void>;
declare function log(error: unknown): void;

const err = 'unused';
export async function charge() {
  const span = tracer.startSpan('charge');
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    log(err);
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
  ],
});
