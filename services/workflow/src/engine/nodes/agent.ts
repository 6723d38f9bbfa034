import { NodeFailure, type AgentRunRequest, type NodeType } from '../node-type.js';
import { historyOf, type LlmParam } from './llm-support.js';
import { renderTemplate } from './template.js';

/** The agent node's nodeParam (packages/dsl nodes/agent.ts), as the original's agent node writes it. */
interface AgentParam extends LlmParam {
  modelConfig?: { agentStrategy?: number };
  instruction?: { reasoning?: string; answer?: string; query?: string };
  plugin?: { tools?: unknown[]; mcpServerIds?: string[]; mcpServerUrls?: string[]; workflowIds?: string[]; knowledge?: unknown[] };
  maxLoopCount?: number;
}

/** Tools the agent service has built in; the original's tool ids (link) and the rest come with later services. */
const BUILTIN_TOOLS = new Set(['current_time', 'calculator', 'web_reader']);

function toolsOf(aliasName: string, plugin: AgentParam['plugin'] = {}): AgentRunRequest['definition']['tools'] {
  const later = [
    [plugin.mcpServerIds?.length ?? 0, plugin.mcpServerUrls?.length ?? 0].some((count) => count > 0) ? 'MCP servers (the link service)' : null,
    (plugin.knowledge?.length ?? 0) > 0 ? 'knowledge bases' : null,
    (plugin.workflowIds?.length ?? 0) > 0 ? 'workflows as tools' : null,
  ].filter((item) => item !== null);
  const names = (plugin.tools ?? []).map((tool) => {
    if (typeof tool === 'string') return tool;
    const { name, tool_id: toolId } = (typeof tool === 'object' && tool !== null ? tool : {}) as { name?: unknown; tool_id?: unknown };
    return typeof name === 'string' ? name : typeof toolId === 'string' ? toolId : '(a tool without a name)';
  });
  const unknown = names.filter((name) => !BUILTIN_TOOLS.has(name));
  if (unknown.length > 0) later.unshift(`the tools ${unknown.join(', ')} (plugins from the link service)`);
  if (later.length > 0) throw new NodeFailure('agent_tool_unavailable', `${aliasName} uses ${later.join(', ')}, which agent nodes of this version cannot call yet; its built-in tools are ${[...BUILTIN_TOOLS].join(', ')}`);
  return names;
}

/**
 * agent: an agent strategy with tools, run by the agent service. instruction.reasoning and instruction.answer are
 * its instructions, instruction.query (with the node's inputs) the user's message; modelConfig.agentStrategy 1 asks
 * for ReAct (the original's only strategy), anything else lets the agent service choose; maxLoopCount bounds its steps.
 * The answer streams to the run's readers; outputs `output` and `REASONING_CONTENT` as the original's.
 */
export const agentNode: NodeType = {
  type: 'agent',
  async execute(context) {
    const { node, services } = context;
    const param = node.param as AgentParam;
    if (services.agent === undefined || services.modelEndpoint === undefined) throw new NodeFailure('agent_unavailable', `${node.aliasName} needs the agent service, which this process cannot reach`);
    if (typeof param.model !== 'string' || param.model === '') throw new NodeFailure('model_not_configured', `${node.aliasName} has no model; choose one of the space's models`);
    const tools = toolsOf(node.aliasName, param.plugin);
    const instructions = [param.instruction?.reasoning, param.instruction?.answer].map((part) => renderTemplate(part ?? '', context.inputs)).filter((part) => part.trim() !== '').join('\n\n');
    const query = renderTemplate(param.instruction?.query ?? '', context.inputs);
    if (query.trim() === '') throw new NodeFailure('agent_query_empty', `${node.aliasName} has nothing to ask: its query is empty`);
    const model = await services.modelEndpoint(context.run.spaceId, param.model);
    const result = await services.agent(
      context.run.spaceId,
      {
        model,
        definition: {
          instructions,
          tools,
          strategy: param.modelConfig?.agentStrategy === 1 ? 'react' : 'auto',
          maxSteps: Math.max(1, Math.min(100, Number(param.maxLoopCount ?? 8))),
          parameters: { ...(param.maxTokens === undefined ? {} : { maxTokens: param.maxTokens }), ...(param.temperature === undefined ? {} : { temperature: param.temperature }) },
        },
        messages: [...historyOf(context).map((turn) => ({ role: turn.role as 'user' | 'assistant', content: typeof turn.content === 'string' ? turn.content : '' })), { role: 'user', content: query }],
      },
      context.signal,
      context.emit,
    );
    return { outputs: { output: result.content, REASONING_CONTENT: result.reasoning, steps: result.steps }, usage: result.usage };
  },
};
