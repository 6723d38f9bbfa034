/** What a document is, decided from its bytes (see detect/sniff.ts). */
export type DocumentType = 'pdf' | 'docx' | 'xlsx' | 'html' | 'markdown' | 'csv' | 'text';

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'pdf',
  'docx',
  'xlsx',
  'html',
  'markdown',
  'csv',
  'text',
];

/** A run of text under one heading (or one page, or one sheet): the unit the chunker keeps together. */
export interface Section {
  text: string;
  /** Headings above the text, outermost first; for sheets `[sheetName]`; empty when there are none. */
  headingPath: string[];
  /** 1-based page number, for PDFs, so that answers can cite their page. */
  page?: number;
  /** 'table': one row per line, never cut inside a line. */
  kind: 'text' | 'table';
}

export interface ParsedDocument {
  type: DocumentType;
  title?: string;
  sections: Section[];
  /** Pages in the file (PDF only), including pages without text. */
  pageCount?: number;
}

export interface ParseOptions {
  /** The uploaded file name: chooses between text types only, never overrides what the bytes are. */
  name?: string;
  /** Refuse larger files (`too_large`). */
  maxBytes?: number;
  /** Refuse PDFs with more pages (`too_large`). */
  maxPages?: number;
}

export type ChunkMode = 'recursive' | 'heading' | 'separator';

export interface ChunkOptions {
  /**
   * recursive: fill chunks up to the budget, merging neighbouring sections that share a parent heading;
   * heading: one chunk per heading, split only when over budget;
   * separator: cut where `separator` occurs, each piece then fitted to the budget.
   */
  mode: ChunkMode;
  /** Budget of a chunk in cl100k_base tokens; default 512, at least 16. */
  maxTokens?: number;
  /** Tokens repeated from the end of the previous chunk of the same run; default 64, below maxTokens. */
  overlapTokens?: number;
  /** Required in separator mode; taken literally (no escapes, no regular expression). */
  separator?: string;
}

export interface Chunk {
  /** 0-based order in the document, consecutive. */
  position: number;
  content: string;
  /** cl100k_base tokens of `content`, never above maxTokens. */
  tokens: number;
  /** The headings shared by everything in the chunk. */
  headingPath: string[];
  /** First page the chunk covers (PDF). */
  page?: number;
  /** Last page the chunk covers (PDF). */
  pageEnd?: number;
}
