import { authView, MASK } from '../domain/auth/auth.js';
import type { Operation } from '../domain/openapi/types.js';
import type { ToolSnapshot } from '../domain/run/run-tool.js';
import type { McpServerRecord } from '../store/mcp-servers-store.js';
import type { ToolSetRecord } from '../store/tool-sets-store.js';
import type { VersionRecord } from '../store/versions-store.js';

export const operationView = (operation: Operation) => ({
  operationId: operation.operationId,
  name: operation.name,
  method: operation.method,
  path: operation.path,
  summary: operation.summary,
  description: operation.description,
  inputSchema: operation.inputSchema,
  outputSchema: operation.outputSchema,
});

export const toolSetSummary = (record: ToolSetRecord, latestVersion: string | null) => ({
  id: record.id,
  name: record.name,
  description: record.description,
  format: record.format,
  serverUrl: record.serverUrl,
  operationCount: record.operations.length,
  authType: record.auth.type,
  latestVersion,
  createdBy: record.createdBy,
  createdAt: record.createdAt.toISOString(),
  updatedAt: record.updatedAt.toISOString(),
});

/** A tool set with its draft: operations with their input schemas, what the import skipped, auth masked. */
export const toolSetView = (record: ToolSetRecord, latestVersion: string | null) => ({
  ...toolSetSummary(record, latestVersion),
  source: { kind: record.sourceKind, url: record.sourceUrl },
  auth: authView(record.auth),
  operations: record.operations.map(operationView),
  skipped: record.skipped,
});

export const versionSummary = (version: Omit<VersionRecord, 'document'>) => ({
  version: version.version,
  seq: version.seq,
  name: version.name,
  operationCount: version.operations.length,
  publishedBy: version.publishedBy,
  publishedAt: version.publishedAt.toISOString(),
});

export const versionView = (version: VersionRecord) => ({
  toolSetId: version.toolSetId,
  ...versionSummary(version),
  description: version.description,
  format: version.format,
  serverUrl: version.serverUrl,
  operations: version.operations.map(operationView),
  skipped: version.skipped,
});

/** What a model is told about one operation, and what a workflow node shows: a function with JSON-schema parameters. */
export const descriptorView = (snapshot: ToolSnapshot, operation: Operation) => ({
  toolId: snapshot.toolSetId,
  operationId: operation.operationId,
  version: snapshot.version,
  name: operation.name,
  description: operation.description || operation.summary || snapshot.description || `${operation.method} ${operation.path}`,
  parameters: operation.inputSchema,
  output: operation.outputSchema,
  toolName: snapshot.name,
});

export const mcpServerView = (record: McpServerRecord) => ({
  id: record.id,
  name: record.name,
  description: record.description,
  url: record.url,
  transport: record.transport,
  headers: Object.fromEntries(record.headerNames.map((name) => [name, MASK])),
  bearerToken: record.hasBearer ? MASK : null,
  createdBy: record.createdBy,
  createdAt: record.createdAt.toISOString(),
  updatedAt: record.updatedAt.toISOString(),
});
