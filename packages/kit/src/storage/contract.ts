import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import type { ObjectStore } from './types.js';

export interface ObjectStoreContractOptions {
  /** False for servers that accept any SigV4 signature (s3rver does): the tampered-URL case is skipped. */
  detectsTamperedSignatures?: boolean;
}

/** The clock the suite hands to `make`; the store must sign URLs with it. */
export type ContractClock = () => number;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function expectAppError(promise: Promise<unknown>, status: number, code?: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (code !== undefined) expect((error as AppError).code).toBe(code);
}

const INVALID_KEYS = [
  '',
  '../escape',
  'a/../b',
  'a/./b',
  '/absolute',
  'a\\b',
  'nul\u0000byte',
  'a//b',
  'trailing/',
  'x'.repeat(1025),
];

/**
 * The behaviour every ObjectStore must have. `make` is called once and gets a clock that the suite moves
 * to mint expired URLs; the suite closes the store. Signed URLs are fetched with plain fetch, so they must
 * be served (the local store's caller starts a server that checks them with verifyLocalSignedRequest).
 */
export function runObjectStoreContract(
  name: string,
  make: (clock: ContractClock) => ObjectStore | Promise<ObjectStore>,
  options: ObjectStoreContractOptions = {},
): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    let clockOffsetMs = 0;
    const prefix = `contract-${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      store = await make(() => Date.now() + clockOffsetMs);
    });
    afterAll(async () => {
      await store.close();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('stores a Buffer, a string and a stream and returns their exact bytes', async () => {
      const buffer = await store.put(`${prefix}/put/buffer.bin`, Buffer.from([0, 1, 2, 255]));
      expect(buffer).toMatchObject({ key: `${prefix}/put/buffer.bin`, size: 4 });
      expect(await store.getBuffer(`${prefix}/put/buffer.bin`)).toEqual(Buffer.from([0, 1, 2, 255]));

      const text = 'héllo, 世界';
      expect((await store.put(`${prefix}/put/text.txt`, text, { contentType: 'text/plain' })).size).toBe(
        Buffer.byteLength(text),
      );
      expect((await store.getBuffer(`${prefix}/put/text.txt`))?.toString('utf8')).toBe(text);

      const parts = [Buffer.from('first '), Buffer.from('second '), Buffer.from('third')];
      const streamed = await store.put(`${prefix}/put/stream.txt`, Readable.from(parts));
      expect(streamed.size).toBe(18);
      const found = await store.get(`${prefix}/put/stream.txt`);
      expect(found?.info.size).toBe(18);
      expect((await readAll(found!.body)).toString()).toBe('first second third');
    });

    it('keeps 1 MB of random bytes exact through get and getBuffer', async () => {
      const bytes = randomBytes(1024 * 1024);
      await store.put(`${prefix}/random.bin`, bytes);
      const found = await store.get(`${prefix}/random.bin`);
      expect(found?.info.size).toBe(bytes.byteLength);
      expect((await readAll(found!.body)).equals(bytes)).toBe(true);
      expect((await store.getBuffer(`${prefix}/random.bin`))?.equals(bytes)).toBe(true);
    });

    it('reports size and content type in head, with a default type and overwrites', async () => {
      await store.put(`${prefix}/head/report.pdf`, Buffer.alloc(10, 1), { contentType: 'application/pdf' });
      expect(await store.head(`${prefix}/head/report.pdf`)).toMatchObject({
        size: 10,
        contentType: 'application/pdf',
      });
      await store.put(`${prefix}/head/report.pdf`, 'replaced', { contentType: 'text/plain' });
      expect(await store.head(`${prefix}/head/report.pdf`)).toMatchObject({
        size: 8,
        contentType: 'text/plain',
      });
      await store.put(`${prefix}/head/untyped`, 'x');
      expect((await store.head(`${prefix}/head/untyped`))?.contentType).toBe('application/octet-stream');
      expect((await store.head(`${prefix}/head/report.pdf`))?.lastModified).toBeInstanceOf(Date);
    });

    it('lists by prefix, recursively, sorted, and nothing outside the prefix', async () => {
      const keys = ['docs/a.txt', 'docs/sub/deep/c.txt', 'docs/b.txt', 'docs-other/x.txt', 'images/y.png'];
      for (const key of keys) await store.put(`${prefix}/list/${key}`, key);
      const listed = await store.list(`${prefix}/list/docs/`);
      expect(listed.map((info) => info.key)).toEqual(
        ['docs/a.txt', 'docs/b.txt', 'docs/sub/deep/c.txt'].map((key) => `${prefix}/list/${key}`),
      );
      expect(listed[0]?.size).toBe('docs/a.txt'.length);
      const partial = await store.list(`${prefix}/list/docs`);
      expect(partial.map((info) => info.key)).toContain(`${prefix}/list/docs-other/x.txt`);
      expect(partial).toHaveLength(4);
      expect(await store.list(`${prefix}/list/nothing/`)).toEqual([]);
      expect(await store.list(`${prefix}/list/images/y`)).toHaveLength(1);
    });

    it('deletes, and deleting a missing key is not an error', async () => {
      await store.put(`${prefix}/delete/me.txt`, 'bye');
      await store.delete(`${prefix}/delete/me.txt`);
      expect(await store.get(`${prefix}/delete/me.txt`)).toBeNull();
      expect(await store.list(`${prefix}/delete/`)).toEqual([]);
      await expect(store.delete(`${prefix}/delete/me.txt`)).resolves.toBeUndefined();
      await expect(store.delete(`${prefix}/never/was.txt`)).resolves.toBeUndefined();
    });

    it('returns null for a missing key from get, getBuffer and head', async () => {
      expect(await store.get(`${prefix}/missing.txt`)).toBeNull();
      expect(await store.getBuffer(`${prefix}/missing.txt`)).toBeNull();
      expect(await store.head(`${prefix}/missing.txt`)).toBeNull();
    });

    it('rejects invalid keys with a 400 AppError in every operation', async () => {
      for (const key of INVALID_KEYS) {
        await expectAppError(store.put(key, 'x'), 400, 'invalid_object_key');
        await expectAppError(store.get(key), 400, 'invalid_object_key');
        await expectAppError(store.getBuffer(key), 400, 'invalid_object_key');
        await expectAppError(store.head(key), 400, 'invalid_object_key');
        await expectAppError(store.delete(key), 400, 'invalid_object_key');
        await expectAppError(store.signedUrl(key, { expiresInSeconds: 60 }), 400, 'invalid_object_key');
      }
      await expectAppError(store.list('../'), 400, 'invalid_object_key');
      await expectAppError(store.list('/root'), 400, 'invalid_object_key');
    });

    it('rejects a signed URL lifetime below 1 second or above a week', async () => {
      await expectAppError(store.signedUrl(`${prefix}/a`, { expiresInSeconds: 0 }), 400, 'invalid_expiry');
      await expectAppError(
        store.signedUrl(`${prefix}/a`, { expiresInSeconds: 604_801 }),
        400,
        'invalid_expiry',
      );
    });

    it('serves a signed GET URL to plain fetch', async () => {
      const bytes = randomBytes(2048);
      await store.put(`${prefix}/signed/get file.bin`, bytes, { contentType: 'application/x-test' });
      const response = await fetch(
        await store.signedUrl(`${prefix}/signed/get file.bin`, { expiresInSeconds: 60 }),
      );
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('accepts an upload to a signed PUT URL', async () => {
      const url = await store.signedUrl(`${prefix}/signed/upload.txt`, {
        expiresInSeconds: 60,
        method: 'PUT',
      });
      const response = await fetch(url, { method: 'PUT', body: 'uploaded through a signed URL' });
      expect(response.status).toBe(200);
      expect((await store.getBuffer(`${prefix}/signed/upload.txt`))?.toString()).toBe(
        'uploaded through a signed URL',
      );
    });

    it('refuses an expired signed URL', async () => {
      await store.put(`${prefix}/signed/old.txt`, 'old');
      clockOffsetMs = -3600_000;
      const url = await store.signedUrl(`${prefix}/signed/old.txt`, { expiresInSeconds: 60 });
      clockOffsetMs = 0;
      const response = await fetch(url);
      await response.arrayBuffer();
      expect(response.status).toBe(403);
    });

    it.skipIf(options.detectsTamperedSignatures === false)(
      'refuses a signed URL whose signature was changed',
      async () => {
        await store.put(`${prefix}/signed/tamper.txt`, 'secret');
        const url = new URL(await store.signedUrl(`${prefix}/signed/tamper.txt`, { expiresInSeconds: 60 }));
        for (const [name, value] of url.searchParams) {
          if (name.toLowerCase().includes('signature'))
            url.searchParams.set(
              name,
              value.replace(/^./, (c) => (c === '0' ? '1' : '0')),
            );
        }
        const response = await fetch(url);
        await response.arrayBuffer();
        expect(response.status).toBe(403);
      },
    );
  });
}
