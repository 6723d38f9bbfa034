import { forbidden, unauthorized } from '@astron/kit/errors';
import { z } from 'zod';
import { PERMISSIONS, can, type Permission } from '../auth/permissions.js';
import type { HubContext } from '../context.js';
import type { SessionsTable } from '../store/tables.js';

const spaceKind = z.enum(['personal', 'team']);
const role = z.enum(['owner', 'admin', 'editor', 'viewer']);

/** `Me` of docs/api/console-api.md: who is signed in, their spaces, the current one and what they may do there. */
export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    platformAdmin: z.boolean(),
    hasPassword: z.boolean(),
    locale: z.string().nullable(),
  }),
  spaces: z.array(z.object({ id: z.string(), name: z.string(), kind: spaceKind, role })),
  currentSpace: z.object({
    id: z.string(),
    name: z.string(),
    kind: spaceKind,
    role,
    permissions: z.array(z.string()),
  }),
  csrfToken: z.string(),
});

export type Me = z.infer<typeof meSchema>;

/**
 * The Me of a session. The current space is the session's when the person is still a member,
 * else their first space (personal first), which is then written back to the session.
 */
export async function describeMe(context: HubContext, session: SessionsTable): Promise<Me> {
  const user = await context.users.findById(session.user_id);
  if (user === null) throw unauthorized('sign in first', 'not_signed_in');
  const memberships = await context.spaces.membershipsOf(user.id);
  const current =
    memberships.find((membership) => membership.spaceId === session.current_space_id) ?? memberships[0];
  if (current === undefined) throw forbidden('your account belongs to no space', 'no_space');
  if (current.spaceId !== session.current_space_id)
    await context.sessions.setCurrentSpace(session.id, current.spaceId);
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) =>
    can(current.role, permission),
  );
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      platformAdmin: Boolean(user.platform_admin),
      hasPassword: user.password_hash !== null,
      locale: user.locale,
    },
    spaces: memberships.map((membership) => ({
      id: membership.spaceId,
      name: membership.name,
      kind: membership.kind,
      role: membership.role,
    })),
    currentSpace: {
      id: current.spaceId,
      name: current.name,
      kind: current.kind,
      role: current.role,
      permissions,
    },
    csrfToken: session.csrf_token,
  };
}
