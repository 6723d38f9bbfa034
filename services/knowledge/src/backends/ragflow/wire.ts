import { RagflowError } from './errors.js';
import type {
  DocumentStatus,
  PassagePosition,
  RagflowChunk,
  RagflowDataset,
  RagflowDocument,
  RagflowPassage,
} from './types.js';

/**
 * Readers for the `data` of RAGFlow's answers (field names as its HTTP API reference gives them).
 * Fields RAGFlow may leave out default to empty; a shape that cannot be read is a RagflowError.
 */
type Fields = Record<string, unknown>;

function unreadable(what: string): RagflowError {
  return new RagflowError({
    ragflowCode: undefined,
    ragflowMessage: what,
    httpStatus: 200,
    request: 'a request',
  });
}

export function fields(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw unreadable(`${what} is not an object`);
  return value as Fields;
}

export function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw unreadable(`${what} is not a list`);
  return value;
}

function text(record: Fields, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function count(record: Fields, key: string): number {
  const value = Number(record[key] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function id(record: Fields, what: string): string {
  const value = text(record, 'id');
  if (value === '') throw unreadable(`${what} has no id`);
  return value;
}

export function toDataset(value: unknown): RagflowDataset {
  const record = fields(value, 'dataset');
  return {
    id: id(record, 'dataset'),
    name: text(record, 'name'),
    chunkMethod: text(record, 'chunk_method'),
    embeddingModel: text(record, 'embedding_model'),
  };
}

export function toDocument(value: unknown): RagflowDocument {
  const record = fields(value, 'document');
  return { id: id(record, 'document'), name: text(record, 'name'), size: count(record, 'size') };
}

// Names in the HTTP API; the numbers are what RAGFlow stores, and some answers (a chunk list's `doc`) show them.
const runStatuses: Record<string, DocumentStatus['status']> = {
  UNSTART: 'pending',
  RUNNING: 'running',
  CANCEL: 'cancelled',
  DONE: 'done',
  FAIL: 'failed',
  '0': 'pending',
  '1': 'running',
  '2': 'cancelled',
  '3': 'done',
  '4': 'failed',
};

export function toDocumentStatus(value: unknown): DocumentStatus {
  const record = fields(value, 'document');
  const status = runStatuses[text(record, 'run')];
  if (status === undefined) throw unreadable(`document run status ${JSON.stringify(record.run)}`);
  const progress = status === 'done' ? 1 : Math.min(1, Math.max(0, count(record, 'progress')));
  const lines = text(record, 'progress_msg')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const message = lines.at(-1);
  return {
    status,
    progress,
    chunkCount: count(record, 'chunk_count'),
    ...(message === undefined ? {} : { message }),
  };
}

export function toChunk(value: unknown): RagflowChunk {
  const record = fields(value, 'chunk');
  return {
    id: id(record, 'chunk'),
    content: text(record, 'content'),
    documentId: text(record, 'document_id'),
    available: record.available !== false,
  };
}

/** RAGFlow's `positions` hold `[page, left, right, top, bottom]` boxes for layout-parsed documents. */
function firstPosition(value: unknown): PassagePosition | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  if (!Array.isArray(first) || first.length < 5 || !first.every((item) => typeof item === 'number'))
    return undefined;
  const [page, left, right, top, bottom] = first;
  return { page: page ?? 0, left: left ?? 0, right: right ?? 0, top: top ?? 0, bottom: bottom ?? 0 };
}

export function toPassage(value: unknown): RagflowPassage {
  const record = fields(value, 'retrieved chunk');
  const position = firstPosition(record.positions);
  return {
    chunkId: id(record, 'retrieved chunk'),
    content: text(record, 'content'),
    score: count(record, 'similarity'),
    documentId: text(record, 'document_id'),
    // The original reads `document_keyword` and falls back to `document_name`.
    documentName: text(record, 'document_keyword') || text(record, 'document_name'),
    datasetId: text(record, 'dataset_id'),
    ...(position === undefined ? {} : { position }),
  };
}
