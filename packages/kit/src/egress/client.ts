import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { isAppError } from '../errors/index.js';
import { parseAllowHosts } from './allowlist.js';
import { abortable } from './abortable.js';
import { egressTimeout, requestFailed, schemeNotAllowed, tooManyRedirects } from './errors.js';
import { checkHost, type EgressPolicy } from './policy.js';
import { firstHop, isRedirect, nextHop, type EgressRequestInit, type Hop } from './hops.js';
import { systemResolver, vettingLookup, type Resolver } from './resolve.js';
import {
  createResponse,
  readCapped,
  refuseDeclaredLength,
  toHeaders,
  type EgressResponse,
} from './response.js';
import { guardedStream, type EgressStreamInit, type EgressStreamResponse } from './stream.js';

export interface EgressOptions {
  /** Reach private, loopback, link-local ... addresses (not cloud metadata). EGRESS_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  /** Host names ('api.internal', '*.corp.example'), IPs and CIDRs ('10.0.0.0/8') to reach anyway. EGRESS_ALLOW_HOSTS. */
  allowHosts?: string[];
  /** The whole request, redirects and body included (for `stream`, up to the headers); default 30 s. */
  timeoutMs?: number;
  /** Each TCP (and TLS) connect; default 10 s. */
  connectTimeoutMs?: number;
  /** Default 10 MiB. */
  maxResponseBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** How host names become addresses; default the system's (dns.lookup, all addresses). */
  resolver?: Resolver;
}

export type { EgressRequestInit } from './hops.js';

export interface EgressClient {
  /** The response with its body read whole, within maxResponseBytes and timeoutMs. */
  request(url: string | URL, init?: EgressRequestInit): Promise<EgressResponse>;
  /**
   * The response as soon as its headers are in (timeoutMs covers the hops up to them), the body a stream under
   * the same guard: maxResponseBytes in all, `idleTimeoutMs` between pieces, closed when cancelled or aborted.
   */
  stream(url: string | URL, init?: EgressStreamInit): Promise<EgressStreamResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

/** The final response, its body not read yet. */
interface Arrived {
  body: Dispatcher.ResponseData['body'];
  hopUrl: URL;
  parts: { status: number; statusText: string; headers: Headers; url: string; redirects: string[] };
}

/**
 * The one HTTP client for URLs that users control. Every hop is checked: literal IPs before anything
 * else, host names after DNS and before connecting, to the very addresses that were checked.
 */
export function createEgressClient(options: EgressOptions = {}): EgressClient {
  const policy: EgressPolicy = {
    allowPrivate: options.allowPrivate ?? false,
    allowList: parseAllowHosts(options.allowHosts ?? []),
  };
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? 'astron-agent';
  const agent = new Agent({
    connect: { timeout: connectTimeoutMs, lookup: vettingLookup(policy, options.resolver ?? systemResolver) },
  });

  async function send(hop: Hop, redirected: boolean, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    if (hop.url.protocol !== 'http:' && hop.url.protocol !== 'https:')
      throw schemeNotAllowed(hop.url, redirected);
    checkHost(policy, hop.url.hostname);
    const headers = Object.fromEntries(hop.headers);
    const pending = undiciRequest(hop.url, {
      dispatcher: agent,
      method: hop.method,
      headers,
      body: hop.body ?? null,
      signal,
    });
    return abortable(pending, signal);
  }

  /** The first response that is not a redirect, every hop checked on the way. */
  async function follow(start: Hop, signal: AbortSignal, current: { hop: Hop }): Promise<Arrived> {
    const redirects: string[] = [];
    for (let hop = start; ;) {
      current.hop = hop;
      const response = await send(hop, redirects.length > 0, signal);
      const location = response.headers.location;
      if (isRedirect(response.statusCode) && typeof location === 'string') {
        await response.body.dump().catch(() => undefined);
        if (redirects.length >= maxRedirects) throw tooManyRedirects(hop.url, maxRedirects);
        redirects.push(hop.url.href);
        hop = nextHop(hop, response.statusCode, location);
        continue;
      }
      const parts = {
        status: response.statusCode,
        statusText: response.statusText,
        headers: toHeaders(response.headers),
        url: hop.url.href,
        redirects,
      };
      return { body: response.body, hopUrl: hop.url, parts };
    }
  }

  /** Runs `work` on the final response within the request's timeout, turning undici's failures into ours. */
  async function deadlined<T>(
    url: string | URL,
    init: EgressRequestInit,
    work: (arrived: Arrived, timeoutMs: number) => Promise<T>,
  ): Promise<T> {
    const start = firstHop(url, init, userAgent);
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? 30_000;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const signal =
      init.signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, init.signal]);
    const current = { hop: start };
    try {
      return await work(await follow(start, signal, current), timeoutMs);
    } catch (error) {
      if (isAppError(error)) throw error;
      if (deadline.signal.aborted) throw egressTimeout(`the request to ${current.hop.url.host}`, timeoutMs);
      if (init.signal?.aborted === true) throw init.signal.reason;
      if ((error as { code?: string }).code === 'UND_ERR_CONNECT_TIMEOUT')
        throw egressTimeout(`connecting to ${current.hop.url.host}`, connectTimeoutMs);
      throw requestFailed(current.hop.url.host, error);
    } finally {
      clearTimeout(timer);
    }
  }

  const request = (url: string | URL, init: EgressRequestInit = {}) =>
    deadlined(url, init, async ({ body, hopUrl, parts }) => {
      const declared = parts.headers.get('content-length');
      return createResponse(parts, await readCapped(body, hopUrl, maxResponseBytes, declared));
    });

  const stream = (url: string | URL, init: EgressStreamInit = {}) =>
    deadlined(url, init, async ({ body, hopUrl, parts }, timeoutMs): Promise<EgressStreamResponse> => {
      refuseDeclaredLength(body, hopUrl, maxResponseBytes, parts.headers.get('content-length'));
      const limits = {
        maxBytes: maxResponseBytes,
        idleTimeoutMs: init.idleTimeoutMs ?? timeoutMs,
        signal: init.signal,
      };
      return {
        ...parts,
        ok: parts.status >= 200 && parts.status < 300,
        body: guardedStream(body, hopUrl, limits),
      };
    });

  return { request, stream, close: () => agent.close() };
}
