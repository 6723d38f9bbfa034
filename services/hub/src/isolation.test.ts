import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from './test-harness.js';
import { SESSION_COOKIE } from './auth/sessions.js';
import { greetingDocument } from './plugins/test-harness.js';
import { askingFlow } from './workflows/test-flows.js';

/**
 * Issue 3, point 3: two people, each the owner of a team space full of data. B calls every
 * id-taking route of the hub with A's ids; every call is refused as "not found", and A's data,
 * read before and after, has not changed. The routes come from the hub itself (GET /openapi.json):
 * a new route with a path parameter fails this test until it is added to `pathRoutes`.
 */

interface SpaceData {
  owner: Browser;
  spaceId: string;
  memberId: string;
  invitationId: string;
  providerId: string;
  apiKeyId: string;
  apiKey: string;
  agentId: string;
  /** A debug chat of the agent (the fake model echoes the question). */
  conversationId: string;
  workflowId: string;
  /** Paused runs of the workflow: one started in the console (its owner is the person), one through the API (the key's app). */
  consoleRunId: string;
  apiRunId: string;
  /** A knowledge base with a ready document and one of its chunks. */
  kbId: string;
  documentId: string;
  chunkId: string;
  /** A published tool set (its API unreachable), an MCP server and a database with a table `items` holding one row. */
  toolSetId: string;
  serverId: string;
  databaseId: number;
  rowId: string;
  /** Strings only A's space holds: none may appear in an answer to B. */
  secrets: string[];
}

interface Call {
  method: string;
  path: string;
  body?: unknown;
  /** The 404 code of the route for a record it does not find (not_found unless it says otherwise). */
  notFound?: string;
  /** A CSV file sent as the body (text/csv) instead of JSON. */
  csv?: string;
}

