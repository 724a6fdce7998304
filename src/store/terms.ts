import { termOf, tokenize } from '../text/terms.ts';
import { DEFAULT_INDEX_SETTINGS } from '../index/minisearch.ts';

/**
 * The index terms of one field of a paragraph, as the in-memory index (src/index/minisearch.ts) counts
 * them: the same tokenizer, stop words and Porter stemmer, so the database's vocabulary is the index's.
 */
export interface FieldTerms {
  /** Distinct index terms, in order of first appearance. */
  terms: string[];
  /** Frequency of each term, in the order of `terms`. */
  tf: number[];
  /** The field's length as minisearch counts it for BM25: distinct tokens, stop words included. */
  len: number;
  /** Index terms with repetition (the length the re-scoring of common query terms uses). */
  count: number;
}

/** The index terms of a text, with their frequencies and the field's lengths. */
export function fieldTerms(text: string): FieldTerms {
  const tokens = tokenize(text);
  const at = new Map<string, number>();
  const terms: string[] = [];
  const tf: number[] = [];
  let count = 0;
  for (const token of tokens) {
    const term = termOf(token);
    if (!term) continue;
    count++;
    const i = at.get(term);
    if (i === undefined) {
      at.set(term, terms.length);
      terms.push(term);
      tf.push(1);
    } else tf[i]!++;
  }
  return { terms, tf, len: new Set(tokens).size, count };
}

/** The distinct index terms of a query, in order (what the database is asked for). */
export function queryTerms(query: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(query)) {
    const term = termOf(token);
    if (term) out.add(term);
  }
  return [...out];
}

/** BM25 parameters and field boosts of the in-memory index, which the database store scores with too. */
export const BM25 = { ...DEFAULT_INDEX_SETTINGS.bm25, boost: DEFAULT_INDEX_SETTINGS.boost, postingBudget: DEFAULT_INDEX_SETTINGS.postingBudget };

/**
 * A term's BM25 weight in one field without its idf (the part that differs between paragraphs): what the
 * postings are ordered by, so the best paragraphs of a term are the first ones of its index range.
 */
export function impact(tf: number, len: number, avg: number): number {
  const { k, b } = BM25;
  return (tf * (k + 1)) / (tf + k * (1 - b + (b * len) / Math.max(avg, 1e-9)));
}
