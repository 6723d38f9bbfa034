import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HubContext } from '../context.js';
import type { SessionsTable } from '../store/tables.js';
import { SESSION_COOKIE } from './sessions.js';

function cookieOptions(context: HubContext) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: context.config.session.secureCookies,
  };
}

/**
 * Starts a new session (a fresh token at every sign-in, so a planted cookie is worth nothing) in the
 * person's first space, and hands its token to the browser as the session cookie.
 */
export async function openSession(
  context: HubContext,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  options: { idToken?: string } = {},
): Promise<SessionsTable> {
  const first = (await context.spaces.membershipsOf(userId))[0];
  const { token, session } = await context.sessions.create({
    userId,
    ip: request.ip,
    ...(typeof request.headers['user-agent'] === 'string'
      ? { userAgent: request.headers['user-agent'] }
      : {}),
    ...(options.idToken === undefined ? {} : { idToken: options.idToken }),
    ...(first === undefined ? {} : { currentSpaceId: first.spaceId }),
  });
  void reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(context),
    maxAge: Math.floor(context.sessions.ttlMs / 1000),
  });
  return session;
}

export function clearSessionCookie(context: HubContext, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(context));
}
