export type { Database, DatabaseConfig, Migration, PoolConfig, SqlDialect } from './types.js';
export { openDatabase, openMigratedDatabase, type MigrationLogger, type OpenDatabaseOptions } from './open.js';
export type { DatabaseLogger } from './postgres.js';
export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded.js';
export { migrate } from './migrate.js';
export { checkNamespace, dropNamespace } from './namespace.js';
export {
  jsonColumnType,
  jsonValue,
  qualifiedTable,
  sqlType,
  sqlTypeName,
  type PortableType,
} from './dialect.js';
export { isConnectionError, isUniqueViolation } from './errors.js';
