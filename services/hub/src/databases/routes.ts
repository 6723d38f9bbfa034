import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { passThrough, type PassRoute } from '../pass-through.js';
import { peerService } from '../peers.js';

const databaseId = z.string().regex(/^\d{1,16}$/, 'expected a database id (digits)');
const name = z.string().min(1).max(63);
const databaseParams = z.object({ databaseId });
const tableParams = z.object({ databaseId, table: name });
const columnParams = z.object({ databaseId, table: name, column: name });
const rowParams = z.object({ databaseId, table: name, rowId: z.string().min(1).max(200) });

/** Publishing copies tables (and rows when asked); an import may carry MEMORY_MAX_IMPORT_MB of CSV. */
const TIMEOUT_MS = 5 * 60_000;

const view = 'resources.view' as const;
const edit = 'resources.edit' as const;
const base = '/api/databases';
const to = '/memory/v1/databases';
const changed = (action: string) => ({ action: `database.${action}`, type: 'database' });

const databases: PassRoute[] = [
  { method: 'GET', path: base, to, permission: view, query: true },
  { method: 'POST', path: base, to, permission: edit, body: 'json', audit: changed('created') },
  { method: 'GET', path: `${base}/:databaseId`, to: `${to}/:databaseId`, permission: view, params: databaseParams },
  { method: 'PATCH', path: `${base}/:databaseId`, to: `${to}/:databaseId`, permission: edit, params: databaseParams, body: 'json', audit: changed('updated') },
  { method: 'DELETE', path: `${base}/:databaseId`, to: `${to}/:databaseId`, permission: edit, params: databaseParams, audit: changed('deleted') },
  { method: 'POST', path: `${base}/:databaseId/clone`, to: `${to}/:databaseId/clone`, permission: edit, params: databaseParams, body: 'json', audit: changed('cloned') },
  { method: 'POST', path: `${base}/:databaseId/publish`, to: `${to}/:databaseId/publish`, permission: edit, params: databaseParams, body: 'optional', audit: changed('published') },
  { method: 'GET', path: `${base}/:databaseId/describe`, to: `${to}/:databaseId/describe`, permission: view, params: databaseParams, query: true },
  { method: 'POST', path: `${base}/:databaseId/ddl`, to: `${to}/:databaseId/ddl`, permission: edit, params: databaseParams, body: 'json', audit: changed('ddl_run') },
  // SQL may write: the console's SQL editor is editing.
  { method: 'POST', path: `${base}/:databaseId/sql`, to: `${to}/:databaseId/sql`, permission: edit, params: databaseParams, body: 'json' },
];

const tables: PassRoute[] = [
  { method: 'GET', path: `${base}/:databaseId/tables`, to: `${to}/:databaseId/tables`, permission: view, params: databaseParams, query: true },
  { method: 'POST', path: `${base}/:databaseId/tables`, to: `${to}/:databaseId/tables`, permission: edit, params: databaseParams, body: 'json', audit: changed('table_created') },
  { method: 'GET', path: `${base}/:databaseId/tables/:table`, to: `${to}/:databaseId/tables/:table`, permission: view, params: tableParams, query: true },
  { method: 'PATCH', path: `${base}/:databaseId/tables/:table`, to: `${to}/:databaseId/tables/:table`, permission: edit, params: tableParams, body: 'json', audit: changed('table_updated') },
  { method: 'DELETE', path: `${base}/:databaseId/tables/:table`, to: `${to}/:databaseId/tables/:table`, permission: edit, params: tableParams, audit: changed('table_deleted') },
  { method: 'POST', path: `${base}/:databaseId/tables/:table/columns`, to: `${to}/:databaseId/tables/:table/columns`, permission: edit, params: tableParams, body: 'json', audit: changed('table_updated') },
  { method: 'PATCH', path: `${base}/:databaseId/tables/:table/columns/:column`, to: `${to}/:databaseId/tables/:table/columns/:column`, permission: edit, params: columnParams, body: 'json', audit: changed('table_updated') },
  { method: 'DELETE', path: `${base}/:databaseId/tables/:table/columns/:column`, to: `${to}/:databaseId/tables/:table/columns/:column`, permission: edit, params: columnParams, audit: changed('table_updated') },
];

const rows: PassRoute[] = [
  { method: 'POST', path: `${base}/:databaseId/tables/:table/rows/query`, to: `${to}/:databaseId/tables/:table/rows/query`, permission: view, params: tableParams, body: 'json' },
  { method: 'POST', path: `${base}/:databaseId/tables/:table/rows`, to: `${to}/:databaseId/tables/:table/rows`, permission: edit, params: tableParams, body: 'json' },
  { method: 'PATCH', path: `${base}/:databaseId/tables/:table/rows/:rowId`, to: `${to}/:databaseId/tables/:table/rows/:rowId`, permission: edit, params: rowParams, body: 'json' },
  { method: 'POST', path: `${base}/:databaseId/tables/:table/rows/delete`, to: `${to}/:databaseId/tables/:table/rows/delete`, permission: edit, params: tableParams, body: 'json' },
  { method: 'GET', path: `${base}/:databaseId/tables/:table/export`, to: `${to}/:databaseId/tables/:table/export`, permission: view, params: tableParams, query: true, summary: 'the table as CSV' },
];

const csvImport: PassRoute = {
  method: 'POST',
  path: `${base}/:databaseId/tables/:table/import`,
  to: `${to}/:databaseId/tables/:table/import`,
  permission: edit,
  params: tableParams,
  query: true,
  summary: 'appends the rows of a CSV file (Content-Type: text/csv)',
};

/** The console's databases (docs/api/console-api.md, "Databases"), kept by the memory service in the session's space. */
export function databaseRoutes(app: App, context: HubContext): void {
  const memory = peerService(context, 'memory');
  const options = { tags: ['databases'], timeoutMs: TIMEOUT_MS };
  passThrough(app, context, memory, [...databases, ...tables, ...rows], options);
  // The CSV goes on as it came: the memory service parses it and reports bad lines.
  app.register(async (uploads) => {
    const bodyLimit = context.config.memoryMaxImportBytes;
    uploads.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
    passThrough(uploads, context, memory, [csvImport], options);
  });
}
