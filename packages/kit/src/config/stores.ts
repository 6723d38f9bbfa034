import type { z } from 'zod';
import type { DatabaseConfig } from '../db/types.js';
import { mysqlFamilyDatabase, type DatabaseEnv, type MysqlEnv } from './database.js';
import { redisFromEnv, type RedisEnv, type RedisSettings } from './redis.js';
import { reportTo } from './report.js';
import type { ServiceSettings } from './service.js';

/**
 * The database and Redis of a service of the original's MySQL family (core-agent, core-link, core-workflow): its
 * MYSQL_* win, then DATABASE_*, then an embedded PGlite, which distributed mode refuses. Problems are filed
 * against the variable to fix; the returned database is only read when there were none.
 */
export function mysqlFamilyStores(
  env: DatabaseEnv & MysqlEnv & RedisEnv,
  context: z.RefinementCtx,
  service: Pick<ServiceSettings, 'name' | 'mode' | 'dataDir'>,
): { database: DatabaseConfig; redis: RedisSettings | null } {
  const chosen = mysqlFamilyDatabase(env, { namespace: service.name, dataDir: service.dataDir });
  const database = reportTo(context, chosen.variable, chosen.database);
  const redis = reportTo(context, 'REDIS_ADDR', redisFromEnv(env));
  if (service.mode === 'distributed' && database?.kind === 'pglite') {
    context.addIssue({ code: 'custom', path: ['MYSQL_HOST'], message: 'distributed mode needs a MySQL (MYSQL_*) or PostgreSQL (DATABASE_URL) database' });
  }
  return { database: database!, redis: redis ?? null };
}
