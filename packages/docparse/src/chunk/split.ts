import { longestPrefix } from './fit.js';
import { countTokens } from './tokens.js';

/** A range of a run's text (see runs.ts) that fits the budget on its own. */
export interface Piece {
  start: number;
  end: number;
  tokens: number;
}

/**
 * Where text may be cut, coarsest first: paragraphs, lines, sentence ends (English and Chinese), spaces. A cut
 * goes after the separator, so pieces put back together give the text unchanged. Past the last level a range is
 * cut between characters.
 */
const LEVELS = [/\n{2,}/g, /\n+/g, /[.!?]+[ \t]+|[。！？；]+/g, /[ \t]+/g];

function cuts(text: string, start: number, end: number, level: RegExp): number[] {
  const points: number[] = [];
  for (const match of text.slice(start, end).matchAll(level)) {
    const after = start + match.index + match[0].length;
    if (after < end) points.push(after);
  }
  return points;
}

function byCharacters(text: string, start: number, end: number, budget: number): Piece[] {
  const pieces: Piece[] = [];
  for (let at = start; at < end;) {
    const next = Math.max(longestPrefix(text, at, end, budget), at + 1);
    pieces.push({ start: at, end: next, tokens: countTokens(text.slice(at, next)) });
    at = next;
  }
  return pieces;
}

/**
 * Cuts [start, end) into pieces of at most `budget` tokens, going only as deep in LEVELS as each part needs.
 * A range with no separator at all is cut between characters to `characterBudget` (below the budget, so that an
 * overlap still fits before the next piece).
 */
export function splitRange(
  text: string,
  start: number,
  end: number,
  budget: number,
  characterBudget: number,
  level = 0,
): Piece[] {
  const separator = LEVELS[level];
  if (separator === undefined) {
    const tokens = countTokens(text.slice(start, end));
    return tokens <= budget ? [{ start, end, tokens }] : byCharacters(text, start, end, characterBudget);
  }
  const points = cuts(text, start, end, separator);
  if (points.length === 0) return splitRange(text, start, end, budget, characterBudget, level + 1);
  const bounds = [start, ...points, end];
  return bounds.slice(0, -1).flatMap((from, index) => {
    const to = bounds[index + 1] as number;
    const tokens = countTokens(text.slice(from, to));
    return tokens <= budget
      ? [{ start: from, end: to, tokens }]
      : splitRange(text, from, to, budget, characterBudget, level + 1);
  });
}
