import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMcp, type FakeMcp } from '@astron/testing/fake-mcp';
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI } from '@astron/testing/fake-openai';
import { startFakeTarget, type FakeTarget } from '@astron/testing/fake-target';
import { addFakeProvider, launchChromium, screenshots, setUpAdministrator } from './browser.js';
import { repositoryRoot, requireBuilds, startPlatform, type RunningPlatform } from './platform.js';

/**
 * Plugins and databases in the console (issue 7's "done when"), in headless Chromium against `astron start`: an
 * OpenAPI tool set imported by pasting its document, tried in the test console and published; a remote MCP server
 * registered; a database designed, published and filled from the SQL console; an agent that uses all three in one
 * conversation of its debug chat; a workflow with a plugin node and a database node run from the canvas. The API and
 * MCP servers listen on loopback, which the platform's egress guard allows here only (EGRESS_ALLOW_HOSTS).
 */
const llmKey = 'sk-e2e-plugins';
const step = 60_000;

let fake: FakeOpenAI;
let target: FakeTarget;
let mcp: FakeMcp;
let platform: RunningPlatform | undefined;
let context: BrowserContext | undefined;
let page: Page;
let shot: (name: string) => Promise<void>;
const profileDir = mkdtempSync(join(tmpdir(), 'astron-e2e-plugins-'));
const pageErrors: string[] = [];
const ids = { toolSet: '', mcpServer: '', database: '' };

/** A small OpenAPI document of the fake target: GET /pets/{id} answers { id, name: "Rex" }. */
const petsDocument = (origin: string) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1.0.0' },
    servers: [{ url: origin }],
    paths: {
      '/pets/{id}': {
        get: {
          operationId: 'getPet',
          summary: 'A pet by its id',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'the pet', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } } } } },
        },
      },
    },
  });

/** Our workflow export: start(petId) → plugin getPet → database insert of the pet's name → end. */
function petWorkflowFile() {
  const node = (id: string, type: string, data: Record<string, unknown>, position: number) => ({
    id: `${type}::00000000-0000-4000-8000-00000000000${id}`,
    position: { x: 80 + position * 300, y: 120 },
    data: { nodeMeta: { nodeType: 'basic', aliasName: type }, inputs: [], outputs: [], nodeParam: {}, ...data },
  });
  const ref = (nodeId: string, name: string) => ({ type: 'ref', content: { nodeId, name } });
  const input = (name: string, type: string, value: unknown) => ({ id: `in-${name}`, name, schema: { type, value } });
  const output = (name: string, type: string, required = false) => ({ id: `out-${name}`, name, schema: { type }, required });
  const start = node('1', 'node-start', { outputs: [output('petId', 'string', true)] }, 0);
  const fetchPet = node('2', 'plugin', { inputs: [input('id', 'string', ref(start.id, 'petId'))], outputs: [output('name', 'string'), output('id', 'string')], nodeParam: { pluginId: ids.toolSet, operationId: 'getPet' } }, 1);
  const remember = node(
    '3',
    'database',
    {
      inputs: [input('item', 'string', ref(fetchPet.id, 'name')), input('total', 'integer', { type: 'literal', content: 3 })],
      outputs: [output('isSuccess', 'boolean'), output('message', 'string'), output('outputList', 'array-object')],
      nodeParam: { dbId: Number(ids.database), mode: 1, tableName: 'orders' },
    },
    2,
  );
  const end = node('4', 'node-end', { inputs: [input('pet', 'string', ref(fetchPet.id, 'name')), input('saved', 'boolean', ref(remember.id, 'isSuccess'))], nodeParam: { outputMode: 0, template: '', streamOutput: false } }, 3);
  const edge = (source: { id: string }, to: { id: string }) => ({ sourceNodeId: source.id, targetNodeId: to.id });
  return { format: 'astron-workflow', formatVersion: 1, name: 'Pet to database', description: 'A plugin node and a database node', data: { nodes: [start, fetchPet, remember, end], edges: [edge(start, fetchPet), edge(fetchPet, remember), edge(remember, end)] } };
}

