import { longestSuffix } from './fit.js';
import type { Piece } from './split.js';
import { countTokens } from './tokens.js';

export interface PackPiece extends Piece {
  /** A table row: never repeated as overlap, never cut for one. */
  table: boolean;
  /** The heading line of a section (recursive mode): opens a chunk rather than closing one. */
  heading: boolean;
}

export interface PackedRange {
  start: number;
  end: number;
  tokens: number;
}

interface Budget {
  maxTokens: number;
  overlapTokens: number;
}

/** [start, end) without the white space at either edge. */
function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start] as string)) start += 1;
  while (end > start && /\s/.test(text[end - 1] as string)) end -= 1;
  return { start, end };
}

const SENTENCE_END = /[.!?]+\s+|[。！？；]+\s*/;

/**
 * Where an overlap taken from inside a piece should start: the longest tail within `room` tokens, moved forward
 * to a sentence start when that keeps at least half of it, else to a word start, so it does not open mid-word.
 */
function tailStart(text: string, piece: Piece, room: number): number | undefined {
  const start = longestSuffix(text, piece.start, piece.end, room);
  const tail = text.slice(start, piece.end);
  const sentence = SENTENCE_END.exec(tail);
  const word = /\s+/.exec(tail);
  let offset = 0;
  if (sentence !== null && sentence.index + sentence[0].length <= tail.length / 2)
    offset = sentence.index + sentence[0].length;
  else if (word !== null && start > piece.start && !/\s/.test(text[start - 1] as string))
    offset = word.index + word[0].length;
  return tail.slice(offset).trim() === '' ? undefined : start + offset;
}

interface Opening {
  /** Offset the chunk's text starts at. */
  start: number;
  /** Index of the first piece the chunk holds whole. */
  first: number;
  /** Tokens before the piece `next`. */
  used: number;
}

/**
 * How the chunk whose first new piece is `next` opens: with whole pieces from the end of the previous chunk
 * (which began at piece `previousFirst`) when they fit in `room`, else with the tail of its last piece that has
 * text; never with table rows, and never with line breaks only.
 */
function openWithOverlap(
  text: string,
  pieces: PackPiece[],
  previousFirst: number,
  next: number,
  room: number,
): Opening {
  const piece = (index: number) => pieces[index] as PackPiece;
  let first = next;
  let used = 0;
  while (first > previousFirst && !piece(first - 1).table && used + piece(first - 1).tokens <= room) {
    first -= 1;
    used += piece(first).tokens;
  }
  if (text.slice(piece(first).start, piece(next).start).trim() !== '')
    return { start: piece(first).start, first, used };
  const last = pieces
    .slice(previousFirst, next)
    .findLast((candidate) => text.slice(candidate.start, candidate.end).trim() !== '');
  const tail = last === undefined || last.table ? undefined : tailStart(text, last, room);
  if (tail === undefined) return { start: piece(next).start, first: next, used: 0 };
  return { start: tail, first: next, used: countTokens(text.slice(tail, piece(next).start)) };
}

/**
 * Fills chunks with consecutive pieces up to maxTokens, each chunk after the first opening with about
 * overlapTokens from the end of the one before. Counts are summed per piece, then checked on the chunk's real
 * text (joining can change a count by a token or two): pieces are dropped from its end, then the overlap, until
 * it fits. A heading line never ends a chunk; it opens the next one.
 */
export function pack(text: string, pieces: PackPiece[], budget: Budget): PackedRange[] {
  const piece = (index: number) => pieces[index] as PackPiece;
  const chunks: PackedRange[] = [];
  let previousFirst = 0;
  for (let next = 0; next < pieces.length;) {
    const room = Math.min(budget.overlapTokens, budget.maxTokens - piece(next).tokens);
    const alone = { start: piece(next).start, first: next, used: 0 };
    let { start, first, used } =
      chunks.length > 0 && room > 0 ? openWithOverlap(text, pieces, previousFirst, next, room) : alone;
    let end = next + 1;
    used += piece(next).tokens;
    while (end < pieces.length && used + piece(end).tokens <= budget.maxTokens) {
      used += piece(end).tokens;
      end += 1;
    }
    if (end - 1 > next && piece(end - 1).heading) end -= 1;
    let range = trimmed(text, start, piece(end - 1).end);
    let tokens = countTokens(text.slice(range.start, range.end));
    while (tokens > budget.maxTokens && (end - 1 > next || start !== alone.start)) {
      if (end - 1 > next) end -= 1;
      else ({ start, first } = alone);
      range = trimmed(text, start, piece(end - 1).end);
      tokens = countTokens(text.slice(range.start, range.end));
    }
    if (range.end > range.start) chunks.push({ ...range, tokens });
    previousFirst = first;
    next = end;
  }
  return chunks;
}
