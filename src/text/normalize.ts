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

/**
 * Invisible characters that sit inside words without ending them: the soft hyphen (web pages' `&shy;`),
 * zero-width (non-)joiners, the word joiner and a stray byte-order mark. Dropped, not made spaces, so
 * "emb\u00ADassy", typed or in a page, is the word "embassy".
 */
export const IN_WORD_INVISIBLES = /[\u00AD\u200C\u200D\u2060\uFEFF]/g;

/**
 * Text a person typed, on one line: in-word invisibles dropped, other control and format characters and
 * line separators made spaces, whitespace collapsed, ends trimmed. What every door does to an option or a
 * query before reading it.
 *
 * @example flattenTyped(' emb\u00ADassy\ndraw\u0000down ') // 'embassy draw down'
 */
export function flattenTyped(raw: string): string {
  return raw.replace(IN_WORD_INVISIBLES, '').replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Lower case without accents: "Kadhimi" and "Kádhimi" give the same key. */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A key for comparing whole sentences or phrases: folded punctuation, case and whitespace. */
export function matchKey(text: string): string {
  return foldCase(foldPunctuation(text)).replace(/\s+/g, ' ').trim();
}
