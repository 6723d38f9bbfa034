import { uniqueToolName } from '@astron/llm';
import { subflowReferences } from '@astron/dsl';
import type { WorkflowDocument } from '../graph.js';
import { NodeFailure, type AgentRunRequest, type NodeType, type PublishedWorkflow } from '../node-type.js';
import { historyOf, type LlmParam } from './llm-support.js';
import { renderTemplate } from './template.js';

/** One of plugin.knowledge, as the original's agent node writes it (packages/dsl nodes/agent.ts). */
interface KnowledgeParam {
  name?: unknown;
  description?: unknown;
  topK?: unknown;
  match?: { repoIds?: unknown; docIds?: unknown };
}

/** The agent node's nodeParam (packages/dsl nodes/agent.ts), as the original's agent node writes it. */
interface AgentParam extends LlmParam {
  modelConfig?: { agentStrategy?: number };
  instruction?: { reasoning?: string; answer?: string; query?: string };
  plugin?: { tools?: unknown[]; mcpServerIds?: string[]; mcpServerUrls?: string[]; workflowIds?: string[]; knowledge?: KnowledgeParam[] };
  maxLoopCount?: number;
}

type ToolReference = AgentRunRequest['definition']['tools'][number];

const TOOL_ID = /^tool@/;
const isIds = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '');
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');


/**
 * plugin.tools: a built-in tool by name; a link tool id (`tool@…`, or the original's `{tool_id, version}`) offers
 * every operation of the tool set; ours, `{toolId, operationId, version?}`, one operation. No version: the latest published.
 */
function pluginTool(tool: unknown, index: number, name: (wanted: string) => string, aliasName: string): ToolReference {
  if (typeof tool === 'string' && !TOOL_ID.test(tool)) return tool;
  const fields = (typeof tool === 'object' && tool !== null ? tool : { toolId: tool }) as Record<string, unknown>;
  const toolId = text(fields.toolId ?? fields.tool_id);
  if (!TOOL_ID.test(toolId)) throw new NodeFailure('agent_tool_invalid', `${aliasName}: plugin.tools[${index}] names no tool; give a built-in tool's name, a tool id (tool@…) or {toolId, operationId, version}`);
  const operationId = text(fields.operationId);
  const version = text(fields.version);
  return {
    name: name(operationId || `tool_${toolId.slice(5, 13)}`),
    provider: 'link',
    options: { toolId, ...(operationId === '' ? {} : { operationId }), ...(version === '' || version === 'latest' ? {} : { version }) },
  };
}

/** plugin.knowledge: each entry one search tool over its bases (match.repoIds), kept to match.docIds when given. */
function knowledgeTool(entry: KnowledgeParam, index: number, name: (wanted: string) => string, aliasName: string): ToolReference {
  if (!isIds(entry.match?.repoIds)) throw new NodeFailure('agent_tool_invalid', `${aliasName}: plugin.knowledge[${index}].match.repoIds must list the knowledge bases to search`);
  const title = text(entry.name) || `knowledge ${index + 1}`;
  const about = text(entry.description);
  const description = `Searches the knowledge base "${title}"${about === '' ? '' : `: ${about}`}. Use it before answering questions it may cover, and cite the passages you use as [n].`;
  return {
    name: name(`knowledge_${title.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || index + 1}`),
    provider: 'knowledge',
    options: {
      kbIds: entry.match.repoIds,
      description: description.slice(0, 2_000),
      ...(typeof entry.topK === 'number' ? { topK: entry.topK } : {}),
      ...(isIds(entry.match.docIds) ? { documentIds: entry.match.docIds } : {}),
    },
  };
}

/** The published workflows a workflow runs through its own flow and agent nodes, as the hub resolved them. */
function nestedSubflows(workflow: WorkflowDocument, resolved: Record<string, PublishedWorkflow>): Record<string, PublishedWorkflow> {
  const found: Record<string, PublishedWorkflow> = {};
  const pending = [workflow];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const { key } of subflowReferences(next)) {
      const subflow = resolved[key];
      if (subflow === undefined || found[key] !== undefined) continue;
      found[key] = subflow;
      pending.push(subflow.workflow);
    }
  }
  return found;
}

