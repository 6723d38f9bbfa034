import { loadModule, parseSync, SqlError } from 'libpg-query';
import { refuse } from './errors.js';
import type { JsonObject } from './walk.js';

/** One statement of a parsed text: its node type (SelectStmt ...), its body, and its own text. */
export interface ParsedStatement {
  type: string;
  body: JsonObject;
  text: string;
}

let loading: Promise<void> | undefined;

/** The parser is WebAssembly, compiled once per process before the first statement is checked. */
export async function loadSqlParser(): Promise<void> {
  loading ??= loadModule();
  await loading;
}

interface RawStatement {
  stmt?: Record<string, JsonObject>;
  stmt_location?: number;
  stmt_len?: number;
}

/**
 * Parses with PostgreSQL's own grammar (libpg_query), so comments, dollar quoting and string escapes are read
 * exactly as the server will read them. Locations are byte offsets into the UTF-8 text.
 */
export function parseStatements(sql: string, maxChars: number): ParsedStatement[] {
  if (sql.length > maxChars) refuse('sql_too_long', `the SQL is ${sql.length} characters long; the limit is ${maxChars}`, { limit: maxChars });
  if (sql.trim() === '') refuse('sql_empty', 'the SQL is empty');
  let raw: { stmts?: RawStatement[] };
  try {
    raw = parseSync(sql) as { stmts?: RawStatement[] };
  } catch (error) {
    if (!(error instanceof SqlError)) throw error;
    const position = error.sqlDetails?.cursorPosition;
    return refuse('sql_syntax_error', `syntax error: ${error.message}${position === undefined ? '' : ` (at character ${position + 1})`}`, position === undefined ? undefined : { position: position + 1 });
  }
  const bytes = Buffer.from(sql, 'utf8');
  const statements = (raw.stmts ?? []).map((entry) => {
    const [type, body] = Object.entries(entry.stmt ?? {})[0] ?? [];
    if (type === undefined || body === undefined) return refuse('sql_empty', 'the SQL holds no statement');
    const start = entry.stmt_location ?? 0;
    const end = entry.stmt_len === undefined || entry.stmt_len === 0 ? bytes.length : start + entry.stmt_len;
    return { type, body, text: bytes.subarray(start, end).toString('utf8').trim() };
  });
  if (statements.length === 0) refuse('sql_empty', 'the SQL holds no statement (only comments or semicolons)');
  return statements;
}
