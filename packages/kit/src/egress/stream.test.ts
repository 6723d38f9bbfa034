import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { clientFactory, failure, startTestServer, type TestServer } from './test-support.js';

const { client, closeAll } = clientFactory();
let server: TestServer;
let other: TestServer;

beforeAll(async () => {
  [server, other] = await Promise.all([startTestServer(), startTestServer()]);
});

afterAll(async () => {
  await closeAll();
  await Promise.all([server.close(), other.close()]);
});

const loopback = { allowHosts: ['127.0.0.1/32'] };

/** Each piece of the body as text, with the milliseconds since `started` at which it arrived. */
async function readTimed(body: ReadableStream<Uint8Array>, started: number) {
  const pieces: Array<{ text: string; at: number }> = [];
  const decoder = new TextDecoder();
  for await (const chunk of body) pieces.push({ text: decoder.decode(chunk), at: Date.now() - started });
  return pieces;
}

/** What reading `body` to its end rejects with. */
async function streamFailure(body: ReadableStream<Uint8Array>): Promise<unknown> {
  return readTimed(body, Date.now()).then(
    () => expect.unreachable('the stream ended without an error'),
    (reason: unknown) => reason,
  );
}

describe('streaming responses', () => {
  it('resolves at the headers and hands over each event as it arrives', async () => {
    const started = Date.now();
    const response = await client(loopback).stream(`${server.origin}/events?count=4&every=120`);
    expect(Date.now() - started).toBeLessThan(120);
    expect(response).toMatchObject({
      status: 200,
      ok: true,
      url: `${server.origin}/events?count=4&every=120`,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const pieces = await readTimed(response.body, started);
    expect(pieces.map((piece) => piece.text).join('')).toBe(
      [1, 2, 3, 4].map((n) => `event: tick\ndata: ${n}\n\n`).join(''),
    );
    expect(pieces[0]?.at).toBeLessThan(400);
    expect(pieces.at(-1)?.at).toBeGreaterThanOrEqual(400);
    expect(await server.eventsClosed()).toBe(false);
  });

  it('lets a stream outlive timeoutMs while pieces keep coming, and cuts one silent for idleTimeoutMs', async () => {
    const egress = client({ ...loopback, timeoutMs: 150 });
    const slow = await egress.stream(`${server.origin}/events?count=6&every=60`);
    expect((await readTimed(slow.body, Date.now())).map((piece) => piece.text).join('')).toContain('data: 6');

    const stalled = await egress.stream(`${server.origin}/stall-body`, { idleTimeoutMs: 200 });
    const reader = stalled.body.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('partial');
    const started = Date.now();
    const error = await reader.read().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 504, code: 'egress_timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('counts the bytes against maxResponseBytes, and closes the connection past it', async () => {
    const egress = client({ ...loopback, maxResponseBytes: 256 * 1024 });
    const endless = await egress.stream(`${server.origin}/endless`);
    expect(await streamFailure(endless.body)).toMatchObject({
      status: 413,
      code: 'egress_response_too_large',
    });
    expect(await server.endlessClosed()).toBe(true);
    expect(await failure(egress.stream(`${server.origin}/big`))).toMatchObject({
      code: 'egress_response_too_large',
    });
  });

  it('closes the socket when the caller aborts, and when the consumer cancels', async () => {
    const controller = new AbortController();
    const aborted = await client(loopback).stream(`${server.origin}/events?every=30`, {
      signal: controller.signal,
    });
    const reader = aborted.body.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('data: 1');
    controller.abort(new Error('user left'));
    await expect(reader.read()).rejects.toThrow('user left');
    expect(await server.eventsClosed()).toBe(true);

    const cancelled = await client(loopback).stream(`${server.origin}/events?every=30`);
    await cancelled.body.getReader().cancel();
    expect(await server.eventsClosed()).toBe(true);
  });
});

describe('the guard before any byte', () => {
  it('refuses loopback and a name resolving to a private address without connecting', async () => {
    const before = server.hits.length;
    const loop = await failure(client().stream(`${server.origin}/events`));
    expect(loop).toMatchObject({ status: 403, code: 'egress_blocked' });
    expect(loop.message).toContain('refused 127.0.0.1 (loopback)');
    expect(await failure(client().stream('http://evil.test/events'))).toMatchObject({
      code: 'egress_blocked',
      message: expect.stringContaining('refused 10.0.0.1 (private network) for host evil.test'),
    });
    expect(server.hits.length).toBe(before);
  });

  it('checks every redirect hop: an allowed host sending the stream to loopback is refused', async () => {
    const target = `http://127.0.0.1:${other.port}/events`;
    const error = await failure(
      client({ allowHosts: ['public.test'] }).stream(
        `http://public.test:${server.port}/redirect?to=${encodeURIComponent(target)}`,
      ),
    );
    expect(error).toMatchObject({ status: 403, code: 'egress_blocked' });
    expect(other.hits).toEqual([]);
  });
});
