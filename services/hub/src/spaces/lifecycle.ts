import { notFound } from '@astron/kit/errors';
import type { ServiceClient } from '@astron/kit/service-client';
import type { Actor } from '../auth/guard.js';
import { authorize } from '../auth/permissions.js';
import type { AuditLog } from '../audit/log.js';
import type { SpacesTable } from '../store/tables.js';
import { personalSpace } from './errors.js';
import type { SpaceStore } from './store.js';

export interface SpaceView {
  id: string;
  name: string;
  kind: 'personal' | 'team';
}

export const spaceView = (space: SpacesTable): SpaceView => ({ id: space.id, name: space.name, kind: space.kind });

export interface NewTeamSpace {
  name: string;
  ownerId: string;
  /** Who asked: the owner in the console, null for an operator at the command line. */
  actor: { id: string; email: string } | null;
  ip?: string;
}

export async function createTeamSpace(spaces: SpaceStore, audit: AuditLog, input: NewTeamSpace): Promise<SpaceView> {
  const space = await spaces.create({ name: input.name, kind: 'team', ownerId: input.ownerId });
  await audit.record({
    spaceId: space.id,
    actor: input.actor,
    action: 'space.created',
    target: { type: 'space', id: space.id },
    details: { name: input.name, ownerId: input.ownerId },
    ...(input.ip === undefined ? {} : { ip: input.ip }),
  });
  return spaceView(space);
}

/** Team spaces: created by anyone signed in (who becomes owner), renamed and deleted by role. */
export function spaceLifecycle(spaces: SpaceStore, audit: AuditLog, tenant: ServiceClient) {
  async function current(actor: Actor): Promise<SpacesTable> {
    const space = await spaces.find(actor.spaceId);
    if (space === null) throw notFound('space', actor.spaceId);
    return space;
  }

  return {
    create: (input: NewTeamSpace) => createTeamSpace(spaces, audit, input),

    async rename(actor: Actor, name: string): Promise<SpaceView> {
      authorize(actor.role, 'space.update');
      const space = await current(actor);
      if (space.name !== name) {
        await spaces.rename(space.id, name);
        await audit.record({
          spaceId: space.id,
          actor: { id: actor.user.id, email: actor.user.email },
          action: 'space.updated',
          target: { type: 'space', id: space.id },
          details: { name: { from: space.name, to: name } },
          ip: actor.ip,
        });
      }
      return { ...spaceView(space), name };
    },

    /**
     * Deletes a team space with its members, invitations, providers and API keys. The tenant apps
     * behind its keys go first, so no key of a deleted space keeps working at the gateway.
     */
    async remove(actor: Actor): Promise<void> {
      authorize(actor.role, 'space.delete');
      const space = await current(actor);
      if (space.kind === 'personal') throw personalSpace('be deleted');
      for (const appId of await spaces.tenantAppsOf(space.id)) {
        await tenant.call('DELETE', `/apps/${encodeURIComponent(appId)}`, { on: { space: space.id } }).catch((error: unknown) => {
          if ((error as { status?: number }).status !== 404) throw error;
        });
      }
      await spaces.remove(space.id);
      await audit.record({
        spaceId: space.id,
        actor: { id: actor.user.id, email: actor.user.email },
        action: 'space.deleted',
        target: { type: 'space', id: space.id },
        details: { name: space.name },
        ip: actor.ip,
      });
    },
  };
}
