import { forbidden, isAppError } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { describeMe, meSchema } from '../accounts/me.js';
import { signInWithPassword } from '../accounts/sign-in.js';
import type { HubContext } from '../context.js';
import { oidcClient } from './oidc.js';
import { oidcRoutes } from './routes-oidc.js';
import { clearSessionCookie, openSession } from './routes-session.js';

const tags = ['auth'];

/** Sign-in and sign-out: /api/auth/login, /api/auth/logout and the OIDC flow under /api/auth/oidc. */
export function authRoutes(app: App, context: HubContext): void {
  const oidc = oidcClient(context);
  oidcRoutes(app, context, oidc);

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1024) }),
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      if (!context.config.localLogin) {
        throw forbidden(
          'password sign-in is turned off here (LOCAL_LOGIN=false): use single sign-on',
          'local_login_disabled',
        );
      }
      const user = await signInWithPassword(context, { ...request.body, ip: request.ip });
      const session = await openSession(context, request, reply, user.id);
      await context.audit.record({
        spaceId: null,
        actor: { id: user.id, email: user.email },
        action: 'auth.signed_in',
        details: { method: 'password' },
        ip: request.ip,
      });
      return describeMe(context, session);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, response: { 200: z.object({ redirectTo: z.string().nullable() }) } } },
    async (request, reply) => {
      let actor;
      try {
        actor = await context.guard.require(request);
      } catch (error) {
        // Signing out twice, or with an expired session, is already done.
        if (isAppError(error) && error.code === 'not_signed_in') {
          clearSessionCookie(context, reply);
          return { redirectTo: null };
        }
        throw error;
      }
      clearSessionCookie(context, reply);
      await context.sessions.destroy(actor.session.id);
      await context.audit.record({
        spaceId: null,
        actor: { id: actor.user.id, email: actor.user.email },
        action: 'auth.signed_out',
        ip: request.ip,
      });
      const idToken = actor.session.id_token;
      return { redirectTo: idToken === null ? null : await oidc.endSessionUrl(idToken) };
    },
  );
}
