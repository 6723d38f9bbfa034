import type { Kysely } from 'kysely';

export type SqlDialect = 'postgres' | 'mysql';

export interface PoolConfig {
  /** DATABASE_MAX_OPEN_CONNS */
  maxOpen: number;
  /** DATABASE_MAX_IDLE_CONNS */
  maxIdle: number;
}

/**
 * Where a service's tables live. A service owns one Postgres schema or one MySQL database,
 * named by `namespace`; it never reads another's.
 */
export type DatabaseConfig =
  | {
      kind: 'postgres';
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
      namespace: string;
      ssl?: boolean;
      pool: PoolConfig;
    }
  | {
      kind: 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      /** The MySQL database the service owns; created when missing. */
      namespace: string;
      pool: PoolConfig;
    }
  | {
      /** Embedded PGlite opened by this process alone, served over its socket on loopback. */
      kind: 'pglite';
      /** null keeps the data in memory (tests). */
      dataDir: string | null;
      namespace: string;
      pool: PoolConfig;
    };

// Kysely's own convention for a schema the caller does not spell out is `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Database<Schema = any> {
  readonly dialect: SqlDialect;
  readonly namespace: string;
  readonly kysely: Kysely<Schema>;
  /** Throws when the server cannot answer `select 1`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Migration {
  /** Sortable, unique, never renamed once shipped: '0001_apps'. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
}
