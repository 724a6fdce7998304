/** Nearest strings for "did you mean": by edit distance, with shared prefixes first. */

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `n` candidates closest to `query`: those it prefixes first, then by edit distance. */
export function nearest(query: string, candidates: Iterable<string>, n = 5): string[] {
  const q = query.toLowerCase();
  const max = Math.max(3, Math.ceil(q.length / 2));
  const letters = new LetterCounts(q);
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    let d: number;
    if (lc.startsWith(q) || q.startsWith(lc)) d = -1;
    else if (letters.distanceAtLeast(lc) > max) continue;
    else d = editDistance(q, lc, max);
    if (d <= max) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0], 'en', { numeric: true }));
  return scored.slice(0, n).map(([c]) => c);
}

/**
 * The letters of one string, to bound its edit distance to others from below without a distance table:
 * an edit changes at most one letter on each side, so the distance is at least the longer string's length
 * minus the letters the two have in common (as multisets).
 */
export class LetterCounts {
  readonly #counts = new Map<number, number>();
  readonly #length: number;

  constructor(text: string) {
    this.#length = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      this.#counts.set(c, (this.#counts.get(c) ?? 0) + 1);
    }
  }

  /** A lower bound of the edit distance between this string and `other`. */
  distanceAtLeast(other: string): number {
    const left = new Map<number, number>();
    let shared = 0;
    for (let i = 0; i < other.length; i++) {
      const c = other.charCodeAt(i);
      const have = left.get(c) ?? this.#counts.get(c) ?? 0;
      if (have > 0) shared++;
      left.set(c, have - 1);
    }
    return Math.max(this.#length, other.length) - shared;
  }
}
