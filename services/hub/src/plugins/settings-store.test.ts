import { dropNamespace, migrate, openDatabase, type Database } from '@astron/kit/db';
import { serverDatabases } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrations } from '../store/migrations.js';
import type { HubSchema } from '../store/tables.js';
import { NO_MODELS, pluginSettingsStore } from './settings-store.js';

const backends = serverDatabases('hub');

describe.each(backends)('plugin settings on $name', (backend) => {
  let database: Database<HubSchema>;
  beforeAll(async () => {
    database = await openDatabase<HubSchema>(backend.config());
    await migrate(database, migrations);
  }, 180_000);
  afterAll(async () => {
    await dropNamespace(database);
    await database.close();
  });

  test("a space's first two writes at once (AI models and RPA token) both land; other spaces see none", async () => {
    const store = pluginSettingsStore(database);
    const models = { ...NO_MODELS, chat: 'pv_1/gpt-4o-mini' };
    for (let round = 0; round < 5; round += 1) {
      const space = `space_${round}`;
      await Promise.all([store.setAiModels(space, models), store.setRpaTokenSealed(space, `sealed-${round}`)]);
      expect(await store.aiModels(space)).toEqual(models);
      expect(await store.rpaTokenSealed(space)).toBe(`sealed-${round}`);
    }
    await store.setRpaTokenSealed('space_0', null);
    expect(await store.rpaTokenSealed('space_0')).toBeNull();
    expect(await store.aiModels('space_0')).toEqual(models);
    expect(await store.aiModels('space_other')).toEqual(NO_MODELS);
  });
});
