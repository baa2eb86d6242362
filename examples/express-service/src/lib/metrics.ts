import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
  name: 'http_request_duration_ms', // expect: metric-naming
  help: 'HTTP request duration',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [5, 10, 50, 100, 500, 1000],
  registers: [registry],
});

export const ordersCreated = new client.Counter({
  name: 'orders_created', // expect: metric-naming
  help: 'Orders created',
  labelNames: ['customer_id', 'plan'], // expect: no-high-cardinality-labels
  registers: [registry],
});

export const paymentFailures = new client.Counter({
  name: 'payment_failures_total',
  help: 'Payment attempts that failed, by error class',
  labelNames: ['reason'],
  registers: [registry],
});
