import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@astron/kit/db';
import { testServers } from '@astron/testing/servers';

/**
 * The local servers that stand in for the compose infrastructure services, reached under the compose
 * host names: `mysql:3306` in a compose value becomes the local MariaDB's address, and so on.
 */
export interface Endpoint {
  host: string;
  port: number;
}

export interface StandIn {
  /** Port the compose service listens on inside its container network. */
  containerPort: number;
  endpoint(): Promise<Endpoint>;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function fixed(containerPort: number, endpoint: Endpoint): StandIn {
  return { containerPort, endpoint: () => Promise.resolve(endpoint), close: () => Promise.resolve() };
}

/** s3rver for `minio`, started only when a service refers to minio. Its key pair is S3RVER / S3RVER. */
function s3rverStandIn(): StandIn {
  let started: Promise<{ server: { close(): Promise<void> }; directory: string; port: number }> | undefined;
  const start = async () => {
    const { default: S3rver } = await import('s3rver');
    const directory = mkdtempSync(join(tmpdir(), 'astron-s3rver-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const { port } = await server.run();
    return { server, directory, port };
  };
  return {
    containerPort: 9000,
    async endpoint() {
      started ??= start();
      return { host: '127.0.0.1', port: (await started).port };
    },
    async close() {
      if (started === undefined) return;
      const { server, directory } = await started;
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The kit's embedded PGlite, served over the wire protocol, for `postgres`, started only when a service refers
 * to postgres. The compose postgres is pgvector/pgvector: core-knowledge's migration creates the extension
 * `vector`, which the local PostgreSQL (Debian's 15, without pgvector) does not have. PGlite has it, and it
 * accepts any user, password and database name (one database, trust authentication), so the compose values
 * (POSTGRES_USER / POSTGRES_PASSWORD, sparkdb_manager) pass as they are. Data stays in memory.
 */
function pgliteStandIn(): StandIn {
  let started: Promise<EmbeddedPostgres> | undefined;
  return {
    containerPort: 5432,
    async endpoint() {
      started ??= startEmbeddedPostgres({ dataDir: null });
      const { host, port } = await started;
      return { host, port };
    },
    async close() {
      await (await started)?.close();
    },
  };
}

export function infrastructureStandIns(): Record<string, StandIn> {
  return {
    mysql: fixed(3306, testServers.mysql),
    postgres: pgliteStandIn(),
    redis: fixed(6379, testServers.redis),
    minio: s3rverStandIn(),
  };
}

/** The compose credentials of minio as s3rver accepts them. */
export const s3rverCredentials = { MINIO_ROOT_USER: 'S3RVER', MINIO_ROOT_PASSWORD: 'S3RVER' };

export interface MysqlAccount {
  user: string;
  password: string;
  /** Databases named `<prefix>_<anything>` belong to the account. */
  prefix: string;
  drop(): Promise<void>;
}

/**
 * A MariaDB account with a password, owning every database whose name starts with `prefix`, as the
 * compose mysql container's account owns the service databases. drop() removes the account and them.
 */
export async function createMysqlAccount(prefix: string): Promise<MysqlAccount> {
  const { host, port, user, password } = testServers.mysql;
  const admin = await createConnection({ host, port, user, password });
  const account = { user: prefix.slice(0, 32), password: randomBytes(18).toString('base64url') };
  const pattern = `${prefix.replaceAll('_', '\\_')}\\_%`;
  try {
    await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [account.user, '%', account.password]);
    await admin.query(`GRANT ALL PRIVILEGES ON \`${pattern}\`.* TO ?@?`, [account.user, '%']);
  } finally {
    await admin.end();
  }
  return {
    ...account,
    prefix,
    async drop() {
      const connection = await createConnection({ host, port, user, password });
      try {
        const [rows] = await connection.query('SHOW DATABASES LIKE ?', [pattern]);
        for (const row of rows as Record<string, string>[]) {
          const name = Object.values(row)[0] ?? '';
          await connection.query(`DROP DATABASE IF EXISTS \`${name.replaceAll('`', '``')}\``);
        }
        await connection.query('DROP USER IF EXISTS ?@?', [account.user, '%']);
      } finally {
        await connection.end();
      }
    },
  };
}