beforeAll(async () => {
  requireBuilds();
  [fake, target, mcp] = await Promise.all([startFakeOpenAI({ apiKey: llmKey, models: ['fake-chat'] }), startFakeTarget(), startFakeMcp()]);
  platform = await startPlatform(90_000, { EGRESS_ALLOW_HOSTS: '127.0.0.1/32' });
  context = await launchChromium(profileDir, 'en-US');
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  shot = screenshots(page, join(repositoryRoot, 'test-output/e2e/plugins'));
  await setUpAdministrator(page, platform.hubUrl, { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' });
  await addFakeProvider(page, { name: 'Fake LLM', baseUrl: fake.url, apiKey: llmKey, chatModel: 'fake-chat' });
}, 150_000);

afterAll(async () => {
  await context?.close();
  await platform?.stop();
  await Promise.all([fake?.close(), target?.close(), mcp?.close()]);
  rmSync(profileDir, { recursive: true, force: true });
}, 30_000);

describe('plugins and databases in the console', () => {
  it(
    'imports an OpenAPI tool set by pasting it, tries an operation in the test console, and publishes it',
    async () => {
      await page.getByTestId('nav-plugins').click();
      await page.getByTestId('plugin-import').click();
      await page.getByTestId('plugin-import-mode-paste').click();
      await page.getByTestId('plugin-import-text').fill(petsDocument(target.origin));
      await page.getByTestId('plugin-import-name').fill('Pets');
      await shot('toolset-import');
      await page.getByTestId('plugin-import-submit').click();
      await page.waitForURL(/\/plugins\/tool-sets\/tool(@|%40)/);
      ids.toolSet = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');

      await page.getByTestId('toolset-tab-test').click();
      await page.locator('[data-testid="toolset-test-input"][data-name="id"]').fill('7');
      await page.getByTestId('toolset-test-run').click();
      await expect.poll(() => page.getByTestId('toolset-test-status').innerText()).toBe('200');
      expect(await page.getByTestId('toolset-test-response').innerText()).toContain('Rex');
      expect(target.hits.map((hit) => `${hit.method} ${hit.url}`)).toContain('GET /pets/7');
      await shot('toolset-tested');

      await page.getByTestId('toolset-tab-versions').click();
      await page.getByTestId('toolset-publish').click();
      await page.getByTestId('toolset-version-row').first().waitFor();
      await shot('toolset-published');
    },
    step,
  );

  it(
    'registers a remote MCP server and lists its tools',
    async () => {
      await page.getByTestId('nav-plugins').click();
      await page.getByTestId('plugins-tab-mcp').click();
      await page.getByTestId('mcp-add').click();
      await page.getByTestId('mcp-name').fill('Calculator');
      await page.getByTestId('mcp-url').fill(`${mcp.origin}/mcp`);
      await page.getByTestId('mcp-submit').click();
      const row = page.getByTestId('mcp-row').filter({ hasText: 'Calculator' });
      await row.waitFor();
      await shot('mcp-registered');
    },
    step,
  );

  it(
    'designs a database table, publishes it to production and fills it from the SQL console',
    async () => {
      await page.getByTestId('nav-databases').click();
      await page.getByTestId('database-create').click();
      await page.getByTestId('database-create-name').fill('shop');
      await page.getByTestId('database-create-submit').click();
      await page.waitForURL('**/databases/*');
      ids.database = new URL(page.url()).pathname.split('/').at(-1) ?? '';

      await page.getByTestId('table-create').click();
      await page.getByTestId('table-create-name').fill('orders');
      await page.getByTestId('table-create-submit').click();
      await page.locator('[data-testid="table-designer"][data-name="orders"]').waitFor();
      for (const [name, type] of [
        ['item', 'string'],
        ['total', 'integer'],
      ] as const) {
        await page.getByTestId('table-column-add').click();
        await page.getByTestId('table-column-name').fill(name);
        await page.getByTestId('table-column-type').selectOption(type);
        await page.getByTestId('table-column-submit').click();
        await page.locator(`[data-testid="table-column-row"][data-name="${name}"]`).waitFor();
      }
      await shot('database-designed');

      await page.getByTestId('database-tab-publish').click();
      await page.getByTestId('database-publish').click();
      await page.getByTestId('publish-result').waitFor();

      await page.getByTestId('database-tab-sql').click();
      await page.getByTestId('sql-env').selectOption('prod');
      await page.getByTestId('sql-text').fill("insert into orders (item, total) values ('book', 12), ('pen', 2)");
      await page.getByTestId('sql-run').click();
      await expect.poll(() => page.getByTestId('sql-summary').innerText()).toContain('INSERT');
      await page.getByTestId('sql-text').fill('select item, total from orders order by item');
      await page.getByTestId('sql-run').click();
      await expect.poll(() => page.getByTestId('sql-grid').innerText()).toContain('book');
      await shot('database-sql');
    },
    step,
  );

  it(
    'builds an agent that calls the OpenAPI tool, the MCP tool and its database in one conversation of the debug chat',
    async () => {
      const answer = 'Rex is pet 7; 2 + 3 = 5; you ordered a book and a pen.';
      const offered = (request: ChatRequest) => ((request.tools ?? []) as { function: { name: string } }[]).map((tool) => tool.function.name);
      fake.script([
        (request) => {
          const names = offered(request);
          const named = (test: (name: string) => boolean) => names.find(test) ?? 'missing';
          return {
            toolCalls: [
              { id: 'call_pet', name: named((name) => name === 'getPet'), arguments: { id: '7' } },
              { id: 'call_add', name: named((name) => name.startsWith('mcp_') && name.endsWith('_add')), arguments: { a: 2, b: 3 } },
              { id: 'call_sql', name: named((name) => name === 'query_shop'), arguments: { sql: 'select item, total from orders order by item' } },
            ],
          };
        },
        { content: answer },
      ]);
      await page.getByTestId('nav-agents').click();
      await page.getByTestId('agent-create-empty').or(page.getByTestId('agent-create')).first().click();
      await page.getByTestId('agent-create-name').fill('Shop helper');
      await page.getByTestId('agent-create-submit').click();
      await page.getByTestId('agent-form').waitFor();
      await page.getByTestId('agent-model').selectOption({ index: 1 });
      await page.getByTestId('agent-instructions').fill('Use the tools to answer.');
      await page.locator(`[data-testid="agent-plugin-toolset"][data-tool-id="${ids.toolSet}"]`).click();
      await page.locator(`[data-testid="agent-plugin"][data-tool-id="${ids.toolSet}"][data-operation-id="getPet"]`).check();
      await page.getByTestId('agent-mcp-server').first().click();
      await page.locator('[data-testid="agent-mcp-tool"][data-tool="add"]').check();
      await page.locator(`[data-testid="agent-database"][data-database-id="${ids.database}"]`).check();
      const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes('/api/agents/'));
      await page.getByTestId('agent-save').click();
      expect((await saved).status()).toBe(200);
      await shot('agent-with-plugins');

      const hitsBefore = target.hits.length;
      await page.getByTestId('chat-input').fill('Who is pet 7, what is 2 + 3, and what did I order?');
      await page.getByTestId('chat-send').click();
      await expect.poll(() => page.getByTestId('chat-message').last().innerText(), { timeout: 20_000 }).toContain(answer);
      await shot('agent-debug-chat');

      // Each tool was offered and really called: the API got its request; the model read the API's, the MCP server's and the database's answers.
      const requests = fake.requests.map((request) => request.body as ChatRequest).filter((body) => Array.isArray(body.tools));
      expect(offered(requests[0]!)).toEqual(expect.arrayContaining(['getPet', 'query_shop']));
      expect(target.hits.slice(hitsBefore).map((hit) => `${hit.method} ${hit.url}`)).toEqual(['GET /pets/7']);
      const toolResult = (id: string): unknown => {
        const content = requests[1]!.messages.find((message) => message.role === 'tool' && message.tool_call_id === id)?.content;
        return typeof content === 'string' ? JSON.parse(content) : content;
      };
      expect(toolResult('call_pet')).toEqual({ id: '7', name: 'Rex' });
      expect(toolResult('call_add')).toEqual({ sum: 5 });
      expect(toolResult('call_sql')).toMatchObject({ command: 'SELECT', rows: [{ item: 'book', total: 12 }, { item: 'pen', total: 2 }] });
      expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
    },
    step,
  );

  it(
    'runs a workflow whose plugin node calls the API and whose database node stores the answer',
    async () => {
      const file = join(profileDir, 'pets.workflow.json');
      writeFileSync(file, JSON.stringify(petWorkflowFile()));
      await page.getByTestId('nav-workflows').click();
      await page.getByTestId('workflow-import-file').setInputFiles(file);
      const row = page.locator('[data-testid="workflow-row"][data-name="Pet to database"]');
      await page.getByTestId('workflow-editor').or(row).first().waitFor();
      if ((await page.getByTestId('workflow-editor').count()) === 0) {
        await page.keyboard.press('Escape');
        await row.getByTestId('workflow-open').click();
      }
      await page.getByTestId('canvas').waitFor();
      await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(4);
      const errors = page.getByTestId('problem-count-errors');
      await expect.poll(async () => ((await errors.count()) === 0 ? '' : await errors.innerText())).toMatch(/^0?$/);
      await shot('workflow-canvas');

      const hitsBefore = target.hits.length;
      await page.getByTestId('run-open').click();
      await page.locator('[data-testid="run-input"][data-name="petId"]').fill('9');
      await page.getByTestId('run-start').click();
      await expect.poll(() => page.getByTestId('run-status').getAttribute('data-phase'), { timeout: 30_000 }).toBe('succeeded');
      await expect.poll(() => page.getByTestId('run-output').innerText()).toContain('Rex');
      expect(target.hits.slice(hitsBefore).map((hit) => `${hit.method} ${hit.url}`)).toEqual(['GET /pets/9']);
      await shot('workflow-run');

      // A draft run writes to the development copy: the SQL console shows the row there.
      await page.goto(`${platform!.hubUrl}/databases/${ids.database}`);
      await page.getByTestId('database-tab-sql').click();
      await page.getByTestId('sql-env').selectOption('dev');
      await page.getByTestId('sql-text').fill('select item, total from orders');
      await page.getByTestId('sql-run').click();
      await expect.poll(() => page.getByTestId('sql-grid').innerText()).toContain('Rex');
      await shot('workflow-row-stored');
      expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
    },
    step,
  );
});
