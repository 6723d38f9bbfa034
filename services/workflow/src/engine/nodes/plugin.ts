import { isAppError } from '@astron/kit/errors';
import { NodeFailure, type McpCallAnswer, type NodeContext, type NodeType } from '../node-type.js';
import { answerFields, mapToolOutputs } from './tool-outputs.js';

/** The plugin node's nodeParam (packages/dsl nodes/plugin.ts): a link tool, or a tool of a registered MCP server. */
interface PluginParam {
  pluginId?: string;
  operationId?: string;
  /** A published version's label; absent, '' or 'latest': the latest published when the node runs; 'draft': the draft. */
  version?: string;
  businessInput?: unknown[];
  mcpServerId?: string;
  toolName?: string;
}

/** Codes of link's answers that mean the node's inputs are wrong, not the tool. */
const INPUT_CODES = new Set(['missing_inputs', 'invalid_inputs']);

/**
 * The original's business inputs: values the tool needs that sit somewhere inside the node's inputs (nested in an
 * object or a list), found breadth-first by name and passed beside them.
 */
function withBusinessInputs(inputs: Record<string, unknown>, names: unknown[]): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  for (const name of names) {
    if (typeof name !== 'string' || Object.hasOwn(inputs, name)) continue;
    const queue: unknown[] = [inputs];
    const nested = (values: unknown[]) => values.filter((value) => typeof value === 'object' && value !== null);
    while (queue.length > 0 && !Object.hasOwn(found, name)) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...nested(item as unknown[]));
      else if (typeof item === 'object' && item !== null) {
        if (Object.hasOwn(item, name)) found[name] = (item as Record<string, unknown>)[name];
        else queue.push(...nested(Object.values(item)));
      }
    }
  }
  return { ...found, ...inputs };
}

/** A failure of the link service as the node's: what it named is missing, the inputs are wrong, or the tool failed. */
function failureOf(aliasName: string, error: unknown): unknown {
  if (!isAppError(error)) return error;
  if (INPUT_CODES.has(error.code) || error.code === 'egress_blocked') return new NodeFailure(error.code, `${aliasName}: ${error.message}`);
  if (error.status === 503 || error.status < 500) return new NodeFailure('tool_unavailable', `${aliasName}: ${error.message}`, error.status === 503);
  return new NodeFailure('tool_failed', `${aliasName}: the tool failed (${error.code}): ${error.message}`, error.retryable || error.status >= 500);
}

/** An MCP answer as fields: its structured content, else its text (JSON when it parses as an object), as `result`. */
function mcpFields(answer: McpCallAnswer): Record<string, unknown> {
  if (answer.structuredContent !== undefined) return answerFields(answer.structuredContent);
  const text = answer.content.filter((part) => part.type === 'text').map((part) => part.text ?? '').join('\n');
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Plain text: the answer is the text itself.
  }
  return { result: text };
}

async function runLinkTool(context: NodeContext, param: PluginParam): Promise<Record<string, unknown>> {
  const { node, services, run, signal } = context;
  if (!param.pluginId || !param.operationId) throw new NodeFailure('tool_not_configured', `${node.aliasName} names no tool; choose a tool and one of its operations`);
  const version = param.version === undefined || param.version === '' || param.version === 'latest' ? {} : { version: param.version };
  const inputs = withBusinessInputs(context.inputs, param.businessInput ?? []);
  const answer = await services.tools!.run(run, { toolId: param.pluginId, operationId: param.operationId, ...version, inputs }, signal).catch((error: unknown) => {
    throw failureOf(node.aliasName, error);
  });
  if (!answer.ok) {
    const detail = typeof answer.output === 'string' ? answer.output.slice(0, 500) : JSON.stringify(answer.output ?? null).slice(0, 500);
    throw new NodeFailure('tool_failed', `${node.aliasName}: the tool answered ${answer.status}: ${detail}`, answer.status >= 500 || answer.status === 429);
  }
  return answerFields(answer.output);
}

async function runMcpTool(context: NodeContext, param: PluginParam): Promise<Record<string, unknown>> {
  const { node, services, run, signal } = context;
  if (!param.toolName) throw new NodeFailure('tool_not_configured', `${node.aliasName} names MCP server ${param.mcpServerId} but none of its tools; choose one`);
  const answer = await services.tools!.callMcp(run, { serverId: param.mcpServerId!, tool: param.toolName, arguments: context.inputs }, signal).catch((error: unknown) => {
    throw failureOf(node.aliasName, error);
  });
  const fields = mcpFields(answer);
  if (answer.isError) throw new NodeFailure('tool_failed', `${node.aliasName}: MCP tool ${param.toolName} failed: ${JSON.stringify(fields).slice(0, 500)}`);
  return fields;
}

/**
 * plugin: one tool of the space, run by the link service with the node's inputs as the tool's inputs: an operation
 * of an OpenAPI tool set (pluginId, operationId, version), or a tool of a registered MCP server (mcpServerId,
 * toolName). The node's declared outputs are taken from the tool's answer by name, as the original maps them.
 */
export const pluginNode: NodeType = {
  type: 'plugin',
  async execute(context) {
    const param = context.node.param as PluginParam;
    if (context.services.tools === undefined) throw new NodeFailure('tool_unavailable', `${context.node.aliasName} needs the link service, which this process cannot reach`);
    const answer = param.mcpServerId ? await runMcpTool(context, param) : await runLinkTool(context, param);
    return { outputs: mapToolOutputs(context.node, answer) };
  },
};
