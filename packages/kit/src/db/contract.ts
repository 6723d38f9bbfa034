import { randomBytes } from 'node:crypto';
import { sql, type ColumnType, type Generated, type Insertable, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonColumnType, jsonValue, sqlType } from './dialect.js';
import { isUniqueViolation } from './errors.js';
import { migrate } from './migrate.js';
import { dropNamespace } from './namespace.js';
import type { Database, Migration } from './types.js';

export interface DatabaseContractTarget {
  /** Opens the implementation on one server, in `namespace` (created when missing). Called several times. */
  open(namespace: string): Promise<Database>;
  /** The same implementation pointed at a port nowhere listens; `address` is "host:port". */
  unreachable?: { address: string; open(): Promise<Database> };
}

interface Note {
  id: string;
  title: string;
  // Written as JSON text (jsonValue), read back parsed.
  body: ColumnType<unknown, string, string>;
  pinned: Generated<boolean>;
  views: Generated<number>;
  created_at: Date;
}

interface Tables {
  notes: Note;
  schema_migrations: { name: string; applied_at: Date };
}

export const contractMigrations: Migration[] = [
  {
    name: '0001_notes',
    up: async (db, dialect) => {
      await db.schema
        .createTable('notes')
        .addColumn('id', sqlType(dialect, 'string'), (column) => column.primaryKey())
        .addColumn('title', sqlType(dialect, 'text'), (column) => column.notNull())
        .addColumn('body', jsonColumnType(dialect))
        .addColumn('pinned', sqlType(dialect, 'boolean'), (column) => column.notNull().defaultTo(false))
        .addColumn('views', sqlType(dialect, 'bigint'), (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', sqlType(dialect, 'timestamp'), (column) => column.notNull())
        .execute();
    },
  },
  {
    name: '0002_notes_created_at',
    up: async (db) => {
      await db.schema.createIndex('notes_created_at').on('notes').column('created_at').execute();
    },
  },
];

function contractNamespace(label: string): string {
  return `contract_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

function note(id: string, overrides: Partial<Insertable<Note>> = {}): Insertable<Note> {
  return { id, title: `note ${id}`, body: jsonValue({ id }), created_at: new Date(), ...overrides };
}

/** The behaviour every Database implementation must show; run it once per implementation. */
export function runDatabaseContract(name: string, target: DatabaseContractTarget): void {
  describe(`Database contract: ${name}`, () => {
    const opened: Database[] = [];
    let db: Database;
    let notes: Kysely<Tables>;

    async function open(namespace: string): Promise<Database> {
      const database = await target.open(namespace);
      opened.push(database);
      return database;
    }

    beforeAll(async () => {
      db = await open(contractNamespace('main'));
      notes = db.kysely as Kysely<Tables>;
    });

    afterAll(async () => {
      const dropped = new Set<string>();
      for (const database of opened) {
        if (!dropped.has(database.namespace)) await dropNamespace(database);
        dropped.add(database.namespace);
      }
      await Promise.all(opened.map((database) => database.close()));
    });

    it('answers ping', async () => {
      await expect(db.ping()).resolves.toBeUndefined();
    });

    it('applies migrations once, in order, then none', async () => {
      expect(await migrate(db, [...contractMigrations].reverse())).toEqual({
        applied: ['0001_notes', '0002_notes_created_at'],
      });
      expect(await migrate(db, contractMigrations)).toEqual({ applied: [] });
      const rows = await notes.selectFrom('schema_migrations').select('name').orderBy('name').execute();
      expect(rows.map((row) => row.name)).toEqual(['0001_notes', '0002_notes_created_at']);
    });

    it('inserts, selects, updates and deletes through Kysely', async () => {
      await notes
        .insertInto('notes')
        .values([note('a'), note('b')])
        .execute();
      await notes
        .updateTable('notes')
        .set({ title: 'renamed', pinned: true })
        .where('id', '=', 'a')
        .execute();
      await notes.deleteFrom('notes').where('id', '=', 'b').execute();
      const rows = await notes.selectFrom('notes').select(['id', 'title', 'pinned']).execute();
      expect(rows).toEqual([{ id: 'a', title: 'renamed', pinned: true }]);
      const { count } = await notes
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(1);
    });

    it('commits and rolls back transactions', async () => {
      await notes
        .transaction()
        .execute((transaction) => transaction.insertInto('notes').values(note('committed')).execute());
      const failure = notes.transaction().execute(async (transaction) => {
        await transaction.insertInto('notes').values(note('rolled-back')).execute();
        throw new Error('abort');
      });
      await expect(failure).rejects.toThrow('abort');
      const ids = await notes
        .selectFrom('notes')
        .select('id')
        .where('id', 'in', ['committed', 'rolled-back'])
        .execute();
      expect(ids).toEqual([{ id: 'committed' }]);
    });

    it('recognizes unique violations', async () => {
      const error: unknown = await notes
        .insertInto('notes')
        .values(note('a'))
        .execute()
        .catch((caught: unknown) => caught);
      expect(isUniqueViolation(error)).toBe(true);
      expect(isUniqueViolation(new Error('other'))).toBe(false);
    });

    it('round-trips JSON, timestamps, booleans and bigints', async () => {
      const body = { text: 'héllo 你好 🚀', list: [1, 2.5, null, true], nested: { empty: {}, none: null } };
      const createdAt = new Date('2024-02-29T23:59:58.123Z');
      const views = 2 ** 40;
      await notes
        .insertInto('notes')
        .values(
          note('typed', {
            title: body.text,
            body: jsonValue(body),
            created_at: createdAt,
            pinned: false,
            views,
          }),
        )
        .execute();
      await notes
        .insertInto('notes')
        .values(note('array', { body: jsonValue([{ a: 1 }, 'two']) }))
        .execute();
      const row = await notes
        .selectFrom('notes')
        .selectAll()
        .where('id', '=', 'typed')
        .executeTakeFirstOrThrow();
      expect(row.body).toEqual(body);
      expect(row.title).toBe(body.text);
      expect(row.created_at).toBeInstanceOf(Date);
      expect(row.created_at.toISOString()).toBe(createdAt.toISOString());
      expect(row.pinned).toBe(false);
      expect(row.views).toBe(views);
      const array = await notes
        .selectFrom('notes')
        .select('body')
        .where('id', '=', 'array')
        .executeTakeFirstOrThrow();
      expect(array.body).toEqual([{ a: 1 }, 'two']);
      const later = await notes
        .selectFrom('notes')
        .select('id')
        .where('created_at', '>', new Date('2024-02-29T23:59:58.122Z'))
        .where('id', '=', 'typed')
        .execute();
      expect(later).toHaveLength(1);
    });

    it('refuses to migrate a database that has a migration the code does not know', async () => {
      const refusal = migrate(db, contractMigrations.slice(0, 1));
      await expect(refusal).rejects.toMatchObject({ code: 'migration_unknown' });
      await expect(refusal).rejects.toThrow('0002_notes_created_at');
    });

    it('applies each migration once when two instances migrate at the same time', async () => {
      const namespace = contractNamespace('race');
      const [first, second] = await Promise.all([open(namespace), open(namespace)]);
      const results = await Promise.all([
        migrate(first, contractMigrations),
        migrate(second, contractMigrations),
      ]);
      expect(results.flatMap((result) => result.applied).sort()).toEqual([
        '0001_notes',
        '0002_notes_created_at',
      ]);
      const rows = await (first.kysely as Kysely<Tables>)
        .selectFrom('schema_migrations')
        .select('name')
        .execute();
      expect(rows).toHaveLength(2);
    });

    it('keeps namespaces apart on the same server', async () => {
      const other = await open(contractNamespace('other'));
      const otherNotes = other.kysely as Kysely<Tables>;
      await expect(otherNotes.selectFrom('notes').selectAll().execute()).rejects.toThrow();
      await migrate(other, contractMigrations);
      await otherNotes.insertInto('notes').values(note('only-in-other')).execute();
      const seenByMain = await notes
        .selectFrom('notes')
        .select('id')
        .where('id', '=', 'only-in-other')
        .execute();
      expect(seenByMain).toEqual([]);
      const seenByOther = await otherNotes.selectFrom('notes').select('id').execute();
      expect(seenByOther).toEqual([{ id: 'only-in-other' }]);
    });

    it('runs raw SQL in its own namespace', async () => {
      const result = await sql<{
        count: number;
      }>`select count(*) as count from ${sql.id(db.namespace, 'notes')}`.execute(db.kysely);
      expect(result.rows[0]?.count).toBeGreaterThan(0);
    });

    if (target.unreachable !== undefined) {
      const unreachable = target.unreachable;
      it('reports an unreachable server as unavailable, naming it', async () => {
        const attempt = async () => {
          const database = await unreachable.open();
          try {
            await database.ping();
          } finally {
            await database.close();
          }
        };
        const error: unknown = await attempt().catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'unavailable', retryable: true });
        expect((error as Error).message).toContain(unreachable.address);
      });
    }
  });
}
