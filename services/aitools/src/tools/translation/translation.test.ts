import { startFakeOpenAI, type ChatRequest, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models/resolver.js';
import { startTestAitools, type AitoolsUnderTest } from '../../test-harness.js';

let fake: FakeOpenAI;
let aitools: AitoolsUnderTest;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null));
});
afterEach(() => fake.reset());
afterAll(async () => {
  await aitools?.stop();
  await fake?.close();
});

const systemOf = (request: ChatRequest) => JSON.stringify(request.messages[0]?.content ?? '');

describe('translation', () => {
  test('asks the chat model for the translation alone, from the given language into the target', async () => {
    fake.script({ match: (request) => systemOf(request).includes('from Chinese into French'), content: '  Bonjour le monde  ' });
    const answer = await aitools.run('translation', { inputs: { text: '你好，世界', source: 'Chinese', target: 'French' }, models: { chat: 'p1/deepseek-chat' } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.outputs).toEqual({ text: 'Bonjour le monde', source: 'Chinese', target: 'French' });
    expect(answer.body.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    const request = fake.requests[0]?.body as ChatRequest;
    expect(request).toMatchObject({ model: 'deepseek-chat', temperature: 0 });
    expect(systemOf(request)).toContain('Output only the translation');
    expect(request.messages[1]).toEqual({ role: 'user', content: '你好，世界' });
  });

  test('detects the source language when none is given', async () => {
    const answer = await aitools.run('translation', { inputs: { text: 'Guten Tag', target: 'en' }, models: { chat: 'p1/gpt-4o-mini' } });
    expect(answer.body.outputs).toEqual({ text: 'echo: Guten Tag', source: 'auto', target: 'en' });
    expect(systemOf(fake.requests[0]?.body as ChatRequest)).toContain('from whatever language it is written in into en');
  });

  test('the target is required', async () => {
    const answer = await aitools.run('translation', { inputs: { text: 'x' }, models: { chat: 'p1/gpt-4o-mini' } });
    expect(answer.status).toBe(400);
    expect(answer.body.details).toEqual([expect.objectContaining({ field: 'inputs.target' })]);
  });
});
