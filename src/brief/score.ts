import { DANGLING, type Candidate } from './candidates.ts';
import { centroid, dot, inverseFrequencies, tfidf, type Vector } from './vectors.ts';

/** How central a sentence is to what the sources say together. */
export type Centrality = 'centroid' | 'article-centroid' | 'lexrank' | 'none';

export interface ScoreOptions {
  centrality?: Centrality;
  /** Weight of the lead-position prior (early sentences of an article). */
  lead?: number;
  /** Sentences after this position get half the lead prior (exponential decay scale). */
  leadDecay?: number;
  /** Weight of relevance to the query terms (topic briefings). */
  relevance?: number;
  /** Sentences shorter than this many words are scaled down (fragments carry little). */
  minWords?: number;
  /** Weight of cross-source support: how many other articles say something close. */
  support?: number;
  /** Topic briefings: the search score of each paragraph, 0–1 (paragraphs absent score 0). */
  paragraphRelevance?: ReadonlyMap<string, number>;
  /**
   * Score factor of a sentence that opens on a word pointing back to an earlier one ("He said …", "But the
   * …", "That prompted …"): out of its article such a sentence reads as a dangling reference. 1 = no penalty.
   */
  dangling?: number;
  /** Inverse sentence frequencies to weight terms with; computed over the candidates when absent. */
  idf?: ReadonlyMap<string, number>;
  /**
   * Topic briefings: the articles *about* the topic (their headline and first paragraph carry at least half
   * of its words). Their sentences are the topic's context (relevance at least `ABOUT_RELEVANCE`) and keep
   * the lead prior; in an article that only mentions the topic, a sentence's position says nothing about
   * the topic, so there is no lead prior.
   */
  about?: ReadonlySet<string>;
  /**
   * Topic briefings: another spelling of a name in the topic → the topic's term it spells ("kataeb" →
   * "kataib"): a sentence with either carries the same share of the topic.
   */
  spelled?: ReadonlyMap<string, string>;
}

/** The least relevance of a sentence of an article about the topic (its context: "Tensions spiked … after …"). */
export const ABOUT_RELEVANCE = 0.5;

export const DEFAULT_SCORE_OPTIONS: Required<Omit<ScoreOptions, 'paragraphRelevance' | 'idf' | 'dangling' | 'about' | 'spelled'>> = {
  centrality: 'article-centroid',
  lead: 0.35,
  leadDecay: 3,
  relevance: 1,
  minWords: 10,
  support: 0,
};

/** A candidate with its vector and the parts of its score, for selection and for explaining the choice. */
export interface Scored {
  candidate: Candidate;
  vector: Vector;
  centrality: number;
  lead: number;
  relevance: number;
  /** The share of the topic's weight that the sentence itself carries, relative to the best candidate's (0–1; 0 without a topic). */
  coverage: number;
  score: number;
}

/**
 * Scores candidate sentences: centrality (cosine to the centroid of the sources, each article weighing the
 * same, or LexRank), a lead-position prior, relevance to the query terms (the share of the topic's weight
 * the sentence carries, and its paragraph's search score), and a length prior.
 * Centrality and relevance are rescaled to [0, 1] over the candidates so the weights mean the same in small
 * and large pools.
 */
export function scoreCandidates(candidates: readonly Candidate[], queryTerms: readonly string[] = [], options: ScoreOptions = {}): Scored[] {
  const o = { ...DEFAULT_SCORE_OPTIONS, ...options };
  const idf = options.idf ?? inverseFrequencies(candidates.map((c) => c.terms));
  const vectors = candidates.map((c) => tfidf(c.terms, idf));
  const central = centralities(candidates, vectors, o.centrality);
  const query = queryTerms.length ? new Set(queryTerms) : null;
  const weights = query ? topicWeights(query, idf, o.spelled) : null;
  const rel = candidates.map((c) => (weights ? coverage(c.terms, weights, o.spelled) : 0));
  const cMax = Math.max(1e-9, ...central);
  const rMax = Math.max(1e-9, ...rel);
  const support = o.support ? supportCounts(candidates, vectors) : null;
  return candidates.map((candidate, i) => {
    const centrality = central[i]! / cMax;
    const sentenceRelevance = rel[i]! / rMax;
    const about = o.about?.has(candidate.article) ?? false;
    let relevance = o.paragraphRelevance ? (sentenceRelevance + (o.paragraphRelevance.get(candidate.paragraph.id) ?? 0)) / 2 : sentenceRelevance;
    if (about) relevance = Math.max(relevance, ABOUT_RELEVANCE);
    const lead = o.about && !about ? 0 : Math.pow(0.5, candidate.position / o.leadDecay);
    const length = Math.min(1, candidate.words / o.minWords);
    const sup = support ? Math.log2(1 + support[i]!) * o.support : 0;
    const dangling = o.dangling !== undefined && DANGLING.test(candidate.sentence.text) ? o.dangling : 1;
    const score = (centrality + o.lead * lead + (query ? o.relevance * relevance : 0) + sup) * length * dangling;
    return { candidate, vector: vectors[i]!, centrality, lead, relevance, coverage: sentenceRelevance, score };
  });
}

