import { AppError } from '@astron/kit/errors';

/** Errors of the link service; each says what was found so a person can fix the document or the call. */

const error = (status: number, code: string, message: string, details?: unknown) => new AppError({ status, code, message, details });

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KiB`;

export const documentTooLarge = (sizeBytes: number, limitBytes: number) =>
  error(413, 'document_too_large', `the OpenAPI document is ${kib(sizeBytes)}; the limit is ${kib(limitBytes)} (LINK_MAX_DOCUMENT_BYTES)`, { sizeBytes, limitBytes });

export const documentUnreadable = (reason: string) => error(422, 'document_unreadable', `the document is neither JSON nor YAML: ${reason}`);

export const documentNotOpenapi = () =>
  error(422, 'document_not_openapi', 'the document is not an OpenAPI 3 or Swagger 2 description (no "openapi": "3.x" or "swagger": "2.0" at its top)');

export const externalReferenceRefused = (ref: string, at: string) =>
  error(422, 'external_ref_refused', `the document refers outside itself ($ref "${ref}" at ${at}); only references inside the document ("#/...") are followed`, { ref, at });

export const documentInvalid = (reason: string) => error(422, 'document_invalid', `the document is not a valid OpenAPI description: ${reason}`);

export const documentWithoutOperations = (skipped: unknown[]) =>
  error(422, 'document_has_no_operations', 'the document has no operation that can become a tool', { skipped });

export const toolSetNotFound = (id: string) => error(404, 'tool_not_found', `tool ${id} not found`);

export const versionNotFound = (id: string, version: string) => error(404, 'tool_version_not_found', `tool ${id} has no version ${version}`);

export const notPublished = (id: string) => error(409, 'tool_not_published', `tool ${id} has no published version yet; publish it or ask for version "draft"`);

export const versionExists = (id: string, version: string) => error(409, 'tool_version_exists', `tool ${id} already has a version ${version}`);

export const operationNotFound = (id: string, operationId: string, known: string[]) =>
  error(404, 'operation_not_found', `tool ${id} has no operation ${operationId}`, { operations: known });

export const serverUrlMissing = (id: string) =>
  error(422, 'server_url_missing', `tool ${id} has no absolute server URL: the document gives none (or a relative one without a source URL); set serverUrl`);

export const missingInputs = (names: string[]) => error(400, 'missing_inputs', `required inputs missing: ${names.join(', ')}`, { missing: names });

export const invalidInputs = (message: string) => error(400, 'invalid_inputs', message);

export const authSecretRequired = (field: string) => error(400, 'auth_secret_required', `the authentication needs its ${field}`, { field });

export const oauthTokenFailed = (reason: string) => error(502, 'oauth_token_failed', `the OAuth2 token endpoint refused the client credentials: ${reason}`);

export const mcpServerNotFound = (id: string) => error(404, 'mcp_server_not_found', `MCP server ${id} not found`);

export const mcpFailed = (code: 'mcp_connect_failed' | 'mcp_list_failed' | 'mcp_call_failed', reason: string) =>
  new AppError({ status: 502, code, message: reason, retryable: code === 'mcp_connect_failed' });
