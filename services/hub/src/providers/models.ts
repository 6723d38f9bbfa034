export type ModelKind = 'chat' | 'embedding' | 'other';

export interface ProviderModel {
  id: string;
  kind: ModelKind;
  /** 'fetched' from <baseUrl>/models, or 'entered' by a person (kept across refreshes). */
  source: 'fetched' | 'entered';
}

/** A first guess a person can correct: OpenAI-style embedding ids say so in their name. */
export function guessKind(modelId: string): ModelKind {
  return modelId.toLowerCase().includes('embed') ? 'embedding' : 'chat';
}

/** Reads the JSON column, dropping anything that is not a model entry. */
export function readModels(value: unknown): ProviderModel[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (item): item is ProviderModel =>
      typeof item === 'object' && item !== null && typeof (item as ProviderModel).id === 'string' && typeof (item as ProviderModel).kind === 'string',
  );
}

/**
 * A person's list: each id once; a model already known keeps its source (a fetched model whose kind
 * was corrected stays 'fetched'), a new one is 'entered'.
 */
export function enteredModels(current: ProviderModel[], input: { id: string; kind: ModelKind }[]): ProviderModel[] {
  const known = new Map(current.map((model) => [model.id, model]));
  const seen = new Set<string>();
  const models: ProviderModel[] = [];
  for (const { id, kind } of input) {
    if (seen.has(id)) continue;
    seen.add(id);
    models.push({ id, kind, source: known.get(id)?.source ?? 'entered' });
  }
  return models;
}

/**
 * After a fetch: entered models stay, fetched ones are replaced by what the provider lists now, and a
 * kind someone corrected survives the refresh.
 */
export function mergeFetched(current: ProviderModel[], fetchedIds: string[]): ProviderModel[] {
  const known = new Map(current.map((model) => [model.id, model]));
  const entered = current.filter((model) => model.source === 'entered');
  const enteredIds = new Set(entered.map((model) => model.id));
  const fetched = [...new Set(fetchedIds)]
    .filter((id) => !enteredIds.has(id))
    .map((id): ProviderModel => ({ id, kind: known.get(id)?.kind ?? guessKind(id), source: 'fetched' }));
  return [...entered, ...fetched];
}

/** "<providerId>/<modelId>": the provider id has no slash, a model id may ("meta-llama/Llama-3-8B"). */
export function parseModelRef(ref: string): { providerId: string; modelId: string } | null {
  const separator = ref.indexOf('/');
  if (separator <= 0 || separator === ref.length - 1) return null;
  return { providerId: ref.slice(0, separator), modelId: ref.slice(separator + 1) };
}

export function modelRef(providerId: string, modelId: string): string {
  return `${providerId}/${modelId}`;
}
