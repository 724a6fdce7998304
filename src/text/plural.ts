/**
 * A count with its noun, in the bot's own words: the one helper every door's text counts with, so no
 * remark says "1 articles" or "file(s)".
 */

/**
 * `n` and the noun, singular for exactly one; thousands separated as an editor writes them.
 * @example plural(1, 'article') // '1 article'
 * @example plural(1204, 'paragraph') // '1,204 paragraphs'
 * @example plural(2, 'file or line', 'files or lines') // '2 files or lines'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
