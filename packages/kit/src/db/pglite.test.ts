import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDatabaseContract } from './contract.js';
import { qualifiedTable } from './dialect.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open.js';
import type { Database, Migration } from './types.js';

// One file for all PGlite tests: each PGlite start costs seconds of CPU (WASM compile, initdb).

// One in-memory server shared by every namespace, as `astron start` runs it.
let server: EmbeddedPostgres;
const pool = { maxOpen: 4, maxIdle: 1 };

function connection() {
  const { host, port, user, password, database } = server;
  return { host, port, user, password, database };
}

function openOnServer(namespace: string): Promise<Database> {
  return openDatabase({ kind: 'postgres', ...connection(), namespace, pool });
}

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: null });
});

afterAll(() => server.close());

runDatabaseContract('pglite (embedded server)', { open: openOnServer });

interface Counters {
  counters: { id: number; value: number };
}

describe('embedded server connections', () => {
  let db: Database;
  let kysely: Kysely<Counters>;

  beforeAll(async () => {
    db = await openOnServer(`embedded_${Date.now().toString(36)}`);
    kysely = db.kysely as Kysely<Counters>;
    await kysely.schema
      .createTable('counters')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('value', 'integer')
      .execute();
  });

  // The last test stops the in-memory server, which discards the namespace with it.
  afterAll(() => db.close());

  it('serves pool clients in parallel', async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        sql<{ value: number }>`select ${index}::int * ${index % 5}::int as value`
          .execute(kysely)
          .then((result) => result.rows[0]?.value),
      ),
    );
    expect(results).toEqual(Array.from({ length: 24 }, (_, index) => index * (index % 5)));
  });

  it('keeps a transaction on one connection out of another', async () => {
    let releaseTransaction: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    const rolledBack = kysely.transaction().execute(async (transaction) => {
      await transaction.insertInto('counters').values({ id: 1, value: 1 }).execute();
      await held;
      throw new Error('roll back');
    });
    // Queued behind the open transaction; it must not become part of it.
    const outside = kysely.insertInto('counters').values({ id: 2, value: 2 }).execute();
    setTimeout(releaseTransaction, 50);
    await expect(rolledBack).rejects.toThrow('roll back');
    await outside;
    const rows = await kysely.selectFrom('counters').select('id').orderBy('id').execute();
    expect(rows).toEqual([{ id: 2 }]);
  });

  it("never interleaves one connection's extended-protocol batch with another's", async () => {
    // Parameter counts differ per query, so a Bind run against another client's Parse fails loudly.
    const wide = await openDatabase({ kind: 'postgres', ...connection(), namespace: 'interleave', pool: { maxOpen: 16, maxIdle: 16 } });
    try {
      // Sixteen open connections; one holds a transaction while the others queue queries behind it.
      await Promise.all(Array.from({ length: 16 }, () => sql`select pg_sleep(0.01)`.execute(wide.kysely)));
      let commit: () => void = () => undefined;
      let inside: () => void = () => undefined;
      const opened = new Promise<void>((resolve) => (inside = resolve));
      const transaction = wide.kysely.transaction().execute(async (tx) => {
        await sql`select 1`.execute(tx);
        inside();
        await new Promise<void>((resolve) => (commit = resolve));
      });
      await opened;
      const queries = Array.from({ length: 400 }, (_, index) => {
        const terms = Array.from({ length: 1 + (index % 4) }, (_, term) => sql`${index + term}::int`);
        return sql<{ total: number }>`select ${sql.join(terms, sql` + `)} as total`
          .execute(wide.kysely)
          .then((result) => result.rows[0]?.total);
      });
      setTimeout(() => commit(), 100);
      const expected = Array.from({ length: 400 }, (_, index) => Array.from({ length: 1 + (index % 4) }, (_, term) => index + term).reduce((a, b) => a + b));
      expect(await Promise.all(queries)).toEqual(expected);
      await transaction;
    } finally {
      await wide.close();
    }
  });

  it('rolls back the transaction of a connection that goes away, and serves the others', async () => {
    const client = new pg.Client(connection());
    await client.connect();
    await client.query('begin');
    await client.query(`insert into ${db.namespace}.counters (id, value) values (50, 50)`);
    // Waiting for the session, which the abandoned transaction holds.
    const waiting = kysely.selectFrom('counters').select('id').where('id', '=', 50).execute();
    client.on('error', () => undefined);
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await waiting).toEqual([]);
  });

  it('refuses connections beyond its limit with a Postgres error', async () => {
    const small = await startEmbeddedPostgres({ dataDir: null, maxConnections: 1 });
    const first = new pg.Client({ host: small.host, port: small.port, user: small.user, database: small.database });
    const second = new pg.Client({ host: small.host, port: small.port, user: small.user, database: small.database });
    try {
      await first.connect();
      const error = await second.connect().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: '53300' });
      expect((await first.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await first.end();
      await small.close();
    }
  });

  it('reports unavailable once the server has stopped', async () => {
    await server.close();
    const error: unknown = await db.ping().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toContain(`${server.host}:${server.port}`);
  });
});

describe('pglite with a data directory', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'astron-pglite-'));
  });

  afterAll(() => rm(directory, { recursive: true, force: true }));

  const migrations: Migration[] = [
    {
      name: '0001_items',
      up: async (db) => {
        await db.schema
          .createTable('items')
          .addColumn('name', 'text', (column) => column.primaryKey())
          .addColumn('embedding', sql`vector(3)`)
          .execute();
      },
    },
  ];

  it('keeps its data across close and reopen, and searches with pgvector', async () => {
    const config = {
      kind: 'pglite',
      dataDir: join(directory, 'data'),
      namespace: 'persisted',
      pool,
    } as const;
    const first = await openDatabase(config);
    try {
      expect(await migrate(first, migrations)).toEqual({ applied: ['0001_items'] });
      await sql`insert into ${qualifiedTable(first, 'items')} values ('x', '[1,0,0]'), ('y', '[0,1,0]'), ('near x', '[0.9,0.1,0]')`.execute(
        first.kysely,
      );
    } finally {
      await first.close();
    }

    const second = await openDatabase(config);
    try {
      expect(await migrate(second, migrations)).toEqual({ applied: [] });
      const nearest = await sql<{
        name: string;
      }>`select name from ${qualifiedTable(second, 'items')} order by embedding <=> '[1,0,0]'`.execute(
        second.kysely,
      );
      expect(nearest.rows.map((row) => row.name)).toEqual(['x', 'near x', 'y']);
    } finally {
      await second.close();
    }
  });
});
