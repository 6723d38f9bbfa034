import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dropNamespace, openDatabase } from '@astron/kit/db';
import { testServers, uniqueName } from '@astron/testing/servers';
import { echoDocument, swaggerYaml } from '../../testing/documents.js';
import { startFakeMcp, type FakeMcp } from '@astron/testing/fake-mcp';
import { startFakeTarget, type FakeTarget } from '@astron/testing/fake-target';
import { base64, openTestGround, startTestLink, type LinkUnderTest, type TestGround } from '../../test-harness.js';

/** The original core-link kept its tools in MySQL: this file runs the compatible API on MariaDB. */
const { mysql } = testServers;
const databaseName = uniqueName('link');

let ground: TestGround;
let link: LinkUnderTest;
let target: FakeTarget;
let mcp: FakeMcp;

beforeAll(async () => {
  ground = await openTestGround({ embeddedDatabase: false });
  target = await startFakeTarget();
  mcp = await startFakeMcp();
  link = await startTestLink(ground, {
    env: { MYSQL_HOST: mysql.host, MYSQL_PORT: String(mysql.port), MYSQL_USER: mysql.user, MYSQL_PASSWORD: mysql.password, MYSQL_DB: databaseName, EGRESS_ALLOW_HOSTS: '127.0.0.1/32' },
  });
});

afterAll(async () => {
  await link?.stop();
  const database = await openDatabase({ kind: 'mysql', host: mysql.host, port: mysql.port, user: mysql.user, password: mysql.password, namespace: databaseName, pool: { maxOpen: 1, maxIdle: 0 } });
  await dropNamespace(database);
  await database.close();
  await target?.close();
  await mcp?.close();
  await ground?.close();
});

const createTool = async (document: unknown, schemaType: 0 | 1 = 0, name = 'Echo tool') => {
  const created = await link.call('POST', '/api/v1/tools/versions', {
    body: { header: { app_id: 'app_1' }, payload: { tools: [{ name, description: 'echoes', schema_type: schemaType, openapi_schema: base64(document) }] } },
  });
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({ code: 0, message: 'Success', sid: expect.any(String), data: { tools: [{ name, id: expect.stringMatching(/^tool@[0-9a-f]+$/), version: 'V1.0' }] } });
  return created.body.data.tools[0].id as string;
};

const httpRun = (toolId: string, operationId: string, message: Record<string, unknown>, version?: string) =>
  link.call('POST', '/api/v1/tools/http_run', {
    body: { header: { app_id: 'app_1', uid: 'u1' }, parameter: { tool_id: toolId, operation_id: operationId, ...(version === undefined ? {} : { version }) }, payload: { message: Object.fromEntries(Object.entries(message).map(([key, value]) => [key, base64(value)])) } },
  });

