import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chain, edge, flow, inputId, literal, node, ref } from './test-flows.js';
import { startTestEngine, type EngineUnderTest } from './test-harness.js';

let engine: EngineUnderTest;
let api: Server;
let apiUrl: string;
const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
let failuresBeforeSuccess = 0;

beforeAll(async () => {
  engine = await startTestEngine();
  api = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      if (request.url?.startsWith('/flaky') && failuresBeforeSuccess > 0) {
        failuresBeforeSuccess -= 1;
        response.writeHead(503).end('busy');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json', 'x-trace': 'abc' }).end(JSON.stringify({ echo: body, path: request.url }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await new Promise((resolve) => api?.close(resolve));
});

describe('transform and tool nodes', () => {
  test('template-transform renders Liquid with loops and filters; a broken template fails with its message', async () => {
    const start = node('node-start', { outputs: ['items'] });
    const render = node('template-transform', { inputs: { items: ref(start.id, 'items') }, param: { template: '{% for item in items %}{{ item.name | upcase }}{% unless forloop.last %}, {% endunless %}{% endfor %}' } });
    const end = node('node-end', { inputs: { text: ref(render.id, 'output') } });
    const ok = await engine.runToEnd({ workflow: flow([start, render, end], chain(start, render, end)) }, { items: [{ name: 'tea' }, { name: 'milk' }] });
    expect(ok.run.outputs).toEqual({ text: 'TEA, MILK' });

    const broken = node('template-transform', { param: { template: '{% for x in %}' } });
    const failed = await engine.runToEnd({ workflow: flow([start, broken, end], chain(start, broken, end)) }, { items: [] });
    expect(failed.run).toMatchObject({ status: 'failed', error: { code: 'template_invalid' } });
  });

  test('variable-aggregator takes the branch that ran', async () => {
    const start = node('node-start', { outputs: ['vip'] });
    const check = node('if-else', { inputs: { vip: ref(start.id, 'vip') } });
    check.data.nodeParam = {
      cases: [
        { id: 'branch_one_of::vip', level: 1, logicalOperator: 'and', conditions: [{ leftVarIndex: inputId(check, 'vip'), compareOperator: 'not_empty' }] },
        { id: 'branch_one_of::else', level: 999, logicalOperator: 'and', conditions: [] },
      ],
    };
    const gold = node('text-joiner', { outputs: ['output'], param: { prompt: 'gold service' } });
    const plain = node('text-joiner', { outputs: ['output'], param: { prompt: 'standard service' } });
    const join = node('variable-aggregator', { inputs: { a: ref(gold.id, 'output'), b: ref(plain.id, 'output') }, outputs: ['output'] });
    const end = node('node-end', { inputs: { service: ref(join.id, 'output') } });
    const workflow = flow([start, check, gold, plain, join, end], [edge(start, check), edge(check, gold, 'branch_one_of::vip'), edge(check, plain, 'branch_one_of::else'), edge(gold, join), edge(plain, join), edge(join, end)]);
    expect((await engine.runToEnd({ workflow }, { vip: 'yes' })).run.outputs).toEqual({ service: 'gold service' });
    expect((await engine.runToEnd({ workflow }, { vip: '' })).run.outputs).toEqual({ service: 'standard service' });
  });

  test('a loop passes its variables through its body until the break condition holds', async () => {
    const start = node('node-start', { outputs: ['limit'] });
    const loop = node('loop', { outputs: ['count', 'trail'] });
    const step = node('template-transform', { inputs: { count: ref(loop.id, 'count'), trail: ref(loop.id, 'trail') }, param: { template: '{{ count | plus: 1 }}' } });
    const mark = node('template-transform', { inputs: { trail: ref(loop.id, 'trail'), count: ref(loop.id, 'count') }, param: { template: '{{ trail }}{{ count }}.' } });
    step.parentId = loop.id;
    mark.parentId = loop.id;
    loop.data.inputs = [
      { id: 'var-count', name: 'count', schema: { type: 'integer', value: ref(step.id, 'output') } },
      { id: 'var-trail', name: 'trail', schema: { type: 'string', value: ref(mark.id, 'output') } },
      { id: 'var-limit', name: 'limit', schema: { type: 'integer', value: ref(start.id, 'limit') } },
    ];
    loop.data.nodeParam = { maxLoopCount: 10, breakCondition: { logicalOperator: 'and', conditions: [{ leftVarIndex: 'var-count', rightVarIndex: 'var-limit', compareOperator: 'ge' }] } };
    const end = node('node-end', { inputs: { count: ref(loop.id, 'count'), trail: ref(loop.id, 'trail') } });
    const workflow = flow([start, loop, step, mark, end], chain(start, loop, end));
    const result = await engine.runToEnd({ workflow }, { limit: 3 });
    // Passes see count null, "1", "2" (templates give text); the loop stops once count reaches 3.
    expect(result.run.outputs).toEqual({ count: '3', trail: '.1.2.' });
    expect(result.nodes.filter((item) => item.nodeId === step.id)).toHaveLength(3);

    const capped = await engine.runToEnd({ workflow }, { limit: 100 });
    expect(capped.run.outputs).toMatchObject({ count: '10' });
  });

  test('http-request renders its call, reports status, body and headers, retries a 5xx, and never reaches metadata addresses', async () => {
    const start = node('node-start', { outputs: ['who'] });
    const call = node('http-request', {
      inputs: { who: ref(start.id, 'who') },
      param: { method: 'POST', url: `${apiUrl}/greet/{{who}}`, params: [{ key: 'lang', value: 'fr' }], headers: [{ key: 'X-Caller', value: '{{who}}' }], body: { type: 'json', content: '{"name": "{{who}}"}' } },
    });
    const end = node('node-end', { inputs: { status: ref(call.id, 'status_code'), body: ref(call.id, 'body'), trace: ref(call.id, 'headers.x-trace') } });
    seen.length = 0;
    const result = await engine.runToEnd({ workflow: flow([start, call, end], chain(start, call, end)) }, { who: 'ada' });
    expect(result.run.outputs).toMatchObject({ status: 200, trace: 'abc' });
    expect(JSON.parse(result.run.outputs?.body as string)).toEqual({ echo: '{"name": "ada"}', path: '/greet/ada?lang=fr' });
    expect(seen[0]).toMatchObject({ method: 'POST', headers: { 'x-caller': 'ada', 'content-type': 'application/json', 'idempotency-key': `${result.id}:${call.id}` } });

    failuresBeforeSuccess = 2;
    const flaky = node('http-request', { param: { url: `${apiUrl}/flaky` }, retry: { should_retry: true, max_retries: 2 } });
    const flakyEnd = node('node-end', { inputs: { status: ref(flaky.id, 'status_code') } });
    expect((await engine.runToEnd({ workflow: flow([start, flaky, flakyEnd], chain(start, flaky, flakyEnd)) }, { who: 'x' })).run.outputs).toEqual({ status: 200 });

    const metadata = node('http-request', { param: { url: 'http://169.254.169.254/latest/meta-data/' } });
    const blocked = await engine.runToEnd({ workflow: flow([start, metadata, flakyEnd], chain(start, metadata, flakyEnd)) }, { who: 'x' });
    expect(blocked.run).toMatchObject({ status: 'failed', error: { code: 'egress_blocked', message: expect.stringContaining('169.254.169.254') } });
    const unparsable = node('http-request', { param: { url: 'not a url {{who}}' } });
    const bad = await engine.runToEnd({ workflow: flow([start, unparsable, flakyEnd], chain(start, unparsable, flakyEnd)) }, { who: 'x', extra: literal(1) });
    expect(bad.run).toMatchObject({ status: 'failed', error: { code: 'http_url_invalid' } });
  });

  test('conversation variables persist across runs of one chat, apart per chat; assigner appends, extends, clears', async () => {
    const start = node('node-start', { outputs: ['item'] });
    const remember = node('variable-assigner', {
      inputs: { item: ref(start.id, 'item'), many: literal(['x', 'y']) },
      param: { assignments: [{ variable: 'cart', operation: 'append', input: 'item' }, { variable: 'last', operation: 'overwrite', input: 'item' }] },
    });
    const read = node('node-variable', { outputs: ['cart', 'last', 'never'], param: { method: 'get' } });
    const end = node('node-end', { inputs: { cart: ref(read.id, 'cart'), last: ref(read.id, 'last'), never: ref(read.id, 'never') } });
    const workflow = flow([start, remember, read, end], chain(start, remember, read, end));
    expect((await engine.runToEnd({ workflow, chatId: 'chat-1' }, { item: 'tea' })).run.outputs).toEqual({ cart: ['tea'], last: 'tea', never: null });
    expect((await engine.runToEnd({ workflow, chatId: 'chat-1' }, { item: 'milk' })).run.outputs).toEqual({ cart: ['tea', 'milk'], last: 'milk', never: null });
    expect((await engine.runToEnd({ workflow, chatId: 'chat-2' }, { item: 'salt' })).run.outputs).toEqual({ cart: ['salt'], last: 'salt', never: null });

    const store = node('node-variable', { inputs: { mood: ref(start.id, 'item') }, param: { method: 'set' } });
    const extend = node('variable-assigner', { inputs: { many: literal(['x', 'y']) }, param: { assignments: [{ variable: 'cart', operation: 'extend', input: 'many' }, { variable: 'last', operation: 'clear' }] } });
    const readAgain = node('node-variable', { outputs: ['cart', 'last', 'mood'], param: { method: 'get' } });
    const endAgain = node('node-end', { inputs: { cart: ref(readAgain.id, 'cart'), last: ref(readAgain.id, 'last'), mood: ref(readAgain.id, 'mood') } });
    const second = flow([start, store, extend, readAgain, endAgain], chain(start, store, extend, readAgain, endAgain));
    expect((await engine.runToEnd({ workflow: second, chatId: 'chat-1' }, { item: 'happy' })).run.outputs).toEqual({ cart: ['tea', 'milk', 'x', 'y'], last: null, mood: 'happy' });
  });

  test('knowledge nodes in a process without the knowledge service say so', async () => {
    const start = node('node-start', { outputs: ['question'] });
    const search = node('knowledge-pro-base', { alias: 'Deep search', inputs: { query: ref(start.id, 'question') }, param: { model: 'fake/chat', repoIds: ['kb_1'] } });
    const end = node('node-end');
    const result = await engine.runToEnd({ workflow: flow([start, search, end], chain(start, search, end)) }, { question: 'refunds?' });
    expect(result.run).toMatchObject({ status: 'failed', error: { code: 'knowledge_unavailable', message: 'Deep search needs the knowledge service, which this process cannot reach' } });
  });

  test('plugin and database nodes in a process without the link and memory services say so', async () => {
    const start = node('node-start');
    const call = node('plugin', { alias: 'Call a tool', param: { pluginId: 'tool@ab', operationId: 'op' } });
    const query = node('database', { alias: 'Query', param: { dbId: 3, mode: 0, sql: 'SELECT 1' } });
    const end = node('node-end');
    const called = await engine.runToEnd({ workflow: flow([start, call, end], chain(start, call, end)) });
    expect(called.run).toMatchObject({ status: 'failed', error: { code: 'tool_unavailable', message: 'Call a tool needs the link service, which this process cannot reach' } });
    const queried = await engine.runToEnd({ workflow: flow([start, query, end], chain(start, query, end)) });
    expect(queried.run).toMatchObject({ status: 'failed', error: { code: 'database_unavailable', message: 'Query needs the memory service, which this process cannot reach' } });
  });
});
