import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ServerSentEvent {
  event?: string;
  data: unknown;
  id?: string;
}

export interface EventStream {
  /** False once the client has gone; callers stop producing then. */
  readonly open: boolean;
  send(event: ServerSentEvent): void;
  comment(text: string): void;
  close(): void;
  /** Runs when the stream ends for any reason (client gone, close(), shutdown). */
  onClose(listener: () => void): void;
}

/** Open streams of one app, so graceful shutdown can end them instead of waiting for them forever. */
export class EventStreamRegistry {
  private readonly streams = new Set<EventStream>();

  add(stream: EventStream): void {
    this.streams.add(stream);
    stream.onClose(() => this.streams.delete(stream));
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const stream of [...this.streams]) {
      stream.send({ event: 'server-closing', data: { reason: 'the service is shutting down; reconnect' } });
      stream.close();
    }
  }
}

function frame(event: ServerSentEvent): string {
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  const lines: string[] = [];
  if (event.id !== undefined) lines.push(`id: ${event.id}`);
  if (event.event !== undefined) lines.push(`event: ${event.event}`);
  for (const line of data.split('\n')) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * Takes over the response for Server-Sent Events. Proxies are told not to buffer; a comment every
 * `heartbeatMs` keeps idle connections from being cut.
 */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  registry: EventStreamRegistry,
  options: { heartbeatMs?: number } = {},
): EventStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(request.id),
  });
  raw.flushHeaders();
  const listeners: (() => void)[] = [];
  let open = true;
  const finish = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    for (const listener of listeners) listener();
  };
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  raw.on('close', finish);
  const stream: EventStream = {
    get open() {
      return open;
    },
    send(event) {
      if (open) raw.write(frame(event));
    },
    comment(text) {
      if (open) raw.write(`: ${text.replaceAll('\n', ' ')}\n\n`);
    },
    close() {
      if (!open) return;
      raw.end();
      finish();
    },
    onClose(listener) {
      if (open) listeners.push(listener);
      else listener();
    },
  };
  registry.add(stream);
  return stream;
}