describe('the original tool API (/api/v1/tools/versions, http_run)', () => {
  test('create at V1.0 (base64 JSON or YAML), read the schema back, run with base64 parts', async () => {
    const id = await createTool(echoDocument(target.origin));
    expect(await createTool(swaggerYaml, 1, 'Weather')).toMatch(/^tool@/);
    const read = await link.call('GET', `/api/v1/tools/versions?app_id=app_1&tool_ids=${id}&versions=V1.0`);
    expect(read.body).toMatchObject({ code: 0, data: { tools: [{ id, name: 'Echo tool', description: 'echoes', version: 'V1.0' }] } });
    expect(JSON.parse(read.body.data.tools[0].schema)).toEqual(echoDocument(target.origin));

    const run = await httpRun(id, 'updateItem', { header: { 'X-Request-Tag': 't1', 'X-Extra': 'kept' }, path: { itemId: '42' }, query: { tags: 'a', page: 2 }, body: { title: 'Hi' } }, 'V1.0');
    expect(run.status).toBe(200);
    expect(run.body.header).toEqual({ code: 0, message: 'Success', sid: expect.any(String) });
    const echoed = JSON.parse(run.body.payload.text.text);
    expect(echoed).toMatchObject({ method: 'POST', url: '/echo/items/42?tags=a&page=2', headers: { 'x-request-tag': 't1', 'x-extra': 'kept' } });
    expect(JSON.parse(echoed.body)).toEqual({ title: 'Hi' });
    // No version: the latest; a text answer is JSON text of the string, as the original.
    expect((await httpRun(id, 'getText', {})).body.payload.text.text).toBe('"plain words"');
  });

  test('add versions with PUT; versions never change; delete one or the whole tool', async () => {
    const id = await createTool(echoDocument(target.origin));
    const changed = { ...echoDocument(target.origin), info: { title: 'Echo 2', version: '2' } };
    const put = await link.call('PUT', '/api/v1/tools/versions', { body: { header: { app_id: 'app_1' }, payload: { tools: [{ id, version: 'V2.0', name: 'Echo tool 2', schema_type: 0, openapi_schema: base64(changed) }] } } });
    expect(put.body).toMatchObject({ code: 0, data: { result: 'Success' } });
    const both = await link.call('GET', `/api/v1/tools/versions?app_id=app_1&tool_ids=${id}&tool_ids=${id}&versions=V1.0&versions=V2.0`);
    expect(both.body.data.tools.map((tool: any) => [tool.version, tool.name, JSON.parse(tool.schema).info.title])).toEqual([
      ['V1.0', 'Echo tool', 'Echo'],
      ['V2.0', 'Echo tool 2', 'Echo 2'],
    ]);
    const again = await link.call('PUT', '/api/v1/tools/versions', { body: { header: { app_id: 'app_1' }, payload: { tools: [{ id, version: 'V2.0', name: 'x' }] } } });
    expect(again).toMatchObject({ status: 409, body: { code: 30100, message: expect.stringContaining('V2.0'), data: {} } });
    expect((await link.call('DELETE', `/api/v1/tools/versions?app_id=app_1&tool_ids=${id}&versions=V2.0`)).body.code).toBe(0);
    expect(await link.call('GET', `/api/v1/tools/versions?app_id=app_1&tool_ids=${id}&versions=V2.0`)).toMatchObject({ status: 404, body: { code: 30501 } });
    expect((await link.call('DELETE', `/api/v1/tools/versions?app_id=app_1&tool_ids=${id}`)).body.code).toBe(0);
    expect(await link.call('GET', `/api/v1/tools/versions?app_id=app_1&tool_ids=${id}&versions=V1.0`)).toMatchObject({ status: 404, body: { code: 30500 } });
  });

  test('failures keep the envelope with the original codes and a real status', async () => {
    const id = await createTool(echoDocument(target.origin));
    const invalid = await link.call('POST', '/api/v1/tools/versions', { body: { payload: { tools: [] } } });
    expect(invalid).toMatchObject({ status: 400, body: { code: 30201, message: expect.stringContaining('header'), data: {} } });
    const badDocument = await link.call('POST', '/api/v1/tools/versions', { body: { header: { app_id: 'a' }, payload: { tools: [{ name: 'n', description: 'd', schema_type: 0, openapi_schema: base64({ openapi: '3.0.0' }) }] } } });
    expect(badDocument).toMatchObject({ status: 422, body: { code: 30300 } });
    expect(await httpRun('tool@ffff', 'getText', {})).toMatchObject({ status: 404, body: { header: { code: 30500 }, payload: {} } });
    expect(await httpRun(id, 'nothing', {})).toMatchObject({ status: 404, body: { header: { code: 30600 } } });
    expect(await httpRun(id, 'fail', {})).toMatchObject({ status: 502, body: { header: { code: 30403, message: expect.stringContaining('500') } } });
    const notBase64 = await link.call('POST', '/api/v1/tools/http_run', { body: { header: { app_id: 'a' }, parameter: { tool_id: id, operation_id: 'getText' }, payload: { message: { query: '%%%' } } } });
    expect(notBase64).toMatchObject({ status: 400, body: { header: { code: 30201 } } });
    expect(await link.call('GET', `/api/v1/tools/versions?app_id=app_1&tool_ids=${id}&versions=V1.0`, { space: 'space_b' })).toMatchObject({ status: 404, body: { code: 30500 } });
    expect((await link.call('GET', `/api/v1/tools/versions?tool_ids=${id}&versions=V1.0`, { anonymous: true })).status).toBe(401);
  });

  test('tool_debug sends a request to any server through the guard', async () => {
    const debug = await link.call('POST', '/api/v1/tools/tool_debug', { body: { server: `${target.origin}/echo/things/{thingId}`, method: 'POST', path: { thingId: 'x y' }, query: { a: 1 }, header: { 'X-A': 'b' }, body: { k: 'v' }, openapi_schema: '{}' } });
    expect(debug.body.header.code).toBe(0);
    expect(JSON.parse(debug.body.payload.text.text)).toMatchObject({ url: '/echo/things/x%20y?a=1', headers: { 'x-a': 'b' }, body: '{"k":"v"}' });
    const metadata = await link.call('POST', '/api/v1/tools/tool_debug', { body: { server: 'http://169.254.169.254/latest/meta-data', method: 'GET', path: {}, query: {}, header: {}, body: {} } });
    expect(metadata).toMatchObject({ status: 403, body: { header: { code: 30203 } } });
  });

  test('the deprecated /api/v1/tools: create, read the latest, update (a new version), delete', async () => {
    const created = await link.call('POST', '/api/v1/tools', { body: { header: { app_id: 'app_1' }, payload: { tools: [{ name: 'Old style', description: 'd', schema_type: 1, openapi_schema: base64(swaggerYaml) }] } } });
    const id = created.body.data.tools[0].id;
    expect(created.body.data.tools).toEqual([{ name: 'Old style', id }]);
    const updated = await link.call('PUT', '/api/v1/tools', { body: { header: { app_id: 'app_1' }, payload: { tools: [{ id, description: 'changed' }] } } });
    expect(updated.body).toMatchObject({ code: 0, data: {} });
    expect((await link.call('GET', `/api/v1/tools?app_id=app_1&tool_ids=${id}`)).body.data.tools).toEqual([{ name: 'Old style', description: 'changed', id, schema: expect.stringContaining('Weather') }]);
    expect((await link.call('DELETE', `/api/v1/tools?app_id=app_1&tool_ids=${id}`)).body.code).toBe(0);
    expect((await link.call('GET', `/api/v1/tools?app_id=app_1&tool_ids=${id}`)).body.code).toBe(30500);
  });
});

