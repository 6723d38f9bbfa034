import type { CompiledNode } from '../graph.js';
import { NodeFailure } from '../node-type.js';
import { asParameter, type BoundStatement } from './sql-placeholders.js';
import { asText } from './template.js';

/** The database node's nodeParam (packages/dsl nodes/database.ts), as the original's console writes it. */
export interface DatabaseParam {
  dbId?: number | string;
  /** 0 the `sql` as written; 1 insert, 2 update, 3 select, 4 delete, built from the fields below. */
  mode?: number;
  env?: 'dev' | 'prod';
  sql?: string | null;
  tableName?: string | null;
  cases?: { logicalOperator?: 'and' | 'or'; conditions?: Condition[] }[];
  assignmentList?: string[];
  orderData?: { fieldName: string; order: 'asc' | 'desc' }[];
  limit?: number;
}

interface Condition {
  fieldName: string;
  /** The id (or the name) of the node input holding the value compared with. */
  varIndex: string;
  selectCondition: string;
  fieldType?: string;
}

/** Comparisons written as they are; the rest are built below. */
const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** What "empty" means per field type, for the original's null / not null (a NULL or the type's zero value). */
const ZERO: Record<string, unknown> = { string: '', integer: 0, number: 0, boolean: false };

/**
 * A table or column name as PostgreSQL would read it unquoted (folded to lower case), but quoted, so that no name
 * can be a keyword or carry SQL with it.
 */
export function quoteName(name: string): string {
  const folded = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name.toLowerCase() : name;
  return `"${folded.replace(/"/g, '""')}"`;
}

/** Builds the statement of a structured mode; every value is a parameter, every name quoted. */
export function buildStatement(node: CompiledNode, param: DatabaseParam, inputs: Record<string, unknown>): BoundStatement {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(asParameter(value));
    return `$${params.length}`;
  };
  const table = quoteName(param.tableName ?? '');
  const valueOf = (condition: Condition): unknown => {
    const input = node.inputs.find((item) => item.id === condition.varIndex) ?? node.inputs.find((item) => item.name === condition.varIndex);
    if (input === undefined) throw new NodeFailure('database_condition_unbound', `${node.aliasName}: the condition on ${condition.fieldName} compares with ${condition.varIndex}, which is not an input of the node`);
    return inputs[input.name];
  };
  const predicate = (condition: Condition): string => {
    const column = quoteName(condition.fieldName);
    const operator = condition.selectCondition.toLowerCase();
    if (operator === 'null' || operator === 'not null') {
      const zero = ZERO[(condition.fieldType ?? '').toLowerCase()];
      const test = `${column} IS ${operator.toUpperCase()}`;
      if (zero === undefined) return test;
      return operator === 'null' ? `(${test} OR ${column} = ${bind(zero)})` : `(${test} AND ${column} <> ${bind(zero)})`;
    }
    const value = valueOf(condition);
    if (COMPARISONS.has(operator)) return `${column} ${operator === '!=' ? '<>' : operator} ${bind(value)}`;
    if (operator === 'like' || operator === 'not like') return `${column} ${operator.toUpperCase()} ${bind(`%${asText(value)}%`)}`;
    if (operator === 'in' || operator === 'not in') {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) return operator === 'in' ? 'FALSE' : 'TRUE';
      return `${column} ${operator.toUpperCase()} (${values.map(bind).join(', ')})`;
    }
    throw new NodeFailure('database_condition_invalid', `${node.aliasName}: ${condition.selectCondition} is not a condition the database node knows`);
  };
  // The original reads the first case only.
  const where = (): string => {
    const first = param.cases?.[0];
    const parts = (first?.conditions ?? []).map(predicate);
    return parts.length === 0 ? '' : ` WHERE ${parts.join(first?.logicalOperator === 'or' ? ' OR ' : ' AND ')}`;
  };
  const requireWhere = (clause: string, what: string) => {
    if (clause === '') throw new NodeFailure('database_conditions_missing', `${node.aliasName}: ${what} needs at least one condition, or it would change every row`);
    return clause;
  };

  switch (param.mode) {
    case 1: {
      const columns = Object.keys(inputs);
      if (columns.length === 0) throw new NodeFailure('database_values_missing', `${node.aliasName}: an insert needs inputs, one per column`);
      return { sql: `INSERT INTO ${table} (${columns.map(quoteName).join(', ')}) VALUES (${columns.map((name) => bind(inputs[name])).join(', ')}) RETURNING *`, params };
    }
    case 2: {
      const columns = param.assignmentList ?? [];
      if (columns.length === 0) throw new NodeFailure('database_values_missing', `${node.aliasName}: an update needs the columns to set (assignmentList)`);
      const missing = columns.filter((name) => !Object.hasOwn(inputs, name));
      if (missing.length > 0) throw new NodeFailure('database_values_missing', `${node.aliasName}: the update sets ${missing.join(', ')}, which ${missing.length === 1 ? 'is not an input' : 'are not inputs'} of the node`);
      const set = columns.map((name) => `${quoteName(name)} = ${bind(inputs[name])}`).join(', ');
      return { sql: `UPDATE ${table} SET ${set}${requireWhere(where(), 'an update')} RETURNING *`, params };
    }
    case 3: {
      const columns = (param.assignmentList ?? []).length === 0 ? '*' : (param.assignmentList ?? []).map(quoteName).join(', ');
      const order = (param.orderData ?? []).map((item) => `${quoteName(item.fieldName)} ${item.order === 'desc' ? 'DESC' : 'ASC'}`);
      const limit = Number(param.limit ?? 0) > 0 ? ` LIMIT ${Math.floor(Number(param.limit))}` : '';
      return { sql: `SELECT ${columns} FROM ${table}${where()}${order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`}${limit}`, params };
    }
    case 4:
      return { sql: `DELETE FROM ${table}${requireWhere(where(), 'a delete')}`, params };
    default:
      throw new NodeFailure('database_mode_invalid', `${node.aliasName}: mode ${String(param.mode)} is none of 0 (SQL), 1 (insert), 2 (update), 3 (select), 4 (delete)`);
  }
}
