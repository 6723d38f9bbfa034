import type { Cache } from '@astron/kit/cache';
import type { appsStore } from '../store/apps-store.js';
import type { credentialsStore } from '../store/credentials-store.js';

type AppsStore = ReturnType<typeof appsStore>;
type CredentialsStore = ReturnType<typeof credentialsStore>;

/** What verification needs to know of a key, kept in the cache so the gateway's hot path skips the database. */
export interface KeyEntry {
  apiKey: string;
  appId: string;
  spaceId: string;
  appName: string;
  appDisabled: boolean;
  secretSealed: string;
  revoked: boolean;
}

const ENTRY_TTL_MS = 30_000;
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Key lookups for verification. Entries live 30 s and are dropped at once when a key is revoked or
 * its app changes; in distributed mode the cache is Redis, so every instance sees the drop.
 */
export function keyDirectory(deps: { apps: AppsStore; credentials: CredentialsStore; cache: Cache }) {
  const entryKey = (apiKey: string) => `tenant:key:${apiKey}`;

  return {
    async lookup(apiKey: string): Promise<KeyEntry | null> {
      const cached = await deps.cache.get(entryKey(apiKey));
      if (cached !== null) return JSON.parse(cached) as KeyEntry;
      const credential = await deps.credentials.findByKey(apiKey);
      if (credential === null) return null;
      const app = await deps.apps.findById(credential.appId);
      if (app === null) return null;
      const entry: KeyEntry = {
        apiKey,
        appId: app.id,
        spaceId: app.spaceId,
        appName: app.name,
        appDisabled: app.disabled,
        secretSealed: credential.secretSealed,
        revoked: credential.revokedAt !== null,
      };
      await deps.cache.set(entryKey(apiKey), JSON.stringify(entry), { ttlMs: ENTRY_TTL_MS });
      return entry;
    },

    async forget(apiKeys: string[]): Promise<void> {
      await Promise.all(apiKeys.map((apiKey) => deps.cache.delete(entryKey(apiKey))));
    },

    async forgetApp(spaceId: string, appId: string): Promise<void> {
      const keys = await deps.credentials.listForApp(spaceId, appId);
      await Promise.all(keys.map((key) => deps.cache.delete(entryKey(key.apiKey))));
    },

    /** Records use of a key at most once a minute, to keep verification off the write path. */
    async touch(apiKey: string, at: Date): Promise<void> {
      if (await deps.cache.setIfAbsent(`tenant:touched:${apiKey}`, '1', { ttlMs: TOUCH_INTERVAL_MS })) {
        await deps.credentials.touch(apiKey, at);
      }
    },
  };
}

export type KeyDirectory = ReturnType<typeof keyDirectory>;
