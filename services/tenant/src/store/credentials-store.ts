import type { Database } from '@astron/kit/db';
import type { AppCredentialsTable, TenantSchema } from './tables.js';

export interface CredentialRecord {
  apiKey: string;
  appId: string;
  spaceId: string;
  name: string;
  secretSealed: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

function toRecord(row: AppCredentialsTable): CredentialRecord {
  return {
    apiKey: row.api_key,
    appId: row.app_id,
    spaceId: row.space_id,
    name: row.name,
    secretSealed: row.secret_sealed,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}

export function credentialsStore(db: Database<TenantSchema>) {
  const k = db.kysely;
  return {
    async insert(credential: CredentialRecord): Promise<void> {
      await k
        .insertInto('app_credentials')
        .values({
          api_key: credential.apiKey,
          app_id: credential.appId,
          space_id: credential.spaceId,
          name: credential.name,
          secret_sealed: credential.secretSealed,
          created_at: credential.createdAt,
          revoked_at: null,
          last_used_at: null,
        })
        .execute();
    },

    async listForApp(spaceId: string, appId: string): Promise<CredentialRecord[]> {
      const rows = await k
        .selectFrom('app_credentials')
        .selectAll()
        .where('space_id', '=', spaceId)
        .where('app_id', '=', appId)
        .orderBy('created_at', 'asc')
        .execute();
      return rows.map(toRecord);
    },

    /** Not space-scoped: a request names only its key. */
    async findByKey(apiKey: string): Promise<CredentialRecord | null> {
      const row = await k.selectFrom('app_credentials').selectAll().where('api_key', '=', apiKey).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async revoke(spaceId: string, appId: string, apiKey: string, at: Date): Promise<boolean> {
      const result = await k
        .updateTable('app_credentials')
        .set({ revoked_at: at })
        .where('space_id', '=', spaceId)
        .where('app_id', '=', appId)
        .where('api_key', '=', apiKey)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async touch(apiKey: string, at: Date): Promise<void> {
      await k.updateTable('app_credentials').set({ last_used_at: at }).where('api_key', '=', apiKey).execute();
    },
  };
}
