import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import type { Actor } from '../auth/guard.js';
import { providersDomain, type Acting } from './providers.js';
import { defaultsSchema, defaultsView, newProviderSchema, providerChangesSchema, providerIdParams, providerView, testResultView } from './schemas.js';

const tags = ['providers'];

const acting = (actor: Actor): Acting => ({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, ip: actor.ip });

/** Model providers of the session's space (docs/api/console-api.md, "Model providers"). */
export function providerRoutes(app: App, context: HubContext): void {
  const providers = providersDomain(context);

  app.get('/api/providers', { schema: { tags, response: { 200: z.object({ items: z.array(providerView), defaults: defaultsView }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'providers.view');
    return providers.list(actor.spaceId);
  });

  app.post('/api/providers', { schema: { tags, body: newProviderSchema, response: { 201: providerView } } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'providers.manage');
    return reply.status(201).send(await providers.create(acting(actor), request.body));
  });

  app.put('/api/providers/defaults', { schema: { tags, body: defaultsSchema, response: { 200: defaultsView } } }, async (request) => {
    const actor = await context.guard.require(request, 'providers.manage');
    return providers.defaults.set(acting(actor), request.body);
  });

  app.get('/api/providers/:id', { schema: { tags, params: providerIdParams, response: { 200: providerView } } }, async (request) => {
    const actor = await context.guard.require(request, 'providers.view');
    return providers.get(actor.spaceId, request.params.id);
  });

  app.patch('/api/providers/:id', { schema: { tags, params: providerIdParams, body: providerChangesSchema, response: { 200: providerView } } }, async (request) => {
    const actor = await context.guard.require(request, 'providers.manage');
    return providers.update(acting(actor), request.params.id, request.body);
  });

  app.delete('/api/providers/:id', { schema: { tags, params: providerIdParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'providers.manage');
    await providers.remove(acting(actor), request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/providers/:id/test', { schema: { tags, params: providerIdParams, response: { 200: testResultView } } }, async (request) => {
    const actor = await context.guard.require(request, 'providers.manage');
    return providers.test(actor.spaceId, request.params.id);
  });

  app.post('/api/providers/:id/models/refresh', { schema: { tags, params: providerIdParams, response: { 200: providerView } } }, async (request) => {
    const actor = await context.guard.require(request, 'providers.manage');
    return providers.refreshModels(acting(actor), request.params.id);
  });
}
