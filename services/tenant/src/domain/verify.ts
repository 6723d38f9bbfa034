import type { Cache } from '@astron/kit/cache';
import { safeEqual, type Keyring } from '@astron/kit/crypto';
import { forbidden, unauthorized } from '@astron/kit/errors';
import { BEARER_SEPARATOR } from './credentials.js';
import type { KeyDirectory, KeyEntry } from './key-directory.js';
import { computeSignature, parseAuthorization, REQUIRED_SIGNED_HEADERS, signingString, type SignedRequest } from './signature.js';

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A request id is remembered for longer than any date the skew check accepts. */
const REPLAY_WINDOW_MS = 2 * MAX_CLOCK_SKEW_MS + 60_000;

export interface VerifiedCaller {
  appId: string;
  spaceId: string;
  apiKey: string;
  appName: string;
}

export interface SignatureCheck extends SignedRequest {
  /** base64 SHA-256 of the body the gateway received; compared with the Digest header. */
  bodySha256: string;
}

const reject = (code: string, message: string) => unauthorized(message, code);

export function verificationDomain(deps: { directory: KeyDirectory; keyring: Keyring; cache: Cache; now?: () => number }) {
  const now = deps.now ?? Date.now;

  async function activeCredential(apiKey: string): Promise<KeyEntry> {
    const entry = await deps.directory.lookup(apiKey);
    if (entry === null) throw reject('unknown_key', `api key ${apiKey} is not known`);
    if (entry.revoked) throw reject('revoked_key', `api key ${apiKey} was revoked`);
    return entry;
  }

  async function admit(entry: KeyEntry): Promise<VerifiedCaller> {
    if (entry.appDisabled) throw forbidden(`app ${entry.appId} is disabled`, 'app_disabled');
    await deps.directory.touch(entry.apiKey, new Date(now()));
    return { appId: entry.appId, spaceId: entry.spaceId, apiKey: entry.apiKey, appName: entry.appName };
  }

  return {
    async signature(request: SignatureCheck): Promise<VerifiedCaller> {
      const authorization = request.headers.authorization;
      if (authorization === undefined) throw reject('missing_signature', 'the request has no Authorization header');
      const parameters = parseAuthorization(authorization);
      if (parameters === null) throw reject('malformed_signature', 'Authorization must carry api_key="..." and signature="..."');
      if (parameters.algorithm !== 'hmac-sha256') {
        throw reject('unsupported_algorithm', `algorithm ${parameters.algorithm} is not supported; use hmac-sha256`);
      }
      const unsigned = REQUIRED_SIGNED_HEADERS.filter((name) => !parameters.headers.includes(name));
      if (unsigned.length > 0) throw reject('unsigned_header', `the signature must cover: ${unsigned.join(', ')}`);

      const credential = await activeCredential(parameters.apiKey);
      const dateHeader = request.headers.date ?? '';
      const sent = Date.parse(dateHeader);
      if (Number.isNaN(sent)) throw reject('invalid_date', 'the Date header is missing or not an HTTP date');
      if (Math.abs(now() - sent) > MAX_CLOCK_SKEW_MS) {
        throw reject('clock_skew', `the Date header is more than 5 minutes away from the server clock (${dateHeader})`);
      }
      const text = signingString(request, parameters.headers);
      if (typeof text !== 'string') throw reject('missing_signed_header', `the signed header ${text.missing} is not in the request`);
      const expected = computeSignature(deps.keyring.decrypt(credential.secretSealed), text);
      if (!safeEqual(expected, parameters.signature)) throw reject('bad_signature', 'the signature does not match the request');
      if (request.headers.digest !== `SHA-256=${request.bodySha256}`) {
        throw reject('digest_mismatch', 'the Digest header does not match the body');
      }
      const requestId = request.headers['x-request-id'] ?? '';
      const fresh = await deps.cache.setIfAbsent(`tenant:replay:${credential.apiKey}:${requestId}`, '1', { ttlMs: REPLAY_WINDOW_MS });
      if (!fresh) throw reject('replayed_request', `request id ${requestId} was already used with this key`);
      return admit(credential);
    },

    async bearer(token: string): Promise<VerifiedCaller> {
      const separator = token.indexOf(BEARER_SEPARATOR);
      if (separator <= 0) throw reject('malformed_token', 'a bearer token reads <api_key>.<api_secret>');
      const credential = await activeCredential(token.slice(0, separator));
      const secret = deps.keyring.decrypt(credential.secretSealed);
      if (!safeEqual(secret, token.slice(separator + 1))) throw reject('bad_token', 'the bearer token secret does not match');
      return admit(credential);
    },
  };
}
