import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { runObjectStoreContract } from './contract.js';
import { createObjectStore } from './create-object-store.js';
import { S3Store, type S3StoreOptions } from './s3-store.js';

/**
 * s3rver 3.7.1 runs in a child process started with --openssl-legacy-provider: its ListObjectsV2
 * continuation tokens are DES-encrypted, and Node 20's OpenSSL 3 refuses DES otherwise (a 500 on every
 * truncated page). The child exits when our end of its stdin closes, so it cannot outlive the test.
 */
async function startS3rver(directory: string): Promise<{ port: number; child: ChildProcess }> {
  const s3rverPath = createRequire(import.meta.url).resolve('s3rver');
  const script = `
    const S3rver = require(${JSON.stringify(s3rverPath)});
    new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[1] })
      .run().then(({ port }) => console.log(port), (error) => { console.error(error); process.exit(1); });
    process.stdin.on('end', () => process.exit(0)).resume();`;
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', script, directory], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return { port: Number(line.toString().trim()), child };
}

let directory: string;
let s3rver: ChildProcess;
let endpoint: string;
const stores: S3Store[] = [];

/** s3rver knows one account, S3RVER/S3RVER; bucket names must be 3-63 lowercase characters. */
function options(overrides: Partial<S3StoreOptions> = {}): S3StoreOptions {
  return {
    endpoint,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    bucket: `test-${randomBytes(4).toString('hex')}`,
    ...overrides,
  };
}

async function openStore(overrides: Partial<S3StoreOptions> = {}): Promise<S3Store> {
  const store = new S3Store(options(overrides));
  stores.push(store);
  await store.ensureBucket();
  return store;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'astron-s3rver-'));
  const started = await startS3rver(directory);
  s3rver = started.child;
  const port = started.port;
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  s3rver.stdin!.end();
  if (s3rver.exitCode === null) await once(s3rver, 'exit');
  await rm(directory, { recursive: true, force: true });
});

// s3rver checks the expiry of presigned URLs but not their SigV4 signature, so tampering goes unnoticed there.
runObjectStoreContract(
  'S3Store on s3rver',
  async (now) => {
    const store = createObjectStore({ kind: 's3', ...options({ now }) });
    await store.ensureBucket();
    return store;
  },
  { detectsTamperedSignatures: false },
);

describe('S3Store specifics', () => {
  it('ensureBucket creates a missing bucket once and is idempotent', async () => {
    const store = new S3Store(options());
    stores.push(store);
    await expect(store.ping()).rejects.toThrow(/bucket does not exist/);
    await store.ensureBucket();
    await store.ensureBucket();
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('ping names the endpoint when nothing answers there', async () => {
    const store = new S3Store(options({ endpoint: 'http://127.0.0.1:9' }));
    stores.push(store);
    const error = await store.ping().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unavailable', status: 503, retryable: true });
    expect((error as AppError).message).toContain('http://127.0.0.1:9');
  });

  it('follows ListObjectsV2 continuation tokens across pages', async () => {
    const store = await openStore({ listPageSize: 2 });
    const keys = ['p/1', 'p/2', 'p/3', 'p/4', 'p/5'];
    await Promise.all(keys.map((key) => store.put(key, key)));
    expect((await store.list('p/')).map((info) => info.key)).toEqual(keys);
  });

  it('refuses a stream body larger than maxBufferedUploadBytes with 413 and destroys the stream', async () => {
    const store = await openStore({ maxBufferedUploadBytes: 1000 });
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600), Buffer.alloc(600)]);
    const error = await store.put('too/big.bin', body).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(body.destroyed).toBe(true);
    expect(await store.head('too/big.bin')).toBeNull();
    await expect(store.put('too/fine.bin', Buffer.alloc(1000))).resolves.toMatchObject({ size: 1000 });
  });

  it('shortens signed URL lifetimes to presignExpirySeconds', async () => {
    const store = await openStore({ presignExpirySeconds: 300 });
    await expect(store.signedUrl('a.txt', { expiresInSeconds: 60 })).resolves.toContain('X-Amz-Expires=60&');
    await expect(store.signedUrl('a.txt', { expiresInSeconds: 3600 })).resolves.toContain(
      'X-Amz-Expires=300&',
    );
    await expect(store.signedUrl('a.txt', { expiresInSeconds: 0 })).rejects.toMatchObject({ status: 400 });
  });
});
