import { isAppError } from '@astron/kit/errors';

/**
 * A call to the RPA platform that did not give an answer we can use. `retryable`: trying again may work (the
 * platform was unreachable, overloaded or broken for a moment). `mayHaveActed`: the platform may have done what
 * was asked before failing, so a task creation must not be repeated (it could start the robot twice).
 */
export class PlatformFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly mayHaveActed: boolean,
  ) {
    super(message);
    this.name = 'PlatformFailure';
  }
}

/** Statuses a gateway or an overloaded platform answers without having handled the request. */
const NOT_HANDLED = new Set([429, 502, 503, 504]);

export function failureOfStatus(status: number, body: string): PlatformFailure {
  const excerpt = body.trim().slice(0, 200);
  const message = `the RPA platform answered HTTP ${status}${excerpt === '' ? '' : `: ${excerpt}`}`;
  if (NOT_HANDLED.has(status)) return new PlatformFailure(message, true, false);
  return new PlatformFailure(message, status >= 500, status >= 500);
}

/** What the egress client threw, as a failure; a connection refused is the one case the platform surely saw nothing. */
export function failureOfRequest(error: unknown): PlatformFailure {
  if (error instanceof PlatformFailure) return error;
  if (isAppError(error)) {
    if (error.code === 'egress_connect_failed') {
      const refused = (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED';
      return new PlatformFailure(`could not reach the RPA platform: ${error.message}`, true, !refused);
    }
    if (error.code === 'egress_timeout') return new PlatformFailure(`the RPA platform did not answer in time: ${error.message}`, true, true);
    return new PlatformFailure(`the RPA platform cannot be called: ${error.message}`, false, false);
  }
  return new PlatformFailure(`the call to the RPA platform failed: ${error instanceof Error ? error.message : String(error)}`, false, true);
}
