import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '@astron/docparse/testing';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { launchChromium, screenshots } from './browser.js';
import { repositoryRoot, requireBuilds, startPlatform, type RunningPlatform } from './platform.js';

/**
 * The console driven in headless Chromium (Debian's, never a downloaded one) against the real platform
 * (`astron start` as a child process) and the fake LLM: first-run setup, sign out and in, a team space,
 * an invitation, a model provider and its connection test, an API key that works on /v1, an agent with two
 * tools built and tried in the debug chat, published, called with the openai SDK, and its conversation logs. Once per
 * language, each on its own fresh platform because first-run setup happens once per data directory.
 * Screenshots of every step go to test-output/e2e/<lang>/.
 */
const languages = [
  { lang: 'zh', locale: 'zh-CN', htmlLang: 'zh-CN', signIn: '登录', spaceName: '研发团队' },
  { lang: 'en', locale: 'en-US', htmlLang: 'en', signIn: 'Sign in', spaceName: 'Research' },
] as const;
const llmKey = 'sk-e2e-fake-llm';
const password = 'correct horse battery';
const step = 60_000;

/**
 * A workflow with a branch, an iteration and a question, as our export file: start(items) → iteration (each item
 * through a text joiner) → question "Who is it for?" → if-else on the answer → greeting or "nobody" → aggregator → end.
 */
function shoppingWorkflowFile() {
  const node = (id: string, type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id: `${type}::${id}`, ...extra, data: { nodeMeta: { nodeType: 'basic', aliasName: type }, inputs: [], outputs: [], nodeParam: {}, ...data } });
  const ref = (nodeId: string, name: string) => ({ type: 'ref', content: { nodeId, name } });
  const input = (id: string, name: string, type: string, value: unknown) => ({ id, name, schema: { type, value } });
  const output = (name: string, type: string) => ({ id: `out-${name}`, name, schema: { type }, required: false });
  const start = node('00000000-0000-4000-8000-000000000001', 'node-start', { outputs: [{ ...output('items', 'array-string'), required: true }] });
  const iteration = node('00000000-0000-4000-8000-000000000002', 'iteration', {
    inputs: [input('in-items', 'items', 'array-string', ref(start.id, 'items'))],
    outputs: [output('lines', 'array-string')],
    nodeParam: { IterationStartNodeId: 'iteration-node-start::00000000-0000-4000-8000-000000000003' },
  });
  const inner = { parentId: iteration.id };
  const bodyStart = node('00000000-0000-4000-8000-000000000003', 'iteration-node-start', { outputs: [output('items', 'string')] }, inner);
  const line = node('00000000-0000-4000-8000-000000000004', 'text-joiner', { inputs: [input('in-item', 'item', 'string', ref(bodyStart.id, 'items'))], outputs: [output('output', 'string')], nodeParam: { mode: 0, prompt: '- {{item}}' } }, inner);
  const bodyEnd = node('00000000-0000-4000-8000-000000000005', 'iteration-node-end', { inputs: [input('in-line', 'lines', 'string', ref(line.id, 'output'))], nodeParam: { outputMode: 0 } }, inner);
  const ask = node('00000000-0000-4000-8000-000000000006', 'question-answer', { outputs: [output('query', 'string'), output('content', 'string')], nodeParam: { question: 'Who is the list for?', answerType: 'direct', timeout: 3, needReply: true, directAnswer: { handleResponse: false, maxRetryCounts: 1 } } });
  const named = 'branch_one_of::00000000-0000-4000-8000-0000000000a1';
  const otherwise = 'branch_one_of::00000000-0000-4000-8000-0000000000a2';
  const check = node('00000000-0000-4000-8000-000000000007', 'if-else', {
    inputs: [input('in-who', 'who', 'string', ref(ask.id, 'content'))],
    nodeParam: { cases: [{ id: named, level: 1, logicalOperator: 'and', conditions: [{ leftVarIndex: 'in-who', compareOperator: 'not_empty' }] }, { id: otherwise, level: 999, logicalOperator: 'and', conditions: [] }] },
  });
  const greet = node('00000000-0000-4000-8000-000000000008', 'text-joiner', { inputs: [input('in-g-who', 'who', 'string', ref(ask.id, 'content')), input('in-g-lines', 'lines', 'array-string', ref(iteration.id, 'lines'))], outputs: [output('output', 'string')], nodeParam: { mode: 0, prompt: 'For {{who}}: {{lines}}' } });
  const nobody = node('00000000-0000-4000-8000-000000000009', 'text-joiner', { outputs: [output('output', 'string')], nodeParam: { mode: 0, prompt: 'For nobody' } });
  const join = node('00000000-0000-4000-8000-00000000000a', 'variable-aggregator', { inputs: [input('in-a', 'a', 'string', ref(greet.id, 'output')), input('in-b', 'b', 'string', ref(nobody.id, 'output'))], outputs: [output('output', 'string')], nodeParam: { mode: 'first-non-null' } });
  const end = node('00000000-0000-4000-8000-00000000000b', 'node-end', { inputs: [input('in-result', 'result', 'string', ref(join.id, 'output'))], nodeParam: { outputMode: 0, template: '', streamOutput: false } });
  const edge = (source: { id: string }, target: { id: string }, sourceHandle?: string) => ({ sourceNodeId: source.id, targetNodeId: target.id, ...(sourceHandle === undefined ? {} : { sourceHandle }) });
  const nodes = [start, iteration, bodyStart, line, bodyEnd, ask, check, greet, nobody, join, end].map((item, index) => ({ ...item, position: { x: 80 + (index % 6) * 260, y: 80 + Math.floor(index / 6) * 180 } }));
  const edges = [edge(start, iteration), edge(bodyStart, line), edge(line, bodyEnd), edge(iteration, ask), edge(ask, check), edge(check, greet, named), edge(check, nobody, otherwise), edge(greet, join), edge(nobody, join), edge(join, end)];
  return { format: 'astron-workflow', formatVersion: 1, name: 'Shopping list', description: 'A branch, an iteration and a question', data: { nodes, edges } };
}

