import { isAppError } from '@astron/kit/errors';
import { createServiceClient } from '@astron/kit/service-client';
import { z } from 'zod';
import type { ToolContext } from './define-tool.js';
import type { RunScope, ToolProvider, ToolRequest, ToolSpec } from './provider.js';
import { argumentsObject, describeCall, optionsOf, toolParameters, toolUnavailable, type ServiceToolsOptions } from './service-tools.js';

/**
 * What the hub puts in an RPA tool reference: the robot (a project on the RPA platform) as the agent's author
 * described it, and the space's platform token, null when the space has none.
 */
const optionsSchema = z.object({
  projectId: z.string().min(1).max(200),
  description: z.string().max(2_000).default(''),
  parameters: z.record(z.string(), z.unknown()).default({ type: 'object', properties: {} }),
  token: z.string().min(1).max(4_096).nullable(),
});

/** The robot this tool runs and the token it runs with: per run, never shown to the model. */
interface RpaBinding {
  projectId: string;
  token: string;
}

/** The rpa service's tool output (services/rpa/README.md, "Tool output"). */
interface ToolOutput {
  status: string;
  data: unknown;
  error: { reason: string; message: string; retryable: boolean } | null;
}

/**
 * A robot may run for minutes (the rpa service gives up after XIAOWU_RPA_TIMEOUT, 300 s by default); the HTTP call
 * waits a little longer so the service's own timeout answer arrives. AGENT_TOOL_TIMEOUT_MS still caps it.
 */
const RUN_TIMEOUT_MS = 330_000;

function descriptionOf(projectId: string, description: string): string {
  const about = description.trim() === '' ? `Runs the RPA robot ${projectId}.` : description.trim();
  return `${about}\n(An RPA robot: it works in real applications and may take minutes; its result is the robot's output data.)`;
}

/** The robot's data when it completed; otherwise an error the model reads, saying whether trying again may help. */
function resultOf(projectId: string, output: ToolOutput): unknown {
  if (output.status === 'completed') return output.data;
  const error = output.error ?? { reason: output.status, message: `the task ended ${output.status}`, retryable: false };
  const again = error.retryable ? ' Running it again may work.' : '';
  throw new Error(`the RPA robot ${projectId} did not complete (${error.reason}): ${error.message}.${again}`);
}

/**
 * RPA robots run by the rpa service on the RPA platform, with the space's platform token the hub hands to each run.
 * The run's start asks the rpa service whether a platform is configured (without probing it, so a run does not
 * wait on the platform); a robot whose space has no token, or whose service cannot run robots, refuses the run.
 */
export function rpaProvider(service: ServiceToolsOptions): ToolProvider {
  /** One status call for all of a run's robots; a refusal names the first, as the run cannot use any of them. */
  async function checkService(first: ToolRequest, projectId: string, scope: RunScope): Promise<void> {
    const what = `the RPA robot ${projectId}`;
    let status: { configured: boolean; message: string | null };
    try {
      status = await describeCall(service, { method: 'GET', path: '/rpa/v1/status', query: { probe: 'false' } }, scope);
    } catch (error) {
      throw toolUnavailable(first, what, error);
    }
    if (!status.configured) throw toolUnavailable(first, what, status.message ?? 'no RPA platform is configured');
  }

  async function run(binding: RpaBinding, input: unknown, context: ToolContext): Promise<ToolOutput> {
    const client = createServiceClient({ baseUrl: service.url(), serviceToken: service.serviceToken, caller: 'agent', timeoutMs: RUN_TIMEOUT_MS });
    const body = { project_id: binding.projectId, params: argumentsObject(input), ...(context.conversationId === '' ? {} : { sid: context.conversationId }) };
    try {
      const response = await client.open('POST', '/rpa/v1/tasks/run', {
        body,
        // The platform token has its own header: Authorization carries our service token.
        headers: { 'x-rpa-authorization': `Bearer ${binding.token}` },
        on: { space: context.spaceId, ...context.caller },
        signal: context.signal,
      });
      return (await response.json()) as ToolOutput;
    } catch (error) {
      if (isAppError(error)) throw new Error(`${error.message} (${error.code})`, { cause: error });
      throw error;
    }
  }

  return {
    id: 'rpa',
    async listTools(requests, scope) {
      const wanted = requests.map((request) => ({ request, options: optionsOf(optionsSchema, request) }));
      const missing = wanted.find(({ options }) => options.token === null);
      if (missing !== undefined) {
        throw toolUnavailable(missing.request, `the RPA robot ${missing.options.projectId}`, 'this space has no RPA platform token; set it in Plugins, RPA');
      }
      const [first] = wanted;
      if (first !== undefined) await checkService(first.request, first.options.projectId, scope);
      return wanted.map(({ request, options }): ToolSpec => {
        const binding: RpaBinding = { projectId: options.projectId, token: options.token as string };
        return { name: request.name, description: descriptionOf(options.projectId, options.description), parameters: toolParameters(options.parameters), timeoutMs: RUN_TIMEOUT_MS, binding };
      });
    },
    async runTool(_name, input, context, spec) {
      const binding = spec.binding as RpaBinding;
      return resultOf(binding.projectId, await run(binding, input, context));
    },
  };
}
