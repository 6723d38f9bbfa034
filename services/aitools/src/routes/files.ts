import { AppError, notFound } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { verifyLocalSignedRequest, type LocalSigning, type ObjectStore } from '@astron/kit/storage';
import { FILES_PATH } from '../config.js';

export interface FileRoutesDependencies {
  store: ObjectStore;
  /** The local store's signing; null on S3, whose presigned links point at the bucket itself. */
  signing: LocalSigning | null;
}

/**
 * Serves the local store's files to whoever holds a signed link (no service token: the signature and its expiry are
 * the proof). Only images and audio sniffed at storing time are kept, and they are served so that a browser never
 * runs them as a page.
 */
export function fileRoutes(app: App, dependencies: FileRoutesDependencies): void {
  const { store, signing } = dependencies;

  app.get(`${FILES_PATH}/*`, { schema: { tags: ['files'], summary: 'a stored file, by signed link (?expires&signature)' } }, async (request, reply) => {
    if (signing === null) {
      throw new AppError({ code: 'not_found', status: 404, message: 'files are kept on S3 here: their links point at the bucket, not at this service' });
    }
    const key = verifyLocalSignedRequest(signing, 'GET', request.url);
    const stored = await store.get(key);
    if (stored === null) throw notFound('file', key.slice(key.lastIndexOf('/') + 1));
    const expires = Number(new URL(request.url, 'http://local').searchParams.get('expires'));
    const maxAge = Math.max(0, expires - Math.floor(Date.now() / 1000));
    return reply
      .header('content-type', stored.info.contentType ?? 'application/octet-stream')
      .header('content-length', stored.info.size)
      .header('cache-control', `private, max-age=${maxAge}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(stored.body);
  });
}
