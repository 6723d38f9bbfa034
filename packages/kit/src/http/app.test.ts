import { testServers } from '@astron/testing/servers';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { notFound } from '../errors/index.js';
import { createLogger } from '../log/index.js';
import { createHttpApp, type HttpApp } from './index.js';

const silent = createLogger({ service: 'test', level: 'silent' });
const opened: HttpApp[] = [];

async function start(readiness: Record<string, () => Promise<void>> = {}, extraRoutes?: (http: HttpApp) => void) {
  const http = await createHttpApp({ name: 'probe', version: '1.2.3', logger: silent, readiness, bodyLimitBytes: 1024 });
  extraRoutes?.(http);
  http.app.post(
    '/things',
    { schema: { body: z.object({ name: z.string().min(1), count: z.number().int() }) } },
    async (request) => ({ created: request.body.name }),
  );
  http.app.get('/missing', async () => {
    throw notFound('thing', 't1');
  });
  http.app.get('/boom', async () => {
    throw new Error('secret internal detail');
  });
  http.app.get('/stream', async (request, reply) => {
    const stream = http.eventStream(request, reply);
    stream.send({ event: 'hello', data: { n: 1 }, id: '1' });
  });
  http.app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { finished: true };
  });
  const url = await http.listen({ port: 0, host: '127.0.0.1' });
  opened.push(http);
  return { http, url };
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((http) => http.stop()));
});

describe('http app factory', () => {
  test('validation errors name the field and never leak internals', async () => {
    const { url } = await start();
    const bad = await fetch(`${url}/things`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"","count":1.5}' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; message: string };
    expect(body.code).toBe('validation_failed');
    expect(body.message).toContain('body.name');
    expect(body.message).toContain('body.count');

    const invalidJson = await fetch(`${url}/things`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(invalidJson.status).toBe(400);

    const tooLarge = await fetch(`${url}/things`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(2000), count: 1 }) });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { code: string }).code).toBe('payload_too_large');

    const missing = await fetch(`${url}/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'not_found', message: 'thing t1 not found' });

    const boom = await fetch(`${url}/boom`, { headers: { 'x-request-id': 'req-42' } });
    expect(boom.status).toBe(500);
    expect(boom.headers.get('x-request-id')).toBe('req-42');
    const text = await boom.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).toContain('req-42');

    const noRoute = await fetch(`${url}/nope`);
    expect(noRoute.status).toBe(404);
  });

  test('a database with no free connection in time is a 503 with Retry-After, not an internal error', async () => {
    const pool = new pg.Pool({ ...testServers.postgres, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      const { url } = await start({}, (http) => http.app.get('/busy', async () => (await pool.query('select 1')).rows));
      const busy = await fetch(`${url}/busy`);
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      expect(await busy.json()).toMatchObject({ code: 'unavailable', message: expect.stringContaining('try again shortly') });
    } finally {
      held.release();
      await pool.end();
    }
  });

  test('health, readiness of real checks, metrics and openapi', async () => {
    let databaseUp = true;
    const { url } = await start({
      database: async () => {
        if (!databaseUp) throw new Error('connection refused 127.0.0.1:1');
      },
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    databaseUp = false;
    const unready = await fetch(`${url}/ready`);
    expect(unready.status).toBe(503);
    expect(await unready.json()).toEqual({ status: 'unready', checks: { database: 'connection refused 127.0.0.1:1' } });

    await fetch(`${url}/missing`);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds_count{service="probe",method="GET",route="/missing",status_code="404"}');
    expect(metrics).toContain('process_cpu_user_seconds_total');

    const openapi = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toBe('3.0.3');
    expect(Object.keys(openapi.paths)).toContain('/things');
    expect(Object.keys(openapi.paths)).not.toContain('/health');
  });

  test('graceful stop drains in-flight requests and ends open event streams', async () => {
    const { http, url } = await start();
    const streamResponse = await fetch(`${url}/stream`);
    expect(streamResponse.headers.get('content-type')).toContain('text/event-stream');
    const slow = fetch(`${url}/slow`).then((response) => response.json());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = http.stop();
    expect(await slow).toEqual({ finished: true });
    const streamText = await streamResponse.text();
    expect(streamText).toContain('event: hello');
    expect(streamText).toContain('event: server-closing');
    await stopping;
    opened.splice(opened.indexOf(http), 1);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
