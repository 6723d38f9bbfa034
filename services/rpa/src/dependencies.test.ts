import { startFakeRpa, type FakeRpa } from '@astron/testing/fake-rpa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { rpaService } from './index.js';

let fake: FakeRpa;
beforeAll(async () => {
  fake = await startFakeRpa({ tokens: [] });
});
afterAll(async () => {
  await fake?.close();
});

const names = (env: Record<string, string>) => rpaService.dependencies(loadConfig(env)).map((dependency) => dependency.name);
const platformCheck = (env: Record<string, string>) => rpaService.dependencies(loadConfig(env)).find((dependency) => dependency.name === 'rpa platform')!;

describe('what astron doctor checks for rpa', () => {
  test('the platform only when its URLs are set; reachable passes, a dead one names why and what to fix', async () => {
    expect(names({ ASTRON_DATA_DIR: '/data' })).toEqual(['database']);
    const live = platformCheck({ ASTRON_DATA_DIR: '/data', XIAOWU_RPA_TASK_CREATE_URL: fake.urls.create, XIAOWU_RPA_TASK_QUERY_URL: fake.urls.query, RPA_PLATFORM_REQUEST_TIMEOUT: '2' });
    expect(live.target).toContain(new URL(fake.urls.query).host);
    await expect(live.check()).resolves.toBeUndefined();

    const dead = platformCheck({ ASTRON_DATA_DIR: '/data', XIAOWU_RPA_TASK_CREATE_URL: 'http://127.0.0.1:9/tasks', XIAOWU_RPA_TASK_QUERY_URL: 'http://127.0.0.1:9/tasks/', RPA_PLATFORM_REQUEST_TIMEOUT: '2' });
    await expect(dead.check()).rejects.toThrow(/127\.0\.0\.1:9|refused|reach/i);
    expect(dead.fix).toContain('XIAOWU_RPA_TASK_QUERY_URL');
  });
});
