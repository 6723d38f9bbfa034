import { randomId, randomSecret, sha256Hex } from '@astron/kit/crypto';
import { AppError, forbidden, notFound } from '@astron/kit/errors';
import { normalizeEmail } from '../accounts/users.js';
import { authorize, canGrant } from '../auth/permissions.js';
import type { Actor } from '../auth/guard.js';
import type { AuditLog } from '../audit/log.js';
import type { InvitationsTable } from '../store/tables.js';
import { alreadyMember, cannotGrant, personalSpace } from './errors.js';
import type { InvitationStore } from './invitation-store.js';
import type { SpaceStore } from './store.js';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export type InvitedRole = InvitationsTable['role'];

const expired = () => new AppError({ code: 'invitation_expired', status: 410, message: 'this invitation has expired or was already used; ask for a new one' });

/** Invitations: made by members.manage, accepted by the person whose email they name. */
export function invitationRules(spaces: SpaceStore, invitations: InvitationStore, audit: AuditLog) {
  const who = (actor: Actor) => ({ id: actor.user.id, email: actor.user.email });

  return {
    async invite(actor: Actor, input: { email: string; role: InvitedRole }): Promise<{ invitation: InvitationsTable; token: string }> {
      authorize(actor.role, 'members.manage');
      if (!canGrant(actor.role, input.role)) throw cannotGrant(actor.role, input.role);
      const space = await spaces.find(actor.spaceId);
      if (space === null) throw notFound('space', actor.spaceId);
      if (space.kind === 'personal') throw personalSpace('have other members');
      const email = normalizeEmail(input.email);
      if (await spaces.isMemberByEmail(space.id, email)) throw alreadyMember(email);
      const token = randomSecret(32);
      const now = new Date();
      const invitation: InvitationsTable = {
        id: randomId('inv'),
        space_id: space.id,
        email,
        role: input.role,
        token_hash: sha256Hex(token),
        invited_by: actor.user.id,
        created_at: now,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
        accepted_at: null,
      };
      await invitations.removePendingFor(space.id, email);
      await invitations.insert(invitation);
      await audit.record({
        spaceId: space.id,
        actor: who(actor),
        action: 'member.invited',
        target: { type: 'invitation', id: invitation.id },
        details: { email, role: input.role },
        ip: actor.ip,
      });
      return { invitation, token };
    },

    async revoke(actor: Actor, id: string): Promise<void> {
      authorize(actor.role, 'members.manage');
      const invitation = await invitations.findPending(actor.spaceId, id);
      if (invitation === null) throw notFound('invitation', id);
      await invitations.remove(actor.spaceId, id);
      await audit.record({
        spaceId: actor.spaceId,
        actor: who(actor),
        action: 'invitation.revoked',
        target: { type: 'invitation', id },
        details: { email: invitation.email, role: invitation.role },
        ip: actor.ip,
      });
    },

    /** The signed-in person joins the invitation's space; returns that space's id. */
    async accept(actor: Actor, token: string): Promise<string> {
      const invitation = await invitations.findByTokenHash(sha256Hex(token));
      if (invitation === null) throw notFound('invitation');
      if (invitation.accepted_at !== null || new Date(invitation.expires_at).getTime() <= Date.now()) throw expired();
      if (normalizeEmail(actor.user.email) !== invitation.email) {
        throw forbidden(`this invitation is for ${invitation.email}; sign in with that address to accept it`, 'invitation_email_mismatch');
      }
      if (!(await invitations.markAccepted(invitation.id))) throw expired();
      const spaceId = invitation.space_id;
      // Someone who became a member meanwhile keeps the role they have.
      if ((await spaces.roleOf(spaceId, actor.user.id)) !== null) return spaceId;
      await spaces.addMember(spaceId, actor.user.id, invitation.role);
      await audit.record({
        spaceId,
        actor: who(actor),
        action: 'member.joined',
        target: { type: 'user', id: actor.user.id },
        details: { email: invitation.email, role: invitation.role, invitationId: invitation.id, invitedBy: invitation.invited_by },
        ip: actor.ip,
      });
      return spaceId;
    },
  };
}
