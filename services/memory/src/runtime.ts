import { resolveSecrets } from '@astron/kit/config';
import { openMigratedDatabase, type Database } from '@astron/kit/db';
import type { Logger } from '@astron/kit/log';
import type { MemoryConfig } from './config.js';
import { databasesDomain, type DatabasesDomain } from './domain/databases.js';
import { definitionsDomain, type DefinitionsDomain } from './domain/definitions.js';
import { queriesDomain, type QueriesDomain } from './domain/queries.js';
import { rowsDomain, type RowsDomain } from './domain/rows.js';
import { tablesDomain, type TablesDomain } from './domain/tables.js';
import { transferDomain, type TransferDomain } from './domain/transfer.js';
import { loadSqlParser } from './sql/parse.js';
import { migrations } from './store/migrations.js';
import type { MemorySchema } from './store/tables.js';

export interface MemoryRuntime {
  database: Database<MemorySchema>;
  serviceToken: string;
  databases: DatabasesDomain;
  definitions: DefinitionsDomain;
  tables: TablesDomain;
  queries: QueriesDomain;
  rows: RowsDomain;
  transfer: TransferDomain;
  close(): Promise<void>;
}

export async function openMemoryRuntime(config: MemoryConfig, logger: Logger): Promise<MemoryRuntime> {
  const secrets = resolveSecrets(config.secrets, config.service.dataDir);
  await loadSqlParser();
  const database = await openMigratedDatabase<MemorySchema>(config.database, migrations, { logger });
  const { limits } = config;
  const definitions = definitionsDomain({ database, maxSqlChars: limits.maxSqlChars, timeoutMs: limits.statementTimeoutMs });
  return {
    database,
    serviceToken: secrets.serviceToken,
    databases: databasesDomain({ database, schemaPrefix: config.schemaPrefix }),
    definitions,
    tables: tablesDomain(definitions),
    queries: queriesDomain({ database, limits }),
    rows: rowsDomain({ database, maxRows: limits.maxRows, timeoutMs: limits.statementTimeoutMs }),
    transfer: transferDomain({ database, timeoutMs: limits.statementTimeoutMs }),
    close: () => database.close(),
  };
}
