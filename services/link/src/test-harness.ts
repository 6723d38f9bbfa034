import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signServiceToken } from '@astron/kit/crypto';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@astron/kit/db';
import type { Resolver } from '@astron/kit/egress';
import { loadConfig } from './config.js';
import { startLink, type RunningLink } from './service.js';

export const linkTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export interface CallOptions {
  /** null: a token without a space; default 'space_a'. */
  space?: string | null;
  /** Who the hub acts for: a person by default. */
  as?: { app: string } | { user: string };
  body?: unknown;
  headers?: Record<string, string>;
  /** Sends no service token at all. */
  anonymous?: boolean;
}

export interface Answer {
  status: number;
  body: any;
  text: string;
}

export interface LinkUnderTest {
  url: string;
  service: RunningLink;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  stop(): Promise<void>;
}

/** Where a test file's link services keep their data: an embedded PostgreSQL (PGlite), unless the file uses MySQL, and a data folder. */
export interface TestGround {
  database: EmbeddedPostgres | null;
  dataDir: string;
  close(): Promise<void>;
}

export async function openTestGround(options: { embeddedDatabase?: boolean } = {}): Promise<TestGround> {
  const database = options.embeddedDatabase === false ? null : await startEmbeddedPostgres({ dataDir: null });
  const dataDir = await mkdtemp(join(tmpdir(), 'astron-link-'));
  return {
    database,
    dataDir,
    async close() {
      await database?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function linkServiceToken(space: string | null, as: CallOptions['as'] = { user: 'usr_1' }): string {
  return signServiceToken(linkTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', ...(space === null ? {} : { space }), ...as });
}

/**
 * A link service on a free port. The database is the ground's (schema `schema`), or the one `env` names (MYSQL_*). The SSRF guard is as configured in `env` (EGRESS_ALLOW_HOSTS ...): nothing private is reachable
 * unless the test says so. `resolver` makes up host names, as kit/egress's tests do.
 */
export async function startTestLink(ground: TestGround, options: { schema?: string; env?: Record<string, string>; resolver?: Resolver } = {}): Promise<LinkUnderTest> {
  const { database } = ground;
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ...linkTestSecrets,
    ASTRON_DATA_DIR: ground.dataDir,
    ...(database === null ? {} : { DATABASE_URL: `postgres://${database.user}:${database.password}@${database.host}:${database.port}/${database.database}?schema=${options.schema ?? 'link'}` }),
    ...options.env,
  });
  config.service.port = 0;
  const service = await startLink(config, {}, options.resolver === undefined ? {} : { resolver: options.resolver });

  const call: LinkUnderTest['call'] = async (method, path, callOptions = {}) => {
    const headers: Record<string, string> = { ...callOptions.headers };
    if (callOptions.anonymous !== true) headers.authorization = `Service ${linkServiceToken(callOptions.space === undefined ? 'space_a' : callOptions.space, callOptions.as)}`;
    let body: string | undefined;
    if (callOptions.body !== undefined) {
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
    return { status: response.status, text, body: parsed };
  };

  return { url: service.url, service, call, stop: () => service.stop() };
}

/** Text as the original core-link's clients send documents and run parts: base64. */
export const base64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');
