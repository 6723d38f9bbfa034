import { embedText } from '../fake-openai/embeddings.js';
import type { FakeChunk } from './state.js';

// Words too common to say anything about a match, as RAGFlow's query analysis drops them.
const stopWords = new Set(
  (
    'a an and are as at be by can do does for from how i in is it of on or that the this to was what when ' +
    'where which who why will with you your'
  ).split(' '),
);

/** Lowercased words of a text; each Han character is a word (as in fake-openai's embeddings). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
}

function keywords(text: string): Set<string> {
  return new Set(words(text).filter((word) => !stopWords.has(word)));
}

export interface ChunkScore {
  similarity: number;
  vectorSimilarity: number;
  termSimilarity: number;
  /** The question's keywords found in the chunk, for the highlight. */
  matched: string[];
}

/**
 * Scores chunks against a question with RAGFlow's hybrid formula, `weight * vector cosine + (1 - weight) *
 * term similarity`. The cosine is over fake-openai's `embedText` vectors; the term similarity is the share
 * of the question's keywords the chunk contains.
 */
export function createScorer(question: string, vectorWeight: number): (chunk: FakeChunk) => ChunkScore {
  const questionVector = embedText(question);
  const questionKeywords = [...keywords(question)];
  return (chunk) => {
    const vectorSimilarity = chunk.vector.reduce(
      (sum, value, index) => sum + value * (questionVector[index] ?? 0),
      0,
    );
    const chunkKeywords = keywords(chunk.content);
    const matched = questionKeywords.filter((keyword) => chunkKeywords.has(keyword));
    const termSimilarity = questionKeywords.length === 0 ? 0 : matched.length / questionKeywords.length;
    const similarity = vectorWeight * vectorSimilarity + (1 - vectorWeight) * termSimilarity;
    return { similarity, vectorSimilarity, termSimilarity, matched };
  };
}

/** The content with each matched keyword wrapped in `<em>`, as RAGFlow's `highlight` field shows it. */
export function highlight(content: string, matched: string[]): string {
  if (matched.length === 0) return content;
  const escaped = matched.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return content.replace(new RegExp(`(${escaped.join('|')})`, 'giu'), '<em>$1</em>');
}
