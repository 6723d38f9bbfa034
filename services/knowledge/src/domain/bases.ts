import { randomId } from '@astron/kit/crypto';
import { AppError, badRequest, notFound } from '@astron/kit/errors';
import type { Logger } from '@astron/kit/log';
import type { ObjectStore } from '@astron/kit/storage';
import { RagflowError, type RagflowClient } from '../backends/ragflow/index.js';
import { knowledgeBaseExists, type BasesStore, type KnowledgeBaseRecord } from '../store/bases-store.js';
import type { DocumentsStore } from '../store/documents-store.js';
import type { Backend, ChunkingSettings, RetrievalSettings } from '../store/tables.js';
import { chunkingSchema, mergeSettings, retrievalSchema } from './settings.js';

export interface NewBaseRequest {
  name: string;
  description: string;
  backend: Backend;
  embeddingModel?: string | undefined;
  chunking: ChunkingSettings;
  retrieval: RetrievalSettings;
}

export interface BasePatchRequest {
  name?: string | undefined;
  description?: string | undefined;
  embeddingModel?: string | undefined;
  chunking?: Partial<ChunkingSettings> | undefined;
  retrieval?: Partial<RetrievalSettings> | undefined;
}

export const ragflowNotConfigured = () =>
  new AppError({ code: 'ragflow_not_configured', status: 409, message: 'this platform has no RAGFlow server: set RAGFLOW_BASE_URL and RAGFLOW_API_TOKEN for the knowledge service' });

/** RAGFlow's answers to an id it does not know (108 no permission, 102 data error): already gone, for a delete. */
export const goneInRagflow = (error: unknown) => error instanceof RagflowError && (error.ragflowCode === 108 || error.ragflowCode === 102);

/** The dataset of a RAGFlow base, named after it so an operator can tell them apart in RAGFlow's console. */
export const datasetName = (kbId: string) => `astron_${kbId}`;

/** Knowledge bases of a space: their settings, and what deleting one takes with it (files, the RAGFlow dataset). */
export function basesDomain(deps: { bases: BasesStore; documents: DocumentsStore; storage: ObjectStore; ragflow: RagflowClient | null; logger: Logger }) {
  const { bases, documents, storage, ragflow, logger } = deps;

  async function find(spaceId: string, kbId: string): Promise<KnowledgeBaseRecord> {
    const base = await bases.get(spaceId, kbId);
    if (base === null) throw notFound('knowledge base', kbId);
    return base;
  }

  return {
    find,
    list: (spaceId: string) => bases.list(spaceId),

    async create(spaceId: string, createdBy: string, request: NewBaseRequest): Promise<KnowledgeBaseRecord> {
      if (request.backend === 'builtin' && request.embeddingModel === undefined) {
        throw badRequest('embeddingModel is required for a built-in knowledge base: <providerId>/<modelId> of an embedding model of the space', undefined, 'embedding_model_required');
      }
      if (request.backend === 'ragflow' && ragflow === null) throw ragflowNotConfigured();
      if (await bases.nameTaken(spaceId, request.name)) throw knowledgeBaseExists(request.name);
      const id = randomId('kb');
      const dataset = ragflow === null || request.backend !== 'ragflow' ? null : await ragflow.createDataset(datasetName(id), { description: `Astron knowledge base ${request.name}`, chunkMethod: 'naive' });
      try {
        return await bases.create({
          id,
          spaceId,
          name: request.name,
          description: request.description,
          backend: request.backend,
          // RAGFlow embeds with its own model; ours would never be used.
          embeddingModel: request.backend === 'builtin' ? (request.embeddingModel ?? null) : null,
          chunking: request.chunking,
          retrieval: request.retrieval,
          ragflowDatasetId: dataset?.id ?? null,
          createdBy,
        });
      } catch (error) {
        if (dataset !== null) await ragflow?.deleteDataset(dataset.id).catch((cleanup: unknown) => logger.warn({ err: cleanup, datasetId: dataset.id }, 'could not delete the RAGFlow dataset of a base that was not created'));
        throw error;
      }
    },

    async update(spaceId: string, kbId: string, patch: BasePatchRequest): Promise<KnowledgeBaseRecord> {
      const base = await find(spaceId, kbId);
      if (patch.name !== undefined && patch.name !== base.name && (await bases.nameTaken(spaceId, patch.name, kbId))) throw knowledgeBaseExists(patch.name);
      const changesModel = patch.embeddingModel !== undefined && patch.embeddingModel !== base.embeddingModel;
      if (changesModel && base.backend !== 'builtin') throw badRequest('a RAGFlow knowledge base embeds with RAGFlow\'s model; it has no embeddingModel here', undefined, 'embedding_model_not_applicable');
      // Vectors of two models cannot be compared: the model is fixed once anything is embedded with it.
      if (changesModel && (await bases.hasChunks(kbId))) {
        throw new AppError({ code: 'knowledge_base_not_empty', status: 409, message: 'the embedding model of a knowledge base with chunks cannot change; delete its documents first, or create another base' });
      }
      const updated = await bases.update(spaceId, kbId, {
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.chunking === undefined ? {} : { chunking: mergeSettings(chunkingSchema, 'chunking', base.chunking, patch.chunking) }),
        ...(patch.retrieval === undefined ? {} : { retrieval: mergeSettings(retrievalSchema, 'retrieval', base.retrieval, patch.retrieval) }),
        ...(changesModel && patch.embeddingModel !== undefined ? { embeddingModel: patch.embeddingModel } : {}),
      });
      if (updated === null) throw notFound('knowledge base', kbId);
      return updated;
    },

    /** The RAGFlow dataset first (a failure there leaves everything as it was), then rows, then files. */
    async remove(spaceId: string, kbId: string): Promise<void> {
      const base = await find(spaceId, kbId);
      if (base.ragflowDatasetId !== null) {
        if (ragflow === null) throw ragflowNotConfigured();
        await ragflow.deleteDataset(base.ragflowDatasetId).catch((error: unknown) => {
          if (!goneInRagflow(error)) throw error;
        });
      }
      const keys = await documents.storageKeys(kbId);
      if (!(await bases.remove(spaceId, kbId))) throw notFound('knowledge base', kbId);
      await Promise.all(keys.map((key) => storage.delete(key).catch((error: unknown) => logger.warn({ err: error, key }, 'could not delete the file of a deleted knowledge base'))));
    },
  };
}

export type BasesDomain = ReturnType<typeof basesDomain>;
