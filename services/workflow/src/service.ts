import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { WorkflowConfig } from './config.js';
import { runsDomain } from './domain/runs.js';
import { requireServiceToken, type WorkflowRoutesContext } from './routes/context.js';
import { runRoutes } from './routes/runs.js';
import { openWorkflowRuntime } from './runtime.js';

export const VERSION = '0.1.0';

/**
 * The workflow service: the run API, and (unless WORKFLOW_EXECUTE=false, for API-only instances) an executor that
 * takes queued runs. `astron worker` runs executors without the API.
 */
export async function startWorkflow(config: WorkflowConfig, shared: SharedInfrastructure = {}): Promise<RunningService> {
  const { service } = config;
  const logger = createLogger({ service: 'workflow', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'workflow', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const runtime = await openWorkflowRuntime(config, shared, logger);
  const host = config.limits.execute ? await runtime.startExecutor() : null;
  const { database, queue, pubsub, store, feed } = runtime;
  const http = await createHttpApp({
    name: 'workflow',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => database.ping(), queue: () => queue.ping(), pubsub: () => pubsub.ping() },
    openapi: { title: 'Astron workflow service', description: 'Runs workflows: durable runs, parallel branches, streamed events, pauses for people, queue mode.' },
  });
  const context: WorkflowRoutesContext = { serviceToken: runtime.serviceToken, http, runs: runsDomain({ store, feed, queue }) };
  requireServiceToken(http.app, runtime.serviceToken);
  runRoutes(http.app, context);
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind, executes: host !== null }, 'workflow listening');

  return {
    name: 'workflow',
    url,
    async stop() {
      await http.stop();
      await host?.stop();
      await runtime.close();
      await telemetry.shutdown();
    },
  };
}

/**
 * `astron worker`: executors only, for queue mode (runs are jobs on Redis; any number of workers take them). With
 * `probes`, it also answers /health and /ready there (the compose worker service's health check); no run API.
 */
export async function startWorkflowWorker(config: WorkflowConfig, options: { probes?: { port: number; host: string } } = {}): Promise<RunningService & { owner: string }> {
  const logger = createLogger({ service: 'workflow-worker', level: config.service.logLevel, file: config.service.logPath });
  const telemetry = initTelemetry({ serviceName: 'workflow-worker', version: VERSION, otlpEndpoint: config.service.otlpEndpoint });
  const runtime = await openWorkflowRuntime(config, {}, logger);
  const host = await runtime.startExecutor();
  const { database, queue, pubsub } = runtime;
  const http =
    options.probes === undefined
      ? null
      : await createHttpApp({ name: 'workflow-worker', version: VERSION, logger, bodyLimitBytes: 1024, readiness: { database: () => database.ping(), queue: () => queue.ping(), pubsub: () => pubsub.ping() } });
  const url = http === null || options.probes === undefined ? '' : await http.listen(options.probes);
  logger.info({ owner: host.owner, concurrency: config.limits.workerConcurrency, queue: config.redis === null ? 'in-process' : 'redis', probes: url || null }, 'workflow worker taking runs');
  return {
    name: 'workflow-worker',
    url,
    owner: host.owner,
    async stop() {
      await http?.stop();
      await host.stop();
      await runtime.close();
      await telemetry.shutdown();
    },
  };
}
