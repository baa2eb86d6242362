import axios from 'axios';
import { logger } from '../lib/logger.js';
import { paymentFailures } from '../lib/metrics.js';

const paymentsApiKey = process.env.PAYMENTS_API_KEY ?? '';

export async function charge(orderId: string, cardNumber: string, amountCents: number): Promise<string> {
  logger.info({ orderId, amountCents, card: cardNumber.slice(-4) }, 'charging card');
  try {
    const response = await axios.post(
      'https://payments.internal/charges',
      { orderId, cardNumber, amountCents },
      { headers: { Authorization: `Bearer ${paymentsApiKey}` } },
    );
    return String(response.data.id);
  } catch (err) {
    logger.error({ config: (err as { config?: unknown }).config }, 'charge failed'); // expect: no-pii-in-logs
    logger.error({ status: (err as { response?: { status?: number } }).response?.status }, 'charge failed');
    paymentFailures.inc({ reason: (err as Error).name });
    throw err;
  }
}

export function describeCard(cardNumber: string): void {
  console.log('charging', cardNumber); // expect: no-pii-in-logs, expect: prefer-structured-logging
}
