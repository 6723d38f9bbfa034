import { egressFailed, invalidUrl } from './errors.js';

/** One request on the way to the final response. */
export interface Hop {
  url: URL;
  method: string;
  headers: Headers;
  body: string | Uint8Array | undefined;
}

export interface EgressRequestInit {
  method?: string;
  headers?: Record<string, string> | Headers | Array<[string, string]>;
  body?: string | Uint8Array | null;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Headers the client owns: hop-by-hop ones and those undici computes from the body. */
const STRIPPED_HEADERS = [
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'content-length',
];

export function firstHop(input: string | URL, init: EgressRequestInit, userAgent: string): Hop {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalidUrl(String(input), 'it does not parse as an absolute URL');
  }
  if (url.username !== '' || url.password !== '')
    throw invalidUrl(url.href, 'credentials in URLs are not supported; send an Authorization header');
  url.hash = '';
  const headers = new Headers(init.headers);
  for (const name of STRIPPED_HEADERS) headers.delete(name);
  if (!headers.has('user-agent')) headers.set('user-agent', userAgent);
  return { url, method: (init.method ?? 'GET').toUpperCase(), headers, body: init.body ?? undefined };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Request-body header names (fetch standard), dropped with the body when a redirect turns into a GET. */
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];
/** Dropped on a cross-origin redirect so that credentials meant for one host never reach another. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The request a redirect asks for, with the fetch standard's rules: 303 turns anything but HEAD into GET,
 * 301 and 302 turn POST into GET, 307 and 308 keep method and body.
 */
export function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch (error) {
    throw egressFailed(
      'egress_bad_redirect',
      `${hop.url.host} redirected to an invalid URL ${JSON.stringify(location.slice(0, 200))}`,
      false,
      error,
    );
  }
  url.hash = '';
  const headers = new Headers(hop.headers);
  const becomesGet =
    status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST';
  if (url.origin !== hop.url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  if (!becomesGet) return { url, method: hop.method, headers, body: hop.body };
  for (const name of BODY_HEADERS) headers.delete(name);
  return { url, method: 'GET', headers, body: undefined };
}
