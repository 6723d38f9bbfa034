import { createServiceClient } from '@astron/kit/service-client';
import type { KnowledgeRetriever, RetrievedPassage } from '../engine/node-type.js';

/** Knowledge-base nodes retrieve through the knowledge service (KNOWLEDGE_URL, read at each call) in the run's space. */
export function knowledgeServiceRetriever(options: { knowledgeUrl: () => string; serviceToken: string; timeoutMs: number }): KnowledgeRetriever {
  return async (spaceId, request, signal) => {
    const client = createServiceClient({ baseUrl: options.knowledgeUrl(), serviceToken: options.serviceToken, caller: 'workflow', timeoutMs: options.timeoutMs });
    const response = await client.open('POST', '/knowledge/retrieve', { body: request, on: { space: spaceId }, signal });
    return ((await response.json()) as { results: RetrievedPassage[] }).results;
  };
}
