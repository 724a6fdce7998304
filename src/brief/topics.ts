import type { Corpus } from '../corpus/types.ts';
import type { SearchIndex } from '../index/types.ts';
import { foldCase, foldPunctuation } from '../text/normalize.ts';
import { STOP_WORDS } from '../text/terms.ts';
import { editDistance } from '../answer/suggest.ts';

/**
 * Topics the corpus does have, for "nothing about X — try …": words of headlines and capitalised names
 * from the text, counted by the articles that use them.
 */
export function corpusTopics(corpus: Corpus, maxArticles = 2000): Map<string, number> {
  const cached = TOPICS.get(corpus.articles);
  if (cached && cached.length === corpus.articles.length && cached.maxArticles === maxArticles) return cached.topics;
  const counts = new Map<string, number>();
  for (const article of corpus.articles.slice(0, maxArticles)) {
    const seen = new Set<string>();
    const text = [article.title ?? '', ...article.paragraphs.slice(0, 4).map((p) => p.text)].join('\n');
    for (const m of foldPunctuation(text).matchAll(/\b\p{Lu}[\p{L}'-]{2,}(?:\s+\p{Lu}[\p{L}'-]{2,}){0,2}/gu)) {
      // A sentence's first word is capitalised too: "The Trump administration" gives "Trump", not "The Trump".
      let name = m[0].replace(/'s$/, '');
      for (let lead = /^(\S+)\s+/.exec(name); lead && STOP_WORDS.has(foldCase(lead[1]!)); lead = /^(\S+)\s+/.exec(name)) name = name.slice(lead[0].length);
      if (STOP_WORDS.has(foldCase(name))) continue;
      seen.add(name);
    }
    for (const w of foldPunctuation(article.title ?? '').toLowerCase().match(/[\p{L}]{4,}/gu) ?? []) {
      if (!STOP_WORDS.has(w)) seen.add(w);
    }
    for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  TOPICS.set(corpus.articles, { length: corpus.articles.length, maxArticles, topics: counts });
  return counts;
}

/** Topics per article list (a live update replaces the list or changes its length). */
const TOPICS = new WeakMap<readonly unknown[], { length: number; maxArticles: number; topics: Map<string, number> }>();

/**
 * Up to `n` topics close to a query that found nothing: each word of the query against the corpus topics
 * by shared prefix or edit distance (at most a third of the word's length), most used first. Only topics
 * the index does find are offered.
 *
 * @example suggestTopics(corpus, index, 'Solemani') // ['Soleimani', …]
 */
export function suggestTopics(corpus: Corpus, index: SearchIndex, query: string, n = 5): string[] {
  const matcher = topicMatcher(corpusTopics(corpus));
  const words = foldCase(foldPunctuation(query)).match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  const scored = matcher.near(words);
  scored.sort((a, b) => a.distance - b.distance || b.uses - a.uses || a.topic.localeCompare(b.topic));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of scored) {
    const key = foldCase(s.topic);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!matcher.found(index, s.topic)) continue;
    out.push(s.topic);
    if (out.length >= n) break;
  }
  return out;
}

/** A corpus topic close to a query word: how close (0 for a shared prefix) and how many articles use it. */
export interface NearTopic {
  topic: string;
  distance: number;
  uses: number;
}

/**
 * Makes the corpus topics and their matcher now (the first misspelt topic otherwise pays 50–100 ms for them
 * at 100k paragraphs): part of the work a start from the snapshot does in the background.
 */
export function prepareTopics(corpus: Corpus): void {
  topicMatcher(corpusTopics(corpus));
}

/** Matchers per topic map (`corpusTopics` makes a new map for every version of the corpus). */
const MATCHERS = new WeakMap<ReadonlyMap<string, number>, TopicMatcher>();

function topicMatcher(topics: ReadonlyMap<string, number>): TopicMatcher {
  let m = MATCHERS.get(topics);
  if (!m) MATCHERS.set(topics, (m = new TopicMatcher(topics)));
  return m;
}

/**
 * The corpus topics ready for matching misspelt query words (a miss used to compare every word with each
 * of the 14,000 Reuters topics, then search the index for the closest; the slowest briefings were misses):
 * - their folded keys, distinct and in sorted order, so the keys a word prefixes are one range;
 * - the topics by key, so the keys that prefix a word are a few lookups;
 * - the distinct words compared by edit distance (a key, and each word of a key with spaces), by length
 *   and, per length when first needed, by bigram. A word within edit distance k of a key word keeps at least (length − 1) − 2k of its
 *   bigrams in it (one edit changes at most two), so only the key words sharing that many bigrams with
 *   it are compared (all those of a near length when the bound says nothing, for three-letter words);
 * - whether the index finds a topic, remembered per index (the same common topics come back with every
 *   miss, and a search for "corp" reads thousands of postings).
 * `near` gives exactly what comparing every topic would, in the topic map's order.
 */
export class TopicMatcher {
  readonly #topics: string[];
  readonly #uses: number[];
  /** Folded key → topic positions. */
  readonly #byKey = new Map<string, number[]>();
  /** The distinct keys in code-unit order (as `startsWith` compares), so those a word prefixes are one range. */
  readonly #sortedKeys: string[];
  /** Distinct words compared by edit distance, and the topics each belongs to. */
  readonly #parts: string[] = [];
  readonly #partTopics: number[][] = [];
  /** Length → parts of that length. */
  readonly #partsByLength = new Map<number, number[]>();
  /**
   * Per part length, made when a word first needs that length: bigram (two code units, see `bigram`) → the
   * parts of that length that contain it, a part once per occurrence (its repeats next to each other).
   */
  readonly #bigrams = new Map<number, Map<number, number[]>>();
  /** Scratch counts of shared bigrams per part, all zero between calls. */
  readonly #shared: Uint32Array;
  /** Per index: topic → whether a search for it finds a paragraph. */
  readonly #found = new WeakMap<SearchIndex, Map<string, boolean>>();