/**
 * The weight of each topic term: its inverse frequency, or that of another spelling of it (`spelled`: that
 * spelling's term → the topic term) when the candidates have only that one; the briefing weighs a name's
 * spellings as one term (`selectFacts`).
 */
function topicWeights(query: ReadonlySet<string>, idf: ReadonlyMap<string, number>, spelled?: ReadonlyMap<string, string>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of query) weights.set(t, idf.get(t) ?? 0);
  for (const [other, t] of spelled ?? []) if (weights.get(t) === 0) weights.set(t, idf.get(other) ?? 0);
  return weights;
}

/**
 * The share of a topic's weight that a sentence carries: the weights of the topic terms it has (or another
 * spelling of) over those of all topic terms. A sentence with the topic's rarer words ("rocket") counts more
 * than one with its common ones ("attacks"); unlike a cosine, a long sentence is not penalised for its other
 * words.
 */
function coverage(terms: readonly string[], weights: ReadonlyMap<string, number>, spelled?: ReadonlyMap<string, string>): number {
  let total = 0;
  for (const w of weights.values()) total += w;
  if (total === 0) return 0;
  const seen = new Set<string>();
  let carried = 0;
  for (const term of terms) {
    const t = weights.has(term) ? term : spelled?.get(term);
    if (t === undefined || !weights.has(t) || seen.has(t)) continue;
    seen.add(t);
    carried += weights.get(t)!;
  }
  return carried / total;
}

function centralities(candidates: readonly Candidate[], vectors: readonly Vector[], kind: Centrality): number[] {
  if (kind === 'none') return vectors.map(() => 0);
  if (kind === 'centroid') {
    const c = centroid(vectors);
    return vectors.map((v) => dot(v, c));
  }
  if (kind === 'article-centroid') {
    const byArticle = new Map<string, Vector[]>();
    candidates.forEach((c, i) => {
      const list = byArticle.get(c.article) ?? [];
      list.push(vectors[i]!);
      byArticle.set(c.article, list);
    });
    const c = centroid([...byArticle.values()].map((vs) => centroid(vs)));
    return vectors.map((v) => dot(v, c));
  }
  return lexRank(vectors);
}

/** LexRank (Erkan & Radev 2004), continuous: PageRank over the cosine graph, damping 0.85. Quadratic: small pools only. */
export function lexRank(vectors: readonly Vector[], iterations = 30): number[] {
  const n = vectors.length;
  if (n === 0) return [];
  const sims: Array<Array<[number, number]>> = vectors.map(() => []);
  const rowSum = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = dot(vectors[i]!, vectors[j]!);
      if (s < 0.1) continue;
      sims[i]!.push([j, s]);
      sims[j]!.push([i, s]);
      rowSum[i]! += s;
      rowSum[j]! += s;
    }
  }
  let rank = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < iterations; it++) {
    const next = new Array<number>(n).fill(0.15 / n);
    for (let i = 0; i < n; i++) {
      if (rowSum[i] === 0) continue;
      for (const [j, s] of sims[i]!) next[j]! += (0.85 * rank[i]! * s) / rowSum[i]!;
    }
    rank = next;
  }
  return rank;
}

/** For each candidate: how many other articles carry a sentence with cosine ≥ 0.3 to it. Quadratic. */
function supportCounts(candidates: readonly Candidate[], vectors: readonly Vector[]): number[] {
  return candidates.map((c, i) => {
    const articles = new Set<string>();
    candidates.forEach((d, j) => {
      if (d.article !== c.article && !articles.has(d.article) && dot(vectors[i]!, vectors[j]!) >= 0.3) articles.add(d.article);
    });
    return articles.size;
  });
}

