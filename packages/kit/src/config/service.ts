import type { z } from 'zod';
import { envBool, envChoice, envInt, envList, envPort, envString, envUrl } from './fields.js';

export const SECRET_PLACEHOLDER_MARK = 'change-me';

/** Variables every service reads. `defaultPort` is the service's port in the original astron-agent. */
export function serviceEnvShape(defaultPort: number) {
  return {
    SERVICE_PORT: envPort(defaultPort),
    SERVICE_HOST: envString(),
    SERVICE_LOCATION: envString(),
    ASTRON_MODE: envChoice(['embedded', 'distributed'] as const, 'embedded'),
    ASTRON_DATA_DIR: envString(),
    LOG_LEVEL: envChoice(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    LOG_PATH: envString(),
    OTLP_ENDPOINT: envString(),
    OTLP_ENABLE: envBool(true),
    ASTRON_SERVICE_TOKEN: envString(),
    ASTRON_ENCRYPTION_KEY: envString(),
    ASTRON_ENCRYPTION_KEY_ID: envString(),
    ASTRON_ENCRYPTION_OLD_KEYS: envList(),
    HTTP_BODY_LIMIT_BYTES: envInt(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    EGRESS_ALLOW_PRIVATE: envBool(false),
    EGRESS_ALLOW_HOSTS: envList(),
    PUBLIC_URL: envUrl(),
  };
}

type ServiceEnv = z.output<z.ZodObject<ReturnType<typeof serviceEnvShape>>>;

/**
 * In distributed mode no secret may be missing, short or still a placeholder from .env.example;
 * embedded mode generates its own (see embeddedSecrets) so a laptop start needs nothing.
 */
export function requireDistributedSecrets(env: ServiceEnv, context: z.RefinementCtx): void {
  if (env.ASTRON_MODE !== 'distributed') return;
  const token = env.ASTRON_SERVICE_TOKEN;
  if (token === undefined || token.length < 32 || token.includes(SECRET_PLACEHOLDER_MARK)) {
    context.addIssue({
      code: 'custom',
      path: ['ASTRON_SERVICE_TOKEN'],
      message: 'expected a shared secret of at least 32 characters that is not a placeholder (openssl rand -hex 32)',
    });
  }
  const key = env.ASTRON_ENCRYPTION_KEY;
  if (key === undefined || !isBase64Key(key) || key.includes(SECRET_PLACEHOLDER_MARK)) {
    context.addIssue({
      code: 'custom',
      path: ['ASTRON_ENCRYPTION_KEY'],
      message: 'expected 32 random bytes in base64 (openssl rand -base64 32)',
    });
  }
}

export function isBase64Key(value: string): boolean {
  return /^[A-Za-z0-9+/]{42,43}=?$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

export interface ServiceSettings {
  name: string;
  port: number;
  host: string;
  mode: 'embedded' | 'distributed';
  location: string;
  dataDir: string;
  logLevel: ServiceEnv['LOG_LEVEL'];
  logPath: string | undefined;
  otlpEndpoint: string | undefined;
  bodyLimitBytes: number;
  egress: { allowPrivate: boolean; allowHosts: string[] };
  publicUrl: string | undefined;
}

export function serviceSettings(name: string, env: ServiceEnv): ServiceSettings {
  const mode = env.ASTRON_MODE;
  return {
    name,
    port: env.SERVICE_PORT,
    host: env.SERVICE_HOST ?? (mode === 'embedded' ? '127.0.0.1' : '0.0.0.0'),
    mode,
    location: env.SERVICE_LOCATION ?? name,
    dataDir: env.ASTRON_DATA_DIR ?? './data',
    logLevel: env.LOG_LEVEL,
    logPath: env.LOG_PATH,
    otlpEndpoint: env.OTLP_ENABLE ? env.OTLP_ENDPOINT : undefined,
    bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
    egress: { allowPrivate: env.EGRESS_ALLOW_PRIVATE, allowHosts: env.EGRESS_ALLOW_HOSTS },
    publicUrl: env.PUBLIC_URL,
  };
}
