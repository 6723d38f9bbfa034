import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { servePglite, type PgliteServer } from './pglite-server.js';
import type { DatabaseLogger } from './postgres.js';

export interface EmbeddedPostgresOptions {
  /**
   * null keeps the data in memory. One process at a time opens a directory: while one serves it, another process
   * asking for the same directory is handed that server (see `claimFile`), never a second PGlite on the same files.
   */
  dataDir: string | null;
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Sum of the pools that will connect; the socket server turns away connections beyond it. */
  maxConnections?: number;
  logger?: DatabaseLogger;
  /** When another process serves the directory: point at its server (short commands) rather than fail (the platform). */
  borrow?: boolean;
}

export interface EmbeddedPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** True when another process serves this directory and this handle only points at it (close then does nothing). */
  borrowed: boolean;
  close(): Promise<void>;
}

interface Claim {
  pid: number;
  host: string;
  port: number;
}

/** Beside the data directory (not in it: it belongs to Postgres): which process serves it, and where. */
export const claimFile = (dataDir: string) => `${dataDir.replace(/\/+$/, '')}.server.json`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Takes the directory for this process (null), or finds the live server another process runs on it. A claim is
 * written before PGlite opens the files, so two processes starting together cannot both open them; a claim left by a
 * process that died is taken over.
 */
async function claimOrFind(dataDir: string, waitMs = 120_000): Promise<Claim | null> {
  const file = claimFile(dataDir);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await writeFile(file, JSON.stringify({ pid: process.pid, host: '', port: 0 } satisfies Claim), { flag: 'wx' });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(file, 'utf8').catch(() => null);
    const claim = text === null ? null : (JSON.parse(text) as Claim);
    const serving = claim !== null && claim.port > 0;
    if (claim !== null && alive(claim.pid) && (!serving || (await answers(claim.host, claim.port)))) {
      if (serving) return claim;
      // Still starting: its server comes up in a moment.
      if (Date.now() > deadline) throw new Error(`process ${claim.pid} holds the embedded database ${dataDir} but serves no port; stop it or delete ${file}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    await unlink(file).catch(() => undefined);
  }
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
  const claimed = options.dataDir === null ? null : claimFile(options.dataDir);
  if (options.dataDir !== null) {
    const claim = await claimOrFind(options.dataDir);
    if (claim !== null) {
      if (options.borrow !== true) throw new Error(`the embedded database ${options.dataDir} is in use by process ${claim.pid} (is the platform already running on this data directory?)`);
      return { host: claim.host, port: claim.port, user: 'postgres', password: '', database: 'postgres', borrowed: true, close: async () => undefined };
    }
  }
  const release = () => (claimed === null ? Promise.resolve() : unlink(claimed).catch(() => undefined));
  let pglite: PGlite;
  try {
    if (options.dataDir !== null) await mkdir(options.dataDir, { recursive: true });
    pglite = await PGlite.create({ dataDir: options.dataDir ?? undefined, extensions: { vector } });
  } catch (error) {
    await release();
    throw error;
  }
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
    await release();
    throw error;
  }
  const running = server;
  if (claimed !== null) await writeFile(claimed, JSON.stringify({ pid: process.pid, host: running.host, port: running.port } satisfies Claim));
  let closing: Promise<void> | undefined;
  return {
    host: running.host,
    port: running.port,
    user: 'postgres',
    password: '',
    database: 'postgres',
    borrowed: false,
    close() {
      closing ??= running
        .close()
        .then(() => pglite.close())
        .then(release);
      return closing;
    },
  };
}
