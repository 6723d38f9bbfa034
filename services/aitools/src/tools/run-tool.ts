import type { EgressClient } from '@astron/kit/egress';
import { badRequest, validationFailed } from '@astron/kit/errors';
import type { AitoolsLimits } from '../config.js';
import type { FileLinks, InputFile } from '../files/file-links.js';
import type { FileReader } from '../files/input-file.js';
import type { AitoolsModels, Caller } from '../models/resolver.js';
import { modelNotConfigured, type ModelChoice } from '../models/slots.js';
import type { AiTool, ToolResult } from './define-tool.js';

export interface ToolServices {
  models: AitoolsModels;
  files: FileLinks;
  reader: FileReader;
  egress: EgressClient;
  limits: AitoolsLimits;
}

export interface RunRequest {
  inputs: unknown;
  models: ModelChoice;
  upload: InputFile | null;
}

function parsedInputs(tool: AiTool<unknown, unknown>, inputs: unknown): unknown {
  const result = tool.inputSchema.safeParse(inputs ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ field: ['inputs', ...issue.path.map(String)].join('.'), message: issue.message }));
  throw validationFailed(`${tool.name}: ${details.map((item) => `${item.field}: ${item.message}`).join('; ')}`, details);
}

/**
 * Runs a tool for a caller: its inputs checked against its schema, an upload only where it takes one, and every
 * model it requires named before anything is fetched or generated.
 */
export async function runTool(tool: AiTool<unknown, unknown>, request: RunRequest, caller: Caller, services: ToolServices, signal: AbortSignal): Promise<ToolResult<unknown>> {
  const input = parsedInputs(tool, request.inputs);
  if (request.upload !== null && tool.upload === undefined) {
    throw badRequest(`${tool.name} takes no file: send its inputs as JSON`, undefined, 'upload_not_accepted');
  }
  for (const slot of tool.models.required) if (request.models[slot] === undefined) throw modelNotConfigured(tool.name, slot);
  return tool.run(input, {
    caller,
    signal,
    async model(slot) {
      const reference = request.models[slot];
      if (reference === undefined) throw modelNotConfigured(tool.name, slot);
      return services.models.endpoint(caller, reference);
    },
    upload: request.upload,
    readFile: (url) => services.reader.read(caller.spaceId, url, signal),
    egress: services.egress,
    files: services.files,
    limits: services.limits,
  });
}
