import type { z } from 'zod';
import type { ObjectStoreConfig } from '../storage/index.js';
import { envInt, envString } from './fields.js';

/** OSS_* as the original's workflow and aitools name them; S3_* as its hub does. Either family works anywhere. */
export const storageEnvShape = {
  OSS_TYPE: envString(),
  OSS_ENDPOINT: envString(),
  OSS_ACCESS_KEY_ID: envString(),
  OSS_ACCESS_KEY_SECRET: envString(),
  OSS_BUCKET_NAME: envString(),
  OSS_TTL: envInt(3600, 1, 604_800),
  OSS_DOWNLOAD_HOST: envString(),
  S3_ENDPOINT: envString(),
  S3_REGION: envString(),
  S3_ACCESS_KEY: envString(),
  S3_SECRET_KEY: envString(),
  S3_BUCKET: envString(),
  S3_PRESIGN_EXPIRY_SECONDS: envInt(3600, 1, 604_800),
};

type StorageEnv = z.output<z.ZodObject<typeof storageEnvShape>>;

/**
 * S3 (MinIO) when an endpoint or bucket is configured (or OSS_TYPE is s3/minio); a local directory under the data
 * dir when none is or OSS_TYPE is local, whose signed URLs point at the service's public URL and are signed with
 * the platform secret.
 */
export function storageFromEnv(
  env: StorageEnv,
  local: { root: string; baseUrl: string; secret: string },
): ObjectStoreConfig | string {
  const endpoint = env.S3_ENDPOINT ?? env.OSS_ENDPOINT;
  const bucket = env.S3_BUCKET ?? env.OSS_BUCKET_NAME;
  if (env.OSS_TYPE === 'local' || (endpoint === undefined && bucket === undefined && env.OSS_TYPE === undefined)) {
    return { kind: 'local', root: local.root, signing: { secret: local.secret, baseUrl: local.baseUrl } };
  }
  if (env.OSS_TYPE !== undefined && env.OSS_TYPE !== 's3' && env.OSS_TYPE !== 'minio') {
    return `expected OSS_TYPE s3, minio or local, got "${env.OSS_TYPE}"`;
  }
  if (bucket === undefined) return 'expected a bucket name in S3_BUCKET or OSS_BUCKET_NAME';
  const accessKeyId = env.S3_ACCESS_KEY ?? env.OSS_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_SECRET_KEY ?? env.OSS_ACCESS_KEY_SECRET;
  const endpointUrl = endpoint === undefined ? undefined : /^https?:\/\//.test(endpoint) ? endpoint : `http://${endpoint}`;
  return {
    kind: 's3',
    bucket,
    region: env.S3_REGION ?? 'us-east-1',
    ...(endpointUrl === undefined ? {} : { endpoint: endpointUrl }),
    ...(accessKeyId === undefined ? {} : { accessKeyId }),
    ...(secretAccessKey === undefined ? {} : { secretAccessKey }),
    presignExpirySeconds: env.S3_PRESIGN_EXPIRY_SECONDS ?? env.OSS_TTL,
  };
}
