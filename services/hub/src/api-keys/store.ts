import type { Database } from '@astron/kit/db';
import type { ApiKeysTable, HubSchema } from '../store/tables.js';

export type ApiKeyRow = ApiKeysTable & { creator_email: string | null };

/** SQL of the hub's record of API keys (the credentials themselves live in the tenant service). */
export function apiKeyStore(db: Database<HubSchema>) {
  const k = db.kysely;
  const withCreator = () =>
    k.selectFrom('api_keys').leftJoin('users', 'users.id', 'api_keys.created_by').selectAll('api_keys').select('users.email as creator_email');
  return {
    async insert(row: ApiKeysTable): Promise<void> {
      await k.insertInto('api_keys').values(row).execute();
    },

    async list(spaceId: string): Promise<ApiKeyRow[]> {
      return withCreator().where('api_keys.space_id', '=', spaceId).orderBy('api_keys.created_at', 'desc').orderBy('api_keys.id', 'desc').execute();
    },

    async find(spaceId: string, id: string): Promise<ApiKeysTable | null> {
      return (await k.selectFrom('api_keys').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst()) ?? null;
    },

    async findByApiKey(spaceId: string, apiKey: string): Promise<ApiKeysTable | null> {
      return (await k.selectFrom('api_keys').selectAll().where('space_id', '=', spaceId).where('api_key', '=', apiKey).executeTakeFirst()) ?? null;
    },

    async markRevoked(spaceId: string, id: string, at: Date): Promise<void> {
      await k.updateTable('api_keys').set({ revoked_at: at }).where('space_id', '=', spaceId).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },

    async tenantAppOf(spaceId: string): Promise<{ appId: string | null; spaceName: string } | null> {
      const row = await k.selectFrom('spaces').select(['tenant_app_id', 'name']).where('id', '=', spaceId).executeTakeFirst();
      return row === undefined ? null : { appId: row.tenant_app_id, spaceName: row.name };
    },

    /** Sets the space's tenant app unless another request set one first; true when this one did. */
    async claimTenantApp(spaceId: string, appId: string): Promise<boolean> {
      const result = await k.updateTable('spaces').set({ tenant_app_id: appId }).where('id', '=', spaceId).where('tenant_app_id', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type ApiKeyStore = ReturnType<typeof apiKeyStore>;
