import express from 'express';
import pinoHttp from 'pino-http';
import { logger } from './lib/logger.js';
import { httpDuration, registry } from './lib/metrics.js';
import { authRouter } from './routes/auth.js';
import { ordersRouter } from './routes/orders.js';

export const app = express(); // expect: require-correlation-id, expect: require-health-endpoints, expect: require-request-timing
app.use(express.json());
app.get('/internal/feature-flags', (_req, res) => { res.json({ newCheckout: true }); }); // expect: require-route-logging
app.use(pinoHttp({ logger }));
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    httpDuration.observe({ method: req.method, route: req.originalUrl, status_code: res.statusCode }, ms); // expect: no-high-cardinality-labels
  });
  next();
});
app.get('/metrics', async (_req, res) => {
  res.set('Content-Type', registry.contentType);
  res.end(await registry.metrics());
});
app.use('/auth', authRouter);
app.use('/orders', ordersRouter);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  logger.info({ port, env: process.env.NODE_ENV }, 'listening');
  console.log('config', process.env); // expect: no-pii-in-logs, expect: prefer-structured-logging
});
