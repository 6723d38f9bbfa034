import {
  databaseEnvShape,
  databaseFromEnv,
  parseEnv,
  redisEnvShape,
  redisFromEnv,
  reportTo,
  requireDistributedSecrets,
  serviceEnvShape,
  serviceSettings,
  type Env,
  type RedisSettings,
  type ServiceSettings,
} from '@astron/kit/config';
import type { DatabaseConfig } from '@astron/kit/db';
import { z } from 'zod';

export const TENANT_PORT = 5052;

export interface TenantConfig {
  service: ServiceSettings;
  database: DatabaseConfig;
  redis: RedisSettings | null;
  secrets: {
    ASTRON_MODE: 'embedded' | 'distributed';
    ASTRON_SERVICE_TOKEN: string | undefined;
    ASTRON_ENCRYPTION_KEY: string | undefined;
    ASTRON_ENCRYPTION_KEY_ID: string | undefined;
    ASTRON_ENCRYPTION_OLD_KEYS: string[];
  };
}

const schema: z.ZodType<TenantConfig> = z
  .object({ ...serviceEnvShape(TENANT_PORT), ...databaseEnvShape, ...redisEnvShape })
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('tenant', env);
    const database = reportTo(context, 'DATABASE_URL', databaseFromEnv(env, { namespace: 'tenant', dataDir: service.dataDir }));
    const redis = reportTo(context, 'REDIS_ADDR', redisFromEnv(env));
    if (service.mode === 'distributed' && database?.kind === 'pglite') {
      context.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'distributed mode needs a MySQL or PostgreSQL database' });
    }
    if (service.mode === 'distributed' && redis === null) {
      // Replay protection must be shared by every instance, so it cannot live in one process.
      context.addIssue({ code: 'custom', path: ['REDIS_ADDR'], message: 'distributed mode needs Redis (host:port)' });
    }
    return {
      service,
      database: database!,
      redis: redis ?? null,
      secrets: {
        ASTRON_MODE: env.ASTRON_MODE,
        ASTRON_SERVICE_TOKEN: env.ASTRON_SERVICE_TOKEN,
        ASTRON_ENCRYPTION_KEY: env.ASTRON_ENCRYPTION_KEY,
        ASTRON_ENCRYPTION_KEY_ID: env.ASTRON_ENCRYPTION_KEY_ID,
        ASTRON_ENCRYPTION_OLD_KEYS: env.ASTRON_ENCRYPTION_OLD_KEYS,
      },
    };
  });

export function loadConfig(env: Env): TenantConfig {
  return parseEnv('tenant', schema, env);
}
