import { randomId } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import { conflict } from '@astron/kit/errors';
import { isUniqueViolation } from '@astron/kit/db';
import type { HubSchema, UsersTable } from '../store/tables.js';
import type { SpaceStore } from '../spaces/store.js';

export interface NewUser {
  email: string;
  name: string;
  /** An argon2 hash; null for accounts that only sign in through SSO. */
  passwordHash: string | null;
  platformAdmin?: boolean;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Users. Every user gets a personal space, of which they are the owner, in the same step. */
export function userStore(db: Database<HubSchema>, spaces: SpaceStore) {
  const k = db.kysely;
  return {
    async create(input: NewUser): Promise<{ user: UsersTable; personalSpaceId: string }> {
      const now = new Date();
      const user: UsersTable = {
        id: randomId('u'),
        email: normalizeEmail(input.email),
        name: input.name.trim(),
        password_hash: input.passwordHash,
        platform_admin: input.platformAdmin ?? false,
        failed_logins: 0,
        locked_until: null,
        locale: null,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      };
      try {
        await k.insertInto('users').values(user).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`an account with the email ${user.email} already exists`);
        throw error;
      }
      const space = await spaces.create({ name: `${user.name}'s space`, kind: 'personal', ownerId: user.id });
      return { user, personalSpaceId: space.id };
    },

    async findByEmail(email: string): Promise<UsersTable | null> {
      return (await k.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst()) ?? null;
    },

    async findById(id: string): Promise<UsersTable | null> {
      return (await k.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
    },

    async updateProfile(id: string, changes: { name?: string; locale?: string | null }): Promise<void> {
      const set: { updated_at: Date; name?: string; locale?: string | null } = { updated_at: new Date() };
      if (changes.name !== undefined) set.name = changes.name.trim();
      if (changes.locale !== undefined) set.locale = changes.locale;
      await k.updateTable('users').set(set).where('id', '=', id).execute();
    },

    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await k.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', id).execute();
    },

    /** Adds one to the run of failed sign-ins and returns the new count (in SQL, so parallel attempts all count). */
    async addFailedLogin(id: string): Promise<number> {
      await k.updateTable('users').set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) })).where('id', '=', id).execute();
      const row = await k.selectFrom('users').select('failed_logins').where('id', '=', id).executeTakeFirst();
      return Number(row?.failed_logins ?? 0);
    },

    /** Locks the account until `until`; the count starts again from zero once the lock ends. */
    async lock(id: string, until: Date): Promise<void> {
      await k.updateTable('users').set({ locked_until: until, failed_logins: 0 }).where('id', '=', id).execute();
    },

    async recordLogin(id: string): Promise<void> {
      await k.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', id).execute();
    },

    async count(): Promise<number> {
      const row = await k.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

export type UserStore = ReturnType<typeof userStore>;
