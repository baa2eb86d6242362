import bcrypt from 'bcrypt';
import { logger } from '../lib/logger.js';

export interface User {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  plan: 'free' | 'pro';
}

const users = new Map<string, User>();

export async function createUser(email: string, password: string, displayName: string): Promise<User> {
  const passwordHash = await bcrypt.hash(password, 12);
  const user: User = { id: crypto.randomUUID(), email, displayName, passwordHash, plan: 'free' };
  users.set(user.id, user);
  logger.info({ userId: user.id, plan: user.plan }, 'user created');
  logger.debug({ user }, 'user record'); // expect: no-pii-in-logs
  return user;
}

export async function verifyPassword(email: string, password: string): Promise<User | undefined> {
  const user = [...users.values()].find((candidate) => candidate.email === email);
  const ok = user !== undefined && (await bcrypt.compare(password, user.passwordHash));
  logger.info({ userId: user?.id, ok, passwordLength: password.length }, 'login attempt');
  if (!ok) logger.warn(`login failed for ${email}`); // expect: no-pii-in-logs, expect: prefer-structured-logging
  return ok ? user : undefined;
}
