// Streaming chat through the public gateway (hub → tenant key check → agent service → model) against the fake
// OpenAI server: time to first token through the gateway minus direct to the fake model, p50/p99 at 1 and 100
// concurrent streams, then the most concurrent streams held with no errors (ramp up to 1000). Embedded mode,
// loopback only; the agent is provisioned with the CLI (`astron agent create`) before the platform starts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '../packages/testing/dist/fake-openai/index.js';
import { freePort, root, summarize, writeResult } from './lib.mjs';

const DEADLINE = Date.now() + Number(process.env.BENCH_CHAT_MAX_MS ?? 8 * 60_000);
const STREAM_TIMEOUT_MS = 60_000;
const progress = (line) => process.stderr.write(`chat-gateway: ${line}\n`);
const words = (count) => Array.from({ length: count }, (_, index) => `word${index % 10}`).join(' ');
const SHORT_REPLY = words(40);
// Ramp streams last ~3 s at 50 tokens/s, so that all of one level are open at the same time.
const LONG_REPLY = words(150);

const fake = await startFakeOpenAI({ apiKey: 'sk-bench', tokensPerSecond: 50, recordRequests: false });
fake.setDefaultReply({ content: SHORT_REPLY });
const dataDir = mkdtempSync(join(tmpdir(), 'astron-bench-chat-'));
const hubPort = await freePort();
const env = {
  ASTRON_DATA_DIR: dataDir, ASTRON_MODE: 'embedded', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000',
  CORE_TENANT_PORT: String(await freePort()), CORE_AGENT_PORT: String(await freePort()), CONSOLE_HUB_PORT: String(hubPort),
};

function astron(...args) {
  const run = spawnSync(process.execPath, [`${root}apps/cli/dist/main.js`, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`astron ${args.slice(0, 2).join(' ')} failed: ${run.stderr}`);
  return run.stdout.trim();
}

const { personalSpaceId: space } = JSON.parse(astron('admin', 'create', '--email', 'bench@example.test', '--password', 'bench password 123', '--json'));
astron('provider', 'add', '--space', space, '--name', 'Fake', '--base-url', fake.url, '--api-key', 'sk-bench', '--chat-model', 'fake-chat');
const agentId = astron('agent', 'create', '--space', space, '--name', 'Bench', '--model', 'Fake/fake-chat', '--instructions', 'Answer.', '--publish');
const { key } = JSON.parse(astron('apikey', 'create', '--space', space, '--json'));
progress(`provisioned agent ${agentId} in space ${space}`);
/** Like lib.mjs startPlatform, but a platform that does not stop within 20 s of SIGTERM is killed. */
function startPlatform() {
  const started = performance.now();
  const child = spawn(process.execPath, [`${root}apps/cli/dist/main.js`, 'start'], { cwd: root, env: { ...process.env, ...env } });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (/service\(s\) ready/.test(output)) resolve(performance.now() - started);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`astron start exited ${code}: ${output}`)));
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(false);
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (_code, signal) => {
      clearTimeout(kill);
      resolve(signal === 'SIGKILL');
    });
    child.kill('SIGTERM');
  });
  return { ready, stop };
}

const platform = startPlatform();
platform.ready.catch(() => {});

const http = new Agent({ keepAlive: true, maxSockets: Infinity });
const direct = { url: new URL(`${fake.url}/chat/completions`), token: 'sk-bench', model: 'fake-chat' };
const gateway = { url: new URL(`http://127.0.0.1:${hubPort}/v1/chat/completions`), token: key, model: agentId };

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
  for (let round = 0; round < rounds && Date.now() < DEADLINE; round += 1) {
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

try {
  const startupMs = await platform.ready;
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
    if (Date.now() > DEADLINE) break;
    const started = performance.now();
    const run = await wave(gateway, concurrency, 1);
    ramp.push({ concurrency, ok: run.samples.length, errors: run.failures.length, peakOpenAtModel: run.peakOpen, seconds: Math.round(performance.now() - started) / 1000, ttftMs: summarize(run.samples), firstError: run.failures[0] ?? null });
    progress(`ramp ${concurrency}: ${JSON.stringify(ramp.at(-1))}`);
    if (run.failures.length > 0) break;
    held = concurrency;
  }
  writeResult('chat-gateway', {
    unit: 'ms',
    setup: { model: 'fake OpenAI server in the benchmark process, 50 tokens/s', shortReplyTokens: 40, rampReplyTokens: 150, platform: 'astron start, embedded (PGlite)', platformStartupMs: Math.round(startupMs) },
    ttft,
    maxConcurrentStreamsHeld: held,
    target: 1000,
    ramp,
  });
} finally {
  http.destroy();
  if (await platform.stop()) progress('the platform did not stop within 20 s of SIGTERM and was killed');
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}
