/** Sparse term vectors for comparing sentences: tf-idf weights, L2-normalised. */
export type Vector = Map<string, number>;

/** Inverse document frequencies of terms over a set of term lists (each list one "document"). */
export function inverseFrequencies(docs: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log((n + 1) / (d + 0.5)));
  return idf;
}

/** The tf-idf vector of a term list, L2-normalised (empty list → empty vector). */
export function tfidf(termList: readonly string[], idf: ReadonlyMap<string, number>): Vector {
  const v: Vector = new Map();
  for (const t of termList) v.set(t, (v.get(t) ?? 0) + 1);
  for (const [t, tf] of v) v.set(t, (1 + Math.log(tf)) * (idf.get(t) ?? 0));
  return normalise(v);
}

/** Scales a vector to unit length (a zero vector stays zero). */
export function normalise(v: Vector): Vector {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  const len = Math.sqrt(sum);
  if (len > 0) for (const [t, w] of v) v.set(t, w / len);
  return v;
}

/** Dot product; the cosine for normalised vectors. */
export function dot(a: Vector, b: Vector): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const o = big.get(t);
    if (o !== undefined) s += w * o;
  }
  return s;
}

/** The sum of vectors, normalised: their centroid direction. */
export function centroid(vectors: Iterable<Vector>): Vector {
  const c: Vector = new Map();
  for (const v of vectors) for (const [t, w] of v) c.set(t, (c.get(t) ?? 0) + w);
  return normalise(c);
}
