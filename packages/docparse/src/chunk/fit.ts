import { countTokens } from './tokens.js';

const isLowSurrogate = (text: string, at: number) => /[\udc00-\udfff]/.test(text[at] ?? '');

/**
 * The largest length in [0, limit] for which `fits` holds, `fits` being true up to some length and false after:
 * doubling from `first`, then halving, so that the probes (token counts) stay near the answer's size.
 */
function largest(limit: number, first: number, fits: (length: number) => boolean): number {
  let good = 0;
  let bad = limit + 1;
  for (let length = Math.max(1, first); length <= limit; length *= 2) {
    if (!fits(length)) {
      bad = length;
      break;
    }
    good = length;
  }
  if (bad > limit && good < limit) {
    if (fits(limit)) return limit;
    bad = limit;
  }
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (fits(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

/**
 * End of the longest prefix of [start, end) within `budget` tokens, never inside a surrogate pair and never
 * empty: one character always fits a budget of 16 tokens or more (a code point is at most 4 bytes).
 */
export function longestPrefix(text: string, start: number, end: number, budget: number): number {
  const cut = (length: number) =>
    isLowSurrogate(text, start + length) ? start + length - 1 : start + length;
  const length = largest(
    end - start,
    budget,
    (candidate) => countTokens(text.slice(start, cut(candidate))) <= budget,
  );
  return Math.max(cut(length), start + (isLowSurrogate(text, start + 1) ? 2 : 1));
}

/** Start of the longest suffix of [start, end) within `budget` tokens, never inside a surrogate pair; `end` if none. */
export function longestSuffix(text: string, start: number, end: number, budget: number): number {
  const cut = (length: number) => (isLowSurrogate(text, end - length) ? end - length + 1 : end - length);
  return cut(
    largest(end - start, budget, (candidate) => countTokens(text.slice(cut(candidate), end)) <= budget),
  );
}
