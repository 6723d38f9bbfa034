import { badRequest } from '@astron/kit/errors';
import { createEmbeddingClient, splitModelReference, type EmbeddingClient, type HubModelResolver, type ModelEndpoint } from '@astron/llm';

/**
 * The space's models the knowledge service calls: embedding models (ingestion, queries) and rerank models. A model
 * is named `<providerId>/<modelId>` and resolved through the hub at every use (decision 0008), so no provider key is
 * kept here and a rotated key applies at once.
 */
export interface KnowledgeModels {
  embedding(spaceId: string, reference: string): Promise<EmbeddingClient>;
  /** The endpoint of a rerank model (retrieval/rerank.ts calls its /rerank). */
  rerankEndpoint(spaceId: string, reference: string): Promise<ModelEndpoint>;
}

export function hubModels(resolve: HubModelResolver, timeoutMs: number): KnowledgeModels {
  const endpoint = async (spaceId: string, reference: string) => {
    const parts = splitModelReference(reference);
    if (parts === null) throw badRequest(`model ${reference} is not <providerId>/<modelId>`, undefined, 'model_not_configured');
    return resolve({ space: spaceId }, parts.providerId, parts.model);
  };
  return {
    embedding: async (spaceId, reference) => createEmbeddingClient(await endpoint(spaceId, reference), timeoutMs),
    rerankEndpoint: endpoint,
  };
}

/** Models at fixed endpoints, for tests and benchmarks that talk to the fake OpenAI server directly. */
export function fixedModels(baseUrl: string, apiKey: string | null, timeoutMs = 30_000): KnowledgeModels {
  const endpoint = (reference: string): ModelEndpoint => ({ baseUrl, apiKey, headers: {}, model: splitModelReference(reference)?.model ?? reference });
  return {
    embedding: async (_spaceId, reference) => createEmbeddingClient(endpoint(reference), timeoutMs),
    rerankEndpoint: async (_spaceId, reference) => endpoint(reference),
  };
}
