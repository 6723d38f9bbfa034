import {
  databaseEnvShape,
  envInt,
  mysqlEnvShape,
  mysqlFamilyStores,
  parseEnv,
  redisEnvShape,
  requireDistributedSecrets,
  secretEnv,
  serviceEnvShape,
  serviceSettings,
  type Env,
  type RedisSettings,
  type SecretEnv,
  type ServiceSettings,
} from '@astron/kit/config';
import type { DatabaseConfig } from '@astron/kit/db';
import { z } from 'zod';

export const LINK_PORT = 18888;

export interface LinkLimits {
  /** An OpenAPI document, pasted or fetched (LINK_MAX_DOCUMENT_BYTES). */
  maxDocumentBytes: number;
  /** One tool call, redirects and body included (LINK_RUN_TIMEOUT_MS). */
  runTimeoutMs: number;
  /** A tool's response body; larger answers fail with 413 (LINK_MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  /** One MCP session: connect, initialize, list or call (LINK_MCP_TIMEOUT_MS). */
  mcpTimeoutMs: number;
  /** How long an MCP server's tool list is reused; 0 asks the server every time (LINK_MCP_TOOLS_CACHE_SECONDS). */
  mcpToolsCacheMs: number;
}

export interface LinkConfig {
  service: ServiceSettings;
  /** MySQL (MYSQL_* as the original core-link, or DATABASE_*), PostgreSQL, or the embedded PGlite. */
  database: DatabaseConfig;
  /** Distributed mode: MCP tool lists are cached in Redis so every instance shares them. */
  redis: RedisSettings | null;
  secrets: SecretEnv;
  limits: LinkLimits;
}

const shape = {
  ...serviceEnvShape(LINK_PORT),
  ...databaseEnvShape,
  ...mysqlEnvShape,
  ...redisEnvShape,
  LINK_MAX_DOCUMENT_BYTES: envInt(5 * 1024 * 1024, 1024, 64 * 1024 * 1024),
  LINK_RUN_TIMEOUT_MS: envInt(30_000, 100, 600_000),
  LINK_MAX_RESPONSE_BYTES: envInt(2 * 1024 * 1024, 1024, 256 * 1024 * 1024),
  LINK_MCP_TIMEOUT_MS: envInt(30_000, 100, 600_000),
  LINK_MCP_TOOLS_CACHE_SECONDS: envInt(60, 0, 86_400),
};

const schema: z.ZodType<LinkConfig> = z
  .object(shape)
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('link', env);
    const { database, redis } = mysqlFamilyStores(env, context, service);
    return {
      service,
      database,
      redis,
      secrets: secretEnv(env),
      limits: {
        maxDocumentBytes: env.LINK_MAX_DOCUMENT_BYTES,
        runTimeoutMs: env.LINK_RUN_TIMEOUT_MS,
        maxResponseBytes: env.LINK_MAX_RESPONSE_BYTES,
        mcpTimeoutMs: env.LINK_MCP_TIMEOUT_MS,
        mcpToolsCacheMs: env.LINK_MCP_TOOLS_CACHE_SECONDS * 1000,
      },
    };
  });

export function loadConfig(env: Env): LinkConfig {
  return parseEnv('link', schema, env);
}
