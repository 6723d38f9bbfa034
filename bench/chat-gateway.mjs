// Streaming chat through the public gateway (hub → tenant key check → agent service → model) against the fake
// OpenAI server: time to first token through the gateway minus direct to the fake model, p50/p99 at 1 and 100
// concurrent streams, then the most concurrent streams held with no errors (ramp up to 1000). Two platforms:
// embedded (`astron start`: one process, PGlite) and distributed (tenant, agent and hub each its own process, as in
// Compose, on MariaDB and Redis). Loopback only; the agent is provisioned with the CLI before the platform starts.
// BENCH_CHAT_MODES=embedded,distributed picks them.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { startFakeOpenAI } from '../packages/testing/dist/fake-openai/index.js';
import { freePort, root, summarize, writeResult } from './lib.mjs';

const MODE_BUDGET_MS = Number(process.env.BENCH_CHAT_MAX_MS ?? 8 * 60_000);
const MODES = (process.env.BENCH_CHAT_MODES ?? 'embedded,distributed').split(',').map((mode) => mode.trim()).filter(Boolean);
const STREAM_TIMEOUT_MS = 60_000;
const progress = (line) => process.stderr.write(`chat-gateway: ${line}\n`);
const words = (count) => Array.from({ length: count }, (_, index) => `word${index % 10}`).join(' ');
const SHORT_REPLY = words(40);
// Ramp streams last ~3 s at 50 tokens/s, so that all of one level are open at the same time.
const LONG_REPLY = words(150);

const fake = await startFakeOpenAI({ apiKey: 'sk-bench', tokensPerSecond: 50, recordRequests: false });

function astron(env, ...args) {
  const run = spawnSync(process.execPath, [`${root}apps/cli/dist/main.js`, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`astron ${args.slice(0, 2).join(' ')} failed: ${run.stderr}`);
  return run.stdout.trim();
}

/** Space, provider, published agent and API key, through the CLI on the hub's database. */
function provision(env, cliArgs) {
  const { personalSpaceId: space } = JSON.parse(astron(env, 'admin', 'create', '--email', 'bench@example.test', '--password', 'bench password 123', '--json', ...cliArgs));
  astron(env, 'provider', 'add', '--space', space, '--name', 'Fake', '--base-url', fake.url, '--api-key', 'sk-bench', '--chat-model', 'fake-chat', ...cliArgs);
  const agentId = astron(env, 'agent', 'create', '--space', space, '--name', 'Bench', '--model', 'Fake/fake-chat', '--instructions', 'Answer.', '--publish', ...cliArgs);
  const { key } = JSON.parse(astron(env, 'apikey', 'create', '--space', space, '--json', ...cliArgs));
  progress(`provisioned agent ${agentId} in space ${space}`);
  return { agentId, key };
}

/** A child process stopped with SIGTERM; one that has not exited 20 s later is killed. Resolves true when killed. */
function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(false);
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (_code, signal) => {
      clearTimeout(kill);
      resolve(signal === 'SIGKILL');
    });
    child.kill('SIGTERM');
  });
}

/** Collects a child's last output, for the error when it dies. */
function capture(child) {
  let output = '';
  const onData = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return () => output;
}

