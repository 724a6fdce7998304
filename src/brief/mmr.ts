import { dot } from './vectors.ts';
import type { Scored } from './score.ts';

export interface MmrOptions {
  /** At most this many sentences. */
  limit: number;
  /** Stop once the chosen sentences hold this many words (the benchmark's 300-word cut); none by default. */
  wordBudget?: number;
  /** Trade-off between score and novelty (Carbonell & Goldstein 1998): 1 = score only. */
  lambda?: number;
  /** A sentence this close (cosine) to one already chosen is never chosen: it says the same thing. */
  maxSimilarity?: number;
  /** Extra test that two sentences say the same thing (e.g. corroboration matching); true = redundant. */
  same?: (a: Scored, b: Scored) => boolean;
  /**
   * A last test of the best sentence left, run only on it (it may be costly): false = it is never chosen,
   * and the next best is tried (a sentence whose fact would be shown as one already chosen shows).
   */
  admit?: (s: Scored) => boolean;
  /**
   * Past `limit`, go on up to this many sentences taking only those `extra` accepts (a topic briefing with
   * many facts strongly on its topic: they all belong in it), until none is left.
   */
  extendTo?: number;
  extra?: (s: Scored) => boolean;
  /** MMR trade-off while extending (default `lambda`; 1 = the best-scored of those left that repeat none chosen). */
  extraLambda?: number;
}

/**
 * Maximal marginal relevance: repeatedly takes the sentence with the best
 * `lambda · score − (1 − lambda) · max cosine to the chosen ones`, skipping any that repeat a chosen one.
 * Scores are rescaled to [0, 1] first so `lambda` means the same for every pool.
 */
export function selectMmr(pool: readonly Scored[], options: MmrOptions): Scored[] {
  const lambda = options.lambda ?? 0.7;
  const maxSim = options.maxSimilarity ?? 0.5;
  const top = Math.max(1e-9, ...pool.map((s) => s.score));
  const chosen: Scored[] = [];
  const maxSimTo = new Array<number>(pool.length).fill(0);
  const out = new Array<boolean>(pool.length).fill(false);
  let words = 0;
  const most = Math.max(options.limit, options.extra ? (options.extendTo ?? 0) : 0);
  while (chosen.length < most && (options.wordBudget === undefined || words < options.wordBudget)) {
    const extending = chosen.length >= options.limit;
    const l = extending ? (options.extraLambda ?? lambda) : lambda;
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (out[i] || (extending && !options.extra!(pool[i]!))) continue;
      const value = l * (pool[i]!.score / top) - (1 - l) * maxSimTo[i]!;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) break;
    const pick = pool[best]!;
    out[best] = true;
    if (options.admit && !options.admit(pick)) continue;
    chosen.push(pick);
    words += pick.candidate.words;
    for (let i = 0; i < pool.length; i++) {
      if (out[i]) continue;
      const s = dot(pool[i]!.vector, pick.vector);
      if (s > maxSimTo[i]!) maxSimTo[i] = s;
      if (s >= maxSim || options.same?.(pool[i]!, pick)) out[i] = true;
    }
  }
  return chosen;
}
