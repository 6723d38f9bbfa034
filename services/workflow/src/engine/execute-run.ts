import { subflowKey } from '@astron/dsl';
import { isAppError } from '@astron/kit/errors';
import type { RunEngine, RunSession } from '../domain/executor-host.js';
import { LeaseLost, type NewEvent, type NodeRunWrite } from '../store/runs-store.js';
import type { VariablesStore } from '../store/variables-store.js';
import { compileGraph, type CompiledGraph, type CompiledNode, type Scope, type WorkflowDocument } from './graph.js';
import { NodeFailure, RunFailed, type ChatTurn, type NodeContext, type NodeOutcome, type NodeServices, type NodeType, type PublishedWorkflow } from './node-type.js';
import { VariablePool } from './variables.js';

export interface EngineOptions {
  types: Map<string, NodeType>;
  variables: VariablesStore;
  services: NodeServices;
  /** Nodes of one run executing at once (containers, which only wait for their bodies, do not count). */
  nodeConcurrency: number;
  /** How deep flow nodes may nest workflows: the run's own workflow is depth 0 (WORKFLOW_MAX_FLOW_DEPTH). */
  maxFlowDepth: number;
}

/** What a run executes: the workflow document of its version, and the conversation it belongs to. */
export interface RunDefinition {
  workflow: WorkflowDocument;
  history?: ChatTurn[];
  /** The conversation (the original's chat_id): conversation variables are kept per chat. */
  chatId?: string;
  /** The published workflows its flow and agent nodes run, resolved by the hub when the run started (by `subflowKey`). */
  subflows?: Record<string, Subflow>;
}

export type Subflow = PublishedWorkflow;

/**
 * One workflow being executed within the run: the run's own, or one a flow node runs. Its nodes' keys carry the
 * flow node's key as a prefix, so the run's node runs (and their resumption after a crash or a pause) cover the
 * nested workflow's nodes too.
 */
interface Frame {
  graph: CompiledGraph;
  inputs: Record<string, unknown>;
  depth: number;
  variables: NodeContext['variables'];
}

const CONTAINER_TYPES = new Set(['iteration', 'loop', 'flow']);
const DELTA_FLUSH_MS = 100;
const START_DEFER_MS = 50;

type Settled = { branch: string | null; failed: boolean };

class RunPaused extends Error {}

function errorOf(error: unknown): { code: string; message: string; retryable: boolean } {
  if (error instanceof NodeFailure) return { code: error.code, message: error.message, retryable: error.retryable };
  if (isAppError(error)) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof Error && error.name === 'TimeoutError') return { code: 'node_timeout', message: error.message, retryable: true };
  return { code: 'node_error', message: error instanceof Error ? error.message : String(error), retryable: true };
}

/** A counting semaphore: nodes wait for a slot. */
function limiter(slots: number) {
  let free = slots;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    else free -= 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next === undefined) free += 1;
      else next();
    }
  };
}

/**
 * The workflow engine: runs ready nodes concurrently, persists every node's result with its events before anything
 * depends on it, and, given the node runs a previous executor finished, continues from there without running a
 * finished node again.
 */
