import { trace } from '@opentelemetry/api';
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level?: LevelWithSilent;
  /** Also append JSON lines to this file (the original's LOG_PATH). */
  file?: string | undefined;
  /** Where lines go instead of stdout (tests). */
  destination?: NodeJS.WritableStream;
}

/**
 * JSON lines with the service name, and the trace and span ids of whatever span is active, so a
 * line can be joined to its trace. Request ids are added per request by the HTTP app factory.
 */
export function createLogger(options: LoggerOptions): Logger {
  const streams: pino.StreamEntry[] = [{ stream: options.destination ?? pino.destination({ fd: 1, sync: false }) }];
  if (options.file !== undefined) streams.push({ stream: pino.destination({ dest: options.file, mkdir: true, sync: false }) });
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.apiSecret', '*.api_secret'],
        censor: '[hidden]',
      },
      mixin() {
        const context = trace.getActiveSpan()?.spanContext();
        return context === undefined ? {} : { traceId: context.traceId, spanId: context.spanId };
      },
    },
    pino.multistream(streams),
  );
}
