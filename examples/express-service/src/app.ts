import express from 'express';
import pinoHttp from 'pino-http';
import { logger } from './lib/logger.js';
import { authRouter } from './routes/auth.js';
import { ordersRouter } from './routes/orders.js';

export const app = express();
app.use(express.json());
app.use(pinoHttp({ logger }));
app.use('/auth', authRouter);
app.use('/orders', ordersRouter);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  logger.info({ port, env: process.env.NODE_ENV }, 'listening');
  console.log('config', process.env); // expect: no-pii-in-logs
});
