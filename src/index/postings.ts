/**
 * Packed postings: minisearch keeps, for every term and field, a `Map<document short id, term frequency>`.
 * A V8 Map costs about 40 bytes an entry on a 64-bit heap, so Reuters' 2.3 million postings took 127 MB
 * of Map tables, half the bot's heap, and restoring them from a snapshot meant 2.3 million `Map.set` calls
 * and the garbage collection of a heap growing through them.
 *
 * Here the postings of a whole index live in one `PostingPool` (document ids in a Uint32Array, term
 * frequencies in a Uint16Array beside them: 6 bytes a posting, outside the JS heap), and each term's
 * field gets a `PackedPostings` that is a sorted range of the pool. `PackedPostings` has the Map methods
 * minisearch calls on its postings (get, set, has, delete, size, keys, values, entries, forEach,
 * iteration), so minisearch goes on adding, removing and searching over it as over its own Maps: a
 * posting added later goes into a small Map beside the range, a removed one is zeroed in place.
 */

/** One growable store of postings shared by every `PackedPostings` of an index. */
export class PostingPool {
  docs: Uint32Array;
  tfs: Uint16Array;
  /** Postings written so far (the used part of the arrays). */
  length = 0;

  constructor(capacity = 1024) {
    this.docs = new Uint32Array(Math.max(16, capacity));
    this.tfs = new Uint16Array(this.docs.length);
  }

  /** Room for `n` more postings (arrays grown by doubling; ranges already handed out stay valid). */
  reserve(n: number): void {
    const needed = this.length + n;
    if (needed <= this.docs.length) return;
    let size = this.docs.length * 2;
    while (size < needed) size *= 2;
    const docs = new Uint32Array(size);
    docs.set(this.docs.subarray(0, this.length));
    const tfs = new Uint16Array(size);
    tfs.set(this.tfs.subarray(0, this.length));
    this.docs = docs;
    this.tfs = tfs;
  }

  /** Shrinks the arrays to what is used (after a restore or a packing, when nothing more is appended). */
  trim(): void {
    if (this.docs.length === this.length) return;
    this.docs = this.docs.slice(0, this.length);
    this.tfs = this.tfs.slice(0, this.length);
  }

  /** Bytes held outside the JS heap. */
  get bytes(): number {
    return this.docs.byteLength + this.tfs.byteLength;
  }
}

/** Largest term frequency the pool stores; a larger one (never seen in news text) goes to the side Map. */
const MAX_PACKED_TF = 0xffff;

/**
 * The postings of one term in one field: documents `start`…`end` of the pool, ascending, with their term
 * frequencies (0 = removed), plus documents set since packing in `extra`. Behaves as the
 * `Map<number, number>` minisearch expects; iteration yields the packed documents in ascending order, then
 * the added ones in insertion order (minisearch's own order, since short ids only grow).
 *
 * @example
 * const pool = new PostingPool();
 * const p = PackedPostings.pack(pool, [[3, 1], [9, 2]]);
 * p.get(9); // 2
 * p.delete(3); p.set(12, 1);
 * [...p]; // [[9, 2], [12, 1]]
 */
export class PackedPostings {
  readonly #pool: PostingPool;
  readonly #start: number;
  readonly #end: number;
  /** Packed documents removed since packing (their frequency is 0). */
  #removed = 0;
  #extra: Map<number, number> | null = null;

  private constructor(pool: PostingPool, start: number, end: number) {
    this.#pool = pool;
    this.#start = start;
    this.#end = end;
  }

  /**
   * Packs `entries` (document ids strictly ascending, frequencies ≥ 1) into the pool. Throws on entries out
   * of order (a damaged snapshot), so a bad range is never searched.
   */
  static pack(pool: PostingPool, entries: Iterable<readonly [number, number]>, sizeHint = 0): PackedPostings {
    if (sizeHint) pool.reserve(sizeHint);
    const start = pool.length;
    const side: Array<[number, number]> = [];
    let last = -1;
    for (const [doc, tf] of entries) {
      if (!(doc > last) || !Number.isInteger(doc) || doc > 0xffffffff || !(tf >= 1)) {
        pool.length = start;
        throw new Error(`postings: document ${doc} with frequency ${tf} after ${last}`);
      }
      last = doc;
      if (tf > MAX_PACKED_TF) {
        side.push([doc, tf]);
        continue;
      }
      pool.reserve(1);
      pool.docs[pool.length] = doc;
      pool.tfs[pool.length] = tf;
      pool.length++;
    }
    const packed = new PackedPostings(pool, start, pool.length);
    if (side.length) packed.#extra = new Map(side);
    return packed;
  }

