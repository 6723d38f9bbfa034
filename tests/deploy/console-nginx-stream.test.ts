import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtConsole,
  requireNginx,
  scratchFolder,
  startConsoleNginx,
  type RunningNginx,
} from './console-nginx.js';
import {
  eventReader,
  eventsPerStream,
  openStream,
  rawRequest,
  startStreamUpstream,
  streamPaths,
  type StreamUpstream,
} from './stream-upstream.js';

/**
 * Streams through the console's nginx. The hub has no Server-Sent Events route yet, so nginx's
 * upstream here is a stand-in (stream-upstream.ts) that sends each event only after the test has
 * received the previous one: a buffering proxy makes the test fail, with no timing guessed.
 */
const scratch = scratchFolder('astron-console-stream-');
let upstream: StreamUpstream;
let nginx: RunningNginx;

beforeAll(async () => {
  requireNginx();
  const dist = await builtConsole(scratch.path);
  upstream = await startStreamUpstream();
  nginx = await startConsoleNginx({
    root: dist,
    upstream: upstream.host,
    runtimeDir: join(scratch.path, 'runtime'),
  });
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  await upstream?.close();
  scratch.remove();
});

describe('Server-Sent Events through nginx', () => {
  it.each(streamPaths)('%s arrives event by event, uncompressed', async (path) => {
    const method = path.startsWith('/v1/') ? 'POST' : 'GET';
    const response = await openStream(`${nginx.url}${path}`, {
      method,
      headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip', 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ stream: true }) : undefined,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.headers['content-encoding'], 'a compressed stream is held back').toBeUndefined();
    const next = eventReader(response);
    for (let index = 1; index <= eventsPerStream; index += 1) {
      expect(await next(5_000)).toBe(`event: tick\ndata: {"index":${index}}`);
      upstream.acknowledge();
    }
    await expect(next(5_000)).rejects.toThrow(/ended/);
  });
});

describe('the proxy to the hub', () => {
  it('tells the hub who called and how, and sets the security headers once', async () => {
    const answer = await fetch(`${nginx.url}/api/echo?x=1`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(answer.status).toBe(200);
    const seen = upstream.lastHeaders() ?? {};
    expect(seen['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(seen['x-real-ip']).toBe('127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen.host).toBe('127.0.0.1');
    expect(seen['x-forwarded-host']).toBe(new URL(nginx.url).host);
    // The upstream said DENY; the console's policy (SAMEORIGIN) is the one header that reaches the browser.
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(((await answer.json()) as { url: string }).url).toBe('/api/echo?x=1');
  });

  it('refuses a body over CONSOLE_MAX_BODY_SIZE (20m) before the hub sees it', async () => {
    const before = upstream.lastHeaders();
    const answer = await rawRequest(`${nginx.url}/api/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(21 * 1024 * 1024) },
    }).catch((error: unknown) => ({ status: -1, error }));
    expect(answer.status).toBe(413);
    expect(upstream.lastHeaders()).toBe(before);
  });

  it('passes a knowledge document upload over CONSOLE_MAX_BODY_SIZE through to the hub, whole', async () => {
    const size = 21 * 1024 * 1024;
    for (const path of [
      '/api/knowledge-bases/kb-1/documents',
      '/api/knowledge-bases/kb-1/documents/preview',
    ]) {
      const answer = await rawRequest(`${nginx.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: 'x'.repeat(size),
      });
      expect(answer.status, path).toBe(200);
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ url: path, bodyBytes: size });
    }
    // Only those two paths: another route under the base keeps the general limit.
    const other = await rawRequest(`${nginx.url}/api/knowledge-bases/kb-1/documents/doc-1/chunks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(size) },
    }).catch((error: unknown) => ({ status: -1, error }));
    expect(other.status).toBe(413);
  });

  it('answers 503 in the hub error shape when the hub is not reachable', async () => {
    await upstream.close();
    const answer = await fetch(`${nginx.url}/api/setup`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await answer.json()).toEqual({
      code: 'unavailable',
      message: 'the hub (console-hub) is not reachable; try again shortly',
    });
  });
});
