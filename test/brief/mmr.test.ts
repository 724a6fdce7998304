import { describe, expect, it } from 'vitest';
import { selectMmr } from '../../src/brief/mmr.ts';
import type { Scored } from '../../src/brief/score.ts';
import { normalise, type Vector } from '../../src/brief/vectors.ts';

/** A scored sentence with just what MMR reads: a score, a vector, and a coverage of the topic. */
function scored(id: string, score: number, coverage: number, words: string[]): Scored {
  const vector: Vector = normalise(new Map(words.map((w) => [w, 1])));
  return { candidate: { article: id } as Scored['candidate'], vector, centrality: 0, lead: 0, relevance: 0, coverage, score };
}

const ids = (xs: readonly Scored[]) => xs.map((s) => s.candidate.article);

describe('selectMmr: extending past the limit (topic briefings)', () => {
  const pool = [
    scored('a', 1.0, 1, ['x']),
    scored('b', 0.9, 0, ['y']),
    scored('c', 0.8, 1, ['z']),
    scored('d', 0.7, 0, ['w']),
    scored('e', 0.6, 1, ['v']),
    scored('f', 0.5, 1, ['x']), // repeats a: cosine 1
  ];
  const strong = (s: Scored) => s.coverage >= 0.5;

  it('without extendTo stops at the limit', () => {
    expect(ids(selectMmr(pool, { limit: 2, lambda: 1 }))).toEqual(['a', 'b']);
  });

  it('past the limit takes only what `extra` accepts, never a repeat, and stops when none is left', () => {
    expect(ids(selectMmr(pool, { limit: 2, lambda: 1, extendTo: 10, extra: strong }))).toEqual(['a', 'b', 'c', 'e']);
  });

  it('stops at extendTo', () => {
    expect(ids(selectMmr(pool, { limit: 2, lambda: 1, extendTo: 3, extra: strong }))).toEqual(['a', 'b', 'c']);
  });

  it('extraLambda sets the trade-off of the extra picks only', () => {
    const near = [scored('a', 1, 1, ['x']), scored('b', 0.95, 1, ['x', 'y', 'q', 'r', 's']), scored('c', 0.5, 1, ['z'])];
    // λ 1 while extending: the better-scored b although it shares a word with a; λ 0.3: the novel c.
    expect(ids(selectMmr(near, { limit: 1, lambda: 0.3, extendTo: 2, extra: strong, extraLambda: 1 }))).toEqual(['a', 'b']);
    expect(ids(selectMmr(near, { limit: 1, lambda: 0.3, extendTo: 2, extra: strong }))).toEqual(['a', 'c']);
  });
});
