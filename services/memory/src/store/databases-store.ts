import { sql, type Kysely, type Selectable } from 'kysely';
import type { DatabasesTable, MemorySchema } from './tables.js';

export interface DatabaseRecord {
  id: number;
  spaceId: string;
  name: string;
  description: string;
  agentId: string | null;
  devSchema: string;
  prodSchema: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export type Db = Kysely<MemorySchema>;

function toRecord(row: Selectable<DatabasesTable>): DatabaseRecord {
  return {
    id: Number(row.id),
    spaceId: row.space_id,
    name: row.name,
    description: row.description,
    agentId: row.agent_id,
    devSchema: row.dev_schema,
    prodSchema: row.prod_schema,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    publishedAt: row.published_at === null ? null : new Date(row.published_at),
  };
}

/** Every read and write names the space: a database of another space is not found. */
export const databasesStore = {
  async insert(db: Db, record: Omit<DatabaseRecord, 'createdAt' | 'updatedAt' | 'publishedAt'>): Promise<DatabaseRecord> {
    const row = await db
      .insertInto('databases')
      .values({
        id: record.id,
        space_id: record.spaceId,
        name: record.name,
        description: record.description,
        agent_id: record.agentId,
        dev_schema: record.devSchema,
        prod_schema: record.prodSchema,
        created_by: record.createdBy,
        published_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  },

  async list(db: Db, spaceId: string, agentId?: string): Promise<DatabaseRecord[]> {
    let query = db.selectFrom('databases').selectAll().where('space_id', '=', spaceId);
    if (agentId !== undefined) query = query.where('agent_id', '=', agentId);
    return (await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(toRecord);
  },

  async find(db: Db, spaceId: string, id: number): Promise<DatabaseRecord | null> {
    const row = await db.selectFrom('databases').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  },

  async nameTaken(db: Db, spaceId: string, name: string, exceptId?: number): Promise<boolean> {
    let query = db.selectFrom('databases').select('id').where('space_id', '=', spaceId).where('name', '=', name);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  },

  async update(db: Db, spaceId: string, id: number, patch: { name?: string; description?: string; publishedAt?: Date }): Promise<DatabaseRecord | null> {
    const row = await db
      .updateTable('databases')
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.publishedAt === undefined ? {} : { published_at: patch.publishedAt }),
        updated_at: sql<Date>`now()`,
      })
      .where('space_id', '=', spaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  },

  async remove(db: Db, spaceId: string, id: number): Promise<boolean> {
    const result = await db.deleteFrom('databases').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
