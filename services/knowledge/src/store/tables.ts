import type { ColumnType, Generated } from 'kysely';

/** json columns: written as JSON text, read back parsed (the kit's postgres driver parses jsonb). */
type Json<T> = ColumnType<T, string, string>;

export type Backend = 'builtin' | 'ragflow';
export type DocumentStatus = 'queued' | 'parsing' | 'embedding' | 'ready' | 'failed';
export type DocumentSource = 'upload' | 'url' | 'text';

export interface ChunkingSettings {
  mode: 'recursive' | 'heading' | 'separator';
  maxTokens: number;
  overlapTokens: number;
  separator?: string;
}

export interface RetrievalSettings {
  mode: 'hybrid' | 'vector' | 'fulltext';
  topK: number;
  scoreThreshold: number;
  /** `<providerId>/<modelId>` of a rerank model, or null. */
  rerankModel: string | null;
}

export interface KnowledgeBasesTable {
  id: string;
  space_id: string;
  name: string;
  description: string;
  backend: Backend;
  /** `<providerId>/<modelId>` of the space's embedding model (built-in backend). */
  embedding_model: string | null;
  /** The embedding model's vector size, learned from its first answer; fixed from then on. */
  dimensions: number | null;
  chunking: Json<ChunkingSettings>;
  retrieval: Json<RetrievalSettings>;
  /** The RAGFlow dataset holding this base's documents (backend 'ragflow'). */
  ragflow_dataset_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface DocumentsTable {
  id: string;
  kb_id: string;
  space_id: string;
  name: string;
  source: DocumentSource;
  source_url: string | null;
  /** What the content is, sniffed from its bytes (packages/docparse): pdf, docx, xlsx, html, markdown, csv, text. */
  type: string;
  size_bytes: number;
  sha256: string;
  /** Where the original file is in object storage. */
  storage_key: string;
  status: DocumentStatus;
  chunk_count: Generated<number>;
  embedded_count: Generated<number>;
  page_count: number | null;
  error: Json<{ code: string; message: string } | null> | null;
  metadata: Json<Record<string, unknown>>;
  ragflow_document_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface ChunksTable {
  id: string;
  kb_id: string;
  document_id: string;
  space_id: string;
  /** Order in the document, from 0; chunks added by hand go after the parsed ones. */
  position: number;
  content: string;
  /** The content as the full-text index sees it: words, and Han characters as overlapping bigrams (search-text.ts). */
  search_text: string;
  tokens: number;
  heading_path: Json<string[]>;
  page: number | null;
  page_end: number | null;
  enabled: Generated<boolean>;
  /** Changed by a person: a re-parse of the document leaves it alone. */
  edited: Generated<boolean>;
  /** pgvector, written as '[x,y,...]'; null until embedded (or after an edit, until re-embedded). */
  embedding: string | null;
  dimensions: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface KnowledgeSchema {
  knowledge_bases: KnowledgeBasesTable;
  documents: DocumentsTable;
  chunks: ChunksTable;
}
