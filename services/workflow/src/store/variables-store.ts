import { isUniqueViolation, jsonValue, type Database } from '@astron/kit/db';
import type { WorkflowSchema } from './tables.js';

/** Conversation variables, persisted (the original kept them in Redis for 7 days; ours last until overwritten). */
export function variablesStore(db: Database<WorkflowSchema>) {
  const k = db.kysely;
  return {
    async get(spaceId: string, scope: string, names: string[]): Promise<Record<string, unknown>> {
      if (names.length === 0) return {};
      const rows = await k.selectFrom('conversation_variables').select(['name', 'value']).where('space_id', '=', spaceId).where('scope', '=', scope).where('name', 'in', names).execute();
      // JSON columns come back parsed on both dialects (kit/db): a stored string is a string here.
      return Object.fromEntries(rows.map((row) => [row.name, row.value]));
    },

    async set(spaceId: string, scope: string, values: Record<string, unknown>): Promise<void> {
      for (const [name, value] of Object.entries(values)) {
        const now = new Date();
        const updated = await k.updateTable('conversation_variables').set({ value: jsonValue(value), updated_at: now }).where('space_id', '=', spaceId).where('scope', '=', scope).where('name', '=', name).executeTakeFirst();
        if (Number(updated.numUpdatedRows) > 0) continue;
        try {
          await k.insertInto('conversation_variables').values({ space_id: spaceId, scope, name, value: jsonValue(value), updated_at: now }).execute();
        } catch (error) {
          // A concurrent run created it first: this write wins as the later one.
          if (!isUniqueViolation(error)) throw error;
          await k.updateTable('conversation_variables').set({ value: jsonValue(value), updated_at: now }).where('space_id', '=', spaceId).where('scope', '=', scope).where('name', '=', name).execute();
        }
      }
    },
  };
}

export type VariablesStore = ReturnType<typeof variablesStore>;
