import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Env } from '@astron/kit/config';
import { startEmbeddedPostgres } from '@astron/kit/db';
import type { EmbeddedDatabase, ServiceModule } from '@astron/kit/service';

/** The repository (or image) root: apps/cli/dist/environment.js is three levels down. */
const installRoot = resolve(import.meta.dirname, '../../..');

/** Reads KEY=value lines (the .env format of deploy/docker): comments, blank lines and quotes handled. */
export function readEnvFile(path: string): Env {
  const env: Env = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match === null || line.trimStart().startsWith('#')) continue;
    const [, key = '', raw = ''] = match;
    env[key] = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw.replace(/\s+#.*$/, '');
  }
  return env;
}

export function baseEnvironment(options: { config?: string }): Env {
  return options.config === undefined ? { ...process.env } : { ...process.env, ...readEnvFile(options.config) };
}

export function isEmbedded(env: Env): boolean {
  return (env.ASTRON_MODE ?? 'embedded').trim().toLowerCase() !== 'distributed';
}

export function dataDirectory(env: Env): string {
  return resolve(env.ASTRON_DATA_DIR ?? './data');
}

/** The port variable of a service in the compose files: CORE_TENANT_PORT, CONSOLE_HUB_PORT ... */
export function portVariable(service: ServiceModule<unknown>): string {
  return `${service.composeName.replaceAll('-', '_').toUpperCase()}_PORT`;
}

/**
 * The environment one service sees when several share this process. Its own port variable
 * (CORE_TENANT_PORT) becomes SERVICE_PORT; in embedded mode the shared embedded database is given
 * in the service's own variable family (DATABASE_URL for tenant, PGSQL_* for memory ...).
 */
export function serviceEnvironment(
  service: ServiceModule<unknown>,
  env: Env,
  database: EmbeddedDatabase | null,
  peers: Record<string, string> = {},
): Env {
  const own: Env = { ...env, ASTRON_DATA_DIR: dataDirectory(env), SERVICE_PORT: env[portVariable(service)] ?? String(service.defaultPort) };
  if (database === null) return own;
  const consoleDir = env.CONSOLE_DIST ?? resolve(installRoot, 'apps/console/dist');
  return { ...own, ...service.embeddedEnv({ database, peers, consoleDir }) };
}

export interface EmbeddedServer {
  database: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * The embedded Postgres (PGlite) of the data directory, its data under <data dir>/pglite. A provisioning command
 * (`borrow`) uses the running platform's server when there is one; the platform itself refuses a directory in use.
 */
export async function startEmbeddedDatabase(env: Env, options: { borrow: boolean }): Promise<EmbeddedServer> {
  const server = await startEmbeddedPostgres({ dataDir: `${dataDirectory(env)}/pglite`, borrow: options.borrow });
  const { host, port, user, password, database } = server;
  return { database: { host, port, user, password, database }, close: () => server.close() };
}

/** Where each service of an embedded process will listen, known before any starts (services call each other). */
export function embeddedAddresses(services: ServiceModule<unknown>[], env: Env): Record<string, string> {
  const host = env.SERVICE_HOST ?? '127.0.0.1';
  return Object.fromEntries(
    services.map((service) => [service.name, `http://${host}:${env[portVariable(service)] ?? String(service.defaultPort)}`]),
  );
}
