import OpenAI from 'openai';
import { AppError } from '@astron/kit/errors';
import { modelFailure } from './model-client.js';
import type { ModelEndpoint, Usage } from './types.js';

export interface EmbeddingClient {
  model: string;
  /** One vector per text, in order; the texts of one call go in one request (batch them to the provider's limit). */
  embed(texts: string[], signal?: AbortSignal): Promise<{ vectors: number[][]; usage: Pick<Usage, 'prompt_tokens' | 'total_tokens'> }>;
}

/** An OpenAI-compatible /embeddings endpoint. One retry (the SDK's, for 408/409/429/5xx); a deadline per call. */
export function createEmbeddingClient(endpoint: ModelEndpoint, timeoutMs: number): EmbeddingClient {
  const client = new OpenAI({ baseURL: endpoint.baseUrl, apiKey: endpoint.apiKey ?? 'none', defaultHeaders: endpoint.headers, maxRetries: 1, timeout: timeoutMs });
  return {
    model: endpoint.model,
    async embed(texts, signal) {
      if (texts.length === 0) return { vectors: [], usage: { prompt_tokens: 0, total_tokens: 0 } };
      const deadline = AbortSignal.timeout(timeoutMs);
      let answer: OpenAI.CreateEmbeddingResponse;
      try {
        answer = await client.embeddings.create({ model: endpoint.model, input: texts, encoding_format: 'float' }, { signal: signal === undefined ? deadline : AbortSignal.any([signal, deadline]) });
      } catch (error) {
        throw modelFailure(error, endpoint, deadline.aborted && signal?.aborted !== true, timeoutMs);
      }
      const vectors = new Array<number[] | undefined>(texts.length);
      for (const item of answer.data) vectors[item.index] = item.embedding;
      if (vectors.some((vector) => !Array.isArray(vector) || vector.length === 0)) {
        throw new AppError({ code: 'model_error', status: 502, retryable: true, message: `the embedding model ${endpoint.model} answered ${answer.data.length} vectors for ${texts.length} texts` });
      }
      return { vectors: vectors as number[][], usage: { prompt_tokens: answer.usage?.prompt_tokens ?? 0, total_tokens: answer.usage?.total_tokens ?? 0 } };
    },
  };
}