let fake: FakeOpenAI | undefined;

beforeAll(async () => {
  requireBuilds();
  fake = await startFakeOpenAI({ apiKey: llmKey, models: ['fake-chat', 'fake-embed'] });
}, 30_000);

afterAll(async () => {
  await fake?.close();
}, 30_000);

describe.sequential.each(languages)(
  'the console in $lang',
  ({ lang, locale, htmlLang, signIn, spaceName }) => {
    const email = `admin-${lang}@example.com`;
    const shotsDir = join(repositoryRoot, 'test-output/e2e', lang);
    let platform: RunningPlatform | undefined;
    const profileDir = mkdtempSync(join(tmpdir(), `astron-e2e-chromium-${lang}-`));
    let context: BrowserContext | undefined;
    let page: Page;
    let apiKey = '';
    const pageErrors: string[] = [];
    let shot: (name: string) => Promise<void>;

    beforeAll(async () => {
      platform = await startPlatform();
      context = await launchChromium(profileDir, locale);
      context.setDefaultTimeout(15_000);
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => pageErrors.push(error.message));
      shot = screenshots(page, shotsDir);
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await platform?.stop();
      rmSync(profileDir, { recursive: true, force: true });
    }, 30_000);

    it(
      'sets up the first administrator, in the browser language',
      async () => {
        await page.goto(`${platform!.hubUrl}/`);
        await page.getByTestId('setup-form').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(htmlLang);
        await shot('setup');
        await page.getByTestId('setup-submit').click();
        await page.getByTestId('field-error').first().waitFor();
        await shot('setup-checks');
        await page.getByTestId('setup-name').fill(lang === 'zh' ? '管理员' : 'Ada Admin');
        await page.getByTestId('setup-email').fill(email);
        await page.getByTestId('setup-password').fill(password);
        await page.getByTestId('setup-confirm').fill(password);
        await page.getByTestId('setup-submit').click();
        await page.waitForURL('**/providers');
        await page.getByTestId('user-menu').waitFor();
        await shot('signed-in-after-setup');
      },
      step,
    );

    it(
      'signs out, then signs in through the form',
      async () => {
        await page.getByTestId('user-menu').click();
        await page.getByTestId('user-menu-signout').click();
        await page.waitForURL('**/signin**');
        await page.getByTestId('signin-form').waitFor();
        await expect.poll(() => page.getByTestId('signin-submit').innerText()).toBe(signIn);
        await shot('signin');
        await page.getByTestId('signin-email').fill(email);
        await page.getByTestId('signin-password').fill(password);
        await page.getByTestId('signin-submit').click();
        await page.getByTestId('user-menu').waitFor();
        await page.getByTestId('nav-providers').waitFor();
        await shot('signed-in');
      },
      step,
    );

    it(
      'creates a team space and switches to it',
      async () => {
        await page.getByTestId('space-switcher').click();
        await page.getByTestId('space-create').click();
        await page.getByTestId('space-name-input').fill(spaceName);
        await shot('space-create');
        await page.getByTestId('space-create-submit').click();
        await page.waitForURL('**/members');
        await page.getByTestId('members-table').waitFor();
        await expect.poll(() => page.getByTestId('current-space').innerText()).toContain(spaceName);
        await expect.poll(() => page.getByTestId('member-row').filter({ hasText: email }).count()).toBe(1);
        await shot('members');
      },
      step,
    );

    it(
      'invites a member with a role and shows the accept link',
      async () => {
        const invitee = `grace-${lang}@example.com`;
        await page.getByTestId('invite-open').click();
        await page.getByTestId('invite-email').fill(invitee);
        await page.getByTestId('invite-role').selectOption('editor');
        await shot('invite-form');
        await page.getByTestId('invite-submit').click();
        await page.getByTestId('invite-url').waitFor();
        const inviteUrl = new URL(await page.getByTestId('invite-url').inputValue());
        expect(inviteUrl.origin).toBe(platform!.hubUrl);
        expect(inviteUrl.pathname).toMatch(/invite/);
        await shot('invite-link');
        await page.getByTestId('invite-done').click();
        await page.locator(`[data-testid="invitation-row"][data-email="${invitee}"]`).waitFor();
        await shot('members-with-invitation');
      },
      step,
    );

    it(
      'adds the fake LLM as a model provider and tests the connection',
      async () => {
        await page.getByTestId('nav-providers').click();
        await page.getByTestId('provider-add-empty').or(page.getByTestId('provider-add')).first().click();
        await page.getByTestId('provider-form').waitFor();
        await page.getByTestId('provider-name').fill('Fake LLM');
        await page.getByTestId('provider-base-url').fill(fake!.url);
        await page.getByTestId('provider-api-key').fill(llmKey);
        await page.getByTestId('provider-model-add').click();
        await page.getByTestId('provider-model-id').last().fill('fake-chat');
        await page.getByTestId('provider-model-kind').last().selectOption('chat');
        await page.getByTestId('provider-model-add').click();
        await page.getByTestId('provider-model-id').last().fill('fake-embed');
        await page.getByTestId('provider-model-kind').last().selectOption('embedding');
        await shot('provider-form');
        await page.getByTestId('provider-submit').click();
        const row = page.getByTestId('provider-row').filter({ hasText: 'Fake LLM' });
        await row.waitFor();
        await row.getByText('fake-chat').first().waitFor();
        await shot('provider-added');

        const requestsBefore = fake!.requests.length;
        await row.getByTestId('provider-test').click();
        const result = row.getByTestId('provider-test-result');
        await result.waitFor();
        expect(await result.getAttribute('data-ok')).toBe('true');
        const reached = fake!.requests.slice(requestsBefore);
        expect(reached.length, 'the connection test reached the fake LLM').toBeGreaterThan(0);
        expect(reached.every((request) => request.headers.authorization === `Bearer ${llmKey}`)).toBe(true);
        await page.getByTestId('default-chat-model').selectOption({ index: 1 });
        await shot('provider-tested');
      },
      step,
    );

    it(
      'creates an API key, shows it once, and the key works on /v1',
      async () => {
        await page.getByTestId('nav-api-keys').click();
        await page.getByTestId('apikey-create-empty').or(page.getByTestId('apikey-create')).first().click();
        await page.getByTestId('apikey-form').waitFor();
        await page.getByTestId('apikey-name').fill('Website widget');
        await shot('apikey-form');
        await page.getByTestId('apikey-submit').click();
        await page.getByTestId('apikey-secret').waitFor();
        const key = await page.getByTestId('apikey-secret').inputValue();
        expect(key.length).toBeGreaterThan(20);
        apiKey = key;
        await shot('apikey-shown-once');
        await page.getByTestId('apikey-done').click();
        await page.locator('[data-testid="apikey-row"][data-name="Website widget"]').waitFor();
        expect(await page.getByTestId('apikey-secret').count()).toBe(0);
        expect(await page.content()).not.toContain(key);
        await shot('apikeys');

        const response = await fetch(`${platform!.hubUrl}/v1/me`, {
          headers: { authorization: `Bearer ${key}` },
        });
        expect(response.status).toBe(200);
        expect(((await response.json()) as { keyName: string | null }).keyName).toBe('Website widget');
        expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
      },
      step,
    );

    it(
      'builds an agent with two tools, tries it in the debug chat, publishes it, calls it with the openai SDK, and shows its logs',
      async () => {
        const question = lang === 'zh' ? '东京现在几点？17 * 23 等于多少？' : 'What time is it in Tokyo, and what is 17 * 23?';
        const answer = lang === 'zh' ? '东京现在是晚上，17 * 23 = 391。' : 'It is evening in Tokyo, and 17 * 23 = 391.';
        const twoTools = () =>
          fake!.script([
            { toolCalls: [{ id: 'call_time', name: 'current_time', arguments: { timezone: 'Asia/Tokyo' } }] },
            { toolCalls: [{ id: 'call_calc', name: 'calculator', arguments: { expression: '17 * 23' } }] },
            { content: answer },
          ]);
        await page.getByTestId('nav-agents').click();
        await page.getByTestId('agent-create-empty').or(page.getByTestId('agent-create')).first().click();
        await page.getByTestId('agent-create-name').fill(lang === 'zh' ? '时钟与计算器' : 'Clock and calculator');
        await page.getByTestId('agent-create-submit').click();
        await page.getByTestId('agent-form').waitFor();
        await page.getByTestId('agent-model').selectOption({ index: 1 });
        await page.locator('[data-testid="agent-tool"][data-tool="current_time"]').check();
        await page.locator('[data-testid="agent-tool"][data-tool="calculator"]').check();
        await page.getByTestId('agent-instructions').fill('Use the tools to answer.');
        await page.getByTestId('agent-alias').fill(`clock-${lang}`);
        const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes('/api/agents/'));
        await page.getByTestId('agent-save').click();
        expect((await saved).status()).toBe(200);
        await shot('agent-settings');

        twoTools();
        await page.getByTestId('chat-input').fill(question);
        await page.getByTestId('chat-send').click();
        await expect.poll(() => page.locator('[data-testid="tool-step"][data-state="done"]').count(), { timeout: 20_000 }).toBe(2);
        await expect.poll(() => page.getByTestId('chat-message').last().innerText(), { timeout: 20_000 }).toContain(answer);
        await page.locator('[data-testid="tool-step"][data-name="calculator"]').click();
        await page.getByText('391').first().waitFor();
        await shot('agent-debug-chat');

        await page.getByTestId('agent-publish').click();
        await page.getByTestId('agent-publish-submit').click();
        await page.getByTestId('agent-published-version').waitFor();
        await shot('agent-published');
        await page.keyboard.press('Escape');

        twoTools();
        const client = new OpenAI({ baseURL: `${platform!.hubUrl}/v1`, apiKey, maxRetries: 0 });
        const stream = await client.chat.completions.create({ model: `clock-${lang}`, messages: [{ role: 'user', content: question }], stream: true });
        let text = '';
        const steps: string[] = [];
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta.content ?? '';
          const toolStep = (chunk as unknown as { astron_step?: { type: string; name: string } }).astron_step;
          if (toolStep !== undefined) steps.push(`${toolStep.type}:${toolStep.name}`);
        }
        expect(text).toBe(answer);
        expect(steps).toEqual(['tool_call:current_time', 'tool_result:current_time', 'tool_call:calculator', 'tool_result:calculator']);

        await page.getByTestId('agent-tab-logs').click();
        await expect.poll(() => page.getByTestId('agent-logs-row').count()).toBe(2);
        await shot('agent-logs');
        await page.locator('[data-testid="agent-logs-row"][data-source="api"]').click();
        const detail = page.getByTestId('agent-log-detail');
        await detail.waitFor();
        await expect.poll(() => detail.getByTestId('tool-step').count()).toBe(2);
        await detail.getByTestId('agent-log-usage').first().waitFor();
        await shot('agent-log-detail');
        expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
      },
      step,
    );

    it(
      'imports a workflow with a branch, an iteration and a question; edits, validates, runs it answering the question, publishes it, and runs it through the API',
      async () => {
        const file = join(profileDir, 'shopping.workflow.json');
        writeFileSync(file, JSON.stringify(shoppingWorkflowFile()));
        // The agent test left its conversation dialog open.
        await page.keyboard.press('Escape');
        await page.getByTestId('agent-log-detail').waitFor({ state: 'detached' });
        await page.getByTestId('nav-workflows').click();
        await page.getByTestId('workflow-import-file').setInputFiles(file);
        await page.getByTestId('workflow-editor').or(page.locator('[data-testid="workflow-row"][data-name="Shopping list"]')).first().waitFor();
        if ((await page.getByTestId('workflow-editor').count()) === 0) {
          await page.keyboard.press('Escape');
          await page.locator('[data-testid="workflow-row"][data-name="Shopping list"]').getByTestId('workflow-open').click();
        }
        await page.getByTestId('canvas').waitFor();
        await expect.poll(() => page.getByTestId('canvas-node').count()).toBeGreaterThanOrEqual(9);
        // No error count shown, or 0 (innerText on a missing badge would wait the whole default timeout).
        const errors = page.getByTestId('problem-count-errors');
        await expect.poll(async () => ((await errors.count()) === 0 ? '' : await errors.innerText())).toMatch(/^0?$/);
        await shot('workflow-canvas');

        // A node added from the palette is not connected: the canvas marks it, undo takes it back.
        const before = await page.getByTestId('canvas-node').count();
        await page.locator('[data-testid="palette-item"][data-type="template-transform"]').click();
        await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(before + 1);
        await expect.poll(() => page.locator('[data-testid="canvas-node"][data-problems="error"]').count()).toBeGreaterThan(0);
        await shot('workflow-problem-marked');
        await page.getByTestId('undo').click();
        await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(before);

        await page.getByTestId('run-open').click();
        await page.locator('[data-testid="run-input"][data-name="items"]').fill('["tea", "milk"]');
        await page.getByTestId('run-start').click();
        await page.getByTestId('run-question').waitFor({ timeout: 30_000 });
        await expect.poll(() => page.getByTestId('run-question-text').innerText()).toContain('Who is the list for?');
        await shot('workflow-run-paused');
        await page.getByTestId('run-answer').fill('Ada');
        await page.getByTestId('run-answer-send').click();
        await expect.poll(() => page.getByTestId('run-status').getAttribute('data-phase'), { timeout: 30_000 }).toBe('succeeded');
        await expect.poll(() => page.getByTestId('run-output').innerText()).toContain('For Ada');
        await shot('workflow-run-finished');

        await page.getByTestId('workflow-publish').click();
        await page.getByTestId('workflow-publish-submit').click();
        await page.getByTestId('workflow-published-version').waitFor();
        await shot('workflow-published');
        const workflowId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
        const api = (path: string, body: unknown) =>
          fetch(`${platform!.hubUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, any> }));
        const paused = await api(`/v1/workflows/${workflowId}/runs`, { inputs: { items: ['bread'] } });
        expect(paused.body).toMatchObject({ status: 'paused' });
        const finished = await api(`/v1/workflows/${workflowId}/runs/${paused.body.id as string}/resume`, { answer: '' });
        expect(finished.body).toMatchObject({ status: 'succeeded', outputs: { result: 'For nobody' } });
        expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
      },
      step,
    );
    it(
      'creates a knowledge base, uploads a PDF and watches it ingest, hit-tests it, and the agent answers from it with a citation',
      async () => {
        const handbook = writePdf({
          title: 'Store handbook',
          pages: [
            ['Returns and refunds', 'Refunds are accepted within 30 days of purchase with the receipt.'],
            ['Shipping', 'Orders ship within 2 business days from the Berlin warehouse.'],
          ],
        });
        // The workflow test left the full-screen editor open.
        await page.goto(`${platform!.hubUrl}/knowledge`);
        await page.getByTestId('kb-create-empty').or(page.getByTestId('kb-create')).first().click();
        await page.getByTestId('kb-name').fill(lang === 'zh' ? '门店手册' : 'Store handbook');
        const embedding = await page.getByTestId('kb-embedding-model').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value).find((value) => value.endsWith('/fake-embed')));
        expect(embedding, 'the provider\'s embedding model is offered').toBeDefined();
        await page.getByTestId('kb-embedding-model').selectOption(embedding!);
        await shot('knowledge-create');
        await page.getByTestId('kb-create-submit').click();
        await page.getByTestId('kb-upload-input').setInputFiles({ name: 'handbook.pdf', mimeType: 'application/pdf', buffer: Buffer.from(handbook) });
        const status = page.locator('[data-testid="document-row"][data-name="handbook.pdf"]').getByTestId('document-status');
        await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
        await shot('knowledge-document-ready');

        await page.getByTestId('kb-tab-hit-test').click();
        await page.getByTestId('hit-query').fill('How many days for a refund?');
        await page.getByTestId('hit-submit').click();
        await expect.poll(() => page.getByTestId('hit-result').count()).toBeGreaterThan(0);
        await expect.poll(() => page.getByTestId('hit-result').first().innerText()).toContain('30 days');
        await shot('knowledge-hit-test');

        const answer = lang === 'zh' ? '收到商品后 30 天内可以退款 [1]。' : 'You can ask for a refund within 30 days [1].';
        await page.getByTestId('nav-agents').click();
        await page.getByTestId('agent-row').first().getByTestId('agent-open').click();
        await page.getByTestId('agent-form').waitFor();
        await page.getByTestId('agent-knowledge-base').first().check();
        const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes('/api/agents/'));
        await page.getByTestId('agent-save').click();
        expect((await saved).status()).toBe(200);
        fake!.script([{ toolCalls: [{ id: 'call_kb', name: 'knowledge_search', arguments: { query: 'refund days' } }] }, { content: answer }]);
        await page.getByTestId('chat-input').fill(lang === 'zh' ? '多少天内可以退款？' : 'How long do I have to ask for a refund?');
        await page.getByTestId('chat-send').click();
        await expect.poll(() => page.getByTestId('chat-message').last().innerText(), { timeout: 20_000 }).toContain(answer);
        const citation = page.getByTestId('chat-citation').last();
        await citation.waitFor();
        expect(await citation.innerText()).toContain('handbook.pdf');
        await citation.locator('summary').click();
        expect(await citation.innerText()).toContain('Refunds are accepted within 30 days');
        await shot('agent-answer-with-citation');
        expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
      },
      step,
    );
  },
);
