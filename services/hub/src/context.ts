import type { Cache } from '@astron/kit/cache';
import type { Keyring } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import type { EgressClient } from '@astron/kit/egress';
import type { Logger } from '@astron/kit/log';
import type { ServiceClient } from '@astron/kit/service-client';
import type { UserStore } from './accounts/users.js';
import type { AuditLog } from './audit/log.js';
import type { SessionGuard } from './auth/guard.js';
import type { SessionStore } from './auth/sessions.js';
import type { HubConfig } from './config.js';
import type { SpaceStore } from './spaces/store.js';
import type { HubSchema } from './store/tables.js';

/** What every route module of the hub is given. */
export interface HubContext {
  config: HubConfig;
  logger: Logger;
  db: Database<HubSchema>;
  cache: Cache;
  keyring: Keyring;
  /** ASTRON_SERVICE_TOKEN, for calls to the core services. */
  serviceToken: string;
  tenant: ServiceClient;
  /** For user-supplied URLs (model providers); private addresses per EGRESS_* settings. */
  egress: EgressClient;
  users: UserStore;
  spaces: SpaceStore;
  sessions: SessionStore;
  guard: SessionGuard;
  audit: AuditLog;
}
