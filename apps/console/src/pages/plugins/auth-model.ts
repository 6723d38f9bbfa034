import type { AuthType, ToolSetAuth } from '../../api/plugin-types.js';
import { httpUrl } from '../../lib/validation.js';

export const AUTH_TYPES: AuthType[] = ['none', 'apiKey', 'bearer', 'basic', 'oauth2'];
/** What the services show in place of a stored secret; sent back unchanged, the secret is kept. */
export const MASK = '********';

/** The auth form as typed: every field of every type, so switching back and forth loses nothing but secrets. */
export interface AuthValues {
  type: AuthType;
  in: 'header' | 'query';
  name: string;
  /** The secret of the current type (API key value, token, password, client secret). */
  secret: string;
  username: string;
  tokenUrl: string;
  clientId: string;
  scopes: string;
  audience: string;
  clientAuth: 'basic' | 'body';
}

export type AuthField = 'name' | 'secret' | 'username' | 'tokenUrl' | 'clientId';

export function authValues(auth: ToolSetAuth): AuthValues {
  const values: AuthValues = {
    type: auth.type,
    in: 'header',
    name: '',
    secret: '',
    username: '',
    tokenUrl: '',
    clientId: '',
    scopes: '',
    audience: '',
    clientAuth: 'basic',
  };
  switch (auth.type) {
    case 'apiKey':
      return { ...values, in: auth.in, name: auth.name, secret: auth.value ?? '' };
    case 'bearer':
      return { ...values, secret: auth.token ?? '' };
    case 'basic':
      return { ...values, username: auth.username, secret: auth.password ?? '' };
    case 'oauth2':
      return {
        ...values,
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        secret: auth.clientSecret ?? '',
        scopes: (auth.scopes ?? []).join(' '),
        audience: auth.audience ?? '',
        clientAuth: auth.clientAuth ?? 'basic',
      };
    default:
      return values;
  }
}

/** The fields that must be filled; a secret may stay masked only while the type is the stored one. */
export function authProblems(
  values: AuthValues,
  stored: AuthType,
): Partial<Record<AuthField, 'validation.required' | 'validation.url'>> {
  const problems: Partial<Record<AuthField, 'validation.required' | 'validation.url'>> = {};
  const missing = (value: string) => value.trim() === '';
  if (values.type === 'none') return problems;
  if (missing(values.secret) || (values.secret === MASK && values.type !== stored))
    problems.secret = 'validation.required';
  if (values.type === 'apiKey' && missing(values.name)) problems.name = 'validation.required';
  if (values.type === 'basic' && missing(values.username)) problems.username = 'validation.required';
  if (values.type === 'oauth2') {
    if (missing(values.clientId)) problems.clientId = 'validation.required';
    const url = missing(values.tokenUrl) ? 'validation.required' : httpUrl(values.tokenUrl);
    if (url !== undefined) problems.tokenUrl = url as 'validation.url';
  }
  return problems;
}

/** The `auth` body of checked values. */
export function toAuth(values: AuthValues): ToolSetAuth {
  switch (values.type) {
    case 'none':
      return { type: 'none' };
    case 'apiKey':
      return { type: 'apiKey', in: values.in, name: values.name.trim(), value: values.secret };
    case 'bearer':
      return { type: 'bearer', token: values.secret };
    case 'basic':
      return { type: 'basic', username: values.username.trim(), password: values.secret };
    case 'oauth2': {
      const scopes = values.scopes.split(/[\s,]+/).filter((scope) => scope !== '');
      return {
        type: 'oauth2',
        tokenUrl: values.tokenUrl.trim(),
        clientId: values.clientId.trim(),
        clientSecret: values.secret,
        clientAuth: values.clientAuth,
        ...(scopes.length > 0 ? { scopes } : {}),
        ...(values.audience.trim() === '' ? {} : { audience: values.audience.trim() }),
      };
    }
  }
}
