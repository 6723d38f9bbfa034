import { refuse } from './errors.js';

const NAME = /^[\p{L}_][\p{L}\p{N}_$]*$/u;

/**
 * A name a person gives a table, column or index: letters (any script), digits, _ and $, at most 63 bytes (what
 * PostgreSQL keeps), and not starting with pg_ (the prefix of the system's own objects).
 */
export function checkName(name: string, what: string): string {
  if (!NAME.test(name) || Buffer.byteLength(name, 'utf8') > 63) {
    refuse('ddl_invalid_name', `${what} name "${name}" is not allowed: use letters, digits and _, starting with a letter or _, at most 63 bytes`, { name });
  }
  if (/^pg_/i.test(name)) refuse('ddl_invalid_name', `${what} name "${name}" is not allowed: names starting with pg_ are PostgreSQL's`, { name });
  return name;
}
