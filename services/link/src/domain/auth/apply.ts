import { MASK, type OpenAuth } from './auth.js';
import type { OAuthTokens } from './oauth2.js';

/** An HTTP request on its way to a tool's server; header names are lower case. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

const setting = (auth: OpenAuth, key: string): string => {
  const value = auth.settings[key];
  return typeof value === 'string' ? value : '';
};

/**
 * Puts the tool set's credentials on the request. Returns every secret text now in it (key, token, the basic
 * pair), so that a debug view can mask them.
 */
export async function applyAuth(request: OutgoingRequest, auth: OpenAuth, tokens: OAuthTokens): Promise<string[]> {
  const secret = auth.secret ?? '';
  switch (auth.type) {
    case 'none':
      return [];
    case 'apiKey':
      if (auth.settings.in === 'query') request.url.searchParams.set(setting(auth, 'name'), secret);
      else request.headers[setting(auth, 'name').toLowerCase()] = secret;
      return [secret];
    case 'bearer':
      request.headers.authorization = `Bearer ${secret}`;
      return [secret];
    case 'basic': {
      const pair = Buffer.from(`${setting(auth, 'username')}:${secret}`).toString('base64');
      request.headers.authorization = `Basic ${pair}`;
      return [pair, secret];
    }
    case 'oauth2': {
      const scopes = Array.isArray(auth.settings.scopes) ? auth.settings.scopes.map(String) : undefined;
      const audience = typeof auth.settings.audience === 'string' ? auth.settings.audience : undefined;
      const token = await tokens.token({
        tokenUrl: setting(auth, 'tokenUrl'),
        clientId: setting(auth, 'clientId'),
        clientSecret: secret,
        clientAuth: auth.settings.clientAuth === 'body' ? 'body' : 'basic',
        ...(scopes === undefined ? {} : { scopes }),
        ...(audience === undefined ? {} : { audience }),
      });
      request.headers.authorization = `Bearer ${token}`;
      return [token];
    }
  }
}

/** `text` with every secret (as is, and URL-encoded) replaced by the mask. */
export function maskSecrets(text: string, secrets: string[]): string {
  let masked = text;
  for (const secret of secrets.filter((value) => value.length > 0).sort((a, b) => b.length - a.length)) {
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) masked = masked.split(form).join(MASK);
  }
  return masked;
}
