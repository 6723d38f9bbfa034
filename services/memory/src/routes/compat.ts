import type { FastifyRequest } from 'fastify';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { callerOf, type MemoryRoutesContext } from './context.js';
import { answerAsOriginal, ORIGINAL_CODES, originalBody, type CodeMap } from './compat-answers.js';

const tags = ['astron-agent compatible'];
const UID = /^[^！@#￥%…&*()\u4e00-\u9fa5]+$/;

const uid = z.string().min(1).max(64).regex(UID, 'may not hold Chinese characters or ！@#￥%……&*()');
const databaseId = z.number({ error: 'expected an integer' }).int().positive();
const spaceId = z.union([z.string(), z.number()]).nullish();
const appId = z.string().regex(/^$|^[^！@#￥%…&*()\u4e00-\u9fa5]+$/);
export const originalEnv = z.enum(['prod', 'test'], { error: 'expected prod or test' }).transform((env) => (env === 'test' ? 'dev' : 'prod'));

const createSchema = z.object({ uid, database_name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,19}$/, 'starts with a letter; letters, digits and _; at most 20 characters'), description: z.string().max(200).nullish(), space_id: spaceId });
const cloneSchema = z.object({ uid, database_id: databaseId, new_database_name: z.string().min(1).max(64) });
const dropSchema = z.object({ uid, database_id: databaseId, space_id: spaceId });
const describeSchema = dropSchema.extend({ description: z.string().max(200).nullish() });
const ddlSchema = dropSchema.extend({ ddl: z.string().min(1) });
const dmlSchema = dropSchema.extend({ app_id: appId, dml: z.string().min(1), env: originalEnv });

const DDL_CODES: CodeMap = { failure: ORIGINAL_CODES.ddlExecution, sql_schema_not_allowed: ORIGINAL_CODES.noAuthority, sql_unknown_table: ORIGINAL_CODES.noAuthority };
const DML_CODES: CodeMap = { failure: ORIGINAL_CODES.execution, sql_schema_not_allowed: ORIGINAL_CODES.noAuthority, sql_unknown_table: ORIGINAL_CODES.noAuthority };
const REFUSALS = ['sql_multiple_statements', 'sql_statement_not_allowed', 'sql_read_only', 'sql_function_not_allowed', 'sql_type_not_allowed', 'sql_construct_not_allowed', 'sql_writable_cte', 'ddl_statement_not_allowed', 'ddl_invalid_name', 'sql_too_long'];
for (const code of REFUSALS) {
  DDL_CODES[code] = ORIGINAL_CODES.ddlNotAllowed;
  DML_CODES[code] = ORIGINAL_CODES.dmlNotAllowed;
}
for (const code of ['sql_invalid', 'sql_invalid_value', 'sql_object_exists', 'sql_dependent_objects', 'sql_constraint_violation', 'sql_unique_violation', 'sql_foreign_key_violation', 'sql_timeout', 'sql_permission_denied', 'row_scope_violation', 'uid_required', 'sql_parameters_mismatch']) {
  DDL_CODES[code] = ORIGINAL_CODES.ddlExecution;
  DML_CODES[code] = ORIGINAL_CODES.execution;
}

/**
 * The original astron-agent's core-memory API under /xingchen-db/v1 (all POST), for clients written against it. The
 * space comes from the service token (its `space_id` and `uid` do not choose databases); `uid` is the end user that
 * user-scoped tables are kept to; env `test` is the development copy. exec_ddl changes both copies, as there.
 */
export function compatRoutes(app: App, context: MemoryRoutesContext): void {
  const { databases, definitions, queries } = context;
  const post = (path: string, summary: string, codes: CodeMap, work: (request: FastifyRequest) => Promise<unknown>) =>
    app.post(`/xingchen-db/v1/${path}`, { schema: { tags, summary } }, (request) => answerAsOriginal(request, codes, () => work(request)));

  post('create_database', 'create a database (both copies)', {}, async (request) => {
    const { spaceId: space, actor } = callerOf(request, context);
    const body = originalBody(createSchema, request.body);
    const created = await databases.create(space, actor, { name: body.database_name, description: body.description ?? '' });
    return { database_id: created.id };
  });

  post('clone_database', 'copy a database with its tables and rows', {}, async (request) => {
    const { spaceId: space, actor } = callerOf(request, context);
    const body = originalBody(cloneSchema, request.body);
    const cloned = await databases.clone(space, actor, body.database_id, { name: body.new_database_name });
    return { database_id: cloned.id };
  });

  post('drop_database', 'delete a database', {}, async (request) => {
    const body = originalBody(dropSchema, request.body);
    await databases.remove(callerOf(request, context).spaceId, body.database_id);
    return undefined;
  });

  post('modify_db_description', 'change the description', {}, async (request) => {
    const body = originalBody(describeSchema, request.body);
    await databases.update(callerOf(request, context).spaceId, body.database_id, { description: body.description ?? '' });
    return undefined;
  });

  post('exec_ddl', 'table definitions on both copies', DDL_CODES, async (request) => {
    const body = originalBody(ddlSchema, request.body);
    const database = await databases.find(callerOf(request, context).spaceId, body.database_id);
    await definitions.runOnBoth(database, body.ddl);
    return undefined;
  });

  post('exec_dml', 'one checked statement on one copy', DML_CODES, async (request) => {
    const body = originalBody(dmlSchema, request.body);
    const database = await databases.find(callerOf(request, context).spaceId, body.database_id);
    const answer = await queries.run(database, { sql: body.dml, env: body.env, uid: body.uid, returnInsertedIds: true });
    return { exec_success: answer.rows, exec_failure: [], exec_time: answer.elapsedMs / 1000 };
  });
}
