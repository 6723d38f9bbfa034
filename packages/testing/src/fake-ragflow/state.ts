import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** RAGFlow's document `run` states; it stores them as "0".."4" and the HTTP API shows these names. */
export type RunStatus = 'UNSTART' | 'RUNNING' | 'CANCEL' | 'DONE' | 'FAIL';

export interface FakeChunk {
  id: string;
  content: string;
  documentId: string;
  /** The embedding of `content` (fake-openai's `embedText`), unit length. */
  vector: number[];
}

export interface FakeDocument {
  id: string;
  datasetId: string;
  name: string;
  bytes: Buffer;
  contentType: string;
  run: RunStatus;
  /** 0..1 while parsing and when done; -1 after a failure, as RAGFlow records it. */
  progress: number;
  /** RAGFlow appends one line per step; a failure ends with an `[ERROR]` line. */
  progressMessage: string;
  processBeginAt: Date | null;
  chunks: FakeChunk[];
  tokenCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface FakeDataset {
  id: string;
  name: string;
  description: string | null;
  embeddingModel: string;
  chunkMethod: string;
  parserConfig: Record<string, unknown>;
  permission: string;
  createdAt: Date;
  updatedAt: Date;
  documents: Map<string, FakeDocument>;
}

/** One HTTP request the fake received, for assertions on what a client sent. */
export interface RecordedRequest {
  method: string;
  /** Without the query string, e.g. `/api/v1/retrieval`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined for GET, multipart uploads and bodies that are not JSON. */
  body: unknown;
}

/** Everything the fake holds; tests may read it and change `failingFiles`. */
export interface FakeRagflowState {
  /** The tenant RAGFlow derives from the API token; it appears as `tenant_id` and `created_by`. */
  tenantId: string;
  datasets: Map<string, FakeDataset>;
  requests: RecordedRequest[];
  /** Documents with one of these names end their parsing in FAIL. */
  failingFiles: Set<string>;
}

/** RAGFlow ids are uuid1 hex strings: 32 lowercase hex digits. */
export function newId(): string {
  return randomUUID().replaceAll('-', '');
}

export function findDocument(state: FakeRagflowState, documentId: string): FakeDocument | undefined {
  for (const dataset of state.datasets.values()) {
    const document = dataset.documents.get(documentId);
    if (document !== undefined) return document;
  }
  return undefined;
}

function times(prefix: 'create' | 'update', at: Date): Record<string, unknown> {
  return { [`${prefix}_date`]: at.toUTCString(), [`${prefix}_time`]: at.getTime() };
}

/** A dataset as `GET /api/v1/datasets` and `POST /api/v1/datasets` show it. */
export function datasetView(state: FakeRagflowState, dataset: FakeDataset): Record<string, unknown> {
  const documents = [...dataset.documents.values()];
  return {
    avatar: null,
    chunk_count: documents.reduce((sum, document) => sum + document.chunks.length, 0),
    chunk_method: dataset.chunkMethod,
    ...times('create', dataset.createdAt),
    created_by: state.tenantId,
    description: dataset.description,
    document_count: documents.length,
    embedding_model: dataset.embeddingModel,
    id: dataset.id,
    language: 'English',
    name: dataset.name,
    pagerank: 0,
    parser_config: dataset.parserConfig,
    permission: dataset.permission,
    similarity_threshold: 0.2,
    status: '1',
    tenant_id: state.tenantId,
    token_num: documents.reduce((sum, document) => sum + document.tokenCount, 0),
    ...times('update', dataset.updatedAt),
    vector_similarity_weight: 0.3,
  };
}

/** A document as the upload, list-documents and list-chunks answers show it. */
export function documentView(state: FakeRagflowState, document: FakeDocument): Record<string, unknown> {
  const dataset = state.datasets.get(document.datasetId);
  const suffix = document.name.includes('.') ? (document.name.split('.').pop() ?? '') : '';
  return {
    chunk_count: document.chunks.length,
    chunk_method: dataset?.chunkMethod ?? 'naive',
    ...times('create', document.createdAt),
    created_by: state.tenantId,
    dataset_id: document.datasetId,
    id: document.id,
    location: document.name,
    meta_fields: {},
    name: document.name,
    parser_config: dataset?.parserConfig ?? {},
    process_begin_at: document.processBeginAt?.toUTCString() ?? null,
    process_duration: 0,
    progress: document.progress,
    progress_msg: document.progressMessage,
    run: document.run,
    size: document.bytes.length,
    source_type: 'local',
    status: '1',
    suffix,
    thumbnail: '',
    token_count: document.tokenCount,
    type: 'doc',
    ...times('update', document.updatedAt),
  };
}
