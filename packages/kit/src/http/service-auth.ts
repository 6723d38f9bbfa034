import type { FastifyRequest } from 'fastify';
import { verifyServiceToken, type ServiceClaims } from '../crypto/index.js';
import { forbidden, unauthorized } from '../errors/index.js';

/**
 * Core services answer only to our own services. The caller's identity (and the space it acts in)
 * comes from the signed token, never from the body.
 */
export function serviceCaller(request: FastifyRequest, secret: string): ServiceClaims {
  const header = request.headers.authorization ?? '';
  const match = /^Service\s+(\S+)$/.exec(header);
  if (match?.[1] === undefined) {
    throw unauthorized('this endpoint needs a service token: Authorization: Service <token>', 'missing_service_token');
  }
  return verifyServiceToken(secret, match[1]);
}

/** The caller's space, required for every space-owned record. */
export function callerSpace(claims: ServiceClaims): string {
  if (claims.space === undefined || claims.space === '') {
    throw forbidden('the service token names no space; space-owned records need one', 'space_required');
  }
  return claims.space;
}
