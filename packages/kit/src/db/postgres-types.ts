import pg from 'pg';
import type { CustomTypesConfig } from 'pg';

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
type TypeFormat = Parameters<typeof pg.types.getTypeParser>[1];
type Parser = (text: string) => unknown;

const int8 = pg.types.builtins.INT8;
// pg-types' TypeId enum lacks the array types.
const int8Array = 1016 as TypeId;

function defaultParser(oid: TypeId, format: TypeFormat): Parser {
  return pg.types.getTypeParser(oid, format) as Parser;
}

/**
 * bigint columns and count(*) arrive as int8, which pg leaves as strings. We return a number when
 * it is exact and the original string beyond 2^53, never a silently rounded number. mysql2 does the
 * same with supportBigNumbers, so both dialects agree. numeric stays a string (exact decimals).
 */
export function parseBigint(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

function parseBigintArray(text: string): unknown {
  const strings = defaultParser(int8Array, 'text')(text) as Array<string | null>;
  return strings.map((item) => (item === null ? null : parseBigint(item)));
}

/** Per-pool parsers, so other pg users in the process keep pg's defaults. */
export const postgresTypes: CustomTypesConfig = {
  getTypeParser: (oid: TypeId, format: TypeFormat = 'text'): Parser => {
    if (format === 'text' && oid === int8) return parseBigint;
    if (format === 'text' && oid === int8Array) return parseBigintArray;
    return defaultParser(oid, format);
  },
};
