import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { isAppError } from '../errors/index.js';
import { parseAllowHosts } from './allowlist.js';
import { abortable } from './abortable.js';
import { egressFailed, egressTimeout, schemeNotAllowed, tooManyRedirects } from './errors.js';
import { checkHost, type EgressPolicy } from './policy.js';
import { firstHop, isRedirect, nextHop, type EgressRequestInit, type Hop } from './hops.js';
import { systemResolver, vettingLookup, type Resolver } from './resolve.js';
import { createResponse, readCapped, toHeaders, type EgressResponse } from './response.js';

export interface EgressOptions {
  /** Reach private, loopback, link-local ... addresses (not cloud metadata). EGRESS_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  /** Host names ('api.internal', '*.corp.example'), IPs and CIDRs ('10.0.0.0/8') to reach anyway. EGRESS_ALLOW_HOSTS. */
  allowHosts?: string[];
  /** The whole request, redirects and body included; default 30 s. */
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
  request(url: string | URL, init?: EgressRequestInit): Promise<EgressResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
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

  async function follow(start: Hop, signal: AbortSignal, current: { hop: Hop }): Promise<EgressResponse> {
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
      const headers = toHeaders(response.headers);
      const bytes = await readCapped(response.body, hop.url, maxResponseBytes, headers.get('content-length'));
      const parts = {
        status: response.statusCode,
        statusText: response.statusText,
        headers,
        url: hop.url.href,
        redirects,
      };
      return createResponse(parts, bytes);
    }
  }

  async function request(url: string | URL, init: EgressRequestInit = {}): Promise<EgressResponse> {
    const start = firstHop(url, init, userAgent);
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? 30_000;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const signal =
      init.signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, init.signal]);
    const current = { hop: start };
    try {
      return await follow(start, signal, current);
    } catch (error) {
      if (isAppError(error)) throw error;
      if (deadline.signal.aborted) throw egressTimeout(`the request to ${current.hop.url.host}`, timeoutMs);
      if (init.signal?.aborted === true) throw init.signal.reason;
      const code = (error as { code?: string }).code;
      if (code === 'UND_ERR_CONNECT_TIMEOUT')
        throw egressTimeout(`connecting to ${current.hop.url.host}`, connectTimeoutMs);
      const reason = code ?? (error as Error).message;
      throw egressFailed(
        'egress_connect_failed',
        `the request to ${current.hop.url.host} failed: ${reason}`,
        true,
        error,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  return { request, close: () => agent.close() };
}
