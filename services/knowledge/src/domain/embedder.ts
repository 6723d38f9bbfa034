import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, isAppError } from '@astron/kit/errors';
import type { KnowledgeModels } from '../models.js';
import type { BasesStore, KnowledgeBaseRecord } from '../store/bases-store.js';

/** Turns texts into vectors with a base's model: one call per batch, in order. */
export type EmbedTexts = (texts: string[]) => Promise<number[][]>;

export interface EmbedderOptions {
  models: KnowledgeModels;
  bases: BasesStore;
  /** Creates the vector index of a size the first time a base learns it (retrieval/vector-index.ts). */
  ensureVectorIndex(dimensions: number): Promise<void>;
  /** Tries of one batch when the model fails retryably (rate limits, timeouts, 5xx): 3. */
  tries?: number;
  /** Pause after the first failed try, doubled after each: 1 s. */
  retryDelayMs?: number;
}

const dimensionsMismatch = (model: string, expected: number, got: number) =>
  new AppError({
    code: 'embedding_dimensions_mismatch',
    status: 409,
    message: `the embedding model ${model} answered vectors of ${got} dimensions, but this knowledge base holds vectors of ${expected}; vectors of two sizes cannot be searched together`,
    details: { expected, got },
  });

/**
 * The embedding function of a base. Batches are retried with backoff on retryable model errors. The first vectors
 * fix the base's size (and create that size's index); vectors of another size later are refused, naming both.
 */
export async function embedderFor(base: KnowledgeBaseRecord, options: EmbedderOptions): Promise<EmbedTexts> {
  const model = base.embeddingModel;
  if (model === null) throw new AppError({ code: 'embedding_model_required', status: 409, message: `knowledge base ${base.id} has no embedding model` });
  const client = await options.models.embedding(base.spaceId, model);
  const tries = options.tries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  let fixed: number | null = null;

  async function withRetries(texts: string[]): Promise<number[][]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await client.embed(texts)).vectors;
      } catch (error) {
        if (!(isAppError(error) && error.retryable) || attempt >= tries) throw error;
        await sleep(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  return async (texts) => {
    const vectors = await withRetries(texts);
    const size = vectors[0]?.length ?? 0;
    const odd = vectors.find((vector) => vector.length !== size);
    if (odd !== undefined) throw dimensionsMismatch(model, size, odd.length);
    if (fixed === null) {
      const inForce = (await options.bases.fixDimensions(base.id, size)) ?? size;
      if (inForce !== size) throw dimensionsMismatch(model, inForce, size);
      await options.ensureVectorIndex(size);
      fixed = size;
    }
    if (size !== fixed) throw dimensionsMismatch(model, fixed, size);
    return vectors;
  };
}
