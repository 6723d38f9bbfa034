import { dropNamespace, migrate, openDatabase, type Database } from '@astron/kit/db';
import { serverDatabases } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrations } from '../store/migrations.js';
import type { HubSchema } from '../store/tables.js';
import { draftSchema } from './schemas.js';
import { agentStore } from './store.js';

// The embedded PGlite runs one transaction at a time, so only real servers can race; as in workflows/store.test.ts.
const backends = serverDatabases('hub');

describe.each(backends)('agent store on $name', (backend) => {
  let database: Database<HubSchema>;
  beforeAll(async () => {
    database = await openDatabase<HubSchema>(backend.config());
    await migrate(database, migrations);
  }, 180_000);
  afterAll(async () => {
    await dropNamespace(database);
    await database.close();
  });

  test('publishes at once (a double click, two people) each get their own version', async () => {
    const store = agentStore(database);
    const draft = draftSchema.parse({ name: 'Racer' });
    const now = new Date();
    await store.insert({ id: 'agent_race', space_id: 'space_a', name: 'Racer', alias: null, draft, published_version: null, published_at: null, created_by: null, created_at: now, updated_at: now });
    const racing = await Promise.all([0, 1, 2, 3].map(() => store.addVersion('space_a', 'agent_race', draft, 'user_1')));
    expect(racing.map((row) => row.version).sort()).toEqual([1, 2, 3, 4]);
    expect((await store.versions('space_a', 'agent_race')).map((row) => Number(row.version))).toEqual([4, 3, 2, 1]);
  });
});
