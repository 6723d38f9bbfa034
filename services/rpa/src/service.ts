import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { RpaConfig } from './config.js';
import { requireServiceToken, type RpaRoutesContext } from './routes/context.js';
import { execRoutes } from './routes/exec.js';
import { runRoutes } from './routes/run.js';
import { statusRoutes } from './routes/status.js';
import { taskRoutes } from './routes/tasks.js';
import { openRpaRuntime, type RpaRuntime } from './runtime.js';

export const VERSION = '0.1.0';

export interface RunningRpa extends RunningService {
  runtime: RpaRuntime;
}

/** The RPA service: runs robots on the RPA platform for the other services, streams or answers their results. */
export async function startRpa(config: RpaConfig, _shared: SharedInfrastructure = {}): Promise<RunningRpa> {
  const { service } = config;
  const logger = createLogger({ service: 'rpa', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'rpa', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const runtime = await openRpaRuntime(config, logger);
  const http = await createHttpApp({
    name: 'rpa',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => runtime.database.ping() },
    openapi: { title: 'Astron RPA service', description: "RPA robots: tasks on the RPA platform, followed to their end; astron-agent's /rpa/v1/exec." },
  });
  const context: RpaRoutesContext = { serviceToken: runtime.serviceToken, http, tasks: runtime.tasks, pingIntervalMs: config.timing.pingIntervalMs };
  requireServiceToken(http.app, runtime.serviceToken);
  execRoutes(http.app, context);
  runRoutes(http.app, context);
  taskRoutes(http.app, context);
  statusRoutes(http.app, { platform: runtime.platform, requestTimeoutMs: config.timing.requestTimeoutMs });
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind, platform: config.platform !== null }, 'rpa listening');

  return {
    name: 'rpa',
    url,
    runtime,
    async stop() {
      // Tasks first: their streams and blocking answers then end with a "cancelled" result instead of being cut.
      await runtime.tasks.stopAll();
      await http.stop();
      await runtime.close();
      await telemetry.shutdown();
    },
  };
}
