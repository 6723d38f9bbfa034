import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TelemetryOptions {
  serviceName: string;
  version?: string;
  /** OTLP/HTTP base URL (http://collector:4318); the original's "host:port" form gets http:// added. */
  otlpEndpoint?: string | undefined;
  /** Tests pass an in-memory exporter. */
  spanExporter?: SpanExporter;
  metricIntervalMs?: number;
}

export interface Telemetry {
  readonly exporting: boolean;
  shutdown(): Promise<void>;
}

let installed: { telemetry: Telemetry; users: number } | null = null;

/**
 * Trace context always propagates (W3C traceparent), so logs carry trace ids and calls between
 * services join one trace; spans and metrics are exported only when OTLP_ENDPOINT is set. One
 * process may host every service (embedded mode): the first caller installs, the last one out shuts down.
 */
export function initTelemetry(options: TelemetryOptions): Telemetry {
  if (installed !== null) {
    installed.users += 1;
    return shared(installed);
  }
  const endpoint = normalizeEndpoint(options.otlpEndpoint);
  const resource = resourceFromAttributes({ 'service.name': options.serviceName, 'service.version': options.version ?? '0.0.0' });
  const processors: SpanProcessor[] = [];
  const exporter = options.spanExporter ?? (endpoint ? new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }) : undefined);
  if (exporter !== undefined) processors.push(new BatchSpanProcessor(exporter, { scheduledDelayMillis: 500 }));
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors: processors });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tracerProvider);
  const meterProvider = endpoint
    ? new MeterProvider({
        resource,
        readers: [
          new PeriodicExportingMetricReader({
            exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
            exportIntervalMillis: options.metricIntervalMs ?? 15_000,
          }),
        ],
      })
    : undefined;
  if (meterProvider !== undefined) metrics.setGlobalMeterProvider(meterProvider);

  const telemetry: Telemetry = {
    exporting: exporter !== undefined,
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider?.shutdown();
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
  installed = { telemetry, users: 1 };
  return shared(installed);
}

function shared(entry: { telemetry: Telemetry; users: number }): Telemetry {
  let released = false;
  return {
    exporting: entry.telemetry.exporting,
    async shutdown() {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      installed = null;
      await entry.telemetry.shutdown();
    },
  };
}

function normalizeEndpoint(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const withScheme = /^https?:\/\//.test(value) ? value : `http://${value}`;
  return withScheme.replace(/\/+$/, '');
}
