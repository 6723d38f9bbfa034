// Signed-request verification through the tenant's HTTP API (what the gateway does for every signed public call):
// requests per second and latency at 1 and 16 concurrent callers, embedded PGlite.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { signServiceToken } from '../packages/kit/dist/crypto/index.js';
import { loadConfig, signRequest, startTenant } from '../services/tenant/dist/index.js';
import { summarize, writeResult } from './lib.mjs';

const serviceToken = randomBytes(24).toString('hex');
const config = loadConfig({ LOG_LEVEL: 'silent', ASTRON_SERVICE_TOKEN: serviceToken, ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
config.service.port = 0;
config.database = { ...config.database, dataDir: null };
const tenant = await startTenant(config);
const headers = (space) => ({ authorization: `Service ${signServiceToken(serviceToken, { caller: 'bench', ...(space ? { space } : {}) })}`, 'content-type': 'application/json' });
const post = async (path, body, space) => (await fetch(`${tenant.url}${path}`, { method: 'POST', headers: headers(space), body: JSON.stringify(body) })).json();

const app = await post('/apps', { name: 'bench' }, 'space_bench');
const key = await post(`/apps/${app.id}/keys`, {}, 'space_bench');
const body = '{"inputs":{"question":"hello"}}';
const bodySha256 = createHash('sha256').update(body).digest('base64');

async function verifyOnce() {
  const signed = signRequest(key, { method: 'POST', target: '/v1/workflows/wf/runs', body, requestId: randomUUID() });
  const started = performance.now();
  const response = await fetch(`${tenant.url}/verify/signature`, { method: 'POST', headers: headers(), body: JSON.stringify({ method: 'POST', target: '/v1/workflows/wf/runs', headers: signed, bodySha256 }) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`verification answered ${response.status}`);
  return performance.now() - started;
}

async function measure(concurrency, total) {
  const latencies = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (issued < total) {
      issued += 1;
      latencies.push(await verifyOnce());
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { concurrency, requests: latencies.length, perSecond: Math.round(latencies.length / seconds), latencyMs: summarize(latencies) };
}

await measure(4, 200); // warm-up
const results = [await measure(1, 500), await measure(16, 2000)];
await tenant.stop();
writeResult('tenant-verify', { unit: 'ms', results });
