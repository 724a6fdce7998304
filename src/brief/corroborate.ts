import { isJoinedSpan, type Candidate } from './candidates.ts';
import { terms as termsOf } from '../text/terms.ts';

/** When two sentences state the same fact: thresholds on their shared index terms. */
export interface FactThresholds {
  /** At least this many distinct shared terms (or every term of a shorter sentence). */
  minShared: number;
  /**
   * Shared weight / weight of the shorter sentence's terms, each term weighted by its inverse sentence
   * frequency: the shorter sentence's distinctive words must be in the other one, not just the story's
   * vocabulary ("Iran-backed militias", "rocket attacks").
   */
  minContainment: number;
  /** At least this many shared adjacent-term pairs (word order, not just vocabulary). */
  minSharedPairs: number;
  /**
   * Shared weight / weight of the longer sentence's terms: a short sentence that repeats one phrase of a
   * long one ("around 18 dlrs a barrel") does not stand for everything the long one says.
   */
  minCover: number;
  /** Share of the shorter sentence's numbers that the other must state too. */
  minNumbers: number;
  /**
   * Weighted share of the shorter sentence's names that the other must carry (the same company, person or
   * body: "Exovir Inc said its board authorized …" is not "Bowne and Co Inc said its board authorized …"),
   * unless the two share at least two numbers (the same figures are the same fact under other names:
   * "the US … from 3,000 to 2,500" and "President Trump … from about 3,000 to about 2,500").
   */
  minNames: number;
  /**
   * Weighted containment required of the shorter sentence's claim words (its terms that are not capitalised
   * names), and at least two of them shared. Wire stories about one person share the name and differ in
   * what is said ("Stoltenberg said the Louvre accord was vital" against "Stoltenberg declined to comment
   * on …"); names alone never make a fact.
   */
  minClaim: number;
}

/**
 * The thresholds for citing a sentence as corroboration. Containment was chosen on the seed corpus by reading
 * every pair of sentences from different articles (docs/design/brief.md): the true restatements score
 * 0.40–1.00 weighted containment; the closest false pair ("rocket attacks blamed on Iran-backed militias have
 * killed three Americans" against "Pompeo … frustrations with Iran-backed militias launching rocket attacks")
 * scores 0.37. Cover, numbers, names and claim words came from Reuters' templated wire copy.
 */
export const DEFAULT_FACT_THRESHOLDS: FactThresholds = { minShared: 4, minContainment: 0.4, minSharedPairs: 2, minCover: 0.2, minNumbers: 0.8, minNames: 0.4, minClaim: 0.3 };

/**
 * Looser thresholds for *ranking*, not citing: sentences of other articles on the same point (the same
 * names and wording) count as support for a sentence's importance and make two candidates redundant,
 * but only `DEFAULT_FACT_THRESHOLDS` matches are cited as corroboration.
 */
export const SUPPORT_THRESHOLDS: FactThresholds = { minShared: 4, minContainment: 0.4, minSharedPairs: 2, minCover: 0, minNumbers: 0, minNames: 0, minClaim: 0 };

/** Distinct terms with their weights and adjacent term pairs of a sentence: what fact matching compares. */
export interface FactKey {
  /** Term → weight (inverse sentence frequency; 1 without one). */
  terms: Map<string, number>;
  /** Sum of the weights. */
  total: number;
  readonly pairs: Set<string>;
  /** The numbers the sentence states ("1,323" → "1323"): two sentences with different numbers report different facts. */
  readonly numbers: Set<string>;
  /** Terms of capitalised words after the first word (names, mostly): not claim words. */
  readonly names: Set<string>;
}

/**
 * Lower-case words that belong to the name they stand before: particles ("Mustafa al-Kadhimi", "Charles de
 * Gaulle", "Osama bin Laden") and titles written in lower case ("ambassador Matthew Tueller", "prime minister
 * Kadhimi"). Capitalised titles ("Iraqi Prime Minister", "Secretary of State") are names already.
 */
const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'abu', 'de', 'da', 'di', 'du', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'ben']);
const LOWER_CASE_TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'premier', 'chancellor', 'secretary', 'ambassador', 'envoy', 'senator', 'governor',
  'mayor', 'chairman', 'chairwoman', 'spokesman', 'spokeswoman', 'spokesperson', 'king', 'queen', 'crown', 'prince', 'ayatollah',
  'cleric', 'commander', 'leader', 'general', 'gen',
]);

