import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createKeyring, safeEqual, signServiceToken, verifyServiceToken } from './index.js';

const key = () => randomBytes(32).toString('base64');

describe('keyring', () => {
  test('seals and opens; tampering is detected', () => {
    const keyring = createKeyring({ currentKey: key(), currentKeyId: 'k1' });
    const sealed = keyring.encrypt('api-secret-123');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(sealed).not.toContain('api-secret-123');
    expect(keyring.decrypt(sealed)).toBe('api-secret-123');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => keyring.decrypt(parts.join('.'))).toThrow(/cannot be decrypted/);
  });

  test('rotation: values sealed under an old key still open and are marked stale', () => {
    const oldKey = key();
    const before = createKeyring({ currentKey: oldKey, currentKeyId: 'k1' });
    const sealed = before.encrypt('value');
    const after = createKeyring({ currentKey: key(), currentKeyId: 'k2', oldKeys: [`k1:${oldKey}`] });
    expect(after.decrypt(sealed)).toBe('value');
    expect(after.isStale(sealed)).toBe(true);
    expect(after.isStale(after.encrypt('value'))).toBe(false);
    const withoutOld = createKeyring({ currentKey: key(), currentKeyId: 'k2' });
    expect(() => withoutOld.decrypt(sealed)).toThrow(/key "k1"/);
  });
});

describe('service tokens', () => {
  const secret = 's'.repeat(40);
  test('round trip carries the claims', () => {
    const token = signServiceToken(secret, { caller: 'hub', space: 'sp_1', user: 'u_1' });
    expect(verifyServiceToken(secret, token)).toEqual({ caller: 'hub', space: 'sp_1', user: 'u_1' });
  });
  test('wrong secret, tampering and expiry are refused', () => {
    const token = signServiceToken(secret, { caller: 'hub', space: 'sp_1' });
    expect(() => verifyServiceToken('x'.repeat(40), token)).toThrow(/signature/);
    const [prefix, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ caller: 'hub', space: 'sp_2', exp: 9e9 })).toString('base64url');
    expect(() => verifyServiceToken(secret, `${prefix}.${forged}.${signature}`)).toThrow(/signature/);
    expect(payload).toBeDefined();
    expect(() => verifyServiceToken(secret, signServiceToken(secret, { caller: 'hub' }, -5))).toThrow(/expired/);
    expect(() => verifyServiceToken(secret, 'garbage')).toThrow(/malformed/);
  });
  test('safeEqual', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
