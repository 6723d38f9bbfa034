import { createHmac } from 'node:crypto';
import { resolveSecrets } from '@astron/kit/config';
import { createEgressClient, type EgressClient } from '@astron/kit/egress';
import type { Logger } from '@astron/kit/log';
import { createObjectStore, type LocalSigning, type ObjectStore } from '@astron/kit/storage';
import { hubModelResolver } from '@astron/llm';
import type { AitoolsConfig } from './config.js';
import { createFileLinks, type FileLinks } from './files/file-links.js';
import { createFileReader } from './files/input-file.js';
import { startFileSweeper, type FileSweeper } from './files/sweeper.js';
import { hubModels, type AitoolsModels } from './models/resolver.js';
import type { ToolServices } from './tools/run-tool.js';

export interface AitoolsRuntime {
  serviceToken: string;
  store: ObjectStore;
  /** The local store's signing, for the route that serves its files; null on S3. */
  signing: LocalSigning | null;
  files: FileLinks;
  services: ToolServices;
  sweeper: FileSweeper;
  close(): Promise<void>;
}

/** Replaces what the runtime would build, for tests and benchmarks: models at a fixed endpoint (the fake OpenAI). */
export interface RuntimeOverrides {
  models?: AitoolsModels;
}

/** The local links' secret: derived from the platform's, so a leaked link secret says nothing about service tokens. */
function linkSecret(serviceToken: string): string {
  return createHmac('sha256', serviceToken).update('astron-aitools-file-links').digest('hex');
}

async function openStorage(config: AitoolsConfig, serviceToken: string): Promise<{ store: ObjectStore; signing: LocalSigning | null }> {
  if (config.storage.kind === 'local') {
    const signing = { ...config.storage.signing, secret: linkSecret(serviceToken) };
    return { store: createObjectStore({ ...config.storage, signing }), signing };
  }
  const store = createObjectStore(config.storage);
  await store.ensureBucket();
  return { store, signing: null };
}

export async function openAitoolsRuntime(config: AitoolsConfig, logger: Logger, overrides: RuntimeOverrides = {}): Promise<AitoolsRuntime> {
  const secrets = resolveSecrets(config.secrets, config.service.dataDir);
  const { limits } = config;
  const { store, signing } = await openStorage(config, secrets.serviceToken);
  const files = await createFileLinks(store, config.linkTtlSeconds);
  // Pages, input files and image URLs come from addresses users (or providers) give: every request goes through the SSRF guard.
  const egress: EgressClient = createEgressClient({ ...config.service.egress, timeoutMs: limits.fetchTimeoutMs, maxResponseBytes: limits.maxFileBytes });
  const models = overrides.models ?? hubModels(hubModelResolver({ hubUrl: config.hubUrl, serviceToken: secrets.serviceToken, caller: 'aitools' }));
  const sweeper = startFileSweeper(store, config.fileRetentionSeconds, logger);
  return {
    serviceToken: secrets.serviceToken,
    store,
    signing,
    files,
    services: { models, files, reader: createFileReader(egress, files), egress, limits },
    sweeper,
    async close() {
      await sweeper.stop();
      await egress.close();
      await store.close();
    },
  };
}
