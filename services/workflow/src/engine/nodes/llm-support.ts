import type { LlmMessage, ModelClient } from '@astron/llm';
import { NodeFailure, type NodeContext } from '../node-type.js';
import { renderTemplate } from './template.js';

/** The nodeParam fields every LLM node shares (packages/dsl nodes/shared.ts llmFields). */
export interface LlmParam {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  template?: string;
  systemTemplate?: string;
  respFormat?: 0 | 1 | 2;
  enableChatHistoryV2?: { isEnabled?: boolean; rounds?: number };
}

export async function modelOf(context: NodeContext, options: { json?: boolean } = {}): Promise<ModelClient> {
  const param = context.node.param as LlmParam;
  if (typeof param.model !== 'string' || param.model === '') {
    throw new NodeFailure('model_not_configured', `${context.node.aliasName} has no model; choose one of the space's models`);
  }
  return context.services.model(context.run.spaceId, param.model, {
    ...(param.temperature === undefined ? {} : { temperature: param.temperature }),
    ...(param.maxTokens === undefined ? {} : { maxTokens: param.maxTokens }),
    ...(options.json === true ? { json: true } : {}),
  });
}

/** The last `rounds` user/assistant pairs of the run's conversation, when the node asks for them. */
export function historyOf(context: NodeContext): LlmMessage[] {
  const setting = (context.node.param as LlmParam).enableChatHistoryV2;
  if (setting?.isEnabled !== true) return [];
  const rounds = Math.max(1, Number(setting.rounds ?? 1));
  return context.run.history.slice(-rounds * 2).map((turn) => ({ role: turn.role, content: turn.content }));
}

/** system + history + user, the templates rendered with the node's inputs. */
export function promptOf(context: NodeContext, extraSystem = ''): LlmMessage[] {
  const param = context.node.param as LlmParam;
  const system = [renderTemplate(param.systemTemplate ?? '', context.inputs), extraSystem].filter((part) => part.trim() !== '').join('\n\n');
  const user = renderTemplate(param.template ?? '', context.inputs);
  return [...(system === '' ? [] : [{ role: 'system' as const, content: system }]), ...historyOf(context), { role: 'user', content: user }];
}

/** The first JSON object in a model's answer (models like to wrap it in prose or ``` fences). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const usageOf = (usage: { prompt_tokens: number; completion_tokens: number }) => ({ promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens });
