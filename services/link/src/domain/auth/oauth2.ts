import { sha256Hex } from '@astron/kit/crypto';
import type { EgressClient } from '@astron/kit/egress';
import { oauthTokenFailed } from '../errors.js';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: string[];
  audience?: string;
  clientAuth?: 'basic' | 'body';
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Tokens kept in this process only: they are secrets, and fetching one again costs a single request. */
const MAX_CACHED = 1_000;
const DEFAULT_LIFETIME_S = 3_600;

function describeRefusal(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    if (typeof parsed.error === 'string') return `${status} ${parsed.error}${typeof parsed.error_description === 'string' ? `: ${parsed.error_description}` : ''}`;
  } catch {
    // not JSON: the status says enough
  }
  return `HTTP ${status}`;
}

/** OAuth2 client-credentials tokens, fetched through the egress client and reused until shortly before they expire. */
export function oauthTokens(egress: EgressClient, now: () => number = Date.now) {
  const cache = new Map<string, CachedToken>();
  const pending = new Map<string, Promise<string>>();

  async function fetchToken(credentials: ClientCredentials, key: string): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (credentials.scopes !== undefined && credentials.scopes.length > 0) form.set('scope', credentials.scopes.join(' '));
    if (credentials.audience !== undefined) form.set('audience', credentials.audience);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (credentials.clientAuth === 'body') {
      form.set('client_id', credentials.clientId);
      form.set('client_secret', credentials.clientSecret);
    } else {
      const pair = `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    }
    const response = await egress.request(credentials.tokenUrl, { method: 'POST', headers, body: form.toString() });
    const body = await response.text();
    if (!response.ok) throw oauthTokenFailed(describeRefusal(response.status, body));
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      throw oauthTokenFailed('the token endpoint did not answer JSON');
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') throw oauthTokenFailed('the answer has no access_token');
    const lifetimeMs = (typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_LIFETIME_S) * 1000;
    // Renew a little early (a tenth of the lifetime, at most 30 s) so a token does not expire on its way.
    const expiresAt = now() + lifetimeMs - Math.min(30_000, lifetimeMs / 10);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, { token: parsed.access_token, expiresAt });
    return parsed.access_token;
  }

  return {
    async token(credentials: ClientCredentials): Promise<string> {
      const key = sha256Hex(JSON.stringify([credentials.tokenUrl, credentials.clientId, credentials.clientSecret, credentials.scopes ?? [], credentials.audience ?? '', credentials.clientAuth ?? 'basic']));
      const cached = cache.get(key);
      if (cached !== undefined && cached.expiresAt > now()) return cached.token;
      const inFlight = pending.get(key);
      if (inFlight !== undefined) return inFlight;
      const request = fetchToken(credentials, key).finally(() => pending.delete(key));
      pending.set(key, request);
      return request;
    },
  };
}

export type OAuthTokens = ReturnType<typeof oauthTokens>;
