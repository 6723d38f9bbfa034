import type { Readable } from 'node:stream';

export type ObjectBody = Buffer | Uint8Array | string | Readable;

export interface ObjectInfo {
  key: string;
  size: number;
  contentType?: string;
  lastModified?: Date;
}

/** Files by key ('spaces/s1/docs/a.pdf'). Keys are validated: no '..', no leading '/'. */
export interface ObjectStore {
  put(key: string, body: ObjectBody, options?: { contentType?: string }): Promise<ObjectInfo>;
  get(key: string): Promise<{ body: Readable; info: ObjectInfo } | null>;
  getBuffer(key: string): Promise<Buffer | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<ObjectInfo[]>;
  /** A URL that grants `method` on `key` to whoever holds it, until it expires. */
  signedUrl(key: string, options: { expiresInSeconds: number; method?: 'GET' | 'PUT' }): Promise<string>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
