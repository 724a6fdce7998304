import { matchKey } from '../text/normalize.ts';

/** Ids people type: article slugs and paragraph citation ids. */

/** A lower-case slug of letters, digits and single hyphens: "US Embassy_2020.md" → "us-embassy-2020-md". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Citation ids for an article's paragraphs: `<article>-<code>`, e.g. `001-k3f9`, where the four-character
 * code comes from the paragraph's own words (a hash of its normalised text). So an id depends on nothing
 * but the paragraph itself: it survives restarts, other files being added, and edits to the article's
 * other paragraphs (a correction inserted above it does not renumber it). Two paragraphs of one article
 * that would share a code (the same words twice, or a rare hash collision) are told apart deterministically.
 *
 * @example paragraphIds('001', ['First.', 'Second.']) // ['001-xxxx', '001-yyyy'], the same on every run
 */
export function paragraphIds(articleId: string, texts: readonly string[]): string[] {
  const used = new Set<string>();
  return texts.map((text) => {
    const key = matchKey(text);
    for (let k = 0; ; k++) {
      const code = codeOf(k === 0 ? key : `${key}\u0000${k}`);
      if (!used.has(code)) {
        used.add(code);
        return `${articleId}-${code}`;
      }
    }
  });
}

/** Crockford's base-32 alphabet: no i, l, o or u, so an id read aloud or retyped is not misread. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Four base-32 characters from the 32-bit FNV-1a hash of a string. */
function codeOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let code = '';
  for (let i = 0; i < 4; i++, h >>>= 5) code += ALPHABET[h & 31];
  return code;
}

/**
 * How many retired citation ids are remembered with the reason they went (the oldest forgotten first): by
 * the in-memory library and by the PostgreSQL archive alike.
 */
export const MAX_RETIRED = 100_000;
