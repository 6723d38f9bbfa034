import { randomBytes } from 'node:crypto';
import { badRequest, notFound } from '@astron/kit/errors';
import type { AppFilter, AppRecord, appsStore } from '../store/apps-store.js';
import type { KeyDirectory } from './key-directory.js';

type AppsStore = ReturnType<typeof appsStore>;

export interface NewApp {
  name: string;
  description?: string;
  devId?: number;
  cloudId?: string;
  /** Who asked (the original's X-Consumer-Username); 'admin' when unknown. */
  source?: string;
}

export interface AppChanges {
  name?: string;
  description?: string;
  cloudId?: string;
}

/** App ids are 16 hex characters, in the spirit of the original's 8-hex app ids but hard to guess. */
export function newAppId(): string {
  return randomBytes(8).toString('hex');
}

export function appsDomain(store: AppsStore, directory: KeyDirectory) {
  async function get(spaceId: string, id: string): Promise<AppRecord> {
    const app = await store.find(spaceId, id);
    if (app === null) throw notFound('app', id);
    return app;
  }

  return {
    get,

    async create(spaceId: string, input: NewApp): Promise<AppRecord> {
      const now = new Date();
      const app: AppRecord = {
        id: newAppId(),
        spaceId,
        name: input.name,
        description: input.description ?? '',
        source: input.source ?? 'admin',
        devId: input.devId ?? null,
        cloudId: input.cloudId ?? null,
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      await store.insert(app);
      return app;
    },

    async list(spaceId: string, filter: Omit<AppFilter, 'after'> & { cursor?: string }): Promise<{ apps: AppRecord[]; nextCursor: string | null }> {
      let after: AppFilter['after'];
      if (filter.cursor !== undefined) {
        const last = await store.find(spaceId, filter.cursor);
        if (last === null) throw badRequest(`cursor ${filter.cursor} names no app of this space`, undefined, 'invalid_cursor');
        after = { createdAt: last.createdAt, id: last.id };
      }
      const apps = await store.list(spaceId, { ...filter, limit: filter.limit + 1, ...(after ? { after } : {}) });
      const more = apps.length > filter.limit;
      const page = more ? apps.slice(0, filter.limit) : apps;
      return { apps: page, nextCursor: more ? (page.at(-1)?.id ?? null) : null };
    },

    async update(spaceId: string, id: string, changes: AppChanges): Promise<AppRecord> {
      if (!(await store.update(spaceId, id, changes))) throw notFound('app', id);
      await directory.forgetApp(spaceId, id);
      return get(spaceId, id);
    },

    async setDisabled(spaceId: string, id: string, disabled: boolean): Promise<AppRecord> {
      if (!(await store.update(spaceId, id, { disabled }))) throw notFound('app', id);
      await directory.forgetApp(spaceId, id);
      return get(spaceId, id);
    },

    async remove(spaceId: string, id: string): Promise<void> {
      await directory.forgetApp(spaceId, id);
      if (!(await store.delete(spaceId, id))) throw notFound('app', id);
    },
  };
}
