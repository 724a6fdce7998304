import { stemmer } from 'stemmer';
import { IN_WORD_INVISIBLES, foldCase, foldPunctuation } from './normalize.ts';

/**
 * English stop words for retrieval: the function words of the SMART-era lists that carry no topic.
 * Kept short on purpose (measured on Cranfield, see DESIGN.md): negations and numbers stay searchable.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most my ' +
    'myself of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up ' +
    'very was we were what when where which while who whom why will with would you your yours yourself ' +
    'yourselves also said says say mr mrs ms s t'
  ).split(' '),
);

const ASCII = /^[\x00-\x7f]*$/;

/** Splits text into lower-case word tokens (letters, digits; "U.S." → "us"; apostrophes and hyphens split). */
export function tokenize(text: string): string[] {
  // Plain ASCII has no typographic punctuation or accents to fold (most wire copy): lower case is enough.
  const folded = (ASCII.test(text) ? text.toLowerCase() : foldCase(foldPunctuation(text.replace(IN_WORD_INVISIBLES, '')))).replace(/\b(?:\p{L}\.){2,}/gu, (acronym) => acronym.replaceAll('.', ''));
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A token as the index stores it: stop words dropped (null), the rest Porter-stemmed. */
export function termOf(token: string): string | null {
  if (STOP_WORDS.has(token)) return null;
  return stemOf(token);
}

/** Stems already computed: news reuses its words, and Porter stemming is most of the cost of `terms`. */
const STEMS = new Map<string, string>();

/** The Porter stem of a token, remembered (at most 200,000 tokens; then the memory starts over). */
export function stemOf(token: string): string {
  let stem = STEMS.get(token);
  if (stem === undefined) {
    stem = stemmer(token);
    if (STEMS.size >= 200_000) STEMS.clear();
    STEMS.set(token, stem);
  }
  return stem;
}

/** The index terms of a text: tokenize, drop stop words, stem. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = termOf(token);
    if (term) out.push(term);
  }
  return out;
}
