/**
 * The container health check of every service image: exits 0 when GET /ready on SERVICE_PORT
 * answers 200 within 4 s. Run as `node packages/kit/dist/http/healthcheck.js`.
 */
const port = process.env.SERVICE_PORT ?? '';
if (!/^\d+$/.test(port)) {
  console.error('healthcheck: SERVICE_PORT is not set to a port number');
  process.exit(2);
}
try {
  const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) console.error(`healthcheck: /ready answered ${response.status}: ${await response.text()}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
