import { AppError, badRequest } from '../errors/index.js';
import type { AddressVerdict } from './addresses.js';

/** The environment variables that configure egress; refusal messages name them. */
export const EGRESS_ALLOW_HOSTS = 'EGRESS_ALLOW_HOSTS';
export const EGRESS_ALLOW_PRIVATE = 'EGRESS_ALLOW_PRIVATE';

export function blockedAddress(hostname: string, address: string, verdict: AddressVerdict): AppError {
  const judged = verdict.embeddedIpv4 ?? address;
  const cidr = `${judged}/${judged.includes(':') ? 128 : 32}`;
  const seen =
    verdict.embeddedIpv4 === undefined ? address : `${address}, which carries IPv4 ${verdict.embeddedIpv4}`;
  const remedy =
    verdict.reason === 'cloud metadata'
      ? `${EGRESS_ALLOW_HOSTS}=${cidr} (${EGRESS_ALLOW_PRIVATE} does not cover cloud metadata)`
      : `${EGRESS_ALLOW_HOSTS}=${cidr} or ${EGRESS_ALLOW_PRIVATE}=true`;
  return new AppError({
    code: 'egress_blocked',
    status: 403,
    message: `refused ${seen} (${verdict.reason}) for host ${hostname}; allow it with ${remedy}`,
    details: { hostname, address, reason: verdict.reason, allowWith: { [EGRESS_ALLOW_HOSTS]: cidr } },
  });
}

export function blockedName(hostname: string): AppError {
  return new AppError({
    code: 'egress_blocked',
    status: 403,
    message: `refused host ${hostname} (cloud metadata); allow it with ${EGRESS_ALLOW_HOSTS}=${hostname} and its address as a CIDR`,
    details: { hostname, reason: 'cloud metadata' },
  });
}

export const schemeNotAllowed = (url: URL, redirected: boolean) =>
  badRequest(
    `${redirected ? 'redirect to ' : ''}scheme ${url.protocol} is not allowed; only http: and https: are`,
    { scheme: url.protocol },
    'egress_scheme_not_allowed',
  );

export const invalidUrl = (url: string, reason: string) =>
  badRequest(`invalid URL ${JSON.stringify(url.slice(0, 200))}: ${reason}`, undefined, 'egress_invalid_url');

export const egressTimeout = (what: string, timeoutMs: number) =>
  new AppError({
    code: 'egress_timeout',
    status: 504,
    retryable: true,
    message: `${what} timed out after ${timeoutMs} ms`,
  });

export const responseTooLarge = (url: URL, limitBytes: number) =>
  new AppError({
    code: 'egress_response_too_large',
    status: 413,
    message: `the response from ${url.host} is larger than ${limitBytes} bytes`,
    details: { limitBytes },
  });

export const tooManyRedirects = (url: URL, maxRedirects: number) =>
  new AppError({
    code: 'egress_too_many_redirects',
    status: 502,
    message: `more than ${maxRedirects} redirects, the last one from ${url.href}`,
  });

export const egressFailed = (code: string, message: string, retryable: boolean, cause?: unknown) =>
  new AppError({ code, status: 502, retryable, message, cause });

/** A request that failed below HTTP (a refused connection, a reset socket), named by the system's code. */
export function requestFailed(host: string, error: unknown): AppError {
  const reason = (error as { code?: string }).code ?? (error as Error).message;
  return egressFailed('egress_connect_failed', `the request to ${host} failed: ${reason}`, true, error);
}
