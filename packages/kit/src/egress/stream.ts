import type { Dispatcher } from 'undici';
import { egressTimeout, requestFailed, responseTooLarge } from './errors.js';
import type { EgressRequestInit } from './hops.js';
import type { EgressResponseHead } from './response.js';

export interface EgressStreamInit extends EgressRequestInit {
  /** The longest wait for the next piece of the body once the headers are in; default the request's timeoutMs. */
  idleTimeoutMs?: number;
}

export interface EgressStreamResponse extends EgressResponseHead {
  /**
   * The body as it arrives. It errors with egress_response_too_large past maxResponseBytes in all, egress_timeout
   * when the server sends nothing for idleTimeoutMs, or the caller's abort reason; cancelling it closes the socket.
   */
  body: ReadableStream<Uint8Array>;
}

interface StreamLimits {
  maxBytes: number;
  idleTimeoutMs: number;
  signal: AbortSignal | undefined;
}

/**
 * The undici body as a web stream that reads the socket only as fast as its consumer reads the stream, counts
 * every byte against the cap, and destroys the body (so the socket) on every end but the server's own.
 */
export function guardedStream(
  body: Dispatcher.ResponseData['body'],
  url: URL,
  limits: StreamLimits,
): ReadableStream<Uint8Array> {
  const { maxBytes, idleTimeoutMs, signal } = limits;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let finished = false;
  let total = 0;
  let idle: NodeJS.Timeout | undefined;

  const onAbort = () => fail(signal?.reason);
  function settle(): boolean {
    if (finished) return false;
    finished = true;
    clearTimeout(idle);
    signal?.removeEventListener('abort', onAbort);
    return true;
  }
  function fail(error: unknown): void {
    if (!settle()) return;
    body.destroy();
    controller.error(error);
  }
  function watchIdle(): void {
    clearTimeout(idle);
    idle = setTimeout(
      () => fail(egressTimeout(`waiting for more of the response from ${url.host}`, idleTimeoutMs)),
      idleTimeoutMs,
    );
  }

  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      body.on('data', (chunk: Buffer) => {
        if (finished) return;
        total += chunk.byteLength;
        if (total > maxBytes) return fail(responseTooLarge(url, maxBytes));
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) > 0) return watchIdle();
        // The consumer is behind: the server is not idle, we are. Read nothing more until it asks.
        clearTimeout(idle);
        body.pause();
      });
      body.on('end', () => {
        if (settle()) controller.close();
      });
      body.on('error', (error) => fail(requestFailed(url.host, error)));
      if (signal?.aborted === true) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      watchIdle();
    },
    pull() {
      if (finished || !body.isPaused()) return;
      body.resume();
      watchIdle();
    },
    cancel() {
      if (settle()) body.destroy();
    },
  });
}
