import { randomBytes } from 'node:crypto';
import type { Cache } from '@astron/kit/cache';
import type { Keyring } from '@astron/kit/crypto';
import type { McpServerPatch, McpServerRecord, McpServersStore } from '../../store/mcp-servers-store.js';
import { MASK } from '../auth/auth.js';
import { mcpServerNotFound } from '../errors.js';
import type { McpCallResult, McpConnector, McpEndpoint, McpTool, McpTransport } from './connector.js';

export interface McpServerInput {
  name: string;
  description?: string | undefined;
  url: string;
  transport: McpTransport;
  /** Sent with every request; a value equal to the mask keeps the stored one. */
  headers?: Record<string, string> | undefined;
  bearerToken?: string | undefined;
}

export type McpServerUpdate = Partial<Omit<McpServerInput, 'bearerToken'>> & {
  /** null removes it; the mask keeps it. */
  bearerToken?: string | null | undefined;
};

interface Credentials {
  headers: Record<string, string>;
  bearerToken: string | null;
}

export const newMcpServerId = () => `mcp@${randomBytes(8).toString('hex')}`;

/** MCP servers of a space: credentials sealed, tool lists cached briefly (per server and its last change). */
export function mcpServersDomain(deps: { store: McpServersStore; keyring: Keyring; connector: McpConnector; cache: Cache; toolsCacheMs: number }) {
  const { store, keyring, connector, cache, toolsCacheMs } = deps;

  const open = (record: McpServerRecord): Credentials =>
    record.credentials === null ? { headers: {}, bearerToken: null } : (JSON.parse(keyring.decrypt(record.credentials)) as Credentials);

  function seal(credentials: Credentials): Pick<McpServerRecord, 'headerNames' | 'hasBearer' | 'credentials'> {
    const empty = Object.keys(credentials.headers).length === 0 && credentials.bearerToken === null;
    return { headerNames: Object.keys(credentials.headers), hasBearer: credentials.bearerToken !== null, credentials: empty ? null : keyring.encrypt(JSON.stringify(credentials)) };
  }

  async function find(spaceId: string, id: string): Promise<McpServerRecord> {
    const record = await store.get(spaceId, id);
    if (record === null) throw mcpServerNotFound(id);
    return record;
  }

  /** How to reach the server: its URL, transport, and the headers with the credentials in them. */
  function endpoint(record: McpServerRecord): McpEndpoint {
    const { headers, bearerToken } = open(record);
    return { url: record.url, transport: record.transport, headers: bearerToken === null ? headers : { ...headers, authorization: `Bearer ${bearerToken}` } };
  }

  return {
    find,

    async create(spaceId: string, actor: string, input: McpServerInput): Promise<McpServerRecord> {
      const credentials = seal({ headers: input.headers ?? {}, bearerToken: input.bearerToken ?? null });
      return store.insert({ id: newMcpServerId(), spaceId, name: input.name, description: input.description ?? '', url: input.url, transport: input.transport, createdBy: actor, ...credentials });
    },

    list: (spaceId: string) => store.list(spaceId),

    async update(spaceId: string, id: string, input: McpServerUpdate): Promise<McpServerRecord> {
      const current = await find(spaceId, id);
      const patch: McpServerPatch = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.description !== undefined) patch.description = input.description;
      if (input.url !== undefined) patch.url = input.url;
      if (input.transport !== undefined) patch.transport = input.transport;
      if (input.headers !== undefined || input.bearerToken !== undefined) {
        const stored = open(current);
        const headers = input.headers === undefined ? stored.headers : Object.fromEntries(Object.entries(input.headers).map(([name, value]) => [name, value === MASK ? (stored.headers[name] ?? '') : value]));
        const bearerToken = input.bearerToken === undefined || input.bearerToken === MASK ? stored.bearerToken : input.bearerToken;
        Object.assign(patch, seal({ headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')), bearerToken }));
      }
      const updated = await store.update(spaceId, id, patch);
      if (updated === null) throw mcpServerNotFound(id);
      return updated;
    },

    async remove(spaceId: string, id: string): Promise<void> {
      if (!(await store.remove(spaceId, id))) throw mcpServerNotFound(id);
    },

    /** The server's tools; from the cache unless `refresh` (an edit of the server makes a new cache entry). */
    async tools(spaceId: string, id: string, refresh = false): Promise<{ server: McpServerRecord; tools: McpTool[]; cached: boolean }> {
      const server = await find(spaceId, id);
      const key = `link:mcp-tools:${server.id}:${server.updatedAt.getTime()}`;
      const hit = refresh || toolsCacheMs === 0 ? null : await cache.get(key);
      if (hit !== null) return { server, tools: JSON.parse(hit) as McpTool[], cached: true };
      const tools = await connector.listTools(endpoint(server));
      if (toolsCacheMs > 0) await cache.set(key, JSON.stringify(tools), { ttlMs: toolsCacheMs });
      return { server, tools, cached: false };
    },

    async call(spaceId: string, id: string, tool: string, args: Record<string, unknown>): Promise<McpCallResult> {
      return connector.callTool(endpoint(await find(spaceId, id)), tool, args);
    },
  };
}

export type McpServersDomain = ReturnType<typeof mcpServersDomain>;
