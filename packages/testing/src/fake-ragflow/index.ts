export { startFakeRagflow } from './server.js';
export type { FakeRagflow, FakeRagflowOptions } from './server.js';
export type {
  FakeChunk,
  FakeDataset,
  FakeDocument,
  FakeRagflowState,
  RecordedRequest,
  RunStatus,
} from './state.js';
