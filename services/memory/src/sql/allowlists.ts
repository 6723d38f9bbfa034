/**
 * What SQL from agents, workflows and people may use. Everything not listed is refused: a function reading files
 * (pg_read_file, lo_import), talking to other servers (dblink), changing settings (set_config), sleeping
 * (pg_sleep), reading the catalogs in bulk (query_to_xml) or producing unbounded rows (generate_series; PGlite has
 * no statement timeout) is simply absent.
 */

const aggregates = [
  'count', 'sum', 'avg', 'min', 'max', 'string_agg', 'array_agg', 'json_agg', 'jsonb_agg', 'json_object_agg',
  'jsonb_object_agg', 'bool_and', 'bool_or', 'every', 'bit_and', 'bit_or', 'stddev', 'stddev_pop', 'stddev_samp',
  'variance', 'var_pop', 'var_samp', 'corr', 'covar_pop', 'covar_samp', 'percentile_cont', 'percentile_disc', 'mode',
  'any_value',
];

const windows = ['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value'];

const strings = [
  'length', 'char_length', 'character_length', 'octet_length', 'bit_length', 'lower', 'upper', 'initcap', 'btrim',
  'ltrim', 'rtrim', 'substring', 'substr', 'left', 'right', 'lpad', 'rpad', 'replace', 'translate', 'reverse', 'repeat',
  'concat', 'concat_ws', 'position', 'strpos', 'split_part', 'starts_with', 'format', 'overlay', 'regexp_replace',
  'regexp_match', 'regexp_matches', 'regexp_like', 'regexp_count', 'regexp_substr', 'regexp_instr',
  'regexp_split_to_array', 'regexp_split_to_table', 'string_to_array', 'string_to_table', 'array_to_string', 'md5',
  'to_hex', 'ascii', 'chr', 'quote_literal', 'quote_ident', 'quote_nullable', 'normalize', 'similar_to_escape',
];

const numbers = [
  'abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'mod', 'power', 'pow', 'sqrt', 'cbrt', 'exp', 'ln', 'log',
  'log10', 'sign', 'pi', 'degrees', 'radians', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'div', 'gcd', 'lcm',
  'width_bucket', 'random', 'scale', 'num_nonnulls', 'num_nulls',
];

const times = [
  'now', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'date_trunc', 'date_part', 'extract', 'age',
  'make_date', 'make_time', 'make_timestamp', 'make_timestamptz', 'make_interval', 'to_char', 'to_date',
  'to_timestamp', 'to_number', 'date_bin', 'justify_days', 'justify_hours', 'justify_interval', 'isfinite', 'timezone',
  'overlaps',
];

const json = [
  'to_json', 'to_jsonb', 'json_build_object', 'jsonb_build_object', 'json_build_array', 'jsonb_build_array',
  'json_object', 'jsonb_object', 'json_extract_path', 'json_extract_path_text', 'jsonb_extract_path',
  'jsonb_extract_path_text', 'json_array_length', 'jsonb_array_length', 'json_array_elements',
  'json_array_elements_text', 'jsonb_array_elements', 'jsonb_array_elements_text', 'json_each', 'json_each_text',
  'jsonb_each', 'jsonb_each_text', 'json_object_keys', 'jsonb_object_keys', 'json_typeof', 'jsonb_typeof', 'jsonb_set',
  'jsonb_insert', 'jsonb_strip_nulls', 'json_strip_nulls', 'jsonb_pretty', 'row_to_json', 'array_to_json',
  'jsonb_path_exists', 'jsonb_path_match', 'jsonb_path_query', 'jsonb_path_query_array', 'jsonb_path_query_first',
];

const arrays = [
  'array_length', 'array_upper', 'array_lower', 'array_ndims', 'cardinality', 'array_append', 'array_prepend',
  'array_cat', 'array_remove', 'array_replace', 'array_position', 'array_positions', 'unnest', 'trim_array',
];

const identifiers = ['gen_random_uuid', 'uuidv4', 'uuidv7'];

export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([...aggregates, ...windows, ...strings, ...numbers, ...times, ...json, ...arrays, ...identifiers]);

/** Types a value may be cast to (`x::int`, `cast(x as date)`). */
export const CAST_TYPES: ReadonlySet<string> = new Set([
  'int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint', 'numeric', 'decimal', 'float4', 'float8', 'real',
  'bool', 'boolean', 'text', 'varchar', 'bpchar', 'char', 'date', 'time', 'timetz', 'timestamp', 'timestamptz',
  'interval', 'json', 'jsonb', 'jsonpath', 'uuid',
]);

