import { isAppError, unavailable } from '@astron/kit/errors';
import { createServiceClient, type OpenOptions, type ServiceClient } from '@astron/kit/service-client';
import type { HubConfig } from './config.js';
import type { HubContext } from './context.js';

/** On whose behalf: the space, and the person (console) or the API key's app (gateway). */
export interface PeerCaller {
  space: string;
  user?: string;
  app?: string;
}

/** The core services the hub calls on a space's behalf, with the variable that says where each one is. */
const peers = {
  knowledge: { variable: 'KNOWLEDGE_URL', url: (config: HubConfig) => config.knowledgeUrl },
  link: { variable: 'LINK_URL', url: (config: HubConfig) => config.linkUrl },
  memory: { variable: 'MEMORY_URL', url: (config: HubConfig) => config.memoryUrl },
  aitools: { variable: 'AITOOLS_URL', url: (config: HubConfig) => config.aitoolsUrl },
  rpa: { variable: 'RPA_URL', url: (config: HubConfig) => config.rpaUrl },
} as const;

export type PeerName = keyof typeof peers;

/**
 * Calls a core service as a space and a person or app. The address is read at each call (the embedded start learns
 * it after routes exist); an unreachable service is a 503 naming the variable. The service's `{ code, message }`
 * errors come back as AppErrors with its status.
 */
export function peerService(context: HubContext, name: PeerName, defaults: { timeoutMs?: number } = {}) {
  const peer = peers[name];
  const reachable = async <T>(call: (client: ServiceClient) => Promise<T>): Promise<T> => {
    const baseUrl = peer.url(context.config);
    try {
      return await call(createServiceClient({ baseUrl, serviceToken: context.serviceToken, caller: 'hub', ...defaults }));
    } catch (error) {
      if (isAppError(error) && error.code === 'unavailable') {
        throw unavailable(`the hub could not reach the ${name} service at ${baseUrl} (${peer.variable}): ${error.message}`, error);
      }
      throw error;
    }
  };
  return {
    call<T>(on: PeerCaller, method: string, path: string, options: Omit<OpenOptions, 'on'> = {}): Promise<T> {
      return reachable((client) => client.call<T>(method, path, { ...options, on }));
    },
    /** The answer unread (a stream, a download, an upload's answer), once it is a success. */
    open(on: PeerCaller, method: string, path: string, options: Omit<OpenOptions, 'on'> = {}): Promise<Response> {
      return reachable((client) => client.open(method, path, { ...options, on }));
    },
  };
}

export type PeerService = ReturnType<typeof peerService>;
