import { Router } from 'express';
import { logger } from '../lib/logger.js';
import { ordersCreated } from '../lib/metrics.js';
import { charge } from '../services/payments.js';

export const ordersRouter = Router();

function audit(action: string, details: Record<string, unknown>): void {
  logger.info({ audit: true, action, details }, 'audit');
}

ordersRouter.get('/:id', (req, res) => {
  logger.info({ orderId: req.params.id, userAgent: req.headers['user-agent'] }, 'order read');
  res.json({ id: req.params.id, status: 'shipped' });
});

ordersRouter.post('/', async (req, res) => {
  const { cardNumber, amountCents, shippingAddress } = req.body as { cardNumber: string; amountCents: number; shippingAddress: string };
  audit('order.create', { amountCents, shippingAddress }); // expect: no-pii-in-logs
  const chargeId = await charge('o-1', cardNumber, amountCents);
  logger.info({ chargeId, items: Object.keys(req.body).length }, 'order created');
  ordersCreated.inc({ customer_id: String(req.body.customerId), plan: 'pro' }); // expect: no-high-cardinality-labels
  res.status(201).json({ chargeId });
});
