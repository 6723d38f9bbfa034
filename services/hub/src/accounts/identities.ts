import { randomId } from '@astron/kit/crypto';
import { isUniqueViolation, type Database } from '@astron/kit/db';
import type { HubSchema, IdentitiesTable } from '../store/tables.js';

/** Links between a user and an account at an identity provider, found by (issuer, subject). */
export function identityStore(db: Database<HubSchema>) {
  const k = db.kysely;
  async function find(issuer: string, subject: string): Promise<IdentitiesTable | null> {
    return (
      (await k
        .selectFrom('identities')
        .selectAll()
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst()) ?? null
    );
  }
  return {
    find,

    /** Records the link; when a parallel first login recorded it already, returns that one. */
    async link(input: {
      userId: string;
      issuer: string;
      subject: string;
      email: string | null;
    }): Promise<IdentitiesTable> {
      const identity: IdentitiesTable = {
        id: randomId('idn'),
        user_id: input.userId,
        issuer: input.issuer,
        subject: input.subject,
        email: input.email,
        created_at: new Date(),
      };
      try {
        await k.insertInto('identities').values(identity).execute();
        return identity;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await find(input.issuer, input.subject);
        if (existing === null) throw error;
        return existing;
      }
    },

    async listOf(userId: string): Promise<IdentitiesTable[]> {
      return k.selectFrom('identities').selectAll().where('user_id', '=', userId).execute();
    },
  };
}

export type IdentityStore = ReturnType<typeof identityStore>;
