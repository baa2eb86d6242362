import { Router } from 'express';
import jwt from 'jsonwebtoken';
import { logger } from '../lib/logger.js';
import { createUser, verifyPassword } from '../services/users.js';

export const authRouter = Router();
const jwtSecret = process.env.JWT_SECRET ?? 'dev-only';

authRouter.post('/signup', async (req, res) => {
  console.log('signup body', req.body); // expect: no-pii-in-logs, expect: prefer-structured-logging
  const { email, password, displayName } = req.body as Record<string, string>;
  const user = await createUser(email, password, displayName);
  res.status(201).json({ id: user.id });
});

authRouter.post('/login', async (req, res) => {
  const { email, password } = req.body as Record<string, string>;
  const user = await verifyPassword(email, password);
  if (!user) {
    logger.warn({ email, reason: 'bad credentials' }, 'login rejected'); // expect: no-pii-in-logs
    res.status(401).json({ error: 'Invalid email or password' });
    return;
  }
  const token = jwt.sign({ sub: user.id }, jwtSecret, { expiresIn: '1h' });
  logger.info({ userId: user.id, tokenIssued: Boolean(token) }, 'login ok');
  req.log.debug({ token }, 'issued token'); // expect: no-pii-in-logs
  res.json({ token });
});

authRouter.post('/password-reset', (req, res) => {
  const resetLink = `https://shop.example/reset?token=${jwt.sign({ email: req.body.email }, jwtSecret)}`;
  logger.info(`Password reset requested for user ${String(req.body.userId)}`); // expect: prefer-structured-logging
  logger.debug({ resetLink }, 'reset link'); // expect: no-pii-in-logs
  res.status(202).end();
});
