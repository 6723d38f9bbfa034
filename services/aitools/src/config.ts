import { join } from 'node:path';
import {
  envInt,
  envUrl,
  parseEnv,
  reportTo,
  requireDistributedSecrets,
  secretEnv,
  serviceEnvShape,
  serviceSettings,
  storageEnvShape,
  storageFromEnv,
  type Env,
  type SecretEnv,
  type ServiceSettings,
} from '@astron/kit/config';
import type { ObjectStoreConfig } from '@astron/kit/storage';
import { z } from 'zod';

export const AITOOLS_PORT = 18668;

/** Where stored files are served from when they live in a local directory (signed links, GET only). */
export const FILES_PATH = '/aitools/v1/files';

export interface AitoolsLimits {
  /** Largest file read or uploaded (audio to transcribe, an image to read), and largest generated file kept (AITOOLS_MAX_FILE_MB). */
  maxFileBytes: number;
  /** One model call, first byte to last (AITOOLS_MODEL_TIMEOUT_MS); image generation takes tens of seconds. */
  modelTimeoutMs: number;
  /** One fetch of a user's URL, redirects and body included (AITOOLS_FETCH_TIMEOUT_MS). */
  fetchTimeoutMs: number;
}

export interface AitoolsConfig {
  service: ServiceSettings;
  /**
   * Where generated images and audio are kept: S3 (MinIO) from S3_* / OSS_*, else a directory under the data dir
   * whose links this service serves under FILES_PATH. The local links' signing secret is derived at start from the
   * platform's service token.
   */
  storage: ObjectStoreConfig;
  secrets: SecretEnv;
  /** Where the hub resolves the space's model references (HUB_URL). */
  hubUrl: string;
  /** How long a file link works (OSS_TTL, seconds). */
  linkTtlSeconds: number;
  /** How long a stored file is kept before the sweep deletes it (AITOOLS_FILE_RETENTION_HOURS; at least the link's life). */
  fileRetentionSeconds: number;
  limits: AitoolsLimits;
}

const HOURS_EXPECTED = 'expected a whole number of hours from 1 to 8760';

/** Unset means "derived from OSS_TTL", so this one has no fixed default. */
function optionalHours() {
  const hours = z.coerce.number({ error: HOURS_EXPECTED }).int(HOURS_EXPECTED).min(1, HOURS_EXPECTED).max(8_760, HOURS_EXPECTED);
  return z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), hours.optional());
}

const shape = {
  ...serviceEnvShape(AITOOLS_PORT),
  ...storageEnvShape,
  HUB_URL: envUrl(),
  AITOOLS_MAX_FILE_MB: envInt(25, 1, 1_024),
  AITOOLS_MODEL_TIMEOUT_MS: envInt(120_000, 1_000, 900_000),
  AITOOLS_FETCH_TIMEOUT_MS: envInt(30_000, 1_000, 600_000),
  AITOOLS_FILE_RETENTION_HOURS: optionalHours(),
};

const DEFAULT_RETENTION_HOURS = 24;

const schema: z.ZodType<AitoolsConfig> = z
  .object(shape)
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('aitools', env);
    const publicUrl = (service.publicUrl ?? `http://127.0.0.1:${service.port}`).replace(/\/+$/, '');
    const storage = reportTo(context, 'S3_BUCKET', storageFromEnv(env, { root: join(service.dataDir, 'aitools-files'), baseUrl: `${publicUrl}${FILES_PATH}`, secret: '' }));
    if (service.mode === 'distributed' && storage?.kind === 'local' && service.publicUrl === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'links to generated files must reach this service from outside its container: set PUBLIC_URL (core-aitools as browsers and other services reach it), or keep files on S3 (S3_* / OSS_*)',
      });
    }
    const linkTtlSeconds = env.OSS_TTL;
    if (storage?.kind === 's3' && storage.presignExpirySeconds !== undefined && linkTtlSeconds > storage.presignExpirySeconds) {
      context.addIssue({
        code: 'custom',
        path: ['OSS_TTL'],
        message: `links would last ${linkTtlSeconds} s but S3_PRESIGN_EXPIRY_SECONDS caps presigned links at ${storage.presignExpirySeconds} s: raise S3_PRESIGN_EXPIRY_SECONDS or lower OSS_TTL`,
      });
    }
    const retentionHours = env.AITOOLS_FILE_RETENTION_HOURS ?? Math.max(DEFAULT_RETENTION_HOURS, Math.ceil(linkTtlSeconds / 3600));
    if (retentionHours * 3600 < linkTtlSeconds) {
      context.addIssue({ code: 'custom', path: ['AITOOLS_FILE_RETENTION_HOURS'], message: `files must outlive their links: OSS_TTL is ${linkTtlSeconds} s, so keep them at least ${Math.ceil(linkTtlSeconds / 3600)} hours` });
    }
    return {
      service,
      storage: storage!,
      secrets: secretEnv(env),
      hubUrl: env.HUB_URL ?? 'http://127.0.0.1:8080',
      linkTtlSeconds,
      fileRetentionSeconds: retentionHours * 3600,
      limits: {
        maxFileBytes: env.AITOOLS_MAX_FILE_MB * 1024 * 1024,
        modelTimeoutMs: env.AITOOLS_MODEL_TIMEOUT_MS,
        fetchTimeoutMs: env.AITOOLS_FETCH_TIMEOUT_MS,
      },
    };
  });

export function loadConfig(env: Env): AitoolsConfig {
  return parseEnv('aitools', schema, env);
}