/** `astron start`: every service in one process on PGlite. */
async function embeddedPlatform() {
  const dataDir = mkdtempSync(join(tmpdir(), 'astron-bench-chat-'));
  const hubPort = await freePort();
  const env = {
    ASTRON_DATA_DIR: dataDir, ASTRON_MODE: 'embedded', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000',
    CORE_TENANT_PORT: String(await freePort()), CORE_AGENT_PORT: String(await freePort()), CORE_WORKFLOW_PORT: String(await freePort()), CONSOLE_HUB_PORT: String(hubPort),
  };
  const { agentId, key } = provision(env, []);
  return {
    description: 'astron start, embedded (one process, PGlite)',
    hubPort, agentId, key,
    start() {
      const started = performance.now();
      const child = spawn(process.execPath, [`${root}apps/cli/dist/main.js`, 'start'], { cwd: root, env: { ...process.env, ...env } });
      const output = capture(child);
      const ready = new Promise((resolve, reject) => {
        const watch = setInterval(() => {
          if (/service\(s\) ready/.test(output())) {
            clearInterval(watch);
            resolve(performance.now() - started);
          }
        }, 20);
        child.once('exit', (code) => {
          clearInterval(watch);
          reject(new Error(`astron start exited ${code}: ${output()}`));
        });
      });
      return { ready, stop: () => stopChild(child) };
    },
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Tenant, agent and hub as separate processes with their Compose variables, on MariaDB 3306 and Redis 6379. */
async function distributedPlatform() {
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const ports = { tenant: await freePort(), agent: await freePort(), hub: await freePort() };
  const common = {
    ASTRON_MODE: 'distributed', LOG_LEVEL: 'warn',
    ASTRON_SERVICE_TOKEN: randomBytes(32).toString('hex'), ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'), ASTRON_ENCRYPTION_KEY_ID: 'k1',
    REDIS_ADDR: '127.0.0.1:6379', REDIS_PASSWORD: '',
  };
  const services = {
    tenant: { ...common, SERVICE_PORT: String(ports.tenant), DATABASE_DB_TYPE: 'mysql', DATABASE_URL: `(127.0.0.1:3306)/${prefix}_tenant`, DATABASE_USERNAME: 'root', DATABASE_PASSWORD: '', DATABASE_MAX_OPEN_CONNS: '20', DATABASE_MAX_IDLE_CONNS: '20' },
    agent: { ...common, SERVICE_PORT: String(ports.agent), MYSQL_HOST: '127.0.0.1', MYSQL_PORT: '3306', MYSQL_USER: 'root', MYSQL_PASSWORD: '', MYSQL_DB: `${prefix}_agent`, HUB_URL: `http://127.0.0.1:${ports.hub}` },
    hub: {
      ...common, SERVICE_PORT: String(ports.hub), PUBLIC_URL: `http://127.0.0.1:${ports.hub}`, MYSQL_URL: `jdbc:mysql://127.0.0.1:3306/${prefix}_console`, MYSQL_USERNAME: 'root', MYSQL_PASSWORD: '',
      TENANT_URL: `http://127.0.0.1:${ports.tenant}`, AGENT_URL: `http://127.0.0.1:${ports.agent}`, RATE_LIMIT_PER_MINUTE: '1000000', TRUST_PROXY: 'false',
    },
  };
  const envFile = join(tmpdir(), `${prefix}.env`);
  writeFileSync(envFile, Object.entries(services.hub).map(([name, value]) => `${name}=${value}`).join('\n'));
  return {
    description: 'tenant, agent and hub as three processes (Compose variables), MariaDB + Redis',
    hubPort: ports.hub,
    start() {
      const started = performance.now();
      const children = Object.entries(services).map(([name, env]) => {
        const child = spawn(process.execPath, [`${root}services/${name}/dist/main.js`], { cwd: root, env: { PATH: process.env.PATH, ...env } });
        return { name, child, output: capture(child) };
      });
      const ready = (async () => {
        for (;;) {
          const dead = children.find(({ child }) => child.exitCode !== null);
          if (dead !== undefined) throw new Error(`${dead.name} exited ${dead.child.exitCode}: ${dead.output()}`);
          const answers = await Promise.all(Object.values(ports).map((port) => fetch(`http://127.0.0.1:${port}/ready`).then((response) => response.ok, () => false)));
          if (answers.every(Boolean)) {
            const startupMs = performance.now() - started;
            // API keys are made by the tenant service, so a distributed platform is provisioned while it runs.
            Object.assign(this, provision({}, ['--config', envFile]));
            return startupMs;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      return { ready, stop: async () => (await Promise.all(children.map(({ child }) => stopChild(child)))).some(Boolean) };
    },
    async cleanup() {
      rmSync(envFile, { force: true });
      const admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
      for (const name of ['tenant', 'agent', 'console']) await admin.query(`DROP DATABASE IF EXISTS \`${prefix}_${name}\``);
      await admin.end();
    },
  };
}

const http = new Agent({ keepAlive: true, maxSockets: Infinity });
const direct = { url: new URL(`${fake.url}/chat/completions`), token: 'sk-bench', model: 'fake-chat' };
let deadline = Date.now() + MODE_BUDGET_MS;

/** One stream: time to its first content delta, and whether it ended with [DONE] and no error frame. */
function stream(target) {
  return new Promise((resolve) => {
    const started = performance.now();
    let firstToken = null;
    let buffer = '';
    let failure = null;
    const body = JSON.stringify({ model: target.model, stream: true, messages: [{ role: 'user', content: 'hello' }] });
    const call = request(target.url, { method: 'POST', agent: http, timeout: STREAM_TIMEOUT_MS, headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' } }, (response) => {
      if (response.statusCode !== 200) failure = `HTTP ${response.statusCode}`;
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        buffer += chunk;
        if (firstToken === null && /"content":"[^"]/.test(buffer)) firstToken = performance.now() - started;
        if (buffer.length > 200_000) buffer = buffer.slice(-1_000);
      });
      response.on('end', () => {
        if (failure === null && /"error"\s*:/.test(buffer)) failure = 'error frame';
        if (failure === null && !buffer.includes('data: [DONE]')) failure = 'no [DONE]';
        if (failure === null && firstToken === null) failure = 'no content';
        const errorAt = buffer.search(/"error"\s*:/);
        resolve({ firstToken, failure: failure === null ? null : `${failure}: ${buffer.slice(Math.max(0, errorAt), Math.max(0, errorAt) + 300)}` });
      });
      response.on('error', (error) => resolve({ firstToken, failure: error.message }));
      response.on('aborted', () => resolve({ firstToken, failure: 'aborted mid-stream' }));
    });
    const limit = setTimeout(() => call.destroy(new Error(`not done within ${STREAM_TIMEOUT_MS} ms`)), STREAM_TIMEOUT_MS);
    call.on('close', () => clearTimeout(limit));
    call.on('timeout', () => call.destroy(new Error(`no answer within ${STREAM_TIMEOUT_MS} ms`)));
    call.on('error', (error) => resolve({ firstToken, failure: error.message }));
    call.end(body);
  });
}

/** `rounds` waves of `concurrency` simultaneous streams; the peak of streams open at the fake model is sampled. */
async function wave(target, concurrency, rounds) {
  const samples = [];
  const failures = [];
  let peakOpen = 0;
  const sampler = setInterval(() => (peakOpen = Math.max(peakOpen, fake.activeRequests())), 20);
  for (let round = 0; round < rounds && Date.now() < deadline; round += 1) {
    for (const result of await Promise.all(Array.from({ length: concurrency }, () => stream(target)))) {
      if (result.failure === null) samples.push(result.firstToken);
      else failures.push(result.failure);
    }
  }
  clearInterval(sampler);
  return { samples, failures, peakOpen };
}

function overhead(concurrency, rounds, directRun, gatewayRun) {
  const d = summarize(directRun.samples);
  const g = summarize(gatewayRun.samples);
  const round = (value) => Math.round(value * 100) / 100;
  return {
    concurrency, rounds,
    overheadMs: { p50: round(g.p50 - d.p50), p99: round(g.p99 - d.p99) },
    directTtftMs: d, gatewayTtftMs: g,
    errors: { direct: directRun.failures.length, gateway: gatewayRun.failures.length, firstGatewayError: gatewayRun.failures[0] ?? null },
  };
}

/** One platform: start it, measure, stop it. */
async function measure(platform) {
  deadline = Date.now() + MODE_BUDGET_MS;
  fake.setDefaultReply({ content: SHORT_REPLY });
  const running = platform.start();
  running.ready.catch(() => {});
  try {
    const startupMs = await running.ready;
    const gateway = { url: new URL(`http://127.0.0.1:${platform.hubPort}/v1/chat/completions`), token: platform.key, model: platform.agentId };
    progress(`platform ready in ${Math.round(startupMs)} ms`);
    const warm = await wave(gateway, 4, 2); // warm-up: connections, JIT, caches
    progress(`warm-up: ${warm.samples.length} ok, ${warm.failures.length} failed ${warm.failures[0] ?? ''}`);
    const ttft = [];
    for (const [concurrency, rounds] of [[1, 40], [100, 3]]) {
      ttft.push(overhead(concurrency, rounds, await wave(direct, concurrency, rounds), await wave(gateway, concurrency, rounds)));
      progress(`ttft at ${concurrency}: ${JSON.stringify(ttft.at(-1).overheadMs)}, errors ${JSON.stringify(ttft.at(-1).errors)}`);
    }
    fake.setDefaultReply({ content: LONG_REPLY });
    const ramp = [];
    let held = 0;
    for (const concurrency of [100, 250, 500, 750, 1000]) {
      if (Date.now() > deadline) break;
      const started = performance.now();
      const run = await wave(gateway, concurrency, 1);
      ramp.push({ concurrency, ok: run.samples.length, errors: run.failures.length, peakOpenAtModel: run.peakOpen, seconds: Math.round(performance.now() - started) / 1000, ttftMs: summarize(run.samples), firstError: run.failures[0] ?? null });
      progress(`ramp ${concurrency}: ${JSON.stringify(ramp.at(-1))}`);
      if (run.failures.length > 0) break;
      held = concurrency;
    }
    return { platform: platform.description, platformStartupMs: Math.round(startupMs), ttft, maxConcurrentStreamsHeld: held, ramp };
  } finally {
    const killed = await running.stop();
    if (killed) progress('the platform did not stop within 20 s of SIGTERM and was killed');
  }
}

const runs = [];
try {
  for (const mode of MODES) {
    progress(`--- ${mode}`);
    const platform = mode === 'distributed' ? await distributedPlatform() : await embeddedPlatform();
    try {
      runs.push({ mode, ...(await measure(platform)) });
    } finally {
      await platform.cleanup();
    }
  }
  writeResult('chat-gateway', {
    unit: 'ms',
    setup: { model: 'fake OpenAI server in the benchmark process, 50 tokens/s', shortReplyTokens: 40, rampReplyTokens: 150 },
    target: 1000,
    runs,
  });
} finally {
  http.destroy();
  await fake.close();
}
