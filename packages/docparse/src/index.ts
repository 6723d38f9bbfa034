export { chunkDocument } from './chunk/chunk-document.js';
export { countTokens } from './chunk/tokens.js';
export { detectDocumentType } from './detect/sniff.js';
export { DOCUMENT_ERROR_CODES, DocumentError, isDocumentError, type DocumentErrorCode } from './errors.js';
export { parseDocument } from './parse/parse-document.js';
export {
  DOCUMENT_TYPES,
  type Chunk,
  type ChunkMode,
  type ChunkOptions,
  type DocumentType,
  type ParsedDocument,
  type ParseOptions,
  type Section,
} from './types.js';
