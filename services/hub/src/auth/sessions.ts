import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import type { HubSchema, SessionsTable } from '../store/tables.js';

export const SESSION_COOKIE = 'astron_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface NewSession {
  userId: string;
  ip?: string;
  userAgent?: string;
  idToken?: string;
  currentSpaceId?: string;
}

/** Server-side sessions: the cookie holds a random token, the table its SHA-256, so a dump hands out nothing. */
export function sessionStore(db: Database<HubSchema>, ttlHours: number) {
  const k = db.kysely;
  const ttlMs = ttlHours * 3_600_000;
  return {
    ttlMs,

    async create(input: NewSession): Promise<{ token: string; session: SessionsTable }> {
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      const session: SessionsTable = {
        id: sha256Hex(token),
        user_id: input.userId,
        csrf_token: randomBytes(24).toString('base64url'),
        current_space_id: input.currentSpaceId ?? null,
        id_token: input.idToken ?? null,
        ip: input.ip ?? null,
        user_agent: input.userAgent?.slice(0, 512) ?? null,
        created_at: now,
        expires_at: new Date(now.getTime() + ttlMs),
        last_seen_at: now,
      };
      await k.insertInto('sessions').values(session).execute();
      return { token, session };
    },

    /** The live session of a cookie value, or null when unknown or expired. */
    async find(token: string): Promise<SessionsTable | null> {
      const row = await k.selectFrom('sessions').selectAll().where('id', '=', sha256Hex(token)).executeTakeFirst();
      if (row === undefined || new Date(row.expires_at).getTime() <= Date.now()) return null;
      return row;
    },

    /** Sliding expiry, written at most once a minute per session. */
    async touch(session: SessionsTable): Promise<void> {
      if (Date.now() - new Date(session.last_seen_at).getTime() < 60_000) return;
      const now = new Date();
      await k.updateTable('sessions').set({ last_seen_at: now, expires_at: new Date(now.getTime() + ttlMs) }).where('id', '=', session.id).execute();
    },

    async setCurrentSpace(sessionId: string, spaceId: string): Promise<void> {
      await k.updateTable('sessions').set({ current_space_id: spaceId }).where('id', '=', sessionId).execute();
    },

    async destroy(sessionId: string): Promise<void> {
      await k.deleteFrom('sessions').where('id', '=', sessionId).execute();
    },

    /** Ends every session of a user (password change, lockout by an admin). */
    async destroyAllOf(userId: string, except?: string): Promise<void> {
      let query = k.deleteFrom('sessions').where('user_id', '=', userId);
      if (except !== undefined) query = query.where('id', '!=', except);
      await query.execute();
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
