import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
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
 * PGlite is a single session: the socket server queues every connection's messages into it, and
 * while one connection is inside a transaction the others wait. Session state (search_path, SET,
 * session advisory locks, temporary tables) is shared by every connection.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.dataDir !== null) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: options.dataDir ?? undefined, extensions: { vector } });
  let server: PGLiteSocketServer | undefined;
  try {
    await pglite.exec('create extension if not exists vector');
    server = new PGLiteSocketServer({
      db: pglite,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      // The default of 1 makes a second pool client reset the first.
      maxConnections: options.maxConnections ?? 100,
    });
    server.addEventListener('error', (event) => {
      options.logger?.warn(`embedded postgres: ${String((event as CustomEvent<unknown>).detail)}`);
    });
    await server.start();
  } catch (error) {
    await server?.stop();
    await pglite.close();
    throw error;
  }
  const running = server;
  const { host, port } = splitAddress(running.getServerConn());
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    user: 'postgres',
    password: '',
    database: 'postgres',
    close() {
      closing ??= running.stop().then(() => pglite.close());
      return closing;
    },
  };
}

/** The server reports the port it really bound (port 0 asks for a free one) only as "host:port". */
function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}
