import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/index.js';

export interface KeyringOptions {
  /** Base64 of 32 bytes (ASTRON_ENCRYPTION_KEY). */
  currentKey: string;
  /** ASTRON_ENCRYPTION_KEY_ID; stored with every value so keys can rotate. */
  currentKeyId: string;
  /** Earlier keys still able to decrypt: "kid:base64" (ASTRON_ENCRYPTION_OLD_KEYS). */
  oldKeys?: string[];
}

export interface Keyring {
  readonly currentKeyId: string;
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  /** True when `sealed` was made with an older key and should be re-encrypted. */
  isStale(sealed: string): boolean;
}

const FORMAT = 'v1';

function decodeKey(keyId: string, base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`encryption key ${keyId} must be 32 bytes in base64`);
  return key;
}

/**
 * AES-256-GCM for credentials at rest. A sealed value reads "v1.<keyId>.<iv>.<tag>.<ciphertext>"
 * (base64url parts), so a value sealed under an old key still opens after the current key changes.
 */
export function createKeyring(options: KeyringOptions): Keyring {
  const keys = new Map<string, Buffer>([[options.currentKeyId, decodeKey(options.currentKeyId, options.currentKey)]]);
  for (const entry of options.oldKeys ?? []) {
    const separator = entry.indexOf(':');
    if (separator <= 0) throw new Error('old encryption keys must be written "keyId:base64"');
    keys.set(entry.slice(0, separator), decodeKey(entry.slice(0, separator), entry.slice(separator + 1)));
  }
  const current = keys.get(options.currentKeyId) as Buffer;

  return {
    currentKeyId: options.currentKeyId,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return [FORMAT, options.currentKeyId, ...parts].join('.');
    },
    decrypt(sealed) {
      const [format, keyId, iv, tag, ciphertext] = sealed.split('.');
      const key = keyId === undefined ? undefined : keys.get(keyId);
      if (format !== FORMAT || key === undefined || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw cannotDecrypt(keyId);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw cannotDecrypt(keyId, error);
      }
    },
    isStale(sealed) {
      return sealed.split('.')[1] !== options.currentKeyId;
    },
  };
}

function cannotDecrypt(keyId: string | undefined, cause?: unknown): AppError {
  return new AppError({
    code: 'decryption_failed',
    status: 500,
    message: `a stored credential cannot be decrypted with key "${keyId ?? '?'}"; check ASTRON_ENCRYPTION_KEY and ASTRON_ENCRYPTION_OLD_KEYS`,
    cause,
  });
}
