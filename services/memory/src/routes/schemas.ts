import { z } from 'zod';
import { COLUMN_KINDS } from '../domain/column-types.js';
import { FILTER_OPERATORS } from '../domain/rows.js';

export const envSchema = z.enum(['dev', 'prod'], { error: 'expected dev (the development copy) or prod (the production copy)' });

export const databaseParams = z.object({
  databaseId: z.string().regex(/^\d{1,16}$/, 'expected a database id (digits)').transform(Number),
});
export const tableParams = databaseParams.extend({ table: z.string().min(1).max(63) });
export const columnParams = tableParams.extend({ column: z.string().min(1).max(63) });
export const rowParams = tableParams.extend({ rowId: z.string().min(1).max(200) });

const name = z.string().trim().min(1, 'expected a name').max(64, 'at most 64 characters');
const description = z.string().max(2_000, 'at most 2000 characters');
const identifier = z.string().min(1).max(63);

export const createDatabaseSchema = z.object({
  name,
  description: description.optional(),
  /** The agent the database is for; absent: shared by the space. */
  agentId: z.string().min(1).max(64).nullish(),
});

export const updateDatabaseSchema = z.object({ name: name.optional(), description: description.optional() });
export const cloneDatabaseSchema = z.object({ name, description: description.optional() });
export const publishSchema = z.object({ includeData: z.boolean().default(false) });
export const listDatabasesQuery = z.object({ agentId: z.string().min(1).max(64).optional() });
export const envQuery = z.object({ env: envSchema.default('dev') });
export const importQuery = z.object({ env: envSchema.default('dev'), uid: z.string().min(1).max(128).optional() });

export const ddlSchema = z.object({ sql: z.string().min(1, 'expected SQL') });

const parameter = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])), z.record(z.string(), z.unknown())]);

export const sqlSchema = z.object({
  sql: z.string().min(1, 'expected SQL'),
  params: z.array(parameter).max(1_000).optional(),
  env: envSchema,
  uid: z.string().min(1).max(128).nullish(),
  readOnly: z.boolean().optional(),
  maxRows: z.number().int().min(1).optional(),
});

const columnKind = z.enum(COLUMN_KINDS, { error: `expected one of ${COLUMN_KINDS.join(', ')}` });

export const columnSchema = z.object({
  name: identifier,
  type: columnKind,
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  description: description.nullish(),
  unique: z.boolean().optional(),
});

export const createTableSchema = z.object({
  name: identifier,
  description: description.nullish(),
  userScoped: z.boolean().optional(),
  columns: z.array(columnSchema).max(200),
});

export const updateTableSchema = z.object({ name: identifier.optional(), description: description.nullish(), userScoped: z.boolean().optional() });

export const updateColumnSchema = z.object({
  name: identifier.optional(),
  type: columnKind.optional(),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  description: description.nullish(),
});

export const rowsQuerySchema = z.object({
  env: envSchema.default('dev'),
  filters: z.array(z.object({ column: identifier, op: z.enum(FILTER_OPERATORS), value: z.unknown().optional() })).max(50).optional(),
  sort: z.array(z.object({ column: identifier, direction: z.enum(['asc', 'desc']).default('asc') })).max(10).optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
  offset: z.number().int().min(0).optional(),
});

export const insertRowsSchema = z.object({ env: envSchema.default('dev'), rows: z.array(z.record(z.string(), z.unknown())).min(1).max(1_000) });
export const updateRowSchema = z.object({ env: envSchema.default('dev'), values: z.record(z.string(), z.unknown()) });
export const deleteRowsSchema = z.object({ env: envSchema.default('dev'), ids: z.array(z.union([z.string(), z.number()])).min(1).max(1_000) });
