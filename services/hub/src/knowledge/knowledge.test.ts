import { writePdf } from '@astron/docparse/testing';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { chain, node, ref } from '../workflows/test-flows.js';

let hub: HubUnderTest;
let fake: FakeOpenAI;
let alice: Browser;
let bob: Browser;
let key: string;
let chatModel: string;
let kbId: string;

const HANDBOOK = writePdf({
  title: 'Store handbook',
  pages: [
    ['Returns and refunds', 'Refunds are accepted within 30 days of purchase with the receipt.', 'Gift cards cannot be refunded.'],
    ['Shipping', 'Orders ship within 2 business days from the Berlin warehouse.', 'Express delivery costs 9 euros.'],
  ],
});

async function gateway(path: string, body: unknown) {
  const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

/** A multipart upload through the hub, as the console sends it. */
async function upload(owner: Browser, base: string, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const encoded = new Response(form);
  const headers: Record<string, string> = { 'content-type': encoded.headers.get('content-type') ?? '', cookie: `astron_session=${owner.cookie ?? ''}`, 'x-csrf-token': owner.csrfToken ?? '' };
  const response = await fetch(`${hub.url}/api/knowledge-bases/${base}/documents`, { method: 'POST', headers, body: new Uint8Array(await encoded.arrayBuffer()) });
  return { status: response.status, body: (await response.json()) as any };
}

async function ready(owner: Browser, base: string, documentId: string) {
  for (let tries = 0; tries < 300; tries += 1) {
    const document = await owner.call('GET', `/api/knowledge-bases/${base}/documents/${documentId}`);
    if (document.body.status === 'ready' || document.body.status === 'failed') return document.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the document never finished');
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-knowledge' });
  hub = await startTestHub({}, {}, {}, {}, { knowledge: true });
  alice = await hub.signUp('alice@example.com');
  bob = await hub.signUp('bob@example.com');
  key = (await alice.call('POST', '/api/api-keys', { name: 'sdk' })).body.key;
  const models = [
    { id: 'fake-chat', kind: 'chat' },
    { id: 'fake-embed', kind: 'embedding' },
  ];
  const provider = await alice.call('POST', '/api/providers', { name: 'fake', baseUrl: fake.url, apiKey: 'sk-knowledge', models });
  chatModel = `${provider.body.id as string}/fake-chat`;
  const created = await alice.call('POST', '/api/knowledge-bases', { name: 'Handbook', description: 'How the store works', embeddingModel: `${provider.body.id as string}/fake-embed` });
  expect(created.status, created.text).toBe(201);
  kbId = created.body.id;
  const added = await upload(alice, kbId, 'handbook.pdf', HANDBOOK);
  expect(added.status, JSON.stringify(added.body)).toBe(202);
  expect(await ready(alice, kbId, added.body.id)).toMatchObject({ status: 'ready', type: 'pdf', pageCount: 2 });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

beforeEach(() => fake.reset());

describe('knowledge through the hub', () => {
  test('an uploaded PDF is retrieved through the public API with its document and page', async () => {
    const answer = await gateway(`/v1/knowledge/${kbId}/retrieve`, { query: 'How many days do I have to get a refund?', top_k: 2 });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const [first] = answer.body.results;
    expect(first).toMatchObject({ document_name: 'handbook.pdf', page: 1 });
    expect(first.content).toContain('30 days');
    expect(typeof first.score).toBe('number');
  });

  test("another space's base is 404 in the console and through the API of another space; a viewer-less outsider cannot add documents", async () => {
    expect((await bob.call('GET', `/api/knowledge-bases/${kbId}`)).status).toBe(404);
    expect((await upload(bob, kbId, 'x.txt', new TextEncoder().encode('hello'))).status).toBe(404);
    const bobKey = (await bob.call('POST', '/api/api-keys', { name: 'bob' })).body.key as string;
    const response = await fetch(`${hub.url}/v1/knowledge/${kbId}/retrieve`, { method: 'POST', headers: { authorization: `Bearer ${bobKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: 'refund' }) });
    expect(response.status).toBe(404);
  });

  test('an agent answers from the PDF with a citation, through the OpenAI-compatible API', async () => {
    const agent = await alice.call('POST', '/api/agents', { name: 'Store helper', instructions: 'Answer from the handbook.', model: chatModel, knowledge: { kbIds: [kbId], topK: 3 } });
    expect(agent.status, agent.text).toBe(201);
    expect((await alice.call('POST', `/api/agents/${agent.body.id as string}/publish`)).status).toBe(200);
    fake.script([{ toolCalls: [{ id: 'call_kb', name: 'knowledge_search', arguments: { query: 'refund days' } }] }, { content: 'You have 30 days to ask for a refund [1].' }]);
    const completion = await gateway('/v1/chat/completions', { model: agent.body.id, messages: [{ role: 'user', content: 'How long do I have for a refund?' }] });
    expect(completion.status, JSON.stringify(completion.body)).toBe(200);
    expect(completion.body.choices[0].message.content).toBe('You have 30 days to ask for a refund [1].');
    expect(completion.body.astron.citations[0]).toMatchObject({ n: 1, documentName: 'handbook.pdf', page: 1, kbId });
    // The model was given the passages to cite.
    expect(JSON.stringify(fake.requests.map((request) => request.body))).toContain('Refunds are accepted within 30 days');
  });

  test('a workflow knowledge-base node retrieves passages as the original names them', async () => {
    const start = node('node-start', { outputs: ['question!'] });
    const search = node('knowledge-base', { inputs: { query: ref(start.id, 'question') }, outputs: ['results'], param: { repoId: [kbId], topN: '2', score: 0 } });
    const end = node('node-end', { inputs: { results: ref(search.id, 'results') }, param: { outputMode: 0 } });
    const workflow = await alice.call('POST', '/api/workflows', { name: 'Handbook search', draft: { nodes: [start, search, end], edges: chain(start, search, end) } });
    expect(workflow.status, workflow.text).toBe(201);
    const run = await alice.call('POST', `/api/workflows/${workflow.body.id as string}/runs`, { inputs: { question: 'When do orders ship?' } });
    expect(run.body.status, run.text).toBe('succeeded');
    const [first] = run.body.outputs.results;
    expect(first).toMatchObject({ title: 'handbook.pdf', kbId });
    expect(first.score).toBeGreaterThan(0);
    expect(first.content).toContain('2 business days');
  });

  test('a workflow knowledge-pro-base node plans searches, follows up on what is missing and answers citing the passages', async () => {
    fake.script([{ content: '{"queries": ["refund days"]}' }, { content: 'Still missing shipping: {"queries": ["when do orders ship", "refund days"]}' }, { content: '{"queries": []}' }, { content: 'Refunds within 30 days [1]; orders ship in 2 business days [2].' }]);
    const start = node('node-start', { outputs: ['question!'] });
    const search = node('knowledge-pro-base', {
      inputs: { query: ref(start.id, 'question') },
      outputs: ['output', 'result'],
      param: { model: chatModel, ragType: 1, repoType: 1, repoIds: [kbId], topK: 4, repoTopK: 1, score: 0, answerRole: 'You are the store assistant.' },
    });
    const end = node('node-end', { inputs: { answer: ref(search.id, 'output'), result: ref(search.id, 'result') }, param: { outputMode: 0 } });
    const workflow = await alice.call('POST', '/api/workflows', { name: 'Deep handbook search', draft: { nodes: [start, search, end], edges: chain(start, search, end) } });
    expect(workflow.status, workflow.text).toBe(201);
    const run = await alice.call('POST', `/api/workflows/${workflow.body.id as string}/runs`, { inputs: { question: 'What are the refund and shipping rules?' } });
    expect(run.body.status, run.text).toBe('succeeded');
    expect(run.body.outputs.answer).toBe('Refunds within 30 days [1]; orders ship in 2 business days [2].');
    const chunks = run.body.outputs.result.flatMap((source: any) => source.chunk.map((chunk: any) => ({ ...chunk, source: source.source_name })));
    expect(chunks.some((chunk: any) => chunk.chunk_context.includes('30 days'))).toBe(true);
    expect(chunks.some((chunk: any) => chunk.chunk_context.includes('2 business days'))).toBe(true);
    expect(chunks.every((chunk: any) => chunk.source === 'handbook.pdf' && typeof chunk.score === 'number')).toBe(true);

    const chats = fake.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => request.body as { messages: { role: string; content: string }[] });
    expect(chats).toHaveLength(4);
    // The follow-up plan sees what the first search found; a query already run is not run again.
    expect(chats[1]!.messages[1]!.content).toContain('Passages found so far');
    expect(chats[2]!.messages[1]!.content).toContain('2 business days');
    const answer = chats[3]!.messages;
    expect(answer[0]).toMatchObject({ role: 'system', content: expect.stringContaining('You are the store assistant.') });
    expect(answer[0]!.content).toContain('30 days');
    expect(answer[0]!.content).toContain('2 business days');
    expect(answer[1]).toEqual({ role: 'user', content: 'What are the refund and shipping rules?' });
  });

  test('knowledge-pro-base in long-context mode searches the question once with a wider net; no knowledge base is refused', async () => {
    fake.script({ content: 'Orders ship within 2 business days [1].' });
    const start = node('node-start', { outputs: ['question!'] });
    const search = node('knowledge-pro-base', { inputs: { query: ref(start.id, 'question') }, outputs: ['output', 'result'], param: { model: chatModel, ragType: 2, repoType: 1, repoIds: [kbId], topK: 2, repoTopK: 2, score: 0 } });
    const end = node('node-end', { inputs: { answer: ref(search.id, 'output') }, param: { outputMode: 0 } });
    const workflow = await alice.call('POST', '/api/workflows', { name: 'Long context', draft: { nodes: [start, search, end], edges: chain(start, search, end) } });
    const run = await alice.call('POST', `/api/workflows/${workflow.body.id as string}/runs`, { inputs: { question: 'When do orders ship?' } });
    expect(run.body.outputs, run.text).toEqual({ answer: 'Orders ship within 2 business days [1].' });
    expect(fake.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(1);

    const nowhere = node('knowledge-pro-base', { inputs: { query: ref(start.id, 'question') }, outputs: ['output', 'result'], param: { model: chatModel, ragType: 1, repoType: 1, repoIds: [], score: 0 } });
    const closing = node('node-end', { inputs: { answer: ref(nowhere.id, 'output') }, param: { outputMode: 0 } });
    const broken = await alice.call('POST', '/api/workflows', { name: 'No base', draft: { nodes: [start, nowhere, closing], edges: chain(start, nowhere, closing) } });
    expect(broken.status).toBe(201);
    const refused = await alice.call('POST', `/api/workflows/${broken.body.id as string}/runs`, { inputs: { question: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ code: 'invalid-node-param', field: 'data.nodeParam.repoIds', message: expect.stringContaining('choose at least one knowledge base') })]);
  });
});
