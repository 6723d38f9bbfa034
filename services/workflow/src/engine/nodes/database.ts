import { isAppError } from '@astron/kit/errors';
import type { CompiledNode } from '../graph.js';
import { NodeFailure, type NodeType, type SqlAnswer } from '../node-type.js';
import { buildStatement, type DatabaseParam } from './database-statements.js';
import { bindPlaceholders } from './sql-placeholders.js';
import { zeroValue } from './tool-outputs.js';

/**
 * The rows as outputList, as the original gives them: when the node declares the fields of outputList's items
 * (items.required), each row has exactly those, a missing one as its type's zero value; else the rows as they are
 * (the original did so for its SQL mode only, and gave nothing in the others, which no workflow could use).
 */
function outputListOf(node: CompiledNode, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const items = node.outputs.find((output) => output.name === 'outputList')?.schema.items as { required?: unknown; properties?: Record<string, { type?: string }> } | undefined;
  const required = Array.isArray(items?.required) ? items.required.filter((name): name is string => typeof name === 'string') : [];
  if (required.length === 0) return rows;
  return rows.map((row) => Object.fromEntries(required.map((name) => [name, row[name] ?? zeroValue(items?.properties?.[name]?.type)])));
}

/** A failure of the memory service as the node's: refused SQL keeps memory's code and message. */
function failureOf(aliasName: string, databaseId: number, error: unknown): unknown {
  if (!isAppError(error)) return error;
  if (error.status === 404) return new NodeFailure('database_unavailable', `${aliasName}: database ${databaseId} does not exist in this space`);
  if (error.status === 503) return new NodeFailure('database_unavailable', `${aliasName}: ${error.message}`, true);
  return new NodeFailure(error.code, `${aliasName}: ${error.message}`, error.retryable);
}

/**
 * database: one statement on a memory database of the space: mode 0 runs `sql` with `{{input}}` placeholders bound
 * as parameters, modes 1-4 build an insert, update, select or delete from the table, conditions, columns, order
 * and limit. The copy is `env` when set, else production for a published workflow and development for a draft
 * (the original's test and prod); end users' rows of user-scoped tables are kept apart by the run's owner. Outputs
 * `isSuccess`, `message` and `outputList` (the rows; a delete gives none, as the original's).
 */
export const databaseNode: NodeType = {
  type: 'database',
  async execute({ node, inputs, services, run, signal }) {
    const param = node.param as DatabaseParam;
    const databaseId = Number(param.dbId);
    if (!Number.isSafeInteger(databaseId) || databaseId <= 0) throw new NodeFailure('database_not_configured', `${node.aliasName} names no database; choose one of the space's databases`);
    if (services.sql === undefined) throw new NodeFailure('database_unavailable', `${node.aliasName} needs the memory service, which this process cannot reach`);
    const mode = Number(param.mode ?? 0);
    let statement;
    if (mode === 0) {
      if (typeof param.sql !== 'string' || param.sql.trim() === '') throw new NodeFailure('database_sql_empty', `${node.aliasName} has no SQL to run`);
      statement = bindPlaceholders(param.sql, inputs, node.aliasName);
    } else {
      if (typeof param.tableName !== 'string' || param.tableName.trim() === '') throw new NodeFailure('database_table_missing', `${node.aliasName} names no table`);
      statement = buildStatement(node, { ...param, mode }, inputs);
    }
    const env = param.env ?? (run.version === null ? 'dev' : 'prod');
    const answer: SqlAnswer = await services.sql(run, databaseId, { ...statement, env, uid: run.owner.id }, signal).catch((error: unknown) => {
      throw failureOf(node.aliasName, databaseId, error);
    });
    return { outputs: { isSuccess: true, message: 'success', ...(mode === 4 ? {} : { outputList: outputListOf(node, answer.rows) }) } };
  },
};
