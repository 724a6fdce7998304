/**
 * Headings of the sections an answer's items may belong to (`AnswerItem.section`), shared by every
 * renderer so the console and Discord say the same thing. A section without a heading here is shown
 * under its own name.
 */
export const SECTION_TITLES: Record<string, string> = {
  dropped: 'Dropped by the loader (not content)',
  problem: 'Problems',
  article: 'Articles',
  descriptor: 'Who they are, per the sources',
  quote: 'Quotes',
  mention: 'Mentions',
};
