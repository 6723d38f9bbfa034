import { resolveSecrets } from '@astron/kit/config';
import { openMigratedDatabase, type Database } from '@astron/kit/db';
import type { Logger } from '@astron/kit/log';
import type { RpaConfig } from './config.js';
import { tasksDomain, type TasksDomain } from './domain/tasks.js';
import { createRpaPlatform, type RpaPlatform } from './platform/client.js';
import { migrations } from './store/migrations.js';
import type { RpaSchema } from './store/tables.js';
import { tasksStore, type TasksStore } from './store/tasks-store.js';

export interface RpaRuntime {
  database: Database<RpaSchema>;
  store: TasksStore;
  platform: RpaPlatform | null;
  tasks: TasksDomain;
  serviceToken: string;
  close(): Promise<void>;
}

export async function openRpaRuntime(config: RpaConfig, logger: Logger): Promise<RpaRuntime> {
  const secrets = resolveSecrets(config.secrets, config.service.dataDir);
  const database = await openMigratedDatabase<RpaSchema>(config.database, migrations, { logger });
  const store = tasksStore(database);
  // The platform's URLs are configuration, not user input: their hosts are reached even on a private network.
  const platform = config.platform === null ? null : createRpaPlatform(config.platform, config.service.egress);
  const tasks = tasksDomain({ store, platform, timing: config.timing, logger });
  const abandoned = await tasks.abandonStale();
  if (abandoned > 0) logger.warn({ abandoned }, 'marked tasks a stopped process left unfinished');
  return {
    database,
    store,
    platform,
    tasks,
    serviceToken: secrets.serviceToken,
    async close() {
      await platform?.close();
      await database.close();
    },
  };
}
