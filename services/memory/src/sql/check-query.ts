import { CAST_TYPES, QUERY_NODES, statementName } from './allowlists.js';
import { refuse } from './errors.js';
import { parseStatements } from './parse.js';
import { checkExpressionNode, checkRelation, checkType, type Scope } from './references.js';
import { objectField, stringField, unwrap, walkTree, type JsonObject, type TreeNode } from './walk.js';

export type QueryKind = 'select' | 'insert' | 'update' | 'delete';

/** A statement that passed every rule, with its own text (no trailing semicolon) and what the executor needs. */
export interface CheckedQuery {
  kind: QueryKind;
  text: string;
  /** INSERT, UPDATE or DELETE with RETURNING: it answers rows. */
  returning: boolean;
  /** The highest $n it uses. */
  parameterCount: number;
  /** The database's tables it names. */
  tables: string[];
  /** The table an INSERT, UPDATE or DELETE changes. */
  target?: string;
}

export interface QueryRules {
  schema: string;
  tables: ReadonlySet<string>;
  /** Only SELECT (the NL-to-SQL tool, read-only callers). */
  readOnly?: boolean;
  maxChars: number;
}

const KINDS: Record<string, QueryKind> = { SelectStmt: 'select', InsertStmt: 'insert', UpdateStmt: 'update', DeleteStmt: 'delete' };

/** The parts each statement may have; anything else (SELECT INTO, FOR UPDATE, OVERRIDING ...) is refused by name. */
const ALLOWED_KEYS: Record<string, ReadonlySet<string>> = {
  SelectStmt: new Set(['targetList', 'fromClause', 'whereClause', 'groupClause', 'groupDistinct', 'havingClause', 'windowClause', 'sortClause', 'limitCount', 'limitOffset', 'limitOption', 'distinctClause', 'valuesLists', 'withClause', 'op', 'all', 'larg', 'rarg']),
  InsertStmt: new Set(['relation', 'cols', 'selectStmt', 'onConflictClause', 'returningClause', 'withClause', 'override']),
  UpdateStmt: new Set(['relation', 'targetList', 'whereClause', 'fromClause', 'returningClause', 'withClause']),
  DeleteStmt: new Set(['relation', 'usingClause', 'whereClause', 'returningClause', 'withClause']),
};

const CLAUSE_NAMES: Record<string, string> = {
  intoClause: 'SELECT INTO (it creates a table)',
  lockingClause: 'FOR UPDATE / FOR SHARE locks',
};

function checkKeys(type: string, body: JsonObject): void {
  const allowed = ALLOWED_KEYS[type];
  if (allowed === undefined) return;
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) refuse('sql_construct_not_allowed', `${CLAUSE_NAMES[key] ?? key} is not allowed in ${statementName(type)}`, { construct: key });
  }
  if (type === 'InsertStmt' && body.override !== undefined && body.override !== 'OVERRIDING_NOT_SET') {
    refuse('sql_construct_not_allowed', 'OVERRIDING SYSTEM/USER VALUE is not allowed in INSERT', { construct: 'override' });
  }
}

function withQueryNames(body: JsonObject): Set<string> {
  const names = new Set<string>();
  walkTree(body, (node) => {
    if (node.type !== 'CommonTableExpr') return;
    const query = unwrap(node.body.ctequery);
    if (query !== undefined && query.type !== 'SelectStmt') {
      refuse('sql_writable_cte', `a WITH query must be a SELECT; ${statementName(query.type)} inside WITH is not allowed (run it as its own statement)`, { statement: statementName(query.type) });
    }
    if (typeof node.body.ctename === 'string') names.add(node.body.ctename);
  });
  return names;
}

function visitor(scope: Scope, tables: Set<string>, counter: { max: number }) {
  return (node: TreeNode) => {
    if (node.type !== null && !QUERY_NODES.has(node.type)) {
      refuse(node.type.endsWith('Stmt') ? 'sql_statement_not_allowed' : 'sql_construct_not_allowed', `${statementName(node.type)} is not allowed inside a statement`, { construct: node.type });
    }
    if (node.type === 'RangeVar' || (node.type === null && typeof node.body.relname === 'string')) {
      const table = checkRelation(node.body, scope);
      if (scope.tables.has(table)) tables.add(table);
      return;
    }
    if (node.type === 'TypeName' || (node.type === null && node.field === 'typeName')) {
      checkType(node.body, CAST_TYPES, 'cast');
      return;
    }
    if (node.type === 'SelectStmt') checkKeys('SelectStmt', node.body);
    if (node.type === 'ParamRef' && typeof node.body.number === 'number') counter.max = Math.max(counter.max, node.body.number);
    checkExpressionNode(node);
  };
}

/**
 * Checks one statement of SQL written by an agent, a workflow or a person against the rules of the SQL API:
 * exactly one statement; SELECT, INSERT, UPDATE or DELETE; only the database's own tables; only listed functions,
 * casts and constructs; WITH queries only SELECT. Throws a 400 SqlRefusal naming what broke a rule.
 */
export function checkQuery(sql: string, rules: QueryRules): CheckedQuery {
  const statements = parseStatements(sql, rules.maxChars);
  if (statements.length > 1) {
    refuse('sql_multiple_statements', `one statement per call: found ${statements.length} (${statements.map((statement) => statementName(statement.type)).join(', ')})`, { count: statements.length });
  }
  const [statement] = statements;
  if (statement === undefined) return refuse('sql_empty', 'the SQL holds no statement');
  const kind = KINDS[statement.type];
  if (kind === undefined) {
    return refuse('sql_statement_not_allowed', `${statementName(statement.type)} is not allowed: only SELECT, INSERT, UPDATE and DELETE`, { statement: statementName(statement.type) });
  }
  if (rules.readOnly === true && kind !== 'select') refuse('sql_read_only', `${statementName(statement.type)} is not allowed: this call may only read (SELECT)`, { statement: statementName(statement.type) });
  checkKeys(statement.type, statement.body);
  const scope: Scope = { schema: rules.schema, tables: rules.tables, ctes: withQueryNames(statement.body) };
  const tables = new Set<string>();
  const counter = { max: 0 };
  const visit = visitor(scope, tables, counter);
  for (const [field, child] of Object.entries(statement.body)) walkTree(child, visit, field);
  const target = kind === 'select' ? undefined : stringField(objectField(statement.body, 'relation') ?? {}, 'relname');
  return { kind, text: statement.text, returning: statement.body.returningClause !== undefined, parameterCount: counter.max, tables: [...tables], ...(target === undefined ? {} : { target }) };
}
