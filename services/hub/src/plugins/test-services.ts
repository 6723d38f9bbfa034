import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig as loadAitoolsConfig, startAitools } from '@astron/aitools';
import { startEmbeddedPostgres } from '@astron/kit/db';
import type { RunningService } from '@astron/kit/service';
import { loadConfig as loadLinkConfig, startLink } from '@astron/link';
import { loadConfig as loadMemoryConfig, startMemory } from '@astron/memory';
import { loadConfig as loadRpaConfig, startRpa } from '@astron/rpa';
import { startFakeRpa, type FakeRpa } from '@astron/testing/fake-rpa';

export interface PluginServices {
  linkUrl: string;
  memoryUrl: string;
  aitoolsUrl: string;
  rpaUrl: string;
  /** The RPA platform rpa runs robots on: no tokens, no robots until a test adds them to its state. */
  rpaPlatform: FakeRpa;
  stop(): Promise<void>;
}

/**
 * For hub tests: link, memory, aitools and rpa on free ports, sharing one in-memory PostgreSQL (a schema each, as
 * in the embedded start). Link may reach 127.0.0.1 (the tests' OpenAPI targets and MCP servers); aitools resolves
 * models through the hub; rpa runs robots on a fake RPA platform.
 */
export async function startPluginServices(base: Record<string, string>, hubUrl: string): Promise<PluginServices> {
  const database = await startEmbeddedPostgres({ dataDir: null });
  const dataDir = await mkdtemp(join(tmpdir(), 'astron-hub-plugins-'));
  const databaseUrl = (schema: string) => `postgres://${database.user}:${database.password}@${database.host}:${database.port}/${database.database}?schema=${schema}`;
  const started: RunningService[] = [];
  const rpaPlatform = await startFakeRpa({ tokens: [] });
  const onFreePort = <T extends { service: { port: number } }>(config: T): T => {
    config.service.port = 0;
    return config;
  };
  try {
    const link = await startLink(onFreePort(loadLinkConfig({ ...base, ASTRON_DATA_DIR: dataDir, DATABASE_URL: databaseUrl('link'), EGRESS_ALLOW_HOSTS: '127.0.0.1/32' })));
    started.push(link);
    const memory = await startMemory(onFreePort(loadMemoryConfig({ ...base, ASTRON_DATA_DIR: dataDir, DATABASE_URL: databaseUrl('memory'), MEMORY_SCHEMA_PREFIX: 'memdb_' })));
    started.push(memory);
    const aitools = await startAitools(onFreePort(loadAitoolsConfig({ ...base, ASTRON_DATA_DIR: dataDir, HUB_URL: hubUrl })));
    started.push(aitools);
    const platformUrls = { XIAOWU_RPA_TASK_CREATE_URL: rpaPlatform.urls.create, XIAOWU_RPA_TASK_QUERY_URL: rpaPlatform.urls.query, RPA_TASK_CANCEL_URL: rpaPlatform.urls.cancel };
    const rpa = await startRpa(onFreePort(loadRpaConfig({ ...base, DATABASE_URL: databaseUrl('rpa'), ...platformUrls, RPA_TASK_QUERY_FIRST_INTERVAL: '0.01', XIAOWU_RPA_TASK_QUERY_INTERVAL: '0.05' })));
    started.push(rpa);
    return {
      linkUrl: link.url,
      memoryUrl: memory.url,
      aitoolsUrl: aitools.url,
      rpaUrl: rpa.url,
      rpaPlatform,
      stop: () => stopAll(started, database, dataDir, rpaPlatform),
    };
  } catch (error) {
    await stopAll(started, database, dataDir, rpaPlatform);
    throw error;
  }
}

async function stopAll(services: RunningService[], database: { close(): Promise<void> }, dataDir: string, rpaPlatform: FakeRpa): Promise<void> {
  for (const service of services.reverse()) await service.stop();
  await rpaPlatform.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
