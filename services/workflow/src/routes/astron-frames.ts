import type { RunEvent } from '../store/runs-store.js';

// The stream frames of the original astron-agent's workflow API (core/workflow engine/callbacks/openai_types_sse.py
// LLMGenerate): one JSON object per SSE `data:`, OpenAI-like `choices` plus `workflow_step` and `event_data`.

/** Numeric codes of frames: 0 is success, as the original's; the rest are ours (docs/decisions/0010). */
export const FRAME_CODES: Record<string, number> = { workflow_invalid: 20201, run_cancelled: 20202, node_failed: 20203 };

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

interface NodeInfo {
  id: string;
  alias_name: string;
  finish_reason: 'stop' | 'interrupt' | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  error_outputs: Record<string, unknown>;
  ext: Record<string, unknown> | null;
  executed_time: number;
  usage: Usage | null;
}

export interface AstronFrame {
  code: number;
  message: string;
  id: string;
  created: number;
  workflow_step: { node: NodeInfo | null; seq: number; progress: number } | null;
  choices: { delta: { role: 'assistant'; content: string; reasoning_content: string }; index: number; finish_reason: 'stop' | 'interrupt' | null }[];
  usage?: Usage;
  event_data?: { event_id: string; event_type: 'interrupt'; need_reply: boolean; value: Record<string, unknown> };
}

/** The id the original's resume call names (`event_id`): the run and the paused node, opaque to clients. */
export function encodeEventId(runId: string, nodeKey: string): string {
  return Buffer.from(JSON.stringify([runId, nodeKey])).toString('base64url');
}

export function decodeEventId(eventId: string): { runId: string; nodeKey: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(eventId, 'base64url').toString());
    return Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' ? { runId: value[0], nodeKey: value[1] } : null;
  } catch {
    return null;
  }
}

interface EventData {
  nodeId?: string;
  nodeKey?: string;
  nodeType?: string;
  aliasName?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  content?: string;
  reasoning?: string;
  durationMs?: number;
  usage?: { promptTokens: number; completionTokens: number };
  willRetry?: boolean;
  error?: { code: string; message: string };
  prompt?: { question?: string; answerType?: string; options?: { id: string; name: string; content: string }[] };
}

/**
 * Turns a run's events into the original's frames, in order. One converter per stream: it counts finished nodes for
 * `progress` (out of `nodeCount`), numbers frames in `seq`, and adds up token usage for the closing frame.
 */
export function astronFrames(runId: string, nodeCount: number) {
  let seq = 0;
  let finished = 0;
  /** Nodes that streamed text: their answer reached the client already. */
  const streamed = new Set<string>();
  const total: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const zero = (): Usage => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });

  const frame = (parts: Partial<AstronFrame> & { node?: NodeInfo | null; content?: string; reasoning?: string; finishReason?: 'stop' | 'interrupt' | null; progress?: number }): AstronFrame => {
    seq += 1;
    const { node, content, reasoning, finishReason, progress, ...rest } = parts;
    return {
      code: 0,
      message: 'Success',
      id: runId,
      created: Math.floor(Date.now() / 1000),
      workflow_step: { node: node ?? null, seq, progress: progress ?? Math.min(1, nodeCount === 0 ? 1 : finished / nodeCount) },
      choices: [{ delta: { role: 'assistant', content: content ?? '', reasoning_content: reasoning ?? '' }, index: 0, finish_reason: finishReason ?? null }],
      ...rest,
    };
  };
  const nodeInfo = (data: EventData, finishReason: NodeInfo['finish_reason'], extra: Partial<NodeInfo> = {}): NodeInfo => ({
    id: data.nodeId ?? '',
    alias_name: data.aliasName ?? '',
    finish_reason: finishReason,
    inputs: {},
    outputs: {},
    error_outputs: {},
    ext: null,
    executed_time: 0,
    usage: null,
    ...extra,
  });
  const flowNode = (): NodeInfo => nodeInfo({ nodeId: 'flow_obj' }, 'stop', { usage: zero() });

  return {
    /** The frames for one event; none for events the original has no frame for. */
    convert(event: RunEvent): AstronFrame[] {
      const data = (event.data ?? {}) as EventData;
      switch (event.type) {
        case 'run-started':
          return [frame({ node: flowNode(), progress: 0 })];
        case 'node-started':
          return [frame({ node: nodeInfo(data, null) })];
        case 'node-delta':
          streamed.add(data.nodeKey ?? data.nodeId ?? '');
          return [frame({ node: nodeInfo(data, null), content: data.content ?? '', reasoning: data.reasoning ?? '' })];
        case 'node-finished': {
          finished += 1;
          const usage = data.usage === undefined ? null : { prompt_tokens: data.usage.promptTokens, completion_tokens: data.usage.completionTokens, total_tokens: data.usage.promptTokens + data.usage.completionTokens };
          if (usage !== null) {
            total.prompt_tokens += usage.prompt_tokens;
            total.completion_tokens += usage.completion_tokens;
            total.total_tokens += usage.total_tokens;
          }
          // An end node returning variables (outputMode 0) gives them as the answer, as JSON; a template streamed already.
          const variables = data.nodeType === 'node-end' && !streamed.has(data.nodeKey ?? data.nodeId ?? '');
          return [
            frame({
              node: nodeInfo(data, 'stop', { inputs: data.inputs ?? {}, outputs: data.outputs ?? {}, executed_time: Math.round(data.durationMs ?? 0) / 1000, usage }),
              content: variables ? JSON.stringify(data.outputs ?? {}) : '',
            }),
          ];
        }
        case 'node-failed':
          if (data.willRetry === true) return [];
          return [{ ...frame({ node: nodeInfo(data, 'stop', { executed_time: Math.round(data.durationMs ?? 0) / 1000 }) }), code: FRAME_CODES.node_failed ?? 1, message: data.error?.message ?? 'the node failed' }];
        case 'node-paused': {
          const prompt = data.prompt ?? {};
          return [
            frame({
              node: nodeInfo(data, 'interrupt'),
              finishReason: 'interrupt',
              event_data: {
                event_id: encodeEventId(runId, data.nodeKey ?? data.nodeId ?? ''),
                event_type: 'interrupt',
                need_reply: true,
                value: { type: prompt.answerType ?? 'direct', content: prompt.question ?? '', option: (prompt.options ?? []).map((option) => ({ id: option.name, text: option.content, content_type: 'text' })) },
              },
            }),
          ];
        }
        case 'run-finished':
          return [frame({ node: flowNode(), progress: 1, finishReason: 'stop', usage: { ...total } })];
        case 'run-failed': {
          const error = (data.error ?? { code: 'node_failed', message: 'the run failed' });
          return [{ ...frame({ node: null, progress: 1, finishReason: 'stop', usage: zero() }), code: FRAME_CODES[error.code] ?? FRAME_CODES.node_failed ?? 1, message: error.message }];
        }
        case 'run-cancelled':
          return [{ ...frame({ node: null, progress: 1, finishReason: 'stop', usage: zero() }), code: FRAME_CODES.run_cancelled ?? 1, message: 'the run was cancelled' }];
        default:
          return [];
      }
    },
  };
}
