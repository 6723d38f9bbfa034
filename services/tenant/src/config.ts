import {
  databaseEnvShape,
  databaseFromEnv,
  parseEnv,
  redisEnvShape,
  redisFromEnv,
  reportTo,
  requireDistributedSecrets,
  serviceEnvShape,
  secretEnv,
  serviceSettings,
  type Env,
  type SecretEnv,
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
  secrets: SecretEnv;
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
      secrets: secretEnv(env),
    };
  });

export function loadConfig(env: Env): TenantConfig {
  return parseEnv('tenant', schema, env);
}
