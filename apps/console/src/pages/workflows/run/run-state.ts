import type { RunError } from '../../../api/types.js';

/** One event of a run's stream: `event:` is its type, `data:` its JSON, `id:` its sequence number. */
export interface RunEvent {
  type: string;
  data: Record<string, unknown>;
  id: string;
}

export type NodeRunStatus = 'running' | 'retrying' | 'succeeded' | 'failed' | 'paused' | 'cancelled' | 'skipped';

/** A node's run as the panel shows it; iterations run their body once per element, each pass with its own key. */
export interface NodeRunView {
  nodeKey: string;
  nodeId: string;
  nodeType: string;
  alias: string;
  status: NodeRunStatus;
  attempt: number;
  inputs: unknown;
  outputs: unknown;
  error: RunError | null;
  durationMs: number | null;
  branch: string | null;
  /** Streamed text (LLM tokens, messages) and reasoning, as it arrives. */
  content: string;
  reasoning: string;
}

export interface PausePrompt {
  nodeId: string;
  nodeKey: string;
  question: string;
  answerType: 'option' | 'direct';
  options: { id: string; name: string; content: string }[];
}

export type RunPhase = 'idle' | 'starting' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';

export interface RunView {
  phase: RunPhase;
  runId: string | null;
  nodes: NodeRunView[];
  pause: PausePrompt | null;
  outputs: unknown;
  error: RunError | null;
  lastEventId: string | null;
}

export const idleRun: RunView = { phase: 'idle', runId: null, nodes: [], pause: null, outputs: null, error: null, lastEventId: null };

const TERMINAL: readonly RunPhase[] = ['succeeded', 'failed', 'cancelled'];
export const isTerminal = (phase: RunPhase): boolean => TERMINAL.includes(phase);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function errorOf(value: unknown): RunError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message } = value as Record<string, unknown>;
  return { code: str(code) || 'error', message: str(message) || str(code) };
}

function promptOf(data: Record<string, unknown>): PausePrompt {
  const prompt = (typeof data.prompt === 'object' && data.prompt !== null ? data.prompt : {}) as Record<string, unknown>;
  const options = Array.isArray(prompt.options) ? prompt.options : [];
  return {
    nodeId: str(data.nodeId),
    nodeKey: str(data.nodeKey) || str(data.nodeId),
    question: str(prompt.question),
    answerType: prompt.answerType === 'option' ? 'option' : 'direct',
    options: options
      .filter((option): option is Record<string, unknown> => typeof option === 'object' && option !== null)
      .map((option) => ({ id: str(option.id), name: str(option.name), content: str(option.content) })),
  };
}

/** The node run an event is about: by key, else the latest of its node id. */
function findIndex(nodes: NodeRunView[], data: Record<string, unknown>): number {
  const key = str(data.nodeKey);
  if (key !== '') return nodes.findIndex((node) => node.nodeKey === key);
  const id = str(data.nodeId);
  for (let index = nodes.length - 1; index >= 0; index -= 1) if (nodes[index]!.nodeId === id) return index;
  return -1;
}

function upsert(view: RunView, data: Record<string, unknown>, change: (node: NodeRunView) => NodeRunView): RunView {
  const index = findIndex(view.nodes, data);
  const base: NodeRunView =
    index === -1
      ? {
          nodeKey: str(data.nodeKey) || str(data.nodeId),
          nodeId: str(data.nodeId),
          nodeType: str(data.nodeType),
          alias: str(data.aliasName),
          status: 'running',
          attempt: 1,
          inputs: undefined,
          outputs: undefined,
          error: null,
          durationMs: null,
          branch: null,
          content: '',
          reasoning: '',
        }
      : view.nodes[index]!;
  const next = change(base);
  const nodes = index === -1 ? [...view.nodes, next] : view.nodes.map((node, position) => (position === index ? next : node));
  return { ...view, nodes };
}

/** Folds one event of the stream into what the run panel and the canvas show. */
export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  const data = event.data;
  const seen = { ...view, lastEventId: event.id === '' ? view.lastEventId : event.id };
  switch (event.type) {
    case 'run-started':
      return { ...seen, phase: 'running', runId: str(data.runId) || view.runId };
    case 'node-started':
      return upsert(seen, data, (node) => ({
        ...node,
        status: 'running',
        attempt: num(data.attempt) ?? node.attempt,
        inputs: data.inputs,
        alias: str(data.aliasName) || node.alias,
        nodeType: str(data.nodeType) || node.nodeType,
        error: null,
      }));
    case 'node-delta':
      return upsert(seen, data, (node) => ({
        ...node,
        content: node.content + str(data.content),
        reasoning: node.reasoning + str(data.reasoning),
      }));
    case 'node-finished':
      return upsert(seen, data, (node) => ({
        ...node,
        status: 'succeeded',
        inputs: data.inputs ?? node.inputs,
        outputs: data.outputs,
        branch: str(data.branch) || null,
        durationMs: num(data.durationMs),
      }));
    case 'node-failed':
      return upsert(seen, data, (node) => ({
        ...node,
        status: data.willRetry === true ? 'retrying' : 'failed',
        error: errorOf(data.error),
        durationMs: num(data.durationMs),
      }));
    case 'node-paused': {
      const paused = upsert(seen, data, (node) => ({ ...node, status: 'paused' }));
      return { ...paused, pause: promptOf(data) };
    }
    case 'run-paused':
      return { ...seen, phase: 'paused' };
    case 'run-resumed': {
      const resumed = { ...seen, phase: 'running' as const, pause: null };
      return findIndex(resumed.nodes, data) === -1 ? resumed : upsert(resumed, data, (node) => ({ ...node, status: 'running' }));
    }
    case 'run-finished':
      return { ...seen, phase: 'succeeded', outputs: data.outputs ?? null, pause: null };
    case 'run-failed':
      return { ...settle(seen), phase: 'failed', error: errorOf(data.error), pause: null };
    case 'run-cancelled':
      return { ...settle(seen), phase: 'cancelled', pause: null };
    default:
      return seen;
  }
}

/** Nodes still running when the run ends did not finish. */
function settle(view: RunView): RunView {
  return {
    ...view,
    nodes: view.nodes.map((node) =>
      node.status === 'running' || node.status === 'paused' || node.status === 'retrying' ? { ...node, status: 'cancelled' } : node,
    ),
  };
}

/**
 * The status the canvas paints on a node: that of its latest run; `skipped` for a node that never ran in a run
 * that has ended (a branch not taken); undefined before any run.
 */
export function nodeStatuses(view: RunView, nodeIds: readonly string[]): Map<string, NodeRunStatus> {
  const statuses = new Map<string, NodeRunStatus>();
  if (view.phase === 'idle' || view.phase === 'starting') return statuses;
  for (const node of view.nodes) statuses.set(node.nodeId, node.status);
  if (isTerminal(view.phase)) for (const id of nodeIds) if (!statuses.has(id)) statuses.set(id, 'skipped');
  return statuses;
}

export type RunAction = RunEvent | { type: '@reset' } | { type: '@starting' };

/** The run panel's reducer: the stream's events, plus starting over. */
export function runReducer(view: RunView, action: RunAction): RunView {
  if (action.type === '@reset') return idleRun;
  if (action.type === '@starting') return { ...idleRun, phase: 'starting' };
  return applyRunEvent(view, action as RunEvent);
}
