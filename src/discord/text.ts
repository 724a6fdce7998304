/**
 * Text helpers for quoting untrusted text in Discord: markdown escaping, truncation at word boundaries
 * with a visible ellipsis (never splitting a surrogate pair or a grapheme), and option cleaning.
 */

import { flattenTyped } from '../text/normalize.ts';

export const ELLIPSIS = '…';

/**
 * Characters Discord's markdown gives a meaning to anywhere in a line: formatting (* _ ~ ` |), masked
 * links ([ ]), mentions and custom emoji (< @ :). Discord renders `\` + ASCII punctuation as the character.
 */
const MARKDOWN = /[\\*_~`|[\]<@:]/g;
/** Markers that only mean something at the start of a line: headings, quotes, lists, subtext. */
const LINE_START = /^([ \t]*)([-#>+]|\d+(?=\.))/gm;

/**
 * Escapes `text` so Discord shows it literally: no formatting, no mention, no masked link, no heading,
 * quote or list.
 * @example escapeMarkdown('**hi** @everyone <@123>') // '\\*\\*hi\\*\\* \\@everyone \\<\\@123>'
 */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN, '\\$&').replace(LINE_START, (_m, space: string, marker: string) =>
    /\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The largest grapheme boundary ≤ `index` (so a cut there splits no surrogate pair, no emoji). */
function boundaryAtOrBefore(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const seg = graphemes.segment(text).containing(index);
  return seg ? seg.index : index;
}

/**
 * `text` if it fits in `max` characters; else its start cut at a word boundary (or, for a long word,
 * at a grapheme boundary) followed by "…", the whole at most `max` characters.
 * @example truncate('the quick brown fox', 12) // 'the quick…'
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return `${text.slice(0, cutPoint(text, max - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

/**
 * Where to cut `text` so that the kept prefix has at most `limit` characters: the last whitespace in the
 * second half of that range, else the last grapheme boundary (a long word is cut, a surrogate pair never).
 */
function cutPoint(text: string, limit: number): number {
  for (let i = limit; i > limit / 2; i--) {
    if (/\s/.test(text[i] ?? '')) return i;
  }
  return boundaryAtOrBefore(text, limit);
}

/**
 * Escapes then fits `text` in `max` characters: cuts the raw text (at a word) so that the escaped result
 * plus "…" fits; an escape is never separated from the character it escapes.
 * @example escapeAndTruncate('**bold** claim here', 16) // '\\*\\*bold\\*\\*…' (shown: \*\*bold\*\*…)
 */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= max) return escaped;
  if (max <= 0) return '';
  const end = escapedPrefixEnd(text, max - ELLIPSIS.length);
  const out = `${escapeMarkdown(text.slice(0, end).trimEnd())}${ELLIPSIS}`;
  return out.length <= max ? out : ELLIPSIS.slice(0, max);
}

/**
 * Escapes `text` and splits it into pieces of at most `max` characters each, cut at words (a long word at a
 * grapheme boundary), so a long paragraph can be shown whole across several fields. Each piece is escaped
 * on its own: it starts a line where it is shown, so its line-start markers are escaped too.
 * @example escapeAndSplit('one two three', 8) // ['one two', 'three']
 */
export function escapeAndSplit(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest) {
    const escaped = escapeMarkdown(rest);
    if (escaped.length <= max) {
      pieces.push(escaped);
      break;
    }
    let end = escapedPrefixEnd(rest, max);
    // Never stuck: a start that cannot be cut to fit goes out as its first grapheme (pieces are ~1000 wide).
    if (end === 0) end = graphemes.segment(rest)[Symbol.iterator]().next().value!.segment.length;
    pieces.push(escapeMarkdown(rest.slice(0, end).trimEnd()));
    rest = rest.slice(end).trimStart();
  }
  return pieces;
}

/**
 * Where to cut `text` so that its escaped start has at most `max` characters: at a word when one ends in
 * the second half of that range, else at a grapheme boundary. Widths are an estimate (line-start escapes
 * depend on context), so the cut is checked and moved back until it fits.
 */
function escapedPrefixEnd(text: string, max: number): number {
  let room = max;
  let rawEnd = 0;
  for (; rawEnd < text.length; rawEnd++) {
    const width = MARKDOWN_CHAR.test(text[rawEnd]!) ? 2 : 1;
    if (width > room) break;
    room -= width;
  }
  for (;;) {
    const end = cutPoint(text, rawEnd);
    const length = escapeMarkdown(text.slice(0, end).trimEnd()).length;
    if (length <= max || rawEnd === 0) return length <= max ? end : 0;
    rawEnd = Math.max(0, rawEnd - Math.max(1, length - max));
  }
}
const MARKDOWN_CHAR = /[\\*_~`|[\]<@:\n]/;

/** Longest option value the bot accepts; the builders declare the same. */
export const MAX_OPTION_LENGTH = 100;

/**
 * Cleans a user's option value: control and format characters become spaces, whitespace collapses,
 * ends are trimmed. Length is checked by the caller (too long is a bad option, not silently cut).
 */
export function cleanOption(raw: string): string {
  return flattenTyped(raw);
}

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** A footnote mark: 1 → ¹, 12 → ¹². */
export function superscript(n: number): string {
  return String(n).split('').map((d) => SUPERSCRIPT[Number(d)]).join('');
}
