import { randomId } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import type { Role } from '../auth/permissions.js';
import type { HubSchema, SpacesTable } from '../store/tables.js';

export interface Membership {
  spaceId: string;
  name: string;
  kind: 'personal' | 'team';
  role: Role;
}

/** Spaces and memberships: the tables every space-scoped check reads. */
export function spaceStore(db: Database<HubSchema>) {
  const k = db.kysely;
  return {
    async create(input: { name: string; kind: 'personal' | 'team'; ownerId: string }): Promise<SpacesTable> {
      const now = new Date();
      const space: SpacesTable = {
        id: randomId('sp'),
        name: input.name,
        kind: input.kind,
        owner_id: input.ownerId,
        default_chat_model: null,
        default_embedding_model: null,
        tenant_app_id: null,
        created_at: now,
        updated_at: now,
      };
      await k.transaction().execute(async (trx) => {
        await trx.insertInto('spaces').values(space).execute();
        await trx.insertInto('members').values({ space_id: space.id, user_id: input.ownerId, role: 'owner', created_at: now }).execute();
      });
      return space;
    },

    async find(spaceId: string): Promise<SpacesTable | null> {
      return (await k.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirst()) ?? null;
    },

    async roleOf(spaceId: string, userId: string): Promise<Role | null> {
      const row = await k.selectFrom('members').select('role').where('space_id', '=', spaceId).where('user_id', '=', userId).executeTakeFirst();
      return row?.role ?? null;
    },

    /** The user's spaces, personal first, then by name. */
    async membershipsOf(userId: string): Promise<Membership[]> {
      const rows = await k
        .selectFrom('members')
        .innerJoin('spaces', 'spaces.id', 'members.space_id')
        .select(['spaces.id as spaceId', 'spaces.name as name', 'spaces.kind as kind', 'members.role as role'])
        .where('members.user_id', '=', userId)
        .execute();
      return rows.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'personal' ? -1 : 1));
    },
  };
}

export type SpaceStore = ReturnType<typeof spaceStore>;
