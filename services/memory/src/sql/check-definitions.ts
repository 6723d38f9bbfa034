import { CAST_TYPES, COLUMN_TYPES, EXPRESSION_NODES, statementName } from './allowlists.js';
import { refuse } from './errors.js';
import { checkName } from './names.js';
import { parseStatements } from './parse.js';
import { checkExpressionNode, checkRelation, checkType, type Scope } from './references.js';
import { namesOf, objectField, stringField, walkTree, type JsonObject, type TreeNode } from './walk.js';

/** One checked definition statement: its text, and the tables it creates, drops or renames. */
export interface CheckedDefinition {
  statement: string;
  text: string;
  created?: string;
  dropped?: string[];
  renamed?: { from: string; to: string };
}

export interface DefinitionRules {
  schema: string;
  tables: ReadonlySet<string>;
  maxChars: number;
}

const NODES: ReadonlySet<string> = new Set([...EXPRESSION_NODES, 'ColumnDef', 'Constraint', 'AlterTableCmd', 'IndexElem']);
const CONSTRAINTS: ReadonlySet<string> = new Set(['CONSTR_NULL', 'CONSTR_NOTNULL', 'CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED', 'CONSTR_CHECK', 'CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_FOREIGN']);
const ALTERATIONS: ReadonlySet<string> = new Set(['AT_AddColumn', 'AT_DropColumn', 'AT_AlterColumnType', 'AT_ColumnDefault', 'AT_SetNotNull', 'AT_DropNotNull', 'AT_AddConstraint', 'AT_DropConstraint']);
const INDEX_METHODS: ReadonlySet<string> = new Set(['btree', 'hash', 'gin', 'gist', 'brin']);
const ANY_TYPE: ReadonlySet<string> = new Set([...CAST_TYPES, ...COLUMN_TYPES]);
const ALLOWED_SUMMARY = 'only CREATE / ALTER / DROP TABLE, CREATE / DROP INDEX, COMMENT ON TABLE / COLUMN and RENAME';

function onlyKeys(body: JsonObject, allowed: string[], what: string): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) refuse('sql_construct_not_allowed', `${key} is not allowed in ${what}`, { construct: key });
  }
}

function visitor(scope: Scope) {
  return (node: TreeNode) => {
    if (node.type !== null && !NODES.has(node.type)) refuse('sql_construct_not_allowed', `${statementName(node.type)} is not allowed in a table definition`, { construct: node.type });
    if (node.type === 'RangeVar' || (node.type === null && typeof node.body.relname === 'string')) return void checkRelation(node.body, scope);
    if (node.type === null && node.field === 'typeName') return void checkType(node.body, ANY_TYPE, 'cast');
    if (node.type === null && node.field === 'collClause') return checkExpressionNode({ type: 'CollateClause', body: node.body, field: node.field });
    if (node.type === 'ColumnDef') {
      const type = objectField(node.body, 'typeName');
      if (type !== undefined) checkType(type, COLUMN_TYPES, 'column');
      const name = stringField(node.body, 'colname');
      if (name !== undefined) checkName(name, 'column');
    }
    if (node.type === 'Constraint') {
      const kind = stringField(node.body, 'contype') ?? '';
      if (!CONSTRAINTS.has(kind)) refuse('sql_construct_not_allowed', `${kind.replace(/^CONSTR_/, '')} constraints are not allowed`, { construct: kind });
      if (node.body.indexspace !== undefined || node.body.options !== undefined) refuse('sql_construct_not_allowed', 'storage options and tablespaces are not allowed', { construct: 'options' });
    }
    if (node.type === 'AlterTableCmd') {
      const kind = stringField(node.body, 'subtype') ?? '';
      if (!ALTERATIONS.has(kind)) refuse('ddl_statement_not_allowed', `ALTER TABLE ${kind.replace(/^AT_/, '')} is not allowed: only add, drop or change columns, defaults, NOT NULL and constraints`, { statement: kind });
    }
    checkExpressionNode(node);
  };
}

/** [schema?, name] of a DROP or COMMENT target: unqualified or qualified with the own schema. */
function ownName(names: string[], scope: Scope, length: number): string[] {
  if (names.length === length + 1 && names[0] === scope.schema) return names.slice(1);
  if (names.length !== length) refuse('sql_schema_not_allowed', `${names.join('.')} is outside this database: only its own tables can be changed`, { table: names.join('.') });
  return names;
}

function knownTable(table: string, known: Set<string>): string {
  if (!known.has(table)) refuse('sql_unknown_table', `${table} is not a table of this database`, { table });
  return table;
}

