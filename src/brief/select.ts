import type { Article } from '../corpus/types.ts';
import { collectCandidates, type Candidate } from './candidates.ts';
import { corroborate, factIndex, factKeys, sameFact, sameFactIn, SUPPORT_THRESHOLDS, type Fact } from './corroborate.ts';
import { selectMmr, type MmrOptions } from './mmr.ts';
import { scoreCandidates, type Scored, type ScoreOptions } from './score.ts';
import { inverseFrequencies, tfidf } from './vectors.ts';
import { independentReports, type Report } from './reports.ts';

export interface BriefOptions extends ScoreOptions {
  /** At most this many facts. */
  limit: number;
  /** Stop once the facts hold this many words (benchmark). */
  wordBudget?: number;
  /** Paragraph ids to draw from (topic briefing); all paragraphs when absent. */
  paragraphs?: ReadonlySet<string>;
  /** Index terms of the topic. */
  queryTerms?: readonly string[];
  /** Paragraphs (passing mentions, outside articles about the topic) whose sentences count only when they contain a topic term. */
  mentionsOnly?: ReadonlySet<string>;
  /** MMR trade-off. */
  lambda?: number;
  /** MMR redundancy cut (cosine). */
  maxSimilarity?: number;
  /** Boost of a fact's score per extra source carrying it (log2 scale); 0 turns it off. */
  corroborationBoost?: number;
  /**
   * What the corroboration boost counts: the other articles on the same point (default: how widely a point
   * was carried, copies of one wire report included, is evidence of its importance), or the other
   * independent reports (measured: −0.2 ROUGE-1 and −0.35 ROUGE-2 on Multi-News, and the seeds' lede, one
   * AFP report in three articles, falls out of "embassy drawdown"; docs/design/brief.md).
   */
  supportCounts?: 'articles' | 'reports';
  /** Ranking looks at this many best-scored sentences (bounds the quadratic steps). */
  poolSize?: number;
  /** Read a dangling sentence with the one before it in its paragraph, up to this many words (`CollectOptions.joinDangling`). */
  joinDangling?: number;
  /**
   * Topic briefings: a sentence of an article not about the topic is read only when it carries at least
   * this share of the topic's weight that the best candidate carries (no padding: a thin topic gets a
   * short briefing).
   */
  minCoverage?: number;
  /**
   * Topic briefings: past `limit`, go on up to this many facts while some not yet chosen carry at least
   * `minCoverage` of the topic's weight (a topic with many facts strongly on it gets them all; a thin one
   * stays short).
   */
  extendTo?: number;
  /**
   * MMR trade-off for the facts past `limit` (default 1: the best-scored facts strongly on the topic that
   * repeat none chosen; novelty has had its say in the first `limit`, and the cut still keeps repeats out).
   */
  extraLambda?: number;
  /**
   * Topic briefings: MMR's novelty (and its redundancy cut) measured without the topic's own terms. Every
   * sentence on a topic shares its words; sharing them is being on the topic, not saying the same thing.
   * Counted in, they made every on-topic sentence look like a repeat of the first ones, and MMR (λ 0.3)
   * filled the briefing with the about-article's sentences that lack them ("militia rocket attacks" took
   * 004's JCPOA sentence over 001's and 002's rocket attacks).
   */
  noveltyWithoutTopic?: boolean;
  /**
   * Topic briefings: a sentence of an article about the topic that carries less than `minCoverage` of the
   * topic's weight is its context only when its paragraph has a sentence that carries that much, or another
   * article carries the same point (the story's shared background: "Fears of regional conflict have
   * increased since the assassination of … Fakhrizadeh" in `embassy drawdown`). Without it, every sentence
   * of an article about the topic was context.
   */
  strictContext?: boolean;
  /** Whole-corpus briefings on big corpora: only the first N sentences of each article. */
  maxPosition?: number;
}

/** A chosen fact with the scores that chose it and the independent reports its members come from. */
export interface BriefFact extends Fact {
  score: number;
  reports: Report[];
}

/**
 * The briefing's selection, independent of the Answer format: candidates → scores → the best pool →
 * corroboration counts as a boost → MMR without repeats → each chosen sentence with every source that
 * carries the same fact. Returned most important (best scored) first: MMR decides what is in, the score
 * decides the order, so the lede leads and a briefing cut short keeps its most important facts.
 */
