import { createHash } from 'node:crypto';
import { randomId } from '@astron/kit/crypto';
import { AppError } from '@astron/kit/errors';
import type { ObjectStore } from '@astron/kit/storage';
import type { FileKind } from './sniff.js';

/** A stored file as a tool returns it: a link that works until `expiresAt`, for whoever holds it. */
export interface StoredFile {
  url: string;
  expiresAt: string;
  contentType: string;
  size: number;
}

/** A file a tool reads: uploaded, fetched from a URL, or taken from this service's own storage. */
export interface InputFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface FileLinks {
  save(spaceId: string, bytes: Buffer, kind: FileKind): Promise<StoredFile>;
  /**
   * The file behind a link this service gave to the same space (a generated speech handed to speech-to-text), read
   * from storage rather than over the network; null when `url` is not such a link.
   */
  readOwn(spaceId: string, url: string): Promise<InputFile | null>;
}

export const FILES_PREFIX = 'aitools/';
const PROBE_KEY = `${FILES_PREFIX}probe`;
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;

/** The space's folder: its id when that is a plain key segment, else a digest of it. */
function spaceFolder(spaceId: string): string {
  return `${FILES_PREFIX}${SAFE_SEGMENT.test(spaceId) ? spaceId : `h-${createHash('sha256').update(spaceId).digest('hex').slice(0, 32)}`}/`;
}

/** A link without its query (the signature), normalized by URL. */
function linkPath(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

async function readAll(body: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * Files in the object store under `aitools/<space>/<day>/<id>.<ext>`, handed out as signed links: the local store's
 * (served by this service) or S3 presigned URLs. Where links point is learnt by signing a probe key once, so both
 * stores are recognized the same way.
 */
export async function createFileLinks(store: ObjectStore, ttlSeconds: number, now: () => number = Date.now): Promise<FileLinks> {
  const probe = linkPath(await store.signedUrl(PROBE_KEY, { expiresInSeconds: 60 }));
  const linkBase = probe?.endsWith(PROBE_KEY) === true ? probe.slice(0, -PROBE_KEY.length) : null;

  return {
    async save(spaceId, bytes, kind) {
      const day = new Date(now()).toISOString().slice(0, 10);
      const key = `${spaceFolder(spaceId)}${day}/${randomId('f', 16)}.${kind.extension}`;
      await store.put(key, bytes, { contentType: kind.contentType });
      const url = await store.signedUrl(key, { expiresInSeconds: ttlSeconds });
      return { url, expiresAt: new Date(now() + ttlSeconds * 1000).toISOString(), contentType: kind.contentType, size: bytes.length };
    },

    async readOwn(spaceId, url) {
      const path = linkPath(url);
      if (linkBase === null || path === null || !path.startsWith(linkBase)) return null;
      let key: string;
      try {
        key = path.slice(linkBase.length).split('/').map(decodeURIComponent).join('/');
      } catch {
        return null;
      }
      // Another space's link is fetched like any URL would be: never read from storage on its behalf.
      if (!key.startsWith(spaceFolder(spaceId)) || key.includes('..')) return null;
      const stored = await store.get(key);
      if (stored === null) {
        throw new AppError({ code: 'file_gone', status: 410, message: `the file behind ${path} is no longer kept (files live AITOOLS_FILE_RETENTION_HOURS after they are made)` });
      }
      return { name: key.slice(key.lastIndexOf('/') + 1), contentType: stored.info.contentType ?? 'application/octet-stream', bytes: await readAll(stored.body) };
    },
  };
}
