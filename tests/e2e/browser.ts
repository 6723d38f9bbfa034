import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium with a fresh profile in `profileDir` (Playwright takes it as a parameter, not as --user-data-dir). */
export function launchChromium(profileDir: string, locale: string): Promise<BrowserContext> {
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

/**
 * Full-page screenshots numbered in the order taken (`NN-<step>.png`), into `dir`, emptied first so a run shows
 * only its own steps.
 */
export function screenshots(page: Page, dir: string): (step: string) => Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let taken = 0;
  return async (step) => {
    taken += 1;
    // Lets transitions (dialogs, toasts) settle so the picture shows the finished state.
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(dir, `${String(taken).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}

/** First-run setup through the console's form, which signs the new administrator in. */
export async function setUpAdministrator(page: Page, hubUrl: string, account: { name: string; email: string; password: string }): Promise<void> {
  await page.goto(`${hubUrl}/`);
  await page.getByTestId('setup-form').waitFor();
  await page.getByTestId('setup-name').fill(account.name);
  await page.getByTestId('setup-email').fill(account.email);
  await page.getByTestId('setup-password').fill(account.password);
  await page.getByTestId('setup-confirm').fill(account.password);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** A model provider added through the console's form, its chat model made the space default. */
export async function addFakeProvider(page: Page, provider: { name: string; baseUrl: string; apiKey: string; chatModel: string }): Promise<void> {
  await page.getByTestId('nav-providers').click();
  await page.getByTestId('provider-add-empty').or(page.getByTestId('provider-add')).first().click();
  await page.getByTestId('provider-name').fill(provider.name);
  await page.getByTestId('provider-base-url').fill(provider.baseUrl);
  await page.getByTestId('provider-api-key').fill(provider.apiKey);
  await page.getByTestId('provider-model-add').click();
  await page.getByTestId('provider-model-id').last().fill(provider.chatModel);
  await page.getByTestId('provider-model-kind').last().selectOption('chat');
  await page.getByTestId('provider-submit').click();
  await page.getByTestId('provider-row').filter({ hasText: provider.name }).waitFor();
  await page.getByTestId('default-chat-model').selectOption({ index: 1 });
}
