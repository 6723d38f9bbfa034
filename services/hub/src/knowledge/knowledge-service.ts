import { isAppError, unavailable } from '@astron/kit/errors';
import { createServiceClient, type OpenOptions, type ServiceClient } from '@astron/kit/service-client';
import type { HubContext } from '../context.js';

/** On whose behalf: the space, and the person (console) or the API key's app (gateway). */
export interface KnowledgeCaller {
  space: string;
  user?: string;
  app?: string;
}

/** An upload is forwarded as it came; the knowledge service parses and checks it. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * Calls the knowledge service (KNOWLEDGE_URL, read at each call: the embedded start learns it after routes exist)
 * as a space and a person or app. Its `{ code, message }` errors come back as AppErrors with its status.
 */
export function knowledgeService(context: HubContext) {
  const reachable = async <T>(call: (client: ServiceClient) => Promise<T>): Promise<T> => {
    try {
      return await call(createServiceClient({ baseUrl: context.config.knowledgeUrl, serviceToken: context.serviceToken, caller: 'hub' }));
    } catch (error) {
      if (isAppError(error) && error.code === 'unavailable') {
        throw unavailable(`the hub could not reach the knowledge service at ${context.config.knowledgeUrl} (KNOWLEDGE_URL): ${error.message}`, error);
      }
      throw error;
    }
  };
  return {
    call<T>(on: KnowledgeCaller, method: string, path: string, options: Omit<OpenOptions, 'on'> = {}): Promise<T> {
      return reachable((client) => client.call<T>(method, path, { ...options, on }));
    },
    open(on: KnowledgeCaller, method: string, path: string, options: Omit<OpenOptions, 'on'> = {}): Promise<Response> {
      return reachable((client) => client.open(method, path, { timeoutMs: UPLOAD_TIMEOUT_MS, ...options, on }));
    },
  };
}

export type KnowledgeService = ReturnType<typeof knowledgeService>;
