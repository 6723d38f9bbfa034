import type { Resolver } from '@astron/kit/egress';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startFakeMcp, type FakeMcp } from '@astron/testing/fake-mcp';
import { openTestGround, startTestLink, type LinkUnderTest, type TestGround } from '../test-harness.js';

let ground: TestGround;
let mcp: FakeMcp;
/** Reaches the fake MCP server on loopback because this file allows exactly that. */
let link: LinkUnderTest;
/** The default guard. */
let guarded: LinkUnderTest;
/** Reaches the fake MCP server only by the names mcp.test and rebind.test, never by its address; 16 KiB per response. */
let named: LinkUnderTest;
/** How often rebind.test was looked up: loopback (allowed by name) the first time, cloud metadata after. */
let rebindLookups = 0;
const namedResolver: Resolver = async (hostname) => {
  if (hostname === 'mcp.test') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'rebind.test') return [{ address: rebindLookups++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

beforeAll(async () => {
  ground = await openTestGround();
  mcp = await startFakeMcp();
  link = await startTestLink(ground, { env: { EGRESS_ALLOW_HOSTS: '127.0.0.1/32' } });
  guarded = await startTestLink(ground);
  named = await startTestLink(ground, { env: { EGRESS_ALLOW_HOSTS: 'mcp.test,rebind.test', LINK_MAX_RESPONSE_BYTES: '16384' }, resolver: namedResolver });
});

afterAll(async () => {
  await link?.stop();
  await guarded?.stop();
  await named?.stop();
  await mcp?.close();
  await ground?.close();
});

const register = async (body: Record<string, unknown>, on: LinkUnderTest = link) => {
  const created = await on.call('POST', '/link/v1/mcp/servers', { body: { name: 'Fake tools', ...body } });
  expect(created.status).toBe(201);
  return created.body;
};

describe('MCP servers over streamable HTTP', () => {
  test('register with credentials (sealed, masked), list the tools (cached), call them; the session is closed after each use', async () => {
    const server = await register({ url: `${mcp.origin}/mcp`, headers: { 'X-Team': 'team-7' }, bearerToken: 'mcp-bearer-secret' });
    expect(server).toMatchObject({ id: expect.stringMatching(/^mcp@[0-9a-f]{16}$/), transport: 'streamable-http', headers: { 'X-Team': '********' }, bearerToken: '********' });
    const row = await sql<{ credentials: string }>`select credentials from link.mcp_servers where id = ${server.id}`.execute(link.service.runtime.database.kysely);
    expect(row.rows[0]?.credentials).toMatch(/^v1\./);
    expect(row.rows[0]?.credentials).not.toContain('mcp-bearer-secret');

    const listed = await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`);
    expect(listed.status).toBe(200);
    expect(listed.body.cached).toBe(false);
    expect(listed.body.tools.map((tool: any) => tool.name)).toEqual(['add', 'shout', 'fail']);
    expect(listed.body.tools[0]).toMatchObject({ description: 'Adds two numbers', inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] } });
    const seen = mcp.hits.filter((hit) => hit.path === '/mcp');
    expect(seen.every((hit) => hit.headers.authorization === 'Bearer mcp-bearer-secret' && hit.headers['x-team'] === 'team-7')).toBe(true);
    // Our fetch declines the standalone GET stream locally: the server never sees a GET.
    expect(seen.map((hit) => hit.method)).not.toContain('GET');
    expect(mcp.sessions.opened).toBeGreaterThan(0);
    expect(mcp.sessions.closed).toBe(mcp.sessions.opened);

    const hits = mcp.hits.length;
    expect((await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`)).body.cached).toBe(true);
    expect(mcp.hits.length).toBe(hits);
    expect((await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools?refresh=true`)).body.cached).toBe(false);

    const added = await link.call('POST', `/link/v1/mcp/servers/${server.id}/call`, { body: { tool: 'add', arguments: { a: 2, b: 3 } } });
    expect(added.body).toEqual({ isError: false, content: [{ type: 'text', text: '5' }], structuredContent: { sum: 5 } });
    const failed = await link.call('POST', '/link/v1/mcp/call', { body: { serverId: server.id, tool: 'fail' } });
    expect(failed.body).toMatchObject({ serverId: server.id, tool: 'fail', isError: true, content: [{ type: 'text', text: 'it went wrong' }] });
    expect(await link.call('POST', '/link/v1/mcp/call', { body: { serverId: server.id, tool: 'add', arguments: { a: 'x' } } })).toMatchObject({ status: 200, body: { isError: true } });
    expect(await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`, { space: 'space_b' })).toMatchObject({ status: 404, body: { code: 'mcp_server_not_found' } });
    expect(await link.call('POST', '/link/v1/mcp/call', { body: { serverId: server.id, tool: 'add' }, space: 'space_b' })).toMatchObject({ status: 404 });
  });

  test('a stateless server answering JSON works the same; editing a server renews its cached tools', async () => {
    const server = await register({ url: `${mcp.origin}/mcp-json`, bearerToken: 'first' });
    expect((await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`)).body.tools).toHaveLength(3);
    expect((await link.call('POST', `/link/v1/mcp/servers/${server.id}/call`, { body: { tool: 'shout', arguments: { text: 'hi' } } })).body.content).toEqual([{ type: 'text', text: 'HI' }]);

    const kept = await link.call('PATCH', `/link/v1/mcp/servers/${server.id}`, { body: { headers: { 'X-Env': 'prod' }, bearerToken: '********' } });
    expect(kept.body).toMatchObject({ headers: { 'X-Env': '********' }, bearerToken: '********' });
    expect((await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`)).body.cached).toBe(false);
    expect(mcp.hits.at(-1)?.headers).toMatchObject({ authorization: 'Bearer first', 'x-env': 'prod' });
    const removed = await link.call('PATCH', `/link/v1/mcp/servers/${server.id}`, { body: { bearerToken: null } });
    expect(removed.body.bearerToken).toBeNull();
    await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`);
    expect(mcp.hits.at(-1)?.headers.authorization).toBeUndefined();
    expect((await link.call('GET', '/link/v1/mcp/servers')).body.items.map((item: any) => item.id)).toContain(server.id);
    expect((await link.call('DELETE', `/link/v1/mcp/servers/${server.id}`)).status).toBe(204);
  });

  test('describe gives the tools of several servers; one that fails reports its error in place', async () => {
    const good = await register({ url: `${mcp.origin}/mcp` });
    const missing = await register({ url: `${mcp.origin}/nothing-here` });
    const described = await link.call('POST', '/link/v1/mcp/describe', { body: { servers: [good.id, missing.id, 'mcp@0000'] } });
    expect(described.body.servers).toEqual([
      { serverId: good.id, name: 'Fake tools', tools: expect.arrayContaining([expect.objectContaining({ name: 'add' })]) },
      { serverId: missing.id, name: null, tools: [], error: { code: 'mcp_connect_failed', message: expect.stringContaining('404') } },
      { serverId: 'mcp@0000', name: null, tools: [], error: { code: 'mcp_server_not_found', message: 'MCP server mcp@0000 not found' } },
    ]);
  });
});

describe('MCP servers over the legacy SSE transport', () => {
  const streamsAllClosed = () => vi.waitFor(() => expect(mcp.eventStreams.closed).toBe(mcp.eventStreams.opened));

  test('register, list the tools, call them, here and through the original API; the event stream is closed after each use', async () => {
    const server = await register({ url: `${mcp.origin}/sse`, transport: 'sse', headers: { 'X-Team': 'team-7' }, bearerToken: 'sse-bearer' });
    expect(server).toMatchObject({ transport: 'sse', url: `${mcp.origin}/sse` });
    const opened = mcp.eventStreams.opened;
    const listed = await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`);
    expect(listed).toMatchObject({ status: 200, body: { cached: false } });
    expect(listed.body.tools.map((tool: any) => tool.name)).toEqual(['add', 'shout', 'fail']);
    expect(mcp.eventStreams.opened).toBe(opened + 1);
    await streamsAllClosed();

    const added = await link.call('POST', `/link/v1/mcp/servers/${server.id}/call`, { body: { tool: 'add', arguments: { a: 20, b: 22 } } });
    expect(added).toMatchObject({ status: 200, body: { isError: false, content: [{ type: 'text', text: '42' }], structuredContent: { sum: 42 } } });
    const sessionHits = mcp.hits.filter((hit) => hit.path === '/sse' || hit.path === '/messages');
    expect(new Set(sessionHits.map((hit) => `${hit.method} ${hit.path}`))).toEqual(new Set(['GET /sse', 'POST /messages']));
    expect(sessionHits.every((hit) => hit.headers.authorization === 'Bearer sse-bearer' && hit.headers['x-team'] === 'team-7')).toBe(true);

    const original = await link.call('POST', '/api/v1/mcp/tool_list', { body: { mcp_server_ids: [server.id] } });
    expect(original.body.data.servers).toEqual([{ server_id: server.id, server_status: 0, server_message: 'Success', tools: expect.arrayContaining([expect.objectContaining({ name: 'shout' })]) }]);
    const shouted = await link.call('POST', '/api/v1/mcp/call_tool', { body: { mcp_server_id: server.id, tool_name: 'shout', tool_args: { text: 'sse' } } });
    expect(shouted.body).toMatchObject({ code: 0, data: { isError: false, content: [{ type: 'text', text: 'SSE' }] } });
    await streamsAllClosed();
  });

  test('the announced POST endpoint is attacker-controlled: every way it points at a private address is refused', async () => {
    const origin = `http://mcp.test:${mcp.port}`;
    const honest = await register({ url: `${origin}/sse`, transport: 'sse' }, named);
    expect((await named.call('GET', `/link/v1/mcp/servers/${honest.id}/tools`)).body.tools).toHaveLength(3);

    const posts = () => mcp.hits.filter((hit) => hit.path === '/messages').length;
    const before = posts();
    const announcing = (endpoint: string) => register({ url: `${origin}/sse-announce?endpoint=${encodeURIComponent(endpoint)}`, transport: 'sse' }, named);
    // Same origin, so the SDK posts to it; the redirect to loopback is a hop the guard checks.
    const redirected = await announcing(`/redirect?to=${encodeURIComponent(`http://127.0.0.1:${mcp.port}/messages`)}`);
    const byRedirect = await named.call('GET', `/link/v1/mcp/servers/${redirected.id}/tools`);
    expect(byRedirect).toMatchObject({ status: 403, body: { code: 'egress_blocked', message: expect.stringContaining('refused 127.0.0.1 (loopback) for host 127.0.0.1') } });
    // Another origin is refused before any request.
    const elsewhere = await announcing(`http://127.0.0.1:${mcp.port}/messages`);
    expect(await named.call('GET', `/link/v1/mcp/servers/${elsewhere.id}/tools`)).toMatchObject({ status: 502, body: { code: 'mcp_connect_failed', message: expect.stringContaining('origin') } });
    // Same origin whose name now resolves to cloud metadata: the POST's own connection is vetted again.
    const rebinding = await register({ url: `http://rebind.test:${mcp.port}/sse`, transport: 'sse' }, named);
    const rebound = await named.call('POST', `/link/v1/mcp/servers/${rebinding.id}/call`, { body: { tool: 'add', arguments: { a: 1, b: 1 } } });
    expect(rebound).toMatchObject({ status: 403, body: { code: 'egress_blocked', message: expect.stringContaining('refused 169.254.169.254 (cloud metadata) for host rebind.test') } });
    expect(posts()).toBe(before);
    await streamsAllClosed();
  });

  test('an event stream past the response cap ends the session at once with 413, not at the MCP timeout', async () => {
    const flooding = await register({ url: `http://mcp.test:${mcp.port}/sse-announce?endpoint=/sink&flood=32768`, transport: 'sse' }, named);
    const started = Date.now();
    const answer = await named.call('GET', `/link/v1/mcp/servers/${flooding.id}/tools`);
    expect(answer).toMatchObject({ status: 413, body: { code: 'egress_response_too_large', message: expect.stringContaining('16384 bytes') } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(mcp.hits.some((hit) => hit.method === 'POST' && hit.path === '/sink')).toBe(true);
    await streamsAllClosed();
  });
});

describe('what is never done', () => {
  test('a private address is refused by the default guard, and the server sees nothing', async () => {
    const server = await register({ url: `${mcp.origin}/mcp` }, guarded);
    const hits = mcp.hits.length;
    expect(await guarded.call('GET', `/link/v1/mcp/servers/${server.id}/tools`)).toMatchObject({ status: 403, body: { code: 'egress_blocked' } });
    expect(await guarded.call('POST', `/link/v1/mcp/servers/${server.id}/call`, { body: { tool: 'add', arguments: { a: 1, b: 1 } } })).toMatchObject({ status: 403 });
    expect(mcp.hits.length).toBe(hits);
  });

  test('no local (stdio) servers: such a transport or a command is refused', async () => {
    const stdio = await link.call('POST', '/link/v1/mcp/servers', { body: { name: 'x', url: 'https://mcp.example.com/mcp', transport: 'stdio' } });
    expect(stdio).toMatchObject({ status: 400, body: { code: 'validation_failed', message: expect.stringContaining('never a local (stdio) command') } });
    const command = await link.call('POST', '/link/v1/mcp/servers', { body: { name: 'x', url: 'https://mcp.example.com/mcp', command: 'rm', args: ['-rf', '/'] } });
    expect(command).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((await link.call('POST', '/link/v1/mcp/servers', { body: { name: 'x', url: 'file:///bin/sh' } })).status).toBe(400);
  });

  test('an SSE server on a private address is refused by the default guard before its event stream opens', async () => {
    const server = await register({ url: `${mcp.origin}/sse`, transport: 'sse' }, guarded);
    const hits = mcp.hits.length;
    const refused = await guarded.call('GET', `/link/v1/mcp/servers/${server.id}/tools`);
    expect(refused).toMatchObject({ status: 403, body: { code: 'egress_blocked', message: expect.stringContaining('refused 127.0.0.1 (loopback)') } });
    expect(await guarded.call('POST', '/link/v1/mcp/call', { body: { serverId: server.id, tool: 'add', arguments: { a: 1, b: 1 } } })).toMatchObject({ status: 403 });
    expect(mcp.hits.length).toBe(hits);
  });
});
