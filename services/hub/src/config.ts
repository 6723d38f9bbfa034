import {
  databaseEnvShape,
  databaseFromEnv,
  envBool,
  envInt,
  envString,
  envUrl,
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
import { mysqlFromJdbc } from './config-jdbc.js';

export const HUB_PORT = 8080;

export interface OidcSettings {
  /** Shown on the sign-in button: "Sign in with Casdoor". */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUrl: string;
  scopes: string;
  /** Where the provider sends the browser after its own logout. */
  postLogoutRedirectUrl: string;
}

export interface HubConfig {
  service: ServiceSettings;
  database: DatabaseConfig;
  redis: RedisSettings | null;
  oidc: OidcSettings | null;
  /** The tenant service (apps and keys). */
  tenantUrl: string;
  /** The agent service (runs agents). */
  agentUrl: string;
  /** The workflow service (runs workflows, keeps their runs). */
  workflowUrl: string;
  /** The knowledge service (knowledge bases, documents, retrieval). */
  knowledgeUrl: string;
  /** The largest document upload the hub forwards (KNOWLEDGE_MAX_FILE_MB, as the knowledge service's limit). */
  knowledgeMaxFileBytes: number;
  /** The link service (OpenAPI tool sets, MCP servers). */
  linkUrl: string;
  /** The memory service (databases of agents and workflows). */
  memoryUrl: string;
  /** The largest CSV import the hub forwards (MEMORY_MAX_IMPORT_MB, as the memory service's limit). */
  memoryMaxImportBytes: number;
  /** The aitools service (built-in AI tools). */
  aitoolsUrl: string;
  /** The RPA service (robots on the RPA platform). */
  rpaUrl: string;
  /** The built console to serve (embedded mode); null when nginx serves it. */
  consoleDir: string | null;
  session: { ttlHours: number; secureCookies: boolean };
  /** Requests per minute per API key at the gateway. */
  rateLimitPerMinute: number;
  /** Local accounts may be turned off when SSO is the only way in. */
  localLogin: boolean;
  /** Whose X-Forwarded-For to believe for client addresses (audit log, rate limits). */
  trustProxy: boolean | string[];
  secrets: SecretEnv;
}

const hubEnvShape = {
  // The original console-hub's MySQL variables (a JDBC URL).
  MYSQL_URL: envString(),
  MYSQL_USERNAME: envString(),
  MYSQL_PASSWORD: envString(),
  // OIDC: the generic names, or the original's Casdoor / OAuth2 names.
  OIDC_ISSUER: envUrl(),
  OIDC_CLIENT_ID: envString(),
  OIDC_CLIENT_SECRET: envString(),
  OIDC_REDIRECT_URL: envUrl(),
  OIDC_SCOPES: envString(),
  OIDC_NAME: envString(),
  CONSOLE_CASDOOR_URL: envUrl(),
  CONSOLE_CASDOOR_ID: envString(),
  CONSOLE_CASDOOR_SECRET: envString(),
  OAUTH2_ISSUER_URI: envUrl(),
  OAUTH2_AUDIENCE: envString(),
  TENANT_URL: envUrl(),
  AGENT_URL: envUrl(),
  WORKFLOW_URL: envUrl(),
  KNOWLEDGE_URL: envUrl(),
  KNOWLEDGE_MAX_FILE_MB: envInt(50, 1, 2_048),
  LINK_URL: envUrl(),
  MEMORY_URL: envUrl(),
  MEMORY_MAX_IMPORT_MB: envInt(20, 1, 1_024),
  AITOOLS_URL: envUrl(),
  RPA_URL: envUrl(),
  CONSOLE_DIST: envString(),
  SESSION_TTL_HOURS: envInt(168, 1, 24 * 90),
  COOKIE_SECURE: envString(),
  RATE_LIMIT_PER_MINUTE: envInt(600, 1, 1_000_000),
  LOCAL_LOGIN: envBool(true),
  // Behind nginx: "true" (trust every hop), or the proxies' addresses / CIDRs, comma separated.
  TRUST_PROXY: envString(),
};

const schema: z.ZodType<HubConfig> = z
  .object({ ...serviceEnvShape(HUB_PORT), ...databaseEnvShape, ...redisEnvShape, ...hubEnvShape })
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('hub', env);
    const database =
      env.MYSQL_URL !== undefined
        ? reportTo(context, 'MYSQL_URL', mysqlFromJdbc(env.MYSQL_URL, env.MYSQL_USERNAME, env.MYSQL_PASSWORD, env))
        : reportTo(context, 'DATABASE_URL', databaseFromEnv(env, { namespace: 'hub', dataDir: service.dataDir }));
    const redis = reportTo(context, 'REDIS_ADDR', redisFromEnv(env)) ?? null;
    if (service.mode === 'distributed' && database?.kind === 'pglite') {
      context.addIssue({ code: 'custom', path: ['MYSQL_URL'], message: 'distributed mode needs a MySQL (MYSQL_URL) or PostgreSQL (DATABASE_URL) database' });
    }
    if (service.mode === 'distributed' && redis === null) {
      context.addIssue({ code: 'custom', path: ['REDIS_HOST'], message: 'distributed mode needs Redis (REDIS_HOST and REDIS_PORT, or REDIS_ADDR)' });
    }
    const publicUrl = service.publicUrl ?? `http://localhost:${service.port}`;
    const issuer = env.OIDC_ISSUER ?? env.CONSOLE_CASDOOR_URL ?? env.OAUTH2_ISSUER_URI;
    const clientId = env.OIDC_CLIENT_ID ?? env.CONSOLE_CASDOOR_ID ?? env.OAUTH2_AUDIENCE;
    if (issuer !== undefined && clientId === undefined) {
      context.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'an OIDC issuer is set, so the client id is needed (OIDC_CLIENT_ID or CONSOLE_CASDOOR_ID)' });
    }
    const oidc: OidcSettings | null =
      issuer === undefined || clientId === undefined
        ? null
        : {
            name: env.OIDC_NAME ?? (env.CONSOLE_CASDOOR_URL !== undefined ? 'Casdoor' : 'SSO'),
            issuer,
            clientId,
            clientSecret: env.OIDC_CLIENT_SECRET ?? env.CONSOLE_CASDOOR_SECRET,
            redirectUrl: env.OIDC_REDIRECT_URL ?? `${publicUrl}/api/auth/oidc/callback`,
            scopes: env.OIDC_SCOPES ?? 'openid profile email',
            postLogoutRedirectUrl: `${publicUrl}/signin`,
          };
    const secureCookies = env.COOKIE_SECURE === undefined ? publicUrl.startsWith('https://') : env.COOKIE_SECURE === 'true';
    return {
      service,
      database: database!,
      redis,
      oidc,
      tenantUrl: env.TENANT_URL ?? 'http://127.0.0.1:5052',
      agentUrl: env.AGENT_URL ?? 'http://127.0.0.1:17870',
      workflowUrl: env.WORKFLOW_URL ?? 'http://127.0.0.1:7880',
      knowledgeUrl: env.KNOWLEDGE_URL ?? 'http://127.0.0.1:20010',
      // A multipart body carries its boundaries and headers too.
      knowledgeMaxFileBytes: env.KNOWLEDGE_MAX_FILE_MB * 1024 * 1024 + 1024 * 1024,
      linkUrl: env.LINK_URL ?? 'http://127.0.0.1:18888',
      memoryUrl: env.MEMORY_URL ?? 'http://127.0.0.1:7990',
      memoryMaxImportBytes: env.MEMORY_MAX_IMPORT_MB * 1024 * 1024,
      aitoolsUrl: env.AITOOLS_URL ?? 'http://127.0.0.1:18668',
      rpaUrl: env.RPA_URL ?? 'http://127.0.0.1:8003',
      consoleDir: env.CONSOLE_DIST ?? null,
      session: { ttlHours: env.SESSION_TTL_HOURS, secureCookies },
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      localLogin: env.LOCAL_LOGIN,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      secrets: secretEnv(env),
    };
  });

export function loadConfig(env: Env): HubConfig {
  return parseEnv('hub', schema, env);
}

function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}
