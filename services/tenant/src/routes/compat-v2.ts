import type { FastifyRequest } from 'fastify';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import type { AppRecord } from '../store/apps-store.js';
import { spaceOf, type TenantRoutesContext } from './context.js';

/**
 * The original core-tenant's /v2 API, for clients written against it: same paths, request fields and
 * `{sid, code: 0, message, data}` envelope on success. Differences (docs/decisions/0003-tenant-v2-compat.md):
 * errors use our `{code, message}` body with a real HTTP status; the space comes from the service token;
 * listing keys never returns their secrets.
 */
const tags = ['v2 (astron-agent compatible)'];

function envelope(request: FastifyRequest, data: unknown) {
  return { sid: String(request.id), code: 0, message: 'success', data };
}

function appData(app: AppRecord) {
  return {
    appid: app.id,
    name: app.name,
    dev_id: app.devId ?? 0,
    cloud_id: app.cloudId ?? '',
    source: app.source,
    is_disable: app.disabled,
    desc: app.description,
    create_time: app.createdAt.toISOString().replace('T', ' ').slice(0, 19),
  };
}

const requestId = z.string().min(1, 'request_id must not be empty');
const appId = z.string().min(1, 'app_id must not be empty').max(64);

export function compatV2Routes(app: App, context: TenantRoutesContext): void {
  app.post(
    '/v2/app',
    {
      schema: {
        tags,
        body: z.object({
          request_id: requestId,
          app_name: z.string().trim().min(1, 'app_name must not be empty').max(128),
          app_desc: z.string().max(512).optional(),
          dev_id: z.number().int().positive('dev_id must be more than zero'),
          cloud_id: z.string().min(1, 'cloud_id must not be empty').max(128),
        }),
      },
    },
    async (request) => {
      const { app_name, app_desc, dev_id, cloud_id } = request.body;
      const source = request.headers['x-consumer-username'];
      const created = await context.apps.create(spaceOf(request, context), {
        name: app_name,
        devId: dev_id,
        cloudId: cloud_id,
        ...(app_desc === undefined ? {} : { description: app_desc }),
        ...(typeof source === 'string' && source !== '' ? { source } : {}),
      });
      return envelope(request, appData(created));
    },
  );

  app.put(
    '/v2/app',
    {
      schema: {
        tags,
        body: z.object({ request_id: requestId, app_id: appId, app_name: z.string().trim().min(1).max(128).optional(), cloud_id: z.string().max(128).optional(), app_desc: z.string().max(512).optional() }),
      },
    },
    async (request) => {
      const { app_id, app_name, cloud_id, app_desc } = request.body;
      await context.apps.update(spaceOf(request, context), app_id, {
        ...(app_name === undefined ? {} : { name: app_name }),
        ...(cloud_id === undefined ? {} : { cloudId: cloud_id }),
        ...(app_desc === undefined ? {} : { description: app_desc }),
      });
      return envelope(request, null);
    },
  );

  app.get(
    '/v2/app/list',
    {
      schema: {
        tags,
        querystring: z
          .object({ name: z.string().optional(), app_ids: z.string().optional() })
          .refine((query) => Boolean(query.name) || Boolean(query.app_ids), 'name or app_ids param must have at least one'),
      },
    },
    async (request) => {
      const { name, app_ids } = request.query;
      const page = await context.apps.list(spaceOf(request, context), {
        limit: 200,
        ...(name ? { name } : {}),
        ...(app_ids ? { ids: app_ids.split(',').filter(Boolean) } : {}),
      });
      return envelope(request, page.apps.map(appData));
    },
  );

  app.get('/v2/app/details', { schema: { tags, querystring: z.object({ app_id: appId }) } }, async (request) =>
    envelope(request, appData(await context.apps.get(spaceOf(request, context), request.query.app_id))),
  );

  app.post('/v2/app/disable', { schema: { tags, body: z.object({ request_id: requestId, app_id: appId, disable: z.boolean() }) } }, async (request) => {
    await context.apps.setDisabled(spaceOf(request, context), request.body.app_id, request.body.disable);
    return envelope(request, null);
  });

  app.delete('/v2/app', { schema: { tags, body: z.object({ request_id: requestId, app_id: appId }) } }, async (request) => {
    await context.apps.remove(spaceOf(request, context), request.body.app_id);
    return envelope(request, null);
  });

  app.post('/v2/app/key', { schema: { tags, body: z.object({ request_id: requestId, app_id: appId }) } }, async (request) => {
    const issued = await context.credentials.issue(spaceOf(request, context), request.body.app_id, undefined);
    return envelope(request, { api_key: issued.apiKey, api_secret: issued.apiSecret });
  });

  app.delete(
    '/v2/app/key',
    { schema: { tags, body: z.object({ request_id: requestId, app_id: appId, api_key: z.string().min(1, 'api_key must not be empty') }) } },
    async (request) => {
      await context.credentials.revoke(spaceOf(request, context), request.body.app_id, request.body.api_key);
      return envelope(request, null);
    },
  );

  app.get('/v2/app/key/:app_id', { schema: { tags, params: z.object({ app_id: appId }) } }, async (request) => {
    const keys = await context.credentials.list(spaceOf(request, context), request.params.app_id);
    return envelope(
      request,
      keys.filter((key) => key.revokedAt === null).map((key) => ({ api_key: key.apiKey })),
    );
  });
}
