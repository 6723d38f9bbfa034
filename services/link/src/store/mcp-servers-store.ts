import type { Selectable, Updateable } from 'kysely';
import { jsonValue, type Database } from '@astron/kit/db';
import type { LinkSchema, McpServersTable } from './tables.js';
import { parsed } from './tool-sets-store.js';

export interface McpServerRecord {
  id: string;
  spaceId: string;
  name: string;
  description: string;
  url: string;
  transport: 'streamable-http' | 'sse';
  headerNames: string[];
  hasBearer: boolean;
  /** `{headers, bearerToken}` sealed. */
  credentials: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type McpServerPatch = Partial<Pick<McpServerRecord, 'name' | 'description' | 'url' | 'transport' | 'headerNames' | 'hasBearer' | 'credentials'>>;

function toRecord(row: Selectable<McpServersTable>): McpServerRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    name: row.name,
    description: row.description,
    url: row.url,
    transport: row.transport,
    headerNames: parsed(row.header_names),
    hasBearer: Boolean(row.has_bearer),
    credentials: row.credentials,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Remote MCP servers registered in a space. */
export function mcpServersStore(db: Database<LinkSchema>) {
  const k = db.kysely;
  const get = async (spaceId: string, id: string): Promise<McpServerRecord | null> => {
    const row = await k.selectFrom('mcp_servers').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  return {
    get,

    async list(spaceId: string): Promise<McpServerRecord[]> {
      const rows = await k.selectFrom('mcp_servers').selectAll().where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toRecord);
    },

    async insert(record: Omit<McpServerRecord, 'createdAt' | 'updatedAt'>): Promise<McpServerRecord> {
      const now = new Date();
      await k
        .insertInto('mcp_servers')
        .values({
          id: record.id,
          space_id: record.spaceId,
          name: record.name,
          description: record.description,
          url: record.url,
          transport: record.transport,
          header_names: jsonValue(record.headerNames),
          has_bearer: record.hasBearer,
          credentials: record.credentials,
          created_by: record.createdBy,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return (await get(record.spaceId, record.id))!;
    },

    async update(spaceId: string, id: string, patch: McpServerPatch): Promise<McpServerRecord | null> {
      const columns: Updateable<McpServersTable> = { updated_at: new Date() };
      if (patch.name !== undefined) columns.name = patch.name;
      if (patch.description !== undefined) columns.description = patch.description;
      if (patch.url !== undefined) columns.url = patch.url;
      if (patch.transport !== undefined) columns.transport = patch.transport;
      if (patch.headerNames !== undefined) columns.header_names = jsonValue(patch.headerNames);
      if (patch.hasBearer !== undefined) columns.has_bearer = patch.hasBearer;
      if (patch.credentials !== undefined) columns.credentials = patch.credentials;
      const updated = await k.updateTable('mcp_servers').set(columns).where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return Number(updated.numUpdatedRows) === 0 ? null : get(spaceId, id);
    },

    async remove(spaceId: string, id: string): Promise<boolean> {
      const deleted = await k.deleteFrom('mcp_servers').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    },
  };
}

export type McpServersStore = ReturnType<typeof mcpServersStore>;