  /**
   * Packs `n` postings from their saved form (`encodePostings`): document id deltas and frequencies as
   * varints, in base64. Throws on anything else (a damaged snapshot), leaving the pool as it was.
   */
  static decode(pool: PostingPool, encoded: unknown, n: number): PackedPostings {
    if (typeof encoded !== 'string' || !Number.isInteger(n) || n < 1) throw new Error('postings: not an encoded list');
    const bytes = Buffer.from(encoded, 'base64');
    pool.reserve(n);
    const start = pool.length;
    const { docs, tfs } = pool;
    let side: Map<number, number> | null = null;
    let at = start;
    let doc = 0;
    let i = 0;
    const end = bytes.length;
    let k = 0;
    // Two varints a posting, read inline: this loop runs for every posting of a start from the snapshot.
    for (; k < n; k++) {
      // Most gaps and frequencies fit one byte.
      let b = i < end ? bytes[i++]! : 0x80;
      let delta = b & 0x7f;
      for (let scale = 128; b >= 0x80 && i < end && scale <= 2 ** 35; scale *= 128) {
        b = bytes[i++]!;
        delta += (b & 0x7f) * scale;
      }
      if (b >= 0x80) break;
      b = i < end ? bytes[i++]! : 0x80;
      let tf = b & 0x7f;
      for (let scale = 128; b >= 0x80 && i < end && scale <= 2 ** 35; scale *= 128) {
        b = bytes[i++]!;
        tf += (b & 0x7f) * scale;
      }
      if (b >= 0x80 || (k > 0 && delta === 0) || tf < 1) break;
      doc += delta;
      if (doc > 0xffffffff) break;
      if (tf > MAX_PACKED_TF) (side ??= new Map()).set(doc, tf);
      else {
        docs[at] = doc;
        tfs[at] = tf;
        at++;
      }
    }
    if (k < n || i !== end) {
      pool.length = start;
      throw new Error(`postings: damaged pair ${Math.min(k, n - 1) + 1} of ${n}`);
    }
    pool.length = at;
    const packed = new PackedPostings(pool, start, at);
    packed.#extra = side;
    return packed;
  }

  get size(): number {
    return this.#end - this.#start - this.#removed + (this.#extra?.size ?? 0);
  }

  /** Position of `doc` in the pool, or -1. */
  #find(doc: number): number {
    const docs = this.#pool.docs;
    let lo = this.#start;
    let hi = this.#end - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = docs[mid]!;
      if (d === doc) return mid;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(doc: number): number | undefined {
    const i = this.#find(doc);
    if (i >= 0) {
      const tf = this.#pool.tfs[i]!;
      if (tf > 0) return tf;
    }
    return this.#extra?.get(doc);
  }

  has(doc: number): boolean {
    return this.get(doc) !== undefined;
  }

  set(doc: number, tf: number): this {
    const i = this.#find(doc);
    if (i >= 0 && tf >= 1 && tf <= MAX_PACKED_TF && Number.isInteger(tf)) {
      if (this.#pool.tfs[i] === 0) {
        this.#removed--;
        this.#extra?.delete(doc);
      }
      this.#pool.tfs[i] = tf;
      return this;
    }
    if (i >= 0 && this.#pool.tfs[i]! > 0) {
      // A frequency the pool cannot hold: the document moves to the side Map.
      this.#pool.tfs[i] = 0;
      this.#removed++;
    }
    (this.#extra ??= new Map()).set(doc, tf);
    return this;
  }

  delete(doc: number): boolean {
    const i = this.#find(doc);
    if (i >= 0 && this.#pool.tfs[i]! > 0) {
      this.#pool.tfs[i] = 0;
      this.#removed++;
      return true;
    }
    return this.#extra?.delete(doc) ?? false;
  }

  clear(): void {
    for (let i = this.#start; i < this.#end; i++) this.#pool.tfs[i] = 0;
    this.#removed = this.#end - this.#start;
    this.#extra = null;
  }

  /**
   * Calls `visit` for every posting, packed ones first (ascending): the scorer's loop, without an entry
   * array per posting.
   */
  scan(visit: (doc: number, tf: number) => void): void {
    const { docs, tfs } = this.#pool;
    for (let i = this.#start; i < this.#end; i++) {
      const tf = tfs[i]!;
      if (tf > 0) visit(docs[i]!, tf);
    }
    if (this.#extra) for (const [doc, tf] of this.#extra) visit(doc, tf);
  }

  *entries(): IterableIterator<[number, number]> {
    // Read the pool's arrays at every step: minisearch deletes while it iterates (lazy removal).
    for (let i = this.#start; i < this.#end; i++) {
      const tf = this.#pool.tfs[i]!;
      if (tf > 0) yield [this.#pool.docs[i]!, tf];
    }
    if (this.#extra) yield* this.#extra;
  }

  *keys(): IterableIterator<number> {
    for (const [doc] of this.entries()) yield doc;
  }

  *values(): IterableIterator<number> {
    for (const [, tf] of this.entries()) yield tf;
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  forEach(callback: (tf: number, doc: number, map: PackedPostings) => void, thisArg?: unknown): void {
    for (const [doc, tf] of this.entries()) callback.call(thisArg, tf, doc, this);
  }

  get [Symbol.toStringTag](): string {
    return 'PackedPostings';
  }
}

/**
 * Postings in their saved form: for each (document id ascending, frequency), the gap from the previous
 * document and the frequency as varints (7 bits a byte), the bytes in base64. Reuters' 2.3 million
 * postings take 8 MB this way against 15 MB of JSON numbers, and restore without making a JS number per
 * value (JSON.parse of the number rows was a fifth of a start).
 *
 * @example encodePostings([[3, 1], [200, 2]]) // 'AwHFAQI=' (3, 1, 197, 2)
 */
export function encodePostings(entries: Iterable<readonly [number, number]>, n: number): string {
  const bytes = Buffer.allocUnsafe(n * 10);
  let at = 0;
  let last = 0;
  const put = (value: number) => {
    while (value >= 0x80) {
      bytes[at++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    bytes[at++] = value;
  };
  let count = 0;
  for (const [doc, tf] of entries) {
    if (count++ === n) throw new Error(`postings: more than the ${n} announced`);
    put(doc - last);
    put(tf);
    last = doc;
  }
  if (count !== n) throw new Error(`postings: ${count} written, ${n} announced`);
  return bytes.toString('base64', 0, at);
}
