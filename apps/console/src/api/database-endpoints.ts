import type { ApiClient } from './client.js';
import type {
  ColumnInput,
  CsvImportResult,
  Database,
  DatabaseEnv,
  DatabaseTable,
  PublishResult,
  Row,
  RowsPage,
  RowsQuery,
  SqlResult,
  TableInput,
} from './database-types.js';

/** /api/databases: the memory service's databases, tables, rows and SQL, in the session's space. */
export function databaseEndpoints(client: ApiClient) {
  const id = encodeURIComponent;
  const database = (databaseId: number) => `/api/databases/${databaseId}`;
  const table = (databaseId: number, name: string) => `${database(databaseId)}/tables/${id(name)}`;
  return {
    list: () => client.get<{ items: Database[] }>('/api/databases'),
    get: (databaseId: number) => client.get<Database>(database(databaseId)),
    create: (body: { name: string; description?: string }) => client.post<Database>('/api/databases', body),
    update: (databaseId: number, body: { name?: string; description?: string }) =>
      client.patch<Database>(database(databaseId), body),
    remove: (databaseId: number) => client.delete(database(databaseId)),
    clone: (databaseId: number, body: { name: string; description?: string }) =>
      client.post<Database>(`${database(databaseId)}/clone`, body),
    publish: (databaseId: number, includeData: boolean) =>
      client.post<PublishResult>(`${database(databaseId)}/publish`, { includeData }),
    sql: (databaseId: number, body: { sql: string; env: DatabaseEnv }) =>
      client.post<SqlResult>(`${database(databaseId)}/sql`, body),
    tables: (databaseId: number, env: DatabaseEnv) =>
      client.get<{ items: DatabaseTable[] }>(`${database(databaseId)}/tables`, { query: { env } }),
    createTable: (databaseId: number, body: TableInput) =>
      client.post<DatabaseTable>(`${database(databaseId)}/tables`, body),
    updateTable: (
      databaseId: number,
      name: string,
      body: { name?: string; description?: string | null; userScoped?: boolean },
    ) => client.patch<DatabaseTable>(table(databaseId, name), body),
    removeTable: (databaseId: number, name: string) => client.delete(table(databaseId, name)),
    addColumn: (databaseId: number, name: string, body: ColumnInput) =>
      client.post<DatabaseTable>(`${table(databaseId, name)}/columns`, body),
    updateColumn: (databaseId: number, name: string, column: string, body: Partial<ColumnInput>) =>
      client.patch<DatabaseTable>(`${table(databaseId, name)}/columns/${id(column)}`, body),
    removeColumn: (databaseId: number, name: string, column: string) =>
      client.delete<DatabaseTable>(`${table(databaseId, name)}/columns/${id(column)}`),
    rows: (databaseId: number, name: string, body: RowsQuery) =>
      client.post<RowsPage>(`${table(databaseId, name)}/rows/query`, body),
    insertRows: (databaseId: number, name: string, env: DatabaseEnv, rows: Row[]) =>
      client.post<{ rows: Row[] }>(`${table(databaseId, name)}/rows`, { env, rows }),
    updateRow: (databaseId: number, name: string, rowId: string | number, env: DatabaseEnv, values: Row) =>
      client.patch<Row>(`${table(databaseId, name)}/rows/${id(String(rowId))}`, { env, values }),
    removeRows: (databaseId: number, name: string, env: DatabaseEnv, ids: (string | number)[]) =>
      client.post<{ deleted: number }>(`${table(databaseId, name)}/rows/delete`, { env, ids }),
    importCsv: (databaseId: number, name: string, env: DatabaseEnv, csv: string) =>
      client.post<CsvImportResult>(`${table(databaseId, name)}/import`, csv, {
        query: { env },
        contentType: 'text/csv',
      }),
    exportCsv: (databaseId: number, name: string, env: DatabaseEnv) =>
      client.get<string>(`${table(databaseId, name)}/export`, { query: { env }, responseType: 'text' }),
  };
}
