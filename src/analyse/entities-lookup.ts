import type { Entity } from './entities.ts';
import { formKey, nameWords, similarNames, similarWords, skeletonKey, skeletonWord } from './entities-keys.ts';

/**
 * A forgiving lookup of entities by name, built once with the entity table: a query matches by exact
 * spelling (case, accents and "al-" ignored), by transliteration (same skeleton, word by word similar), by
 * one of the name's words (a surname alone, an acronym), by one typo, or as a prefix.
 */
export interface NameIndex {
  /** Form key of every spelling (and of the name shown) → entity ids. */
  exact: Map<string, number[]>;
  /** Skeleton of every spelling → entity ids with that spelling's words (for the word-by-word check). */
  skeletons: Map<string, Array<{ id: number; words: string[] }>>;
  /** Every word of every spelling → entity ids; surnames (last words) listed first. */
  words: Map<string, number[]>;
  /** Skeleton of every word → the words with it. */
  wordSkeletons: Map<string, string[]>;
  /** Every exact key and word, for typo and prefix scans. */
  vocabulary: string[];
  /** The vocabulary by length: a one-typo scan reads only the lengths within one of the query's. */
  byLength: Map<number, string[]>;
  /** The vocabulary by its first PREFIX_KEY letters: a prefix scan reads only the entries that share them. */
  byPrefix: Map<string, string[]>;
}

/** How a lookup matched (for the answer's notes). */
export type MatchHow = 'name' | 'spelling' | 'word' | 'typo' | 'prefix' | 'none';

export interface LookupResult {
  /** Matching entities, most reported first. */
  entities: Entity[];
  how: MatchHow;
}

/** How many first letters key the prefix buckets: a prefix scan needs at least this many (it asks for three). */
const PREFIX_KEY = 3;

/** Adds to a map of lists; values come in order, so a repeat can only be the last one. */
const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
};

/**
 * Builds the lookup of a ranked entity list (entities-table order), yielding now and then so that it runs
 * in slices inside the entity table's own build (`yield*` in entities.ts).
 */
export function* nameIndexSteps(entities: readonly Entity[]): Generator<void, NameIndex, void> {
  const index: NameIndex = { exact: new Map(), skeletons: new Map(), words: new Map(), wordSkeletons: new Map(), vocabulary: [], byLength: new Map(), byPrefix: new Map() };
  // Entities come in id order, so each list gets its ids in order and a repeat is always the last one.
  let work = 0;
  for (const e of entities) {
    if (++work % 256 === 0) yield;
    const spellings = new Set([formKey(e.name), ...e.keys]);
    for (const key of spellings) {
      if (!key) continue;
      add(index.exact, key, e.id);
      const words = key.split(' ');
      add(index.skeletons, skeletonKey(words), { id: e.id, words });
      for (const w of words) if (w.length >= 2) add(index.words, w, e.id);
    }
  }
  for (const w of index.words.keys()) {
    if (++work % 1024 === 0) yield;
    add(index.wordSkeletons, skeletonWord(w), w);
  }
  yield;
  index.vocabulary = [...new Set([...index.exact.keys(), ...index.words.keys()])];
  // Bucketed in slices too (a sort of the whole vocabulary would hold the thread for tens of ms at 100k paragraphs).
  for (const v of index.vocabulary) {
    if (++work % 1024 === 0) yield;
    add(index.byLength, v.length, v);
    if (v.length >= PREFIX_KEY) add(index.byPrefix, v.slice(0, PREFIX_KEY), v);
  }
  return index;
}

/**
 * The entities a typed name means. Tries, in order, and stops at the first that matches: the exact
 * spelling; another transliteration of it; a word of a name (surname, acronym); one typo; a prefix of at
 * least three letters. A query of several words that matches none of these is tried by its last word.
 *
 * @example lookupName(table.entities, table.index, 'al-kadhimi').entities[0].name // 'Mustafa al-Kadhimi'
 */
export function lookupName(entities: readonly Entity[], index: NameIndex, query: string): LookupResult {
  const key = formKey(query);
  if (!key) return { entities: [], how: 'none' };
  const pick = (ids: Iterable<number>, how: MatchHow): LookupResult => ({
    entities: [...new Set(ids)].sort((a, b) => a - b).map((id) => entities[id]!).filter(Boolean),
    how,
  });
  const exact = index.exact.get(key);
  if (exact) return pick(exact, 'name');
  const words = nameWords(query);
  const spelled = (index.skeletons.get(skeletonKey(words)) ?? []).filter((x) => similarNames(words, x.words)).map((x) => x.id);
  if (spelled.length) return pick(spelled, 'spelling');
  const tryWord = (word: string): LookupResult | null => {
    const direct = index.words.get(word);
    if (direct) return pick(direct, 'word');
    const similar = (index.wordSkeletons.get(skeletonWord(word)) ?? []).filter((w) => similarWords(word, w));
    if (similar.length) return pick(similar.flatMap((w) => index.words.get(w) ?? []), 'word');
    return null;
  };
  if (words.length === 1) {
    const found = tryWord(words[0]!);
    if (found) return found;
  }
  // One typo: in the whole name, or in a word of it.
  if (key.length >= 4) {
    const typo: number[] = [];
    for (let length = key.length - 1; length <= key.length + 1; length++) {
      for (const v of index.byLength.get(length) ?? []) {
        if (withinOneEdit(v, key)) typo.push(...(index.exact.get(v) ?? []), ...(index.words.get(v) ?? []));
      }
    }
    if (typo.length) return pick(typo, 'typo');
  }
  if (key.length >= 3) {
    const prefixed: number[] = [];
    for (const v of index.byPrefix.get(key.slice(0, PREFIX_KEY)) ?? []) {
      if (v.startsWith(key)) prefixed.push(...(index.exact.get(v) ?? []), ...(index.words.get(v) ?? []));
    }
    if (prefixed.length) return pick(prefixed, 'prefix');
  }
  if (words.length > 1) {
    const last = lookupName(entities, index, words[words.length - 1]!);
    if (last.entities.length) return last;
  }
  return { entities: [], how: 'none' };
}

/** Levenshtein distance ≤ 1 (one letter changed, added or dropped), without a distance table. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length > b.length) [a, b] = [b, a];
  if (b.length - a.length > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length) return true;
  // The first difference: a substitution (same lengths) or an insertion into the shorter one.
  return a.length === b.length ? a.slice(i + 1) === b.slice(i + 1) : a.slice(i) === b.slice(i + 1);
}
