import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startToolServices, type ToolServices } from './tool-services.js';

let services: ToolServices;

beforeAll(async () => {
  services = await startToolServices();
}, 120_000);
afterAll(async () => {
  await services?.close();
});
beforeEach(() => services.fake.reset());

const run = (tools: unknown[], space = 'space_a') =>
  services.agent.call('POST', '/agents/runs', {
    space,
    user: 'usr_ada',
    body: {
      definition: { instructions: 'You help.', tools, strategy: 'function-calling' },
      model: { baseUrl: services.fake.url, apiKey: 'sk-test', model: 'fake-chat' },
      messages: [{ role: 'user', content: 'Go' }],
    },
  });

/** The run is refused with 409 tool_unavailable naming the tool, before the model is asked anything. */
async function expectUnavailable(tool: Record<string, unknown>, expected: { cause?: Record<string, unknown>; message?: RegExp }, space = 'space_a') {
  const answer = await run([tool], space);
  expect(answer.status, answer.text).toBe(409);
  expect(answer.body).toMatchObject({ code: 'tool_unavailable', details: { tool: tool.name, provider: tool.provider, ...(expected.cause ? { cause: expected.cause } : {}) } });
  expect(answer.body.message).toMatch(new RegExp(`^tool ${String(tool.name)}: `));
  if (expected.message) expect(answer.body.message).toMatch(expected.message);
  expect(services.fake.requests).toHaveLength(0);
}

const plugin = (options: Record<string, unknown>) => ({ name: 'weather', provider: 'link', options: { toolId: services.seeded.weatherToolId, operationId: 'getWeather', ...options } });

describe('tools that cannot be offered refuse the run before the model is asked', () => {
  test('a plugin that is gone, unpublished, without the operation or version, or of another space', async () => {
    await expectUnavailable(plugin({ toolId: 'tool@0000000000000000' }), { cause: { code: 'tool_not_found', status: 404 } });
    await expectUnavailable(plugin({ toolId: services.seeded.draftToolId }), { cause: { code: 'tool_not_published', status: 409 }, message: /publish it/ });
    await expectUnavailable(plugin({ operationId: 'getForecast' }), { cause: { code: 'operation_not_found' }, message: /operation getForecast/ });
    await expectUnavailable(plugin({ version: 'v7' }), { cause: { code: 'tool_version_not_found' } });
    await expectUnavailable(plugin({}), { cause: { code: 'tool_not_found' } }, 'space_b');
  });

  test('an MCP tool the server lacks, a server that cannot be reached, or of another space', async () => {
    const { mcpServerId, deadMcpServerId } = services.seeded;
    await expectUnavailable({ name: 'mcp_fake_nope', provider: 'mcp', options: { serverId: mcpServerId, tool: 'nope' } }, { message: /offers add, shout, fail/ });
    await expectUnavailable({ name: 'mcp_dead_add', provider: 'mcp', options: { serverId: deadMcpServerId, tool: 'add' } }, { message: /ECONNREFUSED \(egress_connect_failed\)/ });
    await expectUnavailable({ name: 'mcp_fake_add', provider: 'mcp', options: { serverId: mcpServerId, tool: 'add' } }, { message: /mcp_server_not_found/ }, 'space_b');
  });

  test('a database of another space or none; an AI tool without its model, or unknown', async () => {
    const shop = { name: 'query_shop', provider: 'memory', options: { databaseId: services.seeded.shopDatabaseId } };
    await expectUnavailable(shop, { cause: { status: 404 } }, 'space_b');
    await expectUnavailable({ ...shop, options: { databaseId: 987654 } }, { cause: { status: 404 } });
    await expectUnavailable({ name: 'translation', provider: 'aitools', options: { tool: 'translation', models: { chat: null } } }, { message: /no chat model is configured/ });
    await expectUnavailable({ name: 'teleport', provider: 'aitools', options: { tool: 'teleport', models: {} } }, { message: /there is no such tool; AI tools: .*translation/ });
  });

  test('options the hub did not build right are a 400 naming the tool and the field', async () => {
    const answer = await run([{ name: 'weather', provider: 'link', options: { operationId: 'getWeather' } }]);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_tool_options', details: { tool: 'weather', provider: 'link' } });
    expect(answer.body.message).toMatch(/^tool weather: invalid link tool options: options\.toolId/);
    const database = await run([{ name: 'query_shop', provider: 'memory', options: { databaseId: 'shop' } }]);
    expect(database.body).toMatchObject({ code: 'invalid_tool_options', message: expect.stringContaining('options.databaseId') });
  });
});

describe('no run waits forever on another service', () => {
  let silent: Server;
  let silentUrl: string;
  beforeAll(async () => {
    // Accepts every request and never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  test('a service that is down, or silent past AGENT_TOOL_DESCRIBE_TIMEOUT_MS, is a 409 naming the tool', async () => {
    const { config } = services.agent;
    const saved = { linkUrl: config.linkUrl, memoryUrl: config.memoryUrl, timeoutMs: config.limits.toolDescribeTimeoutMs };
    try {
      config.linkUrl = 'http://127.0.0.1:9';
      await expectUnavailable(plugin({}), { cause: { code: 'unavailable', status: 503 }, message: /could not reach http:\/\/127\.0\.0\.1:9/ });
      config.memoryUrl = silentUrl;
      config.limits.toolDescribeTimeoutMs = 300;
      const started = Date.now();
      await expectUnavailable({ name: 'query_shop', provider: 'memory', options: { databaseId: 1 } }, { cause: { code: 'timeout' }, message: /did not answer within 300 ms \(AGENT_TOOL_DESCRIBE_TIMEOUT_MS\)/ });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      Object.assign(config, { linkUrl: saved.linkUrl, memoryUrl: saved.memoryUrl });
      config.limits.toolDescribeTimeoutMs = saved.timeoutMs;
    }
  });

  test('a call slower than AGENT_TOOL_TIMEOUT_MS ends and the model reads why', async () => {
    const { limits } = services.agent.config;
    const saved = limits.toolTimeoutMs;
    limits.toolTimeoutMs = 400;
    try {
      services.fake.script([{ toolCalls: [{ id: 'call_slow', name: 'slow', arguments: {} }] }, { content: 'The station is slow.' }]);
      const started = Date.now();
      const answer = await run([{ ...plugin({ operationId: 'getSlowly' }), name: 'slow' }]);
      expect(answer.status, answer.text).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(answer.body.astron.steps[1]).toMatchObject({ type: 'tool_result', name: 'slow', error: 'Error: the tool slow timed out after 400 ms' });
      expect(answer.body.choices[0].message.content).toBe('The station is slow.');
    } finally {
      limits.toolTimeoutMs = saved;
    }
  });
});
