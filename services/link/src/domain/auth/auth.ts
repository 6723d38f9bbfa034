import type { Keyring } from '@astron/kit/crypto';
import type { AuthType } from '../../store/tables.js';
import { authSecretRequired } from '../errors.js';

export type { AuthType };

/** How a tool set authenticates, as the API takes it; secrets may be left out (or sent back masked) to keep them. */
export type AuthInput =
  | { type: 'none' }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string; value?: string | undefined }
  | { type: 'bearer'; token?: string | undefined }
  | { type: 'basic'; username: string; password?: string | undefined }
  | {
      type: 'oauth2';
      tokenUrl: string;
      clientId: string;
      clientSecret?: string | undefined;
      scopes?: string[] | undefined;
      audience?: string | undefined;
      /** client_secret_basic (default) or client_secret_post. */
      clientAuth?: 'basic' | 'body' | undefined;
    };

/** As kept: what may be shown, and the secret sealed. */
export interface StoredAuth {
  type: AuthType;
  settings: Record<string, unknown>;
  secret: string | null;
}

/** Ready to use: the secret opened. */
export interface OpenAuth {
  type: AuthType;
  settings: Record<string, unknown>;
  secret: string | null;
}

/** What the API shows in place of a secret; sent back unchanged, it keeps the stored one. */
export const MASK = '********';

const secretField: Record<AuthType, string | null> = { none: null, apiKey: 'value', bearer: 'token', basic: 'password', oauth2: 'clientSecret' };

export const noAuth: StoredAuth = { type: 'none', settings: {}, secret: null };

/** Seals the secret of `input`; a missing or masked secret keeps `previous`'s when the type stays the same. */
export function sealAuth(input: AuthInput, previous: StoredAuth | null, keyring: Keyring): StoredAuth {
  const field = secretField[input.type];
  const { type, ...rest } = input as AuthInput & Record<string, unknown>;
  const settings = Object.fromEntries(Object.entries(rest).filter(([key, value]) => key !== field && value !== undefined));
  if (field === null) return { type, settings: {}, secret: null };
  const given = rest[field];
  if (typeof given === 'string' && given !== '' && given !== MASK) return { type, settings, secret: keyring.encrypt(given) };
  if (previous !== null && previous.type === type && previous.secret !== null) return { type, settings, secret: previous.secret };
  throw authSecretRequired(field);
}

/** The auth as the API shows it: settings, and the mask where a secret is set. */
export function authView(stored: StoredAuth): Record<string, unknown> {
  const field = secretField[stored.type];
  return { type: stored.type, ...stored.settings, ...(field !== null && stored.secret !== null ? { [field]: MASK } : {}) };
}

export function openAuth(stored: StoredAuth, keyring: Keyring): OpenAuth {
  return { ...stored, secret: stored.secret === null ? null : keyring.decrypt(stored.secret) };
}
