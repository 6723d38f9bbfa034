import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, expect, test } from 'vitest';
import { initTelemetry } from '../telemetry/index.js';
import { createLogger } from './index.js';

const telemetry = initTelemetry({ serviceName: 'log-test', spanExporter: new InMemorySpanExporter() });
afterAll(() => telemetry.shutdown());

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

test('JSON lines carry the service, the active trace and span, and hide credentials', async () => {
  const { lines, destination } = capture();
  const logger = createLogger({ service: 'tenant', destination });
  trace.getTracer('log-test').startActiveSpan('work', (span) => {
    logger.info({ req: { headers: { authorization: 'Bearer secret-token' } }, user: { password: 'hunter2' } }, 'inside a span');
    span.end();
  });
  logger.warn('outside any span');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const [inside, outside] = lines;
  expect(inside).toMatchObject({ service: 'tenant', msg: 'inside a span', level: 30 });
  expect(inside?.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(inside?.spanId).toMatch(/^[0-9a-f]{16}$/);
  expect(JSON.stringify(inside)).not.toContain('secret-token');
  expect(JSON.stringify(inside)).not.toContain('hunter2');
  expect(outside).toMatchObject({ service: 'tenant', msg: 'outside any span' });
  expect(outside?.traceId).toBeUndefined();
});
