import { jsonValue, type Database } from '@astron/kit/db';
import { retryOnUniqueViolation } from '../store/retry.js';
import type { HubSchema, WorkflowsTable, WorkflowVersionsTable } from '../store/tables.js';
import type { WorkflowDraft, WorkflowSnapshot } from './schemas.js';

type Editable = Partial<Pick<WorkflowsTable, 'name' | 'description' | 'alias'>> & { draft?: WorkflowDraft };

/** SQL of workflows and their versions. Every query is scoped by the space. */
export function workflowStore(db: Database<HubSchema>) {
  const k = db.kysely;
  return {
    async insert(row: Omit<WorkflowsTable, 'draft'> & { draft: WorkflowDraft }): Promise<void> {
      await k.insertInto('workflows').values({ ...row, draft: jsonValue(row.draft) }).execute();
    },

    async find(spaceId: string, id: string): Promise<WorkflowsTable | null> {
      return (await k.selectFrom('workflows').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst()) ?? null;
    },

    /** The public API's path names a workflow by its id or its alias in the space. */
    async findByIdOrAlias(spaceId: string, idOrAlias: string): Promise<WorkflowsTable | null> {
      const row = await k
        .selectFrom('workflows')
        .selectAll()
        .where('space_id', '=', spaceId)
        .where((eb) => eb.or([eb('id', '=', idOrAlias), eb('alias', '=', idOrAlias)]))
        .executeTakeFirst();
      return row ?? null;
    },

    async list(spaceId: string): Promise<WorkflowsTable[]> {
      return k.selectFrom('workflows').selectAll().where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id').execute();
    },

    /** Writes the given columns only; the alias's unique index refuses a taken one. */
    async update(spaceId: string, id: string, changes: Editable): Promise<void> {
      const { draft, ...columns } = changes;
      await k
        .updateTable('workflows')
        .set({ ...columns, ...(draft === undefined ? {} : { draft: jsonValue(draft) }), updated_at: new Date() })
        .where('space_id', '=', spaceId)
        .where('id', '=', id)
        .execute();
    },

    async remove(spaceId: string, id: string): Promise<void> {
      await k.deleteFrom('workflow_versions').where('space_id', '=', spaceId).where('workflow_id', '=', id).execute();
      await k.deleteFrom('workflows').where('space_id', '=', spaceId).where('id', '=', id).execute();
    },

    /** Version n+1 of a workflow; publishes at once each get their own number. */
    async addVersion(spaceId: string, id: string, snapshot: WorkflowSnapshot, publishedBy: string | null): Promise<WorkflowVersionsTable> {
      // The primary key (id, version) refuses a number a concurrent publish took: read it anew and go again.
      return retryOnUniqueViolation(() =>
        k.transaction().execute(async (trx) => {
          const last = await trx
            .selectFrom('workflow_versions')
            .select((eb) => eb.fn.max('version').as('version'))
            .where('space_id', '=', spaceId)
            .where('workflow_id', '=', id)
            .executeTakeFirst();
          const row: WorkflowVersionsTable = { workflow_id: id, space_id: spaceId, version: Number(last?.version ?? 0) + 1, snapshot, published_by: publishedBy, published_at: new Date() };
          await trx.insertInto('workflow_versions').values({ ...row, snapshot: jsonValue(snapshot) }).execute();
          await trx
            .updateTable('workflows')
            .set({ published_version: row.version, published_at: row.published_at })
            .where('space_id', '=', spaceId)
            .where('id', '=', id)
            .execute();
          return row;
        }),
      );
    },

    async versions(spaceId: string, id: string): Promise<WorkflowVersionsTable[]> {
      return k.selectFrom('workflow_versions').selectAll().where('space_id', '=', spaceId).where('workflow_id', '=', id).orderBy('version', 'desc').execute();
    },

    async version(spaceId: string, id: string, version: number): Promise<WorkflowVersionsTable | null> {
      return (
        (await k
          .selectFrom('workflow_versions')
          .selectAll()
          .where('space_id', '=', spaceId)
          .where('workflow_id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst()) ?? null
      );
    },
  };
}

export type WorkflowStore = ReturnType<typeof workflowStore>;
