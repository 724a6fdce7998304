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
 * Citation id of paragraph `n` (1-based) of an article: `<article>-p<n>`, e.g. `000-p4`.
 * Depends only on the article id and the paragraph's position, so it is stable across restarts.
 */
export function paragraphId(articleId: string, n: number): string {
  return `${articleId}-p${n}`;
}

/** Splits a citation id back into article id and paragraph number, or null when it is not one. */
export function parseParagraphId(id: string): { article: string; n: number } | null {
  const m = /^(.+)-p(\d+)$/.exec(id);
  return m ? { article: m[1]!, n: Number(m[2]) } : null;
}
