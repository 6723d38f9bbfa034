import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { AitoolsConfig } from './config.js';
import { compatRoutes } from './routes/compat.js';
import { requireServiceToken } from './routes/context.js';
import { fileRoutes } from './routes/files.js';
import { acceptMultipart } from './routes/run-request.js';
import { toolRoutes } from './routes/tools.js';
import { openAitoolsRuntime, type AitoolsRuntime, type RuntimeOverrides } from './runtime.js';

export const VERSION = '0.1.0';

export interface RunningAitools extends RunningService {
  runtime: AitoolsRuntime;
}

/** The aitools service: built-in AI tools over the space's OpenAI-compatible providers, and the files they make. */
export async function startAitools(config: AitoolsConfig, _shared: SharedInfrastructure = {}, overrides: RuntimeOverrides = {}): Promise<RunningAitools> {
  const { service } = config;
  const logger = createLogger({ service: 'aitools', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'aitools', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const runtime = await openAitoolsRuntime(config, logger, overrides);
  const { store, serviceToken, services } = runtime;
  const http = await createHttpApp({
    name: 'aitools',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { storage: () => store.ping() },
    openapi: { title: 'Astron aitools service', description: 'Built-in AI tools (images, speech, OCR, translation, web reading) over the space\'s OpenAI-compatible providers.' },
  });
  requireServiceToken(http.app, serviceToken);
  acceptMultipart(http.app, config.limits.maxFileBytes);
  toolRoutes(http.app, { serviceToken, services });
  compatRoutes(http.app, { serviceToken, services });
  fileRoutes(http.app, { store, signing: runtime.signing });
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, storage: config.storage.kind }, 'aitools listening');

  return {
    name: 'aitools',
    url,
    runtime,
    async stop() {
      await http.stop();
      await runtime.close();
      await telemetry.shutdown();
    },
  };
}