export function selectFacts(articles: readonly Article[], options: BriefOptions): BriefFact[] {
  const all = collectCandidates(articles, {
    ...(options.maxPosition !== undefined ? { maxPosition: options.maxPosition } : {}),
    ...(options.joinDangling !== undefined ? { joinDangling: options.joinDangling } : {}),
  });
  const wanted = options.paragraphs;
  const query = new Set(options.queryTerms ?? []);
  // A topic term, or another spelling of one (a name the corpus writes two ways).
  const isTopicTerm = (t: string) => query.has(t) || query.has(options.spelled?.get(t) ?? '');
  const mentions = options.mentionsOnly;
  const candidates = all.filter(
    (c) => (!wanted || wanted.has(c.paragraph.id)) && (!mentions?.has(c.paragraph.id) || c.terms.some(isTopicTerm)),
  );
  if (candidates.length === 0) return [];
  const idf = spellingFrequencies(inverseFrequencies(all.map((c) => c.terms)), all, options.spelled);
  const scored = scoreCandidates(candidates, options.queryTerms ?? [], { ...options, idf });
  const poolSize = options.poolSize ?? 400;
  const floor = query.size && options.minCoverage ? options.minCoverage : 0;
  const keyOf = factKeys<Candidate>(idf);
  const index = factIndex(all);
  let context = (s: Scored) => options.about?.has(s.candidate.article) ?? false;
  if (floor && options.strictContext) {
    const topical = new Set(scored.filter((s) => s.coverage >= floor).map((s) => s.candidate.paragraph.id));
    const about = context;
    context = (s) =>
      about(s) && (topical.has(s.candidate.paragraph.id) || sameFactIn(s.candidate, index, keyOf, SUPPORT_THRESHOLDS).some((o) => o.article !== s.candidate.article));
  }
  const onTopic = floor ? scored.filter((s) => s.coverage >= floor || context(s)) : scored;
  const pool = onTopic.sort((a, b) => b.score - a.score).slice(0, poolSize);

  const byId = new Map(articles.map((a) => [a.id, a]));
  const reportsOf = (members: readonly Candidate[]) =>
    independentReports(members.map((m) => ({ article: byId.get(m.article)!, paragraph: m.paragraph, sentence: m.sentence })));
  const boost = options.corroborationBoost ?? 0;
  if (boost > 0) {
    const inPool = factIndex(pool.map((s) => s.candidate));
    for (const s of pool) {
      const others = sameFactIn(s.candidate, inPool, keyOf, SUPPORT_THRESHOLDS);
      const support = options.supportCounts === 'reports' && others.length > 0 ? reportsOf([s.candidate, ...others]).length - 1 : others.length;
      s.score *= 1 + boost * Math.log2(1 + support);
    }
  }

  // Two chosen sentences can share the version shown: 14809's "President Reagan ordered a high-level review
  // of U.S. Embassy security …" and its next sentence "… Soviet diplomats will not be allowed to use their new
  // embassy …" are two facts, but 14914 carries both in one sentence, the most complete version of each, and
  // the briefing showed it twice with the same citations. A sentence whose fact would show what is already
  // shown is a repeat: it is left out and the next best taken.
  const forMmr = options.noveltyWithoutTopic && query.size ? pool.map((s) => ({ ...s, vector: tfidf(s.candidate.terms.filter((t) => !isTopicTerm(t)), idf) })) : pool;
  const original = new Map(forMmr.map((s, i) => [s, pool[i]!]));
  const facts = new Map<Scored, Fact<Candidate>>();
  const shown = new Set<Candidate>();
  const admit = (s: Scored) => {
    const fact = corroborate(s.candidate, index, keyOf);
    if (shown.has(fact.shown)) return false;
    shown.add(fact.shown);
    facts.set(original.get(s)!, fact);
    return true;
  };
  const mmr: MmrOptions = {
    limit: options.limit,
    ...(options.wordBudget !== undefined ? { wordBudget: options.wordBudget } : {}),
    ...(options.lambda !== undefined ? { lambda: options.lambda } : {}),
    ...(options.maxSimilarity !== undefined ? { maxSimilarity: options.maxSimilarity } : {}),
    same: (a: Scored, b: Scored) => sameFact(keyOf(a.candidate), keyOf(b.candidate), SUPPORT_THRESHOLDS) > 0,
    admit,
    ...(floor && options.extendTo ? { extendTo: options.extendTo, extra: (s: Scored) => s.coverage >= floor, extraLambda: options.extraLambda ?? 1 } : {}),
  };
  const chosen = selectMmr(forMmr, mmr).map((s) => original.get(s)!).sort((a, b) => b.score - a.score);
  return chosen.map((s) => {
    const fact = facts.get(s)!;
    return { ...fact, score: s.score, reports: reportsOf(fact.members) };
  });
}

/**
 * Inverse frequencies with the spellings of a name as one term: each spelling weighs what the name weighs,
 * counted in the sentences that have any of them (rarer than each alone would make a rare spelling, "Iyad"
 * beside "Ayad", outweigh the name as typed). `spelled`: another spelling's term → the topic's term.
 */
function spellingFrequencies(idf: Map<string, number>, candidates: readonly Candidate[], spelled?: ReadonlyMap<string, string>): Map<string, number> {
  if (!spelled?.size) return idf;
  const groups = new Map<string, string>(spelled);
  for (const t of spelled.values()) groups.set(t, t);
  const df = new Map<string, number>();
  for (const c of candidates) {
    const seen = new Set<string>();
    for (const t of c.terms) {
      const g = groups.get(t);
      if (g !== undefined && !seen.has(g)) {
        seen.add(g);
        df.set(g, (df.get(g) ?? 0) + 1);
      }
    }
  }
  const out = new Map(idf);
  for (const [t, g] of groups) {
    const d = df.get(g);
    if (d !== undefined) out.set(t, Math.log((candidates.length + 1) / (d + 0.5)));
  }
  return out;
}
