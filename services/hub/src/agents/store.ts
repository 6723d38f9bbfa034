import { jsonValue, type Database } from '@astron/kit/db';
import { retryOnUniqueViolation } from '../store/retry.js';
import type { AgentsTable, AgentVersionsTable, HubSchema } from '../store/tables.js';
import type { AgentDraft } from './schemas.js';

/** SQL of agents and their versions. Every query is scoped by the space. */
export function agentStore(db: Database<HubSchema>) {
  const k = db.kysely;
  return {
    async insert(row: Omit<AgentsTable, 'draft'> & { draft: AgentDraft }): Promise<void> {
      await k.insertInto('agents').values({ ...row, draft: jsonValue(row.draft) }).execute();
    },

    async find(spaceId: string, id: string): Promise<AgentsTable | null> {
      return (await k.selectFrom('agents').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst()) ?? null;
    },

    /** The public API's `model`: an agent id or an alias of the space. */
    async findByModel(spaceId: string, model: string): Promise<AgentsTable | null> {
      const row = await k
        .selectFrom('agents')
        .selectAll()
        .where('space_id', '=', spaceId)
        .where((eb) => eb.or([eb('id', '=', model), eb('alias', '=', model)]))
        .executeTakeFirst();
      return row ?? null;
    },

    async setAlias(spaceId: string, id: string, alias: string | null): Promise<void> {
      await k.updateTable('agents').set({ alias, updated_at: new Date() }).where('space_id', '=', spaceId).where('id', '=', id).execute();
    },

    async list(spaceId: string): Promise<AgentsTable[]> {
      return k.selectFrom('agents').selectAll().where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id').execute();
    },

    async listPublished(spaceId: string): Promise<AgentsTable[]> {
      return k.selectFrom('agents').selectAll().where('space_id', '=', spaceId).where('published_version', 'is not', null).orderBy('created_at').orderBy('id').execute();
    },

    async saveDraft(spaceId: string, id: string, draft: AgentDraft): Promise<void> {
      await k
        .updateTable('agents')
        .set({ draft: jsonValue(draft), name: draft.name, updated_at: new Date() })
        .where('space_id', '=', spaceId)
        .where('id', '=', id)
        .execute();
    },

    async remove(spaceId: string, id: string): Promise<void> {
      await k.deleteFrom('agent_versions').where('space_id', '=', spaceId).where('agent_id', '=', id).execute();
      await k.deleteFrom('agents').where('space_id', '=', spaceId).where('id', '=', id).execute();
    },

    /** Version n+1 of an agent; publishes at once each get their own number. */
    async addVersion(spaceId: string, id: string, snapshot: AgentDraft, publishedBy: string | null): Promise<AgentVersionsTable> {
      // The primary key (id, version) refuses a number a concurrent publish took: read it anew and go again.
      return retryOnUniqueViolation(() =>
        k.transaction().execute(async (trx) => {
          const last = await trx
            .selectFrom('agent_versions')
            .select((eb) => eb.fn.max('version').as('version'))
            .where('space_id', '=', spaceId)
            .where('agent_id', '=', id)
            .executeTakeFirst();
          const row: AgentVersionsTable = { agent_id: id, space_id: spaceId, version: Number(last?.version ?? 0) + 1, snapshot, published_by: publishedBy, published_at: new Date() };
          await trx.insertInto('agent_versions').values({ ...row, snapshot: jsonValue(snapshot) }).execute();
          await trx
            .updateTable('agents')
            .set({ published_version: row.version, published_at: row.published_at })
            .where('space_id', '=', spaceId)
            .where('id', '=', id)
            .execute();
          return row;
        }),
      );
    },

    async versions(spaceId: string, id: string): Promise<AgentVersionsTable[]> {
      return k.selectFrom('agent_versions').selectAll().where('space_id', '=', spaceId).where('agent_id', '=', id).orderBy('version', 'desc').execute();
    },

    async version(spaceId: string, id: string, version: number): Promise<AgentVersionsTable | null> {
      return (
        (await k.selectFrom('agent_versions').selectAll().where('space_id', '=', spaceId).where('agent_id', '=', id).where('version', '=', version).executeTakeFirst()) ?? null
      );
    },
  };
}

export type AgentStore = ReturnType<typeof agentStore>;
