// The shapes of the hub's /api/databases routes, which pass the memory service's answers through.

export type DatabaseEnv = 'dev' | 'prod';

export interface Database {
  id: number;
  name: string;
  description: string;
  agentId: string | null;
  schemas: { dev: string; prod: string };
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export const COLUMN_TYPES = [
  'string',
  'integer',
  'number',
  'boolean',
  'time',
  'date',
  'json',
  'uuid',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface DatabaseColumn {
  name: string;
  /** 'other' for a type made by DDL outside the table API's. */
  type: ColumnType | 'other';
  sqlType: string;
  required: boolean;
  nullable: boolean;
  default: string | null;
  description: string | null;
  primaryKey: boolean;
  /** Filled by the database (id, created_at, updated_at, uid). */
  automatic: boolean;
  unique?: boolean;
}

export interface DatabaseTable {
  name: string;
  description: string | null;
  userScoped: boolean;
  columns: DatabaseColumn[];
}

/** A column as the designer sends it. */
export interface ColumnInput {
  name: string;
  type: ColumnType;
  required?: boolean;
  default?: unknown;
  description?: string | null;
  unique?: boolean;
}

export interface TableInput {
  name: string;
  description?: string | null;
  userScoped?: boolean;
  columns: ColumnInput[];
}

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'like',
  'ilike',
  'in',
  'null',
  'notnull',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface RowFilter {
  column: string;
  op: FilterOperator;
  value?: unknown;
}

export interface RowsQuery {
  env: DatabaseEnv;
  filters: RowFilter[];
  sort: { column: string; direction: 'asc' | 'desc' }[];
  limit: number;
  offset: number;
}

export type Row = Record<string, unknown>;

export interface RowsPage {
  rows: Row[];
  total: number;
  limit: number;
  offset: number;
}

export interface SqlResult {
  command: string;
  columns: string[];
  rows: Row[];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

export interface CsvImportResult {
  inserted: number;
  ids: unknown[];
  failed: { line: number; column?: string; message: string }[];
  ignoredColumns: string[];
}

export interface PublishResult {
  database: Database;
  tables: unknown[];
  rowsCopied: number;
}
