import type { IncomingHttpHeaders } from 'node:http';
import type { Envelope } from './envelope.js';
import type { ParsingSchedule } from './parsing.js';
import type { FakeRagflowState } from './state.js';

/** What a route handler gets: the request, already read, and the fake's state. */
export interface RouteInput {
  state: FakeRagflowState;
  /** Path parameters in order, e.g. `[datasetId, documentId]`. */
  params: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  parsing: ParsingSchedule;
}

export interface Route {
  method: string;
  /** Anchored; each group is one path parameter. */
  pattern: RegExp;
  handle(input: RouteInput): Envelope | Promise<Envelope>;
}

/**
 * Pydantic's message for one invalid field, the way RAGFlow's request validation formats it:
 * `Field: <name> - Message: <...> - Value: <...>` (code 101).
 */
export function fieldError(field: string, message: string, value: unknown): string {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return `Field: <${field}> - Message: <${message}> - Value: <${shown}>`;
}
