import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, test } from 'vitest';
import { createHttpApp, serviceCaller, type HttpApp } from '../http/index.js';
import { createLogger } from '../log/index.js';
import { createServiceClient } from '../service-client/index.js';
import { initTelemetry, type Telemetry } from './index.js';

const secret = 'a-test-service-secret-of-32-characters!';
const logger = createLogger({ service: 'test', level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function twoServices(): Promise<string> {
  const callee = await createHttpApp({ name: 'callee', version: '1', logger });
  callee.app.get('/whoami', async (request) => ({
    traceId: trace.getActiveSpan()?.spanContext().traceId,
    caller: serviceCaller(request, secret).caller,
  }));
  const calleeUrl = await callee.listen({ port: 0, host: '127.0.0.1' });
  const caller = await createHttpApp({ name: 'caller', version: '1', logger });
  const client = createServiceClient({ baseUrl: calleeUrl, serviceToken: secret, caller: 'caller' });
  caller.app.get('/relay', async () => ({
    mine: trace.getActiveSpan()?.spanContext().traceId,
    theirs: await client.call<{ traceId: string; caller: string }>('GET', '/whoami'),
  }));
  const callerUrl = await caller.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => callee.stop(), () => caller.stop());
  return callerUrl;
}

function track(telemetry: Telemetry, apps: HttpApp[] = []) {
  cleanups.push(async () => {
    for (const app of apps) await app.stop();
    await telemetry.shutdown();
  });
}

describe('telemetry', () => {
  test('a call between services continues the caller trace (W3C traceparent)', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = initTelemetry({ serviceName: 'test', spanExporter: exporter });
    track(telemetry);
    const url = await twoServices();
    const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const result = (await (await fetch(`${url}/relay`, { headers: { traceparent: incoming } })).json()) as {
      mine: string;
      theirs: { traceId: string; caller: string };
    };
    expect(result.mine).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(result.theirs).toEqual({ traceId: result.mine, caller: 'caller' });
  });

  test('spans are exported over OTLP/HTTP when an endpoint is set', async () => {
    const received: { path: string; body: string }[] = [];
    const receiver = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => receiver.close(() => resolve())));
    const port = (receiver.address() as AddressInfo).port;
    const telemetry = initTelemetry({ serviceName: 'exported-service', otlpEndpoint: `127.0.0.1:${port}` });
    expect(telemetry.exporting).toBe(true);
    const url = await twoServices();
    expect((await fetch(`${url}/relay`)).status).toBe(200);
    await telemetry.shutdown();
    const traces = received.filter((item) => item.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.map((item) => item.body).join('')).toContain('exported-service');
    const exportedMetrics = received.filter((item) => item.path === '/v1/metrics').map((item) => item.body).join('');
    expect(exportedMetrics).toContain('http.server.request.duration');
  });
});