export function createEngine(options: EngineOptions): RunEngine {
  return async (session: RunSession) => {
    const { run, signal } = session;
    let graph: CompiledGraph;
    try {
      graph = compileGraph((run.definition as RunDefinition).workflow);
    } catch (error) {
      const { code, message } = errorOf(error);
      await session.record({ events: [{ type: 'run-failed', data: { error: { code, message } } }], run: { status: 'failed', error: { code, message } } });
      return;
    }
    const finished = new Map((await session.nodeRuns()).map((node) => [node.nodeKey, node]));
    if (run.eventSeq === 0) await session.record({ events: [{ type: 'run-started', data: { runId: run.id, inputs: run.inputs } }] });
    const slot = limiter(options.nodeConcurrency);
    const definition = run.definition as RunDefinition;
    // Conversation variables belong to a workflow: a nested workflow keeps its own, per owner and chat like the run's.
    const variablesOf = (workflowId: string): Frame['variables'] => {
      const scope = `${workflowId}|${run.owner.kind}:${run.owner.id}|${definition.chatId ?? ''}`;
      return {
        get: (names: string[]) => options.variables.get(run.spaceId, scope, names),
        set: (values: Record<string, unknown>) => options.variables.set(run.spaceId, scope, values),
      };
    };
    const top: Frame = { graph, inputs: run.inputs, depth: 0, variables: variablesOf(run.workflowId) };
    const compiledSubflows = new Map<string, CompiledGraph>();
    let paused = false;

    /** The flow node's workflow, as the hub resolved it at the start of the run, run to its end as a nested frame. */
    async function runSubflow(frame: Frame, node: CompiledNode, key: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
      if (frame.depth + 1 > options.maxFlowDepth) {
        throw new NodeFailure('flow_depth_exceeded', `${node.aliasName} would nest workflows ${frame.depth + 1} deep; the limit is ${options.maxFlowDepth} (WORKFLOW_MAX_FLOW_DEPTH)`);
      }
      const reference = subflowKey(node.param);
      const subflow = reference === null ? undefined : definition.subflows?.[reference];
      if (subflow === undefined) throw new NodeFailure('flow_not_resolved', `${node.aliasName} runs workflow ${typeof node.param.flowId === 'string' ? node.param.flowId : '(none chosen)'}, which was not published when this run started`);
      let subGraph = compiledSubflows.get(reference as string);
      if (subGraph === undefined) {
        try {
          subGraph = compileGraph(subflow.workflow);
        } catch (error) {
          throw new NodeFailure('workflow_invalid', `${node.aliasName} runs workflow ${subflow.workflowId} v${subflow.version}, which cannot run: ${errorOf(error).message}`);
        }
        compiledSubflows.set(reference as string, subGraph);
      }
      const nested: Frame = { graph: subGraph, inputs, depth: frame.depth + 1, variables: variablesOf(subflow.workflowId) };
      try {
        return await runScope(nested, subGraph.top, new VariablePool(), `${key}>`);
      } catch (error) {
        // The nested workflow failed for good (its nodes had their retries): the flow node fails, and its own error strategy decides.
        if (error instanceof RunFailed) throw new NodeFailure(error.detail.code, `${node.aliasName}: workflow ${subflow.workflowId} failed at ${error.detail.nodeId}: ${error.detail.message}`);
        throw error;
      }
    }

    async function runNode(frame: Frame, node: CompiledNode, key: string, pool: VariablePool, rootOutputs: Record<string, unknown> | undefined): Promise<Settled> {
      const done = finished.get(key);
      if (done !== undefined && done.finishedAt !== null && (done.status === 'succeeded' || (done.status === 'failed' && node.retry.error_strategy === 2))) {
        pool.set(node.id, (done.outputs ?? {}) as Record<string, unknown>);
        return { branch: done.branch, failed: done.status === 'failed' };
      }
      const inputs: Record<string, unknown> = {};
      for (const input of node.inputs) inputs[input.name] = pool.resolve(input.value);
      const base = { nodeKey: key, nodeId: node.id, nodeType: node.type };
      const identity = { nodeId: node.id, nodeKey: key, nodeType: node.type, aliasName: node.aliasName };

      if (rootOutputs !== undefined) {
        // A body's first node hands on the pass's values (the iteration item, the loop's state).
        await session.record({ nodes: [{ ...base, status: 'succeeded', attempt: 1, inputs: {}, outputs: rootOutputs, finished: true }], events: [{ type: 'node-finished', data: { ...identity, outputs: rootOutputs, durationMs: 0 } }] });
        pool.set(node.id, rootOutputs);
        return { branch: null, failed: false };
      }
      const type = options.types.get(node.type);
      const answer = done?.status === 'paused' ? (done.outputs as { answer?: unknown } | null)?.answer : undefined;
      const attempts = node.retry.should_retry ? 1 + Math.max(0, node.retry.max_retries) : 1;
      for (let attempt = 1; ; attempt += 1) {
        const started = performance.now();
        const running: NodeRunWrite = { ...base, status: 'running', attempt, inputs };
        // A node that finishes within START_DEFER_MS has its start written with its end, in one transaction instead of
        // two (most transform nodes); a slower one's start is written then. Containers write theirs first: their
        // bodies' events must follow it.
        let startPending: NewEvent | null = { type: 'node-started', data: { ...identity, attempt, inputs } };
        if (CONTAINER_TYPES.has(node.type)) {
          await session.record({ nodes: [running], events: [startPending] });
          startPending = null;
        }
        let pending: { content: string; reasoning: string } = { content: '', reasoning: '' };
        /** The events not written yet: the node's start if still held back, then the deltas streamed since the last write. */
        const flushDeltas = (): NewEvent[] => {
          const events: NewEvent[] = startPending === null ? [] : [startPending];
          startPending = null;
          if (pending.content === '' && pending.reasoning === '') return events;
          events.push({ type: 'node-delta', data: { ...identity, ...(pending.content === '' ? {} : { content: pending.content }), ...(pending.reasoning === '' ? {} : { reasoning: pending.reasoning }) } });
          pending = { content: '', reasoning: '' };
          return events;
        };
        let flushing: Promise<unknown> = Promise.resolve();
        const flush = () => {
          const withStart = startPending !== null;
          const events = flushDeltas();
          if (events.length > 0) flushing = flushing.then(() => session.record({ ...(withStart ? { nodes: [running] } : {}), events })).catch(() => undefined);
        };
        const startTimer = setTimeout(flush, START_DEFER_MS);
        const ticker = setInterval(flush, DELTA_FLUSH_MS);
        const nodeSignal = AbortSignal.any([signal, AbortSignal.timeout(Math.max(1, node.retry.timeout) * 1000)]);
        try {
          if (type === undefined) throw new NodeFailure('node_type_unavailable', `${node.id}: node type ${node.type} is not available in this version`);
          const outcome: NodeOutcome = await type.execute({
            node,
            inputs,
            run: { id: run.id, spaceId: run.spaceId, owner: run.owner, version: run.version, inputs: frame.inputs, history: definition.history ?? [], subflows: definition.subflows ?? {} },
            variables: frame.variables,
            attempt,
            signal: nodeSignal,
            emit: (delta) => {
              pending.content += delta.content ?? '';
              pending.reasoning += delta.reasoning ?? '';
            },
            ...(answer === undefined ? {} : { answer }),
            runBody: async (index, seed) => {
              const passPool = pool.child();
              if (node.type === 'loop') passPool.set(node.id, seed);
              const outputs = await runScope(frame, bodyOf(frame, node), passPool, `${key}#${index}/`, node.type === 'iteration' ? seed : undefined);
              return { outputs, read: (source) => passPool.resolve(source) };
            },
            runSubflow: (subflowInputs) => runSubflow(frame, node, key, subflowInputs),
            services: options.services,
          });
          clearInterval(ticker);
          clearTimeout(startTimer);
          await flushing;
          const durationMs = Math.round(performance.now() - started);
          if (outcome.pause !== undefined) {
            paused = true;
            await session.record({ nodes: [{ ...base, status: 'paused', attempt, inputs }], events: [...flushDeltas(), { type: 'node-paused', data: { ...identity, prompt: outcome.pause.prompt } }] });
            throw new RunPaused();
          }
          await session.record({
            nodes: [{ ...base, status: 'succeeded', attempt, inputs, outputs: outcome.outputs, branch: outcome.branch ?? null, finished: true }],
            events: [...flushDeltas(), { type: 'node-finished', data: { ...identity, inputs, outputs: outcome.outputs, branch: outcome.branch ?? null, durationMs, ...(outcome.usage === undefined ? {} : { usage: outcome.usage }) } }],
          });
          pool.set(node.id, outcome.outputs);
          return { branch: outcome.branch ?? null, failed: false };
        } catch (error) {
          clearInterval(ticker);
          clearTimeout(startTimer);
          await flushing;
          if (error instanceof RunPaused || error instanceof RunFailed || error instanceof LeaseLost || signal.aborted) throw error;
          const failure = errorOf(error);
          const durationMs = Math.round(performance.now() - started);
          if (failure.retryable && attempt < attempts) {
            await session.record({ nodes: [{ ...base, status: 'failed', attempt, inputs, error: failure }], events: [...flushDeltas(), { type: 'node-failed', data: { ...identity, attempt, error: failure, willRetry: true, durationMs } }] });
            await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 200 * 2 ** (attempt - 1))));
            continue;
          }
          return settleFailure(node, base, identity, inputs, attempt, failure, durationMs, pool, [...flushDeltas()]);
        }
      }
    }

    /** A node that failed for good: its error strategy decides between failing the run, default outputs, and its failure branch. */
    async function settleFailure(
      node: CompiledNode,
      base: Pick<NodeRunWrite, 'nodeKey' | 'nodeId' | 'nodeType'>,
      identity: Record<string, unknown>,
      inputs: Record<string, unknown>,
      attempt: number,
      failure: { code: string; message: string },
      durationMs: number,
      pool: VariablePool,
      deltas: NewEvent[],
    ): Promise<Settled> {
      const failedEvent = { type: 'node-failed', data: { ...identity, attempt, error: failure, willRetry: false, durationMs } };
      if (node.retry.error_strategy === 0) {
        await session.record({ nodes: [{ ...base, status: 'failed', attempt, inputs, error: failure, finished: true }], events: [...deltas, failedEvent] });
        throw new RunFailed({ ...failure, nodeId: node.id });
      }
      const outputs = { ...node.retry.custom_output, errorCode: failure.code, errorMessage: failure.message };
      const status = node.retry.error_strategy === 1 ? 'succeeded' : 'failed';
      await session.record({
        nodes: [{ ...base, status, attempt, inputs, outputs, error: failure, finished: true }],
        events: [...deltas, failedEvent, { type: 'node-finished', data: { ...identity, inputs, outputs, branch: null, durationMs, recoveredFrom: failure.code } }],
      });
      pool.set(node.id, outputs);
      return { branch: null, failed: node.retry.error_strategy === 2 };
    }

    function bodyOf(frame: Frame, node: CompiledNode): Scope {
      const body = frame.graph.bodies.get(node.id);
      if (body === undefined) throw new NodeFailure('workflow_invalid', `${node.id} has no body to run`);
      return body;
    }

    /** Runs the scope's nodes as they become ready; resolves with the outputs of the scope's end node. */
    async function runScope(frame: Frame, scope: Scope, pool: VariablePool, prefix: string, rootOutputs?: Record<string, unknown>): Promise<Record<string, unknown>> {
      const state = new Map<string, 'pending' | 'running' | 'done' | 'skipped'>([...scope.members].map((id) => [id, 'pending']));
      const settled = new Map<string, Settled>();
      const running = new Map<string, Promise<void>>();
      // Set from the tasks' callbacks: the first error stops the scope from starting more nodes.
      const halt: { error: Error | null } = { error: null };

      const active = (id: string): boolean | null => {
        const incoming = scope.incoming.get(id) ?? [];
        if (id === scope.root || incoming.length === 0) return true;
        let any = false;
        for (const edge of incoming) {
          const from = state.get(edge.source);
          if (from === 'pending' || from === 'running') return null;
          const result = settled.get(edge.source);
          if (from !== 'done' || result === undefined) continue;
          if (edge.onFailure ? result.failed : !result.failed && (edge.handle === null || result.branch === null || edge.handle === result.branch)) any = true;
        }
        return any;
      };

      for (;;) {
        let progressed = true;
        while (progressed && halt.error === null && !paused && !signal.aborted) {
          progressed = false;
          for (const id of scope.members) {
            if (state.get(id) !== 'pending') continue;
            const ready = active(id);
            if (ready === null) continue;
            progressed = true;
            if (!ready) {
              state.set(id, 'skipped');
              continue;
            }
            state.set(id, 'running');
            const node = frame.graph.nodes.get(id) as CompiledNode;
            const execute = () => runNode(frame, node, `${prefix}${id}`, pool, id === scope.root ? rootOutputs : undefined);
            const task = (CONTAINER_TYPES.has(node.type) ? execute() : slot(execute)).then(
              (result) => {
                settled.set(id, result);
                state.set(id, 'done');
              },
              (error: unknown) => {
                halt.error ??= error instanceof Error ? error : new Error(String(error));
              },
            );
            running.set(id, task.finally(() => running.delete(id)));
          }
        }
        if (running.size === 0) break;
        await Promise.race(running.values());
      }
      if (halt.error !== null) throw halt.error;
      if (paused) throw new RunPaused();
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
      return scope.end === null ? {} : (pool.outputsOf(scope.end) ?? {});
    }

    try {
      const outputs = await runScope(top, graph.top, new VariablePool(), '');
      await session.record({ events: [{ type: 'run-finished', data: { outputs } }], run: { status: 'succeeded', outputs } });
    } catch (error) {
      if (error instanceof RunPaused) {
        await session.record({ events: [{ type: 'run-paused', data: {} }], run: { status: 'paused' } });
        return;
      }
      if (signal.aborted || error instanceof LeaseLost) throw error;
      const detail = error instanceof RunFailed ? error.detail : { ...errorOf(error), nodeId: '' };
      const failure = { code: detail.code, message: detail.message, ...(detail.nodeId === '' ? {} : { nodeId: detail.nodeId }) };
      await session.record({ events: [{ type: 'run-failed', data: { error: failure } }], run: { status: 'failed', error: failure } });
    }
  };
}