/** plugin.workflowIds: each the version published when the run started (the hub resolved it with the run). */
function workflowTool(id: string, resolved: Record<string, PublishedWorkflow>, name: (wanted: string) => string, aliasName: string): ToolReference {
  const published = resolved[id.trim()];
  if (published === undefined) throw new NodeFailure('tool_unavailable', `${aliasName}: plugin.workflowIds names workflow ${id}, which was not published when this run started; publish it and run again`);
  const { workflowId, version, workflow } = published;
  const title = published.name === undefined || published.name === '' ? workflowId : `"${published.name}"`;
  const about = published.description === undefined || published.description === '' ? '' : `: ${published.description}`;
  return {
    name: name(`wf_${workflowId.replace(/^workflow_/, '').slice(0, 40)}_v${version}`),
    provider: 'workflow',
    options: { workflowId, version, description: `Runs the workflow ${title}${about} (published version ${version}) with the given inputs and answers its outputs.`, workflow, subflows: nestedSubflows(workflow, resolved) },
  };
}

/**
 * The node's tools as the agent service's tool references: built-ins, link operations, every tool of registered
 * MCP servers, knowledge searches and published workflows. The agent service describes them when the run starts
 * and refuses one it cannot offer (409 tool_unavailable, naming it), which fails the node.
 */
function toolsOf(aliasName: string, plugin: AgentParam['plugin'] = {}, resolved: Record<string, PublishedWorkflow>): ToolReference[] {
  if ((plugin.mcpServerUrls ?? []).length > 0) {
    // Link calls registered servers only: there the space keeps the server's credentials and the egress rules apply.
    throw new NodeFailure('mcp_server_url_unsupported', `${aliasName}: plugin.mcpServerUrls cannot be called; register the MCP server in the space and list its id in plugin.mcpServerIds instead`);
  }
  const builtins = (plugin.tools ?? []).filter((tool): tool is string => typeof tool === 'string' && !TOOL_ID.test(tool));
  const taken = new Set(builtins);
  const name = (wanted: string) => uniqueToolName(wanted, taken);
  return [
    ...(plugin.tools ?? []).map((tool, index) => pluginTool(tool, index, name, aliasName)),
    ...(plugin.mcpServerIds ?? []).map((serverId) => ({ name: name(`mcp_${serverId.replace(/^mcp@/, '').slice(0, 8)}`), provider: 'mcp', options: { serverId } })),
    ...(plugin.knowledge ?? []).map((entry, index) => knowledgeTool(entry, index, name, aliasName)),
    ...(plugin.workflowIds ?? []).map((id) => workflowTool(id, resolved, name, aliasName)),
  ];
}

/**
 * agent: an agent strategy with tools, run by the agent service for the run's owner. instruction.reasoning and
 * instruction.answer are its instructions, instruction.query (with the node's inputs) the user's message;
 * modelConfig.agentStrategy 1 asks for ReAct (the original's only strategy), anything else lets the agent service
 * choose; maxLoopCount bounds its steps. The answer streams to the run's readers; outputs `output` and
 * `REASONING_CONTENT` as the original's, and `steps`: the tool calls and results (knowledge passages included).
 */
export const agentNode: NodeType = {
  type: 'agent',
  async execute(context) {
    const { node, services } = context;
    const param = node.param as AgentParam;
    if (services.agent === undefined || services.modelEndpoint === undefined) throw new NodeFailure('agent_unavailable', `${node.aliasName} needs the agent service, which this process cannot reach`);
    if (typeof param.model !== 'string' || param.model === '') throw new NodeFailure('model_not_configured', `${node.aliasName} has no model; choose one of the space's models`);
    const tools = toolsOf(node.aliasName, param.plugin, context.run.subflows);
    const instructions = [param.instruction?.reasoning, param.instruction?.answer].map((part) => renderTemplate(part ?? '', context.inputs)).filter((part) => part.trim() !== '').join('\n\n');
    const query = renderTemplate(param.instruction?.query ?? '', context.inputs);
    if (query.trim() === '') throw new NodeFailure('agent_query_empty', `${node.aliasName} has nothing to ask: its query is empty`);
    const model = await services.modelEndpoint(context.run.spaceId, param.model);
    const result = await services.agent(
      context.run,
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
