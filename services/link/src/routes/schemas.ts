import { z } from 'zod';

export const toolSetId = z.string().regex(/^tool@[0-9a-zA-Z]{1,27}$/, 'must be a tool id: tool@ and letters or digits');
export const mcpServerId = z.string().regex(/^mcp@[0-9a-zA-Z]{1,40}$/, 'must be an MCP server id: mcp@ and letters or digits');
/** A version label, or 'draft' / 'latest' where a version is asked for. */
export const versionLabel = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, . _ or -');
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(4_096);
const name = z.string().trim().min(1).max(128);
const description = z.string().max(4_000);
const secret = z.string().min(1).max(8_192);

export const toolSetParams = z.object({ toolSetId });
export const versionParams = z.object({ toolSetId, version: versionLabel });
export const mcpServerParams = z.object({ serverId: mcpServerId });

export const documentSource = z.union([z.strictObject({ text: z.string().min(1, 'is empty') }), z.strictObject({ url: httpUrl })], {
  error: 'give the document as {text} (JSON or YAML) or {url}',
});

export const authSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('apiKey'), in: z.enum(['header', 'query']), name: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'must be a header or query parameter name'), value: secret.optional() }),
  z.strictObject({ type: z.literal('bearer'), token: secret.optional() }),
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1).max(256).refine((value) => !value.includes(':'), 'cannot hold ":"'), password: secret.optional() }),
  z.strictObject({
    type: z.literal('oauth2'),
    tokenUrl: httpUrl,
    clientId: z.string().min(1).max(512),
    clientSecret: secret.optional(),
    scopes: z.array(z.string().min(1).max(256)).max(50).optional(),
    audience: z.string().min(1).max(1_024).optional(),
    clientAuth: z.enum(['basic', 'body']).optional(),
  }),
]);

export const createToolSetSchema = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  source: documentSource,
  serverUrl: httpUrl.optional(),
  auth: authSchema.optional(),
});

export const updateToolSetSchema = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  source: documentSource.optional(),
  serverUrl: httpUrl.nullable().optional(),
  auth: authSchema.optional(),
});

const inputs = z.record(z.string(), z.unknown()).default({});

export const testRunSchema = z.strictObject({ operationId: z.string().min(1).max(256), inputs, version: versionLabel.default('draft') });

export const documentQuery = z.object({ version: versionLabel.default('draft') });

export const describeToolsSchema = z.strictObject({
  tools: z.array(z.strictObject({ toolId: toolSetId, operationId: z.string().min(1).max(256).optional(), version: versionLabel.optional() })).min(1).max(50),
});

export const runToolSchema = z.strictObject({ toolId: toolSetId, operationId: z.string().min(1).max(256), version: versionLabel.optional(), inputs });

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'must be a header name');
const headerValue = z.string().max(8_192).refine((value) => !/[\r\n\0]/.test(value), 'cannot hold a line break');
const transport = z.enum(['streamable-http', 'sse'], { error: 'must be "streamable-http" or "sse": only remote servers are reached, never a local (stdio) command' });

export const createMcpServerSchema = z.strictObject({
  name,
  description: description.optional(),
  url: httpUrl,
  transport: transport.default('streamable-http'),
  headers: z.record(headerName, headerValue).optional(),
  bearerToken: secret.optional(),
});

export const updateMcpServerSchema = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  url: httpUrl.optional(),
  transport: transport.optional(),
  headers: z.record(headerName, headerValue).optional(),
  bearerToken: secret.nullable().optional(),
});

export const mcpToolsQuery = z.object({ refresh: z.enum(['true', 'false']).optional() });

const args = z.record(z.string(), z.unknown()).default({});

export const mcpCallSchema = z.strictObject({ tool: z.string().min(1).max(256), arguments: args });

export const mcpDescribeSchema = z.strictObject({ servers: z.array(mcpServerId).min(1).max(20), refresh: z.boolean().default(false) });

export const mcpRunSchema = z.strictObject({ serverId: mcpServerId, tool: z.string().min(1).max(256), arguments: args });
