import { AppError, forbidden, notFound } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { openSession } from '../auth/routes-session.js';
import type { HubContext } from '../context.js';
import { describeMe, meSchema } from './me.js';
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords.js';

const tags = ['account'];
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address'))
  .pipe(z.string().max(254));
const name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const password = z.string().min(1, 'must not be empty').max(1024);

/** First-run setup and the signed-in person: /api/setup, /api/me. */
export function accountRoutes(app: App, context: HubContext): void {
  app.get(
    '/api/setup',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            needsSetup: z.boolean(),
            localLogin: z.boolean(),
            sso: z.object({ name: z.string() }).nullable(),
          }),
        },
      },
    },
    async () => ({
      needsSetup: (await context.users.count()) === 0,
      localLogin: context.config.localLogin,
      sso: context.config.oidc === null ? null : { name: context.config.oidc.name },
    }),
  );

  // Open to anyone while there is no account at all; the first person becomes the platform admin.
  app.post(
    '/api/setup',
    { schema: { tags, body: z.object({ email, name, password }), response: { 201: meSchema } } },
    async (request, reply) => {
      checkPasswordRules(request.body.password);
      if ((await context.users.count()) > 0) throw alreadySetUp();
      // Two first visitors racing: only the one holding the lock goes on.
      if (!(await context.cache.setIfAbsent('setup:lock', '1', { ttlMs: 30_000 }))) throw alreadySetUp();
      try {
        if ((await context.users.count()) > 0) throw alreadySetUp();
        const passwordHash = await hashPassword(request.body.password);
        const { user } = await context.users.create({
          email: request.body.email,
          name: request.body.name,
          passwordHash,
          platformAdmin: true,
        });
        await context.users.recordLogin(user.id);
        const session = await openSession(context, request, reply, user.id);
        await context.audit.record({
          spaceId: null,
          actor: { id: user.id, email: user.email },
          action: 'auth.signed_in',
          details: { method: 'setup' },
          ip: request.ip,
        });
        return reply.status(201).send(await describeMe(context, session));
      } finally {
        await context.cache.delete('setup:lock');
      }
    },
  );

  app.get('/api/me', { schema: { tags, response: { 200: meSchema } } }, async (request) => {
    const actor = await context.guard.require(request);
    return describeMe(context, actor.session);
  });

  app.patch(
    '/api/me',
    {
      schema: {
        tags,
        body: z.object({
          name: name.optional(),
          locale: z.string().trim().min(2).max(16).nullable().optional(),
        }),
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const actor = await context.guard.require(request);
      await context.users.updateProfile(actor.user.id, request.body);
      return describeMe(context, actor.session);
    },
  );

  app.post(
    '/api/me/password',
    { schema: { tags, body: z.object({ currentPassword: password, newPassword: password }) } },
    async (request, reply) => {
      const actor = await context.guard.require(request);
      const user = await context.users.findById(actor.user.id);
      if (user?.password_hash === null || user?.password_hash === undefined) {
        throw forbidden(
          'this account signs in through single sign-on and has no password to change',
          'no_password',
        );
      }
      if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw forbidden('the current password is wrong', 'wrong_password', [
          { field: 'currentPassword', message: 'is wrong' },
        ]);
      }
      await context.users.setPasswordHash(user.id, await hashPassword(request.body.newPassword));
      // Whoever else holds a session of this account (a stolen cookie, another device) is out now.
      await context.sessions.destroyAllOf(user.id, actor.session.id);
      await context.audit.record({
        spaceId: null,
        actor: { id: user.id, email: user.email },
        action: 'auth.password_changed',
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/space',
    {
      schema: { tags, body: z.object({ spaceId: z.string().min(1).max(128) }), response: { 200: meSchema } },
    },
    async (request) => {
      const actor = await context.guard.require(request);
      // Not a member looks the same as no such space: ids of other spaces reveal nothing.
      if ((await context.spaces.roleOf(request.body.spaceId, actor.user.id)) === null)
        throw notFound('space', request.body.spaceId);
      await context.sessions.setCurrentSpace(actor.session.id, request.body.spaceId);
      return describeMe(context, { ...actor.session, current_space_id: request.body.spaceId });
    },
  );
}

const alreadySetUp = () =>
  new AppError({
    code: 'already_set_up',
    message: 'the platform is set up already: sign in instead',
    status: 409,
  });
