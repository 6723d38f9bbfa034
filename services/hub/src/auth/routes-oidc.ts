import { isAppError } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { identityStore } from '../accounts/identities.js';
import { userOfOidcLogin } from '../accounts/sso.js';
import type { HubContext } from '../context.js';
import type { OidcClient } from './oidc.js';
import { openSession } from './routes-session.js';

const tags = ['auth'];

/** Codes the sign-in page knows how to explain; anything unexpected is reported as sso_failed. */
const REFUSALS = new Set([
  'invalid_state',
  'sso_denied',
  'sso_failed',
  'sso_no_email',
  'sso_email_unverified',
]);

/** GET /api/auth/oidc/start and /callback: the browser's round trip through the provider. */
export function oidcRoutes(app: App, context: HubContext, oidc: OidcClient): void {
  const identities = identityStore(context.db);

  app.get(
    '/api/auth/oidc/start',
    { schema: { tags, querystring: z.object({ returnTo: z.string().max(2048).optional() }) } },
    async (request, reply) => reply.redirect(await oidc.start(request.query.returnTo), 302),
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      schema: {
        tags,
        querystring: z.looseObject({
          code: z.string().max(4096).optional(),
          state: z.string().max(512).optional(),
          error: z.string().max(256).optional(),
        }),
      },
    },
    async (request, reply) => {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      try {
        const login = await oidc.finish(request.query, search);
        const { user, created, linked } = await userOfOidcLogin(context, identities, login);
        await context.users.recordLogin(user.id);
        await openSession(context, request, reply, user.id, { idToken: login.idToken });
        const details = { method: 'oidc', issuer: login.issuer, created, linked };
        await context.audit.record({
          spaceId: null,
          actor: { id: user.id, email: user.email },
          action: 'auth.signed_in',
          details,
          ip: request.ip,
        });
        return reply.redirect(login.returnTo, 302);
      } catch (error) {
        const code = isAppError(error) && REFUSALS.has(error.code) ? error.code : 'sso_failed';
        context.logger.warn({ err: error, code }, 'OIDC sign-in refused');
        const reason = error instanceof Error ? error.message : String(error);
        await context.audit.record({
          spaceId: null,
          actor: null,
          action: 'auth.sign_in_failed',
          details: { method: 'oidc', code, reason: reason.slice(0, 500) },
          ip: request.ip,
        });
        return reply.redirect(`/signin?error=${encodeURIComponent(code)}`, 302);
      }
    },
  );
}
