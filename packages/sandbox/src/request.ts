import { codeRequestInvalid } from './errors.js';
import type { RunMessage } from './protocol.js';
import type { SandboxRunRequest } from './types.js';

const MAX_CODE_BYTES = 1_048_576;
const MAX_TIMEOUT_MS = 600_000;
const MAX_ARGS_BYTES = 16 * 1_048_576;

let nextRunId = 1;

/** Checks a request before it reaches a child and turns it into the message the worker reads. */
export function toRunMessage(request: SandboxRunRequest, defaultTimeoutMs: number): RunMessage {
  if (typeof request.code !== 'string' || Buffer.byteLength(request.code, 'utf8') > MAX_CODE_BYTES) {
    throw codeRequestInvalid(`the code must be a string of at most ${MAX_CODE_BYTES} bytes`);
  }
  const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw codeRequestInvalid(`the timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  if (typeof request.args !== 'object' || request.args === null || Array.isArray(request.args)) {
    throw codeRequestInvalid('the arguments must be an object of variable names to values');
  }
  let argsJson: string;
  try {
    argsJson = JSON.stringify(request.args);
  } catch (error) {
    throw codeRequestInvalid(`the arguments cannot be converted to JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (argsJson.length > MAX_ARGS_BYTES) throw codeRequestInvalid(`the arguments are larger than ${MAX_ARGS_BYTES} bytes of JSON`);
  return { type: 'run', id: nextRunId++, code: request.code, argsJson, timeoutMs, isolationKey: request.isolationKey ?? null };
}
