import { notFound } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { missingModelMessage, modelChoiceSchema, type ModelChoice, type ModelSlot } from '../models/slots.js';
import type { AiTool } from '../tools/define-tool.js';
import { findTool, tools } from '../tools/registry.js';
import { runTool, type ToolServices } from '../tools/run-tool.js';
import { callerOf, clientGone } from './context.js';
import { readRunRequest } from './run-request.js';

export interface ToolRoutesDependencies {
  serviceToken: string;
  services: ToolServices;
}

const tags = ['tools'];

/** The schemas of a tool as JSON Schema: inputs as a caller writes them (defaults optional), outputs as they come. */
function schemasOf(tool: AiTool<unknown, unknown>) {
  return { inputSchema: z.toJSONSchema(tool.inputSchema, { io: 'input' }), outputSchema: z.toJSONSchema(tool.outputSchema, { io: 'output' }) };
}

const schemas = new Map(tools.map((tool) => [tool.name, schemasOf(tool)]));

function missing(slots: ModelSlot[], models: ModelChoice) {
  return slots.filter((slot) => models[slot] === undefined).map((slot) => ({ slot, message: missingModelMessage(slot) }));
}

/** A tool as listed: what it does, its schemas, the models it needs and whether the call's models make it usable. */
function listed(tool: AiTool<unknown, unknown>, models: ModelChoice) {
  const missingRequired = missing(tool.models.required, models);
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    ...schemas.get(tool.name),
    upload: tool.upload === undefined ? null : { field: 'file', replaces: tool.upload.replaces, accepts: tool.upload.accepts },
    models: tool.models,
    available: missingRequired.length === 0,
    message: missingRequired.length === 0 ? null : missingRequired.map((item) => item.message).join('; '),
    missingModels: [...missingRequired.map((item) => ({ ...item, required: true })), ...missing(tool.models.optional, models).map((item) => ({ ...item, required: false }))],
  };
}

export function toolRoutes(app: App, dependencies: ToolRoutesDependencies): void {
  const { serviceToken, services } = dependencies;

  /** The space's models come as query parameters, one per kind (`?image=p1/gpt-image-1&chat=p1/gpt-4o-mini`). */
  app.get('/aitools/v1/tools', { schema: { tags, querystring: modelChoiceSchema } }, async (request) => {
    return { tools: tools.map((tool) => listed(tool, request.query)) };
  });

  app.post('/aitools/v1/tools/:name/run', { schema: { tags, params: z.object({ name: z.string().min(1).max(64) }) } }, async (request, reply) => {
    const caller = callerOf(request, serviceToken);
    const tool = findTool(request.params.name);
    if (tool === undefined) throw notFound('tool', request.params.name);
    const run = await readRunRequest(request, services.limits.maxFileBytes);
    const result = await runTool(tool, run, caller, services, clientGone(reply));
    return { tool: tool.name, outputs: result.outputs, ...(result.usage === undefined ? {} : { usage: result.usage }) };
  });
}
