import type { FastifyRequest } from 'fastify';
import type { App } from '@astron/kit/http';
import { badRequest } from '@astron/kit/errors';
import { callerOf, type MemoryRoutesContext } from './context.js';
import { deleteRowsSchema, envQuery, importQuery, insertRowsSchema, rowParams, rowsQuerySchema, tableParams, updateRowSchema } from './schemas.js';

const tags = ['rows'];

/** The data browser: rows of either copy, read and written as the service (every end user's rows), CSV in and out. */
export function rowRoutes(app: App, context: MemoryRoutesContext): void {
  const { databases, rows, transfer } = context;
  const databaseOf = async (request: FastifyRequest, id: number) => databases.find(callerOf(request, context).spaceId, id);

  app.post('/memory/v1/databases/:databaseId/tables/:table/rows/query', { schema: { tags, params: tableParams, body: rowsQuerySchema } }, async (request) => {
    const { env, ...query } = request.body;
    return rows.query(await databaseOf(request, request.params.databaseId), env, request.params.table, query);
  });

  app.post('/memory/v1/databases/:databaseId/tables/:table/rows', { schema: { tags, params: tableParams, body: insertRowsSchema } }, async (request, reply) => {
    const inserted = await rows.insert(await databaseOf(request, request.params.databaseId), request.body.env, request.params.table, request.body.rows);
    return reply.status(201).send({ rows: inserted });
  });

  app.patch('/memory/v1/databases/:databaseId/tables/:table/rows/:rowId', { schema: { tags, params: rowParams, body: updateRowSchema } }, async (request) => {
    const { databaseId, table, rowId } = request.params;
    return rows.update(await databaseOf(request, databaseId), request.body.env, table, rowId, request.body.values);
  });

  app.post('/memory/v1/databases/:databaseId/tables/:table/rows/delete', { schema: { tags, params: tableParams, body: deleteRowsSchema } }, async (request) => {
    return { deleted: await rows.remove(await databaseOf(request, request.params.databaseId), request.body.env, request.params.table, request.body.ids) };
  });

  app.post('/memory/v1/databases/:databaseId/tables/:table/import', { schema: { tags, params: tableParams, querystring: importQuery, summary: 'append the rows of a CSV file (Content-Type: text/csv)' } }, async (request) => {
    if (typeof request.body !== 'string') throw badRequest('send the CSV file as the body, with Content-Type: text/csv', undefined, 'csv_expected');
    const { env, uid } = request.query;
    return transfer.importCsv(await databaseOf(request, request.params.databaseId), env, request.params.table, request.body, uid ?? null);
  });

  app.get('/memory/v1/databases/:databaseId/tables/:table/export', { schema: { tags, params: tableParams, querystring: envQuery } }, async (request, reply) => {
    const { databaseId, table } = request.params;
    const csv = await transfer.exportCsv(await databaseOf(request, databaseId), request.query.env, table);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${table}.csv`)}`)
      .send(csv);
  });
}
