import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dropNamespace, openDatabase, type Database } from '@astron/kit/db';
import { testServers, uniqueName } from '@astron/testing/servers';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chain, flow, node, ref } from './engine/test-flows.js';
import type { WorkflowSchema } from './store/tables.js';
import { sseEvents, startTestWorkflow, workflowTestSecrets, type WorkflowUnderTest } from './test-harness.js';

// Queue mode as deployed: runs are BullMQ jobs on the real Redis, executed by `astron worker` processes; the API
// instance here only accepts runs and relays their events. One worker is SIGKILLed in the middle of a run.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = `${root}apps/cli/dist/main.js`;
const namespace = uniqueName('wf_queue');
const prefix = uniqueName('wfq');
const { postgres } = testServers;
const env: Record<string, string> = {
  ...workflowTestSecrets,
  ASTRON_MODE: 'distributed',
  LOG_LEVEL: 'warn',
  DATABASE_URL: `postgres://${postgres.user}:${postgres.password}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${namespace}`,
  REDIS_ADDR: '127.0.0.1:6379',
  WORKFLOW_QUEUE_PREFIX: prefix,
  WORKFLOW_LEASE_MS: '1500',
  EGRESS_ALLOW_HOSTS: '127.0.0.1',
};

let api: WorkflowUnderTest;
let target: Server;
let targetUrl: string;
const hits = new Map<string, number>();
let slowArrived: () => void = () => undefined;
const workers: { child: ChildProcess; owner: string }[] = [];

function startWorker(): Promise<{ child: ChildProcess; owner: string }> {
  const child = spawn(process.execPath, [cli, 'worker'], { cwd: root, env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const owner = /taking workflow runs as (\S+)/.exec(output)?.[1];
      if (owner !== undefined) resolve({ child, owner });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`astron worker exited ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npx tsc -b; npm test does it)`);
  target = createServer((request, response) => {
    const path = request.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/slow') {
      slowArrived();
      setTimeout(() => response.writeHead(200).end('slow done'), 2_500);
      return;
    }
    response.writeHead(200).end(`${path} done`);
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  api = await startTestWorkflow({ ...env, WORKFLOW_EXECUTE: 'false' });
  workers.push(await startWorker(), await startWorker());
}, 120_000);

afterAll(async () => {
  for (const { child } of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(workers.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve)))));
  await api?.service.stop();
  await new Promise((resolve) => target?.close(resolve));
  const redis = new Redis({ host: '127.0.0.1', port: 6379 });
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  const database: Database<WorkflowSchema> = await openDatabase<WorkflowSchema>({ kind: 'postgres', ...postgres, namespace, pool: { maxOpen: 1, maxIdle: 0 } });
  await dropNamespace(database);
  await database.close();
}, 60_000);

describe('queue mode with astron worker processes', () => {
  test('a worker killed mid-run: another finishes the run, no finished node runs twice, the reader misses nothing', async () => {
    const start = node('node-start');
    const first = node('http-request', { param: { url: `${targetUrl}/a` } });
    const slow = node('http-request', { param: { url: `${targetUrl}/slow` } });
    const last = node('http-request', { param: { url: `${targetUrl}/c` } });
    const end = node('node-end', { inputs: { a: ref(first.id, 'body'), slow: ref(slow.id, 'body'), c: ref(last.id, 'body') } });
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve));

    // The caller streams the run through the API instance while workers execute it.
    const streamed = api.call('POST', '/workflow/runs', { body: { workflowId: 'wf_queue', workflow: flow([start, first, slow, last, end], chain(start, first, slow, last, end)), stream: true } });
    await arrived;
    const database: Database<WorkflowSchema> = await openDatabase<WorkflowSchema>({ kind: 'postgres', ...postgres, namespace, pool: { maxOpen: 1, maxIdle: 0 } });
    const holder = await database.kysely.selectFrom('runs').select(['id', 'lease_owner']).where('workflow_id', '=', 'wf_queue').executeTakeFirstOrThrow();
    await database.close();
    const victim = workers.find((worker) => worker.owner === holder.lease_owner);
    expect(victim, `the run is held by one of the workers (${holder.lease_owner ?? 'nobody'})`).toBeDefined();
    victim!.child.kill('SIGKILL');

    const events = sseEvents((await streamed).text);
    expect(events.at(-1)).toMatchObject({ event: 'run-finished', data: { outputs: { a: '/a done', slow: 'slow done', c: '/c done' } } });
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    // The node that had finished ran once; the one that was running when its worker died ran again; the rest once.
    expect(hits.get('/a')).toBe(1);
    expect(hits.get('/slow')).toBe(2);
    expect(hits.get('/c')).toBe(1);
    const details = await api.call('GET', `/workflow/runs/${holder.id}`);
    expect(details.body).toMatchObject({ status: 'succeeded' });
    expect(details.body.nodes.find((item: { nodeId: string }) => item.nodeId === slow.id)).toMatchObject({ status: 'succeeded', attempt: 1 });
  }, 90_000);
});
