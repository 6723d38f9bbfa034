import { dropNamespace, isUniqueViolation, migrate, openDatabase, type Database } from '@astron/kit/db';
import { serverDatabases } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrations } from '../store/migrations.js';
import type { HubSchema } from '../store/tables.js';
import { draftSchema } from './schemas.js';
import { workflowStore } from './store.js';
import { greetingFlow } from './test-flows.js';
import { readDraft, readSnapshot } from './workflows.js';

// The embedded PGlite runs in every other hub suite; these are the databases of a distributed deployment.
const backends = serverDatabases('hub');

const row = (id: string, spaceId: string, alias: string | null) => {
  const now = new Date();
  const draft = draftSchema.parse({ ...greetingFlow('你好, {{name}}!'), viewport: { x: 1.5, y: -2, zoom: 0.8 } });
  return { id, space_id: spaceId, name: `flow ${id}`, alias, description: 'résumé ✓', draft, published_version: null, published_at: null, created_by: 'user_1', created_at: now, updated_at: now };
};

describe.each(backends)('workflow store on $name', (backend) => {
  let database: Database<HubSchema>;
  beforeAll(async () => {
    database = await openDatabase<HubSchema>(backend.config());
    await migrate(database, migrations);
  }, 180_000);
  afterAll(async () => {
    await dropNamespace(database);
    await database.close();
  });

  test('drafts keep their JSON as saved; ids and aliases are found in their space only; an alias is unique per space', async () => {
    const store = workflowStore(database);
    const first = row('workflow_1', 'space_a', 'greeter');
    await store.insert(first);
    await store.insert(row('workflow_2', 'space_a', null));
    await store.insert(row('workflow_3', 'space_b', 'greeter'));

    const found = await store.find('space_a', 'workflow_1');
    expect(readDraft(found?.draft)).toEqual(first.draft);
    expect(found).toMatchObject({ name: 'flow workflow_1', alias: 'greeter', description: 'résumé ✓', published_version: null });
    expect(await store.find('space_b', 'workflow_1')).toBeNull();
    expect((await store.findByIdOrAlias('space_a', 'greeter'))?.id).toBe('workflow_1');
    expect((await store.findByIdOrAlias('space_b', 'greeter'))?.id).toBe('workflow_3');
    expect((await store.findByIdOrAlias('space_b', 'workflow_2'))).toBeNull();
    expect((await store.list('space_a')).map((item) => item.id).sort()).toEqual(['workflow_1', 'workflow_2']);

    const taken = await store.update('space_a', 'workflow_2', { alias: 'greeter' }).catch((error: unknown) => error);
    expect(isUniqueViolation(taken)).toBe(true);
    await store.update('space_a', 'workflow_2', { alias: 'other', name: 'renamed', draft: { nodes: [], edges: [], note: '空' } });
    expect(await store.find('space_a', 'workflow_2')).toMatchObject({ alias: 'other', name: 'renamed' });
    expect(readDraft((await store.find('space_a', 'workflow_2'))?.draft)).toEqual({ nodes: [], edges: [], note: '空' });
    // An update naming another space's workflow changes nothing.
    await store.update('space_b', 'workflow_2', { name: 'taken over' });
    expect((await store.find('space_a', 'workflow_2'))?.name).toBe('renamed');
  });

  test('versions count up per workflow, keep their snapshot, and go with the workflow', async () => {
    const store = workflowStore(database);
    await store.insert(row('workflow_v', 'space_a', null));
    const draft = readDraft((await store.find('space_a', 'workflow_v'))?.draft);
    const one = await store.addVersion('space_a', 'workflow_v', { name: 'v1', description: '', draft }, 'user_1');
    const two = await store.addVersion('space_a', 'workflow_v', { name: 'v2', description: 'second', draft }, null);
    expect([one.version, two.version]).toEqual([1, 2]);
    // Publishes at once (two people, a retried request) each get the next number; none fails.
    const racing = await Promise.all([3, 4, 5].map((n) => store.addVersion('space_a', 'workflow_v', { name: `v${n}`, description: '', draft }, null)));
    expect(racing.map((item) => item.version).sort()).toEqual([3, 4, 5]);
    for (const extra of [5, 4, 3]) await database.kysely.deleteFrom('workflow_versions').where('workflow_id', '=', 'workflow_v').where('version', '=', extra).execute();
    await database.kysely.updateTable('workflows').set({ published_version: 2 }).where('id', '=', 'workflow_v').execute();
    expect(await store.find('space_a', 'workflow_v')).toMatchObject({ published_version: 2 });
    expect((await store.versions('space_a', 'workflow_v')).map((item) => [Number(item.version), readSnapshot(item.snapshot).name, item.published_by])).toEqual([
      [2, 'v2', null],
      [1, 'v1', 'user_1'],
    ]);
    expect(readSnapshot((await store.version('space_a', 'workflow_v', 1))?.snapshot).draft).toEqual(draft);
    expect(await store.version('space_b', 'workflow_v', 1)).toBeNull();

    await store.remove('space_b', 'workflow_v');
    expect(await store.find('space_a', 'workflow_v')).not.toBeNull();
    await store.remove('space_a', 'workflow_v');
    expect(await store.find('space_a', 'workflow_v')).toBeNull();
    expect(await store.versions('space_a', 'workflow_v')).toEqual([]);
  });
});
