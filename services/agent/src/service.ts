import { resolveSecrets } from '@astron/kit/config';
import { openMigratedDatabase, type Database } from '@astron/kit/db';
import { createEgressClient } from '@astron/kit/egress';
import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { AgentConfig } from './config.js';
import { botConfigsDomain } from './domain/bot-configs.js';
import { conversationsDomain } from './domain/memory/conversations.js';
import { modelResolver } from './domain/model-resolver.js';
import { agentRunner } from './domain/run-agent.js';
import { toolProviders } from './domain/tools/providers.js';
import { compatBotConfigRoutes } from './routes/compat-bot-config.js';
import { compatChatRoutes } from './routes/compat-chat.js';
import { requireServiceToken, type AgentRoutesContext } from './routes/context.js';
import { conversationRoutes } from './routes/conversations.js';
import { runRoutes } from './routes/runs.js';
import { botConfigsStore } from './store/bot-configs-store.js';
import { conversationsStore } from './store/conversations-store.js';
import { migrations } from './store/migrations.js';
import type { AgentSchema } from './store/tables.js';

export const VERSION = '0.1.0';

/** Wires the agent service from its configuration and starts listening. */
export async function startAgent(config: AgentConfig, _shared: SharedInfrastructure = {}): Promise<RunningService> {
  const { service } = config;
  const logger = createLogger({ service: 'agent', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'agent', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const secrets = resolveSecrets(config.secrets, service.dataDir);

  const database: Database<AgentSchema> = await openMigratedDatabase<AgentSchema>(config.database, migrations, { logger });

  // Tools read pages users name: every such request goes through the SSRF guard (EGRESS_*).
  const egress = createEgressClient({ ...service.egress, timeoutMs: 20_000, maxResponseBytes: 5 * 1024 * 1024 });
  const conversations = conversationsDomain(conversationsStore(database));
  const http = await createHttpApp({
    name: 'agent',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => database.ping() },
    openapi: { title: 'Astron agent service', description: 'Runs agents: function calling and ReAct with tools, streamed, with conversation memory.' },
  });
  const context: AgentRoutesContext = {
    serviceToken: secrets.serviceToken,
    http,
    runner: agentRunner({ conversations, providers: toolProviders(config, secrets.serviceToken), egress, limits: config.limits }),
    conversations,
    botConfigs: botConfigsDomain(botConfigsStore(database)),
    resolveModel: modelResolver({ hubUrl: config.hubUrl, serviceToken: secrets.serviceToken }),
    limits: config.limits,
  };
  requireServiceToken(http.app, secrets.serviceToken);
  runRoutes(http.app, context);
  conversationRoutes(http.app, context);
  compatBotConfigRoutes(http.app, context);
  compatChatRoutes(http.app, context);
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind }, 'agent listening');

  return {
    name: 'agent',
    url,
    async stop() {
      await http.stop();
      await egress.close();
      await database.close();
      await telemetry.shutdown();
    },
  };
}
