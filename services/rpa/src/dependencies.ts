import { databaseDependency, type Dependency } from '@astron/kit/service';
import type { RpaConfig } from './config.js';

/**
 * What the RPA service needs to serve; `astron doctor` checks each. The RPA platform is not checked: every call
 * to it needs a user's own platform token, which the service does not have.
 */
export function rpaDependencies(config: RpaConfig): Dependency[] {
  return [databaseDependency(config.database, 'DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD')];
}
