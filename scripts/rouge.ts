import { stemmer } from 'stemmer';

/**
 * A ROUGE-N scorer in the manner of ROUGE-1.5.5 with `-m` (Porter stemming), no stop-word removal:
 * text lower-cased, every run of characters other than a–z and 0–9 becomes a space, tokens of more than
 * three letters are stemmed (as ROUGE-1.5.5 does), and both texts are cut at their first `maxWords`
 * tokens (`-l`-style word cut; 300 here). Scores are F-measures with alpha 0.5, in percent.
 *
 * @example rouge('The cats sat.', 'A cat sat down.', 1).f // 57.1 (2 of 3 and 2 of 4 unigrams)
 */
export interface RougeScore {
  recall: number;
  precision: number;
  f: number;
}

/** Default word cut for both texts, as the /brief benchmark uses. */
export const ROUGE_WORDS = 300;

/** ROUGE-1.5.5-style tokens: lower case, alphanumeric runs, Porter-stemmed when longer than 3. */
export function rougeTokens(text: string, maxWords = ROUGE_WORDS): string[] {
  const tokens = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  return tokens.slice(0, maxWords).map((t) => (t.length > 3 ? stemmer(t) : t));
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * ROUGE-N of a candidate text against one reference (clipped n-gram counts), in percent. The candidate is
 * cut at `maxWords`, the reference at `referenceWords` (the same cut unless told).
 */
export function rouge(candidate: string, reference: string, n: number, maxWords = ROUGE_WORDS, referenceWords = maxWords): RougeScore {
  const cand = ngrams(rougeTokens(candidate, maxWords), n);
  const ref = ngrams(rougeTokens(reference, referenceWords), n);
  let overlap = 0;
  let candTotal = 0;
  let refTotal = 0;
  for (const c of cand.values()) candTotal += c;
  for (const [gram, c] of ref) {
    refTotal += c;
    overlap += Math.min(c, cand.get(gram) ?? 0);
  }
  const recall = refTotal ? overlap / refTotal : 0;
  const precision = candTotal ? overlap / candTotal : 0;
  const f = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
  return { recall: 100 * recall, precision: 100 * precision, f: 100 * f };
}
