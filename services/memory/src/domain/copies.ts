import type { DatabaseRecord } from '../store/databases-store.js';

/** A database has two copies: development (the console, debugging) and production (published agents and workflows). */
export type Environment = 'dev' | 'prod';

/** One copy: a schema, and the NOLOGIN role of the same name that statements of agents and people run as. */
export interface Copy {
  env: Environment;
  schema: string;
  role: string;
}

export function copyOf(database: DatabaseRecord, env: Environment): Copy {
  const schema = env === 'dev' ? database.devSchema : database.prodSchema;
  return { env, schema, role: schema };
}

export function schemaNames(prefix: string, id: number): { dev: string; prod: string } {
  return { dev: `${prefix}${id}_dev`, prod: `${prefix}${id}_prod` };
}

let lastId = 0;

/**
 * Ids are numbers, as the original's clients expect: milliseconds since 1970 times 1000 plus a random part, so two
 * platforms sharing one PostgreSQL server (roles are global to it) practically never pick the same one; and
 * increasing within a process.
 */
export function newDatabaseId(): number {
  lastId = Math.max(Date.now() * 1000 + Math.floor(Math.random() * 1000), lastId + 1);
  return lastId;
}
