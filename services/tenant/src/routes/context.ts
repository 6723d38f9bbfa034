import type { FastifyRequest } from 'fastify';
import { callerSpace, serviceCaller } from '@astron/kit/http';
import type { appsDomain } from '../domain/apps.js';
import type { credentialsDomain } from '../domain/credentials.js';
import type { verificationDomain } from '../domain/verify.js';

export interface TenantRoutesContext {
  serviceToken: string;
  apps: ReturnType<typeof appsDomain>;
  credentials: ReturnType<typeof credentialsDomain>;
  verification: ReturnType<typeof verificationDomain>;
}

/** The space every record of this call belongs to: from the caller's signed token only. */
export function spaceOf(request: FastifyRequest, context: TenantRoutesContext): string {
  return callerSpace(serviceCaller(request, context.serviceToken));
}
