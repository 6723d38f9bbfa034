import type { FastifyRequest } from 'fastify';
import { unauthorized } from '@astron/kit/errors';
import type { CallOptions, OpenOptions, ServiceClient } from '@astron/kit/service-client';

/** Who a public (/v1) call comes from, as the tenant service verified it. */
export interface GatewayCaller {
  spaceId: string;
  appId: string;
  apiKey: string;
}

const callers = new WeakMap<FastifyRequest, GatewayCaller>();

export function rememberCaller(request: FastifyRequest, caller: GatewayCaller): void {
  callers.set(request, caller);
}

/** The verified caller of a /v1 request; the gateway hook has set it before any /v1 handler runs. */
export function gatewayCaller(request: FastifyRequest): GatewayCaller {
  const caller = callers.get(request);
  if (caller === undefined) throw unauthorized('this route needs an API key', 'missing_credentials');
  return caller;
}

/**
 * A client of a core service that acts as the caller: every call carries a service token naming the
 * caller's space and app, so the core service scopes it exactly as the key allows.
 *   await forwardAs(gatewayCaller(request), agentClient).call('POST', '/agent/v1/chat/completions', { body })
 */
export function forwardAs(caller: GatewayCaller, service: ServiceClient): ServiceClient {
  return {
    call<T>(method: string, path: string, options: Omit<CallOptions, 'on'> = {}): Promise<T> {
      return service.call<T>(method, path, { ...options, on: { space: caller.spaceId, app: caller.appId } });
    },
    open(method: string, path: string, options: Omit<OpenOptions, 'on'> = {}): Promise<Response> {
      return service.open(method, path, { ...options, on: { space: caller.spaceId, app: caller.appId } });
    },
  };
}
