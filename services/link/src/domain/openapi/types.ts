export type JsonSchema = Record<string, unknown>;

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** Where one input of a tool goes in the HTTP request. */
export type Binding =
  | { input: string; in: ParameterLocation; name: string; explode: boolean }
  /** `property` null: the input is the whole body. */
  | { input: string; in: 'body'; property: string | null };

/** One operation of a document: one tool for agents and workflows. */
export interface Operation {
  /** The document's operationId, or `<method>_<path>` when it has none; unique in the document. */
  operationId: string;
  /** A function name models accept (^[A-Za-z0-9_-]{1,64}$), unique in the document. */
  name: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  /** The media type sent, when the operation takes a body. */
  bodyMediaType: string | null;
  bodyKind: 'json' | 'form' | null;
  /** JSON schema of the inputs object: parameters and the body's properties side by side. */
  inputSchema: JsonSchema;
  bindings: Binding[];
  /** JSON schema of a successful JSON response, when the document gives one. */
  outputSchema: JsonSchema | null;
}

/** An operation the import left out, and why. */
export interface SkippedOperation {
  operation: string;
  reason: string;
}

export type DocumentFormat = 'openapi-3.0' | 'openapi-3.1' | 'swagger-2.0';

/** What an import learns from a document. */
export interface Catalog {
  format: DocumentFormat;
  title: string;
  description: string;
  /** Absolute base URL of calls, or null when the document gives none that can be resolved. */
  serverUrl: string | null;
  operations: Operation[];
  skipped: SkippedOperation[];
}
