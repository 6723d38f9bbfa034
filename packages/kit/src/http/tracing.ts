import { context, metrics, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { extractTraceContext } from '../telemetry/index.js';

const spans = new WeakMap<object, Span>();

/**
 * A server span and a duration measurement per request, continuing the caller's W3C trace. The span is made active with
 * `context.with(..., done)` so everything the route does (logs, outgoing calls) runs inside it.
 */
export function installRequestTracing(app: FastifyInstance, serviceName: string): void {
  const tracer = trace.getTracer(serviceName);
  // Exported over OTLP beside the spans; /metrics keeps its Prometheus twin for scrapers.
  const duration = metrics.getMeter(serviceName).createHistogram('http.server.request.duration', { unit: 's' });
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = extractTraceContext(request.headers);
    const span = tracer.startSpan(
      `${request.method} ${request.routeOptions.url ?? 'unknown route'}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] } },
      parent,
    );
    spans.set(request, span);
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    duration.record(reply.elapsedTime / 1000, {
      'http.request.method': request.method,
      'http.route': request.routeOptions.url ?? 'unmatched',
      'http.response.status_code': reply.statusCode,
    });
    const span = spans.get(request);
    if (span !== undefined) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
