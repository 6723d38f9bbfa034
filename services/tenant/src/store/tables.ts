import type { Generated } from 'kysely';

export interface AppsTable {
  id: string;
  space_id: string;
  name: string;
  description: string;
  source: string;
  dev_id: string | number | null;
  cloud_id: string | null;
  disabled: boolean | number;
  created_at: Date;
  updated_at: Date;
}

export interface AppCredentialsTable {
  api_key: string;
  app_id: string;
  space_id: string;
  name: string;
  secret_sealed: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface TenantSchema {
  apps: AppsTable;
  app_credentials: AppCredentialsTable;
  schema_migrations: { name: string; applied_at: Generated<Date> };
}
