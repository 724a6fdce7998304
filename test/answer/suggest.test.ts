import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance, LetterCounts, nearest } from '../../src/answer/suggest.ts';
import { withinOneEdit } from '../../src/analyse/entities-lookup.ts';

// Short strings over a small alphabet, so that near misses (one or two edits apart) are common.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', ' ', '-'), maxLength: 9 });

describe('the shortcuts of the name lookup and the suggestions', () => {
  it('withinOneEdit says exactly when the edit distance is at most 1', () => {
    fc.assert(fc.property(word, word, (a, b) => withinOneEdit(a, b) === editDistance(a, b) <= 1), { numRuns: 3000 });
    expect(withinOneEdit('soleimani', 'solemani')).toBe(true);
    expect(withinOneEdit('soleimani', 'soleimnai')).toBe(false);
  });

  it('the letter count bound never exceeds the edit distance (so skipping by it loses no suggestion)', () => {
    fc.assert(fc.property(word, word, (a, b) => new LetterCounts(a).distanceAtLeast(b) <= editDistance(a, b)), { numRuns: 3000 });
    // And it does bound: two strings with no letter in common are as far apart as the longer is long.
    expect(new LetterCounts('abc').distanceAtLeast('xyzw')).toBe(4);
    expect(new LetterCounts('listen').distanceAtLeast('silent')).toBe(0);
  });

  it('nearest gives what a full scan by edit distance gives', () => {
    const full = (query: string, candidates: string[], n: number) => {
      const q = query.toLowerCase();
      const max = Math.max(3, Math.ceil(q.length / 2));
      return candidates
        .map((c): [string, number] => {
          const lc = c.toLowerCase();
          return [c, lc.startsWith(q) || q.startsWith(lc) ? -1 : editDistance(q, lc)];
        })
        .filter(([, d]) => d <= max)
        .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0], 'en', { numeric: true }))
        .slice(0, n)
        .map(([c]) => c);
    };
    fc.assert(fc.property(word, fc.array(word, { maxLength: 30 }), (q, candidates) => {
      expect(nearest(q, candidates, 5)).toEqual(full(q, candidates, 5));
    }), { numRuns: 1000 });
  });
});
