import cl100k from 'js-tiktoken/ranks/cl100k_base';

/**
 * Counts cl100k_base tokens (the encoding of OpenAI's embedding models) exactly as tiktoken does, using the
 * rank table js-tiktoken ships. Not js-tiktoken's encoder: its byte-pair merge rescans every pair after each
 * merge and rebuilds string keys from byte arrays, about 40 µs per Chinese character and quadratic in the length
 * of a word (5 s for a 5,000-letter one), which would stall the service. This one keeps the rank of each
 * adjacent pair and recomputes two after a merge (tokens.test.ts checks it against js-tiktoken).
 */
const PRE_TOKEN = new RegExp(cl100k.pat_str, 'gu');

/** Longer pre-tokens (no word is; a 300-letter run or a long unpunctuated Chinese passage is) are counted in slices of this many bytes, which keeps counting linear; the count can then exceed tiktoken's by a few tokens. */
const MAX_PIECE_BYTES = 256;

let ranks: Map<string, number> | undefined;

/** Byte sequences, as Latin-1 strings (one character per byte), to their rank. Built on first use (~150 ms). */
function rankTable(): Map<string, number> {
  if (ranks !== undefined) return ranks;
  ranks = new Map();
  for (const line of cl100k.bpe_ranks.split('\n')) {
    const fields = line.split(' ');
    const offset = Number(fields[1]);
    for (let index = 2; index < fields.length; index += 1)
      ranks.set(atob(fields[index] as string), offset + index - 2);
  }
  return ranks;
}

/** Tokens of one pre-token: merge the adjacent pair of lowest rank until no pair has one. */
function mergeCount(bytes: string, table: Map<string, number>): number {
  if (bytes.length < 2 || table.has(bytes)) return Math.min(bytes.length, 1);
  const bounds = Array.from({ length: bytes.length + 1 }, (_, index) => index);
  const pairRank = (at: number) =>
    at + 2 < bounds.length ? (table.get(bytes.slice(bounds[at], bounds[at + 2])) ?? Infinity) : Infinity;
  const pairRanks = bounds.slice(0, -1).map((_, at) => pairRank(at));
  for (;;) {
    let lowest = Infinity;
    let at = -1;
    for (let index = 0; index < pairRanks.length; index += 1) {
      if ((pairRanks[index] as number) < lowest) {
        lowest = pairRanks[index] as number;
        at = index;
      }
    }
    if (at < 0) return bounds.length - 1;
    bounds.splice(at + 1, 1);
    pairRanks.splice(at + 1, 1);
    pairRanks[at] = pairRank(at);
    if (at > 0) pairRanks[at - 1] = pairRank(at - 1);
  }
}

/** Counts of recent pre-tokens (words, not runs): words repeat, and the chunker counts the same text more than once. */
const memo = new Map<string, number>();
const MEMO_LIMIT = 50_000;
const MEMO_WORD_LENGTH = 64;

function preTokenCount(preToken: string, table: Map<string, number>): number {
  const known = memo.get(preToken);
  if (known !== undefined) return known;
  const bytes = Buffer.from(preToken, 'utf8').toString('latin1');
  let count = 0;
  for (let start = 0; start < bytes.length; start += MAX_PIECE_BYTES)
    count += mergeCount(bytes.slice(start, start + MAX_PIECE_BYTES), table);
  if (preToken.length <= MEMO_WORD_LENGTH) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(preToken, count);
  }
  return count;
}

/** cl100k_base tokens in `text`; special tokens such as "<|endoftext|>" count as the plain text they are. */
export function countTokens(text: string): number {
  const table = rankTable();
  let count = 0;
  for (const match of text.matchAll(PRE_TOKEN)) count += preTokenCount(match[0], table);
  return count;
}
