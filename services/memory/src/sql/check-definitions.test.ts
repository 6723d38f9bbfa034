import { beforeAll, describe, expect, test } from 'vitest';
import { checkDefinitions } from './check-definitions.js';
import { isSqlRefusal } from './errors.js';
import { loadSqlParser } from './parse.js';

const rules = { schema: 'memdb_1_dev', tables: new Set(['orders', 'customers']), maxChars: 10_000 };

function refusal(sql: string): string {
  try {
    checkDefinitions(sql, rules);
  } catch (error) {
    if (isSqlRefusal(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

beforeAll(loadSqlParser);

describe('table definitions', () => {
  test.each([
    "create table items (id bigserial primary key, name varchar(40) not null default 'x', price numeric(10,2) check (price >= 0), customer_id bigint references customers(id), added timestamptz default now(), unique (name))",
    'create table if not exists memdb_1_dev.notes (id int generated always as identity primary key, body text, words int generated always as (length(body)) stored)',
    "alter table orders add column note text, alter column total type numeric using total::numeric, alter column note set default '', drop column legacy",
    'alter table orders add constraint positive check (total > 0), alter column total set not null',
    'drop table if exists orders, memdb_1_dev.customers cascade',
    'alter table orders rename to purchases',
    'alter table orders rename column total to amount',
    "comment on table orders is 'what people bought'; comment on column orders.total is 'in cents'",
    'create unique index if not exists orders_total on orders (total) where total > 0',
    'create index on orders (lower(note))',
    'create index on orders (note text_pattern_ops)',
    'drop index orders_total',
  ])('%s', (sql) => {
    expect(refusal(sql)).toBe('accepted');
  });

  test('a batch sees the tables its earlier statements create, rename and drop', () => {
    const checked = checkDefinitions('create table a (id int primary key); create table b (a_id int references a(id)); alter table a rename to c; comment on table c is \'x\'; drop table b', rules);
    expect(checked.map((statement) => statement.statement)).toEqual(['CREATE TABLE', 'CREATE TABLE', 'RENAME TABLE', 'COMMENT', 'DROP TABLE']);
    expect(checked[2]).toMatchObject({ renamed: { from: 'a', to: 'c' } });
    expect(refusal('drop table a; alter table a add column x int')).toBe('sql_unknown_table');
  });

  test.each([
    ['create table memdb_2_dev.x (a int)', 'sql_schema_not_allowed'],
    ['create table x (a int); drop table memdb_2_dev.secrets', 'sql_schema_not_allowed'],
    ['alter table memdb_2_dev.secrets add column b int', 'sql_schema_not_allowed'],
    ['alter table pg_catalog.pg_authid add column x int', 'sql_schema_not_allowed'],
    ["comment on table memdb_2_dev.secrets is 'x'", 'sql_schema_not_allowed'],
    ['create table x (a int references memdb_2_dev.secrets(id))', 'sql_schema_not_allowed'],
    ['create index i on memdb_2_dev.secrets (id)', 'sql_schema_not_allowed'],
    ['alter table secrets add column b int', 'sql_unknown_table'],
    ['drop table secrets', 'sql_unknown_table'],
    ['create view v as select * from orders', 'ddl_statement_not_allowed'],
    ["create function f() returns int language sql as 'select 1'", 'ddl_statement_not_allowed'],
    ['create table x as select * from memdb_2_dev.secrets', 'ddl_statement_not_allowed'],
    ['alter table orders owner to postgres', 'ddl_statement_not_allowed'],
    ['alter table orders disable row level security', 'ddl_statement_not_allowed'],
    ['drop policy astron_uid on orders', 'ddl_statement_not_allowed'],
    ['drop schema memdb_1_dev cascade', 'ddl_statement_not_allowed'],
    ['grant select on orders to public', 'ddl_statement_not_allowed'],
    ['create role attacker superuser', 'ddl_statement_not_allowed'],
    ["create extension dblink", 'ddl_statement_not_allowed'],
    ['alter table orders rename constraint a to b', 'ddl_statement_not_allowed'],
    ['select 1', 'ddl_statement_not_allowed'],
    ["create table x (a text default pg_read_file('/etc/passwd'))", 'sql_function_not_allowed'],
    ['create table x (a int generated always as (pg_backend_pid()) stored)', 'sql_function_not_allowed'],
    ["alter table orders alter column total set default current_setting('astron.uid')::int", 'sql_function_not_allowed'],
    ['create table x (a int check (a > (select 1)))', 'sql_construct_not_allowed'],
    ['create table x (like orders including all)', 'sql_construct_not_allowed'],
    ['create table x (a int) inherits (orders)', 'sql_construct_not_allowed'],
    ["create table x (a int) with (autovacuum_enabled = false)", 'sql_construct_not_allowed'],
    ['create temp table x (a int)', 'sql_construct_not_allowed'],
    ['create unlogged table x (a int)', 'sql_construct_not_allowed'],
    ['create index i on orders using hash (id) with (fillfactor = 50)', 'sql_construct_not_allowed'],
    ['create index i on orders (note public.evil_ops)', 'sql_construct_not_allowed'],
    ['create table x (a int[])', 'sql_type_not_allowed'],
    ['create table x (a regclass)', 'sql_type_not_allowed'],
    ['create table x (a public.mytype)', 'sql_type_not_allowed'],
    ['create table pg_stolen (a int)', 'ddl_invalid_name'],
    ['create table "a.b" (a int)', 'ddl_invalid_name'],
    ['alter table orders rename to pg_orders', 'ddl_invalid_name'],
  ])('%s → %s', (sql, code) => {
    expect(refusal(sql)).toBe(code);
  });
});
