import type { Database } from '@astron/kit/db';
import type { HubSchema, InvitationsTable } from '../store/tables.js';

export interface PendingInvitation extends InvitationsTable {
  /** null when the inviting account is gone. */
  inviter: { id: string; email: string; name: string } | null;
}

/** Invitations to a space. Only the SHA-256 of a token is stored; the token itself is shown once. */
export function invitationStore(db: Database<HubSchema>) {
  const k = db.kysely;
  return {
    async insert(invitation: InvitationsTable): Promise<void> {
      await k.insertInto('invitations').values(invitation).execute();
    },

    /** Invitations not yet accepted (expired ones too, so they can be seen and revoked), newest first. */
    async pending(spaceId: string): Promise<PendingInvitation[]> {
      const rows = await k
        .selectFrom('invitations')
        .leftJoin('users', 'users.id', 'invitations.invited_by')
        .selectAll('invitations')
        .select(['users.email as inviter_email', 'users.name as inviter_name'])
        .where('invitations.space_id', '=', spaceId)
        .where('invitations.accepted_at', 'is', null)
        .orderBy('invitations.created_at', 'desc')
        .orderBy('invitations.id', 'desc')
        .execute();
      return rows.map(({ inviter_email, inviter_name, ...invitation }) => ({
        ...invitation,
        inviter: inviter_email === null || inviter_name === null ? null : { id: invitation.invited_by, email: inviter_email, name: inviter_name },
      }));
    },

    async findPending(spaceId: string, id: string): Promise<InvitationsTable | null> {
      const row = await k
        .selectFrom('invitations')
        .selectAll()
        .where('space_id', '=', spaceId)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      return row ?? null;
    },

    async findByTokenHash(tokenHash: string): Promise<InvitationsTable | null> {
      return (await k.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()) ?? null;
    },

    async remove(spaceId: string, id: string): Promise<void> {
      await k.deleteFrom('invitations').where('space_id', '=', spaceId).where('id', '=', id).execute();
    },

    /** Earlier unaccepted invitations of the same address: a new invitation replaces them. */
    async removePendingFor(spaceId: string, email: string): Promise<void> {
      await k.deleteFrom('invitations').where('space_id', '=', spaceId).where('email', '=', email).where('accepted_at', 'is', null).execute();
    },

    /** Marks it used; false when another request used it first. */
    async markAccepted(id: string): Promise<boolean> {
      const result = await k.updateTable('invitations').set({ accepted_at: new Date() }).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Undoes markAccepted when the step it guarded failed. */
    async reopen(id: string): Promise<void> {
      await k.updateTable('invitations').set({ accepted_at: null }).where('id', '=', id).execute();
    },
  };
}

export type InvitationStore = ReturnType<typeof invitationStore>;
