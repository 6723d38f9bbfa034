import { databaseDependency, type Dependency } from '@astron/kit/service';
import type { RpaConfig } from './config.js';

/**
 * What the RPA service needs to serve; `astron doctor` checks each. The RPA platform is not one: the service runs
 * without it (task routes answer 503), and GET /rpa/v1/status says whether it is configured and answers.
 */
export function rpaDependencies(config: RpaConfig): Dependency[] {
  return [databaseDependency(config.database, 'DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD')];
}
