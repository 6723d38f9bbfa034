import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '@astron/kit/errors';

export const MIN_PASSWORD_LENGTH = 10;

/** argon2id with the library's defaults (memory 19 MiB, 2 passes), as OWASP recommends. */
export async function hashPassword(password: string): Promise<string> {
  checkPasswordRules(password);
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function checkPasswordRules(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' }, 'weak_password');
  }
  if (password.length > 1024) throw badRequest('the password must be at most 1024 characters', { field: 'password' }, 'weak_password');
}
