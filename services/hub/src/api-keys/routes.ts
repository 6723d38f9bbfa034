import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { apiKeysDomain } from './api-keys.js';

const tags = ['api keys'];

const keyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdBy: z.object({ id: z.string(), email: z.string().nullable() }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const createdView = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), key: z.string() });

/** API keys of the session's space (docs/api/console-api.md, "API keys"). */
export function apiKeyRoutes(app: App, context: HubContext): void {
  const keys = apiKeysDomain(context);

  app.get('/api/api-keys', { schema: { tags, response: { 200: z.object({ items: z.array(keyView) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'apikeys.view');
    return { items: await keys.list(actor.spaceId) };
  });

  app.post(
    '/api/api-keys',
    { schema: { tags, body: z.object({ name: z.string().trim().min(1, 'must not be empty').max(128) }), response: { 201: createdView } } },
    async (request, reply) => {
      const actor = await context.guard.require(request, 'apikeys.manage');
      const created = await keys.create({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, ip: actor.ip }, request.body.name);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete('/api/api-keys/:id', { schema: { tags, params: z.object({ id: z.string().min(1).max(64) }) } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'apikeys.manage');
    await keys.revoke({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, ip: actor.ip }, request.params.id);
    return reply.status(204).send();
  });
}
