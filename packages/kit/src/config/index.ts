export { envBool, envChoice, envEnum, envInt, envList, envPort, envRequiredString, envString, envUrl } from './fields.js';
export { ConfigError, isSecretName, parseEnv, type ConfigProblem, type Env } from './load.js';
export {
  isBase64Key,
  requireDistributedSecrets,
  SECRET_PLACEHOLDER_MARK,
  serviceEnvShape,
  serviceSettings,
  type ServiceSettings,
} from './service.js';
export { databaseEnvShape, databaseFromEnv, mysqlEnvShape, mysqlFamilyDatabase, parseDatabaseUrl, pgsqlEnvShape, poolFrom } from './database.js';
export { redisEnvShape, redisFromEnv, type RedisSettings } from './redis.js';
export { storageEnvShape, storageFromEnv } from './storage.js';
export { embeddedSecrets, resolveSecrets, secretEnv, type PlatformSecrets, type SecretEnv } from './secrets.js';
export { reportTo } from './report.js';
export { mysqlFamilyStores } from './stores.js';
