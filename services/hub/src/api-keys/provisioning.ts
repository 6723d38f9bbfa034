import { createServiceClient } from '@astron/kit/service-client';
import type { HubConfig } from '../config.js';
import { findSpace, openHubStore } from '../providers/provisioning.js';
import { apiKeysDomain, type CreatedApiKey } from './api-keys.js';

/**
 * `astron apikey create`: a key for a space, made in the tenant service at `tenantUrl` (the
 * deployment's TENANT_URL, or a tenant the command started in-process on the embedded database).
 */
export async function createApiKey(config: HubConfig, input: { space: string; name: string }, tenantUrl: string): Promise<CreatedApiKey & { spaceId: string }> {
  const store = await openHubStore(config);
  try {
    const space = await findSpace(store.db, input.space);
    const tenant = createServiceClient({ baseUrl: tenantUrl, serviceToken: store.serviceToken, caller: 'cli' });
    const created = await apiKeysDomain({ ...store, tenant }).create({ spaceId: space.id, actor: null }, input.name);
    return { ...created, spaceId: space.id };
  } finally {
    await store.close();
  }
}
