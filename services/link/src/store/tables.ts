import type { ColumnType } from 'kysely';

/** json columns: written as JSON text (jsonValue), read back parsed by both drivers. */
type Json<T> = ColumnType<T, string, string>;

export type AuthType = 'none' | 'apiKey' | 'bearer' | 'basic' | 'oauth2';

/** One OpenAPI document (the original's "tool" `tool@...`): its editable draft, auth, and where it came from. */
export interface ToolSetsTable {
  id: string;
  space_id: string;
  name: string;
  description: string;
  /** The original's `header.app_id`, kept as given by the compatible API (never used to scope). */
  app_id: string | null;
  source_kind: 'text' | 'url';
  source_url: string | null;
  /** 'openapi-3.0', 'openapi-3.1' or 'swagger-2.0'. */
  format: string;
  /** The document as imported, JSON text (mediumtext on MySQL). */
  document: string;
  /** Where calls go: the document's first server, resolved against the source URL, or the override. */
  server_url: string | null;
  /** Operation[] as JSON text, derived from the document at import. */
  operations: string;
  skipped: Json<{ operation: string; reason: string }[]>;
  auth_type: AuthType;
  /** What of the auth may be shown: where a key goes, a user name, a token URL. */
  auth_settings: Json<Record<string, unknown>>;
  /** The secrets of the auth, sealed with the platform keyring. */
  auth_secret: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** A published, immutable copy of a tool set's draft. */
export interface ToolVersionsTable {
  tool_set_id: string;
  space_id: string;
  /** 'v1', 'v2' ... from our API; any label ('V1.0') from the compatible one. */
  version: string;
  /** Publication order, from 1: "latest" is the highest. */
  seq: number;
  name: string;
  description: string;
  format: string;
  document: string;
  server_url: string | null;
  operations: string;
  skipped: Json<{ operation: string; reason: string }[]>;
  published_by: string;
  published_at: Date;
}

export interface McpServersTable {
  id: string;
  space_id: string;
  name: string;
  description: string;
  url: string;
  transport: 'streamable-http' | 'sse';
  /** Names of the headers sent with every request (their values are sealed in `credentials`). */
  header_names: Json<string[]>;
  has_bearer: boolean;
  /** `{headers, bearerToken}` sealed with the platform keyring. */
  credentials: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface LinkSchema {
  tool_sets: ToolSetsTable;
  tool_versions: ToolVersionsTable;
  mcp_servers: McpServersTable;
}
