import { createHmac } from 'node:crypto';
import { unauthorized } from '../errors/index.js';
import { safeEqual } from './random.js';

/** Who is calling a core service on whose behalf. The space scopes every record the call touches. */
export interface ServiceClaims {
  /** The calling service ('hub', 'agent', ...). */
  caller: string;
  space?: string;
  user?: string;
  /** Set when the hub acts for a tenant app (API key or signed request). */
  app?: string;
}

interface Envelope extends ServiceClaims {
  exp: number;
}

const PREFIX = 'astron1';

/**
 * Short-lived HMAC tokens for service-to-service calls (ASTRON_SERVICE_TOKEN is the shared secret).
 * Core services never trust a space id from a request body; they take it from these claims.
 */
export function signServiceToken(secret: string, claims: ServiceClaims, ttlSeconds = 60): string {
  const envelope: Envelope = { ...claims, exp: Math.floor(Date.now() / 1000) + ttlSeconds };
  const payload = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return `${PREFIX}.${payload}.${mac(secret, payload)}`;
}

export function verifyServiceToken(secret: string, token: string): ServiceClaims {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || payload === undefined || signature === undefined) {
    throw unauthorized('the service token is malformed', 'invalid_service_token');
  }
  if (!safeEqual(signature, mac(secret, payload))) {
    throw unauthorized('the service token signature does not match', 'invalid_service_token');
  }
  const envelope = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Envelope;
  if (typeof envelope.exp !== 'number' || envelope.exp < Math.floor(Date.now() / 1000)) {
    throw unauthorized('the service token has expired', 'expired_service_token');
  }
  const { exp: _exp, ...claims } = envelope;
  return claims;
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest('base64url');
}
