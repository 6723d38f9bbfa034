import { authorize, canGrant, type Role } from '../auth/permissions.js';
import type { Actor } from '../auth/guard.js';
import type { AuditLog } from '../audit/log.js';
import { cannotGrant, lastOwner, memberNotFound } from './errors.js';
import type { Member, SpaceStore } from './store.js';

/**
 * Role changes and removals in the actor's space. One may only touch roles one could grant
 * (an admin cannot demote or remove an owner), and a space keeps at least one owner.
 */
export function memberRules(spaces: SpaceStore, audit: AuditLog) {
  async function target(actor: Actor, userId: string): Promise<Member> {
    const member = await spaces.member(actor.spaceId, userId);
    if (member === null) throw memberNotFound(userId);
    return member;
  }

  const who = (actor: Actor) => ({ id: actor.user.id, email: actor.user.email });

  return {
    async changeRole(actor: Actor, userId: string, role: Role): Promise<Member> {
      authorize(actor.role, 'members.manage');
      const member = await target(actor, userId);
      if (member.role === role) return member;
      if (!canGrant(actor.role, member.role)) throw cannotGrant(actor.role, member.role);
      if (!canGrant(actor.role, role)) throw cannotGrant(actor.role, role);
      if (!(await spaces.changeKeepingAnOwner(actor.spaceId, userId, role))) throw lastOwner();
      await audit.record({
        spaceId: actor.spaceId,
        actor: who(actor),
        action: 'member.role_changed',
        target: { type: 'user', id: userId },
        details: { email: member.email, from: member.role, to: role },
        ip: actor.ip,
      });
      return { ...member, role };
    },

    /** Removes a member; removing oneself is leaving and needs no permission. */
    async remove(actor: Actor, userId: string): Promise<void> {
      const leaving = userId === actor.user.id;
      if (!leaving) authorize(actor.role, 'members.manage');
      const member = await target(actor, userId);
      if (!leaving && !canGrant(actor.role, member.role)) throw cannotGrant(actor.role, member.role);
      if (!(await spaces.changeKeepingAnOwner(actor.spaceId, userId, null))) throw lastOwner();
      await audit.record({
        spaceId: actor.spaceId,
        actor: who(actor),
        action: 'member.removed',
        target: { type: 'user', id: userId },
        details: { email: member.email, role: member.role, left: leaving },
        ip: actor.ip,
      });
    },
  };
}
