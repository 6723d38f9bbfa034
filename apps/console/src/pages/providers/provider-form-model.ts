import type { ModelKind, Provider, ProviderInput } from '../../api/types.js';
import { check, headerName, httpUrl, required, type ValidationKey } from '../../lib/validation.js';

export interface HeaderRow {
  name: string;
  value: string;
}

export interface ModelRow {
  id: string;
  kind: ModelKind;
  source: 'fetched' | 'entered';
}

export interface ProviderFormValues {
  name: string;
  baseUrl: string;
  /** Write-only: empty keeps the stored key when editing. */
  apiKey: string;
  clearApiKey: boolean;
  headers: HeaderRow[];
  models: ModelRow[];
}

/** Errors by field: `name`, `baseUrl`, `headers.<row>.name`, `headers.<row>.value`, `models.<row>.id`. */
export type ProviderFormErrors = Record<string, ValidationKey>;

export function initialValues(provider: Provider | null): ProviderFormValues {
  return {
    name: provider?.name ?? '',
    baseUrl: provider?.baseUrl ?? '',
    apiKey: '',
    clearApiKey: false,
    // Stored header values are never sent back: the names come with empty values.
    headers: provider?.headerNames.map((name) => ({ name, value: '' })) ?? [],
    models: provider?.models.map((model) => ({ ...model })) ?? [],
  };
}

/** Whether the header rows differ from what is stored (then all values must be entered again). */
export function headersChanged(values: ProviderFormValues, provider: Provider | null): boolean {
  if (provider === null) return values.headers.length > 0;
  const stored = provider.headerNames;
  if (values.headers.length !== stored.length) return true;
  return values.headers.some((row, index) => row.name.trim() !== stored[index] || row.value !== '');
}

function modelsChanged(values: ProviderFormValues, provider: Provider | null): boolean {
  if (provider === null) return values.models.length > 0;
  if (values.models.length !== provider.models.length) return true;
  return values.models.some(
    (row, index) => row.id.trim() !== provider.models[index]?.id || row.kind !== provider.models[index]?.kind,
  );
}

export function validateProviderForm(
  values: ProviderFormValues,
  provider: Provider | null,
): ProviderFormErrors {
  const errors: ProviderFormErrors = {};
  const set = (field: string, key: ValidationKey | undefined) => {
    if (key !== undefined) errors[field] = key;
  };
  set('name', check(values.name, required));
  set('baseUrl', check(values.baseUrl, required, httpUrl));
  if (headersChanged(values, provider)) {
    const seen = new Set<string>();
    values.headers.forEach((row, index) => {
      const lower = row.name.trim().toLowerCase();
      set(
        `headers.${index}.name`,
        check(row.name, required, headerName) ?? (seen.has(lower) ? 'validation.duplicate' : undefined),
      );
      set(`headers.${index}.value`, check(row.value, required));
      seen.add(lower);
    });
  }
  const ids = new Set<string>();
  values.models.forEach((row, index) => {
    const id = row.id.trim();
    set(`models.${index}.id`, check(id, required) ?? (ids.has(id) ? 'validation.duplicate' : undefined));
    ids.add(id);
  });
  return errors;
}

/** The body to send: everything for a new provider; only what changed for an existing one. */
export function toProviderInput(values: ProviderFormValues, provider: Provider | null): ProviderInput {
  const input: ProviderInput = {};
  const name = values.name.trim();
  const baseUrl = values.baseUrl.trim();
  if (provider === null || name !== provider.name) input.name = name;
  if (provider === null || baseUrl !== provider.baseUrl) input.baseUrl = baseUrl;
  if (values.apiKey !== '') input.apiKey = values.apiKey;
  else if (provider !== null && values.clearApiKey) input.apiKey = null;
  if (headersChanged(values, provider))
    input.headers = Object.fromEntries(values.headers.map((row) => [row.name.trim(), row.value]));
  if (modelsChanged(values, provider))
    input.models = values.models.map((row) => ({ id: row.id.trim(), kind: row.kind }));
  return input;
}
