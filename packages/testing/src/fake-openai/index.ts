export { startFakeOpenAI } from './server.js';
export { embedText, defaultEmbeddingDimensions } from './embeddings.js';
export { rerankScore } from './rerank.js';
export { fakeImagePng } from './images.js';
export { fakeSpeech, spokenText, type SpeechFormat } from './speech.js';
export { fakeTranscript } from './transcriptions.js';
export { countTokens, lastUserText, splitIntoTokens } from './tokens.js';
export { echoReply } from './reply-queue.js';
export type {
  ChatMessage,
  ChatRequest,
  ErrorReply,
  FakeOpenAI,
  FakeOpenAIOptions,
  RecordedRequest,
  ReplyBody,
  ReplyFunction,
  ReplyUsage,
  RequestMatcher,
  ScriptedReply,
  ScriptedToolCall,
  TextReply,
  ToolCallsReply,
} from './types.js';
