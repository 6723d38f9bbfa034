import { constants } from 'node:fs';
import { access, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { conflict, unavailable } from '../errors/index.js';
import { assertValidExpiry, assertValidKey, assertValidPrefix, DEFAULT_CONTENT_TYPE } from './keys.js';
import { isMissing, listFiles, readMetadata, writeAtomically } from './local-files.js';
import { signLocalUrl, type LocalSigning } from './local-signing.js';
import type { ObjectBody, ObjectInfo, ObjectStore } from './types.js';

export interface LocalStoreOptions {
  /** Directory that holds objects/, meta/ and tmp/ (created on first write). */
  root: string;
  signing: LocalSigning;
  /** Clock for signed URLs; tests move it to mint expired ones. */
  now?: () => number;
}

/**
 * Objects as files under `root/objects/<key>`, their content type in `root/meta/<key>`. Keys stay readable
 * paths, so one key cannot be both an object and a folder of others ('a' and 'a/b'): that put is a 409.
 */
export class LocalStore implements ObjectStore {
  readonly root: string;
  readonly #objects: string;
  readonly #meta: string;
  readonly #temporary: string;
  readonly #signing: LocalSigning;
  readonly #now: () => number;

  constructor(options: LocalStoreOptions) {
    this.root = resolve(options.root);
    this.#objects = join(this.root, 'objects');
    this.#meta = join(this.root, 'meta');
    this.#temporary = join(this.root, 'tmp');
    this.#signing = options.signing;
    this.#now = options.now ?? Date.now;
  }

  async put(key: string, body: ObjectBody, options?: { contentType?: string }): Promise<ObjectInfo> {
    const dataPath = this.#path(this.#objects, key);
    const contentType = options?.contentType ?? DEFAULT_CONTENT_TYPE;
    await mkdir(this.#temporary, { recursive: true });
    try {
      await writeAtomically(this.#temporary, dataPath, body);
      await writeAtomically(this.#temporary, this.#path(this.#meta, key), JSON.stringify({ contentType }));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
        throw conflict(
          `cannot store ${key}: the local store already holds an object or a folder on that path`,
          { key },
        );
      }
      throw error;
    }
    const stats = await stat(dataPath);
    return { key, size: stats.size, contentType, lastModified: stats.mtime };
  }

  async get(key: string): Promise<{ body: Readable; info: ObjectInfo } | null> {
    const dataPath = this.#path(this.#objects, key);
    let handle;
    try {
      handle = await open(dataPath, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        await handle.close();
        return null;
      }
      const { contentType } = await readMetadata(this.#path(this.#meta, key));
      const info = { key, size: stats.size, contentType, lastModified: stats.mtime };
      // Reading from the handle opened above: a delete or overwrite after this point cannot cut the stream short.
      return { body: handle.createReadStream(), info };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async getBuffer(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.#path(this.#objects, key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const dataPath = this.#path(this.#objects, key);
    try {
      const stats = await stat(dataPath);
      if (!stats.isFile()) return null;
      const { contentType } = await readMetadata(this.#path(this.#meta, key));
      return { key, size: stats.size, contentType, lastModified: stats.mtime };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // Empty folders are left behind on purpose: removing them would race a concurrent put into them.
    await unlinkIfPresent(this.#path(this.#objects, key));
    await unlinkIfPresent(this.#path(this.#meta, key));
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    assertValidPrefix(prefix);
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const relative = folder.replace(/\/$/, '');
    const start = relative === '' ? this.#objects : join(this.#objects, ...relative.split('/'));
    const keys = (await listFiles(start, relative)).filter((key) => key.startsWith(prefix));
    keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const infos = await Promise.all(
      keys.map(async (key) => {
        const stats = await stat(join(this.#objects, ...key.split('/'))).catch(() => null);
        return stats === null ? null : { key, size: stats.size, lastModified: stats.mtime };
      }),
    );
    return infos.filter((info) => info !== null);
  }

  async signedUrl(
    key: string,
    options: { expiresInSeconds: number; method?: 'GET' | 'PUT' },
  ): Promise<string> {
    assertValidKey(key);
    const expiresInSeconds = assertValidExpiry(options.expiresInSeconds);
    const expiresAt = Math.floor(this.#now() / 1000) + expiresInSeconds;
    return signLocalUrl(this.#signing, options.method ?? 'GET', key, expiresAt);
  }

  async ping(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, constants.R_OK | constants.W_OK);
    } catch (error) {
      throw unavailable(
        `local object store at ${this.root} is not writable: ${(error as Error).message}`,
        error,
      );
    }
  }

  async close(): Promise<void> {}

  #path(tree: string, key: string): string {
    const path = join(tree, ...assertValidKey(key).split('/'));
    // assertValidKey already rules out escapes; this guards against a future change to it.
    if (!path.startsWith(tree + sep)) throw new Error(`object path ${path} escapes ${tree}`);
    return path;
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}
