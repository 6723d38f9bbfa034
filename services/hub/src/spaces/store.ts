import { randomId } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import { ROLES, type Role } from '../auth/permissions.js';
import type { HubSchema, SpacesTable } from '../store/tables.js';

export interface Membership {
  spaceId: string;
  name: string;
  kind: 'personal' | 'team';
  role: Role;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
}

/** The tables a space owns that go with it when it is deleted (later areas add theirs here). */
const SPACE_OWNED_TABLES = ['providers', 'api_keys', 'invitations', 'members', 'space_plugin_settings'] as const;

/** Spaces and memberships: the tables every space-scoped check reads. */
export function spaceStore(db: Database<HubSchema>) {
  const k = db.kysely;
  const membersOf = (spaceId: string) =>
    k
      .selectFrom('members')
      .innerJoin('users', 'users.id', 'members.user_id')
      .select(['users.id as userId', 'users.email as email', 'users.name as name', 'members.role as role', 'members.created_at as joinedAt'])
      .where('members.space_id', '=', spaceId);
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

    async rename(spaceId: string, name: string): Promise<void> {
      await k.updateTable('spaces').set({ name, updated_at: new Date() }).where('id', '=', spaceId).execute();
    },

    /** The space and every row it owns, in one transaction. Audit events stay: they are the trail. */
    async remove(spaceId: string): Promise<void> {
      await k.transaction().execute(async (trx) => {
        for (const table of SPACE_OWNED_TABLES) await trx.deleteFrom(table).where('space_id', '=', spaceId).execute();
        await trx.deleteFrom('spaces').where('id', '=', spaceId).execute();
      });
    },

    /** The tenant apps holding this space's API keys (removed from the tenant with the space). */
    async tenantAppsOf(spaceId: string): Promise<string[]> {
      const space = await k.selectFrom('spaces').select('tenant_app_id').where('id', '=', spaceId).executeTakeFirst();
      const keys = await k.selectFrom('api_keys').select('tenant_app_id').where('space_id', '=', spaceId).execute();
      const ids = [space?.tenant_app_id, ...keys.map((key) => key.tenant_app_id)];
      return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
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

    /** Members of a space, owners first, then by the time they joined. */
    async members(spaceId: string): Promise<Member[]> {
      const rows = await membersOf(spaceId).execute();
      const rank = (role: Role) => ROLES.indexOf(role);
      return rows.sort((a, b) => rank(a.role) - rank(b.role) || new Date(a.joinedAt).getTime() - new Date(b.joinedAt).getTime());
    },

    async member(spaceId: string, userId: string): Promise<Member | null> {
      return (await membersOf(spaceId).where('members.user_id', '=', userId).executeTakeFirst()) ?? null;
    },

    async isMemberByEmail(spaceId: string, email: string): Promise<boolean> {
      const row = await k
        .selectFrom('members')
        .innerJoin('users', 'users.id', 'members.user_id')
        .select('members.user_id')
        .where('members.space_id', '=', spaceId)
        .where('users.email', '=', email)
        .executeTakeFirst();
      return row !== undefined;
    },

    async addMember(spaceId: string, userId: string, role: Role): Promise<void> {
      await k.insertInto('members').values({ space_id: spaceId, user_id: userId, role, created_at: new Date() }).execute();
    },

    /**
     * Changes a role (or, with null, removes the member) unless that leaves the space without an
     * owner; false then. The owner rows stay locked meanwhile, so two owners demoting each other at
     * once cannot both succeed.
     */
    async changeKeepingAnOwner(spaceId: string, userId: string, role: Role | null): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const owners = await trx.selectFrom('members').select('user_id').where('space_id', '=', spaceId).where('role', '=', 'owner').forUpdate().execute();
        const isOwner = owners.some((owner) => owner.user_id === userId);
        if (isOwner && role !== 'owner' && owners.length <= 1) return false;
        if (role === null) await trx.deleteFrom('members').where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
        else await trx.updateTable('members').set({ role }).where('space_id', '=', spaceId).where('user_id', '=', userId).execute();
        return true;
      });
    },
  };
}

export type SpaceStore = ReturnType<typeof spaceStore>;
