import type { Paragraph } from '../corpus/types.ts';
import type { SearchHit, SearchIndex } from '../index/types.ts';
import { termOf, terms } from '../text/terms.ts';
import { foldCase, foldPunctuation } from '../text/normalize.ts';

/**
 * A lone word left of a topic names a topic of its own when it is used in at most this share of the
 * corpus's paragraphs: "cocoa" (0.4 % of Reuters' paragraphs), not "market" (5.6 %) or "oil" (3.4 %).
 * Measured on Reuters, Timeline17 and the seeds (docs/design/brief.md, "Unknown words").
 */
export const SPECIFIC_WORD_SHARE = 0.01;

/** A name left alone names a topic unless the corpus uses it in more than this share of its paragraphs ("US" in the seeds: 93 %). */
export const SPECIFIC_NAME_SHARE = 0.5;

/**
 * The words of a topic that none of its search hits matched ("evacuation" in "embassy drawdown evacuation"
 * on the seeds), as typed. Words without index terms ("the") are never missing; a word is found when
 * another spelling of it is (`spelled`: that spelling's term → the word's, src/analyse/entities-spellings.ts).
 */
export function unmatchedWords(topic: string, hits: readonly SearchHit[], spelled: ReadonlyMap<string, string> = new Map()): string[] {
  if (hits.length === 0) return [];
  const found = new Set(hits.flatMap((h) => h.matched));
  if (spelled.size) for (const t of [...found]) found.add(spelled.get(t) ?? t);
  const missing: string[] = [];
  for (const word of topic.split(/\s+/)) {
    const t = terms(word);
    if (t.length && t.every((term) => !found.has(term))) missing.push(word);
  }
  return missing;
}

/** The topic without some of its words. */
export function withoutWords(topic: string, words: readonly string[]): string {
  return topic.split(/\s+/).filter((w) => !words.includes(w)).join(' ');
}

/** Why what is left of a topic does or does not name a topic (the rule of `namesTopic`). */
export type RestVerdict = 'several words' | 'a name' | 'a specific word' | 'a common word' | 'a name used everywhere' | 'a word used once' | 'nothing';

/**
 * Whether what is left of a topic once its unknown words are dropped still names a topic, so that a
 * briefing on it is what the reporter asked for: two words or more do ("embassy drawdown"); a lone word
 * does when it is a name the corpus does not use everywhere ("Soleimani", not "US" in the seeds) or a word
 * the corpus uses in at least two paragraphs but at most `SPECIFIC_WORD_SHARE` of them ("cocoa" on
 * Reuters); a lone common word does not ("market" on Reuters; "futures" in "cocoa futures" on the seeds,
 * where it is one "Future decisions …"), and the answer stays "nothing about …" with suggestions.
 * `hits` are the paragraphs found for the topic: they tell whether the word is written as a name.
 *
 * @example namesTopic(seeds.index, 'embassy drawdown', hits) // 'several words'
 */
export function namesTopic(index: SearchIndex, rest: string, hits: readonly SearchHit[]): RestVerdict {
  const distinct = [...new Set(terms(rest))];
  if (distinct.length === 0) return 'nothing';
  if (distinct.length > 1) return 'several words';
  const term = distinct[0]!;
  const used = index.paragraphFrequency(term);
  const share = used / Math.max(1, index.size);
  if (writtenAsName(term, hits.map((h) => h.paragraph))) return share <= SPECIFIC_NAME_SHARE ? 'a name' : 'a name used everywhere';
  if (used < 2) return 'a word used once';
  return share <= SPECIFIC_WORD_SHARE ? 'a specific word' : 'a common word';
}

/** Whether a verdict of `namesTopic` lets the briefing go on with what is left. */
export function restNamesTopic(verdict: RestVerdict): boolean {
  return verdict === 'several words' || verdict === 'a name' || verdict === 'a specific word';
}

/**
 * Whether the paragraphs write the words of an index term as a name: capitalised in at least two thirds of
 * the uses that do not open a sentence (a sentence's first word is capitalised whatever it is).
 */
export function writtenAsName(term: string, paragraphs: readonly Paragraph[]): boolean {
  const { uses, capitalised } = capitalisedUses(term, paragraphs.map((p) => p.text));
  return uses > 0 && capitalised * 3 >= uses * 2;
}

/**
 * How many times the texts use an index term's words not opening a sentence, and how many of those are
 * capitalised (`writtenAsName`; a word the corpus lacks is searched only as a name almost always capitalised,
 * src/analyse/entities-spellings.ts).
 */
export function capitalisedUses(term: string, texts: Iterable<string>): { uses: number; capitalised: number } {
  let uses = 0;
  let capitalised = 0;
  for (const raw of texts) {
    const text = foldPunctuation(raw);
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (termOf(foldCase(m[0])) !== term) continue;
      const before = text.slice(0, m.index).trimEnd();
      if (before === '' || /[.!?:"“‘(]$/u.test(before)) continue;
      uses++;
      if (/^\p{Lu}/u.test(m[0])) capitalised++;
    }
  }
  return { uses, capitalised };
}
