import { countTokens } from './tokens.js';

export const defaultEmbeddingDimensions = 256;
const maxDimensions = 8192;

/**
 * A deterministic unit vector for a text: a signed, hashed bag of its words (weight 1) and of the
 * character trigrams of the whole text (weight 0.5), L2-normalized. Texts that share words or spellings
 * land closer in cosine; unrelated texts are near 0. Han characters count as words, so Chinese works too.
 * An empty text gets the unit vector along the first axis.
 */
export function embedText(text: string, dimensions = defaultEmbeddingDimensions): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const normalized = text.toLowerCase();
  for (const word of normalized.match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [])
    addFeature(vector, `w:${word}`, 1);
  const spaced = ` ${normalized.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  for (let start = 0; start + 3 <= spaced.length; start += 1) {
    addFeature(vector, `t:${spaced.slice(start, start + 3)}`, 0.5);
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}

function addFeature(vector: number[], feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const bucket = hash % vector.length;
  // A sign bit from the hash keeps collisions from piling up in one direction.
  const sign = hash >>> 31 === 1 ? -1 : 1;
  vector[bucket] = (vector[bucket] ?? 0) + sign * weight;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type EmbeddingsAnswer = { status: 200; body: unknown } | { status: 400; message: string };

/** Builds the `/v1/embeddings` answer; `encoding_format: 'base64'` (the SDK's default) packs float32 LE. */
export function answerEmbeddings(body: Record<string, unknown>): EmbeddingsAnswer {
  const texts = inputTexts(body.input);
  if (texts === undefined) {
    return { status: 400, message: "'input' must be a non-empty string, array of strings or token arrays" };
  }
  const dimensions = body.dimensions ?? defaultEmbeddingDimensions;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > maxDimensions
  ) {
    return { status: 400, message: `'dimensions' must be an integer from 1 to ${maxDimensions}` };
  }
  const base64 = body.encoding_format === 'base64';
  const data = texts.map((text, index) => {
    const vector = embedText(text, dimensions);
    return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
  });
  const tokens = texts.reduce((sum, text) => sum + countTokens(text), 0);
  const model = typeof body.model === 'string' ? body.model : 'fake-embedding';
  return {
    status: 200,
    body: { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
  };
}

function inputTexts(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
  const texts: string[] = [];
  for (const item of input as unknown[]) {
    if (typeof item === 'string') texts.push(item);
    else if (Array.isArray(item) && item.every((token) => typeof token === 'number'))
      texts.push(item.join(' '));
    else return undefined;
  }
  return texts;
}

function toBase64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
