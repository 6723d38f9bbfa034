import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../errors/index.js';
import { runObjectStoreContract } from './contract.js';
import { createObjectStore } from './create-object-store.js';
import { LocalStore } from './local-store.js';
import { verifyLocalSignedRequest, verifyLocalSignedUrl, type LocalSigning } from './local-signing.js';

const secret = 'test-secret-for-local-signing';
let root: string;
let server: Server;
let signing: LocalSigning;

/** What a service route does with the URLs LocalStore signs: check, then stream the object in or out. */
async function serveSignedUrl(
  store: LocalStore,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const key = verifyLocalSignedRequest(signing, request.method ?? 'GET', request.url ?? '/');
    if (request.method === 'PUT') {
      await store.put(key, request, {
        contentType: request.headers['content-type'] ?? 'application/octet-stream',
      });
      response.writeHead(200).end();
      return;
    }
    const found = await store.get(key);
    if (found === null) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': found.info.contentType, 'content-length': found.info.size });
    await pipeline(found.body, response);
  } catch (error) {
    response.writeHead(isAppError(error) ? error.status : 500).end(String(error));
  }
}

let served: LocalStore | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'astron-local-store-'));
  server = createServer((request, response) => void serveSignedUrl(served!, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  signing = { secret, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/files` };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

runObjectStoreContract('LocalStore', (now) => {
  served = createObjectStore({ kind: 'local', root: join(root, 'contract'), signing, now });
  return served;
});

describe('LocalStore on disk', () => {
  it('keeps the content type for a new instance on the same root and leaves no temporary files', async () => {
    const first = new LocalStore({ root: join(root, 'reopen'), signing });
    await first.put('a/b.json', '{}', { contentType: 'application/json' });
    const second = new LocalStore({ root: join(root, 'reopen'), signing });
    expect(await second.head('a/b.json')).toMatchObject({ size: 2, contentType: 'application/json' });
    expect(await readdir(join(root, 'reopen', 'tmp'))).toEqual([]);
  });

  it('refuses with 409 a key that would need a file to be a folder, or a folder to be a file', async () => {
    const store = new LocalStore({ root: join(root, 'conflict'), signing });
    await store.put('a', 'file');
    await store.put('b/c', 'nested');
    for (const key of ['a/b', 'b']) {
      const error = await store.put(key, 'x').catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
    }
    expect(await store.get('b')).toBeNull();
    expect(await store.getBuffer('a/b')).toBeNull();
    await store.delete('b');
    expect(await store.getBuffer('b/c')).toEqual(Buffer.from('nested'));
  });

  it('removes the temporary file when a stream body fails midway', async () => {
    const store = new LocalStore({ root: join(root, 'broken'), signing });
    const { Readable } = await import('node:stream');
    const failing = new Readable({
      read() {
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put('half.bin', failing)).rejects.toThrow('client went away');
    expect(await store.head('half.bin')).toBeNull();
    expect(await readdir(join(root, 'broken', 'tmp'))).toEqual([]);
  });
});

describe('verifyLocalSignedUrl', () => {
  const store = () => new LocalStore({ root: join(root, 'signing'), signing, now: () => 1_700_000_000_000 });
  const parts = async (method: 'GET' | 'PUT' = 'GET') => {
    const url = new URL(await store().signedUrl('docs/a b.txt', { expiresInSeconds: 60, method }));
    return { url, expires: url.searchParams.get('expires')!, signature: url.searchParams.get('signature')! };
  };

  it('accepts the URL it signed until it expires, for its method only', async () => {
    const { url, expires, signature } = await parts();
    expect(url.pathname).toBe('/files/docs/a%20b.txt');
    expect(expires).toBe(String(1_700_000_060));
    expect(verifyLocalSignedUrl(secret, 'GET', 'docs/a b.txt', expires, signature, 1_700_000_059_000)).toBe(
      true,
    );
    expect(verifyLocalSignedUrl(secret, 'GET', 'docs/a b.txt', expires, signature, 1_700_000_061_000)).toBe(
      false,
    );
    expect(verifyLocalSignedUrl(secret, 'PUT', 'docs/a b.txt', expires, signature, 1_700_000_000_000)).toBe(
      false,
    );
  });

  it('refuses another key, another expiry, another secret and malformed signatures', async () => {
    const { expires, signature } = await parts();
    const now = 1_700_000_000_000;
    expect(verifyLocalSignedUrl(secret, 'GET', 'docs/other.txt', expires, signature, now)).toBe(false);
    expect(verifyLocalSignedUrl(secret, 'GET', 'docs/a b.txt', Number(expires) + 1, signature, now)).toBe(
      false,
    );
    expect(verifyLocalSignedUrl('another-secret', 'GET', 'docs/a b.txt', expires, signature, now)).toBe(
      false,
    );
    for (const bad of ['', 'zz', signature.slice(1), signature.toUpperCase(), `${signature}00`]) {
      expect(verifyLocalSignedUrl(secret, 'GET', 'docs/a b.txt', expires, bad, now)).toBe(false);
    }
    expect(verifyLocalSignedUrl(secret, 'GET', 'docs/a b.txt', '1e12', signature, now)).toBe(false);
  });

  it('verifyLocalSignedRequest names expiry and bad signatures with 403 codes', async () => {
    const { url } = await parts();
    expect(verifyLocalSignedRequest(signing, 'GET', url.pathname + url.search, 1_700_000_000_000)).toBe(
      'docs/a b.txt',
    );
    const expired = (() => {
      try {
        return verifyLocalSignedRequest(signing, 'GET', url, 1_800_000_000_000);
      } catch (error) {
        return error as AppError;
      }
    })();
    expect(expired).toMatchObject({ status: 403, code: 'signed_url_expired' });
    expect(() => verifyLocalSignedRequest(signing, 'PUT', url, 1_700_000_000_000)).toThrow(
      /not valid for PUT/,
    );
    expect(() => verifyLocalSignedRequest(signing, 'GET', '/elsewhere/docs/a', 1_700_000_000_000)).toThrow(
      AppError,
    );
  });
});