function checkOne(type: string, body: JsonObject, text: string, scope: Scope, known: Set<string>): CheckedDefinition {
  const walk = (value: JsonObject) => walkTree(value, visitor({ ...scope, tables: known }));
  const relation = objectField(body, 'relation');
  switch (type) {
    case 'CreateStmt': {
      onlyKeys(body, ['relation', 'tableElts', 'oncommit', 'if_not_exists'], 'CREATE TABLE (no LIKE, INHERITS, PARTITION, TABLESPACE or WITH)');
      if (relation?.relpersistence !== 'p') refuse('sql_construct_not_allowed', 'temporary and unlogged tables are not allowed', { construct: 'relpersistence' });
      const schema = stringField(relation ?? {}, 'schemaname');
      if (schema !== undefined && schema !== scope.schema) refuse('sql_schema_not_allowed', `${schema} is outside this database: tables are created in the database's own schema (leave the name unqualified)`, { schema });
      const table = checkName(stringField(relation ?? {}, 'relname') ?? '', 'table');
      known.add(table);
      walk({ tableElts: body.tableElts ?? [] });
      return { statement: 'CREATE TABLE', text, created: table };
    }
    case 'AlterTableStmt':
      if (body.objtype !== 'OBJECT_TABLE') refuse('ddl_statement_not_allowed', `ALTER ${(stringField(body, 'objtype') ?? '').replace(/^OBJECT_/, '')} is not allowed: ${ALLOWED_SUMMARY}`);
      onlyKeys(body, ['relation', 'cmds', 'objtype', 'missing_ok'], 'ALTER TABLE');
      walk(body);
      return { statement: 'ALTER TABLE', text };
    case 'IndexStmt': {
      onlyKeys(body, ['idxname', 'relation', 'accessMethod', 'indexParams', 'indexIncludingParams', 'whereClause', 'unique', 'if_not_exists', 'nulls_not_distinct'], 'CREATE INDEX (no CONCURRENTLY, TABLESPACE or WITH)');
      if (!INDEX_METHODS.has(stringField(body, 'accessMethod') ?? '')) refuse('sql_construct_not_allowed', `index method ${stringField(body, 'accessMethod') ?? ''} is not allowed; use ${[...INDEX_METHODS].join(', ')}`);
      const name = stringField(body, 'idxname');
      if (name !== undefined) checkName(name, 'index');
      walk(body);
      return { statement: 'CREATE INDEX', text };
    }
    case 'DropStmt': {
      if (body.removeType !== 'OBJECT_TABLE' && body.removeType !== 'OBJECT_INDEX') refuse('ddl_statement_not_allowed', `DROP ${(stringField(body, 'removeType') ?? '').replace(/^OBJECT_/, '')} is not allowed: ${ALLOWED_SUMMARY}`);
      onlyKeys(body, ['objects', 'removeType', 'behavior', 'missing_ok'], 'DROP');
      const names = (Array.isArray(body.objects) ? body.objects : []).map((object) => ownName(namesOf(objectField(object as JsonObject, 'List')?.items), scope, 1)[0] ?? '');
      for (const name of names) checkName(name, body.removeType === 'OBJECT_TABLE' ? 'table' : 'index');
      if (body.removeType === 'OBJECT_INDEX') return { statement: 'DROP INDEX', text };
      if (body.missing_ok !== true) names.forEach((name) => knownTable(name, known));
      names.forEach((name) => known.delete(name));
      return { statement: 'DROP TABLE', text, dropped: names };
    }
    case 'CommentStmt': {
      const length = body.objtype === 'OBJECT_TABLE' ? 1 : body.objtype === 'OBJECT_COLUMN' ? 2 : 0;
      if (length === 0) refuse('ddl_statement_not_allowed', `COMMENT ON ${(stringField(body, 'objtype') ?? '').replace(/^OBJECT_/, '')} is not allowed: only tables and columns`);
      const [table = ''] = ownName(namesOf(objectField(objectField(body, 'object') ?? {}, 'List')?.items), scope, length);
      knownTable(table, known);
      return { statement: 'COMMENT', text };
    }
    case 'RenameStmt': {
      if (body.renameType !== 'OBJECT_TABLE' && body.renameType !== 'OBJECT_COLUMN') refuse('ddl_statement_not_allowed', `renaming ${(stringField(body, 'renameType') ?? '').replace(/^OBJECT_/, '').toLowerCase()}s is not allowed: only tables and columns`);
      const from = checkRelation(relation ?? {}, { ...scope, tables: known });
      const to = checkName(stringField(body, 'newname') ?? '', body.renameType === 'OBJECT_TABLE' ? 'table' : 'column');
      if (body.renameType === 'OBJECT_COLUMN') return { statement: 'RENAME COLUMN', text };
      known.delete(from);
      known.add(to);
      return { statement: 'RENAME TABLE', text, renamed: { from, to } };
    }
    default:
      return refuse('ddl_statement_not_allowed', `${statementName(type)} is not allowed: ${ALLOWED_SUMMARY}`, { statement: statementName(type) });
  }
}

/**
 * Checks table definitions (several statements may follow each other): each one a CREATE / ALTER / DROP TABLE,
 * CREATE / DROP INDEX, COMMENT or RENAME on the database's own schema, with listed column types and functions.
 * Later statements may use the tables earlier ones create.
 */
export function checkDefinitions(sql: string, rules: DefinitionRules): CheckedDefinition[] {
  const known = new Set(rules.tables);
  const scope: Scope = { schema: rules.schema, tables: known };
  return parseStatements(sql, rules.maxChars).map((statement) => checkOne(statement.type, statement.body, statement.text, scope, known));
}
