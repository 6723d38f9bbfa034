import type { FastifyRequest } from 'fastify';
import { badRequest } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { contentOf } from '../../domain/tools/tool-sets.js';
import { callerOf, type LinkRoutesContext } from '../context.js';
import { decodeBase64, parseCompat, replyManagement } from './envelope.js';

/** The version the original gives every tool it creates (const.DEF_VER). */
export const FIRST_VERSION = 'V1.0';

const tags = ['compatible: core-link tools'];
const toolId = z.string().max(32).regex(/^tool@[0-9a-zA-Z]+$/, 'must match ^tool@[0-9a-zA-Z]+$');
const header = z.looseObject({ app_id: z.string().min(1).max(32) });
const document = { schema_type: z.union([z.literal(0), z.literal(1)]), openapi_schema: z.string().min(1) };

const createBody = z.looseObject({
  header,
  payload: z.looseObject({
    tools: z.array(z.looseObject({ name: z.string().min(1).max(128), description: z.string().min(1).max(512), ...document })).min(1).max(6),
  }),
});

const updateItem = z.looseObject({
  id: toolId,
  version: z
    .string()
    .min(1)
    .max(64)
    .refine((label) => label !== 'draft' && label !== 'latest', 'cannot be "draft" or "latest": those name the draft and the newest version')
    .optional(),
  name: z.string().min(1).max(128).optional(),
  description: z.string().min(1).max(512).optional(),
  schema_type: document.schema_type.optional(),
  openapi_schema: document.openapi_schema.optional(),
});
const updateBody = z.looseObject({ header, payload: z.looseObject({ tools: z.array(updateItem).min(1).max(6) }) });

const list = z.preprocess((value): unknown[] => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]), z.array(z.string()));
const readQuery = z.looseObject({ app_id: z.string().optional(), tool_ids: list.pipe(z.array(toolId).min(1).max(6)), versions: list });

const decodeDocument = (base64: string) => ({ text: decodeBase64(base64, 'openapi_schema', 'document') });

/**
 * The original core-link's tool management: `/api/v1/tools/versions` (create at V1.0, add a version, read, delete)
 * and the deprecated `/api/v1/tools`. A tool is a tool set of ours; a version of theirs is a published version here.
 */
export function compatToolRoutes(app: App, context: LinkRoutesContext): void {
  const { toolSets } = context;

  /** Checks every document first, so a bad one in the batch stores nothing. */
  async function createAll(request: FastifyRequest) {
    const { spaceId, actor } = callerOf(request, context);
    const body = parseCompat(createBody, request.body);
    const imported = await Promise.all(body.payload.tools.map((tool) => toolSets.read(decodeDocument(tool.openapi_schema))));
    const created = [];
    for (const [index, tool] of body.payload.tools.entries()) {
      const record = await toolSets.createFrom(spaceId, actor, imported[index]!, { name: tool.name, description: tool.description, appId: body.header.app_id });
      await toolSets.publish(spaceId, record.id, actor, FIRST_VERSION);
      created.push({ name: record.name, id: record.id, version: FIRST_VERSION });
    }
    return created;
  }

  /** Each tool's draft is set from the given fields (the rest kept) and published as `label(item)`. */
  async function updateAll(request: FastifyRequest, label: (item: z.output<typeof updateItem>) => string | null) {
    const { spaceId, actor } = callerOf(request, context);
    const body = parseCompat(updateBody, request.body);
    const prepared = await Promise.all(
      body.payload.tools.map(async (item) => {
        await toolSets.find(spaceId, item.id);
        const imported = item.openapi_schema === undefined ? null : await toolSets.read(decodeDocument(item.openapi_schema));
        return { item, patch: imported === null ? {} : contentOf(imported, {}, undefined) };
      }),
    );
    for (const { item, patch } of prepared) {
      const names = { ...(item.name === undefined ? {} : { name: item.name }), ...(item.description === undefined ? {} : { description: item.description }) };
      const current = await toolSets.find(spaceId, item.id);
      await toolSets.replaceAndPublish(spaceId, item.id, actor, { ...patch, name: names.name ?? current.name, description: names.description ?? current.description }, label(item));
    }
  }

  const schemaText = (document: Record<string, unknown>) => JSON.stringify(document);

  app.post('/api/v1/tools/versions', { schema: { tags } }, (request, reply) => replyManagement(reply, async () => ({ tools: await createAll(request) })));

  app.put('/api/v1/tools/versions', { schema: { tags } }, (request, reply) =>
    replyManagement(reply, async () => {
      await updateAll(request, (item) => item.version ?? null);
      return { result: 'Success' };
    }),
  );

  app.get('/api/v1/tools/versions', { schema: { tags } }, (request, reply) =>
    replyManagement(reply, async () => {
      const { spaceId } = callerOf(request, context);
      const query = parseCompat(readQuery, request.query);
      if (query.versions.length !== query.tool_ids.length) throw badRequest(`tool_ids (${query.tool_ids.length}) and versions (${query.versions.length}) must pair up`, undefined, 'validation_failed');
      const tools = [];
      for (const [index, id] of query.tool_ids.entries()) {
        const version = await toolSets.version(spaceId, id, query.versions[index] ?? '');
        tools.push({ name: version.name, description: version.description, id, schema: schemaText(version.document), version: version.version });
      }
      return { tools };
    }),
  );

  app.delete('/api/v1/tools/versions', { schema: { tags } }, (request, reply) =>
    replyManagement(reply, async () => {
      const { spaceId } = callerOf(request, context);
      const query = parseCompat(readQuery, request.query);
      for (const [index, id] of query.tool_ids.entries()) {
        const version = query.versions[index];
        // As the original: deleting what is already gone succeeds.
        await (version === undefined || version === '' ? toolSets.remove(spaceId, id) : toolSets.removeVersion(spaceId, id, version)).catch((error: { status?: number }) => {
          if (error.status !== 404) throw error;
        });
      }
      return { result: 'Success' };
    }),
  );

  app.post('/api/v1/tools', { schema: { tags, deprecated: true } }, (request, reply) =>
    replyManagement(reply, async () => ({ tools: (await createAll(request)).map(({ name, id }) => ({ name, id })) })),
  );

  app.put('/api/v1/tools', { schema: { tags, deprecated: true } }, (request, reply) =>
    replyManagement(reply, async () => {
      // The original rewrote V1.0 in place; versions here never change, so the update is the next version.
      await updateAll(request, () => null);
      return {};
    }),
  );

  app.get('/api/v1/tools', { schema: { tags, deprecated: true } }, (request, reply) =>
    replyManagement(reply, async () => {
      const { spaceId } = callerOf(request, context);
      const query = parseCompat(readQuery, request.query);
      const tools = [];
      for (const id of query.tool_ids) {
        const latest = await toolSets.latest(spaceId, id);
        tools.push({ name: latest.name, description: latest.description, id, schema: schemaText(latest.document) });
      }
      return { tools };
    }),
  );

  app.delete('/api/v1/tools', { schema: { tags, deprecated: true } }, (request, reply) =>
    replyManagement(reply, async () => {
      const { spaceId } = callerOf(request, context);
      for (const id of parseCompat(readQuery, request.query).tool_ids) await toolSets.remove(spaceId, id);
      return {};
    }),
  );
}
