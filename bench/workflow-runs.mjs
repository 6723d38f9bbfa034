// Workflow runs through the workflow service's HTTP API with every run and node run persisted: a 10-node transform
// chain (node-start, 8 text-joiner / template nodes, node-end), blocking calls, runs per second and latency p50/p99
// at 1 and 10 concurrent clients, and the per-node overhead (p50 latency / 10). Two setups:
//   embedded: one workflow service, in-memory queue, PGlite;
//   queue:    the API process (WORKFLOW_EXECUTE=false) and two `astron worker` processes, PostgreSQL 5432 + Redis 6379.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { signServiceToken } from '../packages/kit/dist/crypto/index.js';
import { dropNamespace, openDatabase } from '../packages/kit/dist/db/index.js';
import { loadConfig, startWorkflow } from '../services/workflow/dist/index.js';
import { root, summarize, writeResult } from './lib.mjs';

const progress = (line) => process.stderr.write(`workflow-runs: ${line}\n`);
const secrets = { ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'), ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
// Signed per call: service tokens are short-lived, and a slow machine can take longer than their lifetime.
const headers = () => ({ authorization: `Service ${signServiceToken(secrets.ASTRON_SERVICE_TOKEN, { caller: 'bench', space: 'space_bench', app: 'app_bench' })}`, 'content-type': 'application/json' });

let counter = 0;
const id = (type) => `${type}::bench-${(counter += 1)}`;
const ref = (nodeId, name) => ({ type: 'ref', content: { nodeId, name } });
function chainWorkflow() {
  const start = { id: id('node-start'), data: { nodeMeta: { aliasName: 'start' }, inputs: [], outputs: [{ name: 'text', schema: { type: 'string' } }], nodeParam: {} } };
  const nodes = [start];
  let previous = { nodeId: start.id, name: 'text' };
  for (let index = 0; index < 8; index += 1) {
    const type = index % 2 === 0 ? 'text-joiner' : 'template-transform';
    const node = {
      id: id(type),
      data: {
        nodeMeta: { aliasName: `step ${index + 1}` },
        inputs: [{ name: 'text', schema: { type: 'string', value: ref(previous.nodeId, previous.name) } }],
        outputs: [{ name: 'output', schema: { type: 'string' } }],
        nodeParam: type === 'text-joiner' ? { prompt: '{{text}}+' } : { template: '{{ text | upcase }}' },
      },
    };
    nodes.push(node);
    previous = { nodeId: node.id, name: 'output' };
  }
  const end = { id: id('node-end'), data: { nodeMeta: { aliasName: 'end' }, inputs: [{ name: 'result', schema: { type: 'string', value: ref(previous.nodeId, previous.name) } }], outputs: [], nodeParam: { outputMode: 0 } } };
  nodes.push(end);
  return { nodes, edges: nodes.slice(1).map((node, index) => ({ sourceNodeId: nodes[index].id, targetNodeId: node.id })) };
}
const workflow = chainWorkflow();

async function runOnce(url) {
  const started = performance.now();
  const response = await fetch(`${url}/workflow/runs`, { method: 'POST', headers: headers(), body: JSON.stringify({ workflowId: 'wf_bench', workflow, inputs: { text: 'go' } }) });
  const run = await response.json();
  if (response.status !== 200 || run.status !== 'succeeded') throw new Error(`run answered ${response.status}: ${JSON.stringify(run).slice(0, 300)}`);
  return performance.now() - started;
}

async function measure(url, concurrency, total) {
  const latencies = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (issued < total) {
      issued += 1;
      latencies.push(await runOnce(url));
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const latency = summarize(latencies);
  return { concurrency, runs: total, runsPerSecond: Math.round((total / seconds) * 10) / 10, latencyMs: latency, perNodeOverheadMs: Math.round((latency.p50 / workflow.nodes.length) * 100) / 100 };
}

async function measureAll(url) {
  await measure(url, 2, 10); // warm-up
  const results = [];
  for (const [concurrency, total] of [[1, 60], [10, 200]]) {
    results.push(await measure(url, concurrency, total));
    progress(JSON.stringify(results.at(-1)));
  }
  return results;
}

async function embedded() {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...secrets });
  config.service.port = 0;
  config.database = { ...config.database, dataDir: null };
  const service = await startWorkflow(config);
  try {
    return { setup: 'one workflow service, in-process queue, PGlite in memory', results: await measureAll(service.url) };
  } finally {
    await service.stop();
  }
}

async function queueMode() {
  const namespace = `bench_wf_${randomBytes(4).toString('hex')}`;
  const env = {
    ...secrets,
    ASTRON_MODE: 'distributed',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/test?schema=${namespace}`,
    REDIS_ADDR: '127.0.0.1:6379',
    WORKFLOW_QUEUE_PREFIX: namespace,
  };
  const config = loadConfig({ ...env, WORKFLOW_EXECUTE: 'false' });
  config.service.port = 0;
  const api = await startWorkflow(config);
  const workers = [0, 1].map(() => spawn(process.execPath, [`${root}apps/cli/dist/main.js`, 'worker'], { cwd: root, env: { ...process.env, ...env } }));
  await Promise.all(workers.map((child) => new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('taking workflow runs')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`astron worker exited ${code}: ${output}`)));
  })));
  try {
    return { setup: 'API process + 2 astron worker processes, PostgreSQL + Redis (BullMQ)', results: await measureAll(api.url) };
  } finally {
    await Promise.all(workers.map((child) => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    })));
    await api.stop();
    const database = await openDatabase({ kind: 'postgres', host: '127.0.0.1', port: 5432, user: 'postgres', password: '', database: 'test', namespace, pool: { maxOpen: 1, maxIdle: 0 } });
    await dropNamespace(database);
    await database.close();
  }
}

progress('embedded');
const embeddedResult = await embedded();
progress('queue mode');
const queueResult = await queueMode();
writeResult('workflow-runs', { unit: 'ms', workflow: '10 nodes: start, 8 transforms (text-joiner / Liquid), end; blocking HTTP calls', embedded: embeddedResult, queue: queueResult });