/**
 * The terms of the names of a text: its capitalised words, and the particles and lower-case titles that go
 * with them. "West German Finance Minister Gerhard Stoltenberg said" → west, german, financ, minist, gerhard,
 * stoltenberg; "Iraqi Prime Minister Mustafa al-Kadhimi ordered" → iraqi, prime, minist, mustafa, al, kadhimi.
 * The first word counts only when it reads as a name (all capitals, or followed by another capitalised word:
 * "Exovir Inc said"), not as a sentence opener ("Purchases from non-members …"). A hyphenated word is read by
 * its parts: "Iran-backed" names Iran, not "backed"; "al-Kadhimi" is all name.
 */
export function nameTermsOf(text: string): Set<string> {
  const out = new Set<string>();
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)].map((m) => m[0]);
  const capitalised = (word: string | undefined) => word !== undefined && /^\p{Lu}/u.test(word);
  const bare = (part: string) => part.toLowerCase().replace(/\.$/, '');
  // Right to left: a particle or lower-case title is a name when what follows it is one.
  let followedByName = false;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!;
    const parts = word.split('-').filter((p) => p.length > 0);
    const named = new Array<boolean>(parts.length).fill(false);
    for (let j = parts.length - 1; j >= 0; j--) {
      const part = parts[j]!;
      const after = j + 1 < parts.length ? named[j + 1]! : followedByName;
      const joined = j + 1 < parts.length; // "al-" of "al-Kadhimi"
      named[j] = capitalised(part) || (after && (NAME_PARTICLES.has(bare(part)) || (!joined && LOWER_CASE_TITLES.has(bare(part)))));
    }
    const opener = i === 0 && !/^[\p{Lu}\p{N}.-]{2,}$/u.test(word) && !capitalised(words[1]);
    if (!opener) parts.forEach((part, j) => named[j] && termsOf(part).forEach((t) => out.add(t)));
    followedByName = !opener && named[0]!;
  }
  return out;
}

/** The numbers of a text, thousands separators out: "1,323 tonnes in 1986/87" → 1323, 1986, 87. */
export function numbersOf(text: string): Set<string> {
  return new Set((text.match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? []).map((n) => n.replaceAll(',', '')));
}

/**
 * The fact key of a sentence's index terms. `weights` (term → inverse frequency over the briefing's
 * sentences) makes rare words count more; terms missing from it weigh 1. `text` gives the numbers.
 */
export function factKey(termList: readonly string[], weights?: ReadonlyMap<string, number>, text = ''): FactKey {
  return weigh(termList, weights, shapeOf(termList, text));
}

/**
 * What a fact key holds that does not depend on the briefing's weights. The numbers and names are read
 * only under the citing thresholds, so they are found on first use: ranking compares the 400 sentences of
 * a briefing's pool with each other under `SUPPORT_THRESHOLDS`, which need neither.
 */
class Shape {
  readonly pairs = new Set<string>();
  readonly #text: string;
  #numbers: Set<string> | undefined;
  #names: Set<string> | undefined;

  constructor(termList: readonly string[], text: string) {
    for (let i = 0; i + 1 < termList.length; i++) this.pairs.add(`${termList[i]} ${termList[i + 1]}`);
    this.#text = text;
  }

