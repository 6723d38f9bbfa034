import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { Actor } from '../auth/guard.js';
import type { HubContext } from '../context.js';
import {
  createWorkflowSchema,
  exportFileView,
  importRequestSchema,
  importWarningView,
  problemView,
  versionView,
  workflowChangesSchema,
  workflowIdParams,
  workflowSummaryView,
  workflowView,
} from './schemas.js';
import { workflowsDomain, type WorkflowActing } from './workflows.js';

const tags = ['workflows'];

const acting = (actor: Actor): WorkflowActing => ({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, ip: actor.ip });

/** Workflows of the session's space: drafts, validation, versions, import and export (docs/api/console-api.md, "Workflows"). */
export function workflowConsoleRoutes(app: App, context: HubContext): void {
  const workflows = workflowsDomain(context);

  app.get('/api/workflows', { schema: { tags, response: { 200: z.object({ items: z.array(workflowSummaryView) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return { items: await workflows.list(actor.spaceId) };
  });

  app.post('/api/workflows', { schema: { tags, body: createWorkflowSchema, response: { 201: workflowView } } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return reply.status(201).send(await workflows.create(acting(actor), request.body));
  });

  app.post(
    '/api/workflows/import',
    { schema: { tags, body: importRequestSchema, response: { 201: z.object({ workflow: workflowView, warnings: z.array(importWarningView) }) } } },
    async (request, reply) => {
      const actor = await context.guard.require(request, 'resources.edit');
      return reply.status(201).send(await workflows.importFile(acting(actor), request.body.file, request.body.alias));
    },
  );

  app.get('/api/workflows/:id', { schema: { tags, params: workflowIdParams, response: { 200: workflowView } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return workflows.get(actor.spaceId, request.params.id);
  });

  app.patch('/api/workflows/:id', { schema: { tags, params: workflowIdParams, body: workflowChangesSchema, response: { 200: workflowView } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return workflows.update(acting(actor), request.params.id, request.body);
  });

  app.delete('/api/workflows/:id', { schema: { tags, params: workflowIdParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await workflows.remove(acting(actor), request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/workflows/:id/validate', { schema: { tags, params: workflowIdParams, response: { 200: z.object({ problems: z.array(problemView) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return { problems: await workflows.validate(actor.spaceId, request.params.id) };
  });

  app.post('/api/workflows/:id/publish', { schema: { tags, params: workflowIdParams, response: { 200: z.object({ version: z.number(), publishedAt: z.string() }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return workflows.publish(acting(actor), request.params.id);
  });

  app.get('/api/workflows/:id/versions', { schema: { tags, params: workflowIdParams, response: { 200: z.object({ items: z.array(versionView) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return { items: await workflows.versions(actor.spaceId, request.params.id) };
  });

  app.post(
    '/api/workflows/:id/rollback',
    { schema: { tags, params: workflowIdParams, body: z.object({ version: z.number().int().min(1) }), response: { 200: workflowView } } },
    async (request) => {
      const actor = await context.guard.require(request, 'resources.edit');
      return workflows.rollback(acting(actor), request.params.id, request.body.version);
    },
  );

  app.get('/api/workflows/:id/export', { schema: { tags, params: workflowIdParams, response: { 200: exportFileView } } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.view');
    const file = await workflows.exportFile(actor.spaceId, request.params.id);
    const name = file.name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 64) || 'workflow';
    return reply.header('content-disposition', `attachment; filename="${name}.workflow.json"`).send(file);
  });
}
