import { resolveSecrets } from '@astron/kit/config';
import { migrate, openDatabase, type Database } from '@astron/kit/db';
import { createEgressClient } from '@astron/kit/egress';
import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import { createPubSub, type PubSub } from '@astron/kit/pubsub';
import { createJobQueue, type JobQueue } from '@astron/kit/queue';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import { createModelClient, hubModelResolver, splitModelReference } from '@astron/llm';
import { badRequest } from '@astron/kit/errors';
import type { WorkflowConfig } from './config.js';
import { startExecutorHost } from './domain/executor-host.js';
import { runFeed } from './domain/run-feed.js';
import { runsDomain } from './domain/runs.js';
import { createEngine } from './engine/execute-run.js';
import type { NodeServices } from './engine/node-type.js';
import { builtinNodeTypes, nodeTypeMap } from './engine/registry.js';
import { requireServiceToken, type WorkflowRoutesContext } from './routes/context.js';
import { runRoutes } from './routes/runs.js';
import { migrations } from './store/migrations.js';
import { runsStore } from './store/runs-store.js';
import type { WorkflowSchema } from './store/tables.js';

export const VERSION = '0.1.0';

/** The queue and pub/sub of this process: shared ones in embedded mode, Redis in distributed mode, else its own. */
function infrastructure(config: WorkflowConfig, shared: SharedInfrastructure): { queue: JobQueue; pubsub: PubSub; owned: boolean } {
  if (shared.queue !== undefined && shared.pubsub !== undefined) return { queue: shared.queue, pubsub: shared.pubsub, owned: false };
  if (config.redis !== null) {
    return { queue: createJobQueue({ kind: 'redis', redis: config.redis, prefix: 'astron-workflow' }), pubsub: createPubSub({ kind: 'redis', redis: config.redis, prefix: 'astron-workflow' }), owned: true };
  }
  return { queue: createJobQueue({ kind: 'memory' }), pubsub: createPubSub({ kind: 'memory' }), owned: true };
}

/**
 * Wires the workflow service: the run API, and (unless WORKFLOW_EXECUTE=false, for API-only instances) an executor
 * host that takes queued runs. `astron worker` starts hosts without the API.
 */
export async function startWorkflow(config: WorkflowConfig, shared: SharedInfrastructure = {}): Promise<RunningService> {
  const { service } = config;
  const logger = createLogger({ service: 'workflow', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'workflow', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const secrets = resolveSecrets(config.secrets, service.dataDir);

  const database: Database<WorkflowSchema> = await openDatabase<WorkflowSchema>(config.database, { logger });
  try {
    const { applied } = await migrate(database, migrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } catch (error) {
    await database.close();
    throw error;
  }
  const { queue, pubsub, owned } = infrastructure(config, shared);
  const store = runsStore(database);
  const feed = runFeed(store, pubsub);
  const resolveModel = hubModelResolver({ hubUrl: config.hubUrl, serviceToken: secrets.serviceToken, caller: 'workflow' });
  // http-request nodes call URLs users give: every request goes through the SSRF guard (EGRESS_*).
  const egress = createEgressClient({ ...service.egress, timeoutMs: 60_000, maxResponseBytes: 10 * 1024 * 1024 });
  const services: NodeServices = {
    egress,
    async model(spaceId, reference, parameters) {
      const parts = splitModelReference(reference);
      if (parts === null) throw badRequest(`model ${reference} is not <providerId>/<modelId>`, undefined, 'model_not_configured');
      return createModelClient(await resolveModel({ space: spaceId }, parts.providerId, parts.model), parameters, config.limits.llmTimeoutMs);
    },
  };
  const engine = createEngine({ types: nodeTypeMap(builtinNodeTypes), services, nodeConcurrency: config.limits.nodeConcurrency });
  const host = config.limits.execute
    ? await startExecutorHost({ queue, store, feed, engine, logger, leaseMs: config.limits.leaseMs, concurrency: config.limits.workerConcurrency })
    : null;

  const http = await createHttpApp({
    name: 'workflow',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => database.ping(), queue: () => queue.ping(), pubsub: () => pubsub.ping() },
    openapi: { title: 'Astron workflow service', description: 'Runs workflows: durable runs, parallel branches, streamed events, pauses for people, queue mode.' },
  });
  const context: WorkflowRoutesContext = { serviceToken: secrets.serviceToken, http, runs: runsDomain({ store, feed, queue }) };
  requireServiceToken(http.app, secrets.serviceToken);
  runRoutes(http.app, context);
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind, executes: host !== null }, 'workflow listening');

  return {
    name: 'workflow',
    url,
    async stop() {
      await http.stop();
      await host?.stop();
      if (owned) {
        await queue.close();
        await pubsub.close();
      }
      await egress.close();
      await database.close();
      await telemetry.shutdown();
    },
  };
}
