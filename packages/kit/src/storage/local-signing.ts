import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, badRequest } from '../errors/index.js';
import { assertValidKey, encodeKeyPath } from './keys.js';

/** How the local store signs URLs: the secret and the public URL under which a service serves the files. */
export interface LocalSigning {
  secret: string;
  /** e.g. 'http://127.0.0.1:8080/files'; the key path is appended to it. */
  baseUrl: string;
}

const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
const EXPIRES_PATTERN = /^[0-9]{1,12}$/;

function signatureOf(secret: string, method: string, key: string, expires: string): string {
  return createHmac('sha256', secret).update(`${method.toUpperCase()}\n${key}\n${expires}`).digest('hex');
}

export function signLocalUrl(
  signing: LocalSigning,
  method: string,
  key: string,
  expiresAtSeconds: number,
): string {
  const expires = String(expiresAtSeconds);
  const signature = signatureOf(signing.secret, method, key, expires);
  return `${signing.baseUrl.replace(/\/+$/, '')}/${encodeKeyPath(key)}?expires=${expires}&signature=${signature}`;
}

/**
 * True when `signature` is the HMAC-SHA256 of method, key and expiry under `secret` and the expiry
 * (seconds since the epoch) has not passed. Compares in constant time.
 */
export function verifyLocalSignedUrl(
  secret: string,
  method: string,
  key: string,
  expires: string | number,
  signature: string,
  nowMs: number = Date.now(),
): boolean {
  const expiresText = String(expires);
  if (!EXPIRES_PATTERN.test(expiresText) || !SIGNATURE_PATTERN.test(signature)) return false;
  if (Number(expiresText) * 1000 < nowMs) return false;
  const expected = Buffer.from(signatureOf(secret, method, key, expiresText), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/**
 * Checks a request for a URL made by LocalStore.signedUrl and returns the object key it grants.
 * Throws a 403 AppError (signed_url_expired / signed_url_invalid) otherwise. For the route that serves files.
 */
export function verifyLocalSignedRequest(
  signing: LocalSigning,
  method: string,
  requestUrl: string | URL,
  nowMs: number = Date.now(),
): string {
  const base = new URL(signing.baseUrl);
  const url = new URL(requestUrl, base);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${basePath}/`)) {
    throw badRequest(`${url.pathname} is not under ${basePath}/`, undefined, 'signed_url_invalid');
  }
  const key = assertValidKey(decodeKeyPath(url.pathname.slice(basePath.length + 1)));
  const expires = url.searchParams.get('expires') ?? '';
  const signature = url.searchParams.get('signature') ?? '';
  if (verifyLocalSignedUrl(signing.secret, method, key, expires, signature, nowMs)) return key;
  const expired = EXPIRES_PATTERN.test(expires) && Number(expires) * 1000 < nowMs;
  throw new AppError({
    code: expired ? 'signed_url_expired' : 'signed_url_invalid',
    message: expired
      ? `the signed URL for ${key} has expired`
      : `the signature of the URL for ${key} is not valid for ${method}`,
    status: 403,
  });
}

function decodeKeyPath(path: string): string {
  try {
    return path.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw badRequest(`the path ${path} is not validly percent-encoded`, undefined, 'signed_url_invalid');
  }
}
