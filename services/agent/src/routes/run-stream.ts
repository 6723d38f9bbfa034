import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '@astron/kit/errors';
import type { EventStream, HttpApp } from '@astron/kit/http';
import type { PreparedRun, RunResult } from '../domain/run-agent.js';
import type { RunEvent } from '../domain/types.js';

export interface Failure {
  status: number;
  code: string;
  message: string;
}

/** How a stream of run events is written: our OpenAI chunks, or the original's. */
export interface StreamFormat {
  opening(): unknown[];
  event(event: RunEvent): unknown[];
  closing(result: RunResult): unknown[];
  failure(failure: Failure): unknown[];
}

export function failureOf(error: unknown, request: FastifyRequest): Failure {
  if (isAppError(error)) return { status: error.status, code: error.code, message: error.message };
  request.log.error({ err: error }, 'agent run failed');
  return { status: 500, code: 'internal_error', message: `the run failed unexpectedly (request ${String(request.id)})` };
}

/** Aborted when the client goes away before the answer is complete, so the model call and tools stop too. */
export function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the client disconnected'));
  });
  return controller.signal;
}

/**
 * Runs and streams as Server-Sent Events. The stream opens with the first output, so a run refused before
 * any output (model unreachable, key refused) still answers with a plain HTTP error and status.
 */
export async function streamRun(http: HttpApp, request: FastifyRequest, reply: FastifyReply, prepared: PreparedRun, format: StreamFormat): Promise<void> {
  const signal = abortOnDisconnect(reply);
  let stream: EventStream | null = null;
  const send = (frames: unknown[]) => {
    if (stream === null) {
      stream = http.eventStream(request, reply);
      for (const frame of format.opening()) stream.send({ data: frame });
    }
    for (const frame of frames) stream.send({ data: frame });
  };
  try {
    const result = await prepared.execute((event) => send(format.event(event)), signal);
    send([...format.closing(result), '[DONE]']);
  } catch (error) {
    if (signal.aborted) {
      request.log.info({ reason: String(signal.reason) }, 'run cancelled');
      if (stream === null) {
        // Nobody is listening; take the reply over so the framework does not wait for an answer.
        reply.hijack();
        reply.raw.end();
      }
      return;
    }
    if (stream === null) throw error;
    send([...format.failure(failureOf(error, request)), '[DONE]']);
  } finally {
    (stream as EventStream | null)?.close();
  }
}
