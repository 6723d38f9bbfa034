import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from '../log/index.js';
import { installErrorHandling } from './errors.js';
import { installMetrics, installProbes, type ReadinessCheck } from './probes.js';
import { EventStreamRegistry, openEventStream, type EventStream } from './sse.js';
import { installRequestTracing } from './tracing.js';

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface HttpAppOptions {
  name: string;
  version: string;
  logger: Logger;
  bodyLimitBytes?: number;
  /** Named checks of the service's real dependencies, run by GET /ready. */
  readiness?: Record<string, ReadinessCheck>;
  openapi?: { title: string; description?: string };
  /** How long stop() waits for in-flight requests before closing sockets. */
  shutdownGraceMs?: number;
  /** Behind a reverse proxy: which hops' X-Forwarded-For to believe (Fastify's trustProxy). */
  trustProxy?: boolean | string[];
}

export interface HttpApp {
  app: App;
  listen(options: { port: number; host: string }): Promise<string>;
  /** Opens a Server-Sent Events stream that graceful shutdown knows about. */
  eventStream(request: FastifyRequest, reply: FastifyReply, options?: { heartbeatMs?: number }): EventStream;
  /** Stops taking requests, ends open event streams, waits for in-flight requests, closes. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes ?? 10 * 1024 * 1024,
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: options.openapi?.title ?? options.name, description: options.openapi?.description, version: options.version },
    },
    transform: jsonSchemaTransform,
  });
  let draining = false;
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    if (draining) void reply.header('connection', 'close');
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    done();
  });

  const streams = new EventStreamRegistry();
  installRequestTracing(app, options.name);
  installErrorHandling(app);
  installProbes(app, { name: options.name, version: options.version, checks: options.readiness ?? {}, isDraining: () => draining });
  installMetrics(app, options.name);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return {
    app,
    async listen({ port, host }) {
      return app.listen({ port, host });
    },
    eventStream: (request, reply, streamOptions) => openEventStream(request, reply, streams, streamOptions),
    async stop() {
      draining = true;
      streams.closeAll();
      // Keep-alive sockets that fall idle during the drain would otherwise hold close() open.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      const force = setTimeout(() => app.server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      force.unref();
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
        clearTimeout(force);
      }
    },
  };
}
