import { describe, expect, test } from 'vitest';
import { compileGraph } from '../graph.js';
import { chain, flow, inputId, literal, node } from '../test-flows.js';
import { buildStatement, type DatabaseParam } from './database-statements.js';
import { bindPlaceholders } from './sql-placeholders.js';

const bind = (sql: string, inputs: Record<string, unknown>) => bindPlaceholders(sql, inputs, 'db');

describe('placeholders in a database node\'s SQL', () => {
  test('become parameters, one per input, however often used', () => {
    expect(bind('SELECT * FROM t WHERE a = {{a}} AND b > {{ b }} OR a2 = {{a}}', { a: 'x', b: 2 })).toEqual({ sql: 'SELECT * FROM t WHERE a = $1 AND b > $2 OR a2 = $1', params: ['x', 2] });
    expect(bind('SELECT {{row.name}}, {{list}}, {{nested}}', { row: { name: 'n' }, list: [1, 2], nested: [{ a: 1 }] })).toEqual({ sql: 'SELECT $1, $2, $3', params: ['n', [1, 2], '[{"a":1}]'] });
  });

  test('inside quoted strings: the string alone is the parameter; with text around it, a concatenation', () => {
    expect(bind("UPDATE t SET s = '{{s}}' WHERE id = '{{id}}'", { s: "it's", id: 3 })).toEqual({ sql: 'UPDATE t SET s = $1 WHERE id = $2', params: ["it's", 3] });
    expect(bind("SELECT 1 WHERE s LIKE '%{{q}}%' AND t = 'it''s {{q}}'", { q: "a'b" })).toEqual({ sql: "SELECT 1 WHERE s LIKE ('%' || $1::text || '%') AND t = ('it''s ' || $1::text)", params: ["a'b"] });
    expect(bind("SELECT E'\\'{{q}}'", { q: 'v' })).toEqual({ sql: "SELECT (E'\\'' || $1::text)", params: ['v'] });
  });

  test('comments and dollar quotes stay text; quoted names, unknown inputs and open strings are refused', () => {
    expect(bind('SELECT 1 -- {{a}}\n/* {{a}} */ , $$ {{a}} $$, {{a}}', { a: 1 })).toEqual({ sql: 'SELECT 1 -- {{a}}\n/* {{a}} */ , $$ {{a}} $$, $1', params: [1] });
    expect(() => bind('SELECT "{{column}}" FROM t', { column: 'x' })).toThrow(expect.objectContaining({ code: 'database_placeholder_in_name' }));
    expect(() => bind('SELECT {{nope}}', {})).toThrow(expect.objectContaining({ code: 'database_input_missing', message: 'db: the SQL uses {{nope}}, which names no input of the node' }));
    expect(() => bind("SELECT 'open {{a}}", { a: 1 })).toThrow(expect.objectContaining({ code: 'sql_syntax_error' }));
  });

  test('a long statement is read in one pass', () => {
    const long = `SELECT ${"'x', -- c\n".repeat(20_000)}{{a}}`;
    const started = performance.now();
    expect(bind(long, { a: 1 }).params).toEqual([1]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('statements of the structured modes', () => {
  const databaseNode = (param: DatabaseParam, inputs: Record<string, unknown> = {}) => {
    const raw = node('database', { inputs: Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, literal(value)])), param: param as Record<string, unknown> });
    const start = node('node-start');
    const end = node('node-end');
    const compiled = compileGraph(flow([start, raw, end], chain(start, raw, end))).nodes.get(raw.id)!;
    return { raw, compiled };
  };
  const build = (param: DatabaseParam, inputs: Record<string, unknown> = {}) => buildStatement(databaseNode(param, inputs).compiled, param, inputs);

  test('insert, update, select and delete: names quoted, values bound', () => {
    expect(build({ mode: 1, tableName: 'Notes' }, { city: 'Oslo', 'odd"name': 2 })).toEqual({ sql: 'INSERT INTO "notes" ("city", "odd""name") VALUES ($1, $2) RETURNING *', params: ['Oslo', 2] });
    const where = [{ logicalOperator: 'or' as const, conditions: [{ fieldName: 'city', varIndex: 'city', selectCondition: '!=' }, { fieldName: 'summary', varIndex: 'city', selectCondition: 'not like' }] }];
    expect(build({ mode: 2, tableName: 'notes', assignmentList: ['summary'], cases: where }, { city: 'Oslo', summary: 'wet' })).toEqual({
      sql: 'UPDATE "notes" SET "summary" = $1 WHERE "city" <> $2 OR "summary" NOT LIKE $3 RETURNING *',
      params: ['wet', 'Oslo', '%Oslo%'],
    });
    expect(build({ mode: 3, tableName: 'notes', assignmentList: ['city'], orderData: [{ fieldName: 'id', order: 'desc' }], limit: 3 })).toEqual({ sql: 'SELECT "city" FROM "notes" ORDER BY "id" DESC LIMIT 3', params: [] });
    const nulls = [{ logicalOperator: 'and' as const, conditions: [{ fieldName: 'summary', varIndex: 'x', selectCondition: 'null', fieldType: 'string' }, { fieldName: 'id', varIndex: 'ids', selectCondition: 'in' }, { fieldName: 'city', varIndex: 'none', selectCondition: 'not in' }] }];
    expect(build({ mode: 4, tableName: 'notes', cases: nulls }, { ids: [1, 2], none: [] })).toEqual({ sql: 'DELETE FROM "notes" WHERE ("summary" IS NULL OR "summary" = $1) AND "id" IN ($2, $3) AND TRUE', params: ['', 1, 2] });
  });

  test('a condition names its value by input id; update and delete without conditions are refused', () => {
    const param: DatabaseParam = { mode: 3, tableName: 'notes', cases: [] };
    const { raw, compiled } = databaseNode(param, { wanted: 'Rome' });
    param.cases = [{ logicalOperator: 'and', conditions: [{ fieldName: 'city', varIndex: inputId(raw, 'wanted'), selectCondition: '=' }] }];
    expect(buildStatement(compiled, param, { wanted: 'Rome' })).toEqual({ sql: 'SELECT * FROM "notes" WHERE "city" = $1', params: ['Rome'] });
    expect(() => build({ mode: 3, tableName: 'notes', cases: [{ logicalOperator: 'and', conditions: [{ fieldName: 'city', varIndex: 'ghost', selectCondition: '=' }] }] })).toThrow(expect.objectContaining({ code: 'database_condition_unbound' }));
    expect(() => build({ mode: 4, tableName: 'notes', cases: [] })).toThrow(expect.objectContaining({ code: 'database_conditions_missing' }));
    expect(() => build({ mode: 2, tableName: 'notes', assignmentList: ['summary'], cases: [] }, { summary: 'x' })).toThrow(expect.objectContaining({ code: 'database_conditions_missing' }));
    expect(() => build({ mode: 2, tableName: 'notes', assignmentList: ['summary'] })).toThrow(expect.objectContaining({ code: 'database_values_missing' }));
  });
});
