import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from '@astron/kit/http';

/**
 * Serves the built console (embedded mode; nginx does it in Compose): files as they are, and
 * index.html for every other path so the single-page app's routes survive a reload.
 * /api and /v1 never fall back: an unknown API path stays a JSON 404.
 */
export async function serveConsole(app: App, directory: string): Promise<void> {
  await app.register(fastifyStatic, { root: directory, serve: false });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('api/') || path.startsWith('v1/') || path === 'api' || path === 'v1') {
      return reply.status(404).send({ code: 'not_found', message: `no route GET /${path}` });
    }
    const file = normalize(path);
    const full = join(directory, file);
    if (file !== '' && !file.startsWith('..') && existsSync(full) && statSync(full).isFile()) {
      const immutable = file.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(file);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
