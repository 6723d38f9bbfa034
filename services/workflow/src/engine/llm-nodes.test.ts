import { createModelClient } from '@astron/llm';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { NodeServices } from './node-type.js';
import { chain, edge, flow, literal, node, ref } from './test-flows.js';
import { startTestEngine, testEgress, type EngineUnderTest } from './test-harness.js';

let fake: FakeOpenAI;
let engine: EngineUnderTest;
const resolved: string[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-wf' });
  // Stands in for the hub's resolution (tested with the hub): `fake/<model>` is the fake server, anything else unknown.
  const services: NodeServices = {
    egress: testEgress,
    async model(spaceId, reference, parameters) {
      resolved.push(`${spaceId}:${reference}`);
      if (!reference.startsWith('fake/')) throw new Error(`no provider for ${reference}`);
      return createModelClient({ baseUrl: fake.url, apiKey: 'sk-wf', headers: {}, model: reference.slice(5) }, parameters, 10_000);
    },
  };
  engine = await startTestEngine({ services });
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
  resolved.length = 0;
});

const model = 'fake/fake-chat';

describe('LLM nodes against an OpenAI-compatible model', () => {
  test('spark-llm renders its templates, sends the history rounds asked for, streams tokens and reports usage', async () => {
    fake.script({ content: 'Bonjour, Ada.' });
    const start = node('node-start', { outputs: ['name'] });
    const llm = node('spark-llm', {
      inputs: { name: ref(start.id, 'name') },
      outputs: ['output'],
      param: { model, systemTemplate: 'You translate to French.', template: 'Hello, {{name}}.', temperature: 0.2, enableChatHistoryV2: { isEnabled: true, rounds: 1 } },
    });
    const end = node('node-end', { inputs: { text: ref(llm.id, 'output') } });
    const history = [
      { role: 'user', content: 'old question' },
      { role: 'assistant', content: 'old answer' },
      { role: 'user', content: 'last question' },
      { role: 'assistant', content: 'last answer' },
    ] as const;
    const result = await engine.runToEnd({ workflow: flow([start, llm, end], chain(start, llm, end)), history: [...history] }, { name: 'Ada' });
    expect(result.run).toMatchObject({ status: 'succeeded', outputs: { text: 'Bonjour, Ada.' } });
    const sent = fake.requests[0]?.body as { messages: { role: string; content: string }[]; temperature: number };
    expect(sent.messages).toEqual([
      { role: 'system', content: 'You translate to French.' },
      { role: 'user', content: 'last question' },
      { role: 'assistant', content: 'last answer' },
      { role: 'user', content: 'Hello, Ada.' },
    ]);
    expect(sent.temperature).toBe(0.2);
    expect(resolved).toEqual([`space_a:${model}`]);
    const deltas = result.events.filter((event) => event.type === 'node-delta').map((event) => (event.data as { content?: string }).content ?? '');
    expect(deltas.join('')).toBe('Bonjour, Ada.');
    const finished = result.events.find((event) => event.type === 'node-finished' && (event.data as { nodeId: string }).nodeId === llm.id);
    expect(finished?.data).toMatchObject({ usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number) } });
  });

  test('spark-llm in JSON mode fills its declared outputs from the object; prose around it is tolerated', async () => {
    fake.script({ content: 'Here you go: {"city": "Paris", "population": 2100000}' });
    const start = node('node-start');
    const llm = node('spark-llm', { outputs: ['city', 'population'], param: { model, template: 'Capital of France as JSON', respFormat: 2 } });
    const end = node('node-end', { inputs: { city: ref(llm.id, 'city'), people: ref(llm.id, 'population') } });
    const result = await engine.runToEnd({ workflow: flow([start, llm, end], chain(start, llm, end)) });
    expect(result.run.outputs).toEqual({ city: 'Paris', people: 2100000 });
    expect((fake.requests[0]?.body as { response_format?: unknown }).response_format).toEqual({ type: 'json_object' });
  });

  test('decision-making leaves by the intent the model names, and by the default intent otherwise', async () => {
    const start = node('node-start', { outputs: ['query'] });
    const decide = node('decision-making', {
      inputs: { Query: ref(start.id, 'query') },
      param: {
        model,
        intentChains: [
          { id: 'intent-one-of::refund', name: 'Refund', description: 'money back', intentType: 2 },
          { id: 'intent-one-of::shipping', name: 'Shipping', description: 'where is my parcel', intentType: 2 },
          { id: 'intent-one-of::other', name: 'default', description: 'anything else', intentType: 1 },
        ],
      },
    });
    const answers = ['refund', 'shipping', 'other'].map((name) => node('text-joiner', { outputs: ['output'], param: { prompt: name } }));
    const end = node('node-end', { inputs: Object.fromEntries(answers.map((answer, index) => [`a${index}`, ref(answer.id, 'output')])), param: { outputMode: 1, template: '{{a0}}{{a1}}{{a2}}' } });
    const workflow = flow(
      [start, decide, ...answers, end],
      [edge(start, decide), edge(decide, answers[0]!, 'intent_chain|intent-one-of::refund'), edge(decide, answers[1]!, 'intent-one-of::shipping'), edge(decide, answers[2]!, 'intent-one-of::other'), ...answers.map((answer) => edge(answer, end))],
    );
    fake.script({ content: '{"class_name": "Shipping"}' });
    expect((await engine.runToEnd({ workflow }, { query: 'Where is my order?' })).run.outputs).toEqual({ output: 'shipping' });
    const system = (fake.requests[0]?.body as { messages: { content: string }[] }).messages[0]?.content ?? '';
    expect(system).toContain('- Refund: money back');
    fake.script({ content: 'I am not sure.' });
    expect((await engine.runToEnd({ workflow }, { query: 'Tell me a joke' })).run.outputs).toEqual({ output: 'other' });
  });

  test('extractor-parameter fills typed outputs; a required one the text lacks fails the node with its name', async () => {
    const start = node('node-start', { outputs: ['text'] });
    const extract = node('extractor-parameter', { inputs: { input: ref(start.id, 'text') }, param: { model, instruction: 'Dates are ISO.' } });
    extract.data.outputs = [
      { name: 'city', schema: { type: 'string', description: 'destination city' }, required: true },
      { name: 'nights', schema: { type: 'integer' }, required: false },
      { name: 'breakfast', schema: { type: 'boolean' }, required: false },
    ];
    const end = node('node-end', { inputs: { city: ref(extract.id, 'city'), nights: ref(extract.id, 'nights'), breakfast: ref(extract.id, 'breakfast') } });
    const workflow = flow([start, extract, end], chain(start, extract, end));
    fake.script({ content: '{"city": "Lyon", "nights": "3", "breakfast": "true"}' });
    expect((await engine.runToEnd({ workflow }, { text: 'Three nights in Lyon with breakfast' })).run.outputs).toEqual({ city: 'Lyon', nights: 3, breakfast: true });
    const system = (fake.requests[0]?.body as { messages: { content: string }[] }).messages[0]?.content ?? '';
    expect(system).toContain('- city (string, required): destination city');
    fake.script({ content: '{"city": null, "nights": 2}' });
    const failed = await engine.runToEnd({ workflow }, { text: 'two nights somewhere' });
    expect(failed.run).toMatchObject({ status: 'failed', error: { code: 'extraction_incomplete', message: 'the text gives no city', nodeId: extract.id } });
  });

  test('a model the space lacks, or none chosen, fails the node with a message naming the node', async () => {
    const start = node('node-start');
    const missing = node('spark-llm', { alias: 'Summarize', outputs: ['output'], param: { template: 'x' } });
    const end = node('node-end', { inputs: { text: ref(missing.id, 'output'), fixed: literal(1) } });
    const result = await engine.runToEnd({ workflow: flow([start, missing, end], chain(start, missing, end)) });
    expect(result.run).toMatchObject({ status: 'failed', error: { code: 'model_not_configured', message: expect.stringContaining('Summarize') } });
    expect(fake.requests).toHaveLength(0);
  });
});
