import type { Database } from '@astron/kit/db';
import type { AppsTable, TenantSchema } from './tables.js';

export interface AppRecord {
  id: string;
  spaceId: string;
  name: string;
  description: string;
  source: string;
  devId: number | null;
  cloudId: string | null;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface AppFilter {
  name?: string;
  ids?: string[];
  limit: number;
  /** Apps created before this one (cursor = the last id of the previous page). */
  after?: { createdAt: Date; id: string };
}

function toRecord(row: AppsTable): AppRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    name: row.name,
    description: row.description,
    source: row.source,
    devId: row.dev_id === null ? null : Number(row.dev_id),
    cloudId: row.cloud_id,
    disabled: Boolean(row.disabled),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** SQL for apps; every read and write is scoped by the caller's space. */
export function appsStore(db: Database<TenantSchema>) {
  const k = db.kysely;
  return {
    async insert(app: AppRecord): Promise<void> {
      await k
        .insertInto('apps')
        .values({
          id: app.id,
          space_id: app.spaceId,
          name: app.name,
          description: app.description,
          source: app.source,
          dev_id: app.devId,
          cloud_id: app.cloudId,
          disabled: app.disabled,
          created_at: app.createdAt,
          updated_at: app.updatedAt,
        })
        .execute();
    },

    async find(spaceId: string, id: string): Promise<AppRecord | null> {
      const row = await k.selectFrom('apps').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    /** Not space-scoped: request verification starts from a key and learns the space from it. */
    async findById(id: string): Promise<AppRecord | null> {
      const row = await k.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async list(spaceId: string, filter: AppFilter): Promise<AppRecord[]> {
      let query = k.selectFrom('apps').selectAll().where('space_id', '=', spaceId);
      if (filter.name !== undefined) query = query.where('name', 'like', `%${escapeLike(filter.name)}%`);
      if (filter.ids !== undefined) query = query.where('id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
      const after = filter.after;
      if (after !== undefined) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
        );
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(toRecord);
    },

    async update(spaceId: string, id: string, changes: Partial<Pick<AppRecord, 'name' | 'description' | 'cloudId' | 'disabled'>>): Promise<boolean> {
      const result = await k
        .updateTable('apps')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.description === undefined ? {} : { description: changes.description }),
          ...(changes.cloudId === undefined ? {} : { cloud_id: changes.cloudId }),
          ...(changes.disabled === undefined ? {} : { disabled: changes.disabled }),
          updated_at: new Date(),
        })
        .where('space_id', '=', spaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Deletes the app and all its credentials in one transaction. */
    async delete(spaceId: string, id: string): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('apps').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await trx.deleteFrom('app_credentials').where('space_id', '=', spaceId).where('app_id', '=', id).execute();
        return true;
      });
    },
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}
