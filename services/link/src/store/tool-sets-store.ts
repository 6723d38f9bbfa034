import type { Selectable, Updateable } from 'kysely';
import { jsonValue, type Database } from '@astron/kit/db';
import type { StoredAuth } from '../domain/auth/auth.js';
import type { Operation, SkippedOperation } from '../domain/openapi/types.js';
import type { LinkSchema, ToolSetsTable } from './tables.js';

/** The parts of a tool set an import or a re-import sets. */
export interface ToolSetContent {
  name: string;
  description: string;
  sourceKind: 'text' | 'url';
  sourceUrl: string | null;
  format: string;
  document: Record<string, unknown>;
  serverUrl: string | null;
  operations: Operation[];
  skipped: SkippedOperation[];
}

export interface ToolSetRecord extends ToolSetContent {
  id: string;
  spaceId: string;
  appId: string | null;
  auth: StoredAuth;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ToolSetPatch = Partial<ToolSetContent> & { auth?: StoredAuth };

export const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

function toRecord(row: Selectable<ToolSetsTable>): ToolSetRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    appId: row.app_id,
    name: row.name,
    description: row.description,
    sourceKind: row.source_kind,
    sourceUrl: row.source_url,
    format: row.format,
    document: parsed(row.document),
    serverUrl: row.server_url,
    operations: parsed(row.operations),
    skipped: parsed(row.skipped),
    auth: { type: row.auth_type, settings: parsed(row.auth_settings), secret: row.auth_secret },
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function contentColumns(content: Partial<ToolSetContent>): Updateable<ToolSetsTable> {
  const columns: Updateable<ToolSetsTable> = {};
  if (content.name !== undefined) columns.name = content.name;
  if (content.description !== undefined) columns.description = content.description;
  if (content.sourceKind !== undefined) columns.source_kind = content.sourceKind;
  if (content.sourceUrl !== undefined) columns.source_url = content.sourceUrl;
  if (content.format !== undefined) columns.format = content.format;
  if (content.document !== undefined) columns.document = JSON.stringify(content.document);
  if (content.serverUrl !== undefined) columns.server_url = content.serverUrl;
  if (content.operations !== undefined) columns.operations = JSON.stringify(content.operations);
  if (content.skipped !== undefined) columns.skipped = jsonValue(content.skipped);
  return columns;
}

/** Tool sets, always looked up within the caller's space. */
export function toolSetsStore(db: Database<LinkSchema>) {
  const k = db.kysely;

  const get = async (spaceId: string, id: string): Promise<ToolSetRecord | null> => {
    const row = await k.selectFrom('tool_sets').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  return {
    get,

    async list(spaceId: string): Promise<ToolSetRecord[]> {
      const rows = await k.selectFrom('tool_sets').selectAll().where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toRecord);
    },

    async insert(record: Omit<ToolSetRecord, 'createdAt' | 'updatedAt'>): Promise<ToolSetRecord> {
      const now = new Date();
      await k
        .insertInto('tool_sets')
        .values({
                    name: record.name,
          description: record.description,
          source_kind: record.sourceKind,
          source_url: record.sourceUrl,
          format: record.format,
          document: JSON.stringify(record.document),
          server_url: record.serverUrl,
          operations: JSON.stringify(record.operations),
          skipped: jsonValue(record.skipped),
          id: record.id,
          space_id: record.spaceId,
          app_id: record.appId,
          auth_type: record.auth.type,
          auth_settings: jsonValue(record.auth.settings),
          auth_secret: record.auth.secret,
          created_by: record.createdBy,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return (await get(record.spaceId, record.id))!;
    },

    async update(spaceId: string, id: string, patch: ToolSetPatch): Promise<ToolSetRecord | null> {
      const auth = patch.auth === undefined ? {} : { auth_type: patch.auth.type, auth_settings: jsonValue(patch.auth.settings), auth_secret: patch.auth.secret };
      const updated = await k
        .updateTable('tool_sets')
        .set({ ...contentColumns(patch), ...auth, updated_at: new Date() })
        .where('space_id', '=', spaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 0 ? null : get(spaceId, id);
    },

    /** The tool set and all its versions. */
    async remove(spaceId: string, id: string): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        await trx.deleteFrom('tool_versions').where('space_id', '=', spaceId).where('tool_set_id', '=', id).execute();
        const deleted = await trx.deleteFrom('tool_sets').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
        return Number(deleted.numDeletedRows) > 0;
      });
    },
  };
}

export type ToolSetsStore = ReturnType<typeof toolSetsStore>;
