import { RuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';

const rule = plugin.rules['low-cardinality-span-names'];
const tester = new RuleTester();
/** Files of a project whose `src/tracing.ts` and `src/tracing-helpers.js` export tracing helpers. */
const file = (name: string): string => fixturePath('spans', 'src', name);

tester.run('low-cardinality-span-names', rule, {
  valid: [
    {
      name: 'a string literal',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('orders.list').end();
}
`,
    },
    {
      name: 'method and route template',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`\${req.method} \${req.route.path}\`).end();
}
`,
    },
    {
      name: 'Fastify route template',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(request: { method: string; routeOptions: { url: string } }) {
  tracer.startSpan(\`\${request.method} \${request.routeOptions.url}\`).end();
}
`,
    },
    {
      name: 'a constant',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

const SPAN = 'checkout';
export function handle() {
  tracer.startSpan(SPAN).end();
}
`,
    },
    {
      name: 'a ternary of literals',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function sync(full: boolean) {
  tracer.startSpan(full ? 'sync.full' : 'sync.delta').end();
}
`,
    },
    {
      name: 'a union of literals',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function report(job: 'daily' | 'hourly') {
  tracer.startSpan(\`report \${job}\`).end();
}
`,
    },
    {
      name: 'a member of a constant object',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

const SPAN_NAMES = { checkout: 'checkout', refund: 'refund' } as const;
export function handle() {
  tracer.startSpan(SPAN_NAMES.checkout).end();
}
`,
    },
    {
      name: 'an enum member',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

enum Operation { Charge = 'charge', Refund = 'refund' }
export function handle(op: Operation) {
  tracer.startSpan(\`payment \${op}\`).end();
}
`,
    },
    {
      name: 'an imported name the rule cannot judge',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

import { spanName } from './names';
export function handle() {
  tracer.startSpan(spanName).end();
}
`,
    },
    {
      name: 'a parameter without callers in the file',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function traced(operation: string) {
  return tracer.startSpan(operation);
}
`,
    },
    {
      name: 'a parameter whose callers pass literals',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

function traced(operation: string) {
  return tracer.startSpan(\`db.\${operation}\`);
}
traced('select').end();
traced('insert').end();
`,
    },
    {
      name: 'concatenation with the route template',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET ' + req.route.path).end();
}
`,
    },
    {
      name: 'not a tracer',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  const profiler = { startSpan(name: string) { return name; } };
  profiler.startSpan(req.url ?? '');
}
`,
    },
    {
      name: 'updateName with a literal',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle() {
  const span = tracer.startSpan('request');
  span.updateName('GET /orders');
  span.end();
}
`,
    },
    {
      name: 'updateName on something that is not a span',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  const file = { updateName(name: string) { return name; } };
  file.updateName(req.url);
}
`,
    },
    {
      name: 'a name property (bounded by what it names)',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function run(job: { name: string }) {
  tracer.startSpan(\`job \${job.name}\`).end();
}
`,
    },
    {
      name: 'a constant SQL statement',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function ping() {
  tracer.startSpan('SELECT 1').end();
}
`,
    },
    {
      name: 'a configured route template',
      filename: file('orders.ts'),
      options: [{ routeTemplates: ['req.matchedPath'] }],
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: { method: string; matchedPath: string }) {
  tracer.startSpan(\`\${req.method} \${req.matchedPath}\`).end();
}
`,
    },
    {
      name: 'CommonJS: literal names',
      filename: file('routes.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('http');

function list(req, res) {
  return tracer.startActiveSpan('orders.list', (span) => {
    res.json([]);
    span.end();
  });
}
module.exports = { list };
`,
    },
    {
      name: 'a verb that is not SQL',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function save(entity: 'order' | 'invoice') {
  tracer.startSpan(\`update \${entity}\`).end();
}
`,
    },
    {
      name: 'the request method alone',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(req.method).end();
}
`,
    },
    {
      name: 'an error name',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function fail(err: Error) {
  tracer.startSpan(\`error \${err.name}\`).end();
}
`,
    },
    {
      name: 'startActiveSpan with a literal and options',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function consume() {
  return tracer.startActiveSpan('orders process', { kind: SpanKind.CONSUMER }, (span) => span.end());
}
`,
    },
    {
      name: 'an environment variable',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function boot() {
  tracer.startSpan(\`boot \${process.env.SERVICE_NAME}\`).end();
}
`,
    },
    {
      name: 'the value in attributes already',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET', { attributes: { 'url.path': req.url } }).end();
}
`,
    },
  ],
  invalid: [
    {
      name: 'the URL in a template',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`GET \${req.url}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET', { attributes: { 'url.path': req.url } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'the original URL concatenated',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET ' + req.originalUrl).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET', { attributes: { 'url.path': req.originalUrl } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'method and URL: the method stays',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`\${req.method} \${req.url}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(req.method, { attributes: { 'url.path': req.url } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an id',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function process(order: { id: string }) {
  tracer.startSpan(\`order \${order.id}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function process(order: { id: string }) {
  tracer.startSpan('order', { attributes: { 'order.id': order.id } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a user id',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function load(userId: string) {
  tracer.startSpan(\`load user \${userId}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function load(userId: string) {
  tracer.startSpan('load user', { attributes: { 'enduser.id': userId } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a SQL variable: the function name is the span name',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function runQuery(sql: string) {
  tracer.startSpan(sql).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function runQuery(sql: string) {
  tracer.startSpan('runQuery', { attributes: { 'db.query.text': sql } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'SQL text with a value: operation and table',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function find(id: string) {
  tracer.startSpan(\`SELECT * FROM orders WHERE id = \${id}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function find(id: string) {
  tracer.startSpan('SELECT orders', { attributes: { 'db.query.text': \`SELECT * FROM orders WHERE id = \${id}\` } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'startActiveSpan: options inserted before the callback',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function process(order: { id: string }) {
  return tracer.startActiveSpan('order ' + order.id, (span) => {
    span.end();
  });
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function process(order: { id: string }) {
  return tracer.startActiveSpan('order', { attributes: { 'order.id': order.id } }, (span) => {
    span.end();
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'startActiveSpan: merged into existing options',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function process(order: { id: string }) {
  return tracer.startActiveSpan(\`order \${order.id}\`, { kind: SpanKind.CONSUMER }, (span) => {
    span.end();
  });
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function process(order: { id: string }) {
  return tracer.startActiveSpan('order', { attributes: { 'order.id': order.id }, kind: SpanKind.CONSUMER }, (span) => {
    span.end();
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'merged into existing attributes',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`GET \${req.url}\`, { attributes: { 'http.request.method': req.method } }).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET', { attributes: { 'url.path': req.url, 'http.request.method': req.method } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a client IP',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`from \${req.ip}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('from', { attributes: { 'client.address': req.ip } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'updateName with the URL',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  const span = tracer.startSpan('request');
  span.updateName(\`\${req.method} \${req.originalUrl}\`);
  span.end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 7,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  const span = tracer.startSpan('request');
  span.updateName(req.method);
  span.setAttributes({ 'url.path': req.originalUrl });
  span.end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'updateName on the active span: no suggestion',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  trace.getActiveSpan()?.updateName(req.url);
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a variable holding a composed name: no suggestion',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  const spanName = \`GET \${req.url}\`;
  tracer.startSpan(spanName).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 7,
          suggestions: [],
        },
      ],
    },
    {
      name: 'CommonJS: request.url',
      filename: file('routes.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('http');

function list(request, reply) {
  return tracer.startActiveSpan(\`list \${request.url}\`, (span) => {
    reply.send([]);
    span.end();
  });
}
module.exports = { list };
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 5,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('http');

function list(request, reply) {
  return tracer.startActiveSpan('list', { attributes: { 'url.path': request.url } }, (span) => {
    reply.send([]);
    span.end();
  });
}
module.exports = { list };
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a timestamp',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function tick() {
  tracer.startSpan(\`tick \${Date.now()}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function tick() {
  tracer.startSpan('tick', { attributes: { 'app.timestamp': Date.now() } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a random id',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

import { randomUUID } from 'node:crypto';
export function job() {
  tracer.startSpan(\`job \${randomUUID()}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 7,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

import { randomUUID } from 'node:crypto';
export function job() {
  tracer.startSpan('job', { attributes: { 'app.value': randomUUID() } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an error message',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function fail(err: Error) {
  tracer.startSpan(\`failed: \${err.message}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function fail(err: Error) {
  tracer.startSpan('failed', { attributes: { 'exception.message': err.message } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a route parameter',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`GET /orders/\${req.params.id}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET /orders', { attributes: { 'app.id': req.params.id } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an e-mail address',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function invite(email: string) {
  tracer.startSpan('invite ' + email).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function invite(email: string) {
  tracer.startSpan('invite', { attributes: { 'user.email': email } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a query-string value',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`search \${req.query.q}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('search', { attributes: { 'url.query': req.query.q } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Koa ctx.path',
      filename: file('koa.js'),
      code: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('http');

async function timing(ctx, next) {
  const span = tracer.startSpan(\`\${ctx.method} \${ctx.path}\`);
  try {
    await next();
  } finally {
    span.end();
  }
}
module.exports = { timing };
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 5,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `const { trace } = require('@opentelemetry/api');
const tracer = trace.getTracer('http');

async function timing(ctx, next) {
  const span = tracer.startSpan(ctx.method, { attributes: { 'url.path': ctx.path } });
  try {
    await next();
  } finally {
    span.end();
  }
}
module.exports = { timing };
`,
            },
          ],
        },
      ],
    },
    {
      name: 'this.tracer in a class',
      filename: file('orders.ts'),
      code: `import { trace } from '@opentelemetry/api';
export class Handler {
  private tracer = trace.getTracer('http');
  handle(request: { url: string }) {
    this.tracer.startSpan(\`GET \${request.url}\`).end();
  }
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 5,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace } from '@opentelemetry/api';
export class Handler {
  private tracer = trace.getTracer('http');
  handle(request: { url: string }) {
    this.tracer.startSpan('GET', { attributes: { 'url.path': request.url } }).end();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a URL fallback after the route template',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`GET \${req.route?.path ?? req.path}\`).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET', { attributes: { 'url.path': req.route?.path ?? req.path } }).end();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a query text variable',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function execute(queryText: string) {
  tracer.startActiveSpan(queryText, (span) => span.end());
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function execute(queryText: string) {
  tracer.startActiveSpan('execute', { attributes: { 'db.query.text': queryText } }, (span) => span.end());
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an empty options object',
      filename: file('orders.ts'),
      code: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan(\`GET \${req.url}\`, {}).end();
}
`,
      errors: [
        {
          messageId: 'unboundedSpanName',
          line: 6,
          suggestions: [
            {
              messageId: 'moveToAttributes',
              output: `import { trace, SpanKind } from '@opentelemetry/api';
import type { Request } from 'express';
const tracer = trace.getTracer('http');

export function handle(req: Request) {
  tracer.startSpan('GET', { attributes: { 'url.path': req.url } }).end();
}
`,
            },
          ],
        },
      ],
    },
  ],
});
