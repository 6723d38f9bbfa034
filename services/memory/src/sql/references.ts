import { ALLOWED_FUNCTIONS, ALLOWED_VALUE_FUNCTIONS } from './allowlists.js';
import { refuse } from './errors.js';
import { namesOf, stringField, type JsonObject, type TreeNode } from './walk.js';

/** What a statement may refer to: the schema of the database copy it runs on, and that schema's tables. */
export interface Scope {
  schema: string;
  tables: ReadonlySet<string>;
  /** Names of WITH queries of the statement, which unqualified references may also mean. */
  ctes?: ReadonlySet<string>;
}

const listed = (tables: ReadonlySet<string>) => {
  const names = [...tables].sort();
  if (names.length === 0) return 'this database has no tables yet';
  return `its tables are ${names.slice(0, 50).join(', ')}${names.length > 50 ? ' ...' : ''}`;
};

/** A table reference: unqualified or qualified with the database's own schema, and one of its tables. */
export function checkRelation(body: JsonObject, scope: Scope): string {
  const table = stringField(body, 'relname') ?? '';
  const schema = stringField(body, 'schemaname');
  const catalog = stringField(body, 'catalogname');
  if (catalog !== undefined || (schema !== undefined && schema !== scope.schema)) {
    const name = [catalog, schema, table].filter((part) => part !== undefined).join('.');
    refuse('sql_schema_not_allowed', `${name} is outside this database: only the database's own tables can be used (unqualified names)`, { table: name });
  }
  if (schema === undefined && scope.ctes?.has(table)) return table;
  if (!scope.tables.has(table)) refuse('sql_unknown_table', `${table} is not a table of this database; ${listed(scope.tables)}`, { table });
  return table;
}

/** A function call: an allowed built-in, unqualified or qualified with pg_catalog (how SQL syntax forms parse). */
export function checkFunction(body: JsonObject): void {
  const names = namesOf(body.funcname);
  const name = names[names.length - 1] ?? '';
  if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) {
    refuse('sql_function_not_allowed', `function ${names.join('.')} is not allowed: only built-in functions can be called`, { function: names.join('.') });
  }
  if (!ALLOWED_FUNCTIONS.has(name.toLowerCase())) refuse('sql_function_not_allowed', `function ${name} is not allowed here`, { function: name });
}

/** A type name (of a cast or a column): built-in and listed in `allowed`. */
export function checkType(body: JsonObject, allowed: ReadonlySet<string>, where: 'cast' | 'column'): string {
  const names = namesOf(body.names);
  const name = names[names.length - 1] ?? '';
  const qualifiedElsewhere = names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog');
  if (qualifiedElsewhere || body.pct_type === true || body.setof === true || !allowed.has(name.toLowerCase())) {
    refuse('sql_type_not_allowed', `type ${names.join('.')} is not allowed ${where === 'cast' ? 'in a cast' : 'for a column'}; use one of ${[...allowed].join(', ')}`, { type: names.join('.') });
  }
  if (where === 'column' && body.arrayBounds !== undefined) refuse('sql_type_not_allowed', `array columns (${name}[]) are not supported`, { type: `${name}[]` });
  return name;
}

/** The checks every expression node gets, in queries and in table definitions alike. */
export function checkExpressionNode(node: TreeNode): void {
  switch (node.type) {
    case 'FuncCall':
      checkFunction(node.body);
      return;
    case 'A_Expr': {
      const names = namesOf(node.body.name);
      if (names.length > 1 && names[0] !== 'pg_catalog') refuse('sql_construct_not_allowed', `operator ${names.join('.')} is not allowed: only built-in operators`);
      return;
    }
    case 'SQLValueFunction': {
      const op = stringField(node.body, 'op') ?? '';
      if (!ALLOWED_VALUE_FUNCTIONS.has(op)) refuse('sql_function_not_allowed', `${op.replace(/^SVFOP_/, '')} is not allowed: a statement may not ask who or where it runs`, { function: op.replace(/^SVFOP_/, '') });
      return;
    }
    case 'IndexElem': {
      const names = namesOf(node.body.opclass);
      if (names.length > 1 && names[0] !== 'pg_catalog') refuse('sql_construct_not_allowed', `operator class ${names.join('.')} is not allowed: only built-in operator classes`);
      return;
    }
    case 'CollateClause': {
      const names = namesOf(node.body.collname);
      if (names.length > 1 && names[0] !== 'pg_catalog') refuse('sql_construct_not_allowed', `collation ${names.join('.')} is not allowed: only built-in collations`);
      return;
    }
    default:
  }
}
