import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeRpa, QUERY_PATH, type FakeRpa } from '@astron/testing/fake-rpa';
import { testServers, uniqueName } from '@astron/testing/servers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORM_TOKEN, platformEnv, startTestRpa, type RpaUnderTest } from '../test-harness.js';

const { postgres } = testServers;
const schema = uniqueName('rpa');
const databaseEnv = { DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${schema}` };

let fake: FakeRpa;
let rpa: RpaUnderTest;

/** Started for one test, stopped after it whatever happens. */
async function withRpa(env: Record<string, string>, use: (service: RpaUnderTest) => Promise<void>): Promise<void> {
  const service = await startTestRpa({ ...databaseEnv, ...env });
  try {
    await use(service);
  } finally {
    await service.stop();
  }
}

beforeAll(async () => {
  fake = await startFakeRpa({ tokens: [PLATFORM_TOKEN], robots: { 'report-bot': { pendingPolls: 0 } } });
  rpa = await startTestRpa({ ...databaseEnv, ...platformEnv(fake) });
});

afterAll(async () => {
  await rpa.stop();
  await fake.close();
  const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: postgres.database });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

describe('GET /rpa/v1/status', () => {
  test('a configured platform that answers is reachable; the probe carries no token, whatever the caller sent', async () => {
    const seen = fake.state.requests.length;
    const answer = await rpa.call('GET', '/rpa/v1/status');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ configured: true, reachable: true, message: null });
    const probes = fake.state.requests.slice(seen);
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatchObject({ method: 'GET', path: `${QUERY_PATH}/astron-status-probe` });
    expect(probes[0]?.headers.authorization).toBeUndefined();
    expect(answer.text).not.toContain(PLATFORM_TOKEN);
  });

  test('probe=false answers from the configuration without calling the platform', async () => {
    const seen = fake.state.requests.length;
    expect((await rpa.call('GET', '/rpa/v1/status?probe=false')).body).toEqual({ configured: true, reachable: null, message: null });
    expect(fake.state.requests).toHaveLength(seen);
  });

  test('a platform answering a server error, refusing connections or staying silent is unreachable', async () => {
    fake.state.faults.query.push(503);
    const failing = await rpa.call('GET', '/rpa/v1/status');
    expect(failing.body).toMatchObject({ configured: true, reachable: false, message: expect.stringContaining('HTTP 503') });

    const closed = { XIAOWU_RPA_TASK_CREATE_URL: 'http://127.0.0.1:9/create', XIAOWU_RPA_TASK_QUERY_URL: 'http://127.0.0.1:9/query' };
    await withRpa(closed, async (service) => {
      expect((await service.call('GET', '/rpa/v1/status')).body).toMatchObject({ configured: true, reachable: false, message: expect.stringContaining('could not reach the RPA platform') });
    });

    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await withRpa({ XIAOWU_RPA_TASK_CREATE_URL: `${origin}/create`, XIAOWU_RPA_TASK_QUERY_URL: `${origin}/query`, RPA_PLATFORM_REQUEST_TIMEOUT: '0.3' }, async (service) => {
        const started = Date.now();
        const answer = await service.call('GET', '/rpa/v1/status');
        expect(answer.body).toMatchObject({ configured: true, reachable: false, message: expect.stringContaining('did not answer in time') });
        expect(Date.now() - started).toBeLessThan(2_000);
      });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('without platform URLs it is not configured, naming the variables', async () => {
    await withRpa({}, async (service) => {
      const answer = await service.call('GET', '/rpa/v1/status');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ configured: false, reachable: false, message: expect.stringContaining('XIAOWU_RPA_TASK_CREATE_URL') });
    });
  });

  test('only our services acting in a space may ask; a bad probe flag is a 400', async () => {
    expect((await rpa.call('GET', '/rpa/v1/status', { serviceToken: false })).status).toBe(401);
    expect((await rpa.call('GET', '/rpa/v1/status', { space: null })).status).toBe(403);
    const bad = await rpa.call('GET', '/rpa/v1/status?probe=maybe');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('probe');
  });
});
