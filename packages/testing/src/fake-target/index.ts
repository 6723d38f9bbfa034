import Fastify, { type FastifyInstance } from 'fastify';

/** What reached the fake target: method, path and query, headers, raw body. */
export interface TargetHit {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeTarget {
  origin: string;
  port: number;
  hits: TargetHit[];
  /** Requests to the token endpoint. */
  tokenRequests: TargetHit[];
  /** Documents served at /docs/<name>. */
  documents: Map<string, { type: string; text: string }>;
  close(): Promise<void>;
}

/**
 * A real HTTP server standing for the APIs users describe with OpenAPI: it echoes what it got, fails, redirects,
 * answers slowly or hugely, issues OAuth2 client-credentials tokens, and serves OpenAPI documents.
 */
export async function startFakeTarget(options: { tokenLifetimeSeconds?: number } = {}): Promise<FakeTarget> {
  const app: FastifyInstance = Fastify();
  const hits: TargetHit[] = [];
  const tokenRequests: TargetHit[] = [];
  const documents = new Map<string, { type: string; text: string }>();
  let issued = 0;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('preHandler', async (request) => {
    const hit = { method: request.method, url: request.url, headers: request.headers, body: typeof request.body === 'string' ? request.body : '' };
    if (request.url.startsWith('/oauth/')) tokenRequests.push(hit);
    else hits.push(hit);
  });

  const echo = (request: { method: string; url: string; headers: Record<string, unknown>; body: unknown }) => ({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: typeof request.body === 'string' && request.body !== '' ? request.body : null,
  });
  app.all('/echo/*', async (request) => echo(request));
  app.get('/pets/:id', async (request) => ({ id: (request.params as { id: string }).id, name: 'Rex' }));
  app.post('/pets', async (request, reply) => reply.status(201).send({ created: JSON.parse(String(request.body)) as unknown }));
  app.get('/text', async (_request, reply) => reply.type('text/plain').send('plain words'));
  app.get('/fail', async (_request, reply) => reply.status(500).send({ error: 'boom' }));
  app.get('/big', async (request, reply) => reply.type('text/plain').send('x'.repeat(Number((request.query as { size?: string }).size ?? 4096))));
  app.get('/slow', async (request) => {
    await new Promise((resolve) => setTimeout(resolve, Number((request.query as { ms?: string }).ms ?? 2000)));
    return { slow: true };
  });
  app.get('/redirect', async (request, reply) => reply.redirect(String((request.query as { to?: string }).to ?? '/text'), 302));
  app.post('/oauth/token', async (request, reply) => {
    const expected = `Basic ${Buffer.from('client-1:client-secret-1').toString('base64')}`;
    if (request.headers.authorization !== expected) return reply.status(401).send({ error: 'invalid_client', error_description: 'unknown client' });
    issued += 1;
    return { access_token: `token-${issued}`, token_type: 'Bearer', expires_in: options.tokenLifetimeSeconds ?? 3600 };
  });
  app.get('/docs/:name', async (request, reply) => {
    const document = documents.get((request.params as { name: string }).name);
    if (document === undefined) return reply.status(404).send({ error: 'no such document' });
    return reply.type(document.type).send(document.text);
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { origin: `http://127.0.0.1:${port}`, port, hits, tokenRequests, documents, close: () => app.close() };
}