describe('the original MCP API (/api/v1/mcp/tool_list, call_tool)', () => {
  test('servers by id or URL, each with its own status; calls by id or URL', async () => {
    const registered = await link.call('POST', '/link/v1/mcp/servers', { body: { name: 'Fake', url: `${mcp.origin}/mcp` } });
    const serverId = registered.body.id;
    const listed = await link.call('POST', '/api/v1/mcp/tool_list', { body: { mcp_server_ids: [serverId, 'mcp@0000'], mcp_server_urls: [`${mcp.origin}/mcp-json`, 'http://169.254.169.254/mcp'] } });
    expect(listed.body).toMatchObject({ code: 0, message: 'Success' });
    expect(listed.body.data.servers).toEqual([
      { server_id: serverId, server_status: 0, server_message: 'Success', tools: expect.arrayContaining([{ name: 'add', description: 'Adds two numbers', inputSchema: expect.objectContaining({ type: 'object' }) }]) },
      { server_id: 'mcp@0000', server_status: 30702, server_message: 'MCP server mcp@0000 not found', tools: [] },
      { server_url: `${mcp.origin}/mcp-json`, server_status: 0, server_message: 'Success', tools: expect.any(Array) },
      { server_url: 'http://169.254.169.254/mcp', server_status: 30203, server_message: expect.stringContaining('169.254.169.254'), tools: [] },
    ]);
    const byId = await link.call('POST', '/api/v1/mcp/call_tool', { body: { mcp_server_id: serverId, tool_name: 'add', tool_args: { a: 1, b: 2 } } });
    expect(byId.body).toMatchObject({ code: 0, data: { isError: false, content: [{ type: 'text', text: '3' }] } });
    const byUrl = await link.call('POST', '/api/v1/mcp/call_tool', { body: { mcp_server_url: `${mcp.origin}/mcp-json`, tool_name: 'shout', tool_args: { text: 'a' } } });
    expect(byUrl.body.data.content).toEqual([{ type: 'text', text: 'A' }]);
    expect(await link.call('POST', '/api/v1/mcp/call_tool', { body: { tool_name: 'add' } })).toMatchObject({ status: 400, body: { code: 30201 } });
    expect(await link.call('POST', '/api/v1/mcp/call_tool', { body: { mcp_server_url: 'http://10.0.0.1/mcp', tool_name: 'add' } })).toMatchObject({ status: 403, body: { code: 30203, data: {} } });
  });

  test('transport: a legacy SSE server by URL is spoken to over SSE when asked, and found by auto; streamable_http alone fails', async () => {
    const sse = `${mcp.origin}/sse`;
    const list = (wanted?: string) => link.call('POST', '/api/v1/mcp/tool_list', { body: { mcp_server_urls: [sse], ...(wanted === undefined ? {} : { transport: wanted }) } });
    for (const wanted of ['sse', 'auto', undefined]) {
      const [server] = (await list(wanted)).body.data.servers;
      expect(server, String(wanted)).toMatchObject({ server_url: sse, server_status: 0 });
      expect(server.tools.map((tool: { name: string }) => tool.name)).toContain('add');
    }
    const [strict] = (await list('streamable_http')).body.data.servers;
    expect(strict.server_status).not.toBe(0);
    expect(strict.tools).toEqual([]);
    const called = await link.call('POST', '/api/v1/mcp/call_tool', { body: { mcp_server_url: sse, transport: 'auto', tool_name: 'add', tool_args: { a: 20, b: 22 } } });
    expect(called.body).toMatchObject({ code: 0, data: { isError: false, content: [{ type: 'text', text: '42' }] } });
    expect(await link.call('POST', '/api/v1/mcp/tool_list', { body: { mcp_server_urls: [sse], transport: 'websocket' } })).toMatchObject({ status: 400, body: { code: 30201, message: expect.stringContaining('transport') } });
    // The fallback never turns a refused address into a second try: the guard's 403 stands.
    expect(await link.call('POST', '/api/v1/mcp/call_tool', { body: { mcp_server_url: 'http://10.0.0.1/sse', transport: 'auto', tool_name: 'add' } })).toMatchObject({ status: 403, body: { code: 30203 } });
  });
});
