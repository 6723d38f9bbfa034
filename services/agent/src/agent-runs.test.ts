import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import OpenAI from 'openai';
import type { Stream } from 'openai/streaming';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sseData, startTestAgent, type AgentUnderTest } from './test-harness.js';

/** A local site for web_reader: /barrier answers only once two requests wait (so only parallel calls pass), /slow never in time. */
function startSite(): Promise<{ server: Server; url: string }> {
  const waiting: (() => void)[] = [];
  const server = createServer((request, response) => {
    if (request.url === '/barrier') {
      const release = () => response.writeHead(200, { 'content-type': 'text/plain' }).end('both arrived');
      waiting.push(release);
      if (waiting.length >= 2) for (const waiter of waiting.splice(0)) waiter();
      return;
    }
    if (request.url === '/slow') {
      const timer = setTimeout(() => response.end('late'), 5_000);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('agent runs (function calling and ReAct) against the fake model', () => {
  let fake: FakeOpenAI;
  let agent: AgentUnderTest;
  let site: { server: Server; url: string };
  const model = () => ({ baseUrl: fake.url, apiKey: 'sk-test', model: 'fake-chat' });
  const definition = (extra: Record<string, unknown> = {}) => ({
    id: 'agent_1',
    instructions: 'You help {{user}}.',
    tools: ['current_time', 'calculator'],
    ...extra,
  });
  const question = [{ role: 'user', content: 'What time is it in Tokyo, and what is 17 * 23?' }];
  const toolMessages = (index: number) => ((fake.requests[index]?.body as { messages: { role: string; content: string; tool_call_id?: string }[] }).messages ?? []).filter((message) => message.role === 'tool');

  beforeAll(async () => {
    [fake, site] = await Promise.all([startFakeOpenAI({ apiKey: 'sk-test' }), startSite()]);
    agent = await startTestAgent({ ASTRON_DATA_DIR: ':memory:', EGRESS_ALLOW_HOSTS: '127.0.0.1', AGENT_TOOL_TIMEOUT_MS: '500' });
  });
  afterAll(async () => {
    await agent.service.stop();
    await fake.close();
    site.server.closeAllConnections();
    await new Promise((resolve) => site.server.close(resolve));
  });
  beforeEach(() => fake.reset());

  test('two tools answer one question (not streamed): steps, final text, what the model saw', async () => {
    fake.script([
      { toolCalls: [{ id: 'call_time', name: 'current_time', arguments: { timezone: 'Asia/Tokyo' } }] },
      { toolCalls: [{ id: 'call_calc', name: 'calculator', arguments: { expression: '17 * 23' } }] },
      { content: 'It is evening in Tokyo, and 17 * 23 = 391.' },
    ]);
    const response = await agent.call('POST', '/agents/runs', { body: { definition: definition(), model: model(), messages: question, variables: { user: 'Ada' } } });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ object: 'chat.completion', model: 'fake-chat', choices: [{ message: { role: 'assistant', content: 'It is evening in Tokyo, and 17 * 23 = 391.' }, finish_reason: 'stop' }] });
    expect(body.astron.steps.map((step: { type: string; name: string }) => `${step.type}:${step.name}`)).toEqual([
      'tool_call:current_time',
      'tool_result:current_time',
      'tool_call:calculator',
      'tool_result:calculator',
    ]);
    expect(body.astron.steps[0]).toMatchObject({ id: 'call_time', arguments: { timezone: 'Asia/Tokyo' } });
    expect(JSON.parse(body.astron.steps[1].result)).toMatchObject({ timezone: 'Asia/Tokyo', iso: expect.stringMatching(/\+09:00$/) });
    expect(body.astron.steps[3]).toMatchObject({ result: '{"expression":"17 * 23","result":"391"}', durationMs: expect.any(Number) });
    expect(body.astron.conversationId).toMatch(/^conv_/);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);

    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-test');
    const first = fake.requests[0]?.body as { messages: { role: string; content: string }[]; tools: { function: { name: string; parameters: unknown } }[] };
    expect(first.messages[0]).toEqual({ role: 'system', content: 'You help Ada.' });
    expect(first.tools.map((tool) => tool.function.name)).toEqual(['current_time', 'calculator']);
    expect(first.tools[1]?.function.parameters).toMatchObject({ type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] });
    expect(toolMessages(2).map((message) => message.tool_call_id)).toEqual(['call_time', 'call_calc']);
    expect(toolMessages(2)[1]?.content).toContain('391');
  });

  test('the same, streamed: the openai SDK reads the chunks; tool steps ride along as astron_step', async () => {
    fake.script([
      { toolCalls: [{ id: 'call_time', name: 'current_time', arguments: { timezone: 'UTC' } }] },
      { toolCalls: [{ id: 'call_calc', name: 'calculator', arguments: { expression: '17 * 23' } }] },
      { content: 'The time is noon UTC and the product is 391.' },
    ]);
    const client = new OpenAI({ baseURL: agent.url, apiKey: 'unused', defaultHeaders: { authorization: agent.authorization() }, maxRetries: 0 });
    const stream = (await client.post('/agents/runs', {
      body: { definition: definition(), model: model(), messages: question, variables: { user: 'Ada' }, stream: true },
      stream: true,
    })) as Stream<ChatCompletionChunk>;
    const chunks: (ChatCompletionChunk & { astron_step?: { type: string; name: string; result?: string }; astron?: { conversationId: string } })[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('The time is noon UTC and the product is 391.');
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(3);
    const steps = chunks.flatMap((chunk) => (chunk.astron_step ? [chunk.astron_step] : []));
    expect(steps.map((step) => `${step.type}:${step.name}`)).toEqual(['tool_call:current_time', 'tool_result:current_time', 'tool_call:calculator', 'tool_result:calculator']);
    expect(steps[3]?.result).toContain('391');
    // Each step arrives before the text that depends on it.
    expect(chunks.findIndex((chunk) => chunk.astron_step?.type === 'tool_result' && chunk.astron_step.name === 'calculator')).toBeLessThan(chunks.findIndex((chunk) => chunk.choices[0]?.delta.content));
    expect(chunks[0]?.astron?.conversationId).toMatch(/^conv_/);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBeGreaterThan(0);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });

  test('parallel tool calls run at the same time and answer in order', async () => {
    fake.script([
      {
        toolCalls: [
          { id: 'a', name: 'web_reader', arguments: { url: `${site.url}/barrier` } },
          { id: 'b', name: 'web_reader', arguments: { url: `${site.url}/barrier` } },
          { id: 'c', name: 'calculator', arguments: { expression: '2 ^ 10' } },
        ],
      },
      { content: 'done' },
    ]);
    const response = await agent.call('POST', '/agents/runs', { body: { definition: definition({ tools: ['web_reader', 'calculator'] }), model: model(), messages: question } });
    expect(response.status).toBe(200);
    const results = response.body.astron.steps.filter((step: { type: string }) => step.type === 'tool_result');
    expect(results).toHaveLength(3);
    for (const result of results) expect(result.error).toBeUndefined();
    expect(toolMessages(1).map((message) => message.tool_call_id)).toEqual(['a', 'b', 'c']);
    expect(toolMessages(1)[0]?.content).toContain('both arrived');
    expect(toolMessages(1)[2]?.content).toContain('1024');
  });

  test('a tool that fails, times out, is unknown or gets broken JSON is an error message to the model', async () => {
    fake.script([
      {
        toolCalls: [
          { id: 'slow', name: 'web_reader', arguments: { url: `${site.url}/slow` } },
          { id: 'div', name: 'calculator', arguments: { expression: '1 / 0' } },
          { id: 'nope', name: 'launch_rockets', arguments: {} },
          { id: 'json', name: 'calculator', arguments: '{"expression": ' },
          { id: 'schema', name: 'calculator', arguments: { formula: '1' } },
          { id: 'private', name: 'web_reader', arguments: { url: 'http://10.1.2.3/admin' } },
        ],
      },
      { content: 'Some tools failed.' },
    ]);
    const response = await agent.call('POST', '/agents/runs', { body: { definition: definition({ tools: ['web_reader', 'calculator'] }), model: model(), messages: question } });
    expect(response.status).toBe(200);
    expect(response.body.choices[0].message.content).toBe('Some tools failed.');
    const sent = Object.fromEntries(toolMessages(1).map((message) => [message.tool_call_id, message.content]));
    expect(sent.slow).toMatch(/^Error: the tool web_reader timed out after 500 ms/);
    expect(sent.div).toBe('Error: division by zero');
    expect(sent.nope).toContain('Error: there is no tool "launch_rockets"');
    expect(sent.json).toContain('Error: the arguments are not valid JSON');
    expect(sent.schema).toContain('Error: invalid arguments for calculator: expression');
    expect(sent.private).toContain('Error: refused 10.1.2.3');
    const errors = response.body.astron.steps.filter((step: { error?: string }) => step.error !== undefined);
    expect(errors).toHaveLength(6);
  });

  test('ReAct for a model without tool calling: the text protocol, only the final answer streams', async () => {
    fake.script([
      { content: 'Thought: I need the time first.\nAction: current_time\nAction Input: {"timezone": "UTC"}\nObservation: invented by the model' },
      { content: 'Thought: Now the arithmetic.\nAction: calculator\nAction Input: ```json\n{"expression": "2 ^ 10"}\n```' },
      { content: 'Thought: I know the final answer\nFinal Answer: It is daytime, and 2^10 is 1024.' },
    ]);
    const response = await agent.call('POST', '/agents/runs', {
      body: { definition: definition({ strategy: 'auto' }), model: { ...model(), supportsTools: false }, messages: question, stream: true },
    });
    expect(response.status).toBe(200);
    const frames = sseData(response.text);
    expect(frames.at(-1)).toBe('[DONE]');
    const text = frames.map((frame) => frame.choices?.[0]?.delta?.content ?? '').join('');
    expect(text).toBe('It is daytime, and 2^10 is 1024.');
    const steps = frames.flatMap((frame) => (frame.astron_step ? [frame.astron_step] : []));
    expect(steps.map((step) => `${step.type}:${step.name}`)).toEqual(['tool_call:current_time', 'tool_result:current_time', 'tool_call:calculator', 'tool_result:calculator']);
    expect(steps[0]).toMatchObject({ reason: 'I need the time first.', arguments: { timezone: 'UTC' } });
    expect(steps[3].result).toContain('1024');
    expect(frames.at(-2).astron.strategy).toBe('react');

    const firstRequest = fake.requests[0]?.body as { tools?: unknown; messages: { role: string; content: string }[] };
    expect(firstRequest.tools).toBeUndefined();
    expect(firstRequest.messages[0]?.content).toContain('You help {{user}}.');
    expect(firstRequest.messages[0]?.content).toContain('Action Input:');
    const second = (fake.requests[1]?.body as { messages: { role: string; content: string }[] }).messages;
    expect(second.at(-2)).toEqual({ role: 'assistant', content: 'Thought: I need the time first.\nAction: current_time\nAction Input: {"timezone": "UTC"}' });
    expect(second.at(-1)?.content).toMatch(/^Observation: \{"timezone":"UTC"/);
  });

  test('maxSteps: after the last allowed step the model must answer without tools', async () => {
    const loop = { toolCalls: [{ name: 'calculator', arguments: { expression: '1 + 1' } }] };
    fake.script([loop, loop, { content: 'I stopped after two steps.' }]);
    const response = await agent.call('POST', '/agents/runs', { body: { definition: definition({ maxSteps: 2 }), model: model(), messages: question } });
    expect(response.status).toBe(200);
    expect(response.body.choices[0].message.content).toBe('I stopped after two steps.');
    const steps = response.body.astron.steps;
    expect(steps.filter((step: { type: string }) => step.type === 'tool_call')).toHaveLength(2);
    expect(steps.at(-1)).toMatchObject({ type: 'max_steps_reached', maxSteps: 2 });
    const last = fake.requests[2]?.body as { tools?: unknown; messages: { content: string }[] };
    expect(last.tools).toBeUndefined();
    expect(last.messages.at(-1)?.content).toContain('used every tool step');
  });

  test('a model that refuses the key is a plain HTTP error, streamed or not', async () => {
    const badKey = { ...model(), apiKey: 'sk-wrong' };
    const plain = await agent.call('POST', '/agents/runs', { body: { definition: definition(), model: badKey, messages: question } });
    expect(plain.status).toBe(502);
    expect(plain.body).toMatchObject({ code: 'model_error', details: { upstreamStatus: 401 } });
    const streamed = await agent.call('POST', '/agents/runs', { body: { definition: definition(), model: badKey, messages: question, stream: true } });
    expect(streamed.status).toBe(502);
    expect(streamed.headers.get('content-type')).toContain('application/json');
  });

  test('a failure after the stream has started ends it with an OpenAI error frame', async () => {
    fake.script([{ toolCalls: [{ name: 'calculator', arguments: { expression: '1 + 1' } }] }, { error: { status: 400, message: 'context too long' } }]);
    const response = await agent.call('POST', '/agents/runs', { body: { definition: definition(), model: model(), messages: question, stream: true } });
    const frames = sseData(response.text);
    expect(frames.at(-2)).toMatchObject({ error: { code: 'model_error', message: expect.stringContaining('context too long') } });
    expect(frames.at(-1)).toBe('[DONE]');
  });

  test('a client that goes away mid-stream stops the model call', async () => {
    const slow = await startFakeOpenAI({ tokensPerSecond: 20 });
    try {
      slow.script([{ content: 'word '.repeat(200) }]);
      const controller = new AbortController();
      const response = await fetch(`${agent.url}/agents/runs`, {
        method: 'POST',
        headers: { authorization: agent.authorization(), 'content-type': 'application/json' },
        body: JSON.stringify({ definition: definition({ tools: [] }), model: { baseUrl: slow.url, model: 'fake-chat' }, messages: question, stream: true }),
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      expect(slow.activeRequests()).toBe(1);
      controller.abort();
      await expect.poll(() => slow.activeRequests(), { timeout: 3_000 }).toBe(0);
    } finally {
      await slow.close();
    }
  });

  test('refusals: unknown tools, no token, no space, bad fields', async () => {
    const unknown = await agent.call('POST', '/agents/runs', { body: { definition: definition({ tools: ['teleport'] }), model: model(), messages: question } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_tool', message: expect.stringContaining('teleport') });
    const provider = await agent.call('POST', '/agents/runs', { body: { definition: definition({ tools: [{ name: 'x', provider: 'teleporter' }] }), model: model(), messages: question } });
    expect(provider.body.code).toBe('unknown_tool_provider');
    expect((await fetch(`${agent.url}/agents/runs`, { method: 'POST' })).status).toBe(401);
    expect((await agent.call('POST', '/agents/runs', { space: null, body: {} })).status).toBe(403);
    const bad = await agent.call('POST', '/agents/runs', { body: { definition: { maxSteps: 0 }, model: { baseUrl: 'ftp://x', model: '' }, messages: [] } });
    expect(bad.status).toBe(400);
    for (const field of ['definition.maxSteps', 'model.baseUrl', 'model.model', 'messages']) expect(bad.body.message).toContain(field);
    expect(fake.requests).toHaveLength(0);
  });

  test('the probes and the OpenAPI document need no token', async () => {
    const openapi = await fetch(`${agent.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    const document = (await openapi.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/agents/runs', '/conversations/{conversationId}', '/agent/v1/bot-config', '/agent/v1/chat/completions']));
    expect((await fetch(`${agent.url}/ready`)).status).toBe(200);
  });
});
