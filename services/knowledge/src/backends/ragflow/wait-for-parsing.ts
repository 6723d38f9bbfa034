import { setTimeout as sleep } from 'node:timers/promises';
import { isAppError } from '@astron/kit/errors';
import { RagflowParsingError } from './errors.js';
import type { RagflowClient } from './client.js';
import type { DocumentStatus } from './types.js';

export interface WaitForParsingOptions {
  /** Called with the first status and with every change of status, progress or chunk count. */
  onProgress?: (status: DocumentStatus) => void;
  /** First pause between two polls; 500 ms unless set. */
  pollMs?: number;
  /** The pause grows by half while nothing changes, up to this; 5 s unless set. */
  maxPollMs?: number;
  /** How long to wait in all; 300 s unless set, as the original waits. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const changed = (before: DocumentStatus | undefined, now: DocumentStatus): boolean =>
  before === undefined ||
  before.status !== now.status ||
  before.progress !== now.progress ||
  before.chunkCount !== now.chunkCount;

/**
 * Polls a document's parsing until RAGFlow says DONE, and returns that status. FAIL and CANCEL, and
 * running out of time, throw RagflowParsingError. A poll that fails retryably (timeout, unreachable,
 * RAGFlow's server errors) is tried again at the next turn, as parsing a large file takes minutes and
 * one lost answer should not fail it; any other error ends the wait.
 */
export async function waitForParsing(
  client: Pick<RagflowClient, 'documentStatus'>,
  datasetId: string,
  documentId: string,
  options: WaitForParsingOptions = {},
): Promise<DocumentStatus> {
  const pollMs = options.pollMs ?? 500;
  const maxPollMs = options.maxPollMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const deadline = Date.now() + timeoutMs;
  let pause = pollMs;
  let last: DocumentStatus | undefined;
  for (;;) {
    let status: DocumentStatus | undefined;
    try {
      status = await client.documentStatus(datasetId, documentId);
    } catch (error) {
      if (!(isAppError(error) && error.retryable)) throw error;
    }
    if (status !== undefined && changed(last, status)) {
      options.onProgress?.(status);
      last = status;
      pause = pollMs; // it moves: keep up with it
    } else {
      pause = Math.min(pause * 1.5, maxPollMs);
    }
    if (status?.status === 'done') return status;
    if (status?.status === 'failed' || status?.status === 'cancelled') {
      throw new RagflowParsingError(status.status, documentId, status);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const lastKnown = last ?? { status: 'pending', progress: 0, chunkCount: 0 };
      throw new RagflowParsingError('timeout', documentId, lastKnown, timeoutMs);
    }
    await sleep(Math.min(pause, left), undefined, { signal: options.signal });
  }
}
