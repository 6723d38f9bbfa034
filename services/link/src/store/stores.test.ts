import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dropNamespace, migrate, openDatabase, type Database, type DatabaseConfig } from '@astron/kit/db';
import { serverDatabases } from '@astron/testing/servers';
import { migrations } from './migrations.js';
import { mcpServersStore } from './mcp-servers-store.js';
import type { LinkSchema } from './tables.js';
import { toolSetsStore, type ToolSetRecord } from './tool-sets-store.js';
import { versionsStore } from './versions-store.js';

const backends: { name: string; config: () => DatabaseConfig }[] = [
  ...serverDatabases('link'),
  { name: 'PGlite', config: () => ({ kind: 'pglite', dataDir: null, namespace: 'link', pool: { maxOpen: 4, maxIdle: 1 } }) },
];

const bigDocument = { openapi: '3.0.3', info: { title: '工具 '.repeat(10), version: '1' }, paths: {}, padding: 'x'.repeat(200_000) };

function toolSet(id: string, spaceId = 'space_a'): Omit<ToolSetRecord, 'createdAt' | 'updatedAt'> {
  return {
    id,
    spaceId,
    appId: 'app_1',
    name: 'Weather 天气',
    description: 'forecasts',
    sourceKind: 'url',
    sourceUrl: 'https://example.com/openapi.json',
    format: 'openapi-3.0',
    document: bigDocument,
    serverUrl: 'https://api.example.com',
    operations: [],
    skipped: [{ operation: 'PUT /photo', reason: 'binary' }],
    auth: { type: 'bearer', settings: {}, secret: 'v1.k1.sealed' },
    createdBy: 'user:usr_1',
  };
}

describe.each(backends)('link stores on $name', (backend) => {
  let database: Database<LinkSchema>;
  beforeAll(async () => {
    database = await openDatabase<LinkSchema>(backend.config());
    await migrate(database, migrations);
  });
  afterAll(async () => {
    if (backend.name !== 'PGlite') await dropNamespace(database);
    await database.close();
  });

  test('tool sets: large documents and JSON round-trip; every lookup is scoped by space', async () => {
    const store = toolSetsStore(database);
    const created = await store.insert(toolSet('tool@aa01'));
    expect(created).toMatchObject({ id: 'tool@aa01', name: 'Weather 天气', document: bigDocument, skipped: [{ operation: 'PUT /photo', reason: 'binary' }], auth: { type: 'bearer', settings: {}, secret: 'v1.k1.sealed' } });
    expect(await store.get('space_b', 'tool@aa01')).toBeNull();
    expect(await store.update('space_b', 'tool@aa01', { name: 'stolen' })).toBeNull();
    expect(await store.remove('space_b', 'tool@aa01')).toBe(false);
    const updated = await store.update('space_a', 'tool@aa01', { name: 'Weather', auth: { type: 'apiKey', settings: { in: 'header', name: 'X-Key' }, secret: 's2' } });
    expect(updated).toMatchObject({ name: 'Weather', auth: { type: 'apiKey', settings: { in: 'header', name: 'X-Key' }, secret: 's2' } });
    expect((await store.list('space_a')).map((record) => record.id)).toEqual(['tool@aa01']);
    expect(await store.list('space_b')).toEqual([]);
  });

  test('versions: numbered in order, labels unique per tool, latest is the highest number, removed with the tool', async () => {
    const store = toolSetsStore(database);
    const versions = versionsStore(database);
    await store.insert(toolSet('tool@bb02'));
    const base = { toolSetId: 'tool@bb02', spaceId: 'space_a', name: 'n', description: '', format: 'openapi-3.0', document: { a: 1 }, serverUrl: null, operations: [], skipped: [], publishedBy: 'user:usr_1' };
    expect(await versions.insert({ ...base, version: 'V1.0' })).toMatchObject({ version: 'V1.0', seq: 1, document: { a: 1 } });
    expect(await versions.insert({ ...base, version: null, document: { a: 2 } })).toMatchObject({ version: 'v2', seq: 2 });
    expect(await versions.insert({ ...base, version: 'V1.0' })).toBeNull();
    const racing = await Promise.all([versions.insert({ ...base, version: null }), versions.insert({ ...base, version: null })]);
    expect(racing.map((version) => version?.seq).sort()).toEqual([3, 4]);
    expect((await versions.latest('space_a', 'tool@bb02'))?.seq).toBe(4);
    expect((await versions.list('space_a', 'tool@bb02')).map((version) => version.version)).toEqual(['v4', 'v3', 'v2', 'V1.0']);
    expect(await versions.get('space_b', 'tool@bb02', 'V1.0')).toBeNull();
    expect((await versions.latestLabels('space_a', ['tool@bb02', 'tool@none'])).get('tool@bb02')).toBe('v4');
    expect(await versions.remove('space_a', 'tool@bb02', 'v3')).toBe(true);
    expect(await store.remove('space_a', 'tool@bb02')).toBe(true);
    expect(await versions.list('space_a', 'tool@bb02')).toEqual([]);
  });

  test('MCP servers: header names and the bearer flag read back, scoped by space', async () => {
    const store = mcpServersStore(database);
    const created = await store.insert({ id: 'mcp@cc03', spaceId: 'space_a', name: 'Tools', description: '', url: 'https://mcp.example.com/mcp', transport: 'streamable-http', headerNames: ['X-Team'], hasBearer: true, credentials: 'sealed', createdBy: 'user:usr_1' });
    expect(created).toMatchObject({ headerNames: ['X-Team'], hasBearer: true, transport: 'streamable-http' });
    expect(await store.get('space_b', 'mcp@cc03')).toBeNull();
    expect(await store.update('space_a', 'mcp@cc03', { hasBearer: false, credentials: null, headerNames: [] })).toMatchObject({ hasBearer: false, credentials: null, headerNames: [] });
    expect(await store.remove('space_b', 'mcp@cc03')).toBe(false);
    expect(await store.remove('space_a', 'mcp@cc03')).toBe(true);
  });
});
