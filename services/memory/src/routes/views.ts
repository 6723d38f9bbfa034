import type { DatabaseRecord } from '../store/databases-store.js';

export function databaseView(record: DatabaseRecord) {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    agentId: record.agentId,
    /** The schema names statements may qualify their tables with (unqualified names work too). */
    schemas: { dev: record.devSchema, prod: record.prodSchema },
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    publishedAt: record.publishedAt?.toISOString() ?? null,
  };
}
