import { badRequest } from '../errors/index.js';

/** S3's own limit; the local store applies it too so that keys move between stores unchanged. */
export const MAX_KEY_BYTES = 1024;
/** Most filesystems cap a file name at 255 bytes, and the local store keeps each segment as a name. */
export const MAX_SEGMENT_BYTES = 255;
/** SigV4 presigned URLs cannot live longer than a week; both stores share that ceiling. */
export const MAX_SIGNED_URL_SECONDS = 604_800;
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function invalidKey(key: string, reason: string) {
  const shown = JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}...` : key);
  return badRequest(
    `invalid object key ${shown}: ${reason}`,
    { key: key.slice(0, 200), reason },
    'invalid_object_key',
  );
}

function checkCharacters(key: string): void {
  if (CONTROL_CHARACTERS.test(key)) throw invalidKey(key, 'it contains a control character');
  if (key.includes('\\')) throw invalidKey(key, 'it contains a backslash');
  if (key.startsWith('/')) throw invalidKey(key, 'it must not start with "/"');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES)
    throw invalidKey(key, `it is longer than ${MAX_KEY_BYTES} bytes`);
}

function checkSegments(key: string, segments: string[]): void {
  for (const segment of segments) {
    if (segment === '') throw invalidKey(key, 'it has an empty segment ("//" or a trailing "/")');
    if (segment === '.' || segment === '..') throw invalidKey(key, `it has a "${segment}" segment`);
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
      throw invalidKey(key, `a segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
    }
  }
}

/** Throws a 400 AppError (code invalid_object_key) unless `key` is safe as both an S3 key and a relative path. */
export function assertValidKey(key: string): string {
  if (typeof key !== 'string' || key === '') throw invalidKey(String(key), 'it is empty');
  checkCharacters(key);
  checkSegments(key, key.split('/'));
  return key;
}

/**
 * A list prefix: '' (everything), whole segments, then optionally the start of a segment ('docs/rep').
 * Only the whole segments become a directory path, so the partial tail may be anything printable.
 */
export function assertValidPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  checkCharacters(prefix);
  checkSegments(prefix, prefix.split('/').slice(0, -1));
  return prefix;
}

export function assertValidExpiry(seconds: number, maximum = MAX_SIGNED_URL_SECONDS): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > maximum) {
    throw badRequest(
      `expiresInSeconds must be a whole number from 1 to ${maximum}, got ${seconds}`,
      { expiresInSeconds: seconds, maximum },
      'invalid_expiry',
    );
  }
  return seconds;
}

/** 'a b/c?d' -> 'a%20b/c%3Fd': each segment encoded, the slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
