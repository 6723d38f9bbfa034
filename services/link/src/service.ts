import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { LinkConfig } from './config.js';
import { compatMcpRoutes } from './routes/compat/mcp.js';
import { compatRunRoutes } from './routes/compat/run.js';
import { compatToolRoutes } from './routes/compat/tools.js';
import { requireServiceToken, type LinkRoutesContext } from './routes/context.js';
import { mcpRoutes } from './routes/mcp.js';
import { toolSetRoutes } from './routes/tool-sets.js';
import { toolRoutes } from './routes/tools.js';
import { openLinkRuntime, type LinkRuntime, type RuntimeOverrides } from './runtime.js';

export const VERSION = '0.1.0';

export interface RunningLink extends RunningService {
  runtime: LinkRuntime;
}

/** The link service: OpenAPI tool sets and MCP servers, our API under /link/v1 and the original's under /api/v1. */
export async function startLink(config: LinkConfig, shared: SharedInfrastructure = {}, overrides: RuntimeOverrides = {}): Promise<RunningLink> {
  const { service } = config;
  const logger = createLogger({ service: 'link', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'link', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const runtime = await openLinkRuntime(config, shared, logger, overrides);
  const { database, cache } = runtime;
  const http = await createHttpApp({
    name: 'link',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => database.ping(), cache: () => cache.ping() },
    openapi: { title: 'Astron link service', description: 'OpenAPI tool sets (import, versions, runs through the SSRF guard) and remote MCP servers.' },
  });
  const context: LinkRoutesContext = runtime;
  requireServiceToken(http.app, runtime.serviceToken);
  toolSetRoutes(http.app, context);
  toolRoutes(http.app, context);
  mcpRoutes(http.app, context);
  compatToolRoutes(http.app, context);
  compatRunRoutes(http.app, context);
  compatMcpRoutes(http.app, context);
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind }, 'link listening');

  return {
    name: 'link',
    url,
    runtime,
    async stop() {
      await http.stop();
      await runtime.close();
      await telemetry.shutdown();
    },
  };
}
