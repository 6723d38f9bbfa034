import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { MemoryConfig } from './config.js';
import { compatRoutes } from './routes/compat.js';
import { compatDataRoutes } from './routes/compat-data.js';
import { acceptUploads, requireServiceToken, type MemoryRoutesContext } from './routes/context.js';
import { databaseRoutes } from './routes/databases.js';
import { rowRoutes } from './routes/rows.js';
import { sqlRoutes } from './routes/sql.js';
import { tableRoutes } from './routes/tables.js';
import { openMemoryRuntime, type MemoryRuntime } from './runtime.js';

export const VERSION = '0.1.0';

export interface RunningMemory extends RunningService {
  runtime: MemoryRuntime;
}

/** The memory service: per-agent databases (a development and a production copy each), their tables, rows and SQL. */
export async function startMemory(config: MemoryConfig, _shared: SharedInfrastructure = {}): Promise<RunningMemory> {
  const { service } = config;
  const logger = createLogger({ service: 'memory', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'memory', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const runtime = await openMemoryRuntime(config, logger);
  const http = await createHttpApp({
    name: 'memory',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => runtime.database.ping() },
    openapi: { title: 'Astron memory service', description: 'Databases of agents and workflows: tables, rows, checked SQL, development and production copies.' },
  });
  const context: MemoryRoutesContext = { ...runtime, limits: config.limits };
  requireServiceToken(http.app, runtime.serviceToken);
  acceptUploads(http.app, config.limits.maxImportBytes);
  databaseRoutes(http.app, context);
  tableRoutes(http.app, context);
  rowRoutes(http.app, context);
  sqlRoutes(http.app, context);
  compatRoutes(http.app, context);
  compatDataRoutes(http.app, context);
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind }, 'memory listening');
  return {
    name: 'memory',
    url,
    runtime,
    async stop() {
      await http.stop();
      await runtime.close();
      await telemetry.shutdown();
    },
  };
}
