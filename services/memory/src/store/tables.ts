import type { ColumnType } from 'kysely';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface DatabasesTable {
  /** A number, as in the original (its clients send `database_id` as an integer). */
  id: number;
  space_id: string;
  name: string;
  description: Defaulted<string>;
  /** The agent the database was made for; null when the space shares it. */
  agent_id: string | null;
  /** The schema of the development copy; its role (NOLOGIN, privileges on it alone) has the same name. */
  dev_schema: string;
  prod_schema: string;
  created_by: string;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
  published_at: Date | null;
}

export interface MemorySchema {
  databases: DatabasesTable;
}