/** Types a column may have in a CREATE or ALTER TABLE. No arrays, no domains, no user types. */
export const COLUMN_TYPES: ReadonlySet<string> = new Set([
  'int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint', 'serial', 'bigserial', 'smallserial', 'serial4',
  'serial8', 'serial2', 'numeric', 'decimal', 'float4', 'float8', 'real', 'bool', 'boolean', 'text', 'varchar',
  'bpchar', 'char', 'date', 'time', 'timestamp', 'timestamptz', 'interval', 'json', 'jsonb', 'uuid',
]);

/** CURRENT_DATE and friends; CURRENT_USER, SESSION_USER, CURRENT_SCHEMA ... say who and where the statement runs. */
export const ALLOWED_VALUE_FUNCTIONS: ReadonlySet<string> = new Set([
  'SVFOP_CURRENT_DATE', 'SVFOP_CURRENT_TIME', 'SVFOP_CURRENT_TIME_N', 'SVFOP_CURRENT_TIMESTAMP',
  'SVFOP_CURRENT_TIMESTAMP_N', 'SVFOP_LOCALTIME', 'SVFOP_LOCALTIME_N', 'SVFOP_LOCALTIMESTAMP', 'SVFOP_LOCALTIMESTAMP_N',
]);

/** Parse-tree nodes an expression may be made of (libpg_query's names). */
export const EXPRESSION_NODES: ReadonlySet<string> = new Set([
  'A_Const', 'A_Expr', 'A_Star', 'A_ArrayExpr', 'A_Indirection', 'A_Indices', 'BoolExpr', 'BooleanTest', 'CaseExpr',
  'CaseWhen', 'CoalesceExpr', 'CollateClause', 'ColumnRef', 'FuncCall', 'GroupingFunc', 'MinMaxExpr', 'MultiAssignRef',
  'NamedArgExpr', 'NullTest', 'ParamRef', 'ResTarget', 'RowExpr', 'SQLValueFunction', 'SetToDefault', 'SortBy',
  'TypeCast', 'TypeName', 'WindowDef', 'String', 'Integer', 'Float', 'Boolean', 'BitString', 'List',
]);

/** Nodes a query may add to expressions: sub-queries, joins, WITH. */
export const QUERY_NODES: ReadonlySet<string> = new Set([
  ...EXPRESSION_NODES, 'SelectStmt', 'SubLink', 'RangeVar', 'RangeSubselect', 'RangeFunction', 'JoinExpr', 'CommonTableExpr',
  'GroupingSet', 'IndexElem',
]);

/** What people call the statements that are refused, by node type. */
export const STATEMENT_NAMES: Readonly<Record<string, string>> = {
  SelectStmt: 'SELECT', InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', MergeStmt: 'MERGE',
  CreateStmt: 'CREATE TABLE', AlterTableStmt: 'ALTER TABLE', DropStmt: 'DROP', RenameStmt: 'RENAME',
  CommentStmt: 'COMMENT', IndexStmt: 'CREATE INDEX', TruncateStmt: 'TRUNCATE', CopyStmt: 'COPY', DoStmt: 'DO',
  VariableSetStmt: 'SET', VariableShowStmt: 'SHOW', TransactionStmt: 'transaction control (BEGIN, COMMIT, ROLLBACK ...)',
  ExplainStmt: 'EXPLAIN', CreateFunctionStmt: 'CREATE FUNCTION', CreateRoleStmt: 'CREATE ROLE', GrantStmt: 'GRANT',
  GrantRoleStmt: 'GRANT', ViewStmt: 'CREATE VIEW', CreateSchemaStmt: 'CREATE SCHEMA', CallStmt: 'CALL',
  LockStmt: 'LOCK', ListenStmt: 'LISTEN', NotifyStmt: 'NOTIFY', PrepareStmt: 'PREPARE', ExecuteStmt: 'EXECUTE',
  CreateTableAsStmt: 'CREATE TABLE AS', CreateExtensionStmt: 'CREATE EXTENSION', VacuumStmt: 'VACUUM',
  AlterRoleStmt: 'ALTER ROLE', CreatedbStmt: 'CREATE DATABASE', DropdbStmt: 'DROP DATABASE', LoadStmt: 'LOAD',
};

export const statementName = (type: string) => STATEMENT_NAMES[type] ?? type.replace(/Stmt$/, '');