  constructor(topics: ReadonlyMap<string, number>) {
    this.#topics = [...topics.keys()];
    this.#uses = [...topics.values()];
    const partAt = new Map<string, number>();
    this.#topics.forEach((topic, t) => {
      const key = foldCase(topic);
      const same = this.#byKey.get(key);
      if (same) same.push(t);
      else this.#byKey.set(key, [t]);
      if (!key.includes(' ')) this.#addPart(key, t, partAt);
      else for (const part of new Set([key, ...key.split(/\s+/)])) this.#addPart(part, t, partAt);
    });
    this.#sortedKeys = [...this.#byKey.keys()].sort();
    this.#shared = new Uint32Array(this.#parts.length);
  }

  /** Files `part` as a word of topic `t` (a new part by its length too). */
  #addPart(part: string, t: number, partAt: Map<string, number>): void {
    let p = partAt.get(part);
    if (p === undefined) {
      partAt.set(part, (p = this.#parts.length));
      this.#parts.push(part);
      this.#partTopics.push([]);
      const sameLength = this.#partsByLength.get(part.length);
      if (sameLength) sameLength.push(p);
      else this.#partsByLength.set(part.length, [p]);
    }
    this.#partTopics[p]!.push(t);
  }

  /**
   * The topics close to any of `words` (folded query words), in the topic map's order, each with its
   * smallest distance: 0 when its key starts with a word, or is a prefix of a word (both at least four
   * letters); else the edit distance between a word and the key or one of its words, when at most a third
   * of the word's length (at least 1).
   */
  near(words: readonly string[]): NearTopic[] {
    const distance = new Map<number, number>();
    const closer = (t: number, d: number) => {
      const before = distance.get(t);
      if (before === undefined || d < before) distance.set(t, d);
    };
    for (const w of words) {
      for (const t of this.#startingWith(w)) closer(t, 0);
      for (let length = 4; length <= w.length; length++) for (const t of this.#byKey.get(w.slice(0, length)) ?? []) closer(t, 0);
      const max = Math.max(1, Math.floor(w.length / 3));
      for (const p of this.#candidates(w, max)) {
        const d = editDistance(w, this.#parts[p]!, max);
        if (d <= max) for (const t of this.#partTopics[p]!) closer(t, d);
      }
    }
    return [...distance.keys()].sort((a, b) => a - b).map((t) => ({ topic: this.#topics[t]!, distance: distance.get(t)!, uses: this.#uses[t]! }));
  }

  /** Whether `index` finds a paragraph for `topic` (its answer kept: the index and topics are one corpus version's). */
  found(index: SearchIndex, topic: string): boolean {
    let known = this.#found.get(index);
    if (!known) this.#found.set(index, (known = new Map()));
    let found = known.get(topic);
    if (found === undefined) known.set(topic, (found = index.search(topic, { limit: 1 }).length > 0));
    return found;
  }

  /** Topic positions whose key starts with `w`. */
  #startingWith(w: string): number[] {
    const keys = this.#sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < w) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < keys.length && keys[i]!.startsWith(w); i++) for (const t of this.#byKey.get(keys[i]!)!) out.push(t);
    return out;
  }

  /** The parts that may be within edit distance `max` of `w`: a near length and enough shared bigrams. */
  #candidates(w: string, max: number): number[] {
    const out: number[] = [];
    const lengths: number[] = [];
    for (let length = Math.max(0, w.length - max); length <= w.length + max; length++) lengths.push(length);
    const need = w.length - 1 - 2 * max;
    if (need <= 0) {
      for (const length of lengths) for (const p of this.#partsByLength.get(length) ?? []) out.push(p);
      return out;
    }
    const times = new Map<number, number>();
    for (let i = 0; i + 1 < w.length; i++) {
      const b = bigram(w, i);
      times.set(b, (times.get(b) ?? 0) + 1);
    }
    const shared = this.#shared;
    const touched: number[] = [];
    for (const length of lengths) {
      const postings = this.#bigramsOfLength(length);
      for (const [b, inWord] of times) {
        const posting = postings.get(b);
        if (!posting) continue;
        for (let i = 0; i < posting.length; ) {
          const p = posting[i]!;
          let inPart = 0;
          for (; posting[i] === p; i++) inPart++;
          if (shared[p] === 0) touched.push(p);
          shared[p] = shared[p]! + Math.min(inWord, inPart);
        }
      }
    }
    for (const p of touched) {
      if (shared[p]! >= need) out.push(p);
      shared[p] = 0;
    }
    return out;
  }

  /** The bigram postings of the parts of one length (made on first use: most words need a few lengths). */
  #bigramsOfLength(length: number): Map<number, number[]> {
    let postings = this.#bigrams.get(length);
    if (!postings) {
      postings = new Map();
      for (const p of this.#partsByLength.get(length) ?? []) {
        const part = this.#parts[p]!;
        for (let i = 0; i + 1 < part.length; i++) {
          const b = bigram(part, i);
          const posting = postings.get(b);
          if (posting) posting.push(p);
          else postings.set(b, [p]);
        }
      }
      this.#bigrams.set(length, postings);
    }
    return postings;
  }
}

/** The two code units of `text` at `i` as one number (what edit distance compares: code units). */
function bigram(text: string, i: number): number {
  return text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
}
