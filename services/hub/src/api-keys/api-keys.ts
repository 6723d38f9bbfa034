import { randomId } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import { isAppError, notFound } from '@astron/kit/errors';
import type { ServiceClient } from '@astron/kit/service-client';
import type { AuditLog } from '../audit/log.js';
import type { HubSchema } from '../store/tables.js';
import { apiKeyStore } from './store.js';

/** Who acts: a signed-in person, or the command line (`created_by` 'cli', actor null). */
export interface KeyActing {
  spaceId: string;
  actor: { id: string; email: string } | null;
  ip?: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdBy: { id: string; email: string | null };
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  /** `<api_key>.<api_secret>`: shown this once, stored nowhere in the hub. */
  key: string;
}

interface TenantCredential {
  apiKey: string;
  lastUsedAt: string | null;
}

export const PREFIX_LENGTH = 12;
export const CLI_CREATOR = 'cli';

/**
 * API keys of a space. The credentials live in the tenant service, under one tenant app per space
 * (made with the first key); the hub keeps the name, the prefix and who made it.
 */
export function apiKeysDomain(deps: { db: Database<HubSchema>; tenant: ServiceClient; audit: AuditLog }) {
  const store = apiKeyStore(deps.db);
  const on = (spaceId: string) => ({ space: spaceId });

  async function tenantApp(spaceId: string): Promise<string> {
    const space = await store.tenantAppOf(spaceId);
    if (space === null) throw notFound('space', spaceId);
    if (space.appId !== null) return space.appId;
    const app = await deps.tenant.call<{ id: string }>('POST', '/apps', {
      body: { name: `space ${space.spaceName}`.slice(0, 128), description: `API keys of space ${spaceId} (managed by the hub)` },
      on: on(spaceId),
    });
    if (await store.claimTenantApp(spaceId, app.id)) return app.id;
    // Another request made the space's app first: use that one and drop ours.
    await deps.tenant.call('DELETE', `/apps/${app.id}`, { on: on(spaceId) }).catch(() => undefined);
    return (await store.tenantAppOf(spaceId))?.appId ?? app.id;
  }

  const record = (acting: KeyActing, action: string, id: string, details: Record<string, unknown>) =>
    deps.audit.record({ spaceId: acting.spaceId, actor: acting.actor, action, target: { type: 'apikey', id }, details, ...(acting.ip === undefined ? {} : { ip: acting.ip }) });

  return {
    async list(spaceId: string): Promise<ApiKeyView[]> {
      const rows = await store.list(spaceId);
      const appIds = [...new Set(rows.map((row) => row.tenant_app_id))];
      const used = new Map<string, string | null>();
      for (const appId of appIds) {
        const { keys } = await deps.tenant.call<{ keys: TenantCredential[] }>('GET', `/apps/${appId}/keys`, { on: on(spaceId) });
        for (const key of keys) used.set(key.apiKey, key.lastUsedAt);
      }
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        createdBy: { id: row.created_by, email: row.creator_email },
        createdAt: new Date(row.created_at).toISOString(),
        lastUsedAt: used.get(row.api_key) ?? null,
        revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
      }));
    },

    async create(acting: KeyActing, name: string): Promise<CreatedApiKey> {
      const appId = await tenantApp(acting.spaceId);
      const issued = await deps.tenant.call<{ apiKey: string; bearerToken: string }>('POST', `/apps/${appId}/keys`, { body: { name }, on: on(acting.spaceId) });
      const row = {
        id: randomId('ak'),
        space_id: acting.spaceId,
        name,
        tenant_app_id: appId,
        api_key: issued.apiKey,
        prefix: issued.bearerToken.slice(0, PREFIX_LENGTH),
        created_by: acting.actor?.id ?? CLI_CREATOR,
        created_at: new Date(),
        revoked_at: null,
      };
      await store.insert(row);
      await record(acting, 'apikey.created', row.id, { name, prefix: row.prefix });
      return { id: row.id, name, prefix: row.prefix, createdAt: row.created_at.toISOString(), key: issued.bearerToken };
    },

    /** Revoked in the tenant at once (its key cache is dropped there), then marked here. Revoking twice is a no-op. */
    async revoke(acting: KeyActing, id: string): Promise<void> {
      const row = await store.find(acting.spaceId, id);
      if (row === null) throw notFound('API key', id);
      if (row.revoked_at !== null) return;
      try {
        await deps.tenant.call('DELETE', `/apps/${row.tenant_app_id}/keys/${encodeURIComponent(row.api_key)}`, { on: on(acting.spaceId) });
      } catch (error) {
        // 404: the tenant no longer has it active, which is what revoking wants.
        if (!isAppError(error) || error.status !== 404) throw error;
      }
      await store.markRevoked(acting.spaceId, id, new Date());
      await record(acting, 'apikey.revoked', id, { name: row.name, prefix: row.prefix });
    },

    /** The hub's name for a key the gateway has verified (null for keys made outside the hub). */
    async nameOf(spaceId: string, apiKey: string): Promise<string | null> {
      return (await store.findByApiKey(spaceId, apiKey))?.name ?? null;
    },
  };
}

export type ApiKeysDomain = ReturnType<typeof apiKeysDomain>;
