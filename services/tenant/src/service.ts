import { createCache, type Cache } from '@astron/kit/cache';
import { resolveSecrets } from '@astron/kit/config';
import { createKeyring } from '@astron/kit/crypto';
import { openMigratedDatabase, type Database } from '@astron/kit/db';
import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { TenantConfig } from './config.js';
import { appsDomain } from './domain/apps.js';
import { credentialsDomain } from './domain/credentials.js';
import { keyDirectory } from './domain/key-directory.js';
import { verificationDomain } from './domain/verify.js';
import { appRoutes } from './routes/apps.js';
import { compatV2Routes } from './routes/compat-v2.js';
import { verifyRoutes } from './routes/verify.js';
import { appsStore } from './store/apps-store.js';
import { credentialsStore } from './store/credentials-store.js';
import { migrations } from './store/migrations.js';
import type { TenantSchema } from './store/tables.js';

export const VERSION = '0.1.0';

/** Wires the tenant service from its configuration and starts listening. */
export async function startTenant(config: TenantConfig, shared: SharedInfrastructure = {}): Promise<RunningService> {
  const { service } = config;
  const logger = createLogger({ service: 'tenant', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'tenant', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const secrets = resolveSecrets(config.secrets, service.dataDir);
  const keyring = createKeyring({
    currentKey: secrets.encryptionKey,
    currentKeyId: secrets.encryptionKeyId,
    oldKeys: secrets.oldEncryptionKeys,
  });

  const database: Database<TenantSchema> = await openMigratedDatabase<TenantSchema>(config.database, migrations, { logger });
  const ownsCache = config.redis !== null || shared.cache === undefined;
  const cache: Cache =
    config.redis !== null
      ? createCache({ kind: 'redis', redis: config.redis, prefix: 'astron:tenant:' })
      : (shared.cache ?? createCache({ kind: 'memory' }));

  const apps = appsStore(database);
  const credentials = credentialsStore(database);
  const directory = keyDirectory({ apps, credentials, cache });
  const context = {
    serviceToken: secrets.serviceToken,
    apps: appsDomain(apps, directory),
    credentials: credentialsDomain(apps, credentials, keyring, directory),
    verification: verificationDomain({ directory, keyring, cache }),
  };
  const http = await createHttpApp({
    name: 'tenant',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => database.ping(), cache: () => cache.ping() },
    openapi: { title: 'Astron tenant service', description: 'Apps, their credentials, and request signature checks.' },
  });
  appRoutes(http.app, context);
  verifyRoutes(http.app, context);
  compatV2Routes(http.app, context);
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind }, 'tenant listening');

  return {
    name: 'tenant',
    url,
    async stop() {
      await http.stop();
      if (ownsCache) await cache.close();
      await database.close();
      await telemetry.shutdown();
    },
  };
}
