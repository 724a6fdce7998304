/**
 * Normalisation for matching only. Excerpts are always shown as written; these functions produce keys.
 */

/** Folds typographic variants so that the same words match: curly quotes, dashes, odd spaces. */
export function foldPunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' ');
}

/** Lower case without accents: "Kadhimi" and "Kádhimi" give the same key. */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A key for comparing whole sentences or phrases: folded punctuation, case and whitespace. */
export function matchKey(text: string): string {
  return foldCase(foldPunctuation(text)).replace(/\s+/g, ' ').trim();
}
