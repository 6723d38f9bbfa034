import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import { createCache, type Cache } from '@astron/kit/cache';
import { resolveSecrets } from '@astron/kit/config';
import { createKeyring } from '@astron/kit/crypto';
import { openMigratedDatabase } from '@astron/kit/db';
import { createEgressClient } from '@astron/kit/egress';
import { createHttpApp, type HttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { createServiceClient } from '@astron/kit/service-client';
import { initTelemetry } from '@astron/kit/telemetry';
import { userStore } from './accounts/users.js';
import { auditLog } from './audit/log.js';
import { sessionGuard } from './auth/guard.js';
import { sessionStore } from './auth/sessions.js';
import type { HubConfig } from './config.js';
import type { HubContext } from './context.js';
import { serveConsole } from './console.js';
import { registerRoutes } from './routes.js';
import { spaceStore } from './spaces/store.js';
import { migrations } from './store/migrations.js';
import type { HubSchema } from './store/tables.js';

export const VERSION = '0.1.0';

export interface Hub {
  context: HubContext;
  http: HttpApp;
  stop(): Promise<void>;
}

/** Starts the hub: console API (/api), public gateway (/v1), and the console's files in embedded mode. */
export async function startHub(config: HubConfig, shared: SharedInfrastructure = {}): Promise<RunningService> {
  const hub = await createHub(config, shared);
  const url = await hub.http.listen({ port: config.service.port, host: config.service.host });
  hub.context.logger.info({ url, mode: config.service.mode, database: config.database.kind, sso: config.oidc?.issuer ?? null }, 'hub listening');
  return { name: 'hub', url, stop: () => hub.stop() };
}

/** Wires the hub without listening (tests reach its context). */
export async function createHub(config: HubConfig, shared: SharedInfrastructure = {}): Promise<Hub> {
  const { service } = config;
  const logger = createLogger({ service: 'hub', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'hub', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const secrets = resolveSecrets(config.secrets, service.dataDir);
  const keyring = createKeyring({ currentKey: secrets.encryptionKey, currentKeyId: secrets.encryptionKeyId, oldKeys: secrets.oldEncryptionKeys });
  const db = await openMigratedDatabase<HubSchema>(config.database, migrations, { logger });
  const ownsCache = config.redis !== null || shared.cache === undefined;
  const cache: Cache =
    config.redis !== null ? createCache({ kind: 'redis', redis: config.redis, prefix: 'astron:hub:' }) : (shared.cache ?? createCache({ kind: 'memory' }));

  const spaces = spaceStore(db);
  const users = userStore(db, spaces);
  const sessions = sessionStore(db, config.session.ttlHours);
  // A laptop's own models (Ollama, LM Studio) live on loopback: embedded mode lets providers reach them.
  const egress = createEgressClient({
    allowPrivate: service.egress.allowPrivate || service.mode === 'embedded',
    allowHosts: service.egress.allowHosts,
  });
  const context: HubContext = {
    config,
    logger,
    db,
    cache,
    keyring,
    serviceToken: secrets.serviceToken,
    tenant: createServiceClient({ baseUrl: config.tenantUrl, serviceToken: secrets.serviceToken, caller: 'hub' }),
    egress,
    users,
    spaces,
    sessions,
    guard: sessionGuard({ sessions, users, spaces }),
    audit: auditLog(db),
  };

  const http = await createHttpApp({
    name: 'hub',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    trustProxy: config.trustProxy,
    readiness: { database: () => db.ping(), cache: () => cache.ping() },
    openapi: { title: 'Astron hub', description: 'Console API (/api, session cookie + x-csrf-token) and public gateway (/v1, API keys).' },
  });
  await http.app.register(cookie);
  registerRoutes(http.app, context, http);
  if (config.consoleDir !== null && existsSync(config.consoleDir)) await serveConsole(http.app, config.consoleDir);
  return {
    context,
    http,
    async stop() {
      await http.stop();
      await egress.close();
      if (ownsCache) await cache.close();
      await db.close();
      await telemetry.shutdown();
    },
  };
}
