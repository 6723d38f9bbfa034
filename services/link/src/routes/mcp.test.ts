import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeMcp, type FakeMcp } from '../testing/fake-mcp.js';
import { openTestGround, startTestLink, type LinkUnderTest, type TestGround } from '../test-harness.js';

let ground: TestGround;
let mcp: FakeMcp;
/** Reaches the fake MCP server on loopback because this file allows exactly that. */
let link: LinkUnderTest;
/** The default guard. */
let guarded: LinkUnderTest;

beforeAll(async () => {
  ground = await openTestGround();
  mcp = await startFakeMcp();
  link = await startTestLink(ground, { env: { EGRESS_ALLOW_HOSTS: '127.0.0.1/32' } });
  guarded = await startTestLink(ground);
});

afterAll(async () => {
  await link?.stop();
  await guarded?.stop();
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

  test('the legacy SSE transport is registered but not opened: 501, and the SSE server sees no request', async () => {
    const server = await register({ url: `${mcp.origin}/sse`, transport: 'sse' });
    const hits = mcp.hits.length;
    expect(await link.call('GET', `/link/v1/mcp/servers/${server.id}/tools`)).toMatchObject({ status: 501, body: { code: 'mcp_transport_unavailable' } });
    expect(await link.call('POST', '/link/v1/mcp/call', { body: { serverId: server.id, tool: 'add' } })).toMatchObject({ status: 501 });
    expect(mcp.hits.length).toBe(hits);
  });
});
