export { createRagflowClient } from './client.js';
export type { RagflowClient } from './client.js';
export { RagflowError, RagflowParsingError, RagflowTimeoutError, RagflowUnreachableError } from './errors.js';
export type { RagflowSettings } from './settings.js';
export type { RagflowConnection } from './transport.js';
export type {
  ChunkPage,
  DocumentStatus,
  NewDataset,
  PassagePosition,
  RagflowChunk,
  RagflowDataset,
  RagflowDocument,
  RagflowPassage,
  RetrieveRequest,
  UploadedFile,
} from './types.js';
export { waitForParsing } from './wait-for-parsing.js';
export type { WaitForParsingOptions } from './wait-for-parsing.js';
