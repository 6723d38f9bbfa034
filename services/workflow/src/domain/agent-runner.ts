import { AppError } from '@astron/kit/errors';
import { createServiceClient, readEventStream } from '@astron/kit/service-client';
import type { ModelEndpoint } from '@astron/llm';
import type { ActingFor, AgentRunRequest, AgentRunResult, AgentRunner } from '../engine/node-type.js';
import { actingFor } from './acting-for.js';

interface Chunk {
  choices?: { delta?: { content?: string | null; reasoning_content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  astron_step?: unknown;
  error?: { message?: string; code?: string; status?: number };
}

/**
 * Agent nodes run their agent in the agent service (AGENT_URL, read at each call), streamed, as the hub's debug
 * chat does: the node's settings are the agent's definition, the model endpoint is resolved through the hub by the
 * caller, and the agent keeps no memory of its own (the workflow passes the conversation it has).
 */
export function agentServiceRunner(options: { agentUrl: () => string; serviceToken: string; timeoutMs: number }): AgentRunner {
  return async (on: ActingFor, request: AgentRunRequest & { model: ModelEndpoint }, signal: AbortSignal, onDelta): Promise<AgentRunResult> => {
    const client = createServiceClient({ baseUrl: options.agentUrl(), serviceToken: options.serviceToken, caller: 'workflow', timeoutMs: options.timeoutMs });
    const body = { definition: { ...request.definition, memory: { enabled: false } }, model: request.model, messages: request.messages, stream: true };
    // For the run's owner: the agent's tools (a workflow, a user's rows) act for them as the run's own nodes do.
    const response = await client.open('POST', '/agents/runs', { body, on: actingFor(on), signal, headers: { accept: 'text/event-stream' } });
    const result: AgentRunResult = { content: '', reasoning: '', steps: [], usage: { promptTokens: 0, completionTokens: 0 } };
    if (response.body === null) throw new AppError({ code: 'agent_error', status: 502, message: 'the agent service answered without a body' });
    for await (const event of readEventStream(response.body)) {
      if (event.data === '[DONE]') break;
      const chunk = JSON.parse(event.data) as Chunk;
      if (chunk.error !== undefined) {
        throw new AppError({ code: chunk.error.code ?? 'agent_error', status: chunk.error.status ?? 502, message: `the agent failed: ${chunk.error.message ?? 'no reason given'}` });
      }
      if (chunk.astron_step !== undefined) result.steps.push(chunk.astron_step);
      if (chunk.usage !== undefined) result.usage = { promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 };
      const delta = chunk.choices?.[0]?.delta;
      if (typeof delta?.content === 'string' && delta.content !== '') {
        result.content += delta.content;
        onDelta({ content: delta.content });
      }
      if (typeof delta?.reasoning_content === 'string' && delta.reasoning_content !== '') {
        result.reasoning += delta.reasoning_content;
        onDelta({ reasoning: delta.reasoning_content });
      }
    }
    return result;
  };
}
