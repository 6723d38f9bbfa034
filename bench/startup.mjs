// Time from `astron start` to every service ready, embedded mode: first start on an empty data directory
// (PGlite initdb + migrations) and later starts on existing data. Target: ready within 10 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPlatform, summarize, writeResult } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const cold = [];
const warm = [];
for (let run = 0; run < runs; run += 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'astron-bench-'));
  const env = { ASTRON_DATA_DIR: dataDir, CORE_TENANT_PORT: String(await freePort()), CORE_AGENT_PORT: String(await freePort()), CORE_WORKFLOW_PORT: String(await freePort()), CONSOLE_HUB_PORT: String(await freePort()), ASTRON_MODE: 'embedded' };
  try {
    const first = startPlatform(env);
    cold.push(await first.ready);
    await first.stop();
    const second = startPlatform(env);
    warm.push(await second.ready);
    await second.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
writeResult('startup', { unit: 'ms', targetMs: 10_000, coldStart: summarize(cold), warmStart: summarize(warm), samples: { cold, warm } });
