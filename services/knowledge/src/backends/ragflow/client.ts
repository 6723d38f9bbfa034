import { RagflowError } from './errors.js';
import { createTransport } from './transport.js';
import type { RagflowConnection } from './transport.js';
import type {
  ChunkPage,
  DocumentStatus,
  NewDataset,
  RagflowDataset,
  RagflowDocument,
  RagflowPassage,
  RetrieveRequest,
  UploadedFile,
} from './types.js';
import { fields, list, toChunk, toDataset, toDocument, toDocumentStatus, toPassage } from './wire.js';

/** The part of RAGFlow's HTTP API (docs/references/http_api_reference.md in infiniflow/ragflow) we use. */
export interface RagflowClient {
  createDataset(name: string, options?: NewDataset): Promise<RagflowDataset>;
  /** The dataset with this name (RAGFlow compares names case-insensitively), if the token's tenant has one. */
  findDataset(name: string): Promise<RagflowDataset | undefined>;
  deleteDataset(datasetId: string): Promise<void>;
  uploadDocument(datasetId: string, file: UploadedFile): Promise<RagflowDocument>;
  /** Queues parsing (chunking and embedding); follow it with `documentStatus` or `waitForParsing`. */
  startParsing(datasetId: string, documentIds: string[]): Promise<void>;
  documentStatus(datasetId: string, documentId: string): Promise<DocumentStatus>;
  deleteDocument(datasetId: string, documentId: string): Promise<void>;
  listChunks(
    datasetId: string,
    documentId: string,
    page?: { page?: number; pageSize?: number },
  ): Promise<ChunkPage>;
  retrieve(request: RetrieveRequest): Promise<RagflowPassage[]>;
}

// RAGFlow's own default for `top_k`: how many chunks nearest by vector it ranks before cutting a page.
const candidatePool = 1024;
// What the original astron-agent sends; RAGFlow's default is 0.3.
const defaultVectorSimilarityWeight = 0.2;
// RAGFlow's PERMISSION_ERROR, its answer (up to v0.24) to a dataset name filter that matches nothing.
const permissionError = 108;

const segment = encodeURIComponent;

export function createRagflowClient(connection: RagflowConnection): RagflowClient {
  // RAGFlow (up to v0.24) answers a missing or one-word Authorization header with `code: 0` and
  // `data: false`, which would pass for success; an unusable token must stop us here instead.
  if (!/^\S+$/.test(connection.apiToken)) {
    throw new TypeError('the RAGFlow API token (RAGFLOW_API_TOKEN) is empty or contains spaces');
  }
  const send = createTransport(connection);

  return {
    async createDataset(name, options = {}) {
      const json = {
        name,
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(options.embeddingModel === undefined ? {} : { embedding_model: options.embeddingModel }),
        ...(options.chunkMethod === undefined ? {} : { chunk_method: options.chunkMethod }),
      };
      const answer = await send({ method: 'POST', path: '/datasets', json });
      return toDataset(answer.data);
    },

    async findDataset(name) {
      try {
        const answer = await send({
          method: 'GET',
          path: '/datasets',
          query: { name, page: 1, page_size: 30 },
        });
        const datasets = list(answer.data, 'datasets').map(toDataset);
        return datasets.find((dataset) => dataset.name.toLowerCase() === name.toLowerCase());
      } catch (error) {
        if (error instanceof RagflowError && error.ragflowCode === permissionError) return undefined;
        throw error;
      }
    },

    async deleteDataset(datasetId) {
      // Always a one-element list: `ids: null` makes RAGFlow delete every dataset of the tenant.
      await send({ method: 'DELETE', path: '/datasets', json: { ids: [datasetId] } });
    },

    async uploadDocument(datasetId, file) {
      const form = new FormData();
      form.append('file', new Blob([file.bytes], { type: file.contentType }), file.name);
      const answer = await send({ method: 'POST', path: `/datasets/${segment(datasetId)}/documents`, form });
      const [document] = list(answer.data, 'uploaded documents');
      return toDocument(document);
    },

    async startParsing(datasetId, documentIds) {
      await send({
        method: 'POST',
        path: `/datasets/${segment(datasetId)}/chunks`,
        json: { document_ids: documentIds },
      });
    },

    async documentStatus(datasetId, documentId) {
      const path = `/datasets/${segment(datasetId)}/documents`;
      const answer = await send({ method: 'GET', path, query: { id: documentId, page: 1, page_size: 1 } });
      const [document] = list(fields(answer.data, 'document list').docs, 'documents');
      if (document === undefined) {
        const ragflowMessage = `no document ${documentId} in dataset ${datasetId}`;
        throw new RagflowError({
          ragflowCode: undefined,
          ragflowMessage,
          httpStatus: 200,
          request: `GET /api/v1${path}`,
        });
      }
      return toDocumentStatus(document);
    },

    async deleteDocument(datasetId, documentId) {
      // An empty id list makes RAGFlow delete every document of the dataset: never send one.
      if (documentId === '') throw new TypeError('deleteDocument needs a document id');
      await send({
        method: 'DELETE',
        path: `/datasets/${segment(datasetId)}/documents`,
        json: { ids: [documentId] },
      });
    },

    async listChunks(datasetId, documentId, page = {}) {
      const path = `/datasets/${segment(datasetId)}/documents/${segment(documentId)}/chunks`;
      const query = { page: page.page ?? 1, page_size: page.pageSize ?? 100 };
      const data = fields((await send({ method: 'GET', path, query })).data, 'chunk list');
      return { total: Number(data.total ?? 0), chunks: list(data.chunks, 'chunks').map(toChunk) };
    },

    /**
     * RAGFlow's `top_k` is the candidate pool its ranking starts from, not the number of results: the
     * wanted count goes in `page_size`. (The original sends its top_k as `top_k`, which shrinks the pool
     * to a handful, and cuts the list itself.)
     */
    async retrieve(request) {
      const json = {
        question: request.question,
        dataset_ids: request.datasetIds,
        ...(request.documentIds === undefined || request.documentIds.length === 0
          ? {}
          : { document_ids: request.documentIds }),
        similarity_threshold: request.scoreThreshold,
        vector_similarity_weight: request.vectorSimilarityWeight ?? defaultVectorSimilarityWeight,
        top_k: candidatePool,
        page: 1,
        page_size: request.topK,
      };
      const data = fields((await send({ method: 'POST', path: '/retrieval', json })).data, 'retrieval');
      return list(data.chunks, 'retrieved chunks').map(toPassage);
    },
  };
}