/** Every route with a path parameter, by its OpenAPI method and path, and the calls that reach it with a space's ids. */
const pathRoutes: Record<string, (data: SpaceData, options: { attack: boolean }) => Call[]> = {
  // Agents first: later entries delete the provider their agent runs on.
  'GET /api/agents/{id}': (data) => [{ method: 'GET', path: `/api/agents/${data.agentId}` }],
  'PATCH /api/agents/{id}': (data) => [{ method: 'PATCH', path: `/api/agents/${data.agentId}`, body: { name: 'taken over' } }],
  'POST /api/agents/{id}/publish': (data) => [{ method: 'POST', path: `/api/agents/${data.agentId}/publish` }],
  'GET /api/agents/{id}/versions': (data) => [{ method: 'GET', path: `/api/agents/${data.agentId}/versions` }],
  'POST /api/agents/{id}/rollback': (data) => [{ method: 'POST', path: `/api/agents/${data.agentId}/rollback`, body: { version: 1 } }],
  'GET /api/agents/{id}/export': (data) => [{ method: 'GET', path: `/api/agents/${data.agentId}/export` }],
  'POST /api/agents/{id}/chat': (data) => [{ method: 'POST', path: `/api/agents/${data.agentId}/chat`, body: { messages: [{ role: 'user', content: 'hi' }] } }],
  'GET /api/agents/{id}/conversations': (data) => [{ method: 'GET', path: `/api/agents/${data.agentId}/conversations` }],
  'GET /api/agents/{id}/conversations/{conversationId}': (data) => [{ method: 'GET', path: `/api/agents/${data.agentId}/conversations/${data.conversationId}` }],
  'DELETE /api/agents/{id}/conversations/{conversationId}': (data) => [{ method: 'DELETE', path: `/api/agents/${data.agentId}/conversations/${data.conversationId}` }],
  'DELETE /api/agents/{id}': (data) => [{ method: 'DELETE', path: `/api/agents/${data.agentId}` }],
  // Workflows: their runs before the workflow is deleted; resume before cancel (the own-ids pass really resumes).
  'GET /api/workflows/{id}': (data) => [{ method: 'GET', path: `/api/workflows/${data.workflowId}` }],
  'PATCH /api/workflows/{id}': (data) => [{ method: 'PATCH', path: `/api/workflows/${data.workflowId}`, body: { name: 'taken over' } }],
  'POST /api/workflows/{id}/validate': (data) => [{ method: 'POST', path: `/api/workflows/${data.workflowId}/validate` }],
  'POST /api/workflows/{id}/publish': (data) => [{ method: 'POST', path: `/api/workflows/${data.workflowId}/publish` }],
  'GET /api/workflows/{id}/versions': (data) => [{ method: 'GET', path: `/api/workflows/${data.workflowId}/versions` }],
  'POST /api/workflows/{id}/rollback': (data) => [{ method: 'POST', path: `/api/workflows/${data.workflowId}/rollback`, body: { version: 1 } }],
  'GET /api/workflows/{id}/export': (data) => [{ method: 'GET', path: `/api/workflows/${data.workflowId}/export` }],
  'POST /api/workflows/{id}/runs': (data) => [{ method: 'POST', path: `/api/workflows/${data.workflowId}/runs`, body: { inputs: {} } }],
  'GET /api/workflows/{id}/runs': (data) => [{ method: 'GET', path: `/api/workflows/${data.workflowId}/runs` }],
  'GET /api/workflows/{id}/runs/{runId}': (data) => [{ method: 'GET', path: `/api/workflows/${data.workflowId}/runs/${data.consoleRunId}` }],
  'GET /api/workflows/{id}/runs/{runId}/events': (data) => [{ method: 'GET', path: `/api/workflows/${data.workflowId}/runs/${data.consoleRunId}/events` }],
  'POST /api/workflows/{id}/runs/{runId}/resume': (data) => [
    { method: 'POST', path: `/api/workflows/${data.workflowId}/runs/${data.consoleRunId}/resume`, body: { answer: 'taken over' } },
  ],
  'POST /api/workflows/{id}/runs/{runId}/cancel': (data) => [{ method: 'POST', path: `/api/workflows/${data.workflowId}/runs/${data.consoleRunId}/cancel` }],
  // The gateway, called with the other space's API key: a workflow it does not find is workflow_not_found.
  'POST /v1/workflows/{id}/runs': (data) => [{ method: 'POST', path: `/v1/workflows/${data.workflowId}/runs`, body: { inputs: {} }, notFound: 'workflow_not_found' }],
  'GET /v1/workflows/{id}/runs/{runId}': (data) => [{ method: 'GET', path: `/v1/workflows/${data.workflowId}/runs/${data.apiRunId}`, notFound: 'workflow_not_found' }],
  'GET /v1/workflows/{id}/runs/{runId}/events': (data) => [{ method: 'GET', path: `/v1/workflows/${data.workflowId}/runs/${data.apiRunId}/events`, notFound: 'workflow_not_found' }],
  'POST /v1/workflows/{id}/runs/{runId}/resume': (data) => [
    { method: 'POST', path: `/v1/workflows/${data.workflowId}/runs/${data.apiRunId}/resume`, body: { answer: 'taken over' }, notFound: 'workflow_not_found' },
  ],
  'POST /v1/workflows/{id}/runs/{runId}/cancel': (data) => [{ method: 'POST', path: `/v1/workflows/${data.workflowId}/runs/${data.apiRunId}/cancel`, notFound: 'workflow_not_found' }],
  'DELETE /api/workflows/{id}': (data) => [{ method: 'DELETE', path: `/api/workflows/${data.workflowId}` }],
  // Knowledge: chunks, then the document, then the base are deleted last. The event stream of one's own base stays
  // open (it follows ingestion), so only the refused read is tried.
  'GET /api/knowledge-bases/{kbId}': (data) => [{ method: 'GET', path: `/api/knowledge-bases/${data.kbId}` }],
  'PATCH /api/knowledge-bases/{kbId}': (data) => [{ method: 'PATCH', path: `/api/knowledge-bases/${data.kbId}`, body: { description: 'taken over' } }],
  'GET /api/knowledge-bases/{kbId}/events': (data, { attack }) => (attack ? [{ method: 'GET', path: `/api/knowledge-bases/${data.kbId}/events` }] : []),
  'POST /api/knowledge-bases/{kbId}/documents': (data) => [{ method: 'POST', path: `/api/knowledge-bases/${data.kbId}/documents`, body: { name: 'taken.txt', text: 'taken over' } }],
  'POST /api/knowledge-bases/{kbId}/documents/preview': (data) => [{ method: 'POST', path: `/api/knowledge-bases/${data.kbId}/documents/preview`, body: { name: 'taken.txt', text: 'taken over' } }],
  'GET /api/knowledge-bases/{kbId}/documents': (data) => [{ method: 'GET', path: `/api/knowledge-bases/${data.kbId}/documents` }],
  'GET /api/knowledge-bases/{kbId}/documents/{documentId}': (data) => [{ method: 'GET', path: `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}` }],
  'GET /api/knowledge-bases/{kbId}/documents/{documentId}/chunks': (data) => [{ method: 'GET', path: `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}/chunks` }],
  'POST /api/knowledge-bases/{kbId}/documents/{documentId}/chunks': (data) => [{ method: 'POST', path: `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}/chunks`, body: { content: 'taken over' } }],
  'PATCH /api/knowledge-bases/{kbId}/documents/{documentId}/chunks/{chunkId}': (data) => [
    { method: 'PATCH', path: `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}/chunks/${data.chunkId}`, body: { enabled: false } },
  ],
  'POST /api/knowledge-bases/{kbId}/retrieve': (data) => [{ method: 'POST', path: `/api/knowledge-bases/${data.kbId}/retrieve`, body: { query: 'tea' } }],
  'POST /v1/knowledge/{kbId}/retrieve': (data) => [{ method: 'POST', path: `/v1/knowledge/${data.kbId}/retrieve`, body: { query: 'tea' } }],
  'DELETE /api/knowledge-bases/{kbId}/documents/{documentId}/chunks/{chunkId}': (data) => [{ method: 'DELETE', path: `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}/chunks/${data.chunkId}` }],
  'POST /api/knowledge-bases/{kbId}/documents/{documentId}/reingest': (data) => [{ method: 'POST', path: `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}/reingest` }],
  'DELETE /api/knowledge-bases/{kbId}/documents/{documentId}': (data) => [{ method: 'DELETE', path: `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}` }],
  'DELETE /api/knowledge-bases/{kbId}': (data) => [{ method: 'DELETE', path: `/api/knowledge-bases/${data.kbId}` }],
  // Plugins (the link service; its own 404 codes): tool sets, then MCP servers, each deleted last.
  'GET /api/plugins/tool-sets/{toolSetId}': (data) => [{ method: 'GET', path: `/api/plugins/tool-sets/${data.toolSetId}`, notFound: 'tool_not_found' }],
  'PATCH /api/plugins/tool-sets/{toolSetId}': (data) => [{ method: 'PATCH', path: `/api/plugins/tool-sets/${data.toolSetId}`, body: { description: 'taken over' }, notFound: 'tool_not_found' }],
  'GET /api/plugins/tool-sets/{toolSetId}/document': (data) => [{ method: 'GET', path: `/api/plugins/tool-sets/${data.toolSetId}/document`, notFound: 'tool_not_found' }],
  'POST /api/plugins/tool-sets/{toolSetId}/versions': (data) => [{ method: 'POST', path: `/api/plugins/tool-sets/${data.toolSetId}/versions`, notFound: 'tool_not_found' }],
  'GET /api/plugins/tool-sets/{toolSetId}/versions': (data) => [{ method: 'GET', path: `/api/plugins/tool-sets/${data.toolSetId}/versions`, notFound: 'tool_not_found' }],
  'GET /api/plugins/tool-sets/{toolSetId}/versions/{version}': (data) => [{ method: 'GET', path: `/api/plugins/tool-sets/${data.toolSetId}/versions/v1`, notFound: 'tool_not_found' }],
  'POST /api/plugins/tool-sets/{toolSetId}/test-run': (data) => [{ method: 'POST', path: `/api/plugins/tool-sets/${data.toolSetId}/test-run`, body: { operationId: 'greetPerson', inputs: { name: 'x' } }, notFound: 'tool_not_found' }],
  'DELETE /api/plugins/tool-sets/{toolSetId}': (data) => [{ method: 'DELETE', path: `/api/plugins/tool-sets/${data.toolSetId}`, notFound: 'tool_not_found' }],
  'GET /api/plugins/mcp-servers/{serverId}': (data) => [{ method: 'GET', path: `/api/plugins/mcp-servers/${data.serverId}`, notFound: 'mcp_server_not_found' }],
  'PATCH /api/plugins/mcp-servers/{serverId}': (data) => [{ method: 'PATCH', path: `/api/plugins/mcp-servers/${data.serverId}`, body: { description: 'taken over' }, notFound: 'mcp_server_not_found' }],
  'GET /api/plugins/mcp-servers/{serverId}/tools': (data) => [{ method: 'GET', path: `/api/plugins/mcp-servers/${data.serverId}/tools`, notFound: 'mcp_server_not_found' }],
  'POST /api/plugins/mcp-servers/{serverId}/call': (data) => [{ method: 'POST', path: `/api/plugins/mcp-servers/${data.serverId}/call`, body: { tool: 'echo', arguments: {} }, notFound: 'mcp_server_not_found' }],
  'DELETE /api/plugins/mcp-servers/{serverId}': (data) => [{ method: 'DELETE', path: `/api/plugins/mcp-servers/${data.serverId}`, notFound: 'mcp_server_not_found' }],
  // Databases (the memory service; database_not_found): rows, columns and tables are deleted before the database.
  'GET /api/databases/{databaseId}': (data) => [{ method: 'GET', path: `/api/databases/${data.databaseId}`, notFound: 'database_not_found' }],
  'PATCH /api/databases/{databaseId}': (data) => [{ method: 'PATCH', path: `/api/databases/${data.databaseId}`, body: { description: 'taken over' }, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/clone': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/clone`, body: { name: 'taken over' }, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/publish': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/publish`, body: {}, notFound: 'database_not_found' }],
  'GET /api/databases/{databaseId}/describe': (data) => [{ method: 'GET', path: `/api/databases/${data.databaseId}/describe`, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/ddl': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/ddl`, body: { sql: 'create table taken_ddl (id bigserial primary key)' }, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/sql': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/sql`, body: { sql: 'select * from items', env: 'dev' }, notFound: 'database_not_found' }],
  'GET /api/databases/{databaseId}/tables': (data) => [{ method: 'GET', path: `/api/databases/${data.databaseId}/tables`, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/tables': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/tables`, body: { name: 'taken_table', columns: [{ name: 'x', type: 'string' }] }, notFound: 'database_not_found' }],
  'GET /api/databases/{databaseId}/tables/{table}': (data) => [{ method: 'GET', path: `/api/databases/${data.databaseId}/tables/items`, notFound: 'database_not_found' }],
  'PATCH /api/databases/{databaseId}/tables/{table}': (data) => [{ method: 'PATCH', path: `/api/databases/${data.databaseId}/tables/items`, body: { description: 'taken over' }, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/tables/{table}/columns': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/tables/items/columns`, body: { name: 'taken', type: 'string' }, notFound: 'database_not_found' }],
  'PATCH /api/databases/{databaseId}/tables/{table}/columns/{column}': (data) => [
    { method: 'PATCH', path: `/api/databases/${data.databaseId}/tables/items/columns/title`, body: { description: 'taken over' }, notFound: 'database_not_found' },
  ],
  'POST /api/databases/{databaseId}/tables/{table}/rows/query': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/tables/items/rows/query`, body: { env: 'dev' }, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/tables/{table}/rows': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/tables/items/rows`, body: { env: 'dev', rows: [{ title: 'taken over' }] }, notFound: 'database_not_found' }],
  'PATCH /api/databases/{databaseId}/tables/{table}/rows/{rowId}': (data) => [
    { method: 'PATCH', path: `/api/databases/${data.databaseId}/tables/items/rows/${data.rowId}`, body: { env: 'dev', values: { title: 'taken over' } }, notFound: 'database_not_found' },
  ],
  'POST /api/databases/{databaseId}/tables/{table}/import': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/tables/items/import`, csv: 'title\ntaken over\n', notFound: 'database_not_found' }],
  'GET /api/databases/{databaseId}/tables/{table}/export': (data) => [{ method: 'GET', path: `/api/databases/${data.databaseId}/tables/items/export`, notFound: 'database_not_found' }],
  'POST /api/databases/{databaseId}/tables/{table}/rows/delete': (data) => [{ method: 'POST', path: `/api/databases/${data.databaseId}/tables/items/rows/delete`, body: { env: 'dev', ids: [data.rowId] }, notFound: 'database_not_found' }],
  'DELETE /api/databases/{databaseId}/tables/{table}/columns/{column}': (data) => [{ method: 'DELETE', path: `/api/databases/${data.databaseId}/tables/items/columns/taken`, notFound: 'database_not_found' }],
  'DELETE /api/databases/{databaseId}/tables/{table}': (data) => [{ method: 'DELETE', path: `/api/databases/${data.databaseId}/tables/items`, notFound: 'database_not_found' }],
  'DELETE /api/databases/{databaseId}': (data) => [{ method: 'DELETE', path: `/api/databases/${data.databaseId}`, notFound: 'database_not_found' }],
  'PATCH /api/members/{userId}': (data, { attack }) =>
    (attack ? [data.owner.userId, data.memberId] : [data.memberId]).map((id) => ({ method: 'PATCH', path: `/api/members/${id}`, body: { role: 'viewer' } })),
  'DELETE /api/members/{userId}': (data, { attack }) =>
    (attack ? [data.owner.userId, data.memberId] : [data.memberId]).map((id) => ({ method: 'DELETE', path: `/api/members/${id}` })),
  'DELETE /api/invitations/{id}': (data) => [{ method: 'DELETE', path: `/api/invitations/${data.invitationId}` }],
  'GET /api/providers/{id}': (data) => [{ method: 'GET', path: `/api/providers/${data.providerId}` }],
  'PATCH /api/providers/{id}': (data) => [{ method: 'PATCH', path: `/api/providers/${data.providerId}`, body: { name: 'taken over', apiKey: null } }],
  'POST /api/providers/{id}/test': (data) => [{ method: 'POST', path: `/api/providers/${data.providerId}/test` }],
  'POST /api/providers/{id}/models/refresh': (data) => [{ method: 'POST', path: `/api/providers/${data.providerId}/models/refresh` }],
  'DELETE /api/providers/{id}': (data) => [{ method: 'DELETE', path: `/api/providers/${data.providerId}` }],
  'DELETE /api/api-keys/{id}': (data) => [{ method: 'DELETE', path: `/api/api-keys/${data.apiKeyId}` }],
};

let hub: HubUnderTest;
let fake: FakeOpenAI;
let a: SpaceData;
let b: SpaceData;
let routes: string[];

async function populate(label: string): Promise<SpaceData> {
  const owner = await hub.signUp(`${label}-owner@example.com`, { name: `${label} owner` });
  const spaceName = `${label} secret team`;
  const spaceId = (await owner.call('POST', '/api/spaces', { name: spaceName })).body.id as string;
  const memberEmail = `${label}-member@example.com`;
  const invited = await owner.call('POST', '/api/invitations', { email: memberEmail, role: 'editor' });
  const member = await hub.signUp(memberEmail);
  expect((await member.call('POST', '/api/invitations/accept', { token: new URL(invited.body.acceptUrl as string).searchParams.get('token') })).status).toBe(200);
  const pendingEmail = `${label}-pending@example.com`;
  const invitation = await owner.call('POST', '/api/invitations', { email: pendingEmail, role: 'viewer' });
  const providerName = `${label} private provider`;
  const provider = await owner.call('POST', '/api/providers', {
    name: providerName,
    baseUrl: fake.url,
    apiKey: `sk-${label}-provider-key`,
    models: [
      { id: `${label}-chat`, kind: 'chat' },
      { id: `${label}-embed`, kind: 'embedding' },
    ],
  });
  expect(provider.status).toBe(201);
  expect((await owner.call('PUT', '/api/providers/defaults', { chatModel: `${provider.body.id}/${label}-chat` })).status).toBe(200);
  const apiKey = await owner.call('POST', '/api/api-keys', { name: `${label} key` });
  expect(apiKey.status).toBe(201);
  const agentName = `${label} secret agent`;
  const agent = await owner.call('POST', '/api/agents', { name: agentName, instructions: `${label} private instructions`, model: `${provider.body.id}/${label}-chat` });
  expect(agent.status).toBe(201);
  expect((await owner.call('POST', `/api/agents/${agent.body.id}/publish`)).status).toBe(200);
  const chat = await owner.call('POST', `/api/agents/${agent.body.id}/chat`, { messages: [{ role: 'user', content: `${label} private question` }] });
  expect(chat.text).toContain('data: [DONE]');
  const conversations = await owner.call('GET', `/api/agents/${agent.body.id}/conversations`);
  expect(conversations.body.items).toHaveLength(1);
  const workflowName = `${label} secret workflow`;
  const workflow = await owner.call('POST', '/api/workflows', { name: workflowName, description: `${label} private description`, draft: askingFlow() });
  expect(workflow.status).toBe(201);
  expect((await owner.call('POST', `/api/workflows/${workflow.body.id}/publish`)).status).toBe(200);
  const consoleRun = await owner.call('POST', `/api/workflows/${workflow.body.id}/runs`, { inputs: { note: `${label} private input` } });
  expect(consoleRun.body.status).toBe('paused');
  const apiRun = await fetch(`${hub.url}/v1/workflows/${workflow.body.id}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey.body.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ inputs: { note: `${label} private input` } }),
  });
  const apiRunBody = (await apiRun.json()) as { id: string; status: string };
  expect(apiRunBody.status).toBe('paused');
  const kbName = `${label} secret knowledge`;
  const kb = await owner.call('POST', '/api/knowledge-bases', { name: kbName, embeddingModel: `${provider.body.id}/${label}-embed` });
  expect(kb.status, kb.text).toBe(201);
  const added = await owner.call('POST', `/api/knowledge-bases/${kb.body.id}/documents`, { name: 'notes.txt', text: `${label} private passage about tea` });
  expect(added.status, added.text).toBe(202);
  for (let tries = 0; (await owner.call('GET', `/api/knowledge-bases/${kb.body.id}/documents/${added.body.id}`)).body.status !== 'ready'; tries += 1) {
    expect(tries, 'the document never became ready').toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const chunks = await owner.call('GET', `/api/knowledge-bases/${kb.body.id}/documents/${added.body.id}/chunks`);
  const toolSet = await owner.call('POST', '/api/plugins/tool-sets', { source: { text: greetingDocument('http://127.0.0.1:9') }, name: `${label} secret tools` });
  expect(toolSet.status, toolSet.text).toBe(201);
  expect((await owner.call('POST', `/api/plugins/tool-sets/${toolSet.body.id}/versions`)).status).toBe(201);
  const server = await owner.call('POST', '/api/plugins/mcp-servers', { name: `${label} secret server`, url: 'http://127.0.0.1:9/mcp' });
  expect(server.status, server.text).toBe(201);
  const database = await owner.call('POST', '/api/databases', { name: `${label}_secret_db` });
  expect(database.status, database.text).toBe(201);
  expect((await owner.call('POST', `/api/databases/${database.body.id}/tables`, { name: 'items', columns: [{ name: 'title', type: 'string' }] })).status).toBe(201);
  const row = await owner.call('POST', `/api/databases/${database.body.id}/tables/items/rows`, { env: 'dev', rows: [{ title: `${label} private row` }] });
  expect(row.status, row.text).toBe(201);
  return {
    owner,
    spaceId,
    memberId: member.userId,
    invitationId: invitation.body.id as string,
    providerId: provider.body.id as string,
    apiKeyId: apiKey.body.id as string,
    apiKey: apiKey.body.key as string,
    agentId: agent.body.id as string,
    conversationId: conversations.body.items[0].id as string,
    workflowId: workflow.body.id as string,
    consoleRunId: consoleRun.body.id as string,
    apiRunId: apiRunBody.id,
    kbId: kb.body.id as string,
    documentId: added.body.id as string,
    chunkId: chunks.body.items[0].id as string,
    toolSetId: toolSet.body.id as string,
    serverId: server.body.id as string,
    databaseId: database.body.id as number,
    rowId: String(row.body.rows[0].id),
    secrets: [
      `${label} secret tools`,
      `${label} secret server`,
      `${label}_secret_db`,
      `${label} private row`,
      kbName,
      `${label} private passage about tea`,
      spaceName,
      memberEmail,
      pendingEmail,
      providerName,
      `${label}-chat`,
      `${label} key`,
      `sk-${label}-provider-key`,
      agentName,
      `${label} private instructions`,
      workflowName,
      `${label} private description`,
      `${label} private input`,
      `${label} private question`,
    ],
  };
}

/** Everything A can see of their space, through the API and in the tables. */
async function snapshot(data: SpaceData): Promise<unknown> {
  const reads = [
    '/api/me',
    '/api/members',
    '/api/invitations',
    '/api/providers',
    `/api/providers/${data.providerId}`,
    '/api/api-keys',
    '/api/audit?limit=200',
    '/api/agents',
    `/api/agents/${data.agentId}/versions`,
    `/api/agents/${data.agentId}/conversations`,
    `/api/agents/${data.agentId}/conversations/${data.conversationId}`,
    '/api/workflows',
    `/api/workflows/${data.workflowId}`,
    `/api/workflows/${data.workflowId}/versions`,
    `/api/workflows/${data.workflowId}/runs`,
    `/api/workflows/${data.workflowId}/runs/${data.consoleRunId}`,
    `/api/workflows/${data.workflowId}/runs/${data.apiRunId}`,
    `/api/knowledge-bases/${data.kbId}`,
    `/api/knowledge-bases/${data.kbId}/documents/${data.documentId}/chunks`,
    '/api/plugins/tool-sets',
    `/api/plugins/tool-sets/${data.toolSetId}`,
    `/api/plugins/tool-sets/${data.toolSetId}/versions`,
    `/api/plugins/mcp-servers/${data.serverId}`,
    '/api/databases',
    `/api/databases/${data.databaseId}/tables`,
    `/api/databases/${data.databaseId}/tables/items/export`,
  ];
  const answers: Record<string, unknown> = {};
  for (const path of reads) {
    const answer = await data.owner.call('GET', path);
    expect(answer.status, path).toBe(200);
    answers[path] = answer.body;
  }
  // The gateway check below uses A's key itself, which moves its lastUsedAt.
  for (const key of (answers['/api/api-keys'] as { items: { lastUsedAt: unknown }[] }).items) key.lastUsedAt = 'used by A only';
  const gateway = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${data.apiKey}` } });
  answers['/v1/me'] = { status: gateway.status, body: await gateway.json() };
  const k = hub.context.db.kysely;
  for (const table of ['members', 'invitations', 'providers', 'api_keys', 'audit_events', 'agents', 'agent_versions', 'workflows', 'workflow_versions', 'space_plugin_settings'] as const) {
    answers[table] = await k.selectFrom(table).selectAll().where('space_id', '=', data.spaceId).execute();
  }
  answers.space = await hub.context.spaces.find(data.spaceId);
  return answers;
}

/** A call as the owner of `data`'s space: the console with their session, the gateway (/v1) with their space's API key. */
async function send(data: SpaceData, call: Call): Promise<{ status: number; body: any; text: string }> {
  if (call.csv !== undefined) {
    const headers = { cookie: `${SESSION_COOKIE}=${data.owner.cookie ?? ''}`, 'x-csrf-token': data.owner.csrfToken ?? '', 'content-type': 'text/csv' };
    const response = await fetch(`${hub.url}${call.path}`, { method: call.method, headers, body: call.csv });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as unknown, text };
  }
  if (!call.path.startsWith('/v1/')) return data.owner.call(call.method, call.path, call.body);
  const headers: Record<string, string> = { authorization: `Bearer ${data.apiKey}`, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) };
  const response = await fetch(`${hub.url}${call.path}`, { method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('application/json') === true;
  return { status: response.status, body: json ? (JSON.parse(text) as unknown) : text, text };
}

function template(route: string): RegExp {
  const [, path = ''] = route.split(' ');
  return new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/?]+')}$`);
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  hub = await startTestHub({}, {}, {}, {}, { knowledge: true, plugins: true });
  const document = (await (await fetch(`${hub.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  a = await populate('alpha');
  b = await populate('bravo');
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

describe('cross-space isolation', () => {
  test('every route with a path parameter is covered here, and every entry here is a real route', () => {
    const withParameters = routes.filter((route) => /^\w+ \/(api|v1)\//.test(route) && route.includes('{'));
    expect(withParameters.length).toBeGreaterThan(0);
    const missing = withParameters.filter((route) => !(route in pathRoutes));
    expect(missing, 'new id-taking routes: add them to pathRoutes in isolation.test.ts').toEqual([]);
    expect(Object.keys(pathRoutes).filter((route) => !routes.includes(route)), 'stale entries in pathRoutes').toEqual([]);
  });

  test("B reaches none of A's records by id; A's space is unchanged", async () => {
    const before = await snapshot(a);
    for (const [route, calls] of Object.entries(pathRoutes)) {
      for (const call of calls(a, { attack: true })) {
        expect(`${call.method} ${call.path}`, route).toMatch(new RegExp(`^${route.split(' ')[0]} `));
        expect(call.path, route).toMatch(template(route));
        const answer = await send(b, call);
        expect({ route, path: call.path, status: answer.status, code: answer.body?.code }).toEqual({ route, path: call.path, status: 404, code: call.notFound ?? 'not_found' });
        expect(answer.body.message, `${route} must be the route's own 404, not a missing route`).not.toMatch(/^no route/);
        for (const secret of a.secrets) expect(answer.text, route).not.toContain(secret);
      }
    }

    // Routes that take an id in the body or the query.
    expect((await b.owner.call('POST', '/api/me/space', { spaceId: a.spaceId })).status).toBe(404);
    const defaults = await b.owner.call('PUT', '/api/providers/defaults', { chatModel: `${a.providerId}/alpha-chat` });
    expect(defaults.status).toBe(400);
    const aCursor = (await a.owner.call('GET', '/api/audit?limit=1')).body.nextCursor as string;
    const bAudit = await b.owner.call('GET', `/api/audit?limit=200&cursor=${aCursor}`);
    expect(bAudit.status).toBe(200);
    for (const secret of a.secrets) expect(bAudit.text).not.toContain(secret);
    const chat = await fetch(`${hub.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: a.agentId, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(chat.status).toBe(404);
    expect(((await chat.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
    const models = await (await fetch(`${hub.url}/v1/models`, { headers: { authorization: `Bearer ${b.apiKey}` } })).text();
    expect(models).toContain(b.agentId);
    expect(models).not.toContain(a.agentId);
    expect((await b.owner.call('GET', '/api/members')).body.items.map((member: { userId: string }) => member.userId)).toEqual([b.owner.userId, b.memberId]);
    // B's own workflow with A's runs: the workflow service scopes runs by space, so they are unknown runs.
    for (const suffix of ['', '/events']) {
      expect((await b.owner.call('GET', `/api/workflows/${b.workflowId}/runs/${a.consoleRunId}${suffix}`)).status).toBe(404);
      expect((await send(b, { method: 'GET', path: `/v1/workflows/${b.workflowId}/runs/${a.apiRunId}${suffix}` })).body.code).toBe('not_found');
    }
    expect((await b.owner.call('POST', `/api/workflows/${b.workflowId}/runs/${a.consoleRunId}/resume`, { answer: 'x' })).status).toBe(404);
    expect((await send(b, { method: 'POST', path: `/v1/workflows/${b.workflowId}/runs/${a.apiRunId}/cancel` })).status).toBe(404);

    expect(await snapshot(a)).toEqual(before);
  });

  test("the same calls with B's own ids do reach B's records (so the 404s above come from the space check)", async () => {
    for (const [route, calls] of Object.entries(pathRoutes)) {
      for (const call of calls(b, { attack: false })) {
        const answer = await send(b, call);
        expect({ route, notFound: answer.status === 404 && answer.body?.code === (call.notFound ?? 'not_found') }).toEqual({ route, notFound: false });
      }
    }
  });
});
