import { sql } from 'kysely';
import { badRequest } from '../errors/index.js';
import type { Database } from './types.js';

const namespacePattern = /^[a-z][a-z0-9_]{0,62}$/;

/** Namespaces become quoted identifiers in DDL, so only this safe shape is accepted. */
export function checkNamespace(namespace: string): string {
  if (!namespacePattern.test(namespace)) {
    throw badRequest(
      `database namespace "${namespace}" is invalid: use lower-case letters, digits and _, starting with a letter, at most 63 characters`,
      { namespace },
      'invalid_config',
    );
  }
  return namespace;
}

/** Drops the namespace and everything in it (tests, `astron` admin commands). The Database stays open. */
export async function dropNamespace(db: Database): Promise<void> {
  const statement =
    db.dialect === 'postgres'
      ? sql`drop schema if exists ${sql.id(db.namespace)} cascade`
      : sql`drop database if exists ${sql.id(db.namespace)}`;
  await statement.execute(db.kysely);
}
