import type { Candidate } from './candidates.ts';

/** When two sentences state the same fact: thresholds on their shared index terms. */
export interface FactThresholds {
  /** At least this many distinct shared terms. */
  minShared: number;
  /** Shared terms / terms of the shorter sentence (containment). */
  minContainment: number;
  /** At least this many shared adjacent-term pairs (word order, not just vocabulary). */
  minSharedPairs: number;
  /** A lower containment suffices when this many term pairs are shared (the same wording of a fact in a longer sentence). */
  looseContainment: number;
  loosePairs: number;
}

export const DEFAULT_FACT_THRESHOLDS: FactThresholds = { minShared: 4, minContainment: 0.5, minSharedPairs: 2, looseContainment: 0.4, loosePairs: 4 };

/** Distinct terms and adjacent term pairs of a candidate, cached: what fact matching compares. */
export interface FactKey {
  terms: Set<string>;
  pairs: Set<string>;
}

export function factKey(termList: readonly string[]): FactKey {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < termList.length; i++) pairs.add(`${termList[i]} ${termList[i + 1]}`);
  return { terms: new Set(termList), pairs };
}

/**
 * Do two sentences carry the same fact? They must share enough distinct stems, most of the shorter one's
 * stems, and some stem pairs in the same order (so two sentences on one topic but with different claims
 * do not match). Returns the containment (0 when not the same fact).
 *
 * @example sameFact(factKey(terms('They could come back, it is just a security blip.')),
 *   factKey(terms('It is a minor drawdown. They could come back - it is just a security blip, he said.'))) // > 0
 */
export function sameFact(a: FactKey, b: FactKey, t: FactThresholds = DEFAULT_FACT_THRESHOLDS): number {
  const [small, big] = a.terms.size <= b.terms.size ? [a, b] : [b, a];
  let shared = 0;
  for (const term of small.terms) if (big.terms.has(term)) shared++;
  if (shared < Math.min(t.minShared, small.terms.size)) return 0;
  const containment = shared / Math.max(1, small.terms.size);
  if (containment < t.looseContainment) return 0;
  let pairs = 0;
  for (const p of small.pairs) if (big.pairs.has(p)) pairs++;
  if (pairs < Math.min(t.minSharedPairs, small.pairs.size)) return 0;
  if (containment < t.minContainment && pairs < t.loosePairs) return 0;
  return containment;
}

/** A fact as the briefing shows it: one sentence standing for every source that carries it. */
export interface Fact<C extends Candidate = Candidate> {
  /** The version shown: the most complete of the members (see `representative`). */
  shown: C;
  /** One sentence per article that carries the fact, the shown one included, best match first. */
  members: C[];
}

/**
 * Finds, for a chosen sentence, the sentences of other articles that carry the same fact (at most one per
 * article, the closest), and picks the version to show: the member with the most distinct terms (the most
 * complete), ties to the earliest in its article. `pool` is every candidate of the briefing. Matching is
 * chained once: a sentence that matches a member found in the first round joins too (a short version of a
 * quote matches the long version, which matches the chosen one).
 */
export function corroborate<C extends Candidate>(chosen: C, pool: readonly C[], keys: Map<C, FactKey>, t: FactThresholds = DEFAULT_FACT_THRESHOLDS): Fact<C> {
  const members: C[] = [chosen];
  const articles = new Set([chosen.article]);
  for (let round = 0; round < 2; round++) {
    const best = new Map<string, { c: C; sim: number }>();
    for (const c of pool) {
      if (articles.has(c.article)) continue;
      const key = keyOf(c, keys);
      let sim = 0;
      for (const m of members) sim = Math.max(sim, sameFact(keyOf(m, keys), key, t));
      if (sim === 0) continue;
      const prev = best.get(c.article);
      if (!prev || sim > prev.sim) best.set(c.article, { c, sim });
    }
    if (best.size === 0) break;
    for (const { c } of [...best.values()].sort((x, y) => y.sim - x.sim)) {
      members.push(c);
      articles.add(c.article);
    }
  }
  const shown = representative(members, keys);
  return { shown, members: [shown, ...members.filter((m) => m !== shown)] };
}

/** The most complete version among sentences that say the same thing: most distinct terms, then earliest. */
export function representative<C extends Candidate>(members: readonly C[], keys: Map<C, FactKey>): C {
  let best = members[0]!;
  for (const m of members.slice(1)) {
    const dm = keyOf(m, keys).terms.size;
    const db = keyOf(best, keys).terms.size;
    if (dm > db || (dm === db && m.position < best.position)) best = m;
  }
  return best;
}

export function keyOf<C extends Candidate>(c: C, keys: Map<C, FactKey>): FactKey {
  let k = keys.get(c);
  if (!k) keys.set(c, (k = factKey(c.terms)));
  return k;
}
