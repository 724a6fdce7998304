/**
 * Two repairs of text that was mangled before it reached us, both reversible and both restoring what the
 * publisher wrote, never rewriting it:
 * - C1 control characters (U+0080–U+009F) standing for Windows-1252 punctuation (U+0092 for ’): no text
 *   means a C1 control, and browsers and feed readers show them as Windows-1252;
 * - UTF-8 decoded twice as Windows-1252 ("â€™" for ’, "Ã©" for é): undone only when the whole run of
 *   suspect characters re-encodes to valid UTF-8.
 */
import iconv from 'iconv-lite';

const C1 = /[\u0080-\u009f]/g;

/** Windows-1252's characters for bytes 0x80–0x9F (undefined bytes stay as they are). */
const CP1252_C1 = iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252');

/** Characters that appear when UTF-8 is read as Windows-1252: lead bytes Â Ã Å Ä â € etc. followed by continuation bytes. */
const MOJIBAKE = /(?:[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|[\u00e0-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2})+/g;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Repairs C1 controls and double-encoded UTF-8 in `text`; text without either comes back unchanged.
 *
 * @example repairText('don\u0092t') // 'don’t'
 * @example repairText('Kennedyâ€™s') // 'Kennedy’s'
 */
export function repairText(text: string): string {
  let out = text;
  if (MOJIBAKE.test(out)) {
    MOJIBAKE.lastIndex = 0;
    out = out.replace(MOJIBAKE, (run) => {
      const bytes = iconv.encode(run, 'windows-1252');
      // Characters windows-1252 cannot encode come back as '?': then this was not mojibake.
      if (bytes.includes(0x3f) && !run.includes('?')) return run;
      try {
        return utf8.decode(bytes);
      } catch {
        return run;
      }
    });
  }
  MOJIBAKE.lastIndex = 0;
  if (C1.test(out)) {
    C1.lastIndex = 0;
    out = out.replace(C1, (c) => {
      const mapped = CP1252_C1[c.charCodeAt(0) - 0x80]!;
      return mapped === '\ufffd' ? c : mapped;
    });
  }
  C1.lastIndex = 0;
  return out;
}

/**
 * The paragraphs of plain text (a text/plain page, a feed's plain-text content): split at blank lines,
 * whitespace collapsed, repaired once (`repairText`); nothing else is rewritten, so a `<` or an `&amp;` in
 * the text stays as written.
 *
 * @example textParagraphs('a < b\n\nx &amp; y') // ['a < b', 'x &amp; y']
 */
export function textParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => repairText(p.replace(/\s+/g, ' ').trim()))
    .filter(Boolean);
}
