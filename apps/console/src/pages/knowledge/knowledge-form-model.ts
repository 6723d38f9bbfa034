import type { ChunkingSettings, KnowledgeBase, KnowledgeBaseInput, Provider, RetrievalMode } from '../../api/types.js';

export const CHUNK_MODES: ChunkingSettings['mode'][] = ['recursive', 'heading', 'separator'];
export const RETRIEVAL_MODES: RetrievalMode[] = ['hybrid', 'vector', 'fulltext'];

/** A knowledge base's settings as typed: numbers stay text until they are checked. */
export interface KnowledgeFormValues {
  name: string;
  description: string;
  embeddingModel: string;
  chunkMode: ChunkingSettings['mode'];
  maxTokens: string;
  overlapTokens: string;
  /** As typed: `\n` and `\t` stand for a line break and a tab, which a text field cannot hold. */
  separator: string;
  retrievalMode: RetrievalMode;
  topK: string;
  scoreThreshold: string;
}

export type KnowledgeFormField = keyof KnowledgeFormValues;

/** The i18n keys of the checks' messages. */
export type KnowledgeCheck =
  | 'validation.required'
  | 'validation.tooLong'
  | 'knowledge.checks.maxTokens'
  | 'knowledge.checks.overlap'
  | 'knowledge.checks.topK'
  | 'knowledge.checks.threshold';

/** The knowledge service's defaults (services/knowledge/src/domain/settings.ts). */
export function emptyValues(embeddingModel: string): KnowledgeFormValues {
  return {
    name: '',
    description: '',
    embeddingModel,
    chunkMode: 'recursive',
    maxTokens: '512',
    overlapTokens: '64',
    separator: '\\n\\n',
    retrievalMode: 'hybrid',
    topK: '5',
    scoreThreshold: '0',
  };
}

const escapes: [string, string][] = [
  ['\\n', '\n'],
  ['\\t', '\t'],
];

export const decodeSeparator = (typed: string) => escapes.reduce((text, [shown, real]) => text.split(shown).join(real), typed);
export const encodeSeparator = (real: string) => escapes.reduce((text, [shown, raw]) => text.split(raw).join(shown), real);

export function valuesOf(base: KnowledgeBase): KnowledgeFormValues {
  return {
    name: base.name,
    description: base.description,
    embeddingModel: base.embeddingModel ?? '',
    chunkMode: base.chunking.mode,
    maxTokens: String(base.chunking.maxTokens),
    overlapTokens: String(base.chunking.overlapTokens),
    separator: encodeSeparator(base.chunking.separator ?? '\n\n'),
    retrievalMode: base.retrieval.mode,
    topK: String(base.retrieval.topK),
    scoreThreshold: String(base.retrieval.scoreThreshold),
  };
}

const whole = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;
const fraction = (text: string) => text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0 && Number(text) <= 1;

/** The same limits as the knowledge service's schemas; it checks again. */
export function validateKnowledge(values: KnowledgeFormValues, needsModel: boolean): Partial<Record<KnowledgeFormField, KnowledgeCheck>> {
  const errors: Partial<Record<KnowledgeFormField, KnowledgeCheck>> = {};
  if (values.name.trim() === '') errors.name = 'validation.required';
  else if (values.name.trim().length > 100) errors.name = 'validation.tooLong';
  if (values.description.length > 2000) errors.description = 'validation.tooLong';
  if (needsModel && values.embeddingModel === '') errors.embeddingModel = 'validation.required';
  if (!whole(values.maxTokens, 64, 4096)) errors.maxTokens = 'knowledge.checks.maxTokens';
  else if (!whole(values.overlapTokens, 0, Number(values.maxTokens) - 1)) errors.overlapTokens = 'knowledge.checks.overlap';
  if (values.chunkMode === 'separator' && values.separator === '') errors.separator = 'validation.required';
  if (!whole(values.topK, 1, 50)) errors.topK = 'knowledge.checks.topK';
  if (!fraction(values.scoreThreshold)) errors.scoreThreshold = 'knowledge.checks.threshold';
  return errors;
}

/** The settings of valid values, as POST and PATCH take them; the embedding model only when it is to be set. */
export function toBaseInput(values: KnowledgeFormValues, withModel: boolean): KnowledgeBaseInput & { name: string } {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    ...(withModel && values.embeddingModel !== '' ? { embeddingModel: values.embeddingModel } : {}),
    chunking: {
      mode: values.chunkMode,
      maxTokens: Number(values.maxTokens),
      overlapTokens: Number(values.overlapTokens),
      ...(values.chunkMode === 'separator' ? { separator: decodeSeparator(values.separator) } : {}),
    },
    retrieval: { mode: values.retrievalMode, topK: Number(values.topK), scoreThreshold: Number(values.scoreThreshold) },
  };
}

export interface ModelOption {
  value: string;
  label: string;
}

/** The space's embedding models as `<providerId>/<modelId>`, labelled with the provider's name. */
export function embeddingModelOptions(providers: Provider[]): ModelOption[] {
  return providers.flatMap((provider) =>
    provider.models
      .filter((model) => model.kind === 'embedding')
      .map((model) => ({ value: `${provider.id}/${model.id}`, label: `${provider.name} / ${model.id}` })),
  );
}
