import { embedText } from './embeddings.js';
import { countTokens } from './tokens.js';

/**
 * A deterministic stand-in for a cross-encoder: the share of the query's distinct words found in the document
 * (weight 0.8) plus the cosine of their `embedText` vectors (weight 0.2, negatives as 0). A document holding every
 * word of the query thus beats one that merely repeats a few of them, which is where a reranker and a vector
 * search disagree; the score stays in 0..1. Han characters count as words, as in the embeddings.
 */
export function rerankScore(query: string, document: string): number {
  const queryWords = new Set(wordsOf(query));
  if (queryWords.size === 0) return 0;
  const documentWords = new Set(wordsOf(document));
  let found = 0;
  for (const word of queryWords) if (documentWords.has(word)) found += 1;
  const left = embedText(query);
  const right = embedText(document);
  const cosine = left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
  return 0.8 * (found / queryWords.size) + 0.2 * Math.max(0, cosine);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
}

export type RerankAnswer = { status: 200; body: unknown } | { status: 400; message: string };

/**
 * Builds the `/v1/rerank` answer in the shape Jina, Cohere, Xinference, vLLM and SiliconFlow share:
 * `results: [{ index, relevance_score, document? }]`, best first, cut to `top_n`. Documents may be strings or
 * `{ text }` objects; `return_documents: true` echoes them back as `{ text }`.
 */
export function answerRerank(body: Record<string, unknown>): RerankAnswer {
  if (typeof body.query !== 'string' || body.query === '')
    return { status: 400, message: "'query' must be a non-empty string" };
  const documents = documentTexts(body.documents);
  if (documents === undefined)
    return { status: 400, message: "'documents' must be a non-empty array of strings or { text } objects" };
  const topN = body.top_n ?? documents.length;
  if (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 1)
    return { status: 400, message: "'top_n' must be a positive integer" };
  const query = body.query;
  const results = documents
    .map((text, index) => ({
      index,
      relevance_score: rerankScore(query, text),
      ...(body.return_documents === true ? { document: { text } } : {}),
    }))
    .sort((left, right) => right.relevance_score - left.relevance_score || left.index - right.index)
    .slice(0, topN);
  const tokens =
    countTokens(query) * documents.length + documents.reduce((sum, text) => sum + countTokens(text), 0);
  const model = typeof body.model === 'string' ? body.model : 'fake-rerank';
  return {
    status: 200,
    body: {
      id: `rerank-${Date.now()}`,
      model,
      results,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}

function documentTexts(documents: unknown): string[] | undefined {
  if (!Array.isArray(documents) || documents.length === 0) return undefined;
  const texts: string[] = [];
  for (const item of documents as unknown[]) {
    if (typeof item === 'string') texts.push(item);
    else if (
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { text?: unknown }).text === 'string'
    )
      texts.push((item as { text: string }).text);
    else return undefined;
  }
  return texts;
}
