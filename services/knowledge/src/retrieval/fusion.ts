/** Reciprocal rank fusion's constant (Cormack et al. 2009): large enough that a list's first places are close. */
export const RRF_K = 60;

/** An item's place in one ranked list, from 1. */
export type Ranks = (number | null)[];

/** Σ 1 / (k + rank) over the lists that hold the item. */
function rrfScore(ranks: Ranks, k = RRF_K): number {
  return ranks.reduce<number>((sum, rank) => (rank === null ? sum : sum + 1 / (k + rank)), 0);
}

/**
 * Fuses ranked lists of ids by reciprocal rank: scores are not comparable across lists (cosine against text rank),
 * ranks are. Returns each id with its ranks (1-based, null where a list lacks it) and fused score, best first; ties
 * go to the better single rank, then to the earlier list, so the order is deterministic.
 */
export function fuseByRank(lists: string[][], k = RRF_K): { id: string; ranks: Ranks; score: number }[] {
  const ranks = new Map<string, Ranks>();
  lists.forEach((list, listIndex) => {
    list.forEach((id, index) => {
      const entry = ranks.get(id) ?? lists.map(() => null);
      entry[listIndex] ??= index + 1;
      ranks.set(id, entry);
    });
  });
  const best = (entry: Ranks) => Math.min(...entry.map((rank) => rank ?? Infinity));
  const firstList = (entry: Ranks) => entry.findIndex((rank) => rank !== null);
  return [...ranks]
    .map(([id, entry]) => ({ id, ranks: entry, score: rrfScore(entry, k) }))
    .sort((left, right) => right.score - left.score || best(left.ranks) - best(right.ranks) || firstList(left.ranks) - firstList(right.ranks));
}
