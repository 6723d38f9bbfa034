import type { FastifyRequest } from 'fastify';
import type { App } from '@astron/kit/http';
import { callerOf, type MemoryRoutesContext } from './context.js';
import { columnParams, columnSchema, createTableSchema, databaseParams, envQuery, tableParams, updateColumnSchema, updateTableSchema } from './schemas.js';

const tags = ['tables'];

/** The table designer: tables and columns of the development copy, described as data. */
export function tableRoutes(app: App, context: MemoryRoutesContext): void {
  const { databases, tables } = context;
  const databaseOf = async (request: FastifyRequest, id: number) => databases.find(callerOf(request, context).spaceId, id);

  app.get('/memory/v1/databases/:databaseId/tables', { schema: { tags, params: databaseParams, querystring: envQuery } }, async (request) => {
    return { items: await tables.list(await databaseOf(request, request.params.databaseId), request.query.env) };
  });

  app.post('/memory/v1/databases/:databaseId/tables', { schema: { tags, params: databaseParams, body: createTableSchema } }, async (request, reply) => {
    return reply.status(201).send(await tables.create(await databaseOf(request, request.params.databaseId), request.body));
  });

  app.get('/memory/v1/databases/:databaseId/tables/:table', { schema: { tags, params: tableParams, querystring: envQuery } }, async (request) => {
    return tables.find(await databaseOf(request, request.params.databaseId), request.params.table, request.query.env);
  });

  app.patch('/memory/v1/databases/:databaseId/tables/:table', { schema: { tags, params: tableParams, body: updateTableSchema } }, async (request) => {
    return tables.update(await databaseOf(request, request.params.databaseId), request.params.table, request.body);
  });

  app.delete('/memory/v1/databases/:databaseId/tables/:table', { schema: { tags, params: tableParams } }, async (request, reply) => {
    await tables.remove(await databaseOf(request, request.params.databaseId), request.params.table);
    return reply.status(204).send();
  });

  app.post('/memory/v1/databases/:databaseId/tables/:table/columns', { schema: { tags, params: tableParams, body: columnSchema } }, async (request, reply) => {
    return reply.status(201).send(await tables.addColumn(await databaseOf(request, request.params.databaseId), request.params.table, request.body));
  });

  app.patch('/memory/v1/databases/:databaseId/tables/:table/columns/:column', { schema: { tags, params: columnParams, body: updateColumnSchema } }, async (request) => {
    const { databaseId, table, column } = request.params;
    return tables.alterColumn(await databaseOf(request, databaseId), table, column, request.body);
  });

  app.delete('/memory/v1/databases/:databaseId/tables/:table/columns/:column', { schema: { tags, params: columnParams } }, async (request) => {
    const { databaseId, table, column } = request.params;
    return tables.dropColumn(await databaseOf(request, databaseId), table, column);
  });
}
