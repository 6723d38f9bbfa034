import { isCodeErrorCode, type CodeErrorCode } from './codes.js';

/** What the parent passes to a worker on its command line. */
export interface WorkerSettings {
  memoryLimitMb: number;
  maxOutputBytes: number;
  maxResultBytes: number;
}

export interface RunMessage {
  type: 'run';
  id: number;
  code: string;
  argsJson: string;
  timeoutMs: number;
  isolationKey: string | null;
}

export interface CodeFailure {
  code: CodeErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type RunOutcome =
  | { ok: true; resultJson: string; stdout: string }
  | { ok: false; error: CodeFailure; stdout: string };

/** Worker to parent. `ready` is sent whenever the worker can take a run, with the key its interpreter holds. */
export type WorkerMessage =
  | { type: 'ready'; owner: string | null; resets: number }
  | { type: 'started'; id: number; resets: number }
  | ({ type: 'finished'; id: number } & RunOutcome)
  | { type: 'failed'; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The parent reads worker messages as untrusted input: a worker runs hostile code, so anything that
 * does not have exactly the expected shape is dropped (and the worker replaced).
 */
export function parseWorkerMessage(value: unknown): WorkerMessage | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'ready':
      return (value.owner === null || typeof value.owner === 'string') && typeof value.resets === 'number'
        ? { type: 'ready', owner: value.owner, resets: value.resets }
        : null;
    case 'started':
      return typeof value.id === 'number' && typeof value.resets === 'number' ? { type: 'started', id: value.id, resets: value.resets } : null;
    case 'failed':
      return typeof value.message === 'string' ? { type: 'failed', message: value.message } : null;
    case 'finished':
      return parseFinished(value);
    default:
      return null;
  }
}

function parseFinished(value: Record<string, unknown>): WorkerMessage | null {
  const { id, stdout } = value;
  if (typeof id !== 'number' || typeof stdout !== 'string') return null;
  if (value.ok === true) {
    return typeof value.resultJson === 'string' ? { type: 'finished', id, ok: true, resultJson: value.resultJson, stdout } : null;
  }
  const error = value.error;
  if (value.ok !== false || !isRecord(error) || !isCodeErrorCode(error.code) || typeof error.message !== 'string') return null;
  const details = isRecord(error.details) ? error.details : undefined;
  return { type: 'finished', id, ok: false, stdout, error: { code: error.code, message: error.message, details } };
}
