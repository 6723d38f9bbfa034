import { z } from 'zod';
import type { RunScope, ToolProvider, ToolRequest, ToolSpec } from './provider.js';
import { argumentsObject, describeCall, optionsOf, runCall, toolParameters, toolUnavailable, type ServiceToolsOptions } from './service-tools.js';

const MODEL_KINDS = ['image', 'speech', 'transcription', 'vision', 'chat'] as const;

/** What the hub puts in an AI tool reference: the aitools tool and the space's model of each kind (null: none). */
const optionsSchema = z.object({
  tool: z.string().min(1).max(64),
  models: z.partialRecord(z.enum(MODEL_KINDS), z.string().min(1).max(300).nullable()).default({}),
});

type Models = Partial<Record<(typeof MODEL_KINDS)[number], string>>;

interface ListedTool {
  name: string;
  description: string;
  inputSchema: unknown;
  available: boolean;
  message: string | null;
}

interface AitoolsBinding {
  tool: string;
  models: Models;
}

/** Image generation and speech take a while at some providers; AGENT_TOOL_TIMEOUT_MS still caps it. */
const RUN_TIMEOUT_MS = 180_000;

/** The kinds that name a model; aitools refuses nulls, and a kind left out means none. */
function namedModels(models: Partial<Record<string, string | null>>): Models {
  return Object.fromEntries(Object.entries(models).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Built-in AI tools of the aitools service (images, speech, OCR, translation ...), run with the space's models that
 * the hub chose. Requests naming the same models share one listing, so a run asks once for all of them.
 */
export function aitoolsProvider(service: ServiceToolsOptions): ToolProvider {
  async function listings(wanted: { request: ToolRequest; models: Models }[], scope: RunScope): Promise<Map<string, ListedTool[]>> {
    const keys = [...new Map(wanted.map((entry) => [JSON.stringify(entry.models), entry])).entries()];
    const listed = await Promise.all(
      keys.map(async ([key, entry]) => {
        try {
          const answer = await describeCall<{ tools: ListedTool[] }>(service, { method: 'GET', path: '/aitools/v1/tools', query: entry.models }, scope);
          return [key, answer.tools] as const;
        } catch (error) {
          throw toolUnavailable(entry.request, 'the AI tools service', error);
        }
      }),
    );
    return new Map(listed);
  }

  return {
    id: 'aitools',
    async listTools(requests, scope) {
      const wanted = requests.map((request) => {
        const options = optionsOf(optionsSchema, request);
        return { request, tool: options.tool, models: namedModels(options.models) };
      });
      const byModels = await listings(wanted, scope);
      return wanted.map(({ request, tool, models }): ToolSpec => {
        const tools = byModels.get(JSON.stringify(models)) ?? [];
        const found = tools.find((candidate) => candidate.name === tool);
        if (found === undefined) throw toolUnavailable(request, `the AI tool ${tool}`, `there is no such tool; AI tools: ${tools.map((candidate) => candidate.name).join(', ')}`);
        if (!found.available) throw toolUnavailable(request, `the AI tool ${tool}`, found.message ?? 'a model it needs is not configured');
        const binding: AitoolsBinding = { tool, models };
        return { name: request.name, description: found.description, parameters: toolParameters(found.inputSchema), timeoutMs: RUN_TIMEOUT_MS, binding };
      });
    },
    async runTool(_name, input, context, spec) {
      const { tool, models } = spec.binding as AitoolsBinding;
      const path = `/aitools/v1/tools/${encodeURIComponent(tool)}/run`;
      const answer = await runCall<{ outputs: unknown }>(service, { method: 'POST', path, body: { inputs: argumentsObject(input), models } }, context, RUN_TIMEOUT_MS);
      return answer.outputs;
    },
  };
}
