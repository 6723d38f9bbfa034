import type { FastifyRequest } from 'fastify';
import { safeEqual } from '@astron/kit/crypto';
import { forbidden, unauthorized } from '@astron/kit/errors';
import type { SessionsTable } from '../store/tables.js';
import type { UserStore } from '../accounts/users.js';
import type { SpaceStore } from '../spaces/store.js';
import { authorize, type Permission, type Role } from './permissions.js';
import { CSRF_HEADER, SESSION_COOKIE, type SessionStore } from './sessions.js';

export interface Actor {
  user: { id: string; email: string; name: string; platformAdmin: boolean };
  session: SessionsTable;
  /** The space this request acts in: the session's current space, never a request field. */
  spaceId: string;
  role: Role;
  ip: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the signed-in person of a console request: the session cookie, CSRF on every unsafe
 * method (the token from /api/me sent back in x-csrf-token), the current space and the role there.
 */
export function sessionGuard(deps: { sessions: SessionStore; users: UserStore; spaces: SpaceStore }) {
  async function optional(request: FastifyRequest): Promise<Actor | null> {
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return null;
    const session = await deps.sessions.find(token);
    if (session === null) return null;
    const user = await deps.users.findById(session.user_id);
    if (user === null) return null;
    await deps.sessions.touch(session);
    let spaceId = session.current_space_id;
    let role = spaceId === null ? null : await deps.spaces.roleOf(spaceId, user.id);
    if (role === null) {
      // The current space is gone or the membership was removed: fall back to the first space.
      const first = (await deps.spaces.membershipsOf(user.id))[0];
      if (first === undefined) throw forbidden('your account belongs to no space', 'no_space');
      spaceId = first.spaceId;
      role = first.role;
      await deps.sessions.setCurrentSpace(session.id, spaceId);
    }
    return {
      user: { id: user.id, email: user.email, name: user.name, platformAdmin: Boolean(user.platform_admin) },
      session,
      spaceId: spaceId as string,
      role,
      ip: request.ip,
    };
  }

  return {
    optional,

    /** The actor, or 401; with a permission, 403 unless the role allows it. */
    async require(request: FastifyRequest, permission?: Permission): Promise<Actor> {
      const actor = await optional(request);
      if (actor === null) throw unauthorized('sign in first', 'not_signed_in');
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !safeEqual(sent, actor.session.csrf_token)) {
          throw forbidden(`missing or wrong ${CSRF_HEADER} header (take it from GET /api/me)`, 'csrf_failed');
        }
      }
      if (permission !== undefined) authorize(actor.role, permission);
      return actor;
    },
  };
}

export type SessionGuard = ReturnType<typeof sessionGuard>;
