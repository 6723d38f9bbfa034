import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFactory, failure, lookups, startTestServer, type TestServer } from './test-support.js';

const { client, closeAll } = clientFactory();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await closeAll();
  await server.close();
});

describe('allowed requests', () => {
  it('GETs JSON from an allowlisted network and reports status, headers and URL', async () => {
    const response = await client({ allowHosts: ['127.0.0.1/32'] }).request(`${server.origin}/json`);
    expect(response).toMatchObject({ status: 200, ok: true, url: `${server.origin}/json`, redirects: [] });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ hello: 'world' });
    expect(await response.text()).toBe('{"hello":"world"}');
    expect((await response.buffer()).byteLength).toBe(17);
    expect((await response.arrayBuffer()).byteLength).toBe(17);
  });

  it('POSTs a body with headers, and passes a 404 through as a response', async () => {
    const egress = client({ allowHosts: ['127.0.0.1'], userAgent: 'astron-test' });
    const response = await egress.request(`${server.origin}/echo`, {
      method: 'post',
      headers: { 'content-type': 'application/json', 'x-trace': 'abc', host: 'spoofed.example' },
      body: JSON.stringify({ question: 42 }),
    });
    const echoed = await response.json<{ method: string; headers: Record<string, string>; body: string }>();
    expect(echoed.method).toBe('POST');
    expect(JSON.parse(echoed.body)).toEqual({ question: 42 });
    expect(echoed.headers).toMatchObject({
      'x-trace': 'abc',
      'user-agent': 'astron-test',
      host: `127.0.0.1:${server.port}`,
    });
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    const missing = await egress.request(`${server.origin}/missing`);
    expect(missing).toMatchObject({ status: 404, ok: false });
    expect(await missing.text()).toBe('no such thing');
  });

  it('connects to the address it vetted: a made-up name reaches the server through the resolver', async () => {
    lookups.length = 0;
    const response = await client({ allowHosts: ['pinned.test'] }).request(
      `http://pinned.test:${server.port}/json`,
    );
    expect(response.status).toBe(200);
    expect(lookups).toEqual(['pinned.test']);
  });

  it('reaches loopback with allowPrivate, but never cloud metadata', async () => {
    const egress = client({ allowPrivate: true });
    expect((await egress.request(`${server.origin}/json`)).status).toBe(200);
    const error = await failure(egress.request('http://169.254.169.254/latest/meta-data/'));
    expect(error).toMatchObject({ status: 403, code: 'egress_blocked' });
    expect(error.message).toContain('EGRESS_ALLOW_PRIVATE does not cover cloud metadata');
  });
});

describe('limits and failures', () => {
  it('refuses a response declared larger than maxResponseBytes', async () => {
    const error = await failure(
      client({ allowHosts: ['127.0.0.1/32'], maxResponseBytes: 1024 * 1024 }).request(`${server.origin}/big`),
    );
    expect(error).toMatchObject({ status: 413, code: 'egress_response_too_large' });
  });

  it('cuts an endless response at maxResponseBytes and closes the connection', async () => {
    const error = await failure(
      client({ allowHosts: ['127.0.0.1/32'], maxResponseBytes: 256 * 1024 }).request(
        `${server.origin}/endless`,
      ),
    );
    expect(error).toMatchObject({ status: 413, code: 'egress_response_too_large' });
    expect(await server.endlessClosed()).toBe(true);
  });

  it('times out waiting for headers, and while the body stalls', async () => {
    const egress = client({ allowHosts: ['127.0.0.1/32'], timeoutMs: 250 });
    const started = Date.now();
    expect(await failure(egress.request(`${server.origin}/stall`))).toMatchObject({
      status: 504,
      code: 'egress_timeout',
      retryable: true,
    });
    expect(await failure(egress.request(`${server.origin}/stall-body`, { timeoutMs: 200 }))).toMatchObject({
      code: 'egress_timeout',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps to the total timeout while DNS does not answer', async () => {
    // The abandoned connect lives on until its own timeout; a short one lets close() finish quickly.
    const egress = client({
      timeoutMs: 200,
      connectTimeoutMs: 400,
      resolver: () => new Promise(() => undefined),
    });
    const started = Date.now();
    expect(await failure(egress.request('http://slow-dns.test/'))).toMatchObject({ code: 'egress_timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('passes a caller abort through as the abort reason', async () => {
    const controller = new AbortController();
    const pending = client({ allowHosts: ['127.0.0.1/32'] }).request(`${server.origin}/stall`, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(pending).rejects.toThrow('user cancelled');
  });

  it('reports DNS failures and refused connections as 502', async () => {
    expect(await failure(client().request('http://nowhere.test/'))).toMatchObject({
      status: 502,
      code: 'egress_dns_failed',
    });
    const closedPort = await failure(client({ allowHosts: ['127.0.0.1/32'] }).request('http://127.0.0.1:9/'));
    expect(closedPort).toMatchObject({ status: 502, code: 'egress_connect_failed', retryable: true });
    expect(closedPort.message).toContain('ECONNREFUSED');
  });
});
