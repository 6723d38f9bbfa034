/** A dataset (RAGFlow's knowledge base) as the client returns it. */
export interface RagflowDataset {
  id: string;
  name: string;
  chunkMethod: string;
  embeddingModel: string;
}

export interface NewDataset {
  description?: string;
  /** `model_name@provider`, e.g. `BAAI/bge-large-zh-v1.5@BAAI`; RAGFlow's tenant default when absent. */
  embeddingModel?: string;
  /** RAGFlow's chunk method: `naive` (its default, what the original uses), `qa`, `book`, `paper`, ... */
  chunkMethod?: string;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

/** An uploaded document; RAGFlow renames a second `a.txt` in a dataset to `a(1).txt`, hence `name`. */
export interface RagflowDocument {
  id: string;
  name: string;
  size: number;
}

/**
 * Where a document's parsing is. RAGFlow's `run` UNSTART, RUNNING, DONE, FAIL and CANCEL map to
 * pending, running, done, failed and cancelled.
 */
export interface DocumentStatus {
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  /** 0..1; RAGFlow's -1 for a failure shows as 0. */
  progress: number;
  chunkCount: number;
  /** The last line of RAGFlow's `progress_msg` (for a failure, its `[ERROR]` line), when there is one. */
  message?: string;
}

export interface RagflowChunk {
  id: string;
  content: string;
  documentId: string;
  available: boolean;
}

export interface ChunkPage {
  total: number;
  chunks: RagflowChunk[];
}

export interface RetrieveRequest {
  question: string;
  datasetIds: string[];
  /** Passages wanted; sent as `page_size` (see `retrieve`). */
  topK: number;
  /** RAGFlow's `similarity_threshold`, 0..1: passages scoring less are left out. */
  scoreThreshold: number;
  /** Only these documents (RAGFlow's `document_ids`); all of the datasets' when absent. */
  documentIds?: string[];
  /** Weight of vector cosine against term similarity; 0.2 unless set, as the original sends. */
  vectorSimilarityWeight?: number;
}

/** Where a passage is in its document, from RAGFlow's `positions` (PDF layouts); page counts from 1. */
export interface PassagePosition {
  page: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface RagflowPassage {
  chunkId: string;
  content: string;
  /** RAGFlow's hybrid `similarity`, 0..1. */
  score: number;
  documentId: string;
  documentName: string;
  datasetId: string;
  /** The first box of the passage, for documents RAGFlow parsed with layout (PDF); absent for text. */
  position?: PassagePosition;
}
