import { AppError } from '@astron/kit/errors';
import type { HubContext } from '../context.js';

/** How long a started sign-in may take at the provider. */
export const OIDC_STATE_TTL_MS = 10 * 60_000;

/** A started sign-in: the PKCE verifier and nonce never leave the server; only the state travels. */
export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

/** A sign-in the hub refuses; `code` goes to /signin?error=<code>. */
export function oidcRefused(code: string, message: string, cause?: unknown): AppError {
  return new AppError({ code, message, status: 400, cause });
}

/** Only a path on this site: "/agents?x=1", never "//evil.example" or "https://...". */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value))
    return '/';
  return value;
}

const stateKey = (state: string) => `oidc:state:${state}`;

/** Keeps what the callback will need, under the state the provider sends back. */
export async function savePending(context: HubContext, state: string, pending: PendingLogin): Promise<void> {
  await context.cache.set(stateKey(state), JSON.stringify(pending), { ttlMs: OIDC_STATE_TTL_MS });
}

/** The pending sign-in of a state, usable once: the first callback takes it, a replay finds nothing. */
export async function takePending(context: HubContext, state: string | undefined): Promise<PendingLogin> {
  const refused = () =>
    oidcRefused('invalid_state', 'this sign-in is unknown, expired or already used; start again');
  if (state === undefined || state === '' || state.length > 256) throw refused();
  const stored = await context.cache.get(stateKey(state));
  // setIfAbsent makes the taking atomic even when two callbacks race with the same state.
  if (
    stored === null ||
    !(await context.cache.setIfAbsent(`oidc:used:${state}`, '1', { ttlMs: OIDC_STATE_TTL_MS }))
  )
    throw refused();
  await context.cache.delete(stateKey(state));
  return JSON.parse(stored) as PendingLogin;
}
