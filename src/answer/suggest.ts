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
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const d = lc.startsWith(q) || q.startsWith(lc) ? -1 : editDistance(q, lc, Math.max(3, Math.ceil(q.length / 2)));
    if (d <= Math.max(3, Math.ceil(q.length / 2))) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0], 'en', { numeric: true }));
  return scored.slice(0, n).map(([c]) => c);
}
