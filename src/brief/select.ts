import type { Article } from '../corpus/types.ts';
import { collectCandidates, type Candidate } from './candidates.ts';
import { corroborate, keyOf, sameFact, type Fact, type FactKey } from './corroborate.ts';
import { selectMmr, type MmrOptions } from './mmr.ts';
import { scoreCandidates, type Scored, type ScoreOptions } from './score.ts';

export interface BriefOptions extends ScoreOptions {
  /** At most this many facts. */
  limit: number;
  /** Stop once the facts hold this many words (benchmark). */
  wordBudget?: number;
  /** Paragraph ids to draw from (topic briefing); all paragraphs when absent. */
  paragraphs?: ReadonlySet<string>;
  /** Index terms of the topic. */
  queryTerms?: readonly string[];
  /** MMR trade-off. */
  lambda?: number;
  /** MMR redundancy cut (cosine). */
  maxSimilarity?: number;
  /** Boost of a fact's score per extra source carrying it (log2 scale); 0 turns it off. */
  corroborationBoost?: number;
  /** Ranking looks at this many best-scored sentences (bounds the quadratic steps). */
  poolSize?: number;
  /** Whole-corpus briefings on big corpora: only the first N sentences of each article. */
  maxPosition?: number;
}

/** A chosen fact with the scores that chose it. */
export interface BriefFact extends Fact {
  score: number;
}

/**
 * The briefing's selection, independent of the Answer format: candidates → scores → the best pool →
 * corroboration counts as a boost → MMR without repeats → each chosen sentence with every source that
 * carries the same fact. Returned in selection order (most important first).
 */
export function selectFacts(articles: readonly Article[], options: BriefOptions): BriefFact[] {
  const candidates = collectCandidates(articles, {
    ...(options.paragraphs ? { paragraphs: options.paragraphs } : {}),
    ...(options.maxPosition !== undefined ? { maxPosition: options.maxPosition } : {}),
  });
  if (candidates.length === 0) return [];
  const scored = scoreCandidates(candidates, options.queryTerms ?? [], options);
  const poolSize = options.poolSize ?? 400;
  const pool = [...scored].sort((a, b) => b.score - a.score).slice(0, poolSize);
  const keys = new Map<Candidate, FactKey>();

  const boost = options.corroborationBoost ?? 0;
  if (boost > 0) {
    for (const s of pool) {
      const sources = new Set<string>();
      const k = keyOf(s.candidate, keys);
      for (const o of pool) {
        if (o.candidate.article === s.candidate.article || sources.has(o.candidate.article)) continue;
        if (sameFact(k, keyOf(o.candidate, keys)) > 0) sources.add(o.candidate.article);
      }
      s.score *= 1 + boost * Math.log2(1 + sources.size);
    }
  }

  const mmr: MmrOptions = {
    limit: options.limit,
    ...(options.wordBudget !== undefined ? { wordBudget: options.wordBudget } : {}),
    ...(options.lambda !== undefined ? { lambda: options.lambda } : {}),
    ...(options.maxSimilarity !== undefined ? { maxSimilarity: options.maxSimilarity } : {}),
    same: (a: Scored, b: Scored) => sameFact(keyOf(a.candidate, keys), keyOf(b.candidate, keys)) > 0,
  };
  const chosen = selectMmr(pool, mmr);
  const all = candidates;
  return chosen.map((s) => ({ ...corroborate(s.candidate, all, keys), score: s.score }));
}
