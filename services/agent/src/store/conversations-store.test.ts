import { dropNamespace, migrate, openDatabase, type Database, type DatabaseConfig } from '@astron/kit/db';
import { testServers, uniqueName } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conversationsDomain } from '../domain/memory/conversations.js';
import { botConfigsStore } from './bot-configs-store.js';
import { conversationsStore } from './conversations-store.js';
import { migrations } from './migrations.js';
import type { AgentSchema } from './tables.js';

const pool = { maxOpen: 4, maxIdle: 1 };
const { postgres, mysql } = testServers;
const backends: { name: string; config: () => DatabaseConfig }[] = [
  { name: 'PostgreSQL', config: () => ({ kind: 'postgres', ...postgres, namespace: uniqueName('agent'), pool }) },
  { name: 'MariaDB', config: () => ({ kind: 'mysql', host: mysql.host, port: mysql.port, user: mysql.user, password: mysql.password, namespace: uniqueName('agent'), pool }) },
];

describe.each(backends)('conversation store on $name', (backend) => {
  let database: Database<AgentSchema>;
  beforeAll(async () => {
    database = await openDatabase<AgentSchema>(backend.config());
    await migrate(database, migrations);
  });
  afterAll(async () => {
    await dropNamespace(database);
    await database.close();
  });

  test('messages keep their order and steps; spaces stay apart; delete takes the messages too', async () => {
    const store = conversationsStore(database);
    const conversations = conversationsDomain(store);
    const opened = await conversations.open('space_a', undefined, 'agent_1');
    expect(opened).toEqual({ id: expect.stringMatching(/^conv_[0-9a-f]{24}$/), history: [] });
    await conversations.append('space_a', opened.id, [
      { role: 'user', content: 'first' },
      { role: 'user', content: 'second 你好' },
    ]);
    await conversations.append('space_a', opened.id, [{ role: 'assistant', content: 'answer', steps: [{ type: 'tool_call', id: 'c', name: 'calculator', arguments: { expression: '1+1' } }] }]);

    const again = await conversations.open('space_a', opened.id, null);
    expect(again.history.map((message) => [message.seq, message.role, message.content])).toEqual([
      [1, 'user', 'first'],
      [2, 'user', 'second 你好'],
      [3, 'assistant', 'answer'],
    ]);
    expect(again.history[2]?.steps).toEqual([{ type: 'tool_call', id: 'c', name: 'calculator', arguments: { expression: '1+1' } }]);
    expect(again.history[0]?.steps).toBeNull();

    await expect(conversations.open('space_b', opened.id, null)).rejects.toMatchObject({ status: 404 });
    await expect(conversations.get('space_b', opened.id)).rejects.toMatchObject({ status: 404 });
    await expect(conversations.remove('space_b', opened.id)).rejects.toMatchObject({ status: 404 });
    expect((await conversations.get('space_a', opened.id)).conversation).toMatchObject({ agentId: 'agent_1', spaceId: 'space_a' });

    await conversations.remove('space_a', opened.id);
    await expect(conversations.get('space_a', opened.id)).rejects.toMatchObject({ status: 404 });
    expect(await store.messages('space_a', opened.id)).toEqual([]);
  });

  test('a client-chosen id is created once; concurrent appends keep distinct positions', async () => {
    const store = conversationsStore(database);
    const conversations = conversationsDomain(store);
    expect((await conversations.open('space_a', 'chosen-id', null)).id).toBe('chosen-id');
    await Promise.all([1, 2, 3].map((n) => conversations.append('space_a', 'chosen-id', [{ role: 'user', content: `m${n}` }])));
    const seqs = (await store.messages('space_a', 'chosen-id')).map((message) => message.seq);
    expect(seqs).toEqual([1, 2, 3]);
  });

  test('bot configs keep their JSON document per space', async () => {
    const store = botConfigsStore(database);
    const document = { app_id: 'app', bot_id: 'bot', model_config: { instruct: 'hi', plan: { api: 'http://x/v1', domain: 'm' } }, tool_ids: ['calculator'] };
    await store.insert('space_a', 'bot', 'app', document);
    expect((await store.find('space_a', 'bot'))?.config).toEqual(document);
    expect(await store.find('space_b', 'bot')).toBeNull();
    expect(await store.update('space_a', 'bot', { ...document, tool_ids: [] })).toBe(true);
    expect((await store.find('space_a', 'bot'))?.config).toMatchObject({ tool_ids: [] });
    expect(await store.delete('space_b', 'bot')).toBe(false);
    expect(await store.delete('space_a', 'bot')).toBe(true);
  });
});
