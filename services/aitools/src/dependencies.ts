import type { Dependency } from '@astron/kit/service';
import { createObjectStore } from '@astron/kit/storage';
import type { AitoolsConfig } from './config.js';

/** What the aitools service needs to serve: its S3 bucket when it has one (a local directory is made at start). */
export function aitoolsDependencies(config: AitoolsConfig): Dependency[] {
  const { storage } = config;
  if (storage.kind !== 's3') return [];
  return [
    {
      name: 'storage',
      target: `S3 bucket ${storage.bucket} at ${storage.endpoint ?? 'AWS'} (S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY or their OSS_* names)`,
      fix: 'start MinIO (or reach S3), create the bucket, or correct S3_* / OSS_*',
      async check() {
        const store = createObjectStore(storage);
        try {
          await store.ping();
        } finally {
          await store.close();
        }
      },
    },
  ];
}
