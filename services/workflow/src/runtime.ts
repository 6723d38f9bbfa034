import { resolveSecrets } from '@astron/kit/config';
import { openMigratedDatabase, type Database } from '@astron/kit/db';
import { createEgressClient } from '@astron/kit/egress';
import { badRequest } from '@astron/kit/errors';
import type { Logger } from '@astron/kit/log';
import { createPubSub, type PubSub } from '@astron/kit/pubsub';
import { createJobQueue, type JobQueue } from '@astron/kit/queue';
import type { SharedInfrastructure } from '@astron/kit/service';
import { createModelClient, hubModelResolver, splitModelReference } from '@astron/llm';
import { createSandboxPool, type SandboxPool } from '@astron/sandbox';
import type { WorkflowConfig } from './config.js';
import { agentServiceRunner } from './domain/agent-runner.js';
import { knowledgeServiceRetriever } from './domain/knowledge-client.js';
import { linkServiceTools } from './domain/link-client.js';
import { memoryServiceSql } from './domain/memory-client.js';
import { startExecutorHost, type ExecutorHost } from './domain/executor-host.js';
import { runFeed, type RunFeed } from './domain/run-feed.js';
import { createEngine } from './engine/execute-run.js';
import type { NodeServices } from './engine/node-type.js';
import { builtinNodeTypes, nodeTypeMap } from './engine/registry.js';
import { migrations } from './store/migrations.js';
import { runsStore, type RunsStore } from './store/runs-store.js';
import { variablesStore } from './store/variables-store.js';
import type { WorkflowSchema } from './store/tables.js';

/** What both the API service and `astron worker` run on: database, queue, pub/sub, the engine's services. */
export interface WorkflowRuntime {
  database: Database<WorkflowSchema>;
  store: RunsStore;
  feed: RunFeed;
  queue: JobQueue;
  pubsub: PubSub;
  serviceToken: string;
  /** Starts taking queued runs in this process. */
  startExecutor(): Promise<ExecutorHost>;
  close(): Promise<void>;
}

/** The queue and pub/sub: shared ones in embedded mode, Redis in distributed mode, else this process's own. */
function messaging(config: WorkflowConfig, shared: SharedInfrastructure): { queue: JobQueue; pubsub: PubSub; owned: boolean } {
  if (shared.queue !== undefined && shared.pubsub !== undefined) return { queue: shared.queue, pubsub: shared.pubsub, owned: false };
  if (config.redis !== null) {
    return {
      queue: createJobQueue({ kind: 'redis', redis: config.redis, prefix: config.limits.queuePrefix, lockDurationMs: config.limits.leaseMs }),
      pubsub: createPubSub({ kind: 'redis', redis: config.redis, prefix: config.limits.queuePrefix }),
      owned: true,
    };
  }
  return { queue: createJobQueue({ kind: 'memory' }), pubsub: createPubSub({ kind: 'memory' }), owned: true };
}

/**
 * The code sandbox, started on the first code node: its Python workers take ~300 MB and seconds to boot, which a
 * process that never runs code (most laptops' first runs, the API-only instances) should not pay.
 */
function lazySandbox(config: WorkflowConfig, logger: Logger): SandboxPool {
  let pool: SandboxPool | null = null;
  const get = () => (pool ??= createSandboxPool({ ...config.sandbox, logger }));
  return {
    run: (request) => get().run(request),
    ready: () => get().ready(),
    stats: () => get().stats(),
    close: async () => {
      await pool?.close();
    },
  };
}

export async function openWorkflowRuntime(config: WorkflowConfig, shared: SharedInfrastructure, logger: Logger): Promise<WorkflowRuntime> {
  const secrets = resolveSecrets(config.secrets, config.service.dataDir);
  const database = await openMigratedDatabase<WorkflowSchema>(config.database, migrations, { logger });
  const { queue, pubsub, owned } = messaging(config, shared);
  const store = runsStore(database);
  const feed = runFeed(store, pubsub);
  // http-request nodes call URLs users give: every request goes through the SSRF guard (EGRESS_*).
  const egress = createEgressClient({ ...config.service.egress, timeoutMs: 60_000, maxResponseBytes: 10 * 1024 * 1024 });
  const resolveModel = hubModelResolver({ hubUrl: config.hubUrl, serviceToken: secrets.serviceToken, caller: 'workflow' });
  const sandbox = lazySandbox(config, logger);
  const modelEndpoint = async (spaceId: string, reference: string) => {
    const parts = splitModelReference(reference);
    if (parts === null) throw badRequest(`model ${reference} is not <providerId>/<modelId>`, undefined, 'model_not_configured');
    return resolveModel({ space: spaceId }, parts.providerId, parts.model);
  };
  const services: NodeServices = {
    egress,
    sandbox,
    modelEndpoint,
    agent: agentServiceRunner({ agentUrl: () => config.agentUrl, serviceToken: secrets.serviceToken, timeoutMs: config.limits.llmTimeoutMs }),
    knowledge: knowledgeServiceRetriever({ knowledgeUrl: () => config.knowledgeUrl, serviceToken: secrets.serviceToken, timeoutMs: 60_000 }),
    // A node's own timeout (retryConfig.timeout) usually ends a call first; these bound a call whatever it says.
    tools: linkServiceTools({ linkUrl: () => config.linkUrl, serviceToken: secrets.serviceToken, timeoutMs: 120_000 }),
    sql: memoryServiceSql({ memoryUrl: () => config.memoryUrl, serviceToken: secrets.serviceToken, timeoutMs: 60_000 }),
    model: async (spaceId, reference, parameters) => createModelClient(await modelEndpoint(spaceId, reference), parameters, config.limits.llmTimeoutMs),
  };
  const engine = createEngine({ types: nodeTypeMap(builtinNodeTypes), variables: variablesStore(database), services, nodeConcurrency: config.limits.nodeConcurrency, maxFlowDepth: config.limits.maxFlowDepth });
  return {
    database,
    store,
    feed,
    queue,
    pubsub,
    serviceToken: secrets.serviceToken,
    startExecutor: () => startExecutorHost({ queue, store, feed, engine, logger, leaseMs: config.limits.leaseMs, concurrency: config.limits.workerConcurrency }),
    async close() {
      if (owned) {
        await queue.close();
        await pubsub.close();
      }
      await sandbox.close();
      await egress.close();
      await database.close();
    },
  };
}
