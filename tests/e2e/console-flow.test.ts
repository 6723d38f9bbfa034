import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
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

let fake: FakeOpenAI | undefined;

beforeAll(async () => {
  requireBuilds();
  fake = await startFakeOpenAI({ apiKey: llmKey, models: ['fake-chat', 'fake-embed'] });
}, 30_000);

afterAll(async () => {
  await fake?.close();
}, 30_000);

/** Debian's Chromium with a fresh profile in `profileDir` (Playwright takes it as a parameter, not as --user-data-dir). */
function launchChromium(profileDir: string, locale: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale,
    viewport: { width: 1360, height: 860 },
  });
}

describe.sequential.each(languages)(
  'the console in $lang',
  ({ lang, locale, htmlLang, signIn, spaceName }) => {
    const email = `admin-${lang}@example.com`;
    const shotsDir = join(repositoryRoot, 'test-output/e2e', lang);
    let platform: RunningPlatform | undefined;
    const profileDir = mkdtempSync(join(tmpdir(), `astron-e2e-chromium-${lang}-`));
    let context: BrowserContext | undefined;
    let page: Page;
    let shotNumber = 0;
    let apiKey = '';
    const pageErrors: string[] = [];

    async function shot(name: string): Promise<void> {
      shotNumber += 1;
      // Lets transitions (dialogs, toasts) settle so the picture shows the finished state.
      await page.waitForTimeout(200);
      await page.screenshot({
        path: join(shotsDir, `${String(shotNumber).padStart(2, '0')}-${name}.png`),
        fullPage: true,
      });
    }

    beforeAll(async () => {
      rmSync(shotsDir, { recursive: true, force: true });
      mkdirSync(shotsDir, { recursive: true });
      platform = await startPlatform();
      context = await launchChromium(profileDir, locale);
      context.setDefaultTimeout(15_000);
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => pageErrors.push(error.message));
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
  },
);
