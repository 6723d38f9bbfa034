import { z } from 'zod';
import type { App } from '@astron/kit/http';
import { spaceOf, type TenantRoutesContext } from './context.js';
import {
  appChangesSchema,
  appIdParams,
  appSchema,
  appView,
  credentialSchema,
  credentialView,
  issuedCredentialSchema,
  newAppSchema,
} from './schemas.js';

const tags = ['apps'];

/** Apps and their credentials, for our own services (the hub) acting in a space. */
export function appRoutes(app: App, context: TenantRoutesContext): void {
  app.post('/apps', { schema: { tags, body: newAppSchema, response: { 201: appSchema } } }, async (request, reply) => {
    const created = await context.apps.create(spaceOf(request, context), request.body);
    return reply.status(201).send(appView(created));
  });

  app.get(
    '/apps',
    {
      schema: {
        tags,
        querystring: z.object({
          name: z.string().optional(),
          ids: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().optional(),
        }),
        response: { 200: z.object({ apps: z.array(appSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { name, ids, limit, cursor } = request.query;
      const page = await context.apps.list(spaceOf(request, context), {
        limit,
        ...(name === undefined ? {} : { name }),
        ...(ids === undefined ? {} : { ids: ids.split(',').filter(Boolean) }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return { apps: page.apps.map(appView), nextCursor: page.nextCursor };
    },
  );

  app.get('/apps/:appId', { schema: { tags, params: appIdParams, response: { 200: appSchema } } }, async (request) =>
    appView(await context.apps.get(spaceOf(request, context), request.params.appId)),
  );

  app.patch('/apps/:appId', { schema: { tags, params: appIdParams, body: appChangesSchema, response: { 200: appSchema } } }, async (request) =>
    appView(await context.apps.update(spaceOf(request, context), request.params.appId, request.body)),
  );

  app.post(
    '/apps/:appId/disable',
    { schema: { tags, params: appIdParams, body: z.object({ disabled: z.boolean() }), response: { 200: appSchema } } },
    async (request) => appView(await context.apps.setDisabled(spaceOf(request, context), request.params.appId, request.body.disabled)),
  );

  app.delete('/apps/:appId', { schema: { tags, params: appIdParams } }, async (request, reply) => {
    await context.apps.remove(spaceOf(request, context), request.params.appId);
    return reply.status(204).send();
  });

  app.post(
    '/apps/:appId/keys',
    {
      schema: {
        tags,
        params: appIdParams,
        body: z.object({ name: z.string().trim().min(1).max(128).optional() }).default({}),
        response: { 201: issuedCredentialSchema },
      },
    },
    async (request, reply) => {
      const issued = await context.credentials.issue(spaceOf(request, context), request.params.appId, request.body.name);
      return reply.status(201).send({ ...credentialView(issued), apiSecret: issued.apiSecret, bearerToken: issued.bearerToken });
    },
  );

  app.get(
    '/apps/:appId/keys',
    { schema: { tags, params: appIdParams, response: { 200: z.object({ keys: z.array(credentialSchema) }) } } },
    async (request) => ({ keys: (await context.credentials.list(spaceOf(request, context), request.params.appId)).map(credentialView) }),
  );

  app.delete(
    '/apps/:appId/keys/:apiKey',
    { schema: { tags, params: appIdParams.extend({ apiKey: z.string().min(1).max(128) }) } },
    async (request, reply) => {
      await context.credentials.revoke(spaceOf(request, context), request.params.appId, request.params.apiKey);
      return reply.status(204).send();
    },
  );
}
