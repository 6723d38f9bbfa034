import { dropNamespace, migrate, openDatabase, type Database } from '@astron/kit/db';
import { createEgressClient } from '@astron/kit/egress';
import { createLogger } from '@astron/kit/log';
import { MemoryPubSub } from '@astron/kit/pubsub';
import { MemoryQueue } from '@astron/kit/queue';
import { testServers, uniqueName } from '@astron/testing/servers';
import { startExecutorHost, type ExecutorHost } from '../domain/executor-host.js';
import { runFeed } from '../domain/run-feed.js';
import { runsDomain, type RunOwner, type RunsDomain } from '../domain/runs.js';
import { migrations } from '../store/migrations.js';
import { runsStore, type RunEvent } from '../store/runs-store.js';
import { variablesStore } from '../store/variables-store.js';
import type { WorkflowSchema } from '../store/tables.js';
import { createEngine, type RunDefinition } from './execute-run.js';
import type { NodeServices, NodeType } from './node-type.js';
import { builtinNodeTypes, nodeTypeMap } from './registry.js';

export const testOwner: RunOwner = { kind: 'app', id: 'app_1' };

/** Egress for tests: loopback is allowed (the test servers live there); everything else as in production. */
export const testEgress = createEgressClient({ allowHosts: ['127.0.0.1'], timeoutMs: 10_000 });

/** Services for engines that run no model. */
export const noModels: NodeServices = { model: () => Promise.reject(new Error('these tests use no model')), egress: testEgress };

export interface EngineUnderTest {
  runs: RunsDomain;
  /** Starts a run in space_a as testOwner and follows it until it finishes or pauses. */
  runToEnd(definition: RunDefinition, inputs?: Record<string, unknown>): Promise<FollowedRun>;
  follow(runId: string, afterSeq?: number): Promise<Omit<FollowedRun, 'id'>>;
  /** Stops the executor (as a worker that shuts down) and starts a new one with this lease. */
  replaceExecutor(leaseMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface FollowedRun {
  id: string;
  events: RunEvent[];
  types: string[];
  run: Awaited<ReturnType<RunsDomain['details']>>['run'];
  nodes: Awaited<ReturnType<RunsDomain['details']>>['nodes'];
}

/** An engine on PostgreSQL 5432 (its own schema) with the in-process queue and pub/sub, the built-in node types plus `extraTypes`. */
export async function startTestEngine(options: { extraTypes?: NodeType[]; services?: NodeServices } = {}): Promise<EngineUnderTest> {
  const database: Database<WorkflowSchema> = await openDatabase<WorkflowSchema>({ kind: 'postgres', ...testServers.postgres, namespace: uniqueName('wf_engine'), pool: { maxOpen: 8, maxIdle: 2 } });
  await migrate(database, migrations);
  const queue = new MemoryQueue();
  const store = runsStore(database);
  const feed = runFeed(store, new MemoryPubSub());
  const engine = createEngine({ types: nodeTypeMap([...builtinNodeTypes, ...(options.extraTypes ?? [])]), variables: variablesStore(database), services: options.services ?? noModels, nodeConcurrency: 8, maxFlowDepth: 3 });
  const logger = createLogger({ service: 'test', level: 'silent' });
  const startHost = (leaseMs: number) => startExecutorHost({ queue, store, feed, engine, logger, leaseMs, concurrency: 4 });
  let host: ExecutorHost = await startHost(5_000);
  const runs = runsDomain({ store, feed, queue });

  async function follow(runId: string, afterSeq = 0) {
    const events: RunEvent[] = [];
    await runs.follow('space_a', runId, afterSeq, AbortSignal.timeout(20_000), (event) => events.push(event));
    const details = await runs.details('space_a', runId);
    return { events, run: details.run, nodes: details.nodes, types: events.map((event) => event.type) };
  }

  return {
    runs,
    follow,
    async runToEnd(definition, inputs = {}) {
      const run = await runs.start('space_a', testOwner, { workflowId: 'wf', version: 1, definition, inputs });
      return { id: run.id, ...(await follow(run.id)) };
    },
    async replaceExecutor(leaseMs) {
      await host.stop();
      host = await startHost(leaseMs);
    },
    async stop() {
      await host.stop();
      await queue.close();
      await dropNamespace(database);
      await database.close();
    },
  };
}
