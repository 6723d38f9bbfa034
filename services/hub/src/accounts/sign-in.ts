import { randomBytes } from 'node:crypto';
import { AppError, unauthorized } from '@astron/kit/errors';
import type { HubContext } from '../context.js';
import type { UsersTable } from '../store/tables.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** Failures in a row that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;

let dummyHash: Promise<string> | undefined;

/** A hash no password matches, verified for unknown emails so they take as long as known ones. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}

export function accountLocked(lockedUntil: Date): AppError {
  return new AppError({
    code: 'account_locked',
    message: `too many failed sign-ins: this account is locked until ${lockedUntil.toISOString()}`,
    status: 423,
    details: { lockedUntil: lockedUntil.toISOString() },
  });
}

const invalidCredentials = () => unauthorized('the email or the password is wrong', 'invalid_credentials');

/**
 * Checks an email and password. Unknown emails and SSO-only accounts cost one argon2 verify too;
 * LOCKOUT_THRESHOLD wrong passwords in a row lock the account for LOCKOUT_MS, during which even the
 * right password is refused. Every outcome is audited.
 */
export async function signInWithPassword(
  context: HubContext,
  input: { email: string; password: string; ip: string },
): Promise<UsersTable> {
  const user = await context.users.findByEmail(input.email);
  if (user === null || user.password_hash === null) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await context.audit.record({
      spaceId: null,
      actor: null,
      action: 'auth.sign_in_failed',
      details: { email: input.email, reason: 'unknown_account' },
      ip: input.ip,
    });
    throw invalidCredentials();
  }
  const actor = { id: user.id, email: user.email };
  const lockedUntil = user.locked_until === null ? null : new Date(user.locked_until);
  if (lockedUntil !== null && lockedUntil.getTime() > Date.now()) {
    await context.audit.record({
      spaceId: null,
      actor,
      action: 'auth.sign_in_failed',
      details: { reason: 'locked' },
      ip: input.ip,
    });
    throw accountLocked(lockedUntil);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = await context.users.addFailedLogin(user.id);
    await context.audit.record({
      spaceId: null,
      actor,
      action: 'auth.sign_in_failed',
      details: { reason: 'wrong_password', failures },
      ip: input.ip,
    });
    if (failures >= LOCKOUT_THRESHOLD) {
      const until = new Date(Date.now() + LOCKOUT_MS);
      await context.users.lock(user.id, until);
      await context.audit.record({
        spaceId: null,
        actor,
        action: 'auth.locked',
        details: { failures, lockedUntil: until.toISOString() },
        ip: input.ip,
      });
      throw accountLocked(until);
    }
    throw invalidCredentials();
  }
  await context.users.recordLogin(user.id);
  return user;
}
