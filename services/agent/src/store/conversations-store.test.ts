import { dropNamespace, migrate, openDatabase, type Database } from '@astron/kit/db';
import { serverDatabases, uniqueName } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conversationsDomain } from '../domain/memory/conversations.js';
import { botConfigsStore } from './bot-configs-store.js';
import { conversationsStore } from './conversations-store.js';
import { migrations } from './migrations.js';
import type { AgentSchema } from './tables.js';

const debug = { source: 'debug', appId: null } as const;
const backends = serverDatabases('agent');

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
    const opened = await conversations.open('space_a', undefined, 'agent_1', debug);
    expect(opened).toEqual({ id: expect.stringMatching(/^conv_[0-9a-f]{24}$/), history: [] });
    await conversations.append('space_a', opened.id, [
      { role: 'user', content: 'first' },
      { role: 'user', content: 'second 你好' },
    ]);
    await conversations.append('space_a', opened.id, [{ role: 'assistant', content: 'answer', steps: [{ type: 'tool_call', id: 'c', name: 'calculator', arguments: { expression: '1+1' } }] }]);

    const again = await conversations.open('space_a', opened.id, null, debug);
    expect(again.history.map((message) => [message.seq, message.role, message.content])).toEqual([
      [1, 'user', 'first'],
      [2, 'user', 'second 你好'],
      [3, 'assistant', 'answer'],
    ]);
    expect(again.history[2]?.steps).toEqual([{ type: 'tool_call', id: 'c', name: 'calculator', arguments: { expression: '1+1' } }]);
    expect(again.history[0]?.steps).toBeNull();

    await expect(conversations.open('space_b', opened.id, null, debug)).rejects.toMatchObject({ status: 404 });
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
    expect((await conversations.open('space_a', 'chosen-id', null, debug)).id).toBe('chosen-id');
    await Promise.all([1, 2, 3].map((n) => conversations.append('space_a', 'chosen-id', [{ role: 'user', content: `m${n}` }])));
    const seqs = (await store.messages('space_a', 'chosen-id')).map((message) => message.seq);
    expect(seqs).toEqual([1, 2, 3]);
  });

  test("an agent's logs: title, origin, totals and per-answer usage; newest first, paged, filtered, per space", async () => {
    const store = conversationsStore(database);
    const conversations = conversationsDomain(store);
    const agentId = uniqueName('agent');
    const answer = (tokens: number) => ({ role: 'assistant', content: 'ok', steps: [], usage: { promptTokens: tokens, completionTokens: 2 }, model: 'm1', durationMs: 12.6 });
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const origin = index % 2 === 0 ? debug : ({ source: 'api', appId: 'app_1' } as const);
      const opened = await conversations.open('space_a', undefined, agentId, origin);
      await conversations.append('space_a', opened.id, [{ role: 'user', content: `  question ${index} ${'x'.repeat(200)}` }, answer(10)]);
      ids.push(opened.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // The first conversation goes on: two more messages, and it becomes the most recent.
    await conversations.append('space_a', ids[0] ?? '', [{ role: 'user', content: 'follow-up' }, answer(30)]);
    const empty = await conversations.open('space_a', undefined, agentId, debug);

    const first = await conversations.list('space_a', agentId, { limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids[0], ids[4]]);
    expect(first.items[0]).toMatchObject({ title: `question 0 ${'x'.repeat(109)}`, source: 'debug', appId: null, messageCount: 4, usage: { promptTokens: 40, completionTokens: 4 } });
    expect(first.items.some((item) => item.id === empty.id)).toBe(false);
    const second = await conversations.list('space_a', agentId, { limit: 2, cursor: first.nextCursor ?? '' });
    const third = await conversations.list('space_a', agentId, { limit: 2, cursor: second.nextCursor ?? '' });
    expect([...second.items, ...third.items].map((item) => item.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(third.nextCursor).toBeNull();
    const api = await conversations.list('space_a', agentId, { limit: 10, source: 'api' });
    expect(api.items.map((item) => [item.id, item.appId])).toEqual([[ids[3], 'app_1'], [ids[1], 'app_1']]);
    expect((await conversations.list('space_b', agentId, { limit: 10 })).items).toEqual([]);

    const { messages } = await conversations.get('space_a', ids[0] ?? '');
    expect(messages.map((message) => [message.role, message.usage, message.model, message.durationMs])).toEqual([
      ['user', null, null, null],
      ['assistant', { promptTokens: 10, completionTokens: 2 }, 'm1', 13],
      ['user', null, null, null],
      ['assistant', { promptTokens: 30, completionTokens: 2 }, 'm1', 13],
    ]);
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
