import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { servePglite, type PgliteServer } from './pglite-server.js';
import type { DatabaseLogger } from './postgres.js';

export interface EmbeddedPostgresOptions {
  /** null keeps the data in memory. One process at a time may open a directory. */
  dataDir: string | null;
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Sum of the pools that will connect; the socket server turns away connections beyond it. */
  maxConnections?: number;
  logger?: DatabaseLogger;
}

export interface EmbeddedPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  close(): Promise<void>;
}

/**
 * PGlite (Postgres in WASM, with pgvector enabled) served over the Postgres wire protocol on
 * loopback, so services reach it through the same pg Pool as a real server.
 *
 * PGlite is a single session: the server (pglite-server.ts) runs one connection's batch (up to its Sync or
 * simple Query) at a time, and while one connection is inside a transaction the others wait. Session state (search_path, SET,
 * session advisory locks, temporary tables) is shared by every connection.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.dataDir !== null) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: options.dataDir ?? undefined, extensions: { vector } });
  let server: PgliteServer;
  try {
    await pglite.exec('create extension if not exists vector');
    server = await servePglite(pglite, {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? 100,
      onError: (message) => options.logger?.warn(message),
    });
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const running = server;
  let closing: Promise<void> | undefined;
  return {
    host: running.host,
    port: running.port,
    user: 'postgres',
    password: '',
    database: 'postgres',
    close() {
      closing ??= running.close().then(() => pglite.close());
      return closing;
    },
  };
}
