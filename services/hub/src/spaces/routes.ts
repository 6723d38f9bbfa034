import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { spaceLifecycle } from './lifecycle.js';
import { memberRules } from './members.js';
import { memberSchema, memberView, roleSchema, spaceName, spaceSchema, userIdParams } from './schemas.js';

const tags = ['spaces'];

/** Team spaces and their members. The space acted on is always the session's current space. */
export function spaceRoutes(app: App, context: HubContext): void {
  const lifecycle = spaceLifecycle(context.spaces, context.audit, context.tenant);
  const members = memberRules(context.spaces, context.audit);

  app.post('/api/spaces', { schema: { tags, body: z.object({ name: spaceName }), response: { 201: spaceSchema } } }, async (request, reply) => {
    const actor = await context.guard.require(request);
    const who = { id: actor.user.id, email: actor.user.email };
    const space = await lifecycle.create({ name: request.body.name, ownerId: actor.user.id, actor: who, ip: actor.ip });
    await context.sessions.setCurrentSpace(actor.session.id, space.id);
    return reply.status(201).send(space);
  });

  app.patch('/api/space', { schema: { tags, body: z.object({ name: spaceName }), response: { 200: spaceSchema } } }, async (request) => {
    const actor = await context.guard.require(request, 'space.update');
    return lifecycle.rename(actor, request.body.name);
  });

  app.delete('/api/space', { schema: { tags } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'space.delete');
    await lifecycle.remove(actor);
    return reply.status(204).send();
  });

  app.get('/api/members', { schema: { tags, response: { 200: z.object({ items: z.array(memberSchema) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'members.view');
    return { items: (await context.spaces.members(actor.spaceId)).map(memberView) };
  });

  app.patch(
    '/api/members/:userId',
    { schema: { tags, params: userIdParams, body: z.object({ role: roleSchema }), response: { 200: memberSchema } } },
    async (request) => {
      const actor = await context.guard.require(request, 'members.manage');
      return memberView(await members.changeRole(actor, request.params.userId, request.body.role));
    },
  );

  app.delete('/api/members/:userId', { schema: { tags, params: userIdParams } }, async (request, reply) => {
    // Leaving needs no permission, so the check is in memberRules.remove.
    const actor = await context.guard.require(request);
    await members.remove(actor, request.params.userId);
    return reply.status(204).send();
  });
}
