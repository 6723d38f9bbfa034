import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signServiceToken } from '@astron/kit/crypto';
import { startEmbeddedPostgres } from '@astron/kit/db';
import { loadConfig } from './config.js';
import { startMemory, type RunningMemory } from './service.js';

export const memoryTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export interface CallOptions {
  /** null: a token without a space. */
  space?: string | null;
  /** JSON; a FormData is sent as multipart, a string as text/csv. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export interface MemoryUnderTest {
  url: string;
  service: RunningMemory;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
}

/** Where a test file's memory service keeps its databases: an embedded PostgreSQL (PGlite) and a data folder. */
export interface MemoryGround {
  databaseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function openEmbeddedGround(): Promise<MemoryGround> {
  const database = await startEmbeddedPostgres({ dataDir: null });
  const dataDir = await mkdtemp(join(tmpdir(), 'astron-memory-'));
  return {
    databaseUrl: `postgres://${database.user}:${database.password}@${database.host}:${database.port}/${database.database}`,
    dataDir,
    async close() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A memory service on a free port over `databaseUrl` (its metadata in schema `metadataSchema`, its databases'
 * schemas and roles named with `schemaPrefix`). On a shared PostgreSQL give each test file its own of both.
 */
export async function startTestMemory(options: { databaseUrl: string; dataDir: string; metadataSchema?: string; schemaPrefix?: string; env?: Record<string, string> }): Promise<MemoryUnderTest> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ...memoryTestSecrets,
    ASTRON_DATA_DIR: options.dataDir,
    DATABASE_URL: `${options.databaseUrl}?schema=${options.metadataSchema ?? 'memory'}`,
    MEMORY_SCHEMA_PREFIX: options.schemaPrefix ?? 'memdb_',
    ...options.env,
  });
  config.service.port = 0;
  const service = await startMemory(config);

  const call: MemoryUnderTest['call'] = async (method, path, callOptions = {}) => {
    const space = callOptions.space === undefined ? 'space_a' : callOptions.space;
    const token = signServiceToken(memoryTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', user: 'usr_1', ...(space === null ? {} : { space }) });
    const headers: Record<string, string> = { authorization: `Service ${token}`, ...callOptions.headers };
    let body: string | FormData | undefined;
    if (callOptions.body instanceof FormData) body = callOptions.body;
    else if (typeof callOptions.body === 'string') {
      headers['content-type'] ??= 'text/csv';
      body = callOptions.body;
    } else if (callOptions.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(callOptions.body);
    }
    const response = await fetch(`${service.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, text, body: parsed, headers: response.headers };
  };

  return { url: service.url, service, call };
}
