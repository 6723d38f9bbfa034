import type { Keyring } from '@astron/kit/crypto';
import type { ProvidersTable } from '../store/tables.js';

/** What it takes to call a provider: the only place its key and header values exist in plain text. */
export interface ProviderEndpoint {
  baseUrl: string;
  apiKey: string | null;
  headers: Record<string, string>;
}

/** AES-256-GCM through the keyring; the sealed value carries its key id, so ASTRON_ENCRYPTION_KEY can rotate. */
export function sealApiKey(keyring: Keyring, apiKey: string | null): string | null {
  return apiKey === null || apiKey === '' ? null : keyring.encrypt(apiKey);
}

/** Header values are often credentials too (api-key, x-goog-api-key), so the whole set is sealed. */
export function sealHeaders(keyring: Keyring, headers: Record<string, string>): string | null {
  return Object.keys(headers).length === 0 ? null : keyring.encrypt(JSON.stringify(headers));
}

export function openHeaders(keyring: Keyring, row: Pick<ProvidersTable, 'headers_sealed'>): Record<string, string> {
  return row.headers_sealed === null ? {} : (JSON.parse(keyring.decrypt(row.headers_sealed)) as Record<string, string>);
}

export function openEndpoint(keyring: Keyring, row: ProvidersTable): ProviderEndpoint {
  return {
    baseUrl: row.base_url,
    apiKey: row.api_key_sealed === null ? null : keyring.decrypt(row.api_key_sealed),
    headers: openHeaders(keyring, row),
  };
}
