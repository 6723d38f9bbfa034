import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { unavailable } from '../errors/index.js';
import { bufferBody } from './body.js';
import {
  assertValidExpiry,
  assertValidKey,
  assertValidPrefix,
  DEFAULT_CONTENT_TYPE,
  MAX_SIGNED_URL_SECONDS,
} from './keys.js';
import { createBucket, createS3Client, listAllObjects, type S3ConnectionOptions } from './s3-client.js';
import { errorName, isNotFound, storageFailure } from './s3-errors.js';
import type { ObjectBody, ObjectInfo, ObjectStore } from './types.js';

export interface S3StoreOptions extends S3ConnectionOptions {
  bucket: string;
  /** The longest lifetime signedUrl grants: longer requests are shortened to it. Default 604800 (SigV4's week). */
  presignExpirySeconds?: number;
  /** A stream body is buffered to learn its length; past this it is refused with 413. Default 64 MiB. */
  maxBufferedUploadBytes?: number;
  /** MaxKeys per ListObjectsV2 page; default 1000. */
  listPageSize?: number;
  /** Clock for presigning; tests move it to mint expired URLs. */
  now?: () => number;
}

export class S3Store implements ObjectStore {
  readonly bucket: string;
  readonly #client: S3Client;
  readonly #where: string;
  readonly #options: S3StoreOptions;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.#options = options;
    this.#where = `${options.endpoint ?? `AWS S3 ${options.region}`} (bucket ${options.bucket})`;
    this.#client = createS3Client(options);
  }

  async put(key: string, body: ObjectBody, options?: { contentType?: string }): Promise<ObjectInfo> {
    assertValidKey(key);
    const limit = this.#options.maxBufferedUploadBytes ?? 64 * 1024 * 1024;
    const bytes = await bufferBody(body, limit, `the upload of ${key}`);
    const contentType = options?.contentType ?? DEFAULT_CONTENT_TYPE;
    await this.#send('put', key, () =>
      this.#client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
      ),
    );
    return { key, size: bytes.byteLength, contentType, lastModified: new Date() };
  }

  async get(key: string): Promise<{ body: Readable; info: ObjectInfo } | null> {
    assertValidKey(key);
    const output = await this.#sendOrNull('get', key, () =>
      this.#client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
    );
    if (output === null) return null;
    if (!(output.Body instanceof Readable))
      throw unavailable(`object store ${this.#where} returned no body stream for ${key}`);
    const info = {
      key,
      size: output.ContentLength ?? 0,
      contentType: output.ContentType ?? DEFAULT_CONTENT_TYPE,
    };
    return {
      body: output.Body,
      info: output.LastModified === undefined ? info : { ...info, lastModified: output.LastModified },
    };
  }

  async getBuffer(key: string): Promise<Buffer | null> {
    const found = await this.get(key);
    if (found === null) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of found.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidKey(key);
    const output = await this.#sendOrNull('head', key, () =>
      this.#client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })),
    );
    if (output === null) return null;
    const info = {
      key,
      size: output.ContentLength ?? 0,
      contentType: output.ContentType ?? DEFAULT_CONTENT_TYPE,
    };
    return output.LastModified === undefined ? info : { ...info, lastModified: output.LastModified };
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.#send('delete', key, () =>
      this.#client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
    );
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    assertValidPrefix(prefix);
    const pageSize = this.#options.listPageSize ?? 1000;
    return this.#send('list', prefix, () => listAllObjects(this.#client, this.bucket, prefix, pageSize));
  }

  async signedUrl(
    key: string,
    options: { expiresInSeconds: number; method?: 'GET' | 'PUT' },
  ): Promise<string> {
    assertValidKey(key);
    // The operator's ceiling wins over what a caller asks for: a shorter URL, not a failed request.
    const ceiling = this.#options.presignExpirySeconds ?? MAX_SIGNED_URL_SECONDS;
    const expiresIn = Math.min(assertValidExpiry(options.expiresInSeconds), ceiling);
    const command =
      options.method === 'PUT'
        ? new PutObjectCommand({ Bucket: this.bucket, Key: key })
        : new GetObjectCommand({ Bucket: this.bucket, Key: key });
    const signingDate = new Date((this.#options.now ?? Date.now)());
    return getSignedUrl(this.#client, command, { expiresIn, signingDate });
  }

  /** Creates the bucket unless it exists; safe to call from several processes at once. */
  async ensureBucket(): Promise<void> {
    const exists = await this.#sendOrNull('head bucket', this.bucket, () =>
      this.#client.send(new HeadBucketCommand({ Bucket: this.bucket })),
    );
    if (exists !== null) return;
    await this.#send('create bucket', this.bucket, () =>
      createBucket(this.#client, this.bucket, this.#options.region),
    );
  }

  async ping(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const reason = isNotFound(error)
        ? 'the bucket does not exist'
        : `${errorName(error)}: ${(error as Error).message}`;
      throw unavailable(`object store ${this.#where} is unavailable: ${reason}`, error);
    }
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }

  async #send<T>(operation: string, key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw storageFailure(this.#where, `${operation} ${key}`, error);
    }
  }

  async #sendOrNull<T>(operation: string, key: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      if (isNotFound(error)) return null;
      throw storageFailure(this.#where, `${operation} ${key}`, error);
    }
  }
}
