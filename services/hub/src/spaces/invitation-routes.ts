import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '@astron/kit/http';
import { describeMe, meSchema } from '../accounts/me.js';
import { openSession } from '../auth/routes-session.js';
import type { HubContext } from '../context.js';
import { invitationSignup } from './invitation-signup.js';
import { invitationStore } from './invitation-store.js';
import { invitationRules } from './invitations.js';
import { createdInvitationSchema, invitationIdParams, invitationSchema, invitationView, newInvitationSchema } from './schemas.js';

const tags = ['invitations'];
const token = z.string().min(1).max(256);
const previewSchema = z.object({
  spaceName: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'editor', 'viewer']),
  expiresAt: z.string(),
  accountExists: z.boolean(),
});
const registerSchema = z.object({
  token,
  name: z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  password: z.string().min(1, 'must not be empty').max(1024),
});

/** Where the console is reached: PUBLIC_URL, else the origin the request came to. */
function consoleOrigin(context: HubContext, request: FastifyRequest): string {
  const configured = context.config.service.publicUrl;
  return (configured ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/** Invitations to the current space, and accepting one (by the person it names). */
export function invitationRoutes(app: App, context: HubContext): void {
  const invitations = invitationStore(context.db);
  const rules = invitationRules(context.spaces, invitations, context.audit);
  const signup = invitationSignup(context, invitations);

  app.get('/api/invitations', { schema: { tags, response: { 200: z.object({ items: z.array(invitationSchema) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'members.manage');
    return { items: (await invitations.pending(actor.spaceId)).map(invitationView) };
  });

  app.post('/api/invitations', { schema: { tags, body: newInvitationSchema, response: { 201: createdInvitationSchema } } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'members.manage');
    const { invitation, token } = await rules.invite(actor, request.body);
    return reply.status(201).send({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expires_at.toISOString(),
      acceptUrl: `${consoleOrigin(context, request)}/invite?token=${encodeURIComponent(token)}`,
    });
  });

  app.delete('/api/invitations/:id', { schema: { tags, params: invitationIdParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'members.manage');
    await rules.revoke(actor, request.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/api/invitations/accept',
    { schema: { tags, body: z.object({ token }), response: { 200: meSchema } } },
    async (request) => {
      const actor = await context.guard.require(request);
      const spaceId = await rules.accept(actor, request.body.token);
      await context.sessions.setCurrentSpace(actor.session.id, spaceId);
      return describeMe(context, { ...actor.session, current_space_id: spaceId });
    },
  );

  // Public: the token is the credential. Someone with an account signs in and accepts instead.
  app.get('/api/invitations/preview', { schema: { tags, querystring: z.object({ token }), response: { 200: previewSchema } } }, async (request) =>
    signup.preview(request.query.token),
  );

  app.post('/api/invitations/register', { schema: { tags, body: registerSchema, response: { 200: meSchema } } }, async (request, reply) => {
    const { user, spaceId } = await signup.register({ ...request.body, ip: request.ip });
    const session = await openSession(context, request, reply, user.id);
    await context.sessions.setCurrentSpace(session.id, spaceId);
    return describeMe(context, { ...session, current_space_id: spaceId });
  });
}
