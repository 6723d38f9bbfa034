import { databaseDependency, type Dependency } from '@astron/kit/service';
import type { RpaConfig } from './config.js';
import { createRpaPlatform } from './platform/client.js';
import { platformStatus } from './domain/status.js';

/**
 * What `astron doctor` checks. The database is needed to serve. The RPA platform is checked only when its URLs are
 * set: the service runs without one (task routes answer 503), and GET /rpa/v1/status says the same at run time.
 */
export function rpaDependencies(config: RpaConfig): Dependency[] {
  const database = databaseDependency(config.database, 'DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD');
  const settings = config.platform;
  if (settings === null) return [database];
  const platform: Dependency = {
    name: 'rpa platform',
    target: `${new URL(settings.queryUrl).host} (XIAOWU_RPA_TASK_QUERY_URL)`,
    async check() {
      const client = createRpaPlatform(settings, config.service.egress);
      try {
        const status = await platformStatus(client, { probe: true, requestTimeoutMs: config.timing.requestTimeoutMs });
        if (status.reachable !== true) throw new Error(status.message ?? 'the RPA platform did not answer');
      } finally {
        await client.close();
      }
    },
    fix: 'check XIAOWU_RPA_TASK_CREATE_URL / XIAOWU_RPA_TASK_QUERY_URL and that the RPA platform answers from this host',
  };
  return [database, platform];
}
