import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodePostings, PackedPostings, PostingPool } from '../../src/index/postings.ts';

/** Packed postings against the Map they stand in for: the same answers after any sequence of changes. */
type Op = { op: 'set'; doc: number; tf: number } | { op: 'delete'; doc: number } | { op: 'get'; doc: number };

const sortedEntries = fc
  .uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 60 })
  .chain((docs) => fc.tuple(fc.constant([...docs].sort((a, b) => a - b)), fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: docs.length, maxLength: docs.length })))
  .map(([docs, tfs]) => docs.map((d, i) => [d, tfs[i]!] as [number, number]));

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('set' as const), doc: fc.integer({ min: 0, max: 400 }), tf: fc.integer({ min: 1, max: 70_000 }) }),
    fc.record({ op: fc.constant('delete' as const), doc: fc.integer({ min: 0, max: 400 }) }),
    fc.record({ op: fc.constant('get' as const), doc: fc.integer({ min: 0, max: 400 }) }),
  ),
  { maxLength: 80 },
);

describe('packed postings', () => {
  it('answer get, has, size and iteration as a Map does, after any sets and deletes', () => {
    fc.assert(
      fc.property(sortedEntries, sortedEntries, ops, (before, neighbour, changes: Op[]) => {
        const pool = new PostingPool(4);
        // A neighbour packed first and after: ranges of one pool must not see each other's postings.
        const left = PackedPostings.pack(pool, neighbour);
        const packed = PackedPostings.pack(pool, before);
        const right = PackedPostings.pack(pool, neighbour);
        const map = new Map(before);
        for (const change of changes) {
          if (change.op === 'set') expect(packed.set(change.doc, change.tf)).toBe(packed), map.set(change.doc, change.tf);
          else if (change.op === 'delete') expect(packed.delete(change.doc)).toBe(map.delete(change.doc));
          else expect(packed.get(change.doc)).toBe(map.get(change.doc));
          expect(packed.size).toBe(map.size);
        }
        const byDoc = (a: [number, number], b: [number, number]) => a[0] - b[0];
        expect([...packed].sort(byDoc)).toEqual([...map].sort(byDoc));
        for (const doc of map.keys()) expect(packed.has(doc)).toBe(true);
        const scanned: Array<[number, number]> = [];
        packed.scan((doc, tf) => scanned.push([doc, tf]));
        expect(scanned).toEqual([...packed.entries()]);
        expect([...left].sort(byDoc)).toEqual(neighbour);
        expect([...right].sort(byDoc)).toEqual(neighbour);
      }),
    );
  });

  it('iterate the packed documents in ascending order, then the ones added later in insertion order', () => {
    const pool = new PostingPool();
    const p = PackedPostings.pack(pool, [[3, 1], [9, 2], [20, 1]]);
    p.delete(9);
    p.set(40, 1);
    p.set(30, 5);
    expect([...p.keys()]).toEqual([3, 20, 40, 30]);
    expect([...p.values()]).toEqual([1, 1, 1, 5]);
    // Deleting while iterating, as minisearch's lazy removal and vacuum do.
    for (const [doc] of p) if (doc !== 20) p.delete(doc);
    expect([...p]).toEqual([[20, 1]]);
    expect(p.size).toBe(1);
    p.set(9, 7); // a removed packed document set again takes its place back
    expect([...p]).toEqual([[9, 7], [20, 1]]);
  });

  it('go through their saved form (varints in base64) unchanged, whatever the gaps and frequencies', () => {
    fc.assert(
      fc.property(sortedEntries, fc.integer({ min: 0, max: 2 ** 32 - 400 }), (entries, shift) => {
        const shifted = entries.map(([d, tf]) => [d + shift, tf] as [number, number]);
        if (shifted.length === 0) return;
        const pool = new PostingPool(2);
        const decoded = PackedPostings.decode(pool, encodePostings(shifted, shifted.length), shifted.length);
        expect([...decoded].sort((a, b) => a[0] - b[0])).toEqual(shifted);
      }),
    );
    expect(encodePostings([[3, 1], [200, 2]], 2)).toBe(Buffer.from([3, 1, 197, 1, 2]).toString('base64'));
  });

  it('refuse a damaged saved form, leaving nothing behind in the pool', () => {
    const pool = new PostingPool(2);
    PackedPostings.pack(pool, [[1, 1], [2, 1], [3, 1]]);
    const good = encodePostings([[0, 1], [4, 2], [14, 1]], 3);
    expect([...PackedPostings.decode(pool, good, 3)]).toEqual([[0, 1], [4, 2], [14, 1]]);
    const length = pool.length;
    expect(() => PackedPostings.decode(pool, good, 4)).toThrow(/damaged pair 4/); // fewer pairs than announced
    expect(() => PackedPostings.decode(pool, good, 2)).toThrow(/damaged/); // more bytes than announced
    expect(() => PackedPostings.decode(pool, Buffer.from([5, 1, 0, 1]).toString('base64'), 2)).toThrow(/damaged pair 2/); // a gap of 0
    expect(() => PackedPostings.decode(pool, Buffer.from([5, 0]).toString('base64'), 1)).toThrow(/damaged pair 1/); // frequency 0
    expect(() => PackedPostings.decode(pool, 42, 1)).toThrow(/not an encoded list/);
    expect(() => PackedPostings.pack(pool, [[5, 1], [5, 1]])).toThrow(/after 5/);
    expect(pool.length).toBe(length);
  });

  it('keep a frequency too large for the pool beside it, exactly', () => {
    const pool = new PostingPool();
    const p = PackedPostings.pack(pool, [[1, 70_000], [2, 3]]);
    expect(p.get(1)).toBe(70_000);
    p.set(2, 100_000);
    expect(p.get(2)).toBe(100_000);
    expect(p.size).toBe(2);
  });
});
