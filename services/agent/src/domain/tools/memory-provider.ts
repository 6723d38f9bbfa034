import { isAppError } from '@astron/kit/errors';
import { z } from 'zod';
import type { RunScope, ToolProvider, ToolRequest, ToolSpec } from './provider.js';
import { argumentsObject, describeCall, optionsOf, runCall, toolUnavailable, type ServiceToolsOptions } from './service-tools.js';

/** What the hub puts in a database tool reference: a memory database of the space, read-only unless it says so. */
const optionsSchema = z.object({ databaseId: z.number().int().positive(), readOnly: z.boolean().default(true) });

interface Described {
  name: string;
  description: string | null;
  prompt: string;
}

interface MemoryBinding {
  databaseId: number;
  readOnly: boolean;
}

interface SqlAnswer {
  command: string;
  columns: string[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
}

const SQL_TIMEOUT_MS = 30_000;
/** Enough rows for a model to answer from; a larger answer mostly spends its context. */
const MAX_ROWS = 100;

function descriptionOf(described: Described, readOnly: boolean): string {
  const about = described.description ? ` (${described.description})` : '';
  const allowed = readOnly
    ? 'It is read-only here: write SELECT statements only.'
    : 'Write SELECT to read, INSERT, UPDATE or DELETE to change rows; never DDL (CREATE, ALTER, DROP).';
  return [
    `Runs SQL on the database "${described.name}"${about} and answers its columns and rows.`,
    `The database is PostgreSQL. Send exactly one statement, using only these tables: ${allowed}`,
    `At most ${MAX_ROWS} rows come back ("truncated" says there were more): filter, aggregate or use LIMIT.`,
    'Tables:',
    described.prompt,
  ].join('\n');
}

/**
 * A memory database as an NL-to-SQL tool: the model reads the production tables (described when the run starts)
 * and writes the SQL; memory checks and runs it for the run's end user. A refused statement goes back to the
 * model with the reason, so it can write a better one.
 */
export function memoryProvider(service: ServiceToolsOptions): ToolProvider {
  async function describe(request: ToolRequest, scope: RunScope): Promise<ToolSpec> {
    const { databaseId, readOnly } = optionsOf(optionsSchema, request);
    let described: Described;
    try {
      described = await describeCall<Described>(service, { method: 'GET', path: `/memory/v1/databases/${databaseId}/describe`, query: { env: 'prod' } }, scope);
    } catch (error) {
      throw toolUnavailable(request, `the database ${databaseId}`, error);
    }
    const binding: MemoryBinding = { databaseId, readOnly };
    return {
      name: request.name,
      description: descriptionOf(described, readOnly),
      parameters: { type: 'object', properties: { sql: { type: 'string', description: 'One PostgreSQL statement' } }, required: ['sql'] },
      timeoutMs: SQL_TIMEOUT_MS,
      binding,
    };
  }

  return {
    id: 'memory',
    listTools: (requests, scope) => Promise.all(requests.map((request) => describe(request, scope))),
    async runTool(_name, input, context, spec) {
      const { databaseId, readOnly } = spec.binding as MemoryBinding;
      const sql = argumentsObject(input).sql;
      if (typeof sql !== 'string' || sql.trim() === '') throw new Error('give "sql": one PostgreSQL statement');
      // User-scoped tables show each end user their own rows: the person in the console, or the app of an API key.
      const uid = context.caller.user ?? context.caller.app;
      const body = { sql, env: 'prod', readOnly, maxRows: MAX_ROWS, ...(uid === undefined ? {} : { uid }) };
      let answer: SqlAnswer;
      try {
        answer = await runCall<SqlAnswer>(service, { method: 'POST', path: `/memory/v1/databases/${databaseId}/sql`, body }, context, SQL_TIMEOUT_MS);
      } catch (error) {
        if (!(error instanceof Error) || !isAppError(error.cause) || error.cause.status >= 500) throw error;
        throw new Error(`the database refused the statement: ${error.message}. Correct the SQL and try again.`, { cause: error });
      }
      const { command, columns, rows, rowCount, truncated } = answer;
      return { command, columns, rows, rowCount, truncated };
    },
  };
}