  get numbers(): Set<string> {
    return (this.#numbers ??= numbersOf(this.#text));
  }

  get names(): Set<string> {
    return (this.#names ??= nameTermsOf(this.#text));
  }
}

function shapeOf(termList: readonly string[], text: string): Shape {
  return new Shape(termList, text);
}

/** A fact key: its own weighted terms, the rest read from the sentence's shape. */
class WeighedKey implements FactKey {
  readonly terms: Map<string, number>;
  readonly total: number;
  readonly pairs: Set<string>;
  readonly #shape: Shape;

  constructor(terms: Map<string, number>, total: number, shape: Shape) {
    this.terms = terms;
    this.total = total;
    this.pairs = shape.pairs;
    this.#shape = shape;
  }

  get numbers(): Set<string> {
    return this.#shape.numbers;
  }

  get names(): Set<string> {
    return this.#shape.names;
  }
}

function weigh(termList: readonly string[], weights: ReadonlyMap<string, number> | undefined, shape: Shape): FactKey {
  const terms = new Map<string, number>();
  let total = 0;
  for (const t of termList) {
    if (terms.has(t)) continue;
    const w = weights?.get(t) ?? 1;
    terms.set(t, w);
    total += w;
  }
  return new WeighedKey(terms, total, shape);
}

/** Shapes per sentence object (sentences are immutable): only the weights change from briefing to briefing. */
const SHAPES = new WeakMap<object, Shape>();

/** Looks up (and caches) the fact key of a candidate. */
export type KeyOf<C extends Candidate = Candidate> = (c: C) => FactKey;

/** A cached `KeyOf` for one briefing, weighting terms by `weights` (inverse sentence frequencies). */
export function factKeys<C extends Candidate>(weights?: ReadonlyMap<string, number>): KeyOf<C> {
  const cache = new Map<C, FactKey>();
  return (c) => {
    let k = cache.get(c);
    if (!k) {
      let shape = SHAPES.get(c.sentence);
      if (!shape) SHAPES.set(c.sentence, (shape = shapeOf(c.terms, c.sentence.text)));
      cache.set(c, (k = weigh(c.terms, weights, shape)));
    }
    return k;
  };
}

/**
 * Do two sentences carry the same fact? They must share enough distinct stems, most of the shorter one's
 * weighted stems (rare words count more than the story's common vocabulary), some stem pairs in the
 * same order (so two sentences on one topic but with different claims do not match), most of the
 * shorter one's names (the same subject) and claim words (not only its names), and its numbers. Returns
 * the weighted containment (0 when not the same fact).
 *
 * @example sameFact(factKey(terms('They could come back, it is just a security blip.')),
 *   factKey(terms('It is a minor drawdown. They could come back - it is just a security blip, he said.'))) // > 0
 */
export function sameFact(a: FactKey, b: FactKey, t: FactThresholds = DEFAULT_FACT_THRESHOLDS): number {
  const [small, big] = a.terms.size < b.terms.size || (a.terms.size === b.terms.size && a.total <= b.total) ? [a, b] : [b, a];
  let shared = 0;
  let weight = 0;
  for (const [term, w] of small.terms) {
    if (!big.terms.has(term)) continue;
    shared++;
    weight += w;
  }
  if (shared < Math.min(t.minShared, small.terms.size)) return 0;
  const containment = weight / Math.max(1e-9, small.total);
  if (containment < t.minContainment) return 0;
  let pairs = 0;
  for (const p of small.pairs) if (big.pairs.has(p)) pairs++;
  if (pairs < Math.min(t.minSharedPairs, small.pairs.size)) return 0;
  if (weight / Math.max(1e-9, big.total) < t.minCover) return 0;
  if (t.minNames > 0 && small.names.size > 0) {
    let names = 0;
    let namesShared = 0;
    for (const [term, w] of small.terms) {
      if (!small.names.has(term)) continue;
      names += w;
      if (big.terms.has(term)) namesShared += w;
    }
    let numbers = 0;
    for (const n of small.numbers) if (big.numbers.has(n)) numbers++;
    if (names > 0 && namesShared / names < t.minNames && numbers < 2) return 0;
  }
  if (t.minClaim > 0) {
    let claim = 0;
    let claimShared = 0;
    let claimTerms = 0;
    let claimTermsShared = 0;
    for (const [term, w] of small.terms) {
      if (small.names.has(term)) continue;
      claim += w;
      claimTerms++;
      if (!big.terms.has(term)) continue;
      claimShared += w;
      claimTermsShared++;
    }
    if (claim > 0 && (claimShared / claim < t.minClaim || claimTermsShared < Math.min(2, claimTerms))) return 0;
  }
  if (t.minNumbers > 0 && !numbersAgree(small.numbers, big.numbers, t.minNumbers)) return 0;
  return containment;
}

/**
 * Numbers are the facts of wire copy ("purchased 1,323 tonnes in the 21st week" and "purchased 456 tonnes in
 * the 23rd week" share every other word): when the shorter sentence states numbers, most of them must be
 * in the other sentence.
 */
function numbersAgree(small: ReadonlySet<string>, big: ReadonlySet<string>, share: number): boolean {
  if (small.size === 0) return true;
  let shared = 0;
  for (const n of small) if (big.has(n)) shared++;
  return shared >= share * small.size;
}

/** A fact as the briefing shows it: one sentence standing for every source that carries it. */
export interface Fact<C extends Candidate = Candidate> {
  /** The version shown: the most complete of the members (see `representative`). */
  shown: C;
  /** One sentence per article that carries the fact, the shown one first, then best match first. */
  members: C[];
}

/**
 * The candidates of a briefing by term, so that finding the sentences that may state the same fact as one
 * sentence reads the postings of its terms instead of comparing it with every candidate. Built from the
 * candidates' terms alone: a candidate's fact key (weights, pairs, names, numbers) is made only when it
 * shares enough terms with a sentence it is compared with, so a topic's hundreds of sentences are not all
 * keyed for the dozen that corroboration looks up.
 */
export interface FactIndex<C extends Candidate = Candidate> {
  candidates: readonly C[];
  /** Term → the candidates (positions in `candidates`, ascending, each once) that have it. */
  postings: Map<string, number[]>;
  /** Distinct terms per candidate (the size of its fact key's `terms`). */
  sizes: Uint32Array;
  /** Scratch counts of shared terms per candidate, all zero between calls. */
  counts?: Uint16Array;
}

/** Builds the term postings of a set of candidates. */
export function factIndex<C extends Candidate>(candidates: readonly C[]): FactIndex<C> {
  const postings = new Map<string, number[]>();
  const sizes = new Uint32Array(candidates.length);
  candidates.forEach((c, i) => {
    for (const term of c.terms) {
      const list = postings.get(term);
      if (!list) postings.set(term, [i]);
      else if (list[list.length - 1] === i) continue; // a repeat within this candidate
      else list.push(i);
      sizes[i]!++;
    }
  });
  return { candidates, postings, sizes };
}

/**
 * The candidates of other articles that carry the same fact as `anchor`, at most one per article (the
 * closest), best match first.
 */
export function sameFactIn<C extends Candidate>(anchor: C, index: FactIndex<C>, keyOf: KeyOf<C>, t: FactThresholds = DEFAULT_FACT_THRESHOLDS): C[] {
  const key = keyOf(anchor);
  const shared = (index.counts ??= new Uint16Array(index.candidates.length));
  const touched: number[] = [];
  for (const term of key.terms.keys()) {
    for (const i of index.postings.get(term) ?? []) if (shared[i]!++ === 0) touched.push(i);
  }
  const best = new Map<string, { c: C; sim: number }>();
  for (const i of touched) {
    const n = shared[i]!;
    shared[i] = 0;
    const c = index.candidates[i]!;
    if (c.article === anchor.article) continue;
    if (n < Math.min(t.minShared, key.terms.size, index.sizes[i]!)) continue;
    const sim = sameFact(key, keyOf(c), t);
    if (sim === 0) continue;
    const prev = best.get(c.article);
    if (!prev || sim > prev.sim || (sim === prev.sim && c.position < prev.c.position)) best.set(c.article, { c, sim });
  }
  return [...best.values()].sort((x, y) => y.sim - x.sim || x.c.article.localeCompare(y.c.article)).map((m) => m.c);
}

/**
 * Finds, for a chosen sentence, the sentences of other articles that carry the same fact (at most one per
 * article, the closest), picks the version to show (the most complete: see `representative`) and keeps
 * only the members that match the shown version itself. There is no chaining: every cited sentence is
 * compared with the one the reader sees, so "3 sources" never rests on A≈B≈C with A and C unrelated.
 */
export function corroborate<C extends Candidate>(chosen: C, index: FactIndex<C>, keyOf: KeyOf<C>, t: FactThresholds = DEFAULT_FACT_THRESHOLDS): Fact<C> {
  const shown = representative([chosen, ...sameFactIn(chosen, index, keyOf, t)], keyOf);
  // A span shown with the sentence before it ("… That forced the port to divert ships") holds two claims:
  // another article counts only if it carries most of the span, not its first sentence alone.
  const joinedT = isJoinedSpan(shown.sentence) ? { ...t, minCover: Math.max(t.minCover, JOINED_SPAN_COVER) } : t;
  return { shown, members: [shown, ...sameFactIn(shown, index, keyOf, joinedT)] };
}

/** How much of a joined span's weighted stems another article's sentence must carry to count for it. */
export const JOINED_SPAN_COVER = 0.75;

/**
 * The most complete version among sentences that say the same thing: the most distinct terms, then the
 * earliest in its article (a lede over a later restatement).
 */
export function representative<C extends Candidate>(members: readonly C[], keyOf: KeyOf<C>): C {
  let best = members[0]!;
  for (const m of members.slice(1)) {
    const dm = keyOf(m).terms.size;
    const db = keyOf(best).terms.size;
    if (dm > db || (dm === db && m.position < best.position)) best = m;
  }
  return best;
}
