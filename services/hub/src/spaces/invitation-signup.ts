import { sha256Hex } from '@astron/kit/crypto';
import { AppError, forbidden, isAppError, notFound } from '@astron/kit/errors';
import { checkPasswordRules, hashPassword } from '../accounts/passwords.js';
import type { HubContext } from '../context.js';
import type { InvitationsTable, UsersTable } from '../store/tables.js';
import type { InvitationStore } from './invitation-store.js';

export interface InvitationPreview {
  spaceName: string;
  email: string;
  role: InvitationsTable['role'];
  expiresAt: string;
  accountExists: boolean;
}

const expired = () => new AppError({ code: 'invitation_expired', status: 410, message: 'this invitation has expired; ask for a new one' });

const accountExists = (email: string) =>
  new AppError({ code: 'account_exists', status: 409, message: `an account with the email ${email} already exists: sign in, then accept the invitation` });

/**
 * Joining through an invitation link without an account. The link's token is the only credential,
 * so a preview shows no more than its holder was sent, and an account is made only for the invited email.
 */
export function invitationSignup(context: HubContext, invitations: InvitationStore) {
  /** A used token is "not found": after use, the link opens nothing. */
  async function usable(token: string): Promise<InvitationsTable> {
    const invitation = await invitations.findByTokenHash(sha256Hex(token));
    if (invitation === null || invitation.accepted_at !== null) throw notFound('invitation');
    if (new Date(invitation.expires_at).getTime() <= Date.now()) throw expired();
    return invitation;
  }

  async function spaceNameOf(invitation: InvitationsTable): Promise<string> {
    const space = await context.spaces.find(invitation.space_id);
    if (space === null) throw notFound('invitation');
    return space.name;
  }

  return {
    async preview(token: string): Promise<InvitationPreview> {
      const invitation = await usable(token);
      return {
        spaceName: await spaceNameOf(invitation),
        email: invitation.email,
        role: invitation.role,
        expiresAt: new Date(invitation.expires_at).toISOString(),
        accountExists: (await context.users.findByEmail(invitation.email)) !== null,
      };
    },

    /** Creates the invited person's account and makes them a member; returns the account and the space joined. */
    async register(input: { token: string; name: string; password: string; ip: string }): Promise<{ user: UsersTable; spaceId: string }> {
      if (!context.config.localLogin) {
        throw forbidden('password accounts are turned off here (LOCAL_LOGIN=false): use single sign-on, then accept the invitation', 'local_login_disabled');
      }
      checkPasswordRules(input.password);
      const invitation = await usable(input.token);
      await spaceNameOf(invitation);
      if ((await context.users.findByEmail(invitation.email)) !== null) throw accountExists(invitation.email);
      const passwordHash = await hashPassword(input.password);
      // Two requests with one token: only the one that marks it used goes on.
      if (!(await invitations.markAccepted(invitation.id))) throw notFound('invitation');
      let user: UsersTable;
      try {
        ({ user } = await context.users.create({ email: invitation.email, name: input.name, passwordHash }));
      } catch (error) {
        // An account made meanwhile (another tab, SSO): the link stays good for signing in and accepting.
        await invitations.reopen(invitation.id);
        if (isAppError(error) && error.status === 409) throw accountExists(invitation.email);
        throw error;
      }
      await context.spaces.addMember(invitation.space_id, user.id, invitation.role);
      await context.users.recordLogin(user.id);
      const actor = { id: user.id, email: user.email };
      await context.audit.record({
        spaceId: invitation.space_id,
        actor,
        action: 'member.joined',
        target: { type: 'user', id: user.id },
        details: { email: invitation.email, role: invitation.role, invitationId: invitation.id, invitedBy: invitation.invited_by, created: true },
        ip: input.ip,
      });
      await context.audit.record({
        spaceId: null,
        actor,
        action: 'auth.signed_in',
        details: { method: 'invitation', created: true },
        ip: input.ip,
      });
      return { user, spaceId: invitation.space_id };
    },
  };
}
