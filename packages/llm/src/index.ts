export type { LlmToolSpec, ModelEndpoint, ModelParameters, Usage } from './types.js';
export { addUsage, createModelClient, emptyUsage, type LlmCall, type LlmMessage, type LlmReply, type LlmToolCall, type ModelClient } from './model-client.js';
export { createEmbeddingClient, type EmbeddingClient } from './embedding-client.js';
export { hubModelResolver, splitModelReference, type HubModelResolver } from './hub-resolver.js';
export { uniqueToolName } from './tool-names.js';
