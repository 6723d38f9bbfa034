import type { App } from '@astron/kit/http';
import { copyOf } from '../domain/copies.js';
import { describeForPrompt, describeTables } from '../domain/describe.js';
import { callerOf, type MemoryRoutesContext } from './context.js';
import { cloneDatabaseSchema, createDatabaseSchema, databaseParams, ddlSchema, envQuery, listDatabasesQuery, publishSchema, updateDatabaseSchema } from './schemas.js';
import { databaseView } from './views.js';

const tags = ['databases'];

/** Databases of the caller's space: create, list, read, rename, delete, clone, publish, describe, and DDL on development. */
export function databaseRoutes(app: App, context: MemoryRoutesContext): void {
  const { databases, definitions } = context;

  app.post('/memory/v1/databases', { schema: { tags, body: createDatabaseSchema } }, async (request, reply) => {
    const { spaceId, actor } = callerOf(request, context);
    return reply.status(201).send(databaseView(await databases.create(spaceId, actor, request.body)));
  });

  app.get('/memory/v1/databases', { schema: { tags, querystring: listDatabasesQuery } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return { items: (await databases.list(spaceId, request.query.agentId)).map(databaseView) };
  });

  app.get('/memory/v1/databases/:databaseId', { schema: { tags, params: databaseParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return databaseView(await databases.find(spaceId, request.params.databaseId));
  });

  app.patch('/memory/v1/databases/:databaseId', { schema: { tags, params: databaseParams, body: updateDatabaseSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return databaseView(await databases.update(spaceId, request.params.databaseId, request.body));
  });

  app.delete('/memory/v1/databases/:databaseId', { schema: { tags, params: databaseParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    await databases.remove(spaceId, request.params.databaseId);
    return reply.status(204).send();
  });

  app.post('/memory/v1/databases/:databaseId/clone', { schema: { tags, params: databaseParams, body: cloneDatabaseSchema } }, async (request, reply) => {
    const { spaceId, actor } = callerOf(request, context);
    return reply.status(201).send(databaseView(await databases.clone(spaceId, actor, request.params.databaseId, request.body)));
  });

  app.post('/memory/v1/databases/:databaseId/publish', { schema: { tags, params: databaseParams, body: publishSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const published = await databases.publish(spaceId, request.params.databaseId, request.body.includeData);
    return { database: databaseView(published.database), tables: published.tables, rowsCopied: published.rowsCopied };
  });

  app.get('/memory/v1/databases/:databaseId/describe', { schema: { tags, params: databaseParams, querystring: envQuery, summary: "the tables, for an agent's NL-to-SQL tool" } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const database = await databases.find(spaceId, request.params.databaseId);
    const copy = copyOf(database, request.query.env);
    const tables = await describeTables(context.database.kysely, copy.schema);
    return { databaseId: database.id, name: database.name, description: database.description, env: copy.env, tables, prompt: describeForPrompt(tables) };
  });

  app.post('/memory/v1/databases/:databaseId/ddl', { schema: { tags, params: databaseParams, body: ddlSchema, summary: 'table definitions on the development copy' } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const database = await databases.find(spaceId, request.params.databaseId);
    const statements = await definitions.run(database, request.body.sql);
    return { env: 'dev', statements: statements.map((statement) => statement.statement) };
  });
}
