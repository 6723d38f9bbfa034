import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isAppError, unauthorized } from '@astron/kit/errors';
import type { ServiceClient } from '@astron/kit/service-client';
import type { GatewayCaller } from './caller.js';
import { rawBodyOf } from './raw-body.js';

interface Verified extends GatewayCaller {
  appName: string;
}

const BEARER = /^bearer\s+/i;
const SIGNATURE = /api_key\s*=\s*"/i;

/** Every header as the client sent it, names lower-cased; cookies are none of the tenant's business. */
function signedHeaders(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Asks the tenant service who a public request comes from: `Bearer <api_key>.<api_secret>`, or a signed
 * request checked over the method, the raw target, the headers and the SHA-256 of the raw body.
 * The tenant's 401/403 (bad_token, revoked_key, replayed_request, app_disabled ...) reach the client as they are.
 */
export async function authenticate(tenant: ServiceClient, request: FastifyRequest): Promise<GatewayCaller> {
  const authorization = request.headers.authorization?.trim() ?? '';
  if (authorization === '') {
    throw unauthorized('send Authorization: Bearer <api_key>.<api_secret>, or sign the request (docs/api/signed-requests.md)', 'missing_credentials');
  }
  let verified: Verified;
  try {
    if (BEARER.test(authorization)) {
      verified = await tenant.call<Verified>('POST', '/verify/bearer', { body: { token: authorization.replace(BEARER, '') } });
    } else if (SIGNATURE.test(authorization)) {
      verified = await tenant.call<Verified>('POST', '/verify/signature', {
        body: {
          method: request.method,
          target: request.raw.url ?? request.url,
          headers: signedHeaders(request),
          bodySha256: createHash('sha256').update(rawBodyOf(request)).digest('base64'),
        },
      });
    } else {
      throw unauthorized('the Authorization header is neither "Bearer <api_key>.<api_secret>" nor a signature (api_key="...", signature="...")', 'malformed_credentials');
    }
  } catch (error) {
    // The tenant refuses input it cannot even check (an over-long token) with a 400: to the client that is bad credentials.
    if (isAppError(error) && error.status === 400) throw unauthorized(`the credentials are malformed: ${error.message}`, 'malformed_credentials');
    throw error;
  }
  return { spaceId: verified.spaceId, appId: verified.appId, apiKey: verified.apiKey };
}
